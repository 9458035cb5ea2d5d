"""Find communities (Louvain or Leiden, seeded) and give each a readable name.

By default the resolution is the caller's (1: plain modularity). Asked for
"about N communities", :func:`fit_resolution` bisects the resolution, each
try seeded, until N communities of ``min_size`` or more accounts are found
(or as close as any resolution gets): the number of groups, not the
algorithm, decides how well known groups are recovered (FACTS.md).

A community is named after its main area and category where they dominate,
else "Around" its most important account (:mod:`socialmap.importance`:
followers where most accounts have a count, else links). No two names are
the same and none ends in a number: a community whose name is taken is named
after its own next most important account.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .compiled import CompiledGraph, compile_graph, seeded
from .importance import Importance, importance as rank_accounts

__all__ = ["Partition", "detect_communities", "fit_resolution", "cluster", "METHODS", "OTHER_NAME", "UNLINKED_NAME"]

OTHER_NAME = "Other (small or unlinked groups)"
UNLINKED_NAME = "Unlinked accounts"
METHODS = ("louvain", "leiden")
FIT_STEPS = 24  # tries of the resolution bisection, at most (Louvain: 0.06 s each at 10,000 accounts)
LOWEST, HIGHEST = 1e-4, 100.0  # the resolutions the bisection searches between


@dataclass(frozen=True)
class Partition:
    """Communities numbered 0.. by size (largest first, ties by smallest key).

    membership maps each node to its community number; names[i] is the
    readable name of community i. When small communities were merged, the
    last number is the "other" group (``other`` holds its number, else None).
    """

    membership: dict[str, int]
    names: tuple[str, ...]
    other: int | None = None
    kind: str = "community"  # what a group is: "community", or "area" in the per-area overview
    resolution: float = 1.0  # the resolution the communities were found at (fitted when a count was asked)
    method: str = "louvain"  # "louvain" or "leiden"

    def count(self, nodes=None) -> int:
        """How many communities (not the "other" group) have accounts among ``nodes`` (default: all):
        the figure the CLI, the app and the page all give."""
        numbers = set(self.membership.values()) if nodes is None else {
            self.membership[node] for node in nodes if node in self.membership}
        return len(numbers - {self.other})

    def sizes(self) -> list[int]:
        counts = Counter(self.membership.values())
        return [counts[number] for number in range(len(self.names))]

    def groups(self) -> list[list[str]]:
        """The members of each community, sorted, in community order."""
        groups: list[list[str]] = [[] for _ in self.names]
        for node, number in self.membership.items():
            groups[number].append(node)
        return [sorted(group) for group in groups]


def detect_communities(
    G: nx.DiGraph, *, resolution: float = 1.0, min_size: int = 3, seed: int = 42,
    compiled: CompiledGraph | None = None, importance: Importance | None = None,
    method: str = "louvain", communities: int | None = None,
) -> Partition:
    """Communities of G's undirected weighted view, numbered and named.

    ``method`` "louvain" runs igraph's multilevel algorithm (Blondel et al.
    2008), "leiden" igraph's Leiden on modularity (Traag et al. 2019: every
    community is connected), each with a private seeded random generator:
    the same graph and seed always give the same partition. With
    ``communities`` (about how many groups) the resolution is found by
    :func:`fit_resolution` and ``resolution`` is not used. Communities
    smaller than ``min_size`` (isolated accounts, pairs) are merged into one
    group named ``OTHER_NAME``. ``compiled`` is G's igraph copy if the
    caller has one (else it is made); ``importance`` the accounts' order
    (else it is found), which names them.
    """
    if G.number_of_nodes() == 0:
        return Partition({}, ())
    compiled = compiled or compile_graph(G)
    graph, nodes = compiled.undirected, np.asarray(compiled.nodes, dtype=object)
    if communities is not None:
        resolution = fit_resolution(graph, communities, method=method, min_size=min_size, seed=seed)
    found = cluster(graph, resolution=resolution, method=method, seed=seed)
    rank = _key_ranks(nodes)
    numbers, kept = _numbered(found, rank, min_size)
    order = np.lexsort((rank, numbers))  # community by community, members in key order
    membership = dict(zip(nodes[order].tolist(), numbers[order].tolist()))
    importance = importance or rank_accounts(G, compiled=compiled)
    place = np.fromiter((importance.rank[node] for node in nodes.tolist()), dtype=np.int64, count=len(nodes))
    names = _names(G, nodes, numbers, place, kept)
    other = None
    if (numbers == kept).any():
        other = kept
        names.append(OTHER_NAME if kept else UNLINKED_NAME)
    return Partition(membership, tuple(names), other, resolution=resolution, method=method)


def cluster(graph: ig.Graph, *, resolution: float = 1.0, method: str = "louvain", seed: int = 42) -> np.ndarray:
    """Each vertex's community number (igraph's own numbering) in an undirected graph with a ``weight``."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if graph.ecount() == 0:
        return np.arange(graph.vcount())
    with seeded(seed):
        if method == "leiden":
            found = graph.community_leiden(objective_function="modularity", weights="weight",
                                           resolution=resolution, n_iterations=-1)
        else:
            found = graph.community_multilevel(weights="weight", resolution=resolution)
    return np.asarray(found.membership)


def _count(found: np.ndarray, min_size: int) -> int:
    return int((np.bincount(found) >= min_size).sum())


def fit_resolution(graph: ig.Graph, communities: int, *, method: str = "louvain", min_size: int = 3,
                   seed: int = 42, steps: int = FIT_STEPS) -> float:
    """The resolution at which ``method`` finds closest to ``communities`` communities of ``min_size``+ accounts.

    A bisection on the logarithm of the resolution between LOWEST and
    HIGHEST, starting from 1: more communities than asked lowers it, fewer
    raises it. The count is not strictly monotone in the resolution, so the
    best try is kept (closest count, then the resolution nearest 1), and
    every try uses the same seed: same graph, same answer. Unlinked
    accounts are communities of one and never counted.
    """
    if not isinstance(communities, int) or communities < 1:
        raise ValueError(f"communities must be a whole number of 1 or more, not {communities!r}")
    if graph.ecount() == 0:
        return 1.0
    low, high = math.log(LOWEST), math.log(HIGHEST)
    guess, best = 0.0, None
    for _ in range(steps):
        resolution = round(math.exp(guess), 6)
        count = _count(cluster(graph, resolution=resolution, method=method, seed=seed), min_size)
        score = (abs(count - communities), abs(guess))
        if best is None or score < best[0]:
            best = (score, resolution)
        if count == communities:
            break
        if count > communities:
            high = guess
        else:
            low = guess
        guess = (low + high) / 2
        if high - low < 1e-3:
            break
    return best[1]


def _key_ranks(nodes: np.ndarray) -> np.ndarray:
    """Each node's place in sorted key order (Python's string order)."""
    rank = np.empty(len(nodes), dtype=np.int64)
    rank[np.argsort(nodes, kind="stable")] = np.arange(len(nodes))
    return rank


def _numbered(found: np.ndarray, rank: np.ndarray, min_size: int) -> tuple[np.ndarray, int]:
    """Community numbers by size (largest first, ties by smallest key), the small ones all numbered ``kept``."""
    sizes = np.bincount(found)
    smallest = np.full(len(sizes), len(rank))
    np.minimum.at(smallest, found, rank)
    order = np.lexsort((smallest, -sizes))
    renumber = np.empty(len(sizes), dtype=np.int64)
    renumber[order] = np.arange(len(sizes))
    kept = int((sizes >= min_size).sum())
    return np.minimum(renumber[found], kept), kept


def _names(G: nx.DiGraph, nodes: np.ndarray, numbers: np.ndarray, place: np.ndarray, kept: int) -> list[str]:
    """Each kept community's name, from whole columns at once (``place``: each node's importance rank).

    The name is its main area and category where they dominate (at least
    40% and 60% of its accounts), else "Around" its most important account;
    see :func:`_unique_names` for names that would repeat.
    """
    if kept == 0:
        return []
    data = G.nodes
    inside = np.flatnonzero(numbers < kept)
    group = numbers[inside]
    accounts = [data[node] for node in nodes[inside].tolist()]
    column = {a: np.array([account[a] for account in accounts], dtype=object)
              for a in ("area", "category", "placeholder", "name", "id")}
    ranked = np.lexsort((place[inside], group))  # community by community, most important first
    starts = np.r_[0, np.cumsum(np.bincount(group, minlength=kept))[:-1]]
    shown = np.array([name or key for name, key in zip(column["name"], column["id"])], dtype=object)
    real = ~column["placeholder"].astype(bool)
    counts = np.bincount(group[real], minlength=kept)
    parts: list[list[str]] = [[] for _ in range(kept)]
    for attribute, share in (("area", 0.4), ("category", 0.6)):
        for number, value in _dominant(group, column[attribute], real, counts, share):
            parts[number].append(value)

    keys = nodes[inside]

    def members(number: int):
        """The community's accounts as (name, handle, key), most important first (read as far as needed)."""
        end = starts[number + 1] if number + 1 < kept else len(ranked)
        return ((shown[i], column["id"][i], keys[i]) for i in ranked[starts[number]:end].tolist())

    return _unique_names([" · ".join(p) for p in parts], members)


def _dominant(group: np.ndarray, values: np.ndarray, real: np.ndarray, accounts: np.ndarray, share: float):
    """(community, value) where the community's commonest value (ties: smallest) covers ``share`` of its accounts."""
    given = real & np.array([bool(value) for value in values], dtype=bool)
    if not given.any():
        return []
    codes, distinct = pd.factorize(values[given], sort=True)
    keys, counts = np.unique(group[given] * len(distinct) + codes, return_counts=True)
    number, code = np.divmod(keys, len(distinct))
    best = np.lexsort((code, -counts, number))
    best = best[np.r_[True, number[best][1:] != number[best][:-1]]]
    wins = counts[best] >= share * accounts[number[best]]
    return list(zip(number[best][wins].tolist(), np.asarray(distinct, dtype=object)[code[best][wins]].tolist()))


def _unique_names(given: list[str], members) -> list[str]:
    """A name per community, none repeated and none numbered.

    ``given[i]`` is community i's area and category name ("" if none);
    ``members(i)`` its accounts as (name, handle, key), most important
    first. A community takes the first of its given name, then
    "<given> (around <account>)" or "Around <account>" for each of its
    accounts in turn, that no larger community took: the same organisation
    on two platforms in two communities names the second after its own next
    account, never "#2". Only when every name is taken does the handle, then
    the key, tell it apart.
    """
    taken: set[str] = set()
    counts = Counter(given)
    names = []
    for number, base in enumerate(given):
        def around(account: str) -> str:
            return f"{base} (around {account})" if base else f"Around {account}"

        first = [base] if base and counts[base] == 1 else []
        candidates = chain(first, (around(name) for name, _, _ in members(number)),
                           (around(f"{name} ({handle})") for name, handle, _ in members(number) if handle != name),
                           (around(f"{name} ({key})") for name, _, key in members(number)))
        name = next(c for c in candidates if c not in taken)
        taken.add(name)
        names.append(name)
    return names
