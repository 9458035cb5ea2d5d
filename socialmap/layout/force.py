"""The "force" layout: force-directed, with communities pulled apart.

Each community is laid out on its own with igraph's Fruchterman-Reingold
(a sunflower for groups without inner links); then the communities, as
discs, are placed by a force-directed layout of the graph of communities
(linked communities close) and pushed apart until no two overlap. This beat
a single global force layout on separation, by far, on the bench
(bench/RESULTS.md, "Choosing by measurement").
"""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np

from ..community import Partition
from ..compiled import group_links, seeded, to_igraph
from .base import NODE_SPACING, Layout, as_positions, pack_discs, pull_in_outliers, sunflower

__all__ = ["force_layout", "community_groups_force"]

_DISC_GAP = 0.75 * NODE_SPACING


def force_layout(G: nx.DiGraph, partition: Partition, *, seed: int = 42) -> Layout:
    """Positions for every account; deterministic for a given seed."""
    if G.number_of_nodes() == 0:
        return Layout({})
    undirected, nodes = to_igraph(G, directed=False)
    index = {node: position for position, node in enumerate(nodes)}
    groups = [[index[node] for node in members] for members in partition.groups()]
    rng = np.random.default_rng(seed)
    with seeded(seed):
        local = community_groups_force(undirected, groups, rng, unlinked={partition.other})
        radii = np.array([_radius(points) for points in local]) + _DISC_GAP / 2
        centres = pack_discs(_linked_centres(undirected, groups, radii, rng), radii)
    positions = np.zeros((len(nodes), 2))
    for members, points, centre in zip(groups, local, centres):
        positions[members] = points + centre
    return Layout(as_positions(nodes, positions))


ONE_PASS_FROM = 5000  # accounts: above, all communities share one grid force layout


def community_groups_force(
    undirected: ig.Graph, groups: list[list[int]], rng: np.random.Generator, *, unlinked: set = frozenset()
) -> list[np.ndarray]:
    """A local layout (centred on 0) for each group of vertex indices.

    Small maps lay out each community on its own; large ones lay out all of
    them in one grid Fruchterman-Reingold pass over the links inside
    communities (each community a separate piece), then cut the pieces out:
    one compiled call instead of hundreds (bench/RESULTS.md).
    """
    if undirected.vcount() >= ONE_PASS_FROM:
        return _one_pass(undirected, groups, rng, unlinked)
    local = []
    for number, members in enumerate(groups):
        subgraph = undirected.induced_subgraph(members, implementation="create_from_scratch")
        plain = number in unlinked or subgraph.ecount() == 0 or len(members) < 4
        local.append(sunflower(len(members)) if plain else _force(subgraph, rng))
    return local


def _one_pass(undirected: ig.Graph, groups: list[list[int]], rng: np.random.Generator, unlinked: set) -> list[np.ndarray]:
    membership = np.full(undirected.vcount(), -1)
    for number, members in enumerate(groups):
        membership[members] = number
    edges = np.asarray(undirected.get_edgelist()).reshape(-1, 2)
    inside = np.flatnonzero(membership[edges[:, 0]] == membership[edges[:, 1]])
    pieces = undirected.subgraph_edges(inside.tolist(), delete_vertices=False)
    # igraph's own start (drawn from the seeded generator): a spread-out start
    # of our own made this pass 30x slower at 100,000 accounts
    coords = np.asarray(pieces.layout_fruchterman_reingold(weights="weight", niter=200, grid="grid").coords)
    degree = np.asarray(pieces.degree())
    local = []
    for number, members in enumerate(groups):
        plain = number in unlinked or len(members) < 4 or degree[members].sum() == 0
        local.append(sunflower(len(members)) if plain else _scaled(coords[members]))
    return local


def _force(subgraph: ig.Graph, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman-Reingold on one community, scaled to NODE_SPACING per account."""
    count = subgraph.vcount()
    start = rng.uniform(-1, 1, size=(count, 2)) * math.sqrt(count)
    layout = subgraph.layout_fruchterman_reingold(
        weights="weight", niter=300, seed=start.tolist(), grid="grid" if count > 1000 else "nogrid"
    )
    return _scaled(np.asarray(layout.coords, dtype=float))


def _scaled(points: np.ndarray) -> np.ndarray:
    """A community's force layout, centred, NODE_SPACING per account, stragglers pulled in."""
    count = len(points)
    points = points - np.median(points, axis=0)
    radius = np.sqrt((points**2).sum(axis=1))
    target = NODE_SPACING * 0.75 * math.sqrt(count)
    points *= target / (np.percentile(radius, 90) or 1.0)
    return pull_in_outliers(points, cap=1.15 * target)


def _radius(points: np.ndarray) -> float:
    return float(np.sqrt((points**2).sum(axis=1)).max()) + NODE_SPACING / 2


def _linked_centres(undirected: ig.Graph, groups: list[list[int]], radii: np.ndarray, rng) -> np.ndarray:
    """Starting centres: a force layout of the communities, linked ones close."""
    count = len(groups)
    if count == 1:
        return np.zeros((1, 2))
    membership = np.empty(undirected.vcount(), dtype=int)
    for number, members in enumerate(groups):
        membership[members] = number
    pairs, weights = group_links(undirected, membership)
    quotient = ig.Graph(n=count, edges=pairs.tolist(), directed=False)
    quotient.es["weight"] = weights.tolist()
    start = rng.uniform(-1, 1, size=(count, 2))
    coords = np.asarray(quotient.layout_fruchterman_reingold(weights="weight", niter=500, seed=start.tolist()).coords)
    coords -= coords.mean(axis=0)
    spread = np.sqrt((coords**2).sum(axis=1)).max() or 1.0
    return coords * (np.sqrt((radii**2).sum()) / spread)
