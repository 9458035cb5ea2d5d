"""Posters and slides: the map, the change map and the trend as SVG, PDF and PowerPoint files.

The page (socialmap/render.py) is for screens; managers read PDFs, slides
and SharePoint pages, which run no script. This package draws the same
payload and words (:func:`socialmap.pipeline.page_content`) as plain
shapes (:mod:`.mapscene` lays out a :class:`~.scene.Scene`), then writes
them as SVG (:mod:`.svg`), PDF (:mod:`.pdf`) or a three-slide deck
(:mod:`.slides`). Nothing here imports the analysis: it draws what it is handed.
"""

from __future__ import annotations

from ..render import PageText
from .scene import PAPERS

__all__ = ["FORMATS", "PAPER_NAMES", "map_file", "trend_file"]

FORMATS = ("svg", "pdf", "pptx")
PAPER_NAMES = tuple(name for name in PAPERS if name != "slide")


def map_file(fmt: str, payload: dict, text: PageText, *, paper: str = "A3") -> bytes:
    """A map (or change map) as an SVG or PDF poster on ``paper``, or as PowerPoint slides."""
    from .mapscene import map_scene

    if fmt == "svg":
        from .svg import scene_svg

        return scene_svg(map_scene(payload, text, paper=paper))
    if fmt == "pdf":
        from .pdf import scene_pdf

        return scene_pdf(map_scene(payload, text, paper=paper))
    if fmt == "pptx":
        from .slides import map_slides

        return map_slides(payload, text)
    raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")


def trend_file(fmt: str, table, *, title: str, subtitle: str = "", source: str = "", top: int = 8,
               paper: str = "A3") -> bytes:
    """A trend table (:func:`socialmap.trend.trend_table`) as an SVG or PDF poster, or as PowerPoint slides."""
    from .trendposter import trend_scene, trend_slides

    if fmt == "pptx":
        return trend_slides(table, title=title, subtitle=subtitle, source=source, top=top)
    scene = trend_scene(table, title=title, subtitle=subtitle, source=source, top=top, paper=paper)
    if fmt == "svg":
        from .svg import scene_svg

        return scene_svg(scene)
    if fmt == "pdf":
        from .pdf import scene_pdf

        return scene_pdf(scene)
    raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
