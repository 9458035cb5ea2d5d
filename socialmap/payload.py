"""What the page draws, as plain records: the payload :func:`socialmap.render.render_html` is handed.

The stage between the arrangement and the page: from the graph, its
communities, layout and the colour and size channels it makes JSON-ready
columns (ids, positions, colours, sizes, labels, groups, each account's
importance) and, on a large map, the community overview
(:mod:`socialmap.overview`). The renderer then needs no analysis at all.

Payload keys the page reads (keep them; add new ones rather than renaming):
``nodes.importance`` is each account's place in importance order (0: the
most important, :mod:`socialmap.importance`), from which the page picks the
names it shows first; ``nodes.major`` the accounts labelled at every zoom.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .channels import ColourChannel, SizeChannel
from .community import Partition
from .importance import importance as rank_accounts
from .layout import Layout
from .overview import OVERVIEW_ABOVE, community_overview, largest_accounts, main_group
from .render import PageText

__all__ = ["map_payload", "OVERVIEW_ABOVE"]


def map_payload(
    G: nx.DiGraph,
    partition: Partition,
    layout: Layout,
    text: PageText,
    *,
    colour: ColourChannel,
    size: SizeChannel,
    faint_links: bool = False,
    overview_above: int = OVERVIEW_ABOVE,
    importance: dict[str, int] | None = None,
) -> dict:
    """Everything the page needs, as plain columns (one list per field, to keep the file small).

    The page builds each account's hover text from these columns (the
    wording of :func:`tooltip_text`) when the account is first drawn.
    Text that repeats (platform, area, category, descriptions...) goes as
    an index into its distinct values; positions are whole canvas units,
    sizes three significant figures. Links go as each account's number of
    links out, then the target of each (the graph lists links by source).
    With more than ``overview_above`` accounts the page opens on the
    community overview (:mod:`socialmap.overview`). ``importance`` ranks
    the accounts (smaller first: the metrics' column), else it is found from G.
    """
    nodes = list(G.nodes)
    records = [data for _, data in G.nodes(data=True)]
    edges = _link_columns(G, nodes)
    order = _places(nodes, importance if importance is not None else rank_accounts(G).rank)
    columns = _account_columns(nodes, records, partition, layout, colour, size, order)
    payload = {
        "title": text.title,
        "subtitle": text.subtitle,
        "legend": list(colour.legend),
        "key": [colour.description, size.description],
        "communities": list(partition.names),
        "groupKind": partition.kind,  # what the groups are: "community", or "area" in the per-area overview
        "nodes": columns,
        "edges": edges,
        "faintLinks": faint_links,
        "hubs": [{"key": h.key, "label": h.label, "kind": h.kind, "x": _whole(h.x), "y": _whole(h.y),
                  "room": _whole(h.room)} for h in layout.hubs],
        "tree": {"from": [a for a, _ in layout.tree_links], "to": [b for _, b in layout.tree_links]},
        "regions": [{"label": r.label, "x": _whole(r.x), "y": _whole(r.y), "width": _whole(r.width),
                     "height": _whole(r.height)} for r in layout.regions],
    }
    if len(nodes) > overview_above:
        payload["overview"] = _overview(columns, records, edges, len(partition.names), len(colour.legend))
    return payload


def _places(nodes: list[str], rank: dict[str, int]) -> list[int]:
    """Each node's place in importance order among ``nodes``: 0, 1, 2... (ties, which ranks never have, by position)."""
    order = sorted(range(len(nodes)), key=lambda i: (rank[nodes[i]], i))
    places = [0] * len(nodes)
    for place, i in enumerate(order):
        places[i] = place
    return places


def _account_columns(nodes: list[str], records: list[dict], partition: Partition, layout: Layout,
                     colour: ColourChannel, size: SizeChannel, importance: list[int]) -> dict:
    """One list per field of the accounts, in graph order."""
    points = np.array([layout.positions[node] for node in nodes], dtype=float).reshape(-1, 2)
    return {
        "key": nodes,
        "handle": [r["id"] for r in records],
        "label": [r["name"] or r["id"] for r in records],
        "x": _whole_numbers(points[:, 0]),
        "y": _whole_numbers(points[:, 1]),
        "value": _significant([size.value[node] for node in nodes]),
        "group": [colour.entry[node] for node in nodes],
        "community": [partition.membership[node] for node in nodes],
        "platform": _text_column([r["platform"] for r in records]),
        "area": _text_column([r["area"] for r in records]),
        "category": _text_column([r["category"] for r in records]),
        "followers": _counts([r["followers"] for r in records]),
        "posts": _rates([r["posts_per_week"] for r in records]),
        "description": _text_column([r["description"] for r in records]),
        "extra": _extra_columns(records),
        "url": _url_column([r["url"] or "" for r in records]),
        "placeholder": [i for i, r in enumerate(records) if r["placeholder"]],
        "major": _major_accounts(nodes, [r["name"] or r["id"] for r in records], colour, importance),
        "importance": importance,
    }


def _link_columns(G: nx.DiGraph, nodes: list[str]) -> dict:
    """Links as {out: links out per account, to: target index per link[, weight]}.

    G lists its links source by source in node order, so sources need no
    list of their own. Weights are left out when every link weighs 1.
    """
    position = {node: i for i, node in enumerate(nodes)}
    adjacency = [neighbours for _, neighbours in G.adjacency()]
    targets = [target for neighbours in adjacency for target in neighbours]
    weights = np.array([d.get("weight", 1.0) for neighbours in adjacency for d in neighbours.values()], dtype=float)
    columns = {
        "out": [len(neighbours) for neighbours in adjacency],
        "to": [position[target] for target in targets],
    }
    if len(weights) and not (weights == 1.0).all():
        columns["weight"] = _whole_numbers(weights) if (weights == np.round(weights)).all() else _significant(weights)
    return columns


def _overview(columns: dict, records: list[dict], edges: dict, communities: int, groups: int) -> dict:
    """The community overview's nodes and links (see :mod:`socialmap.overview`)."""
    community = np.array(columns["community"], dtype=np.int64)
    followers = np.array([np.nan if r["followers"] is None else r["followers"] for r in records], dtype=float)
    sources = np.repeat(np.arange(len(community)), edges["out"])
    targets = np.array(edges["to"], dtype=np.int64)
    weights = np.array(edges.get("weight", np.ones(len(targets))), dtype=float)
    summary = community_overview(community, np.array(columns["x"], dtype=float), np.array(columns["y"], dtype=float),
                                 followers, sources, targets, weights, communities=communities)
    main = main_group(community, np.array(columns["group"], dtype=np.int64), communities=communities, groups=groups)
    largest = largest_accounts(community, np.array(columns["importance"], dtype=np.int64), communities=communities)
    a, b, summed = summary.links
    return {
        "community": summary.community.tolist(),
        "x": _whole_numbers(summary.x),
        "y": _whole_numbers(summary.y),
        "accounts": summary.accounts.tolist(),
        "followers": [None if known == 0 else total  # none known: the page says unknown, not 0 followers
                      for total, known in zip(_whole_numbers(summary.followers), summary.known.tolist())],
        "group": main[summary.community].tolist(),
        "largest": [largest[number] for number in summary.community.tolist()],
        "links": {"from": a.tolist(), "to": b.tolist(), "weight": _significant(summed)},
    }


def _whole(value: float) -> int:
    return int(round(value))


def _whole_numbers(values) -> list[int]:
    """Whole canvas units (a dot is 12 or more units wide): short JSON, nothing visible lost."""
    return np.rint(np.asarray(values, dtype=float)).astype(np.int64).tolist()


def _significant(values, digits: int = 3) -> list[float | int]:
    """Numbers to ``digits`` significant figures (sizes and widths: the eye sees no more).

    Rounded as a whole number of the last kept digit, then scaled back by
    an exact power of ten, so the JSON holds the short form (3.49, not 3.4899999).
    """
    array = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = digits - 1 - np.floor(np.log10(np.abs(array)))
    shift = np.where(np.isfinite(shift), shift, 0).astype(np.int64)
    up = np.power(10.0, np.maximum(shift, 0))
    down = np.power(10.0, np.maximum(-shift, 0))
    rounded = (np.rint(array * up / down) * down / up).tolist()
    return [int(v) if v.is_integer() else v for v in rounded]


def _counts(values: list) -> list[int | None]:
    """Follower counts as whole numbers (the hover text shows them so), None where unknown."""
    return [None if v is None else int(round(v)) for v in values]


def _rates(values: list) -> list[float | int | None]:
    """Posts a week to the six significant figures the hover text shows (Python's ``:g``)."""
    shown = [None if v is None else float(f"{v:g}") for v in values]
    return [int(v) if v is not None and v.is_integer() else v for v in shown]


def _text_column(values: list) -> list | dict:
    """A text column as it is, or, when values repeat (platforms, areas), {values, index}: each
    row's index into the distinct values in first-seen order, -1 for none."""
    distinct: dict[str, int] = {}
    index = [-1 if value is None else distinct.setdefault(value, len(distinct)) for value in values]
    if 2 * len(distinct) > len(values):
        return values
    return {"values": list(distinct), "index": index}


def _extra_columns(records: list[dict]) -> list[dict]:
    """The other columns of the accounts file: [{heading, values}] in the order first seen."""
    headings: dict[str, None] = {}
    for r in records:
        headings.update(dict.fromkeys(r["extra"] or {}))
    return [{"heading": h, "values": _text_column([(r["extra"] or {}).get(h) for r in records])} for h in headings]


def _url_column(urls: list[str]) -> dict:
    """Links as {prefix, rest}: everything up to the last "/" (shared by a platform's links) as a
    text column, and the rest."""
    cut = [url.rfind("/") + 1 for url in urls]
    return {"prefix": _text_column([url[:at] for url, at in zip(urls, cut)]),
            "rest": [url[at:] for url, at in zip(urls, cut)]}


def _major_accounts(nodes: list[str], labels: list[str], colour: ColourChannel, importance: list[int],
                    per_group: int = 3) -> list[int]:
    """Positions of each colour group's most important accounts: their labels show at every zoom.

    A name is labelled once, at its most important account: an organisation
    on five platforms would otherwise write its name five times over one spot.
    """
    accounts = pd.DataFrame({"group": [colour.entry[node] for node in nodes], "label": labels,
                             "importance": importance, "at": range(len(nodes))})
    first = accounts.sort_values("importance", kind="stable")
    named_once = first.drop_duplicates("label")
    return sorted(named_once.groupby("group", sort=False).head(per_group)["at"].tolist())
