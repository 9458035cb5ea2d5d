"""The trend as a poster (SVG or PDF) and as slides: the headline, its caveats and the page's charts.

The charts are the trend page's own (:func:`socialmap.trendpage.trend_charts`,
drawn by :mod:`socialmap.svgchart`, every text escaped): on a poster the
three overall charts, then potential reach by area and by platform. The
SVG nests them as they are; the PDF draws them through svglib (the only
place it is used: it reads the charts' simple shapes faithfully, with
the posters' face registered so their words are embedded too). Slides get
native PowerPoint line charts of the same figures, so every number and
name stays editable text.
"""

from __future__ import annotations

import pandas as pd

from ..trend import caveats, folded, headline
from ..trendpage import MEASURE_NAMES, chart_css, trend_charts
from .fonts import clean, wrap
from .mapscene import MUTED
from .scene import Chart, Label, Rect, Scene, paper_size

__all__ = ["trend_scene", "trend_slides", "CHART_FONT", "CHART_STYLE"]

# the trend page's chart rules (colours resolved), with the posters' font named; each rule starts at the
# chart's own <svg>, so the poster's own words keep their sizes
CHART_FONT = "SocialmapSans"  # svglib's name for the posters' face (fonts.py), registered by pdf.py
CHART_STYLE = chart_css() + f"\n.sm-chart text {{ font-family: {CHART_FONT}; }}\n"
_SCALE = {"A4": 0.78, "A3": 1.0, "A2": 1.3}
_POSTER_CHARTS = ("overall-accounts", "overall-potential-reach", "overall-weekly-otv", "area-potential-reach",
                  "platform-potential-reach")


def _default_subtitle(table: pd.DataFrame) -> str:
    overall = table[table["kind"] == "overall"]
    return f"{len(overall)} snapshots, {overall['label'].iloc[0]} to {overall['label'].iloc[-1]}"


def trend_scene(table: pd.DataFrame, *, title: str, subtitle: str = "", source: str = "", top: int = 8,
                paper: str = "A3") -> Scene:
    """The trend poster on ``paper``: words across the top, the overall charts, then reach by area and platform."""
    width, height = paper_size(paper)
    k = _SCALE[paper]
    margin = 28 * k
    subtitle = subtitle or _default_subtitle(table)
    items: list = [Rect(0, 0, width, height, fill="#ffffff", role="paper")]
    y = margin + 24 * k
    items.append(Label(margin, y, clean(title), 24 * k, bold=True, role="title"))
    y += 15 * k
    items.append(Label(margin, y, clean(subtitle), 10.5 * k, colour=MUTED, role="subtitle"))
    if source:
        y += 14 * k
        items.append(Label(margin, y, f"Source: {clean(source)}", 9.5 * k, colour=MUTED, role="source"))
    y += 26 * k
    items.append(Label(margin, y, clean(headline(table, arrow="to")) + ".", 15 * k, bold=True, role="headline"))
    for caveat in caveats(table):
        for line in wrap(caveat, 8.5 * k, width - 2 * margin):
            y += 11.5 * k
            items.append(Label(margin, y, line, 8.5 * k, colour=MUTED, role="caveat"))
    charts = {chart.key: chart for chart in trend_charts(table, top=top)}
    rows = [[charts[key] for key in _POSTER_CHARTS[:3] if key in charts],
            [charts[key] for key in _POSTER_CHARTS[3:] if key in charts]]
    room = height - margin - (y + 10 * k)
    row_height = room / 2
    for n, row in enumerate(rows):
        top_y = y + 10 * k + n * row_height
        cell = (width - 2 * margin) / max(len(row), 1)
        for i, chart in enumerate(row):
            x = margin + i * cell
            items.append(Label(x, top_y + 13 * k, clean(chart.heading), 12 * k, bold=True, role="chart-title"))
            view_w, view_h = _chart_size(str(chart.svg))
            scale = min((cell - 12 * k) / view_w, (row_height - 24 * k) / view_h)
            items.append(Chart(x, top_y + 20 * k, view_w * scale, view_h * scale, str(chart.svg)))
    return Scene(width, height, tuple(items), clean(title), clean(subtitle))


def _chart_size(svg: str) -> tuple[float, float]:
    import defusedxml.ElementTree as ET

    root = ET.fromstring(svg)
    return float(root.get("width")), float(root.get("height"))


def trend_slides(table: pd.DataFrame, *, title: str, subtitle: str = "", source: str = "", top: int = 8) -> bytes:
    """Slides: the headline and caveats, the overall figures as three native line charts, then potential reach by
    area and by platform."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Emu, Pt

    from .slides import add_text, add_title, deck_bytes, new_deck

    deck = new_deck()
    overall = table[table["kind"] == "overall"]
    labels = [clean(label) for label in overall["label"]]
    slide = add_title(deck, title)
    add_text(slide, 28, 70, 900, [subtitle or _default_subtitle(table)] + ([f"Source: {source}"] if source else []),
             size=14, colour=MUTED)
    add_text(slide, 28, 130, 900, [headline(table, arrow="to") + "."], size=20, bold=True, height=60)
    add_text(slide, 28, 210, 900, caveats(table), size=12, colour=MUTED, height=280)

    def chart(slide, x, y, w, h, series: list[tuple[str, list]], heading: str) -> None:
        data = CategoryChartData()
        data.categories = labels
        for name, values in series:
            data.add_series(clean(name), [int(v) for v in values])
        frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Emu(int(x * 12700)), Emu(int(y * 12700)),
                                       Emu(int(w * 12700)), Emu(int(h * 12700)), data)
        graph = frame.chart
        graph.has_title = True
        graph.chart_title.text_frame.text = clean(heading)
        graph.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
        graph.has_legend = len(series) > 1
        if graph.has_legend:
            graph.legend.position = XL_LEGEND_POSITION.RIGHT
            graph.legend.include_in_layout = False
            graph.legend.font.size = Pt(10)
        graph.value_axis.tick_labels.font.size = Pt(10)
        graph.category_axis.tick_labels.font.size = Pt(10)

    slide = add_title(deck, "All accounts")
    for i, measure in enumerate(("accounts", "potential_reach", "weekly_otv")):
        chart(slide, 28 + i * 304, 80, 296, 400, [(MEASURE_NAMES[measure], overall[measure].tolist())],
              MEASURE_NAMES[measure])
    for kind, noun in (("area", "area"), ("platform", "platform")):
        rows = folded(table, kind, top=top)
        groups = list(dict.fromkeys(rows["group"]))
        series = [(group, rows.loc[rows["group"] == group, "potential_reach"].tolist()) for group in groups]
        slide = add_title(deck, f"Potential reach by {noun}")
        chart(slide, 28, 80, 904, 420, series, f"Potential reach by {noun} (followers)")
    return deck_bytes(deck)
