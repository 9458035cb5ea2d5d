"""PowerPoint slides of a map, a change map and a trend, and their SVG and PDF posters (issue 17, items 2, 4, 6)."""

from __future__ import annotations

import io
import shutil
import subprocess

import defusedxml.ElementTree as ET
import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from socialmap.cli import main
from socialmap.metrics import REACH_CAVEAT
from socialmap.options import MapOptions
from socialmap.pipeline import build_map
from socialmap.poster import map_file
from tests.conftest import DATA, ROOT, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS

SVG = "{http://www.w3.org/2000/svg}"
SNAPSHOTS = sorted((ROOT / "socialmap" / "sample" / "snapshots").glob("accounts-*.csv"))
HOSTILE_NAME = "</text><script>alert(1)</script>"


def _run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def _texts(slide) -> list[str]:
    """Every text on a slide: text boxes, placeholders and table cells."""
    words = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            words += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            words += [cell.text for row in shape.table.rows for cell in row.cells]
    return words


def _tables(slide) -> list:
    return [shape.table for shape in slide.shapes if shape.has_table]


def test_map_deck_has_the_poster_the_figures_and_the_reach_tables(tmp_path):
    out = tmp_path / "report.pptx"
    result = _run("build", SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, "-o", out, "--title", "Derby and Derbyshire")
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out))
    assert len(deck.slides) == 3
    poster, figures, reach = deck.slides
    assert poster.shapes.title.text == "Derby and Derbyshire"
    pictures = [s for s in poster.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1 and pictures[0].width == deck.slide_width  # the map, under its words
    words = _texts(poster)
    assert "Royal Derby Hospital" in words and "Derbyshire Constabulary" in words  # names are text boxes
    assert sum(w.endswith(")") and "(" in w for w in words) >= 10  # the key's entries with counts
    assert figures.shapes.title.text == "Reach: the headline figures"
    (headline,) = _tables(figures)
    assert [headline.cell(r, 1).text for r in range(1, 5)] == ["223", "8", "1,669,629", "25,270,490"]
    assert any(REACH_CAVEAT in w for w in _texts(figures))  # the caveat
    by_area, by_platform = _tables(reach)
    assert by_area.cell(0, 0).text == "Area" and by_platform.cell(0, 0).text == "Platform"
    areas = [by_area.cell(r, 0).text for r in range(1, len(by_area.rows))]
    assert "Derby" in areas and "Chesterfield" in areas
    assert "Facebook" in [by_platform.cell(r, 0).text for r in range(1, len(by_platform.rows))]


def test_hostile_names_stay_text_in_the_slides():
    result = build_map(DATA / "hostile_poster.csv", DATA / "hostile_poster_links.csv",
                       options=MapOptions(title=HOSTILE_NAME, colour_by="category"))
    deck = Presentation(io.BytesIO(map_file("pptx", result.payload, result.text)))
    first = deck.slides[0]
    assert first.shapes.title.text == HOSTILE_NAME
    words = _texts(first)
    assert HOSTILE_NAME in words and "&lt;b&gt;Police &amp; crime" in words
    assert "NHS Trust [31m red" in words  # control characters as spaces (XML cannot hold them)
    areas = [cell.text for row in _tables(deck.slides[2])[0].rows for cell in row.cells]
    assert "Derby <b>&amp;</b>" in areas


def test_compare_writes_a_change_poster_and_slides(tmp_path):
    tiny = DATA / "change"
    svg, pdf, deck_path = tmp_path / "change.svg", tmp_path / "change.pdf", tmp_path / "change.pptx"
    for out in (svg, pdf, deck_path):
        result = _run("compare", tiny / "old_accounts.csv", tiny / "new_accounts.csv", "--old-relationships",
                      tiny / "old_relationships.csv", "--new-relationships", tiny / "new_relationships.csv",
                      "-o", out, "--old-label", "August", "--new-label", "November", "--title", "What changed")
        assert result.exit_code == 0, result.output
    root = ET.fromstring(svg.read_bytes())
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert "What changed" in words and "Change since August" in words
    assert any(w.startswith("August \u2192 November:") for w in words)  # the subtitle, arrow and all
    assert "Potential reach by area" in words  # as much of the change by area as the column has room for
    assert any(w.startswith("New since August") for w in words) and any(w.startswith("Grew") for w in words)
    assert not any(e.tag.endswith("script") for e in root.iter())
    if shutil.which("pdftotext"):  # the PDF's face has the arrow too
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "August \u2192 November:" in text and "Change since August" in text
    deck = Presentation(str(deck_path))
    assert len(deck.slides) == 3 and deck.slides[0].shapes.title.text == "What changed"
    assert deck.slides[1].shapes.title.text == "Change since August: the headline figures"
    assert _tables(deck.slides[1])[0].cell(1, 0).text == "Accounts"


def test_trend_writes_a_poster_and_slides_of_its_charts(tmp_path):
    svg, pdf, deck_path = tmp_path / "trend.svg", tmp_path / "trend.pdf", tmp_path / "trend.pptx"
    for out in (svg, pdf, deck_path):
        result = _run("trend", *SNAPSHOTS, "-o", out, "--title", "Derby trend", "--paper", "A4")
        assert result.exit_code == 0, result.output
    root = ET.fromstring(svg.read_bytes())
    assert root.get("width") == "297mm"
    charts = [e for e in root if e.tag == f"{SVG}svg"]
    assert len(charts) == 5  # accounts, reach and OTV overall; reach by area and by platform
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert "Derby trend" in words and "Potential reach by area" in words and "Facebook" in words
    assert any(w.startswith("From Aug 2026 to Nov 2026: accounts") for w in words)
    assert not any(e.tag.endswith("script") for e in root.iter())
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Derby trend" in text and "Potential reach by platform" in text and "Facebook" in text
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(" yes yes " in line for line in fonts.splitlines()[2:])  # the charts' words embedded too
    deck = Presentation(str(deck_path))
    assert len(deck.slides) == 4 and deck.slides[0].shapes.title.text == "Derby trend"
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 5
    assert list(charts[0].plots[0].categories) == ["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]
    assert "Facebook" in [series.name for series in charts[4].plots[0].series]
