"""What colour and size mean: one resolver each, from an option to values per account.

Colour is categorical (a community, or the values of a text column, most
common first, each with a colour from a colour-blind-safe palette and one
grey for the rest); size is continuous (a figure, log-scaled when it spans
orders of magnitude like followers). Both say in words what they show, for
the legend.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .community import Partition
from .importance import FEW_FOLLOWERS, NO_FOLLOWERS, by_followers
from .inputs.schema import normalise_heading
from .inputs.toolcells import values_of
from .words import plural

__all__ = [
    "PALETTE", "OTHER_COLOUR", "ColourChannel", "SizeChannel", "resolve_colour", "resolve_size",
    "TEXT_COLUMNS", "FIGURE_COLUMNS", "colour_choices", "size_choices",
]

# Paul Tol's "muted" qualitative scheme: distinct for colour-blind readers.
PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
OTHER_COLOUR = "#BBBBBB"
TEXT_COLUMNS = ("area", "platform", "category")
LOG_FIGURES = ("followers", "weekly_otv")
FIGURE_COLUMNS = ("followers", "weekly_otv", "pagerank", "degree", "in_degree", "out_degree", "betweenness")
NOT_GIVEN = "Not given"
_GROUP_WORDS = {
    "community": "Colour: community of closely linked accounts.",
    "area": "Colour: area (each dot is one area's accounts).",
}
_FIGURE_WORDS = {
    "followers": "followers", "weekly_otv": "weekly opportunities to view", "pagerank": "PageRank (standing)",
    "degree": "links in and out", "in_degree": "links in", "out_degree": "links out", "betweenness": "betweenness",
}


@dataclass(frozen=True)
class ColourChannel:
    """Legend entries ({label, color, count}), each node's entry, and what colour means."""

    legend: tuple[dict, ...]
    entry: dict[str, int]
    description: str


@dataclass(frozen=True)
class SizeChannel:
    """Each node's size value (before the page scales it) and what size means."""

    value: dict[str, float]
    description: str


def extra_headings(G: nx.DiGraph) -> list[str]:
    """The headings of the extra columns of the accounts in G, sorted."""
    return sorted({heading for _, data in G.nodes(data=True) for heading in (data["extra"] or {})})


def _extra_heading(G: nx.DiGraph, column: str, headings: list[str] | None) -> str | None:
    """The extra column ``column`` names, among ``headings`` (the whole map's) or else G's own."""
    wanted = normalise_heading(column)
    return next((h for h in (headings if headings is not None else extra_headings(G))
                 if normalise_heading(h) == wanted), None)


def colour_choices(G: nx.DiGraph) -> list[str]:
    """What colour can show for this graph: community, the text columns, extra columns."""
    return ["community", *TEXT_COLUMNS, *extra_headings(G)]


def size_choices(G: nx.DiGraph) -> list[str]:
    """What size can show: the figures, then extra columns whose filled cells are all numbers."""
    numeric = [h for h in extra_headings(G) if _numbers(G, h) is not None]
    return [*FIGURE_COLUMNS, *numeric]


def _auto_colour(G: nx.DiGraph) -> str:
    if G.number_of_edges():
        return "community"
    for column in ("category", "platform", "area"):
        if any(data[column] for _, data in G.nodes(data=True)):
            return column
    return "community"


def resolve_colour(
    G: nx.DiGraph, partition: Partition, colour_by: str = "auto", *, headings: list[str] | None = None
) -> ColourChannel:
    """Colour by community, by area/platform/category, or by any extra text column.

    ``headings``: the extra columns of the whole map, when G shows only some
    accounts (a filter may keep none with a value in the chosen column).
    """
    column = _auto_colour(G) if colour_by == "auto" else colour_by
    if normalise_heading(column) == "community":
        return _community_colours(G, partition)
    if column in TEXT_COLUMNS:
        values = {node: data[column] or NOT_GIVEN for node, data in G.nodes(data=True)}
        return _categorical(G, values, column, f"Colour: {column}.")
    heading = _extra_heading(G, column, headings)
    if heading is None:
        raise ValueError(f"cannot colour by {column!r}: choose one of {', '.join(colour_choices(G))}")
    values = {node: (data["extra"] or {}).get(heading) or NOT_GIVEN for node, data in G.nodes(data=True)}
    return _categorical(G, values, heading, f"Colour: {heading}.")


def _weight(G: nx.DiGraph, node: str) -> int:
    """How many accounts a node stands for: 1, or a group's size in the overview."""
    return G.nodes[node].get("accounts", 1)


def _community_colours(G: nx.DiGraph, partition: Partition) -> ColourChannel:
    sizes = [0] * len(partition.names)
    for node, number in partition.membership.items():
        sizes[number] += _weight(G, node)
    coloured = [n for n in range(len(partition.names)) if n != partition.other][: len(PALETTE)]
    legend = [{"label": partition.names[n], "color": PALETTE[i], "count": sizes[n]} for i, n in enumerate(coloured)]
    entry_of = {n: i for i, n in enumerate(coloured)}
    rest = [n for n in range(len(partition.names)) if n not in entry_of]
    if rest:
        label = (partition.names[rest[0]] if rest == [partition.other]
                 else f"Other {plural(partition.kind, len(rest))} ({len(rest)})")
        legend.append({"label": label, "color": OTHER_COLOUR, "count": sum(sizes[n] for n in rest)})
        entry_of.update({n: len(legend) - 1 for n in rest})
    entry = {node: entry_of[number] for node, number in partition.membership.items()}
    words = _GROUP_WORDS.get(partition.kind, f"Colour: {partition.kind}.")
    return ColourChannel(tuple(legend), entry, words)


def _categorical(G: nx.DiGraph, values: dict[str, str], column: str, description: str) -> ColourChannel:
    """Most common values first, one palette colour each; the rest share grey. A cell holding several
    values (a Kumu list, ``green | volunteers``) counts for each, and takes the colour of the commonest."""
    counts: Counter = Counter()
    for node, value in values.items():
        for one in values_of(value):
            counts[one] += _weight(G, node)
    ranked = sorted(counts, key=lambda value: (value == NOT_GIVEN, -counts[value], value))
    coloured = [value for value in ranked if value != NOT_GIVEN][: len(PALETTE)]
    legend = [{"label": value, "color": PALETTE[i], "count": counts[value]} for i, value in enumerate(coloured)]
    entry_of = {value: i for i, value in enumerate(coloured)}
    rest = [value for value in ranked if value not in entry_of]
    if rest:
        label = NOT_GIVEN if rest == [NOT_GIVEN] else f"Other {column} ({len(rest)})"
        legend.append({"label": label, "color": OTHER_COLOUR, "count": sum(counts[v] for v in rest)})
        entry_of.update({value: len(legend) - 1 for value in rest})
    entry = {node: min(entry_of[one] for one in values_of(value)) for node, value in values.items()}
    return ColourChannel(tuple(legend), entry, description)


def _numbers(G: nx.DiGraph, heading: str) -> dict[str, float] | None:
    """The extra column as numbers (None where blank), or None if any filled cell is not a number."""
    values = {}
    for node, data in G.nodes(data=True):
        text = str((data["extra"] or {}).get(heading, "")).replace(",", "").strip()
        if not text:
            values[node] = None
            continue
        try:
            number = float(text)
        except ValueError:
            return None
        values[node] = number if math.isfinite(number) else None
    return values


def resolve_size(
    G: nx.DiGraph, metrics: pd.DataFrame, size_by: str = "followers", *, headings: list[str] | None = None
) -> SizeChannel:
    """Size by a figure (followers and OTV on a log scale) or by any numeric extra column.

    Followers, the default, give way to links (in and out) where fewer than
    half the accounts have a follower count and there are links, as importance does
    (:mod:`socialmap.importance`); the key says so.
    """
    if size_by == "followers":
        real = metrics[~metrics["placeholder"].astype(bool)]
        known = int(real["followers"].notna().sum())
        if not by_followers(known, len(real), G.number_of_edges()) and len(real):
            value = {node: float(v) for node, v in zip(G.nodes, metrics["degree"])}
            return SizeChannel(value, f"Size: links in and out; {NO_FOLLOWERS if known == 0 else FEW_FOLLOWERS}.")
    if size_by in FIGURE_COLUMNS:
        column = metrics[size_by].astype("Float64")
        raw = {node: (None if pd.isna(v) else float(v)) for node, v in zip(G.nodes, column)}
        words = _FIGURE_WORDS[size_by]
    else:
        heading = _extra_heading(G, size_by, headings)
        raw = _numbers(G, heading) if heading else None
        if raw is None:
            raise ValueError(f"cannot size by {size_by!r}: choose one of {', '.join(size_choices(G))}")
        words = heading
    log = size_by in LOG_FIGURES
    scaled = {node: (math.log10(1 + max(v, 0.0)) if log else v) for node, v in raw.items() if v is not None}
    smallest = min(scaled.values(), default=0.0)
    value = {node: round(scaled.get(node, smallest), 6) for node in G}
    return SizeChannel(value, f"Size: {words}{' (log scale)' if log else ''}; smallest = unknown.")
