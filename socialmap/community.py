"""Find communities (Louvain, seeded) and give each a readable name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .compiled import CompiledGraph, compile_graph, seeded

__all__ = ["Partition", "detect_communities", "OTHER_NAME"]

OTHER_NAME = "Other (small or unlinked groups)"


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
    compiled: CompiledGraph | None = None,
) -> Partition:
    """Louvain communities of G's undirected weighted view.

    Runs igraph's multilevel (Louvain) algorithm, Blondel et al. 2008, with
    a private seeded random generator: the same graph and seed always give
    the same partition. Communities smaller than ``min_size`` (isolated
    accounts, pairs) are merged into one group named ``OTHER_NAME``.
    ``compiled`` is G's igraph copy if the caller has one (else it is made).
    """
    if G.number_of_nodes() == 0:
        return Partition({}, ())
    compiled = compiled or compile_graph(G)
    graph, nodes = compiled.undirected, np.asarray(compiled.nodes, dtype=object)
    if graph.ecount() == 0:
        found = np.arange(len(nodes))
    else:
        with seeded(seed):
            found = np.asarray(graph.community_multilevel(weights="weight", resolution=resolution).membership)
    rank = _key_ranks(nodes)
    numbers, kept = _numbered(found, rank, min_size)
    order = np.lexsort((rank, numbers))  # community by community, members in key order
    membership = dict(zip(nodes[order].tolist(), numbers[order].tolist()))
    names = _unique_names(*_names(G, nodes, numbers, rank, kept))
    other = None
    if (numbers == kept).any():
        other = kept
        names.append(OTHER_NAME if kept else "Unlinked accounts")
    return Partition(membership, tuple(names), other)


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


def _names(G: nx.DiGraph, nodes: np.ndarray, numbers: np.ndarray, rank: np.ndarray, kept: int) -> tuple[list, list]:
    """Each kept community's name and its largest account's name, from whole columns at once.

    The name is its main area and category where they dominate (at least
    40% and 60% of its accounts), else "Around" its largest account.
    """
    if kept == 0:
        return [], []
    data = G.nodes
    inside = np.flatnonzero(numbers < kept)
    group = numbers[inside]
    accounts = [data[node] for node in nodes[inside].tolist()]
    column = {a: np.array([account[a] for account in accounts], dtype=object)
              for a in ("area", "category", "placeholder", "followers", "name", "id")}
    followers = np.array([value or 0 for value in column["followers"]], dtype=float)
    by_size = np.lexsort((rank[inside], -followers, group))  # most followers first, ties: first key
    first = by_size[np.r_[True, group[by_size][1:] != group[by_size][:-1]]]
    largest = [name or key for name, key in zip(column["name"][first], column["id"][first])]
    real = ~column["placeholder"].astype(bool)
    counts = np.bincount(group[real], minlength=kept)
    parts: list[list[str]] = [[] for _ in range(kept)]
    for attribute, share in (("area", 0.4), ("category", 0.6)):
        for number, value in _dominant(group, column[attribute], real, counts, share):
            parts[number].append(value)
    names = [" · ".join(p) if p else f"Around {biggest}" for p, biggest in zip(parts, largest)]
    return names, largest


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


def _unique_names(names: list[str], largest: list[str]) -> list[str]:
    """Tell apart communities that got the same name by their largest account."""
    counts = Counter(names)
    seen: Counter = Counter()
    unique = []
    for name, biggest in zip(names, largest):
        if counts[name] > 1 and not name.startswith("Around "):
            name = f"{name} (around {biggest})"
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return unique
