"""What every layout returns, and the geometry they share.

A layout gives each account a position in canvas units. Some layouts also
draw things that are not accounts: the mind map's region, area and branch
hubs (with the tree links between them), the boxes of "group in a box".
Those are never counted as accounts.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import Issue

__all__ = [
    "Layout", "Hub", "Region", "NODE_SPACING", "sunflower", "separate_discs", "pack_discs", "pull_in_outliers", "as_positions",
    "KD_TREE_FROM", "LARGEST_DISC", "ACCOUNT_GAP", "spread_accounts", "first_view_scale", "text_width",
]

NODE_SPACING = 60.0  # canvas units between neighbouring accounts
LARGEST_DISC = 42.0  # the page's largest account disc, radius in canvas units (map.js SIZE_RANGE.max)
# Centres at least this far apart: two discs, however large, overlap by at most half the smaller radius.
ACCOUNT_GAP = 2 * LARGEST_DISC - LARGEST_DISC / 2 + 1
VIEW = (1090.0, 680.0)  # the map's size in CSS pixels on a 1366x768 screen, beside the key
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
    """Positions of accounts, plus hubs, tree links (hub or account keys), boxes and warnings.

    ``issues`` are warnings about the input that the layout found (areas
    with no place); their file is left blank for the pipeline to fill in.
    """

    positions: dict[str, tuple[float, float]]
    hubs: tuple[Hub, ...] = ()
    tree_links: tuple[tuple[str, str], ...] = ()
    regions: tuple[Region, ...] = field(default=())
    issues: tuple[Issue, ...] = ()


def first_view_scale(width: float, height: float) -> float:
    """Screen pixels per canvas unit when a map of this extent first fits a 1366x768 screen (at most 1)."""
    return min(1.0, VIEW[0] / max(width + 120, 1.0), VIEW[1] / max(height + 120, 1.0))


def text_width(text: str, size: float) -> float:
    """About how wide the page draws ``text`` at ``size`` (semi-bold system sans): 0.6 em a letter."""
    return 0.6 * size * len(text)


def spread_accounts(points: np.ndarray, iterations: int = 300) -> np.ndarray:
    """Push accounts apart until every two are ACCOUNT_GAP apart (so their discs cannot pile up).

    Pushing alone took hundreds of passes on a clumped force layout (seconds
    at 2,000 accounts); spreading the whole layout first until four in five
    accounts have room leaves a few pairs to push.
    """
    if len(points) < 2:
        return points
    typical = float(np.percentile(_nearest(points), 20))
    if 0 < typical < ACCOUNT_GAP:  # first spread the whole layout (most pairs then need no pushing), at most 1.5x
        points = points * min(1.5, ACCOUNT_GAP / typical)
    return separate_discs(points, np.full(len(points), ACCOUNT_GAP / 2 + 0.5), iterations=iterations)


def _nearest(points: np.ndarray) -> np.ndarray:
    """Each point's distance to its nearest neighbour (a KD-tree only for many points: scipy is slow to import)."""
    if len(points) >= KD_TREE_FROM:
        from scipy.spatial import cKDTree

        return cKDTree(points).query(points, k=2)[0][:, 1]
    gaps = np.sqrt(((points[:, None] - points[None]) ** 2).sum(axis=2))
    np.fill_diagonal(gaps, np.inf)
    return gaps.min(axis=1)


def as_positions(nodes: list[str], points: np.ndarray) -> dict[str, tuple[float, float]]:
    """{node: (x, y)} rounded to 0.1 canvas units (small, stable JSON)."""
    rounded = np.round(points, 1)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, rounded)}


_SUNFLOWER = 0.6 * 60 / 55.7  # Vogel's spiral at 0.6 x spacing has its closest pair 55.7 / 60 x spacing apart


def sunflower(count: int, spacing: float = ACCOUNT_GAP) -> np.ndarray:
    """Evenly spread points in a disc (Vogel's spiral), no two closer than ``spacing``."""
    steps = np.arange(count)
    radius = spacing * _SUNFLOWER * np.sqrt(steps + 0.5)
    angle = steps * GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def sunflower_radius(count: int, spacing: float = ACCOUNT_GAP) -> float:
    return spacing * _SUNFLOWER * math.sqrt(max(count, 1) - 0.5) + spacing / 2


def pull_in_outliers(points: np.ndarray, *, cap: float) -> np.ndarray:
    """Bring stragglers (force layouts fling loosely linked accounts far out) near the disc edge."""
    radius = np.sqrt((points**2).sum(axis=1))
    far = radius > cap
    scale = np.ones_like(radius)
    scale[far] = (cap + (radius[far] - cap) * 0.15) / radius[far]
    return points * scale[:, None]


KD_TREE_FROM = 300  # discs: from here overlapping pairs are found with a KD-tree, not by checking every pair


def separate_discs(
    centres: np.ndarray, radii: np.ndarray, iterations: int = 200, mass: np.ndarray | None = None
) -> np.ndarray:
    """Push overlapping discs apart (heavier discs, by default larger ones, move less) until none overlap.

    Each pass moves only the pairs that overlap, found by checking every
    pair (each once) or, from KD_TREE_FROM discs on, with scipy's KD-tree,
    so that very many small communities do not cost the square of their
    number. Packing the 197 communities of the 100,000-account bench map
    took 2.3 s and now takes 0.26 s; 700 random discs take 2.5 s with the
    KD-tree and 14 s checking every pair (bench/RESULTS.md).
    """
    centres = centres.astype(float).copy()
    radii = np.asarray(radii, dtype=float)
    mass = radii**2 if mass is None else mass
    tolerance = max(0.5, 0.01 * float(np.median(radii))) if len(radii) else 0.5
    reach = _reach(radii) if len(radii) < KD_TREE_FROM else None
    for _ in range(iterations):
        first, second, overlap = _overlaps(centres, radii, reach)
        if not len(overlap) or overlap.max() <= tolerance:
            break
        delta = centres[first] - centres[second]
        distance = np.sqrt((delta**2).sum(axis=1))
        coincident = distance == 0
        direction = delta / np.where(coincident, 1.0, distance)[:, None]
        direction[coincident] = [1.0, 0.0]  # the lower-numbered disc goes right, the other left
        total = mass[first] + mass[second]
        ends = np.concatenate([first, second])
        moves = np.concatenate([direction * (overlap * mass[second] / total)[:, None],
                                -direction * (overlap * mass[first] / total)[:, None]])
        centres[:, 0] += np.bincount(ends, moves[:, 0], minlength=len(radii)) * 0.5
        centres[:, 1] += np.bincount(ends, moves[:, 1], minlength=len(radii)) * 0.5
    return centres


def _reach(radii: np.ndarray) -> np.ndarray:
    """r_i + r_j above the diagonal, -inf elsewhere (so each pair is looked at once)."""
    reach = radii[:, None] + radii[None, :]
    reach[np.tril_indices(len(radii))] = -np.inf
    return reach


def _overlaps(
    centres: np.ndarray, radii: np.ndarray, reach: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first, second, overlap) of each pair of discs that overlap, first < second, in that order.

    ``reach`` (from :func:`_reach`) checks every pair; None searches a
    KD-tree instead: a disc can only overlap a disc no larger than itself
    within twice its own radius.
    """
    if reach is None:
        return _overlaps_near(centres, radii)
    x, y = centres[:, 0], centres[:, 1]
    dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
    overlap = (reach - np.sqrt(dx * dx + dy * dy)).ravel()
    hit = np.flatnonzero(overlap > 0)
    first, second = np.divmod(hit, len(radii))
    return first, second, overlap[hit]


def _overlaps_near(centres: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from scipy.spatial import cKDTree  # 0.3 s to import: only for maps with very many communities

    count = len(radii)
    near = cKDTree(centres).query_ball_point(centres, 2 * radii, return_sorted=False)
    sizes = np.fromiter(map(len, near), dtype=np.int64, count=count)
    found = np.fromiter(itertools.chain.from_iterable(near), dtype=np.int64, count=int(sizes.sum()))
    around = np.repeat(np.arange(count), sizes)
    low, high = np.minimum(around, found), np.maximum(around, found)
    first, second = np.divmod(np.unique((low * count + high)[low != high]), count)
    delta = centres[first] - centres[second]
    overlap = radii[first] + radii[second] - np.sqrt((delta**2).sum(axis=1))
    hit = np.flatnonzero(overlap > 0)
    return first[hit], second[hit], overlap[hit]


def pack_discs(
    centres: np.ndarray, radii: np.ndarray, *, rounds: int = 8, mass: np.ndarray | None = None
) -> np.ndarray:
    """No two discs overlapping, packed towards the middle, in the given arrangement."""
    centres = separate_discs(centres, radii, mass=mass)
    for _ in range(rounds):
        centres = separate_discs(centres * 0.7, radii, iterations=100, mass=mass)
    centres = separate_discs(centres, radii, iterations=400, mass=mass)
    return centres - centres.mean(axis=0)
