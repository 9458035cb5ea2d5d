"""Build the networkx graph of accounts and relationships."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

__all__ = ["build_graph", "ACCOUNT_ATTRIBUTES"]

ACCOUNT_ATTRIBUTES = (
    "id", "name", "platform", "area", "category", "followers", "posts_per_week",
    "url", "description", "lat", "lon", "extra", "placeholder",
)


def _known(value: object) -> object:
    """NaN (unknown) becomes None, so graph attributes never hold NaN."""
    return None if isinstance(value, float) and math.isnan(value) else value


def build_graph(accounts: pd.DataFrame, relationships: pd.DataFrame | None = None) -> nx.DiGraph:
    """A new DiGraph: one node per account key, one edge per directed pair.

    Nodes are added in sorted key order so that everything downstream is
    deterministic. Repeated pairs add their weights and collect their types.
    An endpoint missing from ``accounts`` becomes a node with
    ``placeholder=True``, shown under the first spelling seen.
    """
    G = nx.DiGraph()
    records = {row["key"]: row for row in accounts.to_dict("records")}
    placeholders: dict[str, str] = {}
    if relationships is not None:
        for key, handle in zip(
            [*relationships["source"], *relationships["target"]],
            [*relationships["source_id"], *relationships["target_id"]],
        ):
            if key not in records:
                placeholders.setdefault(key, handle)
    for key in sorted([*records, *placeholders]):
        if key in records:
            record = records[key]
            G.add_node(key, **{name: _known(record[name]) for name in ACCOUNT_ATTRIBUTES if name != "placeholder"},
                       placeholder=False)
        else:
            handle = placeholders[key]
            G.add_node(key, id=handle, name=handle, platform="", area="", category="", followers=None,
                       posts_per_week=None, url=None, description="", lat=None, lon=None, extra={}, placeholder=True)
    if relationships is not None and len(relationships):
        weights: dict[tuple[str, str], float] = {}
        kinds: dict[tuple[str, str], set[str]] = {}
        for pair in zip(relationships["source"].tolist(), relationships["target"].tolist(),
                        relationships["weight"].tolist(), relationships["type"].tolist()):
            source, target, weight, kind = pair
            weights[(source, target)] = weights.get((source, target), 0.0) + weight
            if kind:
                kinds.setdefault((source, target), set()).add(kind)
        G.add_edges_from(
            (source, target, {"weight": float(weights[(source, target)]),
                              "type": ", ".join(sorted(kinds.get((source, target), ())))})
            for source, target in sorted(weights)
        )
    return G
