"""The posters' one typeface and how wide its text is.

Posters measure text before they place it (no two names may overlap), so
they use a face whose widths are known: Bitstream Vera Sans, which ships
inside reportlab (reportlab/fonts/Vera.ttf, VeraBd.ttf, free licence). The
PDF embeds it (subset); the SVG asks for it, then for DejaVu Sans (the same
shapes and widths, on most Linux desktops), Verdana (Windows and macOS:
within a few per cent) and finally any sans-serif. Widths come from the
font's own metrics (reportlab's ``stringWidth``) plus :data:`WIDTH_MARGIN`,
room for a viewer that falls back to Verdana.

Text from the data passes through :func:`clean` first: control characters
are not allowed in XML 1.0 and print as boxes, so each becomes a space.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["REGULAR", "BOLD", "SVG_FAMILY", "WIDTH_MARGIN", "register", "text_width", "clean", "wrap", "font_file"]

REGULAR, BOLD = "SocialmapVera", "SocialmapVeraBold"
SVG_FAMILY = "'Bitstream Vera Sans', 'DejaVu Sans', Verdana, sans-serif"
WIDTH_MARGIN = 1.04  # a name's box is its measured width times this
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def font_file(bold: bool = False) -> Path:
    """The .ttf reportlab ships (the PDF embeds it; slides' pictures draw with it)."""
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / ("VeraBd.ttf" if bold else "Vera.ttf")


@lru_cache(maxsize=1)
def register() -> tuple[str, str]:
    """Register the two faces with reportlab (once); their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(font_file(False))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_file(True))))
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
