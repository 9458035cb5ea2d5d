"""One timed build in a fresh process: socialmap or the naive networkx + pyvis pipeline.

    python bench/worker.py socialmap ACCOUNTS RELATIONSHIPS OUT.html
    python bench/worker.py naive ACCOUNTS RELATIONSHIPS OUT.html

Prints one JSON object on stdout: seconds per stage (in order), the total,
the size of the HTML written and a few counts. Imports happen before the
clock starts, for both pipelines. bench/run.py starts this script once per
measurement and reads the process's peak memory from the kernel.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class StageClock:
    """Wall and CPU seconds per named stage; a stage ends when the next starts or on :meth:`stop`.

    CPU time (this process, all threads) hardly moves when other work shares
    the machine; wall time is what a user waits.
    """

    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    _current: str | None = None
    _started: tuple[float, float] = (0.0, 0.0)

    def start(self, stage: str) -> None:
        """End the running stage (if any) and start ``stage``."""
        now = self._now()
        self._close(now)
        self._current, self._started = stage, now

    def stop(self) -> None:
        """End the running stage."""
        self._close(self._now())
        self._current = None

    @staticmethod
    def _now() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def _close(self, now: tuple[float, float]) -> None:
        if self._current is not None:
            stage = self._current
            self.seconds[stage] = self.seconds.get(stage, 0.0) + now[0] - self._started[0]
            self.cpu_seconds[stage] = self.cpu_seconds.get(stage, 0.0) + now[1] - self._started[1]


@dataclass(frozen=True)
class BuildReport:
    """What one build measured; printed as JSON."""

    pipeline: str
    stages: dict[str, float]
    total: float
    cpu_total: float
    cpu_stages: dict[str, float]
    html_bytes: int
    nodes: int
    edges: int
    communities: int
    imported_from: str  # where the package that ran was imported from


def run_socialmap(accounts: Path, relationships: Path, out: Path) -> BuildReport:
    """socialmap.build_map with a progress callback that times each stage, then write the page."""
    import socialmap
    from socialmap.pipeline import build_map

    clock = StageClock()
    result = build_map(accounts, relationships, progress=clock.start)
    clock.start("write")
    out.write_text(result.html, encoding="utf-8")
    clock.stop()
    return BuildReport(
        "socialmap", clock.seconds, sum(clock.seconds.values()), sum(clock.cpu_seconds.values()), clock.cpu_seconds,
        out.stat().st_size,
        result.graph.number_of_nodes(), result.graph.number_of_edges(), len(result.partition.names),
        str(Path(socialmap.__file__).parent),
    )


def run_naive(accounts_path: Path, relationships_path: Path, out: Path) -> BuildReport:
    """What a first attempt usually looks like: pandas, networkx Louvain and spring layout, pyvis.

    The pyvis network is directed (so pyvis skips its quadratic duplicate-edge
    scan of undirected graphs) and inlines vis-network (``cdn_resources="in_line"``)
    so the page is one file like socialmap's; physics stays on, as pyvis defaults.
    """
    import networkx as nx
    import pandas as pd
    from pyvis.network import Network

    clock = StageClock()
    clock.start("read")
    accounts = pd.read_csv(accounts_path)
    relationships = pd.read_csv(relationships_path)
    clock.start("graph")
    G = nx.from_pandas_edgelist(
        relationships, "source", "target", edge_attr=["type", "weight"], create_using=nx.DiGraph
    )
    for row in accounts.itertuples(index=False):
        title = f"{row.name}\n{row.platform} · {row.area}\nFollowers: {row.followers}"
        G.add_node(row.id, label=str(row.name), title=title)
    clock.start("communities")
    undirected = G.to_undirected(as_view=True)
    communities = nx.community.louvain_communities(undirected, weight="weight", seed=42)
    for number, members in enumerate(communities):
        for node in members:
            G.nodes[node]["group"] = number
    clock.start("layout")
    positions = nx.spring_layout(undirected, seed=42)
    for node, (x, y) in positions.items():
        G.nodes[node]["x"], G.nodes[node]["y"] = float(x) * 1000, float(y) * 1000
    clock.start("pyvis")
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    net.from_nx(G)
    net.write_html(str(out))
    clock.stop()
    return BuildReport(
        "naive", clock.seconds, sum(clock.seconds.values()), sum(clock.cpu_seconds.values()), clock.cpu_seconds,
        out.stat().st_size,
        G.number_of_nodes(), G.number_of_edges(), len(communities), str(Path(nx.__file__).parent),
    )


PIPELINES = {"socialmap": run_socialmap, "naive": run_naive}


def main(argv: list[str]) -> None:
    if len(argv) != 4 or argv[0] not in PIPELINES:
        raise SystemExit(f"usage: worker.py {{{'|'.join(PIPELINES)}}} ACCOUNTS RELATIONSHIPS OUT.html")
    pipeline, accounts, relationships, out = argv
    report = PIPELINES[pipeline](Path(accounts), Path(relationships), Path(out))
    print(json.dumps(asdict(report)))


if __name__ == "__main__":
    main(sys.argv[1:])
