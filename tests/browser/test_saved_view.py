"""A saved view: the groups hidden, the account searched for, zoom and pan and dragged accounts come back (issue 17).

Kept two ways: "Save this view" downloads a copy of the page that opens on the view, and the
address holds it (#view=...). A bad or hostile view is ignored, never run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from socialmap import MapOptions, build_map

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "socialmap" / "sample"
HOSTILE = '</script><img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1</script>'


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory):
    result = build_map(SAMPLE / "accounts.csv", SAMPLE / "relationships.csv", options=MapOptions(title="Derby and Derbyshire"))
    path = tmp_path_factory.mktemp("view") / "map.html"
    path.write_text(result.html, encoding="utf-8")
    return path


def _view(page) -> dict:
    return page.evaluate("""() => { const s = window.socialmap, n = s.network, p = n.getViewPosition();
        return {hidden: s.data.legend.map((e, g) => s.groupHidden(g)),
                unticked: Array.from(document.querySelectorAll('#sm-legend-items input')).map((b) => !b.checked),
                scale: n.getScale(), x: p.x, y: p.y, search: document.getElementById('sm-search').value,
                selected: n.getSelectedNodes()}; }""")


def _position(page, key: str) -> dict:
    return page.evaluate("(key) => window.socialmap.network.getPositions([key])[key]", key)


def _on_screen(page, key: str) -> tuple[float, float]:
    point = page.evaluate("""(key) => { const n = window.socialmap.network;
        const dom = n.canvasToDOM(n.getPositions([key])[key]);
        const rect = n.body.container.getBoundingClientRect();
        return [rect.left + dom.x, rect.top + dom.y]; }""", key)
    return point[0], point[1]


def _arrange(page) -> str:
    """Hide a group, find an account, zoom with the wheel, drag an account: as a reader would. The dragged key."""
    searched = page.evaluate("window.socialmap.data.nodes.group[window.socialmap.data.nodes.label.indexOf('Derby City Council')]")
    page.locator("#sm-legend-items input").nth(1 if searched != 1 else 2).uncheck()
    page.evaluate("() => { window.__settled = false; window.socialmap.network.once('animationFinished', () => { window.__settled = true; }); }")
    page.fill("#sm-search", "Derby City Council")
    page.press("#sm-search", "Enter")
    page.wait_for_function("() => window.__settled === true")
    box = page.locator("#sm-map").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.55)
    page.mouse.wheel(0, 240)  # zoom out a little
    page.wait_for_function("() => window.socialmap.network.getScale() > 0")
    # the account named at the search's centre, dragged 60 px right and 40 px down
    key = page.evaluate("window.socialmap.data.nodes.key[window.socialmap.indexOf(window.socialmap.network.getSelectedNodes()[0])]")
    page.evaluate("(key) => { window.__before = window.socialmap.network.getPositions([key])[key]; }", key)
    x, y = _on_screen(page, key)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y + 20, steps=5)
    page.mouse.move(x + 60, y + 40, steps=5)
    page.mouse.up()
    return key


def _same_view(before: dict, after: dict) -> None:
    assert after["hidden"] == before["hidden"] and after["unticked"] == before["unticked"]
    assert after["search"] == before["search"]
    assert abs(after["scale"] / before["scale"] - 1) < 0.01
    assert abs(after["x"] - before["x"]) * before["scale"] < 1 and abs(after["y"] - before["y"]) * before["scale"] < 1


def test_a_saved_view_reopens_as_it_was_arranged(sample_map, open_map):
    page, log = open_map(sample_map)
    start = _view(page)
    key = _arrange(page)
    before, dragged = _view(page), _position(page, key)
    assert sum(before["hidden"]) == 1 and before["search"] == "Derby City Council"
    assert abs(before["scale"] / start["scale"] - 1) > 0.05, "the wheel zoomed"
    original = page.evaluate("window.__before")
    with page.expect_download() as download:
        page.click("#sm-save-button")
    assert download.value.suggested_filename == "Derby-and-Derbyshire-view.html"
    saved = Path(download.value.path()).with_suffix(".html")
    saved.write_bytes(Path(download.value.path()).read_bytes())
    reopened, reopened_log = open_map(saved)
    after = _view(reopened)
    _same_view(before, after)
    assert key in after["selected"], "the account searched for is selected again"
    moved = _position(reopened, key)
    assert abs(moved["x"] - dragged["x"]) * before["scale"] < 1 and abs(moved["y"] - dragged["y"]) * before["scale"] < 1
    assert abs(dragged["x"] - original["x"]) * before["scale"] > 30, "the drag moved the account"
    # the same self-contained page: the data as it was, one script element more (the view, not run)
    html, copy = sample_map.read_text(encoding="utf-8"), saved.read_text(encoding="utf-8")
    assert copy.count("<script") == html.count("<script") + 1
    assert re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', copy, re.S).group(1) == \
        re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', html, re.S).group(1)
    for log_of in (log, reopened_log):
        assert log_of.errors == [] and log_of.network_requests() == []


def test_the_address_keeps_the_view_for_a_bookmark(sample_map, open_map, browser):
    page, _ = open_map(sample_map)
    assert "#view=" not in page.url, "an untouched map keeps its plain address"
    key = _arrange(page)
    page.wait_for_function("() => location.hash.startsWith('#view=') && location.hash.includes('moved')")
    page.wait_for_timeout(400)  # the address is written 250 ms after the last change
    before, dragged, address = _view(page), _position(page, key), page.url
    bookmark = browser.new_page(viewport={"width": 1366, "height": 768})
    bookmark.goto(address)
    bookmark.wait_for_function("() => document.documentElement.dataset.socialmapReady === 'true'")
    _same_view(before, _view(bookmark))
    moved = _position(bookmark, key)
    assert abs(moved["x"] - dragged["x"]) * before["scale"] < 1
    bookmark.close()


@pytest.mark.parametrize("view", [
    json.dumps({"search": HOSTILE, "hidden": "alert(1)", "scale": "1e999", "x": {"valueOf": 1}, "y": None,
                "moved": {"__proto__": [1, 2], "constructor": [0, 0], "nobody": [1, 1]}, "opened": [-1, 1e9]}),
    json.dumps({"hidden": [0, 99, -1, 0.5, "1"], "scale": -3, "x": 1e308, "y": 5, "moved": [[1, 2]], "extra": HOSTILE}),
    json.dumps([1, 2, 3]),
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "javascript:alert(1)",
    "{" * 5000,
    json.dumps({"search": "x" * 20000}),
])
def test_a_bad_or_hostile_view_in_the_address_is_ignored(sample_map, browser, view):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(sample_map.resolve().as_uri() + "#view=" + quote(view, safe=""))
    page.wait_for_function("() => document.documentElement.dataset.socialmapReady === 'true'")
    state = _view(page)
    assert page.evaluate("window.__pwned") is None and dialogs == [] and errors == []
    assert page.locator("img").count() == 0
    assert state["scale"] > 0 and all(isinstance(state[k], (int, float)) for k in ("x", "y"))
    if "nobody" in view:  # a hostile search is text in the search box, matching nothing
        assert state["search"] == HOSTILE and page.locator("#sm-search-result").text_content() == "No match"
    assert page.evaluate("window.socialmap.nodes.length") == 223
    page.close()


def test_hostile_text_stays_text_in_a_saved_view(tmp_path, open_map, hostile_map):
    path, result = hostile_map(HOSTILE, more_rows="c,Gamma,Other,20\n")
    page, log = open_map(path)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.fill("#sm-search", HOSTILE)
    page.press("#sm-search", "Enter")
    other = page.evaluate("window.socialmap.data.legend.findIndex((e) => e.label === 'Other')")
    page.locator("#sm-legend-items input").nth(other).uncheck()
    with page.expect_download() as download:
        page.click("#sm-save-button")
    copy = Path(download.value.path()).read_text(encoding="utf-8")
    assert copy.count("<script") == result.html.count("<script") + 1
    assert "<img" not in copy and HOSTILE not in copy
    view = re.search(r'<script type="application/json" id="sm-view">(.*?)</script>', copy, re.S).group(1)
    assert json.loads(view)["search"] == HOSTILE
    saved = tmp_path / "saved.html"
    saved.write_text(copy, encoding="utf-8")
    reopened, reopened_log = open_map(saved)
    reopened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert reopened.locator("#sm-title").text_content() == HOSTILE
    assert reopened.input_value("#sm-search") == HOSTILE
    assert "a" in reopened.evaluate("window.socialmap.network.getSelectedNodes()")
    assert reopened.evaluate(f"window.socialmap.groupHidden({other})") is True
    assert reopened.evaluate("window.__pwned") is None and page.evaluate("window.__pwned") is None and dialogs == []
    assert reopened.locator("img").count() == 0
    assert log.errors == [] and reopened_log.errors == [] and reopened_log.network_requests() == []


def test_a_large_maps_saved_view_reopens_with_the_same_communities_shown(tmp_path, open_map):
    from tests.browser.test_large_map import _overview_map

    result = build_map(SAMPLE / "accounts.csv", SAMPLE / "relationships.csv", options=MapOptions(title="Derby overview"))
    large = _overview_map(tmp_path, result, threshold=50)
    page, log = open_map(large.path)
    page.evaluate("() => { window.socialmap.expand(2); window.socialmap.expand(0); }")
    opened = page.evaluate("window.socialmap.data.communities.map((c, k) => window.socialmap.isExpanded(k))")
    assert sum(opened) == 2
    with page.expect_download() as download:
        page.click("#sm-save-button")
    saved = tmp_path / "saved.html"
    saved.write_bytes(Path(download.value.path()).read_bytes())
    reopened, reopened_log = open_map(saved)
    assert reopened.evaluate("window.socialmap.data.communities.map((c, k) => window.socialmap.isExpanded(k))") == opened
    assert reopened.evaluate("window.socialmap.nodes.length") == page.evaluate("window.socialmap.nodes.length")
    assert log.errors == [] and reopened_log.errors == []
