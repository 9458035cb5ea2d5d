"""Find communities (Louvain, seeded) and give each a readable name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from .compiled import seeded, to_igraph

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
    G: nx.DiGraph, *, resolution: float = 1.0, min_size: int = 3, seed: int = 42
) -> Partition:
    """Louvain communities of G's undirected weighted view.

    Runs igraph's multilevel (Louvain) algorithm, Blondel et al. 2008, with
    a private seeded random generator: the same graph and seed always give
    the same partition. Communities smaller than ``min_size`` (isolated
    accounts, pairs) are merged into one group named ``OTHER_NAME``.
    """
    if G.number_of_nodes() == 0:
        return Partition({}, ())
    graph, nodes = to_igraph(G, directed=False)
    if graph.ecount() == 0:
        groups = [[node] for node in nodes]
    else:
        with seeded(seed):
            clustering = graph.community_multilevel(weights="weight", resolution=resolution)
        groups = [[nodes[i] for i in community] for community in clustering]
    groups = sorted((sorted(group) for group in groups), key=lambda group: (-len(group), group[0]))
    kept = [group for group in groups if len(group) >= min_size]
    small = sorted(node for group in groups if len(group) < min_size for node in group)
    membership = {node: number for number, group in enumerate(kept) for node in group}
    names = _unique_names([_community_name(G, group) for group in kept], [_largest_name(G, g) for g in kept])
    other = None
    if small:
        other = len(kept)
        membership.update({node: other for node in small})
        names.append(OTHER_NAME if kept else "Unlinked accounts")
    return Partition(membership, tuple(names), other)


def _largest_name(G: nx.DiGraph, group: list[str]) -> str:
    """Name of the account with most followers (unknown counts as 0; ties: first key)."""
    largest = max(group, key=lambda node: G.nodes[node]["followers"] or 0)
    return G.nodes[largest]["name"] or G.nodes[largest]["id"]


def _community_name(G: nx.DiGraph, group: list[str]) -> str:
    """Its main area and category where they dominate, else its largest account."""
    accounts = [G.nodes[node] for node in group if not G.nodes[node]["placeholder"]]
    parts = []
    for attribute, share in (("area", 0.4), ("category", 0.6)):
        values = Counter(account[attribute] for account in accounts if account[attribute])
        if values:
            value, count = min(values.items(), key=lambda item: (-item[1], item[0]))
            if count >= share * len(accounts):
                parts.append(value)
    return " · ".join(parts) if parts else f"Around {_largest_name(G, group)}"


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
