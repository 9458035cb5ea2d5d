"""Per-account figures and headline reach: small pure functions over the graph.

Potential reach is the plain sum of followers; opportunities to view (OTV)
per week is followers x posts per week, counting one post a week where the
rate is unknown. Both count impressions, not people: audiences overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .community import Partition
from .compiled import to_igraph

__all__ = [
    "pagerank",
    "opportunities_to_view",
    "metrics_table",
    "ReachSummary",
    "reach_summary",
    "METRICS_COLUMNS",
    "REACH_CAVEAT",
]

METRICS_COLUMNS = (
    "id", "name", "platform", "area", "category", "followers", "community", "community_id",
    "degree", "pagerank", "in_degree", "out_degree", "posts_per_week", "weekly_otv", "placeholder", "url",
)
REACH_CAVEAT = (
    "Potential reach adds up followers and opportunities to view add up possible impressions "
    "(followers x posts a week); neither counts unique people, because audiences overlap."
)


def pagerank(G: nx.DiGraph, *, damping: float = 0.85) -> dict[str, float]:
    """Weighted PageRank over directed links (a link passes standing to its target)."""
    if G.number_of_nodes() == 0:
        return {}
    graph, nodes = to_igraph(G, directed=True)
    scores = graph.pagerank(weights="weight" if graph.ecount() else None, damping=damping)
    return dict(zip(nodes, scores))


def opportunities_to_view(followers: float | None, posts_per_week: float | None) -> float | None:
    """Weekly OTV of one account; None when followers are unknown."""
    if followers is None:
        return None
    rate = 1.0 if posts_per_week is None else posts_per_week
    return followers * rate


def metrics_table(G: nx.DiGraph, partition: Partition, ranks: dict[str, float]) -> pd.DataFrame:
    """One row per node, in graph order, with the columns of METRICS_COLUMNS."""
    in_degree, out_degree = dict(G.in_degree()), dict(G.out_degree())
    rows = []
    for node, data in G.nodes(data=True):
        community = partition.membership[node]
        rows.append({
            "id": data["id"],
            "name": data["name"],
            "platform": data["platform"],
            "area": data["area"],
            "category": data["category"],
            "followers": data["followers"],
            "community": partition.names[community],
            "community_id": community,
            "degree": in_degree[node] + out_degree[node],
            "pagerank": round(ranks.get(node, 0.0), 6),
            "in_degree": in_degree[node],
            "out_degree": out_degree[node],
            "posts_per_week": data["posts_per_week"],
            "weekly_otv": opportunities_to_view(data["followers"], data["posts_per_week"]),
            "placeholder": data["placeholder"],
            "url": data["url"] or "",
        })
    table = pd.DataFrame(rows, columns=list(METRICS_COLUMNS))
    for column in ("followers", "weekly_otv"):
        table[column] = table[column].astype("Float64").round().astype("Int64")
    return table


@dataclass(frozen=True)
class ReachSummary:
    """Headline figures over real accounts (placeholders are not counted)."""

    accounts: int
    platforms: int
    potential_reach: float
    weekly_otv: float
    unknown_followers: int
    assumed_one_post: int


def reach_summary(G: nx.DiGraph) -> ReachSummary:
    accounts = [data for _, data in G.nodes(data=True) if not data["placeholder"]]
    known = [a for a in accounts if a["followers"] is not None]
    return ReachSummary(
        accounts=len(accounts),
        platforms=len({a["platform"] for a in accounts if a["platform"]}),
        potential_reach=math.fsum(a["followers"] for a in known),
        weekly_otv=math.fsum(opportunities_to_view(a["followers"], a["posts_per_week"]) for a in known),
        unknown_followers=len(accounts) - len(known),
        assumed_one_post=sum(1 for a in known if a["posts_per_week"] is None),
    )
