"""Positions computed in Python, so the page draws at once with physics off.

``community_layout`` lays out each community on its own (igraph's grid
Fruchterman-Reingold, or a sunflower for groups without inner links), then
places the communities as discs, related communities near each other and
no two discs overlapping, so communities are visibly apart.
"""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np

from .community import Partition
from .compiled import seeded, to_igraph

__all__ = ["community_layout", "NODE_SPACING"]

NODE_SPACING = 60.0  # canvas units between neighbouring accounts
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_DISC_GAP = 0.75 * NODE_SPACING


def community_layout(G: nx.DiGraph, partition: Partition, *, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Return {node: (x, y)} in canvas units; deterministic for a given seed."""
    if G.number_of_nodes() == 0:
        return {}
    undirected, nodes = to_igraph(G, directed=False)
    index = {node: position for position, node in enumerate(nodes)}
    groups = [[index[node] for node in members] for members in partition.groups()]
    rng = np.random.default_rng(seed)
    local = []
    with seeded(seed):
        for number, members in enumerate(groups):
            subgraph = undirected.induced_subgraph(members, implementation="create_from_scratch")
            use_sunflower = number == partition.other or subgraph.ecount() == 0 or len(members) < 4
            local.append(_sunflower(len(members)) if use_sunflower else _force(subgraph, rng))
        centres = _disc_centres(undirected, groups, [_radius(points) for points in local], rng)
    positions = np.zeros((len(nodes), 2))
    for members, points, centre in zip(groups, local, centres):
        positions[members] = points + centre
    positions = np.round(positions, 1)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, positions)}


def _sunflower(count: int) -> np.ndarray:
    """Evenly spread points in a disc (Vogel's spiral), NODE_SPACING apart."""
    steps = np.arange(count)
    radius = NODE_SPACING * 0.6 * np.sqrt(steps + 0.5)
    angle = steps * _GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _force(subgraph, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman-Reingold on one community, scaled to NODE_SPACING per node."""
    count = subgraph.vcount()
    start = rng.uniform(-1, 1, size=(count, 2)) * math.sqrt(count)
    layout = subgraph.layout_fruchterman_reingold(
        weights="weight", niter=300, seed=start.tolist(), grid="grid" if count > 1000 else "nogrid"
    )
    points = np.asarray(layout.coords, dtype=float)
    points -= np.median(points, axis=0)
    radius = np.sqrt((points**2).sum(axis=1))
    target = NODE_SPACING * 0.75 * math.sqrt(count)
    points *= target / (np.percentile(radius, 90) or 1.0)
    return _pull_in_outliers(points, cap=1.15 * target)


def _pull_in_outliers(points: np.ndarray, *, cap: float) -> np.ndarray:
    """Bring stragglers (FR flings loosely linked accounts far out) near the disc edge."""
    radius = np.sqrt((points**2).sum(axis=1))
    far = radius > cap
    scale = np.ones_like(radius)
    scale[far] = (cap + (radius[far] - cap) * 0.15) / radius[far]
    return points * scale[:, None]


def _radius(points: np.ndarray) -> float:
    return float(np.sqrt((points**2).sum(axis=1)).max()) + NODE_SPACING / 2


def _disc_centres(undirected, groups: list[list[int]], radii: list[float], rng: np.random.Generator) -> np.ndarray:
    """Centres for the community discs: linked communities close, none overlapping."""
    count = len(groups)
    radii_array = np.asarray(radii)
    if count == 1:
        return np.zeros((1, 2))
    membership = np.empty(undirected.vcount(), dtype=int)
    for number, members in enumerate(groups):
        membership[members] = number
    links: dict[tuple[int, int], float] = {}
    for edge, weight in zip(undirected.get_edgelist(), undirected.es["weight"]):
        a, b = sorted((membership[edge[0]], membership[edge[1]]))
        if a != b:
            links[(a, b)] = links.get((a, b), 0.0) + weight
    quotient = ig.Graph(n=count, edges=list(links), directed=False)
    quotient.es["weight"] = list(links.values())
    start = rng.uniform(-1, 1, size=(count, 2))
    coords = np.asarray(quotient.layout_fruchterman_reingold(weights="weight", niter=500, seed=start.tolist()).coords)
    coords -= coords.mean(axis=0)
    spread = np.sqrt((coords**2).sum(axis=1)).max() or 1.0
    coords *= np.sqrt((radii_array**2).sum()) / spread
    padded = radii_array + _DISC_GAP / 2
    centres = _separate_discs(coords, padded)
    for _ in range(12):  # shrink towards the middle and re-separate: packed, but in the same arrangement
        centres = _separate_discs(centres * 0.75, padded)
    return centres


def _separate_discs(centres: np.ndarray, radii: np.ndarray, iterations: int = 200) -> np.ndarray:
    """Push overlapping discs apart (larger discs move less) until none overlap."""
    centres = centres.astype(float).copy()
    mass = radii**2
    share = mass[None, :] / (mass[:, None] + mass[None, :])
    reach = radii[:, None] + radii[None, :]
    upper = np.triu(np.ones((len(radii), len(radii)), dtype=bool), 1)
    for _ in range(iterations):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(distance, np.inf)
        overlap = reach - distance
        if overlap.max() <= 0.5:
            break
        overlap = np.clip(overlap, 0, None)
        coincident = distance == 0
        direction = delta / np.where(coincident, 1.0, distance)[:, :, None]
        direction[coincident & upper] = [1.0, 0.0]
        direction[coincident & ~upper] = [-1.0, 0.0]
        push = (direction * (overlap * share)[:, :, None]).sum(axis=1)
        centres += push * 0.5
    return centres - centres.mean(axis=0)
