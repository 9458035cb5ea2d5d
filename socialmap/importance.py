"""How important each account is: one order that drives size, first-view labels, community names and top lists.

Followers where most accounts have a count (at least half of the real
accounts, placeholders not counted), otherwise links: PageRank over the
links taken either way, then the number of links in and out. Either way,
because many files (Kumu, Gephi, edge lists) list each connection once in no
particular direction; on a follower list it still ranks the most followed
accounts first. Ties are broken by links (PageRank, then degree), then by name,
then by key: never by key order alone, which on files without follower
counts named every community after its alphabetically first account.
Placeholders (named in a relationship only) come after every real account.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from .compiled import CompiledGraph, compile_graph

__all__ = ["Importance", "importance", "pagerank", "by_followers", "FOLLOWERS_SHARE", "NO_FOLLOWERS", "FEW_FOLLOWERS"]

FOLLOWERS_SHARE = 0.5  # of the real accounts with a follower count, at least, for followers to decide
NO_FOLLOWERS = "the file has no follower counts"
FEW_FOLLOWERS = "fewer than half the accounts have a follower count"


def by_followers(known: int, accounts: int) -> bool:
    """Whether follower counts decide importance: ``known`` of ``accounts`` real accounts have one."""
    return accounts > 0 and known >= FOLLOWERS_SHARE * accounts


@dataclass(frozen=True)
class Importance:
    """Accounts most important first, and what decided it.

    ``basis`` is "followers" or "links"; ``rank[key]`` is an account's place
    in ``order`` (0: the most important); ``known`` of ``accounts`` real
    accounts have a follower count.
    """

    basis: str
    order: tuple[str, ...]
    rank: dict[str, int]
    known: int
    accounts: int

    @property
    def why(self) -> str:
        """Why links decide, in words ("the file has no follower counts"), or "" when followers do."""
        if self.basis == "followers":
            return ""
        return NO_FOLLOWERS if self.known == 0 else FEW_FOLLOWERS


def pagerank(G: nx.DiGraph, *, damping: float = 0.85, compiled: CompiledGraph | None = None) -> dict[str, float]:
    """Weighted PageRank over directed links (a link passes standing to its target).

    ``compiled`` is G's igraph copy if the caller has one (else it is made).
    """
    if G.number_of_nodes() == 0:
        return {}
    compiled = compiled or compile_graph(G)
    graph = compiled.directed
    scores = graph.pagerank(weights="weight" if graph.ecount() else None, damping=damping)
    return dict(zip(compiled.nodes, scores))


def importance(G: nx.DiGraph, *, compiled: CompiledGraph | None = None) -> Importance:
    """Every account of G, most important first (see the module's docstring).

    ``compiled`` is G's igraph copy if the caller has one (else it is made).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> for key in "abc":
    ...     G.add_node(key, id=key, name=key.upper(), followers=None, placeholder=False)
    >>> G.add_edges_from([("a", "c"), ("b", "c")])
    >>> found = importance(G)
    >>> found.basis, found.order[0], found.why
    ('links', 'c', 'the file has no follower counts')
    """
    nodes = list(G.nodes)
    if not nodes:
        return Importance("links", (), {}, 0, 0)
    compiled = compiled or compile_graph(G)
    either_way = compiled.undirected
    ranks = dict(zip(compiled.nodes, either_way.pagerank(weights="weight" if either_way.ecount() else None)))
    data = [G.nodes[node] for node in nodes]
    placeholder = np.array([bool(d.get("placeholder")) for d in data])
    counted = np.array([d.get("followers") is not None for d in data]) & ~placeholder
    known, accounts = int(counted.sum()), int((~placeholder).sum())
    basis = "followers" if by_followers(known, accounts) else "links"
    followers = np.array([d.get("followers") if d.get("followers") is not None else -1.0 for d in data], dtype=float)
    standing = np.round(np.array([ranks.get(node, 0.0) for node in nodes], dtype=float), 12)  # float noise is a tie
    degree = np.array([G.degree(node) for node in nodes], dtype=float)
    _, name = np.unique(np.array([str(d.get("name") or d.get("id") or node).casefold() for node, d in zip(nodes, data)],
                                 dtype=object), return_inverse=True)
    _, key = np.unique(np.array(nodes, dtype=object), return_inverse=True)
    keys = [key, name, -degree, -standing]
    if basis == "followers":
        keys.append(-followers)
    order = np.lexsort((*keys, placeholder))  # the last key sorts first
    ordered = tuple(nodes[i] for i in order.tolist())
    return Importance(basis, ordered, {node: place for place, node in enumerate(ordered)}, known, accounts)
