"""The "mindmap" layout, Derby style: region at the centre, then areas, then branches, then accounts.

A radial tree that needs no relationships at all, drawn as nested bubbles
so it stays compact: each branch (a platform or a category within an area)
is a hub with its accounts around it, largest nearest; each area is a hub
with its branches on a ring around it; the areas sit around the region in
the middle, in order of size, packed so that no two overlap.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np

from .base import NODE_SPACING, GOLDEN_ANGLE, Hub, Layout, pack_discs
from ..options import BRANCHES

__all__ = ["mindmap_layout", "NO_AREA", "NO_BRANCH", "RELATIONSHIPS_ONLY", "hub_key"]

NO_AREA = "Area not given"
NO_BRANCH = "Other"
RELATIONSHIPS_ONLY = "Named in relationships only"
_HOLE = 2  # sunflower steps left empty round a branch hub, for its label


def _branch_of(data: dict, branch: str) -> str:
    """An account's branch: its platform or category, or its organisation (a wide channel list's row)."""
    return data[branch] if branch in data else (data.get("extra") or {}).get(branch, "")


def _tree(G: nx.DiGraph, branch: str) -> dict[str, dict[str, list[str]]]:
    """area -> branch value -> accounts (largest first); areas and branches by size, then name."""
    tree: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node, data in G.nodes(data=True):
        area = RELATIONSHIPS_ONLY if data["placeholder"] else (data["area"] or NO_AREA)
        tree[area][_branch_of(data, branch) or NO_BRANCH].append(node)
    ordered = {}
    for area in sorted(tree, key=lambda a: (-sum(map(len, tree[a].values())), a)):
        ordered[area] = {
            value: sorted(members, key=lambda n: (-(G.nodes[n]["followers"] or 0), n))
            for value, members in sorted(tree[area].items(), key=lambda item: (-len(item[1]), item[0]))
        }
    return ordered


def hub_key(G: nx.DiGraph, kind: str, number: int) -> str:
    """A key for a hub that no account has."""
    key = f"hub:{kind}:{number}"
    while key in G:
        key += "'"
    return key


def _ring_sunflower(count: int) -> np.ndarray:
    """Accounts round a hub: a sunflower with its middle left free for the hub's label."""
    steps = np.arange(_HOLE, _HOLE + count)
    radius = NODE_SPACING * 0.6 * np.sqrt(steps + 0.5)
    angle = steps * GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _disc_radius(points: np.ndarray) -> float:
    return float(np.sqrt((points**2).sum(axis=1)).max(initial=0.0)) + NODE_SPACING * 0.6


def _area_bubble(branches: dict[str, list[str]]) -> tuple[list[tuple[str, list[str], np.ndarray, np.ndarray]], float]:
    """Branch discs on a ring round the area hub: [(value, members, hub point, account points)], radius."""
    discs = [(value, members, _ring_sunflower(len(members))) for value, members in branches.items()]
    radii = [_disc_radius(points) for *_, points in discs]
    gap = NODE_SPACING * 0.8
    ring = max(sum(2 * r + gap for r in radii) / (2 * math.pi), max(radii) + 1.8 * NODE_SPACING)
    placed, angle = [], 0.0
    for (value, members, points), radius in zip(discs, radii):
        middle = angle + (2 * radius + gap) / ring / 2
        angle += (2 * radius + gap) / ring
        hub = np.array([math.cos(middle), math.sin(middle)]) * ring
        placed.append((value, members, hub, points + hub))
    return placed, ring + max(radii)


def mindmap_layout(G: nx.DiGraph, *, branch: str = "platform", region: str = "Region") -> Layout:
    """Positions for every account, plus the hubs and tree links of the mind map."""
    if branch not in BRANCHES:
        raise ValueError(f"branch must be one of {', '.join(BRANCHES)}, not {branch!r}")
    if G.number_of_nodes() == 0:
        return Layout({})
    tree = _tree(G, branch)
    bubbles = [_area_bubble(branches) for branches in tree.values()]
    radii = np.array([radius for _, radius in bubbles]) + 1.2 * NODE_SPACING
    # start on a spiral, largest areas nearest the region hub, then pack
    count = len(bubbles)
    order = np.arange(count)
    start = np.column_stack([np.cos(order * GOLDEN_ANGLE), np.sin(order * GOLDEN_ANGLE)])
    start *= (radii.max() * 1.5 + np.sqrt(order + 1) * radii.mean())[:, None]
    # the region hub is a disc too, in the middle, that the areas cannot move
    discs = np.vstack([[0.0, 0.0], start])
    disc_radii = np.concatenate([[NODE_SPACING * 4], radii])
    mass = np.concatenate([[1e12], radii**2])
    packed = pack_discs(discs, disc_radii, mass=mass)
    centres = _room_for_the_region(packed[1:] - packed[0], radii)
    distance = np.sqrt((centres**2).sum(axis=1))
    free = float((distance - radii).min()) if count else NODE_SPACING * 4
    region_key = hub_key(G, "region", 0)
    hubs = [Hub(region_key, region, "region", 0.0, 0.0, room=round(1.8 * free, 1))]
    links: list[tuple[str, str]] = []
    positions: dict[str, tuple[float, float]] = {}
    branch_number = 0
    for number, ((area, _), (placed, _), centre) in enumerate(zip(tree.items(), bubbles, centres)):
        area_key = hub_key(G, "area", number)
        hubs.append(Hub(area_key, area, "area", round(float(centre[0]), 1), round(float(centre[1]), 1)))
        links.append((region_key, area_key))
        for value, members, hub_point, points in placed:
            branch_key = hub_key(G, "branch", branch_number)
            branch_number += 1
            x, y = hub_point + centre
            hubs.append(Hub(branch_key, value, "branch", round(float(x), 1), round(float(y), 1)))
            links.append((area_key, branch_key))
            links.extend((branch_key, node) for node in members)
            positions.update(
                {node: (round(float(px), 1), round(float(py), 1)) for node, (px, py) in zip(members, points + centre)}
            )
    return Layout(positions, tuple(hubs), tuple(links))


REGION_SHARE = 0.2  # of the map's radius kept free round the region's label, which the page sizes to the map


def _room_for_the_region(centres: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Move the bubbles straight out, all by one distance, until the middle is free enough."""
    distance = np.sqrt((centres**2).sum(axis=1))
    extent = float((distance + radii).max())
    free = float((distance - radii).min())
    shift = max(0.0, (REGION_SHARE * extent - free) / (1 - REGION_SHARE))
    direction = centres / np.where(distance == 0, 1.0, distance)[:, None]
    return centres + direction * shift
