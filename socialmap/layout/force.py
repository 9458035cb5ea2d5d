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
from ..compiled import CompiledGraph, compile_graph, group_links, seeded
from .base import ACCOUNT_GAP, NODE_SPACING, Layout, as_positions, pack_discs, pull_in_outliers, spread_accounts, sunflower

__all__ = ["force_layout", "community_groups_force"]

_DISC_GAP = 0.75 * NODE_SPACING


def force_layout(G: nx.DiGraph, partition: Partition, *, seed: int = 42, compiled: CompiledGraph | None = None) -> Layout:
    """Positions for every account; deterministic for a given seed.

    ``compiled`` is G's igraph copy if the caller has one (else it is made).
    """
    if G.number_of_nodes() == 0:
        return Layout({})
    compiled = compiled or compile_graph(G)
    nodes = compiled.nodes
    groups = compiled.groups(partition.membership, len(partition.names))
    rng = np.random.default_rng(seed)
    with seeded(seed):
        local = community_groups_force(compiled, groups, rng, unlinked={partition.other})
        radii = np.array([_radius(points) for points in local]) + _DISC_GAP / 2
        centres = pack_discs(_linked_centres(compiled, groups, radii, rng), radii)
    positions = np.zeros((len(nodes), 2))
    for members, points, centre in zip(groups, local, centres):
        positions[members] = points + centre
    return Layout(as_positions(nodes, positions))


ONE_PASS_FROM = 5000  # accounts: above, all communities share one grid force layout


def community_groups_force(
    compiled: CompiledGraph, groups: list[np.ndarray], rng: np.random.Generator, *, unlinked: set = frozenset()
) -> list[np.ndarray]:
    """A local layout (centred on 0) for each group of vertex indices.

    Small maps lay out each community on its own; large ones lay out all of
    them in one grid Fruchterman-Reingold pass over the links inside
    communities (each community a separate piece), then cut the pieces out:
    one compiled call instead of hundreds (bench/RESULTS.md). On small maps
    the accounts are then pushed ACCOUNT_GAP apart, so no two discs pile up.
    """
    if compiled.undirected.vcount() >= ONE_PASS_FROM:
        return _one_pass(compiled, groups, unlinked)
    local = []
    for number, members in enumerate(groups):
        subgraph = compiled.undirected.induced_subgraph(members.tolist(), implementation="create_from_scratch")
        plain = number in unlinked or subgraph.ecount() == 0 or len(members) < 4
        local.append(sunflower(len(members)) if plain else spread_accounts(_force(subgraph, rng)))
    return local


def _one_pass(compiled: CompiledGraph, groups: list[np.ndarray], unlinked: set) -> list[np.ndarray]:
    membership = _membership(compiled, groups)
    edges = compiled.pairs
    inside = np.flatnonzero(membership[edges[:, 0]] == membership[edges[:, 1]])
    pieces = compiled.undirected.subgraph_edges(inside.tolist(), delete_vertices=False)
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
    """Fruchterman-Reingold on one community, scaled to ACCOUNT_GAP per account."""
    count = subgraph.vcount()
    start = rng.uniform(-1, 1, size=(count, 2)) * math.sqrt(count)
    layout = subgraph.layout_fruchterman_reingold(
        weights="weight", niter=300, seed=start.tolist(), grid="grid" if count > 1000 else "nogrid"
    )
    return _scaled(np.asarray(layout.coords, dtype=float))


def _scaled(points: np.ndarray) -> np.ndarray:
    """A community's force layout, centred, ACCOUNT_GAP per account, stragglers pulled in."""
    count = len(points)
    points = points - np.median(points, axis=0)
    radius = np.sqrt((points**2).sum(axis=1))
    target = ACCOUNT_GAP * 0.75 * math.sqrt(count)
    points *= target / (np.percentile(radius, 90) or 1.0)
    return pull_in_outliers(points, cap=1.15 * target)


def _radius(points: np.ndarray) -> float:
    return float(np.sqrt((points**2).sum(axis=1)).max()) + NODE_SPACING / 2


def _membership(compiled: CompiledGraph, groups: list[np.ndarray]) -> np.ndarray:
    """Each vertex's group number (-1: in none)."""
    membership = np.full(compiled.undirected.vcount(), -1)
    for number, members in enumerate(groups):
        membership[members] = number
    return membership


def _linked_centres(compiled: CompiledGraph, groups: list[np.ndarray], radii: np.ndarray, rng) -> np.ndarray:
    """Starting centres: a force layout of the communities, linked ones close."""
    count = len(groups)
    if count == 1:
        return np.zeros((1, 2))
    pairs, weights = group_links(compiled, _membership(compiled, groups))
    quotient = ig.Graph(n=count, edges=pairs.tolist(), directed=False)
    quotient.es["weight"] = weights.tolist()
    start = rng.uniform(-1, 1, size=(count, 2))
    coords = np.asarray(quotient.layout_fruchterman_reingold(weights="weight", niter=500, seed=start.tolist()).coords)
    coords -= coords.mean(axis=0)
    spread = np.sqrt((coords**2).sum(axis=1)).max() or 1.0
    return coords * (np.sqrt((radii**2).sum()) / spread)
