"""Positions computed in Python, so the page draws at once with physics off.

Four layouts, one module each: ``force`` (communities pulled apart),
``communities`` (group in a box), ``mindmap`` (Derby style: region, areas,
branches, accounts; needs no relationships) and ``geo`` (accounts around
their area's place). ``auto``, the default, is ``force`` when there are
links and otherwise boxes of the groups the accounts are coloured by (a
list without links has no communities to pull apart: a force layout of it
is a disc in no order). All are deterministic for a given seed.
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pandas as pd

from ..channels import OTHER_COLOUR, resolve_colour
from ..community import Partition
from ..compiled import CompiledGraph
from ..importance import importance
from ..options import BRANCHES, LAYOUTS
from .base import NODE_SPACING, Hub, Layout, Region
from .boxes import boxes_layout
from .force import force_layout
from .geo import geo_layout
from .mindmap import mindmap_layout

__all__ = ["LAYOUTS", "BRANCHES", "Layout", "Hub", "Region", "NODE_SPACING", "compute_layout", "resolved_layout",
           "force_layout", "boxes_layout", "mindmap_layout", "geo_layout", "colour_groups"]


def compute_layout(
    G: nx.DiGraph,
    partition: Partition,
    *,
    name: str = "force",
    branch: str = "platform",
    region: str = "Region",
    areas: pd.DataFrame | None = None,
    seed: int = 42,
    compiled: CompiledGraph | None = None,
    colour_by: str = "auto",
) -> Layout:
    """The layout called ``name`` (one of LAYOUTS) of the accounts in G.

    ``compiled`` is G's igraph copy (socialmap.compiled) if the caller has
    one; the force and box layouts use it rather than making their own.
    ``colour_by`` is what the page colours by: "auto" boxes a list without
    links by it.
    """
    if name == "auto":
        if resolved_layout(G, name) == "force":
            return force_layout(G, partition, seed=seed, compiled=compiled)
        boxes = boxes_layout(G, colour_groups(G, partition, colour_by), seed=seed, compiled=compiled)
        # a colour's box is no community's: filters keep it while it holds a shown account
        return replace(boxes, regions=tuple(replace(box, group="") for box in boxes.regions))
    if name == "force":
        return force_layout(G, partition, seed=seed, compiled=compiled)
    if name == "communities":
        return boxes_layout(G, partition, seed=seed, compiled=compiled)
    if name == "mindmap":
        return mindmap_layout(G, branch=branch, region=region, rank=importance(G, compiled=compiled).rank)
    if name == "geo":
        return geo_layout(G, areas=areas, rank=importance(G, compiled=compiled).rank)
    raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {name!r}")


def resolved_layout(G: nx.DiGraph, name: str) -> str:
    """The layout ``name`` stands for on G: "auto" is "force" with links, else "communities"."""
    if name != "auto":
        return name
    return "force" if G.number_of_edges() else "communities"


def colour_groups(G: nx.DiGraph, partition: Partition, colour_by: str) -> Partition:
    """The accounts grouped as the key groups them: one group per colour, the shared grey last as "other"."""
    try:
        colour = resolve_colour(G, partition, colour_by)
    except ValueError:  # a column the map lacks: the pipeline reports it when it draws
        return partition
    grey = [number for number, entry in enumerate(colour.legend) if entry["color"] == OTHER_COLOUR]
    other = grey[0] if grey and grey[0] == len(colour.legend) - 1 and len(colour.legend) > 1 else None
    return Partition(dict(colour.entry), tuple(entry["label"] for entry in colour.legend), other)
