"""Three PowerPoint slides of a map (python-pptx): the map with its title, the headline figures, the reach tables.

Slide 1 is the poster laid out for a 16:9 slide (:func:`.mapscene.map_scene`
with ``paper="slide"``): its shapes (links, discs, boxes) as one picture
drawn with Pillow, and every word (title, names, key, figures) as a native
text box on top, so text from the data stays text, searchable and
editable. (reportlab's own PNG renderer needs the cairo system library,
which does not install from wheels; Pillow does.) Slide 2 holds the
headline figures as a table and their caveats; slide 3 reach by area and
by platform as two native tables. A change map's slides say what changed
in the same places.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ..render import PageText
from .fonts import clean, text_width
from .mapscene import map_scene
from .scene import Disc, Label, Rect, Scene, Segment

__all__ = ["map_slides", "scene_png", "new_deck", "add_title", "add_table", "add_text", "deck_bytes"]

SLIDE_FONT = "Verdana"  # Windows' and macOS's face nearest DejaVu Sans, whose widths placed the names
_EMU = 12700  # per point
_ALIGN = {"start": PP_ALIGN.LEFT, "middle": PP_ALIGN.CENTER, "end": PP_ALIGN.RIGHT}


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def scene_png(scene: Scene, *, dpi: int = 150, supersample: int = 2) -> bytes:
    """The scene's shapes (not its words) as a PNG, drawn larger and scaled down for smooth edges."""
    scale = dpi / 72 * supersample
    size = (round(scene.width * scale), round(scene.height * scale))
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image, "RGBA")
    for item in scene.items:
        if isinstance(item, Rect):
            box = [item.x * scale, item.y * scale, (item.x + item.width) * scale, (item.y + item.height) * scale]
            fill = (*_rgb(item.fill), round(255 * item.opacity)) if item.fill else None
            outline = _rgb(item.stroke) if item.stroke else None
            draw.rounded_rectangle(box, radius=item.radius * scale, fill=fill, outline=outline,
                                   width=max(1, round(item.stroke_width * scale)) if outline else 0)
        elif isinstance(item, Segment):
            draw.line([item.x1 * scale, item.y1 * scale, item.x2 * scale, item.y2 * scale],
                      fill=(*_rgb(item.colour), round(255 * item.opacity)), width=max(1, round(item.width * scale)))
        elif isinstance(item, Disc):
            r = item.r * scale
            alpha = round(255 * item.opacity)
            draw.ellipse([item.x * scale - r, item.y * scale - r, item.x * scale + r, item.y * scale + r],
                         fill=(*_rgb(item.fill), alpha), outline=(*_rgb(item.stroke), alpha),
                         width=max(1, round(item.stroke_width * scale)))
    image = image.resize((size[0] // supersample, size[1] // supersample), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def new_deck() -> Presentation:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(960 * _EMU), Emu(540 * _EMU)
    return deck


def deck_bytes(deck: Presentation) -> bytes:
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def add_title(deck: Presentation, title: str, *, top: float = 20, size: float = 24):
    """A slide with a title placeholder holding ``title`` (PowerPoint's outline and screen readers find it)."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Emu(28 * _EMU), Emu(int(top * _EMU)), Emu(904 * _EMU), Emu(
        int(size * 1.5 * _EMU))
    frame = shape.text_frame
    frame.text = clean(title)
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.name = Pt(size), True, SLIDE_FONT
        run.font.color.rgb = RGBColor(0x15, 0x19, 0x1E)
    return slide


def add_text(slide, x: float, y: float, width: float, lines: list[str], *, size: float = 12, colour: str = "#15191e",
             bold: bool = False, align: str = "start", height: float | None = None):
    """A text box at (x, y) points, top left, one paragraph per line, no wrapping beyond ``width``."""
    box = slide.shapes.add_textbox(Emu(int(x * _EMU)), Emu(int(y * _EMU)), Emu(int(width * _EMU)),
                                   Emu(int((height or size * 1.3 * max(len(lines), 1)) * _EMU)))
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.word_wrap = height is not None
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = _ALIGN[align]
        run = paragraph.add_run()
        run.text = clean(line)
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, SLIDE_FONT
        run.font.color.rgb = RGBColor(*_rgb(colour))
    return box


def add_table(slide, x: float, y: float, width: float, header: list[str], rows: list[list[str]], *,
              size: float = 11, first_width: float = 0.4):
    """A native table: a header row, then ``rows``; numbers right-aligned."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Emu(int(x * _EMU)), Emu(int(y * _EMU)),
                                   Emu(int(width * _EMU)), Emu(int((len(rows) + 1) * size * 2 * _EMU)))
    table = shape.table
    rest = (1 - first_width) / max(len(header) - 1, 1)
    for c in range(len(header)):
        table.columns[c].width = Emu(int(width * (first_width if c == 0 else rest) * _EMU))
    for r, cells in enumerate([header, *rows]):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = clean(value)
            cell.margin_top = cell.margin_bottom = Emu(int(2 * _EMU))
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.RIGHT
                for run in paragraph.runs:
                    run.font.size, run.font.name = Pt(size), SLIDE_FONT
                    run.font.bold = r == 0
    return table


def _place_label(slide, item: Label) -> None:
    width = text_width(item.text, item.size, item.bold) + 2
    left = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}[item.anchor]
    add_text(slide, left, item.y - item.size * 1.0, width, [item.text], size=item.size, colour=item.colour,
             bold=item.bold, align=item.anchor)


def map_slides(payload: dict, text: PageText) -> bytes:
    """The three slides as .pptx bytes."""
    deck = new_deck()
    scene = map_scene(payload, text, paper="slide")
    title = next(item for item in scene.items if isinstance(item, Label) and item.role == "title")
    slide = add_title(deck, text.title, top=title.y - title.size * 0.95, size=title.size)
    picture = slide.shapes.add_picture(io.BytesIO(scene_png(scene)), 0, 0, deck.slide_width, deck.slide_height)
    tree = slide.shapes._spTree  # the picture goes to the back, under the title and every word
    tree.remove(picture._element)
    tree.insert(2, picture._element)
    for item in scene.items:
        if isinstance(item, Label) and item.role != "title":
            _place_label(slide, item)
    reach = text.reach
    if reach is not None:
        slide = add_title(deck, f"{reach.heading}: the headline figures")
        add_table(slide, 28, 80, 560, ["Figure", "Value"], [[name, value] for name, value in reach.headline],
                  size=14, first_width=0.55)
        add_text(slide, 28, 80 + (len(reach.headline) + 1) * 28 + 24, 900, reach.caveats, size=12,
                 colour="#4a525c", height=200)
        slide = add_title(deck, f"{reach.heading}: by area and by platform")
        for x, heading, rows in ((28, "Area", reach.by_area), (494, "Platform", reach.by_platform)):
            add_table(slide, x, 80, 438, [heading, "Accounts", "Potential reach", "Weekly OTV"],
                      [[row["name"], row["accounts"], row["reach"], row["otv"]] for row in rows], size=10)
        add_text(slide, 28, 500, 900, [reach.caveats[0]], size=9, colour="#4a525c", height=30)
    return deck_bytes(deck)
