"""A large map opens on its communities and expands one at a time (issue 9), in headless Chromium.

The threshold is a keyword of map_payload, so the Derby sample (223
accounts, 12 communities) stands in for a 100,000-account map here: it is
rendered with ``overview_above`` below its size. Each test checks that the
page asked for nothing over the network and printed no errors.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from socialmap import MapOptions, build_map
from socialmap.payload import map_payload
from socialmap.render import PageText, render_html, tooltip_text
from socialmap.story import reach_panel

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ACCOUNTS = ROOT / "socialmap" / "sample" / "accounts.csv"
SAMPLE_RELATIONSHIPS = ROOT / "socialmap" / "sample" / "relationships.csv"
HINT = "Double-click a community to show its accounts"


@dataclass(frozen=True)
class LargeMap:
    """A map rendered to open on its overview, with what the pipeline knows of it."""

    path: Path
    result: object
    payload: dict

    @property
    def graph(self) -> nx.DiGraph:
        return self.result.graph

    def members(self, community: int) -> set[str]:
        membership = self.result.partition.membership
        return {node for node in self.graph if membership[node] == community}

    def community_name(self, node: str) -> str:
        partition = self.result.partition
        return partition.names[partition.membership[node]]


def _overview_map(folder: Path, result, *, threshold: int, title: str = "Derby overview") -> LargeMap:
    """The page of a built map, rendered to open on the overview above ``threshold`` accounts."""
    colour, size = result.channels
    text = PageText(title, "The invented sample", reach=reach_panel(result.reach, result.metrics))
    payload = map_payload(result.graph, result.partition, result.layout, text, colour=colour, size=size,
                          overview_above=threshold)
    path = folder / "overview.html"
    path.write_text(render_html(payload, text), encoding="utf-8")
    return LargeMap(path, result, payload)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> LargeMap:
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(title="Derby overview"))
    return _overview_map(tmp_path_factory.mktemp("overview"), result, threshold=50)


# --- page helpers ---------------------------------------------------------------

def _drawn(page) -> dict:
    return page.evaluate(
        """() => {
          const {network, nodes, edges} = window.socialmap;
          return {ids: nodes.getIds(), positions: network.getPositions(),
                  edges: edges.get().map((e) => ({id: String(e.id), from: e.from, to: e.to, value: e.value}))};
        }"""
    )


def _community_ids(page, communities) -> list[str]:
    return page.evaluate("(cs) => cs.map((c) => window.socialmap.communityId(c))", list(communities))


def _point(page, node_id: str) -> dict:
    """The page position of a node's centre, checked to be that node's and not another's."""
    point = page.evaluate(
        """(id) => {
          const {network} = window.socialmap;
          const dom = network.canvasToDOM(network.getPositions([id])[id]);
          const rect = network.body.container.getBoundingClientRect();
          return {x: rect.left + dom.x, y: rect.top + dom.y, under: network.getNodeAt(dom)};
        }""",
        node_id,
    )
    assert point["under"] == node_id, f"another node covers {node_id!r}: {point}"
    return point


def _wait_for_node(page, key: str) -> None:
    page.wait_for_function("(key) => window.socialmap.nodes.get(key) !== null", arg=key, timeout=10_000)


def _share_in_view(page, keys) -> float:
    """The share of these accounts whose centre is inside the map's canvas as it is shown now."""
    return page.evaluate(
        """(keys) => {
          const {network} = window.socialmap;
          const rect = network.body.container.getBoundingClientRect();
          const inside = keys.filter((key) => {
            const dom = network.canvasToDOM(network.getPositions([key])[key]);
            return dom.x >= 0 && dom.y >= 0 && dom.x <= rect.width && dom.y <= rect.height;
          });
          return inside.length / keys.length;
        }""", sorted(keys))


def _quiet(log) -> None:
    assert log.network_requests() == []
    assert log.errors == []


# --- the overview ---------------------------------------------------------------

def test_opens_on_one_node_per_community_at_the_centroid_of_its_accounts(sample, open_map):
    page, log = open_map(sample.path)
    overview = sample.payload["overview"]
    sizes = sample.result.partition.sizes()
    assert overview["community"] == [c for c, n in enumerate(sizes) if n]

    drawn = _drawn(page)
    ids = _community_ids(page, overview["community"])
    assert drawn["ids"] == ids
    for c, node_id in zip(overview["community"], ids):
        members = sample.members(c)
        x = sum(sample.result.layout.positions[n][0] for n in members) / len(members)
        y = sum(sample.result.layout.positions[n][1] for n in members) / len(members)
        assert math.hypot(drawn["positions"][node_id]["x"] - x, drawn["positions"][node_id]["y"] - y) < 1
    assert {(e["from"], e["to"]) for e in drawn["edges"]} <= {(a, b) for a in ids for b in ids}
    assert len(drawn["edges"]) == len(overview["links"]["from"])

    assert page.locator("#sm-overview").is_visible()
    assert page.locator(".sm-overview-hint").text_content() == HINT
    assert page.locator("#sm-overview-button").is_hidden()
    legend = [int(t.replace(",", "")) for t in page.locator("#sm-legend-items .sm-count").all_text_contents()]
    assert sum(legend) == 223
    _quiet(log)


def test_double_click_shows_exactly_that_communitys_accounts_in_place(sample, open_map):
    page, log = open_map(sample.path)
    c = sample.payload["overview"]["community"][0]
    community_id, other_ids = _community_ids(page, [c])[0], _community_ids(page, sample.payload["overview"]["community"][1:])
    centre = _drawn(page)["positions"][community_id]
    members = sample.members(c)

    point = _point(page, community_id)
    page.mouse.dblclick(point["x"], point["y"])
    _wait_for_node(page, next(iter(members)))

    drawn = _drawn(page)
    assert set(drawn["ids"]) == members | set(other_ids)
    for key in members:  # each account at its own place in the whole map's layout
        x, y = sample.result.layout.positions[key]
        assert abs(drawn["positions"][key]["x"] - x) <= 0.5 and abs(drawn["positions"][key]["y"] - y) <= 0.5
    mean_x = sum(drawn["positions"][k]["x"] for k in members) / len(members)
    mean_y = sum(drawn["positions"][k]["y"] for k in members) / len(members)
    assert math.hypot(mean_x - centre["x"], mean_y - centre["y"]) < 1, "the accounts appear around their community"

    inside = [(u, v) for u, v in sample.graph.edges if u in members and v in members]
    account_links = [(e["from"], e["to"]) for e in drawn["edges"] if e["from"] in members and e["to"] in members]
    assert sorted(account_links) == sorted(inside)
    # the rest are the links between the other communities: none fans out from the shown accounts
    rest = [e for e in drawn["edges"] if e["from"] not in members or e["to"] not in members]
    assert all(e["from"] in other_ids and e["to"] in other_ids for e in rest)
    links = sample.payload["overview"]["links"]
    assert len(rest) == sum(1 for a, b in zip(links["from"], links["to"]) if c not in (a, b))

    assert page.locator("#sm-overview-button").is_visible()
    assert page.locator("#sm-overview-status").text_content() == (
        f"Accounts shown for 1 of {len(sample.payload['overview']['community'])} communities.")
    _quiet(log)


def test_links_between_two_shown_communities_are_links_between_accounts(sample, open_map):
    page, log = open_map(sample.path)
    first, second = sample.payload["overview"]["community"][:2]
    page.evaluate("(cs) => cs.forEach((c) => window.socialmap.expand(c))", [first, second])
    shown = sample.members(first) | sample.members(second)
    drawn = _drawn(page)
    account_links = sorted((e["from"], e["to"]) for e in drawn["edges"] if e["from"] in shown and e["to"] in shown)
    assert account_links == sorted((u, v) for u, v in sample.graph.edges if u in shown and v in shown)
    _quiet(log)


def test_back_to_overview_shows_the_communities_again(sample, open_map):
    page, log = open_map(sample.path)
    ids = _community_ids(page, sample.payload["overview"]["community"])
    page.evaluate("(cs) => cs.slice(0, 3).forEach((c) => window.socialmap.expand(c))",
                  sample.payload["overview"]["community"])
    assert len(_drawn(page)["ids"]) > len(ids)
    page.click("#sm-overview-button")
    drawn = _drawn(page)
    assert sorted(drawn["ids"]) == sorted(ids)
    assert len(drawn["edges"]) == len(sample.payload["overview"]["links"]["from"])
    assert page.locator("#sm-overview-button").is_hidden()
    _quiet(log)


def test_keyboard_users_show_a_community_from_the_list(sample, open_map):
    page, log = open_map(sample.path)
    communities = sample.payload["overview"]["community"]
    listing = page.locator("#sm-community")
    assert listing.locator("option").count() == len(communities)
    listing.select_option(str(communities[2]))
    listing.press("Enter")
    _wait_for_node(page, next(iter(sample.members(communities[2]))))
    listing.select_option(str(communities[3]))
    page.wait_for_timeout(600)
    page.evaluate("window.socialmap.network.fit({animation: false})")
    whole_map = page.evaluate("window.socialmap.network.getScale()")
    listing.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sm-expand-button"
    page.keyboard.press("Enter")
    _wait_for_node(page, next(iter(sample.members(communities[3]))))
    assert page.evaluate("(cs) => cs.map((c) => window.socialmap.isExpanded(c))", communities[:4]) == [
        False, False, True, True]
    page.wait_for_timeout(600)  # the view glides to the community shown
    assert _share_in_view(page, sample.members(communities[3])) == 1.0, "its accounts are brought into view"
    assert page.evaluate("window.socialmap.network.getScale()") > 1.5 * whole_map, "and zoomed in on"

    # a community picked on the map (click, or the arrow keys of vis) shows its accounts on Enter
    page.evaluate("window.socialmap.network.fit({animation: false})")  # the reader zooms out first
    point = _point(page, _community_ids(page, [communities[1]])[0])
    page.mouse.click(point["x"], point["y"])
    page.keyboard.press("Enter")
    _wait_for_node(page, next(iter(sample.members(communities[1]))))
    _quiet(log)


def test_finding_an_account_shows_its_community_and_selects_it(sample, open_map):
    page, log = open_map(sample.path)
    graph = sample.graph
    key = next(k for k, d in graph.nodes(data=True) if d["name"] and graph.degree(k) > 2
               and sum(1 for n, e in graph.nodes(data=True) if d["name"].lower() in (e["name"] or "").lower()) == 1)
    community = sample.result.partition.membership[key]
    assert not page.evaluate("(c) => window.socialmap.isExpanded(c)", community)

    page.fill("#sm-search", graph.nodes[key]["name"])
    page.press("#sm-search", "Enter")
    page.wait_for_function("(key) => window.socialmap.network.getSelectedNodes()[0] === key", arg=key, timeout=10_000)

    assert page.evaluate("(c) => window.socialmap.isExpanded(c)", community)
    neighbours = set(graph.predecessors(key)) | set(graph.successors(key))
    assert page.locator("#sm-search-result").text_content() == f"{len(neighbours)} linked"
    selected = set(page.evaluate("window.socialmap.network.getSelectedNodes()"))
    assert key in selected and selected - {key} <= neighbours
    _quiet(log)


def test_every_hover_text_is_tooltip_texts_and_shows_as_text(sample, open_map):
    page, log = open_map(sample.path)
    page.evaluate("() => window.socialmap.data.overview.community.forEach((c) => window.socialmap.expand(c))")
    titles = page.evaluate("() => Object.fromEntries(window.socialmap.nodes.get().map((n) => [n.id, n.title]))")
    assert titles == {key: tooltip_text(data, sample.community_name(key)) for key, data in sample.graph.nodes(data=True)}

    page.click("#sm-overview-button")
    c = sample.payload["overview"]["community"][0]
    community_id = _community_ids(page, [c])[0]
    point = _point(page, community_id)
    page.mouse.move(point["x"] + 30, point["y"] + 30)
    page.mouse.move(point["x"], point["y"], steps=3)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    lines = tooltip.inner_text().splitlines()
    assert lines[0] == sample.result.partition.names[c]
    assert lines[1].startswith(f"{len(sample.members(c))} accounts · potential reach ")
    assert lines[-1] == "Double-click to show its accounts."
    _quiet(log)


def test_unticking_a_group_hides_its_community_and_its_shown_accounts(sample, open_map):
    page, log = open_map(sample.path)
    first = sample.payload["overview"]["community"][0]
    community_id = _community_ids(page, [first])[0]
    page.locator("#sm-legend-items input").first.uncheck()
    assert page.evaluate("(id) => window.socialmap.nodes.get(id).hidden", community_id) is True
    page.evaluate("(c) => window.socialmap.expand(c)", first)
    hidden = page.evaluate("() => window.socialmap.nodes.get({filter: (n) => n.hidden === true}).map((n) => n.id)")
    assert set(hidden) == sample.members(first)
    page.locator("#sm-legend-items input").first.check()
    assert page.evaluate("window.socialmap.nodes.get({filter: (n) => n.hidden === true}).length") == 0
    _quiet(log)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_reach_present_and_png_work_on_the_overview(sample, open_map):
    page, log = open_map(sample.path)
    page.click("#sm-reach-button")
    assert page.locator("#sm-reach dd").first.text_content() == "223"
    page.click("#sm-reach-close")
    with page.expect_download() as download:
        page.click("#sm-png-button")
    width, _ = _png_size(Path(download.value.path()).read_bytes())
    assert width == 2 * (page.evaluate("document.querySelector('#sm-map canvas').clientWidth") + 280)  # the key beside
    page.click("#sm-present-button")
    assert page.locator("#sm-overview").is_hidden() and page.locator(".sm-side").is_hidden()
    page.keyboard.press("Escape")
    assert page.locator("#sm-overview").is_visible()
    _quiet(log)


# --- hostile text, and a map with many links (drawn straight onto the canvas) ------

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=1</script>"


def test_hostile_text_in_a_large_map_stays_text(tmp_path, open_map):
    accounts = pd.DataFrame({
        "id": [f"acc{n}" for n in range(8)],
        "name": [f"Name {IMG} {n}" for n in range(8)],
        "description": [f"Desc {SCRIPT}"] * 8,
        f"Notes {IMG}": [f"Note {IMG}"] * 8,
    })
    links = pd.DataFrame({"source": ["acc0", "acc1", "acc2", "acc4", "acc5", "acc6", "acc3"],
                          "target": ["acc1", "acc2", "acc0", "acc5", "acc6", "acc4", "acc7"]})
    result = build_map(accounts, links, options=MapOptions(title=f"Map {IMG}"))
    large = _overview_map(tmp_path, result, threshold=2, title=f"Map {IMG}")
    page, log = open_map(large.path)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.evaluate("() => window.socialmap.data.overview.community.forEach((c) => window.socialmap.expand(c))")
    key = "acc0"
    point = _point(page, key)
    page.mouse.move(point["x"] + 30, point["y"] + 30)
    page.mouse.move(point["x"], point["y"], steps=3)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().splitlines() == tooltip_text(large.graph.nodes[key], large.community_name(key)).splitlines()
    assert tooltip.locator(":scope *:not(br)").count() == 0
    overview = large.payload["overview"]
    assert page.locator("#sm-community option").all_text_contents() == [
        f"{large.result.partition.names[c]} ({n})" for c, n in zip(overview["community"], overview["accounts"])]
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("body img, body svg").count() == 0
    assert page.locator("script").count() == 3
    assert dialogs == []
    _quiet(log)


def test_a_map_with_many_links_opens_on_the_overview_and_expands(tmp_path, open_map):
    """Above 5,000 links the page strokes links itself; the overview's are as wide as their weight."""
    G = nx.stochastic_block_model([500, 400, 300], [[0.02, 0.002, 0.001], [0.002, 0.025, 0.002],
                                                    [0.001, 0.002, 0.03]], seed=5, directed=True)
    accounts = pd.DataFrame({"id": [f"a{n}" for n in G], "name": [f"Account {n}" for n in G],
                             "followers": [str(10 + n) for n in G]})
    links = pd.DataFrame({"source": [f"a{u}" for u, _ in G.edges], "target": [f"a{v}" for _, v in G.edges]})
    large = _overview_map(tmp_path, build_map(accounts, links), threshold=1000)
    assert large.graph.number_of_edges() > 5000
    page, log = open_map(large.path)
    assert page.evaluate("window.socialmap.fastEdges") is True
    communities = large.payload["overview"]["community"]
    assert len(_drawn(page)["ids"]) == len(communities)

    biggest = communities[0]
    point = _point(page, _community_ids(page, [biggest])[0])
    page.mouse.dblclick(point["x"], point["y"])
    _wait_for_node(page, next(iter(large.members(biggest))))
    members = large.members(biggest)
    drawn = _drawn(page)
    assert {i for i in drawn["ids"] if i in large.graph} == members
    inside = sum(1 for u, v in large.graph.edges if u in members and v in members)
    assert sum(1 for e in drawn["edges"] if e["from"] in members and e["to"] in members) == inside
    _quiet(log)


def test_the_overview_says_reach_is_unknown_without_follower_counts(tmp_path, open_map):
    """Issue 15: a file without follower counts had every community's hover say "potential reach 0 followers"."""
    accounts = pd.read_csv(SAMPLE_ACCOUNTS).drop(columns=["followers"])
    result = build_map(accounts, pd.read_csv(SAMPLE_RELATIONSHIPS), options=MapOptions(title="No counts"))
    large = _overview_map(tmp_path, result, threshold=50)
    page, log = open_map(large.path)
    titles = page.evaluate("""() => window.socialmap.data.overview.community.map(
        (c) => window.socialmap.nodes.get(window.socialmap.communityId(c)).title)""")
    assert titles and all(title.splitlines()[1].endswith(
        " · potential reach unknown: the file has no follower counts") for title in titles), titles[:2]
    assert not any("0 followers" in title for title in titles)
    _quiet(log)


def test_the_per_area_overview_speaks_of_areas(tmp_path, open_map):
    """Issue 15: the per-area overview's hover said "Community: Derby" of the area Derby."""
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(aggregate="area"))
    path = tmp_path / "areas.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    titles = page.evaluate("() => window.socialmap.nodes.get().map((n) => n.title)")
    assert len(titles) == 27
    for title in titles:
        lines = title.splitlines()
        assert f"Area: {lines[0]}" in lines and not any(line.startswith("Community:") for line in lines)
    _quiet(log)
