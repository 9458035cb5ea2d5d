"""Positions computed in Python, so the page draws at once with physics off.

Four layouts, one module each: ``force`` (communities pulled apart; the
default), ``communities`` (group in a box), ``mindmap`` (Derby style: region,
areas, branches, accounts; needs no relationships) and ``geo`` (accounts
around their area's place). All are deterministic for a given seed.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..community import Partition
from ..compiled import CompiledGraph
from ..options import BRANCHES, LAYOUTS
from .base import NODE_SPACING, Hub, Layout, Region
from .boxes import boxes_layout
from .force import force_layout
from .geo import geo_layout
from .mindmap import mindmap_layout

__all__ = ["LAYOUTS", "BRANCHES", "Layout", "Hub", "Region", "NODE_SPACING", "compute_layout",
           "force_layout", "boxes_layout", "mindmap_layout", "geo_layout"]



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
) -> Layout:
    """The layout called ``name`` (one of LAYOUTS) of the accounts in G.

    ``compiled`` is G's igraph copy (socialmap.compiled) if the caller has
    one; the force and box layouts use it rather than making their own.
    """
    if name == "force":
        return force_layout(G, partition, seed=seed, compiled=compiled)
    if name == "communities":
        return boxes_layout(G, partition, seed=seed, compiled=compiled)
    if name == "mindmap":
        return mindmap_layout(G, branch=branch, region=region)
    if name == "geo":
        return geo_layout(G, areas=areas)
    raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {name!r}")
