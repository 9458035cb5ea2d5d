"""The trend poster's charts look like the trend page's: one stylesheet, assets/trend.css, for both."""

from __future__ import annotations

import re

import defusedxml.ElementTree as ET

from socialmap import trendpage
from socialmap.poster import trend_file
from socialmap.render import _asset_text
from socialmap.trend import load_snapshots, trend_table
from tests.conftest import ROOT

SNAPSHOTS = sorted((ROOT / "socialmap" / "sample" / "snapshots").glob("accounts-*.csv"))


def _page_chart_rules() -> dict[str, str]:
    """Each ``.sm-chart ...`` rule of trend.css (selector -> declarations), its var() colours looked up."""
    css = _asset_text("trend.css")
    colours = dict(re.findall(r"(--sm-[a-z-]+): (#[0-9a-f]{6});", css.split("}")[0]))
    rules = dict(re.findall(r"^(\.sm-chart [^{]+?) \{ ([^}]*?);? \}$", css, flags=re.M))
    return {selector: re.sub(r"var\((--sm-[a-z-]+)\)", lambda m: colours[m.group(1)], body)
            for selector, body in rules.items()}


def test_poster_charts_are_styled_with_the_pages_chart_rules_and_colours():
    table = trend_table(load_snapshots(SNAPSHOTS))
    root = ET.fromstring(trend_file("svg", table, title="Derby trend", paper="A4"))
    style = "".join(e.text or "" for e in root.iter("{http://www.w3.org/2000/svg}style"))
    rules = _page_chart_rules()
    assert len(rules) >= 9 and "#1b1f24" in rules[".sm-chart text"]  # the page's ink on every chart word
    for selector, body in rules.items():
        assert f"{selector} {{ {body}; }}" in style


def test_a_colour_changed_in_trend_css_changes_the_posters_charts(monkeypatch):
    css = _asset_text("trend.css").replace("--sm-muted: #4f5760", "--sm-muted: #123456")
    monkeypatch.setattr(trendpage, "_asset_text", lambda name: css)
    trendpage.chart_css.cache_clear()
    try:
        style = trendpage.chart_css()
    finally:
        trendpage.chart_css.cache_clear()
    assert ".sm-chart .sm-y-axis text, .sm-chart .sm-x-axis text { fill: #123456; }" in style
    assert "#4f5760" not in style
