"""The "mindmap" layout, Derby style: region at the centre, then areas, then branches, then accounts.

A tidy radial tree that needs no relationships at all, drawn as nested
bubbles so it stays compact: each branch (a platform or a category within
an area) is a hub with its accounts around it, largest nearest; each area is
a hub with its branches on a ring around it, far enough out for the area's
name, the side facing the region left free for the spoke; the areas sit
round the region in sectors as wide as their bubbles, largest at the top,
so no two bubbles overlap and no spoke crosses another area. Hubs carry the
room their labels may take, so the page never draws one over another.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .base import _SUNFLOWER, ACCOUNT_GAP, GOLDEN_ANGLE, LARGEST_DISC, Hub, Layout, first_view_scale, text_width
from ..options import BRANCHES

__all__ = ["mindmap_layout", "NO_AREA", "NO_BRANCH", "RELATIONSHIPS_ONLY", "hub_key"]

NO_AREA = "Area not given"
NO_BRANCH = "Other"
RELATIONSHIPS_ONLY = "Named in relationships only"
_HOLE = 1  # sunflower steps left empty round a branch hub, for its label


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
    radius = ACCOUNT_GAP * _SUNFLOWER * np.sqrt(steps + 0.5)
    angle = steps * GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


_HOLE_RADIUS = ACCOUNT_GAP * _SUNFLOWER * math.sqrt(_HOLE + 0.5) - LARGEST_DISC  # free round a branch hub


def _disc_radius(points: np.ndarray) -> float:
    return float(np.sqrt((points**2).sum(axis=1)).max(initial=0.0)) + LARGEST_DISC


@dataclass(frozen=True)
class _Bubble:
    """One area: its branch discs on a ring round the area hub, the spoke side left free."""

    branches: tuple[tuple[str, tuple[str, ...], np.ndarray, np.ndarray], ...]  # (value, members, hub, points)
    radius: float  # of the whole bubble, round the area hub
    label_room: float  # widest the area's label may be


def _area_bubble(branches: dict[str, list[str]], label_width: float, label_height: float) -> _Bubble:
    """Branch discs on a ring round the area hub, far enough out for the area's label, the gap at angle pi.

    The bubble is laid out with its free side (where the spoke from the
    region comes in) at angle pi; the caller turns it to face the region.
    """
    discs = [(value, members, _ring_sunflower(len(members))) for value, members in branches.items()]
    radii = [_disc_radius(points) for *_, points in discs]
    gap = ACCOUNT_GAP * 0.5
    spoke_gap = 2 * LARGEST_DISC + gap  # arc left free on the region's side
    inner = max(label_width / 2, label_height / 2) + gap  # the area's label fits inside the ring
    ring = max((sum(2 * r + gap for r in radii) + spoke_gap) / (2 * math.pi), max(radii) + inner)
    if len(discs) == 1:
        ring = radii[0] + inner
    placed, angle = [], -math.pi + spoke_gap / ring / 2
    spare = 2 * math.pi - spoke_gap / ring - sum(2 * r + gap for r in radii) / ring
    angle += spare / 2  # the discs centred opposite the spoke
    for (value, members, points), radius in zip(discs, radii):
        middle = angle + (2 * radius + gap) / ring / 2
        angle += (2 * radius + gap) / ring
        if len(discs) == 1:
            middle = 0.0
        hub = np.array([math.cos(middle), math.sin(middle)]) * ring
        placed.append((value, tuple(members), hub, points + hub))
    free = min(ring - r for r in radii)
    return _Bubble(tuple(placed), ring + max(radii), 2 * math.sqrt(max(free**2 - (label_height / 2) ** 2, 1.0)))


def _turned(points: np.ndarray, angle: float) -> np.ndarray:
    cos, sin = math.cos(angle), math.sin(angle)
    return points @ np.array([[cos, sin], [-sin, cos]])


def _sectors(radii: np.ndarray, hole: float) -> tuple[np.ndarray, np.ndarray]:
    """(angle, distance) of each area round the region: a sector each, as wide as its bubble.

    Each bubble lies inside its own sector, so no two overlap and no spoke
    from the region crosses another area; each sits as near the middle as
    its sector and the region's label allow.
    """
    widths = 2 * math.pi * radii / radii.sum()
    ends = np.cumsum(widths)
    angles = -math.pi / 2 + ends - widths / 2  # the largest area at the top, the rest clockwise
    half = np.minimum(widths / 2, math.pi / 2)
    distance = np.maximum(radii / np.sin(half), radii + hole)
    if len(radii) == 1:
        distance = radii + hole
    return angles, distance


def _two_rings(radii: np.ndarray, hole: float) -> tuple[np.ndarray, np.ndarray]:
    """(angle, distance) of each area on two rings: every other area (by size) pushed out a ring.

    Many small areas on one ring make a wide, empty circle; on two rings the
    map is about half as wide. Each outer area sits between two inner ones,
    its spoke passing between them (the sector of each inner bubble, seen
    from the middle, is kept clear of it).
    """
    inner = np.arange(len(radii)) % 2 == 0
    r_in, r_out = radii[inner].max(), radii[~inner].max()
    ring = float(max(radii[inner].max() + hole, r_in * 1.05))
    while True:
        halves = np.where(inner, np.arcsin(np.minimum(1.0, radii / ring)), math.asin(min(1.0, LARGEST_DISC / ring)))
        outer_ring = ring + r_in + r_out + ACCOUNT_GAP / 2
        spare = 2 * math.pi - 2 * halves.sum()
        if spare >= 0:
            steps = 2 * halves + spare / len(radii)
            angles = -math.pi / 2 + np.cumsum(steps) - steps / 2
            outer = np.flatnonzero(~inner)
            gaps = np.diff(np.append(angles[outer], angles[outer[0]] + 2 * math.pi))
            need = np.arcsin(np.minimum(1.0, radii[outer] / outer_ring))
            if (gaps >= need + np.roll(need, -1)).all() or len(outer) == 1:
                return angles, np.where(inner, ring, outer_ring)
        ring *= 1.05


def mindmap_layout(G: nx.DiGraph, *, branch: str = "platform", region: str = "Region") -> Layout:
    """Positions for every account, plus the hubs and tree links of the mind map."""
    if branch not in BRANCHES:
        raise ValueError(f"branch must be one of {', '.join(BRANCHES)}, not {branch!r}")
    if G.number_of_nodes() == 0:
        return Layout({})
    tree = _tree(G, branch)
    scale = 1.0  # first with the smallest hub texts, then as large as the map's first view makes them
    for _ in range(3):  # hub text sizes follow the map's size, which follows the room they need
        area_font, region_font = max(30.0, 12 / scale), max(46.0, 22 / scale)
        bubbles = [_area_bubble(branches, text_width(area, area_font) + area_font, 1.6 * area_font)
                   for area, branches in tree.items()]
        radii = np.array([bubble.radius for bubble in bubbles]) + ACCOUNT_GAP / 2
        hole = text_width(region, region_font) / 2 + region_font / 2
        angles, distance = _sectors(radii, hole)
        extent = float((distance + radii).max())
        if len(radii) >= 6:  # many areas: two rings if that makes a smaller map
            two = _two_rings(radii, hole)
            if float((two[1] + radii).max()) < extent:
                angles, distance = two
                extent = float((distance + radii).max())
        scale = first_view_scale(2 * extent, 2 * extent)
    region_key = hub_key(G, "region", 0)
    free = float((distance - radii).min()) + ACCOUNT_GAP / 2
    hubs = [Hub(region_key, region, "region", 0.0, 0.0, room=round(2 * free - ACCOUNT_GAP, 1))]
    links: list[tuple[str, str]] = []
    positions: dict[str, tuple[float, float]] = {}
    branch_number = 0
    for number, (area, bubble, angle, far) in enumerate(zip(tree, bubbles, angles, distance)):
        centre = np.array([math.cos(angle), math.sin(angle)]) * far
        area_key = hub_key(G, "area", number)
        hubs.append(Hub(area_key, area, "area", round(float(centre[0]), 1), round(float(centre[1]), 1),
                        room=round(bubble.label_room, 1)))
        links.append((region_key, area_key))
        turn = angle  # the bubble's free side (at pi) faces the region
        for value, members, hub_point, points in bubble.branches:
            branch_key = hub_key(G, "branch", branch_number)
            branch_number += 1
            x, y = _turned(hub_point[None, :], turn)[0] + centre
            hubs.append(Hub(branch_key, value, "branch", round(float(x), 1), round(float(y), 1),
                            room=round(2 * _HOLE_RADIUS, 1)))
            links.append((area_key, branch_key))
            links.extend((branch_key, node) for node in members)
            placed = _turned(points, turn) + centre
            positions.update({node: (round(float(px), 1), round(float(py), 1)) for node, (px, py) in zip(members, placed)})
    return Layout(positions, tuple(hubs), tuple(links))

