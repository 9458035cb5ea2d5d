"""The "geo" layout: accounts grouped around their area's place on a plain projection.

An area's place is the mean of its accounts' own lat/lon where they have
them, else the area's centroid from an areas table (socialmap/sample/areas.csv for
the sample: columns area, lat, lon). Places are projected equirectangularly
around the middle of the map (no tiles, nothing fetched); each area's
accounts sit in a disc on its place, under its label, and areas whose discs
or labels would overlap are nudged apart. Areas with no known place go in a
tidy grid below the map, labelled "place unknown", and a warning says so.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from ..errors import WARNING, Issue
from .base import (
    ACCOUNT_GAP, LARGEST_DISC, Hub, Layout, first_view_scale, separate_discs, sunflower, sunflower_radius, text_width,
)
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


def _groups(G: nx.DiGraph, rank: dict[str, int]) -> dict[str, list[str]]:
    """area -> its accounts, most important (socialmap.importance) first, so nearest its place."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        groups[RELATIONSHIPS_ONLY if data["placeholder"] else (data["area"] or NO_AREA)].append(node)
    return {area: sorted(members, key=lambda n: (rank.get(n, len(rank)), n))
            for area, members in sorted(groups.items())}


_LABEL_SIZE = 30.0  # the page's smallest area label size (canvas units): labels get room for it, larger ones shrink to it


def _label_box(label: str, radius: float, font: float) -> tuple[float, float, float]:
    """(width, height, distance above the disc's centre) of an area's label box as the page draws it."""
    return text_width(label, font) + 0.9 * font, 1.6 * font, radius + LARGEST_DISC * 0.4 + 0.8 * font


def _reach(label: str, radius: float, font: float) -> float:
    """Radius of a circle round the disc's centre holding the disc and its label box."""
    width, height, above = _label_box(label, radius, font)
    return max(radius, math.hypot(width / 2, above + height / 2)) + ACCOUNT_GAP / 4


def geo_layout(G: nx.DiGraph, *, areas: pd.DataFrame | None = None, rank: dict[str, int] | None = None) -> Layout:
    """Positions for every account, plus one labelled hub per area.

    Areas with no known place go in a grid below the placed ones, and a
    warning says how many and what to do. ``rank`` is each account's place in
    the importance order (socialmap.importance); accounts without one come
    last, by key.
    """
    if G.number_of_nodes() == 0:
        return Layout({})
    groups = _groups(G, rank or {})
    places = area_places(G, areas)
    located = [area for area in groups if area in places]
    unlocated = [area for area in groups if area not in places]
    labels = {area: area if area in places else f"{area} (place unknown)" for area in groups}
    radii = {area: sunflower_radius(len(members)) for area, members in groups.items()}
    font = _LABEL_SIZE
    reach = {area: _reach(labels[area], radii[area], font) for area in groups}
    centres = _projected(located, places, reach) if located else {}
    centres.update(_grid(unlocated, reach, radii, centres, font))
    positions: dict[str, tuple[float, float]] = {}
    hubs = []
    for number, (area, members) in enumerate(groups.items()):
        points = sunflower(len(members)) + centres[area]
        positions.update({node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(members, points)})
        width, _, above = _label_box(labels[area], radii[area], font)
        x, y = centres[area]
        hubs.append(Hub(hub_key(G, "area", number), labels[area], "area", round(float(x), 1), round(float(y - above), 1),
                        group=area, room=round(width, 1)))
    issues = ()
    if unlocated:
        named = [area for area in unlocated if area not in (NO_AREA, RELATIONSHIPS_ONLY)]
        if named:
            issues = (Issue("", None, "area", f"{_count(len(named), 'area')} no place: add lat/lon columns or "
                                              "--areas (an areas file with area, lat, lon); they are in a grid "
                                              "below the map", severity=WARNING),)
    return Layout(positions, tuple(hubs), issues=issues)


def _count(number: int, noun: str) -> str:
    return f"1 {noun} has" if number == 1 else f"{number:,} {noun}s have"


def _grid(unlocated: list[str], reach: dict[str, float], radii: dict[str, float], above: dict[str, np.ndarray],
          font: float) -> dict[str, np.ndarray]:
    """The areas with no place in rows of equal cells (about 16:9, or as wide as the map), below the placed ones.

    In each row the labels line up and the discs hang below them.
    """
    if not unlocated:
        return {}
    cell = 2 * max(reach[area] for area in unlocated)
    columns = min(len(unlocated), math.ceil(math.sqrt(len(unlocated) * 16 / 9)))
    middle, top = 0.0, 0.0
    if above:
        left = min(c[0] - reach[a] for a, c in above.items())
        right = max(c[0] + reach[a] for a, c in above.items())
        top = max(c[1] + reach[a] for a, c in above.items()) + ACCOUNT_GAP
        middle = (left + right) / 2
        columns = min(len(unlocated), max(columns, int((right - left) // cell)))
    left = middle - cell * columns / 2
    rows: dict[int, float] = {}  # each row's height: its tallest area
    for i, area in enumerate(unlocated):
        rows[i // columns] = max(rows.get(i // columns, 0.0), 2 * radii[area] + 1.6 * font + LARGEST_DISC)
    tops = np.concatenate([[top], top + np.cumsum([rows[r] + ACCOUNT_GAP for r in sorted(rows)])])
    return {area: np.array([left + cell * (i % columns + 0.5),
                            tops[i // columns] + 1.6 * font + LARGEST_DISC * 0.4 + radii[area]])
            for i, area in enumerate(unlocated)}


def _projected(located: list[str], places: dict, reach: dict) -> dict[str, np.ndarray]:
    """Equirectangular projection, then areas nudged apart (a Dorling-style cartogram), labels and all.

    The map is scaled so that its extent is a few times what the areas need
    in all: dense places (a city's wards) spread out round their middle,
    north stays up and neighbours stay neighbours.
    """
    lat = np.array([places[a][0] for a in located])
    lon = np.array([places[a][1] for a in located])
    middle = math.radians(float(lat.mean()))
    points = np.column_stack([lon * math.cos(middle), -lat])  # degrees; north up
    points -= points.mean(axis=0)
    disc = np.array([reach[a] for a in located])
    extent = float(np.sqrt((points**2).sum(axis=1)).max())
    if len(located) > 1 and extent > 0:
        room = 2.0 * math.sqrt(float((disc**2).sum()))
        points = separate_discs(points * (room / extent), disc, iterations=2000)
    return {area: point for area, point in zip(located, points)}
