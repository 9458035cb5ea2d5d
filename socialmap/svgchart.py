"""Line charts as inline SVG, drawn in Python: nothing to fetch, nothing to run in the page.

A chart is plain data (:class:`LineChart`); :func:`line_chart` turns it into
SVG markup in which every piece of text (titles, labels, numbers) is escaped
with markupsafe, so a group named ``</svg><script>`` stays text. Each line
is labelled at its end (no legend to match colours against), each point
carries a tooltip title, and the chart has a <title> and <desc> for screen
readers. Colours are the caller's; channels.PALETTE (Paul Tol's muted) is
colour-blind safe.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Line", "LineChart", "line_chart", "nice_ticks", "axis_number"]

_KEY = re.compile(r"[a-z][a-z0-9-]*")
_CHAR = 7.2  # average width of a 13 px system-ui character, for layout estimates
_MAX_LABEL = 24  # characters of a line's end label; the full name is in its title


@dataclass(frozen=True)
class Line:
    """One series: its label, a value per x position (None where unknown), colour and dash."""

    label: str
    values: tuple[float | None, ...]
    colour: str
    dashed: bool = False


@dataclass(frozen=True)
class LineChart:
    """What to draw. ``key`` prefixes the element ids (lower-case letters, digits, dashes)."""

    key: str
    title: str
    description: str
    x: tuple[float, ...]
    x_labels: tuple[str, ...]
    lines: tuple[Line, ...]
    unit: str = ""
    end_label: str = "name"  # or "value": each line ends with its latest value instead of its name
    width: int = 720
    height: int = 340

    def __post_init__(self) -> None:
        if not _KEY.fullmatch(self.key):
            raise ValueError(f"key must be lower-case letters, digits and dashes, not {self.key!r}")
        if len(self.x) != len(self.x_labels) or not self.x:
            raise ValueError("x and x_labels must be as long as each other, and not empty")
        if self.end_label not in ("name", "value"):
            raise ValueError(f"end_label must be 'name' or 'value', not {self.end_label!r}")
        if list(self.x) != sorted(self.x):
            raise ValueError("x must be in ascending order")
        for line in self.lines:
            if len(line.values) != len(self.x):
                raise ValueError(f"line {line.label!r} has {len(line.values)} values for {len(self.x)} x positions")


def axis_number(value: float) -> str:
    """A tick or value label: thousands separated, decimals only where needed (1,250,000; 2.5)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def nice_ticks(low: float, high: float, *, count: int = 5, whole: bool = True) -> tuple[float, ...]:
    """Round tick values covering low..high, about ``count`` of them (steps of 1, 2, 2.5 or 5 x 10^k)."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    rough = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    if whole:
        step = max(1.0, float(math.ceil(step)))
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    ticks = []
    value = start
    while value <= stop + step / 1e6:
        ticks.append(round(value, 10))
        value += step
    return tuple(ticks)


def _attrs(attributes: dict[str, object]) -> Markup:
    parts = [f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"' for name, value in attributes.items()
             if value is not None]
    return Markup("".join(parts))


def _tag(name: str, *children: str | Markup, **attributes: object) -> Markup:
    """One element; text children are escaped, Markup children (our own elements) kept."""
    inner = Markup("").join(child if isinstance(child, Markup) else escape(child) for child in children)
    if not children:
        return Markup(f"<{name}{_attrs(attributes)}/>")
    return Markup(f"<{name}{_attrs(attributes)}>") + inner + Markup(f"</{name}>")


def _y_range(values: Sequence[float]) -> tuple[tuple[float, ...], bool]:
    """Ticks for the values, and whether the axis starts at zero.

    Zero is kept unless every value is above half the largest, where a zero
    baseline would flatten a real change; the chart then says so.
    """
    low, high = min(values), max(values)
    if low >= 0 and (high <= 0 or low <= high / 2):
        return nice_ticks(0, high), True
    ticks = nice_ticks(low, high)
    return ticks, ticks[0] == 0


def _short(label: str) -> str:
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1].rstrip() + "…"


def _spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label heights near ``wanted`` (sorted, top first), at least ``gap`` apart, within low..high where they fit.

    Pushed down from the top, then back up from the bottom: a crowd at the
    bottom moves up only as far as it must.
    """
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, low, placed[-1] + gap) if placed else max(y, low))
    for i in range(len(placed) - 1, -1, -1):
        ceiling = high if i == len(placed) - 1 else placed[i + 1] - gap
        placed[i] = min(placed[i], ceiling)
    return placed


def _description(chart: LineChart, zero: bool, start: float) -> str:
    sentences = [chart.description]
    first, last = chart.x_labels[0], chart.x_labels[-1]
    for line in chart.lines:
        known = [(label, value) for label, value in zip(chart.x_labels, line.values) if value is not None]
        if known:
            (a, va), (b, vb) = known[0], known[-1]
            sentences.append(f"{line.label}: {axis_number(va)} in {a}, {axis_number(vb)} in {b}.")
    if not zero:
        sentences.append(f"The vertical axis starts at {axis_number(start)}, not zero.")
    if len(chart.x) == 1:
        sentences.append(f"One snapshot only, {first}.")
    elif first != last:
        sentences.append(f"{len(chart.x)} snapshots from {first} to {last}.")
    return " ".join(sentences)


def line_chart(chart: LineChart) -> Markup:
    """The chart as one <svg> element, ready to place in a page (every text escaped)."""
    known = [v for line in chart.lines for v in line.values if v is not None] or [0.0]
    ticks, zero = _y_range(known)
    tick_text = [axis_number(t) for t in ticks]
    longest_label = max((len(_end_text(chart, line)) for line in chart.lines), default=0)
    left = max(16 + _CHAR * max(len(t) for t in tick_text), 4 + _CHAR * len(chart.x_labels[0]) / 2)
    right = 26 + _CHAR * longest_label + 10
    top, bottom = 14, 34 + (18 if not zero else 0)
    plot_w, plot_h = chart.width - left - right, chart.height - top - bottom
    x_low, x_high = chart.x[0], chart.x[-1]

    def px(x: float) -> float:
        return left + plot_w / 2 if x_high == x_low else left + (x - x_low) / (x_high - x_low) * plot_w

    def py(y: float) -> float:
        return top + plot_h - (y - ticks[0]) / (ticks[-1] - ticks[0]) * plot_h

    parts: list[Markup] = [
        _tag("title", chart.title, id=f"{chart.key}-title"),
        _tag("desc", _description(chart, zero, ticks[0]), id=f"{chart.key}-desc"),
    ]
    grid = [_tag("line", x1=f"{left:.1f}", x2=f"{left + plot_w:.1f}", y1=f"{py(t):.1f}", y2=f"{py(t):.1f}",
                 class_="sm-grid") for t in ticks]
    labels = [_tag("text", text, x=f"{left - 8:.1f}", y=f"{py(t) + 4.5:.1f}", text_anchor="end")
              for t, text in zip(ticks, tick_text)]
    parts.append(_tag("g", *grid, *labels, class_="sm-y-axis", aria_hidden="true"))
    parts.append(_tag("g", *_x_axis(chart, px, top + plot_h, left, plot_w), class_="sm-x-axis", aria_hidden="true"))
    if not zero:
        parts.append(_tag("text", f"Axis starts at {tick_text[0]}, not zero", x=f"{left:.1f}",
                          y=f"{chart.height - 6:.1f}", class_="sm-axis-note"))
    parts.extend(_series(chart, px, py))
    parts.append(_end_labels(chart, px, py, top, top + plot_h))
    return _tag(
        "svg", *parts, xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {chart.width} {chart.height}",
        width=str(chart.width), height=str(chart.height), role="img", class_="sm-chart", id=chart.key,
        aria_labelledby=f"{chart.key}-title {chart.key}-desc",
    )


def _x_axis(chart: LineChart, px, baseline: float, left: float, plot_w: float) -> list[Markup]:
    """The base line, a tick at every snapshot and as many date labels as fit (the latest always)."""
    items = [_tag("line", x1=f"{left:.1f}", x2=f"{left + plot_w:.1f}", y1=f"{baseline:.1f}", y2=f"{baseline:.1f}",
                  class_="sm-axis")]
    widest = _CHAR * max(len(label) for label in chart.x_labels) + 10
    count = len(chart.x)
    gaps = [px(b) - px(a) for a, b in zip(chart.x, chart.x[1:])]
    every = 1 if not gaps else max(1, math.ceil(widest / max(min(gaps), 1e-9)))
    every = min(every, max(count - 1, 1))
    for index, (x, label) in enumerate(zip(chart.x, chart.x_labels)):
        items.append(_tag("line", x1=f"{px(x):.1f}", x2=f"{px(x):.1f}", y1=f"{baseline:.1f}",
                          y2=f"{baseline + 5:.1f}", class_="sm-axis"))
        if (count - 1 - index) % every == 0:
            items.append(_tag("text", label, x=f"{px(x):.1f}", y=f"{baseline + 20:.1f}", text_anchor="middle"))
    return items


def _series(chart: LineChart, px, py) -> list[Markup]:
    """One group per line: the line itself (broken where a value is unknown) and its points."""
    groups = []
    for number, line in enumerate(chart.lines):
        runs, run = [], []
        for x, value in zip(chart.x, line.values):
            if value is None:
                runs.append(run)
                run = []
            else:
                run.append(f"{px(x):.1f},{py(value):.1f}")
        runs.append(run)
        paths = [_tag("polyline", points=" ".join(r), fill="none", stroke=line.colour, class_="sm-line",
                      stroke_dasharray="7 5" if line.dashed else None) for r in runs if len(r) > 1]
        unit = f" {chart.unit}" if chart.unit else ""
        points = [
            _tag("circle", _tag("title", f"{line.label}, {label}: {axis_number(value)}{unit}"),
                 cx=f"{px(x):.1f}", cy=f"{py(value):.1f}", r="4.5", fill=line.colour, class_="sm-point")
            for x, label, value in zip(chart.x, chart.x_labels, line.values) if value is not None
        ]
        groups.append(_tag("g", _tag("title", line.label), *paths, *points, class_="sm-series",
                           data_series=str(number)))
    return groups


def _end_text(chart: LineChart, line: Line) -> str:
    """What ends a line: its name (shortened), or its latest known value."""
    if chart.end_label == "name":
        return _short(line.label)
    known = [value for value in line.values if value is not None]
    return axis_number(known[-1]) if known else ""


def _end_labels(chart: LineChart, px, py, top: float, bottom: float) -> Markup:
    """Each line's name at its right end, nudged apart so that none overlap."""
    ends = []
    for line in chart.lines:
        last = next(((x, v) for x, v in zip(reversed(chart.x), reversed(line.values)) if v is not None), None)
        if last is not None:
            ends.append((py(last[1]), px(last[0]), line))
    ends.sort(key=lambda end: end[0])
    heights = _spread([y for y, _, _ in ends], 17, top + 4, bottom)
    x_text = px(chart.x[-1]) + 26
    items = []
    for (y_line, x_end, line), y in zip(ends, heights):
        items.append(_tag("path", d=f"M{x_end + 7:.1f},{y_line:.1f} L{x_text - 4:.1f},{y:.1f}", stroke=line.colour,
                          fill="none", class_="sm-leader", stroke_dasharray="4 3" if line.dashed else None))
        items.append(_tag("g", _tag("title", line.label), _tag("text", _end_text(chart, line), x=f"{x_text:.1f}",
                                                               y=f"{y + 4.5:.1f}"), class_="sm-end-label"))
    return _tag("g", *items, class_="sm-end-labels")
