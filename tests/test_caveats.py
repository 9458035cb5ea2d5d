"""The reach words (issue 20, as the map page says them) on the change and trend pages, posters and slides.

Potential reach is a sum of followers, an upper bound on reach and not
reach; opportunities to view are possible impressions, not people. Every
output says it in socialmap.caveats's words, not in older ones of its own.
"""

from __future__ import annotations

import html
import re

import defusedxml.ElementTree as ET
import pytest
from click.testing import CliRunner
from pptx import Presentation

from socialmap.caveats import OUTCOME_CAVEAT, POSSIBLE_IMPRESSIONS, REACH_CAVEAT, UPPER_BOUND
from socialmap.cli import main
from tests.conftest import DATA, ROOT

SNAPSHOTS = sorted((ROOT / "socialmap" / "sample" / "snapshots").glob("accounts-*.csv"))
CHANGE = DATA / "change"
OLD_WORDS = ("not unique people", "sums of followers, not people", "(impressions, not people)",
             "): impressions, not people")


def _words(path) -> str:
    """All the text a reader sees in a page, SVG poster or deck, as one line."""
    if path.suffix == ".pptx":
        deck = Presentation(str(path))
        parts = [p.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
                 for p in shape.text_frame.paragraphs]
        parts += [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
                  for row in shape.table.rows for cell in row.cells]
    elif path.suffix == ".svg":
        parts = [t.text or "" for t in ET.fromstring(path.read_bytes()).iter("{http://www.w3.org/2000/svg}text")]
    else:
        parts = [html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))]
    return re.sub(r"\s+", " ", " ".join(parts))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("caveats")
    made = {}
    for suffix in ("html", "svg", "pptx"):
        made[f"change.{suffix}"] = folder / f"change.{suffix}"
        result = CliRunner().invoke(main, [str(arg) for arg in (
            "compare", CHANGE / "old_accounts.csv", CHANGE / "new_accounts.csv",
            "--old-relationships", CHANGE / "old_relationships.csv",
            "--new-relationships", CHANGE / "new_relationships.csv", "-o", made[f"change.{suffix}"])])
        assert result.exit_code == 0, result.output
        made[f"trend.{suffix}"] = folder / f"trend.{suffix}"
        result = CliRunner().invoke(main, ["trend", *map(str, SNAPSHOTS), "-o", str(made[f"trend.{suffix}"])])
        assert result.exit_code == 0, result.output
    return made


@pytest.mark.parametrize("name", ["change.html", "change.svg", "change.pptx", "trend.html", "trend.svg", "trend.pptx"])
def test_change_and_trend_outputs_say_the_maps_reach_caveat(outputs, name):
    words = _words(outputs[name])
    assert REACH_CAVEAT in words and OUTCOME_CAVEAT in words
    assert not [old for old in OLD_WORDS if old in words]


def test_change_page_figures_call_potential_reach_an_upper_bound(outputs):
    words = _words(outputs["change.html"])
    assert f"sums of followers, each {UPPER_BOUND}." in words
    assert f"{POSSIBLE_IMPRESSIONS}." in words


def test_trend_page_charts_say_what_each_figure_is(outputs):
    words = _words(outputs["trend.html"])
    assert f"Potential reach: the sum of followers, {UPPER_BOUND}." in words
    assert f"Weekly opportunities to view: followers x posts a week, {POSSIBLE_IMPRESSIONS}." in words
