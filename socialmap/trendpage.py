"""The trend page: one self-contained HTML file of charts and tables, no script at all.

:func:`trend_page` turns a :func:`socialmap.trend.trend_table` into the
page: a headline sentence with its caveats, charts of accounts, potential
reach and weekly opportunities to view (overall, by area, by platform; the
top groups and the rest as one "Other" line), each with a table beside it.
Charts are inline SVG drawn by :mod:`socialmap.svgchart`; the page is
rendered from assets/trend.html.j2 with autoescape on. Its measure switch
is radio buttons and CSS, so the Content-Security-Policy forbids every
script and every network request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd
from markupsafe import Markup

from .caveats import POSSIBLE_IMPRESSIONS, UPPER_BOUND
from .channels import PALETTE
from .render import _asset_text, _environment, _inline
from .svgchart import Line, LineChart, line_chart
from .trend import MEASURES, caveats, folded, headline

__all__ = ["trend_page", "trend_charts", "chart_css", "TrendChart", "MEASURE_NAMES"]

MEASURE_NAMES = {"accounts": "Accounts", "potential_reach": "Potential reach", "weekly_otv": "Weekly OTV"}
_UNITS = {"accounts": "accounts", "potential_reach": "followers", "weekly_otv": "opportunities to view"}
_MEANING = {
    "accounts": "Accounts in each snapshot's file.",
    "potential_reach": f"Potential reach: the sum of followers, {UPPER_BOUND}.",
    "weekly_otv": f"Weekly opportunities to view: followers x posts a week, {POSSIBLE_IMPRESSIONS}.",
}
OTHER_LINE = "#777777"  # darker than the map's "other" grey: a thin line needs the contrast
_GROUP_ORDER = ("potential_reach", "weekly_otv", "accounts")  # the switch's order; reach shows first



@lru_cache(maxsize=1)
def chart_css() -> str:
    """trend.css's rules for a chart's insides (``.sm-chart ...``), its ``var(--sm-...)`` colours resolved and the
    chart's font size put on its words: how a chart looks outside the page (posters, the PDF), from the one
    stylesheet the page uses, so the two cannot drift apart."""
    import tinycss2

    rules = [rule for rule in tinycss2.parse_stylesheet(_asset_text("trend.css"), skip_comments=True,
                                                         skip_whitespace=True)
             if rule.type == "qualified-rule"]  # the top level: print's @media rules are not the chart's look

    def declarations(rule) -> dict[str, str]:
        return {item.name: tinycss2.serialize(item.value).strip()
                for item in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                if item.type == "declaration"}

    by_selector = {tinycss2.serialize(rule.prelude).strip(): rule for rule in rules}
    colours = declarations(by_selector[":root"])
    size = declarations(by_selector[".sm-chart"])["font-size"]
    lines = [f".sm-chart text {{ font-size: {size}; }}"]
    for selector, rule in by_selector.items():
        if selector.startswith(".sm-chart "):
            body = "; ".join(f"{name}: {value}" for name, value in declarations(rule).items())
            lines.append(f"{selector} {{ {body}; }}")
    return re.sub(r"var\((--sm-[a-z-]+)\)", lambda match: colours[match.group(1)], "\n".join(lines))

@dataclass(frozen=True)
class TrendChart:
    """One chart with the table beside it (plain text cells: the template escapes them)."""

    key: str
    measure: str
    heading: str
    svg: Markup
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _change(value: int, base: int | None) -> str:
    """``+13 (+6.2%)``; ``+1,000 (new)`` from nothing; blank with no base."""
    if base is None or pd.isna(base):
        return ""
    change = int(value) - int(base)
    if base == 0:
        return "no change" if change == 0 else f"{change:+,} (new)"
    return f"{change:+,} ({change * 100 / base:+.1f}%)"


def _x(table: pd.DataFrame) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """Snapshot positions in days (uneven gaps stay uneven) and their labels."""
    dates = list(dict.fromkeys(zip(table["date"], table["label"])))
    days = [date.fromisoformat(iso if len(iso) == 10 else iso + "-01").toordinal() for iso, _ in dates]
    return tuple(float(day) for day in days), tuple(label for _, label in dates)


def _chart_key(*parts: str) -> str:
    return "-".join(parts).replace("_", "-")


def _overall_charts(table: pd.DataFrame) -> list[TrendChart]:
    overall = table[table["kind"] == "overall"]
    x, labels = _x(overall)
    charts = []
    for measure in MEASURES:
        name = MEASURE_NAMES[measure]
        chart = LineChart(
            key=_chart_key("overall", measure), title=f"{name}, all accounts", description=_MEANING[measure],
            x=x, x_labels=labels, lines=(Line(name, tuple(int(v) for v in overall[measure]), PALETTE[1]),),
            unit=_UNITS[measure], end_label="value", width=460, height=300,
        )
        charts.append(TrendChart(chart.key, measure, name, line_chart(chart), (), ()))
    return charts


def _overall_rows(table: pd.DataFrame) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """One row per snapshot: each measure with its change from the previous and the first snapshot."""
    overall = table[table["kind"] == "overall"].reset_index(drop=True)
    columns = ["Snapshot"]
    for measure in MEASURES:
        columns += [MEASURE_NAMES[measure], "vs previous", "vs first"]
    rows = []
    for position, row in overall.iterrows():
        cells = [row["label"]]
        for measure in MEASURES:
            previous = overall[measure].iloc[position - 1] if position else None
            first = overall[measure].iloc[0] if position else None
            cells += [f"{row[measure]:,}", _change(row[measure], previous), _change(row[measure], first)]
        rows.append(tuple(cells))
    return tuple(columns), tuple(rows)


def _group_charts(table: pd.DataFrame, kind: str, top: int) -> list[TrendChart]:
    """Per measure: the top groups and the rest as lines, and a table of first, latest and changes."""
    rows = folded(table, kind, top=top)
    x, labels = _x(rows)
    groups = list(dict.fromkeys(rows["group"]))
    folded_rest = table.loc[table["kind"] == kind, "group"].nunique() > top + 1  # as folded() decides
    noun = "area" if kind == "area" else "platform"
    charts = []
    for measure in _GROUP_ORDER:
        name = MEASURE_NAMES[measure]
        lines = []
        for position, group in enumerate(groups):
            values = tuple(int(v) for v in rows.loc[rows["group"] == group, measure])
            other = folded_rest and position == len(groups) - 1
            colour = OTHER_LINE if other or position >= len(PALETTE) else PALETTE[position]
            lines.append(Line(group, values, colour, dashed=other))
        chart = LineChart(
            key=_chart_key(kind, measure), title=f"{name} by {noun}",
            description=f"{_MEANING[measure]} The {min(top, len(groups))} {noun}s with the largest potential reach "
                        f"in the latest snapshot" + (", and the rest as one line." if folded_rest else "."),
            x=x, x_labels=labels, lines=tuple(lines), unit=_UNITS[measure],
        )
        columns = (noun.capitalize(), labels[0], labels[-1], "vs first", "vs previous")
        cells = []
        for group in groups:
            series = rows.loc[rows["group"] == group, measure].tolist()
            previous = series[-2] if len(series) > 1 else None
            cells.append((group, f"{series[0]:,}", f"{series[-1]:,}", _change(series[-1], series[0]),
                          _change(series[-1], previous)))
        charts.append(TrendChart(chart.key, measure, f"{name} by {noun}", line_chart(chart), columns, tuple(cells)))
    return charts


def trend_charts(table: pd.DataFrame, *, top: int = 8) -> list[TrendChart]:
    """Every chart of the page: the overall ones, then by area and by platform (posters and slides draw them too)."""
    return [*_overall_charts(table), *_group_charts(table, "area", top), *_group_charts(table, "platform", top)]


def _snapshots(table: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    overall = table[table["kind"] == "overall"]
    return [(row["label"], row["file"], f"{row['accounts']:,}", f"{row['unknown_followers']:,}")
            for _, row in overall.iterrows()]


def trend_page(table: pd.DataFrame, *, title: str = "Social media trend", subtitle: str = "", source: str = "",
               top: int = 8) -> str:
    """The complete trend page for a :func:`socialmap.trend.trend_table` (``top`` groups per chart)."""
    from . import __version__

    if top < 1:
        raise ValueError(f"top must be at least 1, not {top!r}")
    overall = table[table["kind"] == "overall"]
    if overall.empty:
        raise ValueError("the trend table has no snapshots")
    first, last = overall["label"].iloc[0], overall["label"].iloc[-1]
    columns, rows = _overall_rows(table)
    return _environment().get_template("trend.html.j2").render(
        title=title,
        subtitle=subtitle or f"{len(overall)} snapshots, {first} to {last}",
        source=source,
        headline=headline(table),
        caveats=caveats(table),
        overall=_overall_charts(table),
        overall_columns=columns,
        overall_rows=rows,
        sections=[("area", "By area", _group_charts(table, "area", top)),
                  ("platform", "By platform", _group_charts(table, "platform", top))],
        snapshots=_snapshots(table),
        top=top,
        version=__version__,
        page_css=_inline(_asset_text("trend.css"), "style"),
    )
