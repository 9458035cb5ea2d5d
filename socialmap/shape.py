"""The shape of the network in one sentence a manager reads, with the figures behind it.

NodeXL's and Pew Research's names for the shapes of social media networks
("Mapping Twitter Topic Networks", Smith, Rainie, Shneiderman and Himelboim,
2014): *broadcast* (many accounts linking to a few hubs), *community
clusters* (several groups, each more linked inside than out), *polarised*
(two dense groups with few links between), *tight crowd* (densely linked,
no clear groups); and our own fallbacks, *loosely linked* (most accounts
have no link) and *no links*. The kind is decided from measured quantities,
in this order:

1. no links: no account links to another;
2. loosely linked: fewer than half of the accounts have any link;
3. broadcast: at least BROADCAST_SHARE of the links touch the top hubs
   (the 5% most linked accounts, 1 to 10 of them);
4. polarised: two large communities hold at least POLARISED_COVER of the
   linked accounts, no third is large, and at most POLARISED_CROSS of the
   links within and between the two cross between them;
5. community clusters: modularity of the communities at least CLUSTERED;
6. tight crowd: otherwise (modularity below CLUSTERED: no clear groups).

A large community holds at least LARGE_SHARE of the linked accounts (and 3).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .community import Partition
from .compiled import CompiledGraph, compile_graph
from .words import count_of

__all__ = ["Shape", "network_shape", "KINDS"]

KINDS = ("no links", "loosely linked", "broadcast", "polarised", "community clusters", "tight crowd")
BROADCAST_SHARE = 0.6
POLARISED_COVER = 0.7
POLARISED_CROSS = 0.1
CLUSTERED = 0.3
LARGE_SHARE = 0.1


@dataclass(frozen=True)
class Shape:
    """What kind of network this is (one of KINDS), in a sentence, with the measured figures."""

    kind: str
    sentence: str
    modularity: float = 0.0
    hub_share: float = 0.0  # share of links touching the top hubs
    hubs: tuple[str, ...] = ()  # the hubs that stand out (linked at least twice as often as the average), most first
    hub_count: int = 0  # how many top accounts the hub share counts
    reciprocity: float = 0.0  # share of directed links returned
    large: tuple[tuple[str, int], ...] = ()  # (name, accounts) of each large community
    linked: int = 0  # accounts with at least one link
    accounts: int = 0

    def evidence(self) -> str:
        """The figures behind the sentence, in words."""
        if self.kind == "no links":
            return ""
        return (f"modularity {self.modularity:.2f}, where above {CLUSTERED} means clear groups; "
                f"{self.hub_share:.0%} of links touch the {count_of(self.hub_count, 'most linked account')}; "
                f"{self.reciprocity:.0%} of links are returned")

    def described(self) -> str:
        """The sentence and its figures: what the page and the CLI say."""
        evidence = self.evidence()
        return f"{self.sentence} ({evidence})." if evidence else f"{self.sentence}."


def _names(G: nx.DiGraph, nodes: list[str]) -> list[str]:
    return [G.nodes[node].get("name") or G.nodes[node].get("id") or str(node) for node in nodes]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def network_shape(G: nx.DiGraph, partition: Partition, *, compiled: CompiledGraph | None = None) -> Shape:
    """Classify G (placeholders count as accounts of the network) with its communities ``partition``."""
    accounts = G.number_of_nodes()
    compiled = compiled or compile_graph(G)
    if accounts == 0 or compiled.undirected.ecount() == 0:  # (networkx counts edges account by account: slow)
        return Shape("no links", "No links: the file lists accounts but no relationships between them",
                     accounts=accounts)
    graph, nodes = compiled.undirected, list(compiled.nodes)
    degree = np.asarray(graph.degree())
    linked = int((degree > 0).sum())
    links = graph.ecount()
    hub_count = min(10, max(1, round(0.05 * linked)))
    threshold = np.sort(degree)[-hub_count]  # the hubs' lowest degree: only accounts at or above it are sorted
    top = np.flatnonzero(degree >= threshold)
    order = top[np.lexsort((np.asarray(nodes, dtype=object)[top], -degree[top]))][:hub_count]  # ties by key
    is_hub = np.zeros(len(nodes), dtype=bool)
    is_hub[order] = True
    pairs = compiled.pairs
    hub_share = float((is_hub[pairs[:, 0]] | is_hub[pairs[:, 1]]).mean())
    membership = compiled.numbers(partition.membership)
    modularity = float(graph.modularity(membership.tolist(), weights="weight"))
    reciprocity = float(compiled.directed.reciprocity(ignore_loops=True)) if compiled.directed.ecount() else 0.0
    if math.isnan(reciprocity):
        reciprocity = 0.0
    sizes = np.bincount(membership[degree > 0], minlength=len(partition.names))
    large_numbers = [number for number in np.argsort(-sizes, kind="stable").tolist()
                     if number != partition.other and sizes[number] >= max(3, LARGE_SHARE * linked)]
    large = tuple((partition.names[n], int(sizes[n])) for n in large_numbers)
    standing = [i for i in order.tolist() if degree[i] >= 2 * degree[degree > 0].mean()] or order[:1].tolist()
    hubs = tuple(_names(G, [nodes[i] for i in standing]))
    figures = dict(modularity=modularity, hub_share=hub_share, hubs=hubs, hub_count=hub_count, reciprocity=reciprocity,
                   large=large, linked=linked, accounts=accounts)

    if linked < accounts / 2:
        return Shape("loosely linked", f"Loosely linked: only {linked:,} of {accounts:,} accounts link to another or "
                     "are linked to; the rest stand alone", **figures)
    if hub_share >= BROADCAST_SHARE:
        return Shape("broadcast", f"Broadcast: many accounts link to a few hubs ({_listed(list(hubs[:3]))}"
                     f"{' and others' if len(hubs) > 3 else ''}), and few to each other", **figures)
    if len(large) == 2 and sum(size for _, size in large) >= POLARISED_COVER * linked:
        a, b = membership[pairs[:, 0]], membership[pairs[:, 1]]
        two = set(large_numbers)
        within_two = np.isin(a, list(two)) & np.isin(b, list(two))
        cross = float((within_two & (a != b)).sum() / max(within_two.sum(), 1))
        if cross <= POLARISED_CROSS:
            return Shape("polarised", f"Polarised: two dense groups, {large[0][0]} ({count_of(large[0][1], 'account')}) "
                         f"and {large[1][0]} ({large[1][1]:,}), with few links between them: {cross:.0%} of their "
                         "links cross", **figures)
    if modularity >= CLUSTERED:
        named = [f"{name} ({size:,})" if number else f"{name} ({count_of(size, 'account')})"
                 for number, (name, size) in enumerate(large[:3])]
        largest = f"; the largest are {_listed(named)}" if len(named) > 1 else (
            f"; the largest is {named[0]}" if named else "")
        return Shape("community clusters", f"Community clusters: {count_of(partition.count(), 'group')} of accounts, "
                     f"each linked more within than to the rest{largest}", **figures)
    return Shape("tight crowd", "Tight crowd: the accounts are densely linked to each other, with no clear groups",
                 **figures)
