"""A poster as plain shapes in points: what the SVG, PDF and slide writers draw.

One scene, several writers: :mod:`.svg`, :mod:`.pdf` and :mod:`.slides`
draw the same list of shapes, so every format shows the same map. Points
(1/72 inch), origin top left, y down. Text is given as the baseline's
start (or middle or end, by ``anchor``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Rect", "Segment", "Disc", "Label", "Chart", "Scene", "PAPERS", "paper_size"]

# Landscape paper in points; "slide" is a 16:9 PowerPoint slide (13.333 x 7.5 in).
PAPERS = {"A4": (841.89, 595.28), "A3": (1190.55, 841.89), "A2": (1683.78, 1190.55), "slide": (960.0, 540.0)}


def paper_size(paper: str) -> tuple[float, float]:
    """Width and height in points of a landscape sheet (A4, A3, A2) or of a slide."""
    try:
        return PAPERS[paper]
    except KeyError:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}") from None


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    opacity: float = 1.0
    role: str = ""


@dataclass(frozen=True)
class Segment:
    """A straight link or tree line."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float
    opacity: float = 1.0
    role: str = "link"


@dataclass(frozen=True)
class Disc:
    x: float
    y: float
    r: float
    fill: str
    stroke: str = "#3b3b3b"
    stroke_width: float = 0.5
    dashed: bool = False
    opacity: float = 1.0
    role: str = "account"
    name: str = ""  # the account's name, for a tooltip (SVG <title>)


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    size: float
    bold: bool = False
    colour: str = "#15191e"
    anchor: str = "start"  # start, middle or end
    halo: bool = False  # a white outline, so a name stays legible over links
    role: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart drawn by :mod:`socialmap.svgchart` (its SVG markup, every text escaped), scaled into the box."""

    x: float
    y: float
    width: float
    height: float
    svg: str


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    items: tuple  # Rect | Segment | Disc | Label, in drawing order
    title: str
    description: str = ""
