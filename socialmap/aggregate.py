"""The overview: one node per community or per area, sized by its reach.

Each group's description names its three most important accounts
(:mod:`socialmap.importance`).

A senior manager sees this first on a large map. Each group becomes a node
with the same attributes an account has (so every layout, channel and the
page work on it unchanged); links between groups add up their weights.
Placeholders are left out: they are not accounts.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .community import Partition
from .importance import importance
from .layout.mindmap import NO_AREA
from .metrics import opportunities_to_view

__all__ = ["aggregate_graph"]


def _group_of(G: nx.DiGraph, partition: Partition, by: str) -> dict[str, str]:
    if by == "community":
        return {node: partition.names[partition.membership[node]] for node in G if not G.nodes[node]["placeholder"]}
    if by == "area":
        return {node: G.nodes[node]["area"] or NO_AREA for node in G if not G.nodes[node]["placeholder"]}
    raise ValueError(f"aggregate must be community or area, not {by!r}")


def aggregate_graph(G: nx.DiGraph, partition: Partition, by: str, *, rank: dict[str, int] | None = None
                    ) -> tuple[nx.DiGraph, Partition]:
    """A graph of groups, and a partition in which each group is its own community (or area).

    ``rank`` is each account's place in importance order, if the caller has it (else it is found).
    """
    group_of = _group_of(G, partition, by)
    rank = rank if rank is not None else importance(G).rank
    members: dict[str, list[str]] = defaultdict(list)
    for node, group in group_of.items():
        members[group].append(node)
    ordered = sorted(members, key=lambda group: (-len(members[group]), group))
    keys = {group: f"group:{number}" for number, group in enumerate(ordered)}
    overview = nx.DiGraph()
    for group in ordered:
        accounts = [G.nodes[node] for node in members[group]]
        known = [a for a in accounts if a["followers"] is not None]
        reach = sum(a["followers"] for a in known) if known else None
        otv = sum(opportunities_to_view(a["followers"], a["posts_per_week"]) for a in known) if known else None
        top = [G.nodes[node] for node in sorted(members[group], key=rank.__getitem__)[:3]]
        overview.add_node(
            keys[group], id=group, name=group, platform="", area=group if by == "area" else "", category="",
            followers=reach, posts_per_week=(otv / reach) if reach else None, url="",
            description="Largest: " + "; ".join(a["name"] or a["id"] for a in top),
            lat=None, lon=None, extra={"Accounts": str(len(accounts))}, placeholder=False, accounts=len(accounts),
        )
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for source, target, weight in G.edges(data="weight", default=1.0):
        if source in group_of and target in group_of and group_of[source] != group_of[target]:
            weights[(keys[group_of[source]], keys[group_of[target]])] += weight
    overview.add_edges_from((s, t, {"weight": w, "type": ""}) for (s, t), w in sorted(weights.items()))
    view = Partition({keys[group]: number for number, group in enumerate(ordered)}, tuple(ordered), kind=by)
    return overview, view
