"""The posters' one typeface and how wide its text is.

Posters measure text before they place it (no two names may overlap), so
they use a face whose widths are known: DejaVu Sans, shipped in the package
(socialmap/assets/fonts, free licence, LICENSE beside it). It is Bitstream
Vera's letters, with the same widths, and thousands more: Welsh ŵ and ŷ,
Polish, Czech, Turkish, Greek, Cyrillic. The PDF embeds it (subset); the SVG
asks for it, then for Bitstream Vera Sans (the same shapes and widths),
Verdana (Windows and macOS: within a few per cent) and finally any
sans-serif. Widths come from the font's own metrics (reportlab's
``stringWidth``) plus :data:`WIDTH_MARGIN`, room for a viewer that falls
back to Verdana.

Text from the data passes through :func:`clean` first: control characters
are not allowed in XML 1.0 and print as boxes, so each becomes a space.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["REGULAR", "BOLD", "SVG_FAMILY", "WIDTH_MARGIN", "register", "text_width", "clean", "wrap", "font_file"]

REGULAR, BOLD = "SocialmapSans", "SocialmapSansBold"
SVG_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"
_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf"}
WIDTH_MARGIN = 1.04  # a name's box is its measured width times this
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def font_file(style: str = "regular") -> Path:
    """The .ttf of a style ("regular", "bold" or "italic") that the PDF embeds."""
    return Path(__file__).resolve().parent.parent / "assets" / "fonts" / _FILES[style]


@lru_cache(maxsize=1)
def register() -> tuple[str, str]:
    """Register the two faces with reportlab (once); their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(font_file("regular"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_file("bold"))))
    return REGULAR, BOLD


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` at ``size`` points, with the margin."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register()
    return stringWidth(text, BOLD if bold else REGULAR, size) * WIDTH_MARGIN


def clean(text: object) -> str:
    """Text fit to draw: control characters (and lone surrogates) as spaces, runs of white space as one."""
    return " ".join(_CONTROL.sub(" ", "" if text is None else str(text)).split())


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` points (a word longer than that stands alone)."""
    lines: list[str] = []
    line = ""
    for word in clean(text).split(" "):
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
