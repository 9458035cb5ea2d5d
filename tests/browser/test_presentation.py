"""The exported map as a presentation: filters, reach panel, present mode, PNG, keyboard (issue 7)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from socialmap import MapOptions, build_map

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ACCOUNTS = ROOT / "socialmap" / "sample" / "accounts.csv"
SAMPLE_RELATIONSHIPS = ROOT / "socialmap" / "sample" / "relationships.csv"
HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1;alert(1)">"\''


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(
        title="Derby and Derbyshire", source="Invented sample", data_date="2026-11-24"))
    path = tmp_path_factory.mktemp("presentation") / "map.html"
    path.write_text(result.html, encoding="utf-8")
    return path, result


def test_unticking_a_group_hides_exactly_its_accounts(sample, open_map):
    path, result = sample
    page, log = open_map(path)
    first = page.locator("#sm-legend-items input").first
    first.uncheck()
    hidden = set(page.evaluate("window.socialmap.nodes.get({filter: (n) => n.hidden === true}).map((n) => n.id)"))
    group = result.partition.names[0]
    expected = {n for n in result.graph if result.partition.names[result.partition.membership[n]] == group}
    assert hidden == expected
    first.check()
    assert page.evaluate("window.socialmap.nodes.get({filter: (n) => n.hidden === true}).length") == 0
    assert log.errors == [] and log.network_requests() == []


def test_reach_panel_shows_the_figures_with_their_caveat(sample, open_map):
    path, result = sample
    page, _ = open_map(path)
    panel = page.locator("#sm-reach")
    assert panel.is_hidden()
    page.click("#sm-reach-button")
    assert panel.is_visible()
    figures = dict(zip(panel.locator("dt").all_text_contents(), panel.locator("dd").all_text_contents()))
    assert figures["Accounts"] == "223"
    assert figures["Potential reach (followers)"] == f"{result.reach.potential_reach:,.0f}"
    assert figures["Weekly opportunities to view"] == f"{result.reach.weekly_otv:,.0f}"
    assert "an upper bound on reach, not reach" in panel.text_content()
    assert panel.locator("table").first.locator("tbody tr").count() == 10
    page.click("#sm-reach-close")
    assert panel.is_hidden()


def test_present_mode_hides_the_controls(sample, open_map):
    path, _ = sample
    page, log = open_map(path)
    page.click("#sm-present-button")
    assert page.locator(".sm-tools").is_hidden() and page.locator(".sm-side").is_hidden()
    assert page.locator("#sm-title").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".sm-tools").is_visible()
    assert log.errors == []


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_png_download_is_twice_the_screen(sample, open_map):
    path, _ = sample
    page, log = open_map(path)
    with page.expect_download() as download:
        page.click("#sm-png-button")
    saved = download.value.path()
    width, height = _png_size(Path(saved).read_bytes())
    css = page.evaluate("[document.querySelector('#sm-map canvas').clientWidth, document.querySelector('#sm-map canvas').clientHeight]")
    # the view with the key beside it (280 px) and the title and source strips (76 + 30 px): test_pictures.py
    assert (width, height) == ((css[0] + 280) * 2, (css[1] + 76 + 30) * 2)
    assert download.value.suggested_filename == "Derby-and-Derbyshire.png"
    # the map on screen is back at the screen's own resolution
    assert page.evaluate("document.querySelector('#sm-map canvas').width") == css[0]
    assert log.errors == [] and log.network_requests() == []


def test_keyboard_reaches_search_and_every_control(sample, open_map):
    path, _ = sample
    page, _ = open_map(path)
    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    for control in ("sm-search", "sm-reach-button", "sm-png-button", "sm-present-button"):
        assert control in reached
    assert "INPUT" in reached  # the legend's checkboxes


def test_hostile_title_source_and_legend_never_run(tmp_path, open_map):
    accounts = tmp_path / "accounts.csv"
    quoted = HOSTILE.replace('"', '""')
    accounts.write_text(
        f'id,name,Team,url\na,"{quoted}","{quoted}",javascript:alert(1)\nb,Beta,"{quoted}",https://example.org/b\n',
        encoding="utf-8",
    )
    result = build_map(accounts, options=MapOptions(title=HOSTILE, subtitle=HOSTILE, source=HOSTILE,
                                                    data_date=HOSTILE, colour_by="Team"))
    path = tmp_path / "hostile.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert page.locator("#sm-title").text_content() == HOSTILE
    assert HOSTILE in page.locator("#sm-source").text_content()
    assert HOSTILE in page.locator("#sm-legend-items").text_content()
    for key in ("a", "b"):
        point = page.evaluate(
            """(key) => { const {network} = window.socialmap; network.focus(key, {animation: false});
               const dom = network.canvasToDOM(network.getPositions([key])[key]);
               const rect = network.body.container.getBoundingClientRect();
               return {x: rect.left + dom.x, y: rect.top + dom.y}; }""", key)
        page.mouse.move(point["x"], point["y"])
        page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
        page.mouse.click(point["x"], point["y"])  # "a" has its javascript: link dropped: nothing opens
    page.click("#sm-reach-button")
    page.click("#sm-about summary")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("img, svg").count() == 0
    assert log.errors == [] and log.network_requests() == []


@pytest.mark.parametrize("layout, named", [("force", 10), ("communities", 10), ("geo", 5), ("mindmap", 5)])
def test_the_labels_shown_at_first_view_never_write_over_each_other(tmp_path, open_map, layout, named):
    """On geo and mind maps the area boxes are most of the first view's words; account names keep off them."""
    path = tmp_path / f"{layout}.html"
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, areas=ROOT / "socialmap" / "sample" / "areas.csv",
                       options=MapOptions(layout=layout))
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    boxes = page.evaluate("window.socialmap.labelBoxes()")
    accounts = {data["name"] or data["id"] for _, data in result.graph.nodes(data=True)}
    names = [box["text"] for box in boxes if box["text"] in accounts]
    assert len(names) >= named, "the largest accounts are named at first view"
    assert len(set(names)) == len(names), "a name is written once"
    crossing = [(a["text"], b["text"]) for n, a in enumerate(boxes) for b in boxes[n + 1:]
                if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]
    assert crossing == []
    assert log.errors == []
