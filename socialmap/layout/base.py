"""What every layout returns, and the geometry they share.

A layout gives each account a position in canvas units. Some layouts also
draw things that are not accounts: the mind map's region, area and branch
hubs (with the tree links between them), the boxes of "group in a box".
Those are never counted as accounts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "Layout", "Hub", "Region", "NODE_SPACING", "sunflower", "separate_discs", "pull_in_outliers", "as_positions",
]

NODE_SPACING = 60.0  # canvas units between neighbouring accounts
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Hub:
    """A labelled point that is not an account: the region, an area, a branch."""

    key: str
    label: str
    kind: str  # region | area | branch
    x: float
    y: float
    group: str = ""  # the area it labels (geo): shown only while that area has accounts shown
    room: float = 0.0  # widest its label may be, in canvas units (0: as wide as it needs)


@dataclass(frozen=True)
class Region:
    """A labelled box drawn behind a group of accounts."""

    label: str
    x: float
    y: float
    width: float
    height: float
    group: str = ""  # the community it holds: shown only while that community has accounts shown


@dataclass(frozen=True)
class Layout:
    """Positions of accounts, plus hubs, tree links (hub or account keys) and boxes."""

    positions: dict[str, tuple[float, float]]
    hubs: tuple[Hub, ...] = ()
    tree_links: tuple[tuple[str, str], ...] = ()
    regions: tuple[Region, ...] = field(default=())


def as_positions(nodes: list[str], points: np.ndarray) -> dict[str, tuple[float, float]]:
    """{node: (x, y)} rounded to 0.1 canvas units (small, stable JSON)."""
    rounded = np.round(points, 1)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, rounded)}


def sunflower(count: int, spacing: float = NODE_SPACING) -> np.ndarray:
    """Evenly spread points in a disc (Vogel's spiral), about ``spacing`` apart."""
    steps = np.arange(count)
    radius = spacing * 0.6 * np.sqrt(steps + 0.5)
    angle = steps * GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def sunflower_radius(count: int, spacing: float = NODE_SPACING) -> float:
    return spacing * 0.6 * math.sqrt(max(count, 1) - 0.5) + spacing / 2


def pull_in_outliers(points: np.ndarray, *, cap: float) -> np.ndarray:
    """Bring stragglers (force layouts fling loosely linked accounts far out) near the disc edge."""
    radius = np.sqrt((points**2).sum(axis=1))
    far = radius > cap
    scale = np.ones_like(radius)
    scale[far] = (cap + (radius[far] - cap) * 0.15) / radius[far]
    return points * scale[:, None]


def separate_discs(
    centres: np.ndarray, radii: np.ndarray, iterations: int = 200, mass: np.ndarray | None = None
) -> np.ndarray:
    """Push overlapping discs apart (heavier discs, by default larger ones, move less) until none overlap."""
    centres = centres.astype(float).copy()
    mass = radii**2 if mass is None else mass
    share = mass[None, :] / (mass[:, None] + mass[None, :])
    reach = radii[:, None] + radii[None, :]
    upper = np.triu(np.ones((len(radii), len(radii)), dtype=bool), 1)
    tolerance = max(0.5, 0.01 * float(np.median(radii))) if len(radii) else 0.5
    for _ in range(iterations):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(distance, np.inf)
        overlap = reach - distance
        if overlap.max() <= tolerance:
            break
        overlap = np.clip(overlap, 0, None)
        coincident = distance == 0
        direction = delta / np.where(coincident, 1.0, distance)[:, :, None]
        direction[coincident & upper] = [1.0, 0.0]
        direction[coincident & ~upper] = [-1.0, 0.0]
        push = (direction * (overlap * share)[:, :, None]).sum(axis=1)
        centres += push * 0.5
    return centres


def pack_discs(
    centres: np.ndarray, radii: np.ndarray, *, rounds: int = 8, mass: np.ndarray | None = None
) -> np.ndarray:
    """No two discs overlapping, packed towards the middle, in the given arrangement."""
    centres = separate_discs(centres, radii, mass=mass)
    for _ in range(rounds):
        centres = separate_discs(centres * 0.7, radii, iterations=100, mass=mass)
    centres = separate_discs(centres, radii, iterations=400, mass=mass)
    return centres - centres.mean(axis=0)
