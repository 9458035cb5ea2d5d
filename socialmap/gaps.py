"""Gaps between large communities, and the accounts best placed to bridge them.

InfraNodus names the gaps between a network's clusters; a comms team wants
to know which two audiences hardly meet and who already talks to both. For
each pair of large communities (LARGEST at most, each of MIN_ACCOUNTS or
more) the links between them are counted; a pair is a gap when there are
fewer links between them than GAP_RATIO x the smaller one's accounts. Its
bridges are the accounts with most links to both (the smaller of the two
counts, then the sum, then the name), wherever they sit: the best, and a
second when it links to both at least half as well.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .community import Partition
from .compiled import CompiledGraph, compile_graph
from .words import count_of

__all__ = ["Gap", "community_gaps", "gap_rows"]

LARGEST = 6
MIN_ACCOUNTS = 5
GAP_RATIO = 0.5
SHOWN = 3  # gaps, at most, fewest links first
BRIDGES = 2  # bridging accounts named per gap, at most


@dataclass(frozen=True)
class Gap:
    """Two communities with few links between them, and who links to both."""

    first: str
    second: str
    links: int  # links between them
    first_accounts: int
    second_accounts: int
    bridges: tuple[str, ...] = ()  # names, best placed first

    def sentence(self) -> str:
        """``"Chesterfield and High Peak: 3 links between 32 and 11 accounts; Derbyshire Times links to both"``."""
        links = "no links" if self.links == 0 else count_of(self.links, "link")
        if not self.bridges:
            who = "no account links to both"
        elif len(self.bridges) == 1:
            who = f"{self.bridges[0]} links to both"
        else:
            who = f"{', '.join(self.bridges[:-1])} and {self.bridges[-1]} link to both"
        return (f"{self.first} and {self.second}: {links} between {self.first_accounts:,} and "
                f"{self.second_accounts:,} accounts; {who}")


def community_gaps(G: nx.DiGraph, partition: Partition, *, compiled: CompiledGraph | None = None) -> tuple[Gap, ...]:
    """The gaps between G's large communities (SHOWN at most, fewest links for their size first)."""
    if len(partition.names) < 2:
        return ()
    compiled = compiled or compile_graph(G)
    if compiled.undirected.ecount() == 0:
        return ()
    nodes = list(compiled.nodes)
    membership = compiled.numbers(partition.membership)
    sizes = np.bincount(membership, minlength=len(partition.names))
    large = [n for n in range(len(partition.names)) if n != partition.other and sizes[n] >= MIN_ACCOUNTS][:LARGEST]
    if len(large) < 2:
        return ()
    pairs = compiled.pairs
    # links[v, j]: how many of v's links go to the j-th large community (either way, a linked pair counted once);
    # only the large communities get a column (a map may have thousands of communities)
    column = np.full(len(partition.names), len(large), dtype=np.int64)
    column[large] = np.arange(len(large))
    links = np.zeros((len(nodes), len(large) + 1), dtype=np.int64)
    np.add.at(links, (pairs[:, 0], column[membership[pairs[:, 1]]]), 1)
    np.add.at(links, (pairs[:, 1], column[membership[pairs[:, 0]]]), 1)
    keys = np.asarray(nodes, dtype=object)
    found = []
    for i, a in enumerate(large):
        for j, b in enumerate(large[i + 1:], start=i + 1):
            between = int(links[membership == a, j].sum())
            if between >= GAP_RATIO * min(sizes[a], sizes[b]):
                continue
            both, total = np.minimum(links[:, i], links[:, j]), links[:, i] + links[:, j]
            linked = np.flatnonzero(both > 0)  # only accounts linking to both can bridge (few: a fast sort)
            ranked = linked[np.lexsort((keys[linked], -total[linked], -both[linked]))]
            best = both[ranked[0]] if len(ranked) else 0  # a second bridge must link to both half as well as the best
            ranked = [v for v in ranked[:BRIDGES].tolist() if 2 * both[v] >= best]
            names = tuple(G.nodes[nodes[v]].get("name") or G.nodes[nodes[v]].get("id") or str(nodes[v])
                          for v in ranked)
            found.append((between / min(sizes[a], sizes[b]), a, b,
                          Gap(partition.names[a], partition.names[b], between, int(sizes[a]), int(sizes[b]), names)))
    found.sort(key=lambda item: item[:3])
    return tuple(gap for *_, gap in found[:SHOWN])


def gap_rows(gaps: tuple[Gap, ...]) -> pd.DataFrame:
    """The gaps as rows of the ``--reach`` report: by "gap", group "A and B", accounts in the two,
    links_between, and bridges (the accounts that link to both, "; "-separated)."""
    return pd.DataFrame({
        "by": ["gap"] * len(gaps),
        "group": [f"{gap.first} and {gap.second}" for gap in gaps],
        "accounts": [gap.first_accounts + gap.second_accounts for gap in gaps],
        "links_between": [gap.links for gap in gaps],
        "bridges": ["; ".join(gap.bridges) for gap in gaps],
    })
