"""The "communities" layout: group in a box.

The canvas is cut into one box per group (a squarified treemap). A box is
as large as its accounts' discs (ACCOUNT_GAP apart) need, with a title
strip that fits the page's title at the first view's size and width for
the title; so "Other" (accounts with no community) is no larger than its
share of accounts.
Inside, a linked community's own force layout is stretched to fill its box
and pushed apart again where stretching crowded it; a group without inner
links is a grid, largest account first in reading order. Rodrigues et al.
2011, "Group-in-a-Box layout for multi-faceted analysis of communities".

The groups are the communities, or, for a list without links (the "auto"
layout), the values of the column the accounts are coloured by.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import squarify

from ..community import Partition
from ..compiled import CompiledGraph, compile_graph, seeded
from .base import ACCOUNT_GAP, Layout, Region, as_positions, first_view_scale, separate_discs, text_width
from .force import community_groups_force

__all__ = ["boxes_layout", "title_size"]

_ASPECT = 16 / 10
_PADDING = ACCOUNT_GAP * 0.8  # from a box's sides to its accounts' centres
_GRID_SLACK = 1.4  # a grid needs more than its cells (rows and columns are whole numbers), and some air
_SLACK = 1.3  # a treemap's boxes are not square: room to spare for the long thin ones
_WIDEST_CELL = 2.5 * ACCOUNT_GAP  # a small group in a large box stays a group


def title_size(width: float, height: float) -> float:
    """The page's box-title size (canvas units) on a map this size: 14 px at the first view, at least 28."""
    return max(28.0, 14.0 / first_view_scale(width, height))


def _unlinked(G: nx.DiGraph, partition: Partition, groups: list[list[str]]) -> set[int]:
    """Groups laid out as a grid: "Other", and groups with no link inside."""
    plain = {partition.other} if partition.other is not None else set()
    for number, members in enumerate(groups):
        inside = set(members)
        if not any(v in inside for u in members for v in G.successors(u)):
            plain.add(number)
    return plain


def _room(points: np.ndarray, plain: bool) -> float:
    """Area the accounts need, inside the padding."""
    if plain:
        return len(points) * ACCOUNT_GAP**2 * _GRID_SLACK
    span = points.max(axis=0) - points.min(axis=0) + ACCOUNT_GAP
    return float(span[0] * span[1]) * 1.1


def _box_areas(rooms: list[float], titles: list[str], strip: float) -> list[float]:
    """Each box's area: room for its accounts, padding and title strip, and for its title's width.

    Sized by accounts, not reach (disc sizes show reach): a box by reach
    was mostly empty, and one "Other" box could take 60% of the map.
    """
    areas = []
    for room, title in zip(rooms, titles):
        side = math.sqrt(room)
        title_width = text_width(title, strip / 1.7) + 2 * _PADDING
        areas.append(max((side + 2 * _PADDING) * (side + strip + _PADDING) * _SLACK,
                         title_width * (strip + _PADDING + ACCOUNT_GAP)))
    return areas


def boxes_layout(G: nx.DiGraph, partition: Partition, *, seed: int = 42, compiled: CompiledGraph | None = None) -> Layout:
    """Positions for every account, and one labelled box per group of ``partition``.

    ``compiled`` is G's igraph copy if the caller has one (else it is made).
    """
    if G.number_of_nodes() == 0:
        return Layout({})
    compiled = compiled or compile_graph(G)
    nodes = compiled.nodes
    groups = compiled.groups(partition.membership, len(partition.names))
    members_of = partition.groups()
    plain = _unlinked(G, partition, members_of)
    rng = np.random.default_rng(seed)
    with seeded(seed):
        local = community_groups_force(compiled, groups, rng, unlinked=plain)
    rooms = [_room(points, number in plain) for number, points in enumerate(local)]
    strip = _PADDING
    for _ in range(3):  # the title's size depends on the map's size, which depends on the title strips
        areas = _box_areas(rooms, list(partition.names), strip)
        total = sum(areas)
        height = math.sqrt(total / _ASPECT)
        width = total / height
        strip = 1.7 * title_size(width, height)
    order = sorted(range(len(groups)), key=lambda g: (-areas[g], g))  # squarify wants largest first
    rectangles = squarify.squarify([areas[g] for g in order], 0.0, 0.0, width, height)
    followers = np.array([G.nodes[n]["followers"] or 0 for n in nodes], dtype=float)
    positions = np.zeros((len(nodes), 2))
    regions = [None] * len(groups)
    middle = np.array([width / 2, height / 2])
    for number, box in zip(order, rectangles):
        inner = _inner(box, strip)
        if number in plain:
            ranked = sorted(groups[number].tolist(), key=lambda i: (-followers[i], nodes[i]))
            positions[ranked] = _grid(len(ranked), inner)
        else:
            positions[groups[number]] = _fit(local[number], inner)
        regions[number] = Region(partition.names[number], round(box["x"] - middle[0], 1), round(box["y"] - middle[1], 1),
                                 round(box["dx"], 1), round(box["dy"], 1), group=partition.names[number])
    return Layout(as_positions(nodes, positions - middle), regions=tuple(regions))


def _inner(box: dict, strip: float) -> tuple[float, float, float, float]:
    """(left, top, width, height) where accounts' centres may go: inside the padding, below the title."""
    top = strip + _PADDING * 0.6  # the largest disc's top below the title
    return (box["x"] + _PADDING, box["y"] + top, max(box["dx"] - 2 * _PADDING, 0.0),
            max(box["dy"] - top - _PADDING, 0.0))


def _grid(count: int, inner: tuple[float, float, float, float]) -> np.ndarray:
    """``count`` points in rows filling the inner box, as square a grid as it allows, centred."""
    left, top, width, height = inner
    columns = max(1, min(count, round(math.sqrt(count * max(width, 1.0) / max(height, 1.0)))))
    rows = math.ceil(count / columns)
    while columns < count and min(width / columns, height / rows) < ACCOUNT_GAP and width / (columns + 1) >= ACCOUNT_GAP:
        columns += 1
        rows = math.ceil(count / columns)
    cell = min(width / (columns - 1) if columns > 1 else math.inf, height / (rows - 1) if rows > 1 else math.inf,
               _WIDEST_CELL)
    steps = np.arange(count)
    points = np.column_stack([steps % columns, steps // columns]).astype(float) * cell
    points += [left + (width - cell * (columns - 1)) / 2, top + (height - cell * (rows - 1)) / 2]
    return points


def _fit(points: np.ndarray, inner: tuple[float, float, float, float]) -> np.ndarray:
    """Stretch a local layout to fill the inner box, then push crowded accounts apart, staying inside."""
    left, top, width, height = inner
    low, high = points.min(axis=0), points.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    unit = (points - low) / span
    unit[:, (high - low) == 0] = 0.5
    fitted = np.column_stack([left + unit[:, 0] * width, top + unit[:, 1] * height])
    radii = np.full(len(fitted), ACCOUNT_GAP / 2 + 0.5)
    for _ in range(30):
        fitted = separate_discs(fitted, radii, iterations=20)
        fitted[:, 0] = fitted[:, 0].clip(left, left + width)
        fitted[:, 1] = fitted[:, 1].clip(top, top + height)
    return fitted
