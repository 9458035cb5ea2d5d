"""Issue 15, items 3, 4 and 8: every text on the map placed by one routine, a first view that fits.

Maps of many shapes (10, 50 and 300 accounts, with and without links and
follower counts, 2,000 accounts; every layout) are built from a seeded
generator (map_shapes.py) and opened at 1366x768. On each first view we read
``window.socialmap.labelBoxes()`` (what the page drew, in page pixels) and
the dots vis drew, and check what a reader would see: no two texts over each
other, no text cut at the edge of the map, enough accounts named, and dots
not piled on each other.
"""

from __future__ import annotations

import itertools
import math

import pytest

from socialmap import MapOptions, build_map

from map_shapes import accounts_table, areas_table, links_table

pytestmark = pytest.mark.browser

LAYOUTS = ("force", "communities", "mindmap", "geo")
SHAPES = [(count, links, followers) for count in (10, 50, 300) for links in (False, True) for followers in (True, False)]

FIRST_VIEW = """() => {
  const {network, labelBoxes} = window.socialmap;
  const rect = network.body.container.getBoundingClientRect();
  const body = network.body.nodes;
  const dots = network.body.nodeIndices.filter((id) => !id.startsWith(' ')).map((id) => (
    {id: id, x: body[id].x, y: body[id].y, r: body[id].options.size}));
  return {boxes: labelBoxes(), map: {left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom},
          dots: dots, scale: network.getScale()};
}"""


def _write_map(folder, count, links, followers, layout, **options):
    accounts = accounts_table(count, seed=count + 2 * links + followers, followers=followers)
    relationships = links_table(accounts, seed=count) if links else None
    areas = areas_table(accounts) if layout == "geo" else None
    result = build_map(accounts, relationships, areas=areas, options=MapOptions(layout=layout, **options))
    path = folder / f"{count}-{'links' if links else 'list'}-{'followers' if followers else 'nofollowers'}-{layout}.html"
    path.write_text(result.html, encoding="utf-8")
    return path, result.graph


def _crossing(boxes):
    return [(a["text"], b["text"]) for a, b in itertools.combinations(boxes, 2)
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def _outside(boxes, frame):
    return [box["text"] for box in boxes if box["left"] < frame["left"] or box["top"] < frame["top"]
            or box["right"] > frame["right"] or box["bottom"] > frame["bottom"]]


def _piled(dots):
    """Pairs of dots overlapping by more than half the smaller one's radius (in map units)."""
    piled = []
    for a, b in itertools.combinations(dots, 2):
        apart = math.hypot(a["x"] - b["x"], a["y"] - b["y"])
        if a["r"] + b["r"] - apart > 0.5 * min(a["r"], b["r"]) + 1e-6:
            piled.append((a["id"], b["id"]))
    return piled


def _check_first_view(page, graph, *, piling: bool = True):
    view = page.evaluate(FIRST_VIEW)
    boxes = view["boxes"]
    assert _crossing(boxes) == [], "no two texts on the map overlap"
    assert _outside(boxes, view["map"]) == [], "every text is inside the map"
    names = {box["text"] for box in boxes}
    named = sum(1 for _, data in graph.nodes(data=True) if (data["name"] or data["id"]) in names)
    count = graph.number_of_nodes()
    assert named >= (math.ceil(count / 2) if count <= 60 else 10), f"{named} of {count} accounts named"
    if piling and count <= 300:
        piled = _piled(view["dots"])
        assert piled == [], f"{len(piled)} pairs of dots piled, such as {piled[:3]}"
    return view


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_shape_opens_with_names_apart_inside_the_map_and_dots_not_piled(tmp_path, open_map, layout):
    problems = []
    for count, links, followers in SHAPES:
        path, graph = _write_map(tmp_path, count, links, followers, layout)
        page, log = open_map(path)
        try:
            _check_first_view(page, graph)
            assert log.errors == []
        except AssertionError as error:
            problems.append(f"{path.name}: {error}")
        finally:
            page.close()
    assert problems == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_two_thousand_accounts_name_at_least_ten_and_keep_them_apart(tmp_path, open_map, layout):
    path, graph = _write_map(tmp_path, 2000, True, True, layout)
    page, log = open_map(path)
    _check_first_view(page, graph)
    assert log.errors == []


def test_an_overview_names_its_communities_apart(tmp_path, open_map):
    path, graph = _write_map(tmp_path, 300, True, True, "force", overview_above=0)
    page, log = open_map(path)
    view = page.evaluate(FIRST_VIEW)
    texts = [box["text"] for box in view["boxes"]]
    assert sum(" account" in text for text in texts) >= 5, texts
    assert _crossing(view["boxes"]) == [] and _outside(view["boxes"], view["map"]) == []
    assert log.errors == []


def test_names_on_the_map_use_one_small_range_of_sizes(tmp_path, open_map):
    """No more large first-view names over vis's small ones: every name is 11 to 15 px (box 14 to 20 px tall)."""
    path, graph = _write_map(tmp_path, 300, True, True, "force")
    page, _ = open_map(path)
    heights = {round(box["bottom"] - box["top"]) for box in page.evaluate("window.socialmap.labelBoxes()")}
    assert min(heights) >= 14 and max(heights) <= 20, heights
    page.evaluate("window.socialmap.network.moveTo({scale: window.socialmap.network.getScale() * 4, animation: false})")
    page.evaluate("window.socialmap.network.redraw()")
    zoomed = page.evaluate("window.socialmap.labelBoxes()")
    assert zoomed and max(round(box["bottom"] - box["top"]) for box in zoomed) <= 20, "zooming in keeps names small"


def test_the_fifty_account_list_looks_like_a_slide(tmp_path, open_map):
    """The commonest input (a list of accounts, no links): at least half named, names apart, dots apart.
    The screenshot is kept for a person to look at."""
    path, graph = _write_map(tmp_path, 50, False, True, "force")
    page, _ = open_map(path)
    view = _check_first_view(page, graph)
    page.screenshot(path=str(tmp_path / "fifty-accounts.png"))
    radii = [dot["r"] * view["scale"] for dot in view["dots"]]
    assert max(radii) <= 24.5, "no dot is more than 48 px across"
    assert min(radii) >= 2, "every dot is big enough to see"


# --- find an account --------------------------------------------------------

def _search(page, text):
    search = page.locator("#sm-search")
    search.fill(text)
    search.press("Enter")


def _settled(page, tries: int = 100):
    """Wait until the view stops moving (vis animates frame by frame: slower on a busy machine)."""
    view = "[window.socialmap.network.getScale(), window.socialmap.network.getViewPosition()]"
    before = page.evaluate(view)
    for _ in range(tries):
        page.wait_for_timeout(250)
        now = page.evaluate(view)
        if now == before:
            return
        before = now
    raise AssertionError("the view never settled")


def test_find_an_account_zooms_to_it_and_its_neighbours_at_a_readable_scale(tmp_path, open_map):
    path, graph = _write_map(tmp_path, 300, True, True, "force")
    page, log = open_map(path)
    key = max(sorted(graph), key=lambda node: graph.degree(node))
    data = graph.nodes[key]
    _search(page, data["id"])
    page.wait_for_function("(key) => window.socialmap.network.getSelectedNodes()[0] === key", arg=key)
    _settled(page)
    view = page.evaluate(FIRST_VIEW)
    name = data["name"] or data["id"]
    assert name in {box["text"] for box in view["boxes"]}, "the account found is named"
    assert max(box["bottom"] - box["top"] for box in view["boxes"]) <= 20 * 1.3, "names at most about 20 px"
    neighbours = set(graph.predecessors(key)) | set(graph.successors(key)) | {key}
    in_view = page.evaluate(
        """(keys) => { const {network} = window.socialmap; const rect = network.body.container.getBoundingClientRect();
           return keys.filter((k) => { const p = network.canvasToDOM(network.getPositions([k])[k]);
             return p.x >= 0 && p.y >= 0 && p.x <= rect.width && p.y <= rect.height; }); }""", sorted(neighbours))
    assert set(in_view) == neighbours, "the account and its neighbours are all in view"
    assert log.errors == []


def test_the_search_list_tells_apart_accounts_of_one_name(tmp_path, open_map):
    path, graph = _write_map(tmp_path, 50, False, True, "force")
    page, _ = open_map(path)
    page.locator("#sm-search").focus()
    choices = page.evaluate("Array.from(document.querySelectorAll('#sm-accounts option')).map((o) => o.value)")
    assert len(choices) == len(set(choices)) == 50
    names = [data["name"] for _, data in graph.nodes(data=True)]
    repeated = next(name for name in names if names.count(name) > 1)
    for _, data in graph.nodes(data=True):
        if data["name"] == repeated:
            assert f"{repeated} ({data['id']}, {data['platform']})" in choices


def test_an_account_hidden_by_the_key_is_said_to_be_hidden(tmp_path, open_map):
    path, graph = _write_map(tmp_path, 50, False, True, "force")
    page, log = open_map(path)
    page.locator("#sm-legend-items input").first.uncheck()
    group = page.locator("#sm-legend-items li span").nth(1).text_content()
    hidden = next(data for _, data in graph.nodes(data=True) if data["category"] == group)
    _search(page, hidden["id"])
    page.wait_for_function("() => document.getElementById('sm-search-result').textContent.startsWith('Hidden')")
    assert page.locator("#sm-search-result").text_content() == f"Hidden: tick “{group}” in the key"
    assert page.evaluate("window.socialmap.network.getSelectedNodes()") == []
    assert log.errors == []
