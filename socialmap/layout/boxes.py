"""The "communities" layout: group in a box.

The canvas is cut into one box per community (a squarified treemap), each
box as large as the community's share of potential reach, but never too
small to hold its accounts; inside, the community's own force layout is
stretched to fill its box. Rodrigues et al. 2011, "Group-in-a-Box layout
for multi-faceted analysis of communities".
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import squarify

from ..community import Partition
from ..compiled import CompiledGraph, compile_graph, seeded
from .base import NODE_SPACING, Layout, Region, as_positions
from .force import community_groups_force

__all__ = ["boxes_layout"]

_ASPECT = 16 / 10
_PADDING = NODE_SPACING * 0.9
_ROOM_PER_ACCOUNT = (NODE_SPACING * 1.2) ** 2


def _box_areas(G: nx.DiGraph, groups: list[list[str]]) -> list[float]:
    """Each box's area: its share of reach, but room for every account at least."""
    reach = np.array([sum(G.nodes[n]["followers"] or 0 for n in members) for members in groups], dtype=float)
    room = np.array([len(members) * _ROOM_PER_ACCOUNT + 4 * _PADDING**2 for members in groups])
    if reach.sum() <= 0:
        return room.tolist()
    total = room.sum() * 2
    return np.maximum(total * reach / reach.sum(), room).tolist()


def boxes_layout(G: nx.DiGraph, partition: Partition, *, seed: int = 42, compiled: CompiledGraph | None = None) -> Layout:
    """Positions for every account, and one labelled box per community.

    ``compiled`` is G's igraph copy if the caller has one (else it is made).
    """
    if G.number_of_nodes() == 0:
        return Layout({})
    compiled = compiled or compile_graph(G)
    nodes = compiled.nodes
    groups = compiled.groups(partition.membership, len(partition.names))
    areas = _box_areas(G, partition.groups())
    order = sorted(range(len(groups)), key=lambda g: (-areas[g], g))  # squarify wants largest first
    total = sum(areas)
    height = math.sqrt(total / _ASPECT)
    width = total / height
    rectangles = squarify.squarify([areas[g] for g in order], 0.0, 0.0, width, height)
    rng = np.random.default_rng(seed)
    with seeded(seed):
        local = community_groups_force(compiled, groups, rng, unlinked={partition.other})
    positions = np.zeros((len(nodes), 2))
    regions = [None] * len(groups)
    for number, box in zip(order, rectangles):
        positions[groups[number]] = _fit(local[number], box)
        regions[number] = Region(partition.names[number], round(box["x"], 1), round(box["y"], 1),
                                 round(box["dx"], 1), round(box["dy"], 1), group=partition.names[number])
    middle = np.array([width / 2, height / 2])
    positions -= middle
    shifted = tuple(Region(r.label, round(r.x - middle[0], 1), round(r.y - middle[1], 1), r.width, r.height, r.group)
                    for r in regions)
    return Layout(as_positions(nodes, positions), regions=shifted)


def _fit(points: np.ndarray, box: dict) -> np.ndarray:
    """Stretch a local layout to fill a box, inside its padding (a label strip on top)."""
    inner_width = max(box["dx"] - 2 * _PADDING, 1.0)
    inner_height = max(box["dy"] - 2.6 * _PADDING, 1.0)
    low, high = points.min(axis=0), points.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    unit = (points - low) / span
    unit[:, (high - low) == 0] = 0.5
    return np.column_stack([
        box["x"] + _PADDING + unit[:, 0] * inner_width,
        box["y"] + 1.6 * _PADDING + unit[:, 1] * inner_height,
    ])
