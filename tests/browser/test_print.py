"""Printing the map page and the change page: page 1 holds the title, the map in colour and the key (issue 17).

Chromium's own print (page.pdf, background graphics off as in a browser's default print
dialog), read back with poppler: pdftoppm for the pixels of page 1, pdftotext for its words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from socialmap import MapOptions
from socialmap.changemap import build_change
from socialmap.options import ChangeOptions

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "socialmap" / "sample"
SNAPSHOTS = SAMPLE / "snapshots"
PAPER_MM = {"A4": (297, 210), "Letter": (279.4, 215.9)}


@pytest.fixture(scope="module")
def change_map(tmp_path_factory):
    result = build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv",
                          SNAPSHOTS / "relationships-2026-10.csv", SNAPSHOTS / "relationships-2026-11.csv",
                          options=ChangeOptions(map=MapOptions(title="What changed in Derby")))
    path = tmp_path_factory.mktemp("print-change") / "change.html"
    path.write_text(result.html, encoding="utf-8")
    return path


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.fail(f"{tool} is missing: .ci/run installs Debian's poppler-utils")
    return found


def _printed(page, folder: Path, paper: str) -> Path:
    pdf = folder / f"{paper}.pdf"
    page.pdf(path=str(pdf), format=paper, landscape=True)  # print_background off: the browser's default
    return pdf


def _page_one(pdf: Path, dpi: int = 40) -> Image.Image:
    stem = pdf.with_suffix("")
    subprocess.run([_poppler("pdftoppm"), "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def _words(pdf: Path, first: int, last: int | None = None) -> str:
    command = [_poppler("pdftotext"), "-f", str(first)] + (["-l", str(last)] if last else []) + [str(pdf), "-"]
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def _coloured_share(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """The share of pixels in box (fractions of the page) that are clearly coloured (not white, grey or black)."""
    width, height = image.size
    part = image.crop((int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height)))
    pixels = np.asarray(part, dtype=np.int16)
    return float(((pixels.max(axis=2) - pixels.min(axis=2)) > 50).mean()) if pixels.size else 0.0


def _legend(page) -> list[str]:
    return page.evaluate("window.socialmap.data.legend.map((entry) => entry.label)")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_page_one_holds_the_title_the_map_in_colour_and_every_key_entry(dated_sample, open_map, tmp_path, paper):
    page, log = open_map(dated_sample[0])
    pdf = _printed(page, tmp_path, paper)
    image = _page_one(pdf)
    width_mm, height_mm = PAPER_MM[paper]
    assert image.width > image.height, "landscape"
    assert abs(image.width / image.height - width_mm / height_mm) < 0.02
    # the map fills the left of page 1 under the title: coloured dots, not an empty frame
    assert _coloured_share(image, (0.05, 0.2, 0.7, 0.8)) > 0.01
    # the key's colour dots print without background graphics
    assert _coloured_share(image, (0.75, 0.15, 0.8, 0.5)) > 0.02
    words = _words(pdf, 1, 1)
    assert "Derby and Derbyshire" in words
    assert "Data as of 2026-11-24" in words and "Source: Invented sample" in words
    missing = [label for label in _legend(page) if label not in words]
    assert missing == []
    assert "Find an account" not in words and "Download PNG" not in words, "the controls do not print"
    later = _words(pdf, 2)
    assert "Top 10 accounts by followers" in later and "By platform" in later
    assert "Top 10 accounts by followers" not in words, "the reach tables come after the map"
    # the page is as it was: the print copy of the map is gone, the map still drawn
    assert page.locator(".sm-print-map").count() == 0
    assert page.evaluate("document.querySelector('#sm-map canvas').width") > 0
    assert log.errors == [] and log.network_requests() == []


def test_the_printed_map_is_the_view_on_screen(dated_sample, open_map, tmp_path):
    """Zoomed in on one corner, the print shows that corner: what prints is what is drawn."""
    page, _ = open_map(dated_sample[0])
    whole = _coloured_share(_page_one(_printed(page, tmp_path, "A4")), (0.05, 0.2, 0.7, 0.8))
    page.evaluate("""() => { const n = window.socialmap.network;
        n.moveTo({position: {x: 1e6, y: 1e6}, scale: 1, animation: false}); }""")
    empty = _coloured_share(_page_one(_printed(page, tmp_path, "A4")), (0.05, 0.2, 0.7, 0.8))
    assert whole > 0.01 and empty < whole / 20


def test_hidden_groups_leave_the_printed_key(dated_sample, open_map, tmp_path):
    page, _ = open_map(dated_sample[0])
    legend = _legend(page)
    page.locator("#sm-legend-items input").first.uncheck()
    words = _words(_printed(page, tmp_path, "A4"), 1, 1)
    assert legend[0] not in words
    assert all(label in words for label in legend[1:])


def test_the_change_page_prints_the_same_way(change_map, open_map, tmp_path):
    page, log = open_map(change_map)
    pdf = _printed(page, tmp_path, "A4")
    image = _page_one(pdf)
    assert _coloured_share(image, (0.05, 0.2, 0.7, 0.8)) > 0.001  # the change map's dots are small: a blank map is 0
    assert _coloured_share(image, (0.75, 0.15, 0.8, 0.5)) > 0.02
    words = _words(pdf, 1, 1)
    assert "What changed in Derby" in words
    assert [label for label in _legend(page) if label not in words] == []
    assert "Change since 2026-10" in _words(pdf, 2)
    assert log.errors == []
