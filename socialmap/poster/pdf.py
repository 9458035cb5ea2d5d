"""A scene as a one-page PDF, drawn with reportlab's canvas: vector shapes and real, selectable text.

Drawn directly rather than through svglib (reportlab's SVG reader):
measured on the sample's A3 poster, the direct drawing is faster and
smaller (see tests/test_poster.py and the README), keeps the embedded
font (svglib maps font names to reportlab's standard Helvetica, which
has no glyphs beyond Latin-1) and keeps a name's white halo. The font is
DejaVu Sans, embedded as a subset (:mod:`.fonts`).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .fonts import BOLD, REGULAR, register
from .scene import Chart, Disc, Label, Rect, Scene, Segment

__all__ = ["scene_pdf"]


def scene_pdf(scene: Scene, *, author: str = "socialmap") -> bytes:
    """The scene as PDF bytes: one page the scene's size (invariant: the same scene gives the same bytes)."""
    register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(scene.width, scene.height), invariant=1, pageCompression=1, initialFontName=REGULAR,
                    lang="en-GB")
    canvas.setTitle(scene.title)
    canvas.setSubject(scene.description)
    canvas.setAuthor(author)
    canvas.setCreator("socialmap")
    height = scene.height
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for item in scene.items:
        if isinstance(item, Segment):
            canvas.setStrokeColor(HexColor(item.colour))
            canvas.setStrokeAlpha(item.opacity)
            canvas.setLineWidth(item.width)
            canvas.setDash()
            canvas.line(item.x1, height - item.y1, item.x2, height - item.y2)
        elif isinstance(item, Rect):
            canvas.setFillAlpha(item.opacity)
            canvas.setStrokeAlpha(item.opacity)
            if item.fill:
                canvas.setFillColor(HexColor(item.fill))
            if item.stroke:
                canvas.setStrokeColor(HexColor(item.stroke))
                canvas.setLineWidth(item.stroke_width)
            canvas.setDash()
            y = height - item.y - item.height
            if item.radius:
                canvas.roundRect(item.x, y, item.width, item.height, item.radius, stroke=int(bool(item.stroke)),
                                 fill=int(bool(item.fill)))
            else:
                canvas.rect(item.x, y, item.width, item.height, stroke=int(bool(item.stroke)), fill=int(bool(item.fill)))
        elif isinstance(item, Disc):
            canvas.setFillAlpha(item.opacity)
            canvas.setStrokeAlpha(item.opacity)
            canvas.setFillColor(HexColor(item.fill))
            canvas.setStrokeColor(HexColor(item.stroke))
            canvas.setLineWidth(item.stroke_width)
            canvas.setDash(1.5, 1.5) if item.dashed else canvas.setDash()
            canvas.circle(item.x, height - item.y, item.r, stroke=1, fill=1)
        elif isinstance(item, Label):
            _text(canvas, item, height)
        elif isinstance(item, Chart):
            _chart(canvas, item, height)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _drawable(text: str) -> str:
    """``text`` as the embedded face can print it: a letter it lacks as its base letter, and what has no base
    letter in it (an emoji, a Chinese character) left out: a missing glyph would print as an empty box."""
    return "".join(_printable(character) for character in text)


@lru_cache(maxsize=512)
def _printable(text: str) -> str:
    glyphs = _glyphs()
    if all(ord(character) in glyphs for character in text):
        return text
    return "".join(part for part in unicodedata.normalize("NFKD", text) if ord(part) in glyphs)


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """The characters both embedded faces have a glyph for."""
    from reportlab.pdfbase import pdfmetrics

    register()
    faces = [pdfmetrics.getFont(name).face for name in (REGULAR, BOLD)]
    return frozenset.intersection(*(frozenset(face.charToGlyph) for face in faces))


def _text(canvas: Canvas, item: Label, height: float) -> None:
    item = replace(item, text=_drawable(item.text))
    font = BOLD if item.bold else REGULAR
    draw = {"start": canvas.drawString, "middle": canvas.drawCentredString, "end": canvas.drawRightString}[item.anchor]
    y = height - item.y
    canvas.setFont(font, item.size)
    canvas.setDash()
    if item.halo:  # the outline first, under the letters
        canvas.setStrokeColor(HexColor("#ffffff"))
        canvas.setStrokeAlpha(0.92)
        canvas.setLineWidth(item.size * 0.28)
        draw(item.x, y, item.text, mode=1)
    canvas.setFillAlpha(1)
    canvas.setFillColor(HexColor(item.colour))
    draw(item.x, y, item.text, mode=0)


def _chart(canvas: Canvas, item: Chart, height: float) -> None:
    """A trend chart (svgchart's SVG) read by svglib, with the charts' styles and the posters' face registered for
    its words."""
    from reportlab.graphics import renderPDF
    from svglib.fonts import register_font
    from svglib.svglib import svg2rlg

    from .fonts import font_file
    from .trendposter import CHART_FONT, CHART_STYLE

    register_font(CHART_FONT, str(font_file("regular")))
    register_font(CHART_FONT, str(font_file("bold")), weight="bold")
    register_font(CHART_FONT, str(font_file("italic")), style="italic")
    marked = item.svg.replace(">", f"><style>{CHART_STYLE}</style>", 1)
    drawing = svg2rlg(io.BytesIO(marked.encode("utf-8")))
    drawing.initialFontName = REGULAR  # else reportlab starts it in Helvetica, a font the file would not embed
    scale = min(item.width / drawing.width, item.height / drawing.height)
    drawing.scale(scale, scale)
    renderPDF.draw(drawing, canvas, item.x, height - item.y - drawing.height * scale)
    canvas.setFont(REGULAR, 10)
