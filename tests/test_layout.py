"""Layouts: finite, deterministic, no accounts on top of each other, each true to its idea (issues 4, 6)."""

import numpy as np
import pandas as pd
import pytest

from socialmap.community import detect_communities
from socialmap.graph import build_graph
from socialmap.layout import LAYOUTS, NODE_SPACING, compute_layout
from socialmap.pipeline import load_tables
from tests.conftest import ROOT, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.networks import NETWORKS, as_tables

AREAS = pd.read_csv(ROOT / "socialmap" / "sample" / "areas.csv")


def _laid_out(accounts, relationships=None, *, layout="force", seed=42, **options):
    tables = load_tables(accounts, relationships)
    G = build_graph(tables.accounts, tables.relationships)
    partition = detect_communities(G, seed=seed)
    return G, partition, compute_layout(G, partition, name=layout, seed=seed, areas=AREAS, **options)


def _closest_pair(positions):
    points = np.array(list(positions.values()))
    gaps = np.sqrt(((points[:, None] - points[None]) ** 2).sum(axis=2)) + np.eye(len(points)) * 1e9
    return gaps.min()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_every_account_gets_a_finite_position_of_its_own(name, layout):
    G, _, result = _laid_out(*as_tables(NETWORKS[name]()), layout=layout)
    assert set(result.positions) == set(G)
    assert np.isfinite(np.array(list(result.positions.values()))).all()
    assert _closest_pair(result.positions) > 1.0


@pytest.mark.parametrize("layout", LAYOUTS)
def test_sample_layouts_are_deterministic_and_spread(layout):
    first = _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, layout=layout)[2]
    again = _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, layout=layout)[2]
    assert first == again
    assert _closest_pair(first.positions) > 1.0


def test_force_puts_communities_visibly_apart():
    """Each community's accounts sit closer to their own centre than to any other community's."""
    G, partition, result = _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    groups = [np.array([result.positions[n] for n in members]) for members in partition.groups()]
    centres = np.array([group.mean(axis=0) for group in groups])
    for number, group in enumerate(groups):
        distances = np.sqrt(((group[:, None, :] - centres[None]) ** 2).sum(axis=2))
        assert (distances.argmin(axis=1) == number).mean() >= 0.95


def test_accounts_without_relationships_are_spread_not_stacked():
    _, _, result = _laid_out(SAMPLE_ACCOUNTS)
    assert _closest_pair(result.positions) >= NODE_SPACING / 2


def test_mindmap_holds_every_account_under_region_area_and_branch():
    G, _, result = _laid_out(SAMPLE_ACCOUNTS, layout="mindmap", region="Derby and Derbyshire")
    assert set(result.positions) == set(G)
    kinds = {hub.key: hub.kind for hub in result.hubs}
    assert not set(kinds) & set(G), "hubs are not accounts"
    assert [hub.label for hub in result.hubs if hub.kind == "region"] == ["Derby and Derbyshire"]
    areas = {hub.label for hub in result.hubs if hub.kind == "area"}
    assert areas == {G.nodes[n]["area"] for n in G}
    parent = {child: parent for parent, child in result.tree_links}
    for node in G:  # account -> branch -> area -> region
        branch = parent[node]
        assert kinds[branch] == "branch"
        assert kinds[parent[branch]] == "area" and kinds[parent[parent[branch]]] == "region"
    # branch hubs carry the platform of their accounts
    labels = {hub.key: hub.label for hub in result.hubs}
    assert all(labels[parent[n]] == G.nodes[n]["platform"] for n in G)


def test_mindmap_can_branch_on_category():
    G, _, result = _laid_out(SAMPLE_ACCOUNTS, layout="mindmap", branch="category")
    parent = {child: parent for parent, child in result.tree_links}
    labels = {hub.key: hub.label for hub in result.hubs}
    assert all(labels[parent[n]] == G.nodes[n]["category"] for n in G)


def test_group_in_a_box_keeps_each_community_inside_its_box():
    G, partition, result = _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, layout="communities")
    assert [box.label for box in result.regions] == list(partition.names)
    for box, members in zip(result.regions, partition.groups()):
        for node in members:
            x, y = result.positions[node]
            assert box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height
    # boxes do not overlap
    for i, a in enumerate(result.regions):
        for b in result.regions[i + 1:]:
            overlap_x = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
            overlap_y = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
            assert overlap_x <= 0.5 or overlap_y <= 0.5


def test_geo_keeps_north_up_and_groups_accounts_round_their_area():
    G, _, result = _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, layout="geo")
    by_area = {}
    for node, (x, y) in result.positions.items():
        by_area.setdefault(G.nodes[node]["area"], []).append((x, y))
    centre = {area: np.mean(points, axis=0) for area, points in by_area.items()}
    # canvas y grows downwards: High Peak and Chesterfield (north) above South Derbyshire (south)
    assert centre["High Peak"][1] < centre["South Derbyshire"][1]
    assert centre["Chesterfield"][1] < centre["Derby"][1]
    # High Peak (west) left of Erewash (east)
    assert centre["High Peak"][0] < centre["Erewash"][0]
    assert {hub.label for hub in result.hubs} == set(by_area)


def test_geo_without_places_lines_areas_up_and_says_so():
    accounts = pd.DataFrame({"id": ["a", "b", "c"], "area": ["Atlantis", "Atlantis", "Lyonesse"]})
    tables = load_tables(accounts)
    G = build_graph(tables.accounts, None)
    result = compute_layout(G, detect_communities(G), name="geo")
    assert {hub.label for hub in result.hubs} == {"Atlantis (place unknown)", "Lyonesse (place unknown)"}
    assert _closest_pair(result.positions) > 1.0
    assert [issue.message for issue in result.issues] == [
        "2 areas have no place: add lat/lon columns or --areas (an areas file with area, lat, lon); "
        "they are in a grid below the map"]


@pytest.mark.parametrize("count", [2, 40, 150])
def test_separated_discs_do_not_overlap_whichever_way_pairs_are_found(count, monkeypatch):
    """Issue 9: many communities find overlapping pairs with a KD-tree; same packing as checking every pair."""
    from socialmap.layout import base

    rng = np.random.default_rng(3)
    radii = NODE_SPACING * np.sqrt(rng.pareto(1.5, count) * 8 + 8)
    centres = rng.uniform(-1, 1, (count, 2)) * np.sqrt((radii**2).sum()) / 2
    centres[1] = centres[0]  # two discs on the same spot are still pushed apart
    packed = {}
    for search, limit in (("every pair", 10**9), ("kd-tree", 0)):
        monkeypatch.setattr(base, "KD_TREE_FROM", limit)
        packed[search] = base.separate_discs(centres, radii, iterations=3000)
    np.testing.assert_allclose(packed["kd-tree"], packed["every pair"], rtol=1e-6, atol=1e-6)
    points = packed["kd-tree"]
    gaps = np.sqrt(((points[:, None] - points[None]) ** 2).sum(axis=2)) - (radii[:, None] + radii[None])
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= -max(0.5, 0.01 * np.median(radii)) - 1e-6


@pytest.mark.parametrize("layout", ["force", "communities"])
def test_layouts_from_a_shared_compiled_graph_are_those_made_alone(layout):
    """Issue 9: the pipeline hands its igraph copy to the layout; the positions do not change."""
    from socialmap.graph import build_compiled_graph

    tables = load_tables(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    G, compiled = build_compiled_graph(tables.accounts, tables.relationships)
    partition = detect_communities(G, compiled=compiled)
    assert compute_layout(G, partition, name=layout, compiled=compiled) == compute_layout(G, partition, name=layout)


# --- issue 15: layouts that look finished on ordinary data --------------------------------------------------

from socialmap.layout.base import ACCOUNT_GAP, LARGEST_DISC  # noqa: E402
from tests.account_lists import account_list  # noqa: E402

SHAPES = {  # name: (accounts, relationships): the shapes users bring, 10 to 300 accounts
    "list10": account_list(10), "list50": account_list(50), "list300": account_list(300),
    "list50_bare": account_list(50, areas=False, categories=False),
    "list50_no_followers": account_list(50, followers=False),
    "linked50": account_list(50, links=120), "linked300": account_list(300, links=900),
    "sparse300": account_list(300, links=150), "linked300_no_areas": account_list(300, links=900, areas=False),
    "sample": (SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS), "sample_no_links": (SAMPLE_ACCOUNTS, None),
}


def _boxes_overlap(a, b, slack=0.5):
    return (min(a.x + a.width, b.x + b.width) - max(a.x, b.x) > slack
            and min(a.y + a.height, b.y + b.height) - max(a.y, b.y) > slack)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_two_discs_pile_up(shape, layout):
    """Item 4: even two of the largest discs the page draws overlap by at most half a radius."""
    G, _, result = _laid_out(*SHAPES[shape], layout=layout)
    assert set(result.positions) == set(G)
    assert _closest_pair(result.positions) >= 2 * LARGEST_DISC - LARGEST_DISC / 2


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_no_two_discs_pile_up_on_real_networks(name, layout):
    _, _, result = _laid_out(*as_tables(NETWORKS[name]()), layout=layout)
    assert _closest_pair(result.positions) >= ACCOUNT_GAP - 1


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_boxes_hold_their_accounts_under_their_titles(shape):
    """Item 6: each account in its own box, clear of the sides and below the title strip; no box on another."""
    G, partition, result = _laid_out(*SHAPES[shape], layout="communities")
    assert [box.label for box in result.regions] == list(partition.names)
    for box, members in zip(result.regions, partition.groups()):
        for node in members:
            x, y = result.positions[node]
            assert box.x + LARGEST_DISC <= x <= box.x + box.width - LARGEST_DISC, (box.label, node)
            assert box.y + 2.4 * 28 <= y <= box.y + box.height - LARGEST_DISC, (box.label, node)
    for i, a in enumerate(result.regions):
        assert not any(_boxes_overlap(a, b) for b in result.regions[i + 1:])


def test_other_box_is_no_larger_than_its_share():
    """Item 6: "Other" (accounts in no community) once took 60% of the map; now its share of accounts at most."""
    G, partition, result = _laid_out(*SHAPES["sparse300"], layout="communities")
    assert partition.other is not None
    areas = [box.width * box.height for box in result.regions]
    share = partition.sizes()[partition.other] / G.number_of_nodes()
    assert areas[partition.other] / sum(areas) <= share * 1.1


@pytest.mark.parametrize("shape", ["list10", "list50", "list300", "list50_bare", "sample_no_links"])
def test_auto_boxes_a_list_without_links_by_its_colours(shape):
    """Item 2: no links, no disc in no order: one box per entry of the key, each account in its colour's box."""
    from socialmap.channels import resolve_colour

    G, partition, result = _laid_out(*SHAPES[shape], layout="auto")
    colour = resolve_colour(G, partition, "auto")
    assert [box.label for box in result.regions] == [entry["label"] for entry in colour.legend]
    for node, (x, y) in result.positions.items():
        box = result.regions[colour.entry[node]]
        assert box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height


def test_auto_follows_the_colour_chosen():
    G, partition, result = _laid_out(*SHAPES["list50"], layout="auto", colour_by="area")
    assert {box.label for box in result.regions} == {G.nodes[n]["area"] for n in G}


def test_auto_with_links_is_the_force_layout():
    _, _, auto = _laid_out(*SHAPES["linked50"], layout="auto")
    _, _, force = _laid_out(*SHAPES["linked50"], layout="force")
    assert auto == force and not auto.regions


def _segment_distance(points, start, end):
    """Distance of each point from the segment start-end."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    along = end - start
    t = np.clip(((points - start) @ along) / max(along @ along, 1e-9), 0, 1)
    return np.sqrt(((points - (start + t[:, None] * along)) ** 2).sum(axis=1))


def _hub_box(hub, size):
    from socialmap.layout.base import text_width

    width = text_width(hub.label, size) + 0.9 * size
    if hub.room and width > hub.room:
        size *= hub.room / width
        width = hub.room
    return (hub.x - width / 2, hub.y - 0.8 * size, hub.x + width / 2, hub.y + 0.8 * size)


MINDMAP_SHAPES = ["list50", "list300", "linked300", "sample", "sample_no_links", "list50_bare", "list10"]


@pytest.mark.parametrize("shape", MINDMAP_SHAPES)
def test_mindmap_spokes_cross_no_other_area_or_branch(shape):
    """Item 5: a tidy radial tree: each spoke reaches its area (or branch) without passing over another's accounts."""
    G, _, result = _laid_out(*SHAPES[shape], layout="mindmap", region="Derby and Derbyshire social media map")
    hubs = {hub.key: hub for hub in result.hubs}
    parent = {child: parent for parent, child in result.tree_links}
    area_of = {node: parent[parent[node]] for node in G}
    branch_of = {node: parent[node] for node in G}
    nodes = sorted(G)
    points = np.array([result.positions[n] for n in nodes])
    for start, end in result.tree_links:
        if end not in hubs:
            continue
        a, b = hubs[start], hubs[end]
        if a.kind == "region":
            near = _segment_distance(points, (a.x, a.y), (b.x, b.y)) < LARGEST_DISC
            crossed = {area_of[n] for n, hit in zip(nodes, near) if hit} - {end}
        else:  # a branch's junction is just outside its area's box, in the gap before the accounts
            near = _segment_distance(points, (a.x, a.y), (b.x, b.y)) < LARGEST_DISC / 2
            crossed = {branch_of[n] for n, hit in zip(nodes, near) if hit} - {end}
        assert not crossed, f"the spoke to {b.label} crosses {[hubs[k].label for k in crossed]}"


@pytest.mark.parametrize("shape", MINDMAP_SHAPES)
def test_mindmap_region_and_area_boxes_never_overlap(shape):
    """Item 5: "North East Derbyshire" hid "Derbyshire"; now no hub box touches another or an account's disc."""
    G, _, result = _laid_out(*SHAPES[shape], layout="mindmap", region="Derby and Derbyshire social media map")
    sizes = {"region": 46.0, "area": 30.0}
    boxes = [(hub.label, _hub_box(hub, sizes[hub.kind])) for hub in result.hubs if hub.kind in sizes]
    for i, (label, (left, top, right, bottom)) in enumerate(boxes):
        for other, (l2, t2, r2, b2) in boxes[i + 1:]:
            assert min(right, r2) <= max(left, l2) or min(bottom, b2) <= max(top, t2), (label, other)
        for node, (x, y) in result.positions.items():
            assert not (left - LARGEST_DISC / 2 < x < right + LARGEST_DISC / 2
                        and top - LARGEST_DISC / 2 < y < bottom + LARGEST_DISC / 2), (label, node)


def _geo_boxes(result):
    return [(hub.label, _hub_box(hub, 30.0)) for hub in result.hubs]


@pytest.mark.parametrize("known", [0, 5, 12, 27])
def test_geo_puts_areas_without_a_place_in_a_grid_below_and_no_label_on_another(known):
    """Item 7: places known for some areas only: the rest in tidy rows below, no two area boxes overlapping."""
    tables = load_tables(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    G = build_graph(tables.accounts, tables.relationships)
    G = G.subgraph(n for n in G if not G.nodes[n]["placeholder"]).copy()
    for node in G:
        G.nodes[node]["lat"] = G.nodes[node]["lon"] = None
    areas = AREAS.sort_values("area").head(known)
    result = compute_layout(G, detect_communities(G), name="geo", areas=areas)
    boxes = _geo_boxes(result)
    for i, (label, (left, top, right, bottom)) in enumerate(boxes):
        for other, (l2, t2, r2, b2) in boxes[i + 1:]:
            assert min(right, r2) <= max(left, l2) or min(bottom, b2) <= max(top, t2), (label, other)
    placed = [hub for hub in result.hubs if not hub.label.endswith("(place unknown)")]
    unplaced = [hub for hub in result.hubs if hub.label.endswith("(place unknown)")]
    assert len(placed) == min(known, len(result.hubs)) and len(unplaced) == len(result.hubs) - len(placed)
    if placed and unplaced:
        lowest = max(result.positions[n][1] for n in G if G.nodes[n]["area"] in {h.group for h in placed})
        assert min(hub.y for hub in unplaced) > lowest
    rows = sorted({hub.y for hub in unplaced})
    columns = {round(hub.x, 1) for hub in unplaced}
    assert len(rows) * len(columns) >= len(unplaced) and len(columns) <= len(unplaced)
    assert len(rows) <= max(1, len(unplaced) // 2), "a grid, not one long row"
    assert bool(result.issues) == bool(unplaced)
    assert _closest_pair(result.positions) >= ACCOUNT_GAP - 1


def test_geo_warning_reaches_the_map_and_its_reader():
    """Item 7: the pipeline passes the layout's warning on, with the accounts file's name, to the CLI and the page."""
    from socialmap.options import MapOptions
    from socialmap.pipeline import build_map

    accounts, _ = account_list(40)
    result = build_map(accounts, options=MapOptions(layout="geo"))
    [issue] = [issue for issue in result.issues if "no place" in issue.message]
    count = accounts["area"].nunique()
    assert issue.message.startswith(f"{count} areas have no place: add lat/lon columns or --areas")
    assert not issue.is_error and issue.file
    assert f"{count} areas have no place" in result.html


def _karate_without_followers():
    """Zachary's karate club as one area on one platform, with no follower counts: links decide importance."""
    accounts, relationships = as_tables(NETWORKS["karate"]())
    accounts = accounts.assign(area="Dojo", platform="Facebook")
    return accounts, relationships


@pytest.mark.parametrize("layout", ["mindmap", "geo"])
def test_most_linked_accounts_sit_nearest_their_hub_when_no_follower_counts(layout):
    """Issue 15 item 2: "largest nearest" went by followers, so with none the nearest were 0, 1, 10, 11..."""
    G, _, result = _laid_out(*_karate_without_followers(), layout=layout)
    hub = next(hub for hub in result.hubs if hub.kind == "area")
    if layout == "mindmap":  # nearest the area's box (its room is its width: 0.6 em a letter and 0.9 em)
        font = hub.room / (0.6 * len(hub.label) + 0.9)
        half_width, half_height = hub.room / 2, 0.8 * font
        distance = {node: np.hypot(max(abs(x - hub.x) - half_width, 0), max(abs(y - hub.y) - half_height, 0))
                    for node, (x, y) in result.positions.items()}
    else:  # nearest the middle of the area's disc
        centre = np.mean(list(result.positions.values()), axis=0)
        distance = {node: np.hypot(x - centre[0], y - centre[1]) for node, (x, y) in result.positions.items()}
    nearest = sorted(distance, key=distance.get)[:2]
    assert set(nearest) == {"0", "33"}, "the two leaders, with most links, are nearest"
