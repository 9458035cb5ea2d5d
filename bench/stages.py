"""Choose implementations by measurement: community detection and the force layout.

    python bench/stages.py --sizes 1000 10000

Communities: igraph's multilevel (Louvain, what socialmap uses), leidenalg's
Leiden, and networkx's Louvain, on the same generated maps: time (median of
3) and modularity. Force layout: socialmap's (each community on its own,
then the communities packed), one global igraph Fruchterman-Reingold (grid),
and networkx's ForceAtlas2: time and how well communities stand apart (the
share of accounts nearer their own community's centre than any other's).
Prints Markdown tables; keep the results in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write  # noqa: E402

from socialmap.community import detect_communities  # noqa: E402
from socialmap.compiled import compile_graph, seeded  # noqa: E402
from socialmap.graph import build_graph  # noqa: E402
from socialmap.layout import force_layout  # noqa: E402
from socialmap.pipeline import load_tables  # noqa: E402

SEED = 42


def _median_time(run, repeats: int = 3):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _graph(n: int, folder: Path) -> nx.DiGraph:
    """The generated map, written to CSV and read back as a user's files would be."""
    accounts, relationships = write(folder, n, seed=0)
    tables = load_tables(accounts, relationships)
    return build_graph(tables.accounts, tables.relationships)


def communities_table(G: nx.DiGraph, n: int, *, with_networkx: bool) -> list[str]:
    undirected = nx.Graph()
    undirected.add_nodes_from(G)
    for u, v, w in G.edges(data="weight"):
        undirected.add_edge(u, v, weight=undirected.get_edge_data(u, v, {"weight": 0})["weight"] + w)
    compiled = compile_graph(G)
    graph, nodes = compiled.undirected, compiled.nodes

    def igraph_louvain():
        with seeded(SEED):
            return [[nodes[i] for i in c] for c in graph.community_multilevel(weights="weight")]

    def leiden():
        import leidenalg

        found = leidenalg.find_partition(graph, leidenalg.ModularityVertexPartition, weights="weight", seed=SEED)
        return [[nodes[i] for i in c] for c in found]

    def networkx_louvain():
        return nx.community.louvain_communities(undirected, weight="weight", seed=SEED)

    rows = []
    runs = [("igraph multilevel (socialmap)", igraph_louvain), ("leidenalg Leiden", leiden)]
    if with_networkx:
        runs.append(("networkx louvain", networkx_louvain))
    for name, run in runs:
        seconds, groups = _median_time(run)
        quality = nx.community.modularity(undirected, groups, weight="weight")
        rows.append(f"| {n:,} | {name} | {seconds:.3f} | {quality:.4f} | {len(groups)} |")
    return rows


def _separation(positions: dict, membership: dict) -> float:
    nodes = list(positions)
    points = np.array([positions[n] for n in nodes])
    labels = np.array([membership[n] for n in nodes])
    numbers = np.unique(labels)
    centres = np.array([points[labels == c].mean(axis=0) for c in numbers])
    nearest = np.sqrt(((points[:, None, :] - centres[None]) ** 2).sum(axis=2)).argmin(axis=1)
    return float((numbers[nearest] == labels).mean())


def layouts_table(G: nx.DiGraph, n: int, *, with_networkx: bool) -> list[str]:
    compiled = compile_graph(G)
    partition = detect_communities(G, seed=SEED, compiled=compiled)
    graph, nodes = compiled.undirected, compiled.nodes

    def ours():
        return force_layout(G, partition, seed=SEED, compiled=compiled).positions

    def global_fr():
        with seeded(SEED):
            coords = graph.layout_fruchterman_reingold(weights="weight", grid="grid" if n > 1000 else "nogrid").coords
        return dict(zip(nodes, map(tuple, coords)))

    def forceatlas2():
        return {k: tuple(v) for k, v in nx.forceatlas2_layout(G.to_undirected(), max_iter=100, seed=SEED).items()}

    rows = []
    runs = [("socialmap force (per community, packed)", ours), ("igraph global Fruchterman-Reingold", global_fr)]
    if with_networkx:
        runs.append(("networkx ForceAtlas2 (100 iterations)", forceatlas2))
    for name, run in runs:
        seconds, positions = _median_time(run, repeats=1 if "networkx" in name else 3)
        rows.append(f"| {n:,} | {name} | {seconds:.2f} | {_separation(positions, partition.membership):.3f} |")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--networkx-up-to", type=int, default=10000, help="largest size to run networkx on")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        graphs = {n: _graph(n, Path(folder)) for n in args.sizes}
    print("| accounts | communities | median s | modularity | communities found |")
    print("|---|---|---|---|---|")
    for n, G in graphs.items():
        print("\n".join(communities_table(G, n, with_networkx=n <= args.networkx_up_to)), flush=True)
    print()
    print("| accounts | force layout | s | accounts nearest their own community's centre |")
    print("|---|---|---|---|")
    for n, G in graphs.items():
        print("\n".join(layouts_table(G, n, with_networkx=n <= min(args.networkx_up_to, 2000))), flush=True)


if __name__ == "__main__":
    main()
