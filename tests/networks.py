"""The small real networks networkx ships, as socialmap input tables."""

from __future__ import annotations

import networkx as nx
import pandas as pd

NETWORKS = {
    "karate": nx.karate_club_graph,
    "les_miserables": nx.les_miserables_graph,
    "florentine": nx.florentine_families_graph,
    "davis": nx.davis_southern_women_graph,
}


def as_tables(G: nx.Graph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An accounts table (one row per node) and a relationships table (one row per edge)."""
    accounts = pd.DataFrame({"id": [str(node) for node in G], "name": [str(node) for node in G]})
    relationships = pd.DataFrame(
        [{"source": str(u), "target": str(v), "weight": str(d.get("weight", 1))} for u, v, d in G.edges(data=True)],
        columns=["source", "target", "weight"],
    )
    return accounts, relationships
