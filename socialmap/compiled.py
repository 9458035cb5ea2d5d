"""Hand a networkx graph to python-igraph for the stages where it pays off.

networkx stays the graph model in the API; igraph runs clustering, layout,
PageRank and betweenness (at 10,000 accounts its Louvain takes 0.07 s
against networkx's 1.7 s, and its force layout spares the 200 s of
networkx's spring_layout: bench/RESULTS.md).

A :class:`CompiledGraph` holds both igraph copies of one graph (directed,
and undirected with a -> b and b -> a summed) and their node order. The
pipeline makes it once per build, from the integer arrays the graph stage
already has (:func:`compile_arrays`), and hands it to every stage: building
it from networkx's edge dicts cost 1.1-1.6 s a time at 100,000 accounts and
was done four times. Functions given only a networkx graph compile it
themselves (:func:`compile_graph`).

igraph draws random numbers from Python's ``random`` module unless told
otherwise; :func:`seeded` points it at a private, seeded generator so the
global random state is never touched and results repeat. Its PageRank
(PRPACK) runs OpenMP threads unless told otherwise; :func:`one_thread` keeps
it to one (see there why).
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np
from threadpoolctl import threadpool_limits

__all__ = ["CompiledGraph", "compile_graph", "compile_arrays", "seeded", "one_thread", "group_links", "paused_gc"]


@dataclass(frozen=True, eq=False)
class CompiledGraph:
    """igraph copies of one networkx graph, with a ``weight`` on every edge.

    ``nodes[i]`` is the networkx node of igraph vertex i (the graph's own
    node order). ``directed`` has one edge per directed pair; ``undirected``
    one per linked pair, weighted by the sum of both directions, in the
    order each pair first appears among the directed edges; ``pairs`` and
    ``pair_weights`` are its edges as numpy arrays (vertex numbers, low
    first). Treat all of them as read-only: every stage shares them.
    """

    nodes: tuple
    directed: ig.Graph
    undirected: ig.Graph
    pairs: np.ndarray
    pair_weights: np.ndarray

    def numbers(self, values: dict) -> np.ndarray:
        """A {node: int} dict (say, community numbers) as an array in vertex order."""
        return np.fromiter((values[node] for node in self.nodes), dtype=np.int64, count=len(self.nodes))

    def groups(self, membership: dict, count: int) -> list[np.ndarray]:
        """Vertex numbers of groups 0..count-1 of a {node: group} dict, each in key order (as Partition.groups())."""
        number = self.numbers(membership)
        rank = np.empty(len(number), dtype=np.int64)
        rank[np.argsort(np.asarray(self.nodes, dtype=object), kind="stable")] = np.arange(len(number))
        order = np.lexsort((rank, number))
        return np.split(order, np.cumsum(np.bincount(number, minlength=count))[:-1])


def compile_arrays(nodes: Sequence, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray) -> CompiledGraph:
    """A CompiledGraph from directed links given as vertex numbers, in the graph's edge order.

    No Python loop over links: numpy sums each pair's two directions.
    """
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    weights = np.asarray(weights, dtype=float)
    count = len(nodes)
    directed = _igraph(count, np.column_stack([sources, targets]), weights, directed=True)
    low, high = np.minimum(sources, targets), np.maximum(sources, targets)
    codes, first, inverse = np.unique(low * max(count, 1) + high, return_index=True, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=weights, minlength=len(codes))
    order = np.argsort(first, kind="stable")  # first-seen order, as networkx's edge walk gives
    pairs = np.column_stack([low[first[order]], high[first[order]]])
    summed = summed[order]
    undirected = _igraph(count, pairs, summed, directed=False)
    return CompiledGraph(tuple(nodes), directed, undirected, pairs, summed)


def compile_graph(G: nx.DiGraph) -> CompiledGraph:
    """A CompiledGraph of any networkx graph (one walk over its edges; weight 1 where none is set)."""
    nodes = list(G.nodes)
    index = {node: position for position, node in enumerate(nodes)}
    edges = G.number_of_edges()
    sources = np.fromiter((index[u] for u, _ in G.edges), dtype=np.int64, count=edges)
    targets = np.fromiter((index[v] for _, v in G.edges), dtype=np.int64, count=edges)
    weights = np.fromiter((float(w) for _, _, w in G.edges(data="weight", default=1.0)), dtype=float, count=edges)
    return compile_arrays(nodes, sources, targets, weights)


def _igraph(count: int, pairs: np.ndarray, weights: np.ndarray, *, directed: bool) -> ig.Graph:
    graph = ig.Graph(n=count, edges=pairs.tolist(), directed=directed)
    graph.es["weight"] = weights.tolist()
    return graph


@contextmanager
def paused_gc() -> Iterator[None]:
    """Within the block, Python's cyclic garbage collector does not run (as it was, after).

    Building a graph makes millions of small dicts and lists; each of them
    counts towards the collector's next pass, and each pass walks the whole
    growing graph. At 100,000 accounts those passes took over half of the
    time of building the graph and its igraph copies. Reference counting
    still frees everything that is not in a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def one_thread() -> Iterator[None]:
    """Within the block, igraph's OpenMP code (PageRank's PRPACK solver) runs on one thread.

    With a thread per core, a busy two-core machine made each thread wait
    for the other: PageRank at 10,000 accounts took 0.5 s a call instead of
    0.02 s (bench/RESULTS.md, 2026-12-01). The scores' last bits also
    depended on the number of cores, so the same file could rank accounts
    differently on two laptops; on one thread they are the same everywhere.
    threadpoolctl sets the thread count of the OpenMP library igraph loaded.
    """
    with threadpool_limits(limits=1, user_api="openmp"):
        yield


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Within the block, igraph draws from ``random.Random(seed)``."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def group_links(compiled: CompiledGraph, membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Links between groups: (pairs of group numbers, low first; summed weights), sorted."""
    a, b = membership[compiled.pairs[:, 0]], membership[compiled.pairs[:, 1]]
    low, high = np.minimum(a, b), np.maximum(a, b)
    between = low != high
    if not between.any():
        return np.empty((0, 2), dtype=int), np.empty(0)
    pairs, inverse = np.unique(np.column_stack([low[between], high[between]]), axis=0, return_inverse=True)
    return pairs, np.bincount(inverse.ravel(), weights=compiled.pair_weights[between])
