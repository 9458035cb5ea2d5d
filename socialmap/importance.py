"""How important each account is: one order that drives size, first-view labels, community names and top lists.

Followers where most accounts have a count (at least half of the real
accounts, placeholders not counted), or where there are no links at all and
any account has one (a channel list with counts for one platform only);
otherwise links: PageRank over the links taken either way, then the number
of links in and out. Either way, because many files (Kumu, Gephi, edge
lists) list each connection once in no particular direction; on a follower
list it still ranks the most followed accounts first. Ties are broken by
links (PageRank, then degree), then by name, then by key: never by key order
alone, which on files without follower counts named every community after
its alphabetically first account.
Placeholders (named in a relationship only) come after every real account.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .compiled import CompiledGraph, compile_graph, one_thread

__all__ = ["Importance", "importance", "pagerank", "by_followers", "FOLLOWERS_SHARE", "NO_FOLLOWERS", "FEW_FOLLOWERS"]

FOLLOWERS_SHARE = 0.5  # of the real accounts with a follower count, at least, for followers to decide
NO_FOLLOWERS = "the file has no follower counts"
FEW_FOLLOWERS = "fewer than half the accounts have a follower count"


def by_followers(known: int, accounts: int, links: int) -> bool:
    """Whether follower counts decide importance: ``known`` of ``accounts`` real accounts have one, among
    ``links`` relationships. Without a single link, any count decides: links would leave every account equal, and
    ties go by name, so the alphabetically first accounts would be named first and drawn as large as the rest."""
    return accounts > 0 and (known >= FOLLOWERS_SHARE * accounts or (links == 0 and known > 0))


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
    with one_thread():  # (compiled.one_thread: twenty times faster on a busy machine, the same on every machine)
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
    if G.number_of_nodes() == 0:
        return Importance("links", (), {}, 0, 0)
    compiled = compiled or compile_graph(G)
    nodes, count = list(compiled.nodes), len(compiled.nodes)
    either_way = compiled.undirected
    data = [G.nodes[node] for node in nodes]
    placeholder = np.fromiter((bool(d.get("placeholder")) for d in data), dtype=bool, count=count)
    given = [d.get("followers") for d in data]
    followers = np.fromiter((-1.0 if f is None else f for f in given), dtype=float, count=count)
    known, accounts = int(((followers >= 0) & ~placeholder).sum()), int((~placeholder).sum())
    basis = "followers" if by_followers(known, accounts, compiled.directed.ecount()) else "links"
    with one_thread():
        scores = either_way.pagerank(weights="weight" if either_way.ecount() else None)
    standing = np.round(np.asarray(scores, dtype=float), 12)  # float noise is a tie
    degree = np.asarray(compiled.directed.degree(), dtype=float)
    names = pd.Series([str(d.get("name") or d.get("id") or node) for node, d in zip(nodes, data)]).str.casefold()
    name = pd.factorize(names, sort=True)[0]
    key = pd.factorize(pd.Series(nodes, dtype=object), sort=True)[0]
    keys = [key, name, -degree, -standing]
    if basis == "followers":
        keys.append(-followers)
    order = np.lexsort((*keys, placeholder))  # the last key sorts first
    ordered = tuple(nodes[i] for i in order.tolist())
    return Importance(basis, ordered, {node: place for place, node in enumerate(ordered)}, known, accounts)
