"""Where names go on a poster: the page's label rule (assets/labels.js), on paper.

Names are tried in importance order; each goes beside its disc (below,
above, right, left, then the four corners: a poster has room to look
further than the screen does) at the first place that is inside the map (and
then below or above, shifted sideways),
clear of every name and box already placed and clear of other discs. The
first few (``insist``) may cover another disc when nothing else is free;
on a poster, so may the larger discs' names, once every name has had its
turn (a name's white halo keeps it legible over a disc's edge).
A name already written is not written again (an organisation on five
platforms is named once). What does not fit is left unnamed: a poster
cannot zoom, so no name ever covers another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Box", "Wanted", "Grid", "place_names"]

GAP = 1.5  # points between a disc and its name


@dataclass(frozen=True)
class Box:
    """A rectangle in points, y down."""

    left: float
    top: float
    right: float
    bottom: float

    def crosses(self, other: Box) -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom

    def inside(self, other: Box) -> bool:
        return (self.left >= other.left and self.right <= other.right and self.top >= other.top
                and self.bottom <= other.bottom)


@dataclass(frozen=True)
class Wanted:
    """A name to place: its text, its disc (centre and radius), its box's width and height, and whether it may
    cover another disc when nothing else is free."""

    index: int
    text: str
    x: float
    y: float
    r: float
    width: float
    height: float
    insist: bool = False
    clip: Box | None = None  # the box (a community's) the name must stay in


class Grid:
    """Boxes listed by the cells they cover: what is already there, found quickly."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = {}

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for gx in range(int(box.left // c), int(box.right // c) + 1):
            for gy in range(int(box.top // c), int(box.bottom // c) + 1):
                yield gx, gy

    def add(self, box: Box, item: object = None) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append((box, item))

    def near(self, box: Box) -> Iterable[tuple[Box, object]]:
        for key in self._keys(box):
            yield from self.cells.get(key, ())


def _disc_hits(box: Box, discs: Grid, own: int) -> bool:
    """Whether ``box`` covers any disc but its own."""
    for _, (index, x, y, r) in discs.near(box):
        if index == own:
            continue
        dx = max(box.left, min(x, box.right)) - x
        dy = max(box.top, min(y, box.bottom)) - y
        if dx * dx + dy * dy < r * r:
            return True
    return False


def _places(w: Wanted) -> list[Box]:
    """Below, above, right, left, the corners, then below and above shifted left and right."""
    x, y, r, width, tall = w.x, w.y, w.r, w.width, w.height
    side = r * 0.7071 + GAP
    spots = [
        (x - width / 2, y + r + GAP), (x - width / 2, y - r - GAP - tall),
        (x + r + GAP, y - tall / 2), (x - r - GAP - width, y - tall / 2),
        (x + side, y + side), (x + side, y - side - tall), (x - side - width, y + side), (x - side - width, y - side - tall),
        (x - width + r, y + r + GAP), (x - r, y + r + GAP), (x - width + r, y - r - GAP - tall), (x - r, y - r - GAP - tall),
    ]
    return [Box(left, top, left + width, top + tall) for left, top in spots]


def place_names(wanted: Sequence[Wanted], discs: Sequence[tuple[int, float, float, float]], area: Box,
                taken: Sequence[Box] = (), *, second: Sequence[int] = ()) -> dict[int, Box]:
    """The box each placed name takes, by index; ``wanted`` in the order to try, ``discs`` (index, x, y, r) every
    disc drawn, ``taken`` boxes already drawn (titles, hubs) that names keep off. ``second``: accounts that, left
    unnamed once every name has been tried, try again allowed to cover other discs (never a name)."""
    tall = max((w.height for w in wanted), default=10.0)
    texts, dots = Grid(4 * tall), Grid(4 * tall)
    for box in taken:
        texts.add(box)
    for index, x, y, r in discs:
        dots.add(Box(x - r, y - r, x + r, y + r), (index, x, y, r))
    placed: dict[int, Box] = {}
    written: set[str] = set()

    def attempt(w: Wanted, insist: bool) -> None:
        if w.text in written or not w.text:
            return
        chosen = None
        for box in _places(w):
            if not box.inside(w.clip or area) or any(box.crosses(other) for other, _ in texts.near(box)):
                continue
            if not _disc_hits(box, dots, w.index):
                chosen = box
                break
            if insist and chosen is None:
                chosen = box
        if chosen is not None:
            texts.add(chosen)
            placed[w.index] = chosen
            written.add(w.text)

    for w in wanted:
        attempt(w, w.insist)
    again = set(second)
    for w in wanted:
        if w.index in again and w.index not in placed:
            attempt(w, True)
    return placed
