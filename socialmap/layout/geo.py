"""The "geo" layout: accounts grouped around their area's place on a plain projection.

An area's place is the mean of its accounts' own lat/lon where they have
them, else the area's centroid from an areas table (socialmap/sample/areas.csv for
the sample: columns area, lat, lon). Places are projected equirectangularly
around the middle of the map (no tiles, nothing fetched); each area's
accounts sit in a disc on its place, and discs that would overlap are nudged
apart. Areas with no known place line up below the map, labelled.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from .base import NODE_SPACING, Hub, Layout, separate_discs, sunflower, sunflower_radius
from .mindmap import NO_AREA, RELATIONSHIPS_ONLY, hub_key

__all__ = ["geo_layout", "area_places"]


def area_places(G: nx.DiGraph, areas: pd.DataFrame | None) -> dict[str, tuple[float, float]]:
    """{area: (lat, lon)}: from accounts' own coordinates first, else the areas table."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for _, data in G.nodes(data=True):
        if data["area"] and data["lat"] is not None and data["lon"] is not None:
            total = sums[data["area"]]
            total[0] += data["lat"]
            total[1] += data["lon"]
            total[2] += 1
    places = {area: (lat / count, lon / count) for area, (lat, lon, count) in sums.items()}
    if areas is not None:
        table = {str(row["area"]).strip().casefold(): (float(row["lat"]), float(row["lon"]))
                 for _, row in areas.iterrows() if pd.notna(row["lat"]) and pd.notna(row["lon"])}
        for _, data in G.nodes(data=True):
            area = data["area"]
            if area and area not in places and area.casefold() in table:
                places[area] = table[area.casefold()]
    return places


def _groups(G: nx.DiGraph) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        groups[RELATIONSHIPS_ONLY if data["placeholder"] else (data["area"] or NO_AREA)].append(node)
    return {area: sorted(members, key=lambda n: (-(G.nodes[n]["followers"] or 0), n))
            for area, members in sorted(groups.items())}


def geo_layout(G: nx.DiGraph, *, areas: pd.DataFrame | None = None) -> Layout:
    """Positions for every account, plus one labelled hub per area."""
    if G.number_of_nodes() == 0:
        return Layout({})
    groups = _groups(G)
    places = area_places(G, areas)
    located = [area for area in groups if area in places]
    unlocated = [area for area in groups if area not in places]
    radii = {area: sunflower_radius(len(members)) for area, members in groups.items()}
    centres: dict[str, np.ndarray] = {}
    if located:
        centres.update(_projected(located, places, radii))
    bottom = max((c[1] + radii[a] for a, c in centres.items()), default=0.0) + 3 * NODE_SPACING
    left = min((c[0] - radii[a] for a, c in centres.items()), default=0.0)
    for area in unlocated:  # a row below the map
        centres[area] = np.array([left + radii[area], bottom + radii[area]])
        left += 2 * radii[area] + 2 * NODE_SPACING
    positions: dict[str, tuple[float, float]] = {}
    hubs = []
    for number, (area, members) in enumerate(groups.items()):
        points = sunflower(len(members)) + centres[area]
        positions.update({node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(members, points)})
        label = area if area in places else f"{area} (place unknown)"
        key = hub_key(G, "area", number)
        x, y = centres[area]
        hubs.append(Hub(key, label, "area", round(float(x), 1), round(float(y - radii[area] - NODE_SPACING * 0.6), 1),
                        group=area))
    return Layout(positions, tuple(hubs))


def _projected(located: list[str], places: dict, radii: dict) -> dict[str, np.ndarray]:
    """Equirectangular projection, then discs nudged apart (a Dorling-style cartogram).

    The map is scaled so that its extent is a few times what the discs need
    in all: dense places (a city's wards) spread out round their middle,
    north stays up and neighbours stay neighbours.
    """
    lat = np.array([places[a][0] for a in located])
    lon = np.array([places[a][1] for a in located])
    middle = math.radians(float(lat.mean()))
    points = np.column_stack([lon * math.cos(middle), -lat])  # degrees; north up
    points -= points.mean(axis=0)
    disc = np.array([radii[a] for a in located]) + NODE_SPACING / 2
    extent = float(np.sqrt((points**2).sum(axis=1)).max())
    if len(located) > 1 and extent > 0:
        room = 2.0 * math.sqrt(float((disc**2).sum()))
        points = separate_discs(points * (room / extent), disc, iterations=2000)
    return {area: point for area, point in zip(located, points)}
