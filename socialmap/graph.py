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
        G.add_edges_from(_summed_links(relationships))
    return G


def _summed_links(relationships: pd.DataFrame):
    """(source, target, {weight, type}) per directed pair, sorted: weights summed, kinds listed once."""
    links = relationships[["source", "target", "weight", "type"]]
    pairs = ["source", "target"]
    weights = links.groupby(pairs, sort=True)["weight"].sum()
    typed = links[links["type"] != ""].drop_duplicates([*pairs, "type"]).sort_values([*pairs, "type"])
    kinds = typed.groupby(pairs, sort=False)["type"]
    first = kinds.first().to_dict()
    several = kinds.size()
    multiple = several[several > 1].index  # usually few: one pair linked in several ways
    if len(multiple):
        subset = typed.set_index(pairs).loc[multiple].reset_index()
        first.update(subset.groupby(pairs, sort=False)["type"].agg(", ".join).to_dict())
    for (source, target), weight in zip(weights.index.tolist(), weights.tolist()):
        yield source, target, {"weight": float(weight), "type": first.get((source, target), "")}
