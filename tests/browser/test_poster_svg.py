"""The SVG poster as Chromium draws it (issue 17, item 6): names never overlap in a real renderer, nothing is fetched."""

from __future__ import annotations

from socialmap.options import MapOptions
from socialmap.pipeline import build_map
from socialmap.poster import map_file
from tests.browser.conftest import logged_page
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS


def test_svg_poster_names_do_not_overlap_as_chromium_draws_them(browser, tmp_path):
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(title="Derby and Derbyshire"))
    path = tmp_path / "map.svg"
    path.write_bytes(map_file("svg", result.payload, result.text, paper="A3"))
    page, log = logged_page(browser, width=1600, height=1140)
    try:
        page.goto(path.as_uri())
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll('g.sm-names text')).map(t => {
            const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]; })""")
        title = page.evaluate("() => document.querySelector('text.sm-title').getBBox().width")
    finally:
        page.close()
    assert len(boxes) >= 100 and title > 100  # drawn, with a font that has the letters
    overlaps = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    assert not overlaps
    assert log.network_requests() == [] and not log.errors
