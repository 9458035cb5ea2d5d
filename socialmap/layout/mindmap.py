"""The "mindmap" layout, Derby style: region at the centre, areas round it, accounts round their area.

A tidy radial tree that needs no relationships at all. Each area is a
cluster: its hub box in the middle and its accounts packed round the box
(a sunflower with the box's room left free), each branch (a platform or a
category within the area) a wedge of the cluster, its hub a junction just
outside the area's box, its accounts most important nearest. A lane is left
free on the side facing the region for the spoke. The clusters sit round
the region in sectors as wide as they are (largest at the top, then
clockwise; on two rings when that makes the map smaller), so no spoke
crosses another area, then the map is widened to the screen's shape.

Hub boxes are drawn at a fixed size in screen pixels, so the room they need
on the canvas depends on the first view's scale, which depends on the map's
size: the layout finds the largest scale at which the map, boxes and all,
fits a 1366x768 screen, so accounts are drawn as large as they can be.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..options import BRANCHES
from .base import _SUNFLOWER, ACCOUNT_GAP, GOLDEN_ANGLE, LARGEST_DISC, VIEW, Hub, Layout, text_width

__all__ = ["mindmap_layout", "NO_AREA", "NO_BRANCH", "RELATIONSHIPS_ONLY", "hub_key", "HUB_PX"]

NO_AREA = "Area not given"
NO_BRANCH = "Other"
RELATIONSHIPS_ONLY = "Named in relationships only"
HUB_PX = {"region": 18.0, "area": 15.0, "branch": 12.0}  # hub text sizes the page draws (labels.js HUB)
_SMALLEST_FONT = {"region": 46.0, "area": 30.0}  # canvas units: hub boxes get at least this room at any scale
_CLEAR = LARGEST_DISC + 1  # canvas units from an area's box to the nearest account's centre: no disc touches it
_ROOM_PX = (80.0, 44.0)  # px the page's first view keeps round the map for names at its edges (map.js fitItems)


def _branch_of(data: dict, branch: str) -> str:
    """An account's branch: its platform or category, or its organisation (a wide channel list's row)."""
    return data[branch] if branch in data else (data.get("extra") or {}).get(branch, "")


def _tree(G: nx.DiGraph, branch: str, rank: dict[str, int]) -> dict[str, dict[str, list[str]]]:
    """area -> branch value -> accounts (most important first); areas and branches by size, then name."""
    tree: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node, data in G.nodes(data=True):
        area = RELATIONSHIPS_ONLY if data["placeholder"] else (data["area"] or NO_AREA)
        tree[area][_branch_of(data, branch) or NO_BRANCH].append(node)
    ordered = {}
    for area in sorted(tree, key=lambda a: (-sum(map(len, tree[a].values())), a)):
        ordered[area] = {
            value: sorted(members, key=lambda n: (rank.get(n, len(rank)), n))
            for value, members in sorted(tree[area].items(), key=lambda item: (-len(item[1]), item[0]))
        }
    return ordered


def hub_key(G: nx.DiGraph, kind: str, number: int) -> str:
    """A key for a hub that no account has."""
    key = f"hub:{kind}:{number}"
    while key in G:
        key += "'"
    return key


def _box(label: str, kind: str, scale: float) -> tuple[float, float]:
    """Half width and half height, in canvas units, of a hub's box drawn at the first view's scale."""
    font = max(HUB_PX[kind] / scale, _SMALLEST_FONT.get(kind, 0.0))
    return (text_width(label, font) + 0.9 * font) / 2, 0.8 * font


@dataclass(frozen=True)
class _Cluster:
    """One area round its hub (at 0, 0), its spoke coming in from angle pi."""

    branches: tuple[tuple[str, tuple[str, ...], np.ndarray, np.ndarray], ...]  # (value, members, hub, points)
    radius: float  # of a circle round the hub holding the box and every disc (see _radius)
    half_width: float  # of the area's box


def _slots(count: int, half_width: float, half_height: float, towards: float) -> np.ndarray:
    """``count`` places round a box, ACCOUNT_GAP apart, nearest first: none near the box, none on the lane
    towards angle ``towards`` (where the spoke from the region comes in)."""
    points = np.zeros((0, 2))
    tried = 4 * count + 64
    cos, sin = math.cos(towards), math.sin(towards)
    while len(points) < count:
        steps = np.arange(tried)
        radius = ACCOUNT_GAP * _SUNFLOWER * np.sqrt(steps + 0.5)
        angle = steps * GOLDEN_ANGLE
        candidates = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
        outside = (np.maximum(np.abs(candidates[:, 0]) - half_width, 0) ** 2
                   + np.maximum(np.abs(candidates[:, 1]) - half_height, 0) ** 2) >= _CLEAR**2
        along = candidates[:, 0] * cos + candidates[:, 1] * sin
        lane = (along > 0) & (np.abs(candidates[:, 1] * cos - candidates[:, 0] * sin) < _CLEAR)
        points = candidates[outside & ~lane][:count]
        tried *= 2
    return points


def _cluster(branches: dict[str, list[str]], half_width: float, half_height: float, towards: float) -> _Cluster:
    """The area's accounts round its box, each branch a wedge (in angle order from the spoke), most important nearest."""
    count = sum(map(len, branches.values()))
    points = _slots(count, half_width, half_height, towards)
    angle = np.mod(np.arctan2(points[:, 1], points[:, 0]) - towards, 2 * math.pi)  # round from the spoke
    by_angle = points[np.argsort(angle, kind="stable")]
    placed, start = [], 0
    for value, members in branches.items():
        wedge = by_angle[start:start + len(members)]
        start += len(members)
        gap = np.sqrt(np.maximum(np.abs(wedge[:, 0]) - half_width, 0) ** 2
                      + np.maximum(np.abs(wedge[:, 1]) - half_height, 0) ** 2)
        wedge = wedge[np.lexsort((np.arange(len(wedge)), np.round(gap, 6)))]
        seen = np.arctan2(wedge[:, 1], wedge[:, 0])
        direction = math.atan2(float(np.sin(seen).sum()), float(np.cos(seen).sum()))
        placed.append((value, tuple(members), _junction(direction, half_width, half_height), wedge))
    return _Cluster(tuple(placed), _radius(points, half_width, half_height), half_width)


def _radius(points: np.ndarray, half_width: float, half_height: float) -> float:
    """Of a circle round the area's hub holding its box and every disc round it."""
    return max(float(np.sqrt((points**2).sum(axis=1)).max()) + LARGEST_DISC, math.hypot(half_width, half_height))


def _junction(direction: float, half_width: float, half_height: float) -> np.ndarray:
    """Where a branch's spokes meet: just outside the area's box, towards the branch's wedge."""
    cos, sin = math.cos(direction), math.sin(direction)
    reach = min(half_width / abs(cos) if abs(cos) > 1e-9 else math.inf,
                half_height / abs(sin) if abs(sin) > 1e-9 else math.inf)
    return np.array([cos, sin]) * (reach + _CLEAR / 2)


_SCALES = (0.5, 0.4, 0.32, 0.26, 0.21, 0.17, 0.14, 0.11, 0.08, 0.05, 0.03, 0.02, 0.01)  # first views tried (px a unit)
_LANES = (0.0, math.pi / 2, math.pi, -math.pi / 2)  # spokes' directions a cluster's room is measured for
_ANGLES = 72  # directions tried round the region for each area
_BESIDE = 40  # and the directions just clear of at most so many clusters


def _arranged(radii: np.ndarray, hole: float, shape: tuple[float, float]) -> np.ndarray:
    """Centres of the clusters round the region, largest first, each where the map stays smallest on screen.

    Each cluster goes, in turn, to the direction and distance that keep its
    far edge least far out for a screen of ``shape`` (width, height), where
    it overlaps no cluster already placed, its spoke from the region passes
    no other cluster, and it covers no other cluster's spoke: a radial tree
    packed into the screen's shape, not a ring with an empty middle. Along
    each direction, each placed cluster rules out a stretch of distances;
    the nearest distance none rules out is found by stepping past them.
    """
    gap, lane = 0.75 * ACCOUNT_GAP, 1.0  # clusters apart by more than a disc, spokes may pass close to one
    around = -math.pi / 2 + 2 * math.pi * np.arange(_ANGLES) / _ANGLES  # from the top, clockwise
    centres = np.zeros((len(radii), 2))
    for number, radius in enumerate(radii):
        placed, sizes = centres[:number], radii[:number]  # (k, 2), (k,)
        length = np.hypot(placed[:, 0], placed[:, 1])
        seen = np.arctan2(placed[:, 1], placed[:, 0])
        # the directions just clear of each placed cluster, where the lanes between them begin, and a fixed fan
        half = np.arcsin(np.minimum(1.0, (sizes + lane + 1) / np.maximum(length, 1e-9)))
        near = np.argsort(length - sizes, kind="stable")[:_BESIDE]  # beside the innermost clusters only: fast
        angle = np.concatenate([around, (seen - half)[near], (seen + half)[near]])
        cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
        along = cos * placed[:, 0] + sin * placed[:, 1]  # (direction, cluster)
        beside = np.abs(cos * placed[:, 1] - sin * placed[:, 0])
        starts, ends = [], []

        def chord(reach):  # where the direction passes within reach of a placed cluster's centre
            inside = beside < reach
            half_chord = np.sqrt(np.maximum(reach**2 - beside**2, 0.0))
            return np.where(inside, along - half_chord, np.inf), np.where(inside, along + half_chord, -np.inf)

        low, high = chord(radius + sizes + gap)  # overlapping a cluster
        starts.append(low), ends.append(high)
        low, _ = chord(sizes + lane)  # the spoke running into a cluster: from there on
        starts.append(np.where(along > 0, low, np.inf)), ends.append(np.full_like(low, np.inf))
        _, high = chord(radius + lane)  # covering a cluster's spoke (its end, or along it)
        sine = np.maximum(np.abs(cos * np.sin(seen) - sin * np.cos(seen)), 1e-9)
        cosine = cos * np.cos(seen) + sin * np.sin(seen)
        beam = np.where(cosine > 0, np.minimum((radius + lane) / sine, length / np.maximum(cosine, 1e-9)), -np.inf)
        starts.append(np.zeros_like(low)), ends.append(np.maximum(high, beam))
        distance = _nearest_free(np.concatenate(starts, axis=1), np.concatenate(ends, axis=1), hole + radius)
        if not np.isfinite(distance).any():  # every way out runs into a cluster: its spoke passes one
            distance = _nearest_free(np.concatenate(starts[::2], axis=1), np.concatenate(ends[::2], axis=1),
                                     hole + radius)
        reached = np.isfinite(distance)
        x, y = np.cos(angle) * np.where(reached, distance, 0), np.sin(angle) * np.where(reached, distance, 0)
        size = np.maximum((np.abs(x) + radius) / shape[0], (np.abs(y) + radius) / shape[1])
        size = np.where(reached, size + 1e-9 * np.where(reached, distance, 0), np.inf)  # ties: nearer, then the top
        best = int(np.argmin(size))
        centres[number] = x[best], y[best]
    return centres


def _nearest_free(start: np.ndarray, end: np.ndarray, base: float) -> np.ndarray:
    """Along each direction (row), the nearest distance from ``base`` on in none of the stretches [start, end)."""
    distance = np.full(start.shape[0], base)
    for _ in range(start.shape[1] + 1):  # step past each stretch that holds the distance, until none does
        inside = (start <= distance[:, None]) & (distance[:, None] < end)
        if not inside.any():
            break
        distance = np.maximum(distance, np.where(inside, end, -np.inf).max(axis=1))
    return distance


def _fit(centres: np.ndarray, radii: np.ndarray, region_box: tuple[float, float]) -> float:
    """The first view's scale (px per canvas unit) at which these clusters and the region's box fit the screen."""
    width = max(float((np.abs(centres[:, 0]) + radii).max()), region_box[0]) * 2
    height = max(float((np.abs(centres[:, 1]) + radii).max()), region_box[1]) * 2
    return min((VIEW[0] - _ROOM_PX[0]) / width, (VIEW[1] - _ROOM_PX[1]) / height)


@dataclass(frozen=True)
class _Plan:
    clusters: tuple[_Cluster, ...]
    centres: np.ndarray
    region_box: tuple[float, float]
    fits: float  # the scale at which it fits the screen


def _plan(tree: dict[str, dict[str, list[str]]], region: str, scale: float) -> _Plan:
    """The map with hub boxes sized for ``scale``: clusters packed round the region in the screen's shape."""
    boxes = [_box(area, "area", scale) for area in tree]
    # the room each cluster takes, whichever way its spoke comes in (turned to face the region once placed)
    counts = [sum(map(len, branches.values())) for branches in tree.values()]
    radii = np.array([max(_radius(_slots(count, *box, towards), *box) for towards in _LANES)
                      for count, box in zip(counts, boxes)])
    region_box = _box(region, "region", scale)
    hole = math.hypot(*region_box) + ACCOUNT_GAP / 4
    shape = (VIEW[0] - _ROOM_PX[0], VIEW[1] - _ROOM_PX[1])
    centres = _arranged(radii, hole, shape)
    clusters = tuple(_cluster(branches, *box, math.atan2(-y, -x))
                     for branches, box, (x, y) in zip(tree.values(), boxes, centres))
    return _Plan(clusters, centres, region_box, _fit(centres, radii, region_box))


def mindmap_layout(
    G: nx.DiGraph, *, branch: str = "platform", region: str = "Region", rank: dict[str, int] | None = None
) -> Layout:
    """Positions for every account, plus the hubs and tree links of the mind map.

    ``rank`` is each account's place in the importance order
    (socialmap.importance); accounts without one come last, by key.
    """
    if branch not in BRANCHES:
        raise ValueError(f"branch must be one of {', '.join(BRANCHES)}, not {branch!r}")
    if G.number_of_nodes() == 0:
        return Layout({})
    tree = _tree(G, branch, rank or {})
    scale, plan, best = _SCALES[0], None, (False, 0.0)  # the largest scale at which the map fits, boxes sized for it
    for _ in range(4 if len(tree) <= 60 else 2):  # each try costs the square of the areas: a few at most
        trial = _plan(tree, region, scale)
        fits = trial.fits >= 0.95 * scale  # boxes are measured a little wide: 5% short still fits
        score = (fits, trial.fits if fits else trial.fits / scale)  # else the nearest to fitting
        if score > best:
            plan, best = trial, score
        if fits:
            break
        smaller = [s for s in _SCALES if s <= trial.fits]  # boxes sized for a smaller scale only grow the map
        if not smaller:
            break
        scale = smaller[0]
    region_key = hub_key(G, "region", 0)
    hubs = [Hub(region_key, region, "region", 0.0, 0.0, room=round(2 * plan.region_box[0], 1))]
    links: list[tuple[str, str]] = []
    positions: dict[str, tuple[float, float]] = {}
    branch_number = 0
    for number, (area, cluster, centre) in enumerate(zip(tree, plan.clusters, plan.centres)):
        area_key = hub_key(G, "area", number)
        hubs.append(Hub(area_key, area, "area", round(float(centre[0]), 1), round(float(centre[1]), 1),
                        room=round(2 * cluster.half_width, 1)))
        links.append((region_key, area_key))
        for value, members, junction, points in cluster.branches:
            branch_key = hub_key(G, "branch", branch_number)
            branch_number += 1
            x, y = junction + centre
            hubs.append(Hub(branch_key, value, "branch", round(float(x), 1), round(float(y), 1)))
            links.append((area_key, branch_key))
            links.extend((branch_key, node) for node in members)
            placed = points + centre
            positions.update({node: (round(float(px), 1), round(float(py), 1)) for node, (px, py) in zip(members, placed)})
    return Layout(positions, tuple(hubs), tuple(links))
