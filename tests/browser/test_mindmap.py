"""Issue 15, item 5: the mind map as the Derby map, at 1366x768.

The region in the middle, the areas round it, each area's accounts round
its box. On the sample, on 50-account lists with an area column (the
commonest input: no links) and on a channel list of 1,003 accounts we read what the page drew
(``window.socialmap.labelBoxes()``) and where vis drew the dots, and check
what a reader would see: every area's box drawn, no box or name over
another or over a dot, nothing cut at the edge, dots big enough to see and
many accounts named. Screenshots are kept in the test's folder.
"""

from __future__ import annotations

import itertools

import pytest

from socialmap import MapOptions, build_map
from tests.conftest import DATA, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS

from map_shapes import accounts_table

pytestmark = pytest.mark.browser

DRAWN = """() => {
  const {network, labelBoxes, data} = window.socialmap;
  const rect = network.body.container.getBoundingClientRect();
  const body = network.body.nodes, scale = network.getScale();
  const dots = network.body.nodeIndices.map((id) => {
    const at = network.canvasToDOM({x: body[id].x, y: body[id].y});
    return {id: id, x: rect.left + at.x, y: rect.top + at.y, r: body[id].options.size * scale};
  });
  return {boxes: labelBoxes(), dots: dots, hubs: data.hubs.map((h) => [h.kind, h.label]),
          map: {left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom}};
}"""


def _crossing(boxes):
    return [(a["text"], b["text"]) for a, b in itertools.combinations(boxes, 2)
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def _on_a_dot(box, dots):
    """The dots a box covers any part of."""
    hit = []
    for dot in dots:
        nx = min(max(dot["x"], box["left"]), box["right"]) - dot["x"]
        ny = min(max(dot["y"], box["top"]), box["bottom"]) - dot["y"]
        if nx * nx + ny * ny < dot["r"] ** 2:
            hit.append(dot["id"])
    return hit


def _open(tmp_path, open_map, name, result):
    path = tmp_path / f"{name}.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    drawn = page.evaluate(DRAWN)
    page.screenshot(path=str(tmp_path / f"{name}.png"))
    assert log.errors == []
    return drawn


CASES = {
    "sample": lambda: build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS,
                                options=MapOptions(title="Derby and Derbyshire", layout="mindmap")),
    "sample-list": lambda: build_map(SAMPLE_ACCOUNTS, options=MapOptions(title="Derby and Derbyshire", layout="mindmap")),
    "fifty-list": lambda: build_map(accounts_table(50, seed=50), options=MapOptions(title="Amber Valley",
                                                                                     layout="mindmap")),
    "fifty-list-no-followers": lambda: build_map(accounts_table(50, seed=7, followers=False),
                                                 options=MapOptions(title="Amber Valley", layout="mindmap")),
    "channel-list": lambda: build_map(DATA / "council_channels.csv", options=MapOptions(layout="mindmap")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_mind_map_opens_tidy(tmp_path, open_map, case):
    result = CASES[case]()
    drawn = _open(tmp_path, open_map, case, result)
    boxes, dots, frame = drawn["boxes"], drawn["dots"], drawn["map"]
    texts = {box["text"]: box for box in boxes}
    hubs = [label for kind, label in drawn["hubs"] if kind in ("region", "area")]
    assert [label for label in hubs if label not in texts] == [], "the region and every area have their box"
    assert _crossing(boxes) == [], "no two boxes or names overlap"
    assert [box["text"] for box in boxes if box["left"] < frame["left"] or box["top"] < frame["top"]
            or box["right"] > frame["right"] or box["bottom"] > frame["bottom"]] == [], "nothing cut at the edge"
    covered = {label: _on_a_dot(texts[label], dots) for label in hubs}
    assert {label: hit for label, hit in covered.items() if hit} == {}, "no hub box sits on a dot"
    count = result.graph.number_of_nodes()
    smallest = 3 if count <= 300 else 2  # px: a dot 6 px across (4 on a map of a thousand accounts)
    assert min(dot["r"] for dot in dots) >= smallest, f"every dot at least {2 * smallest} px across"
    names = {box["text"] for box in boxes} - set(label for _, label in drawn["hubs"])
    named = sum(1 for _, data in result.graph.nodes(data=True) if data["name"] in names)
    assert named >= (count // 2 if count <= 60 else count // 5 if count <= 300 else 40), f"{named} of {count} named"
