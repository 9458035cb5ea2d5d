"""Louvain against Leiden, asked for the known number of groups: NMI against the known groups (issue 20).

Run: ``PYTHONPATH=. python bench/communities.py``. Each network goes through
socialmap's own input stage (as a user's file would), then
``detect_communities`` at resolution 1 and with ``communities=`` the true
number. The table in README "Communities: how many, and how" comes from here.
"""

from __future__ import annotations

import time

import igraph as ig
import networkx as nx
import numpy as np

from socialmap.community import detect_communities
from socialmap.graph import build_graph
from socialmap.pipeline import load_tables
from tests.networks import as_tables


def _nmi(truth: list, found: list) -> float:
    codes = {value: number for number, value in enumerate(dict.fromkeys(truth))}
    return ig.compare_communities([codes[t] for t in truth], found, method="nmi")


def _scores(G: nx.Graph, truth: dict, asked: int) -> dict[str, tuple[float, float]]:
    """{method: (NMI at resolution 1, NMI asked for ``asked``)} over the nodes in ``truth``."""
    tables = load_tables(*as_tables(G))
    graph = build_graph(tables.accounts, tables.relationships)
    key = {data["id"]: node for node, data in graph.nodes(data=True)}
    nodes = list(truth)
    scores = {}
    for method in ("louvain", "leiden"):
        plain = detect_communities(graph, method=method)
        fitted = detect_communities(graph, method=method, communities=asked)
        scores[method] = tuple(_nmi([truth[n] for n in nodes], [p.membership[key[str(n)]] for n in nodes])
                               for p in (plain, fitted))
    return scores


def _row(name: str, runs: list[dict]) -> None:
    cells = [f"{m} {np.mean([r[m][0] for r in runs]):.2f} -> {np.mean([r[m][1] for r in runs]):.2f}"
             for m in ("louvain", "leiden")]
    print(f"{name:58s} " + "   ".join(cells))


def main() -> None:
    print("NMI against the known groups, at resolution 1 -> asked for the known number")
    karate = nx.karate_club_graph()
    _row("karate club (2 clubs)", [_scores(karate, {n: karate.nodes[n]["club"] for n in karate}, 2)])
    davis = nx.davis_southern_women_graph()
    women = [n for n in davis if davis.nodes[n]["bipartite"] == 0]
    _row("Davis southern women (2 groups, Evelyn..Ruth first)", [_scores(davis, {w: i < 9 for i, w in enumerate(women)}, 2)])
    for blocks, size, inside, between in ((2, 50, 0.2, 0.05), (2, 50, 0.15, 0.05), (4, 40, 0.2, 0.03)):
        runs = [_scores(G, {n: n // size for n in G}, blocks)
                for G in (nx.planted_partition_graph(blocks, size, inside, between, seed=s) for s in range(10))]
        _row(f"{blocks} planted blocks of {size} ({inside} / {between}), 10 seeds", runs)
    big = nx.planted_partition_graph(20, 500, 0.02, 0.0005, seed=1)
    tables = load_tables(*as_tables(big))
    graph = build_graph(tables.accounts, tables.relationships)
    for method in ("louvain", "leiden"):
        started = time.perf_counter()
        found = detect_communities(graph, method=method, communities=20)
        print(f"10,000 accounts, 20 asked, {method}: {found.count()} found in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
