"""SVG and PDF posters of a map (issue 17, items 2 and 6): what a manager is handed on paper or SharePoint."""

from __future__ import annotations

import re
import shutil
import subprocess

import defusedxml.ElementTree as ET
import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from socialmap.cli import main
from socialmap.metrics import REACH_CAVEAT
from socialmap.options import MapOptions
from socialmap.pipeline import build_map
from socialmap.poster import map_file
from socialmap.poster.fonts import text_width
from socialmap.poster.mapscene import map_scene
from socialmap.poster.pdf import scene_pdf
from tests.conftest import DATA, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Derby and Derbyshire social media map"
HOSTILE_TITLE = "</title><script>alert('t')</script> & <b>"


@pytest.fixture(scope="module")
def sample():
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS,
                     options=MapOptions(title=TITLE, source="Invented sample", data_date="24 November 2026"))


@pytest.fixture(scope="module")
def sample_svg(sample):
    return map_file("svg", sample.payload, sample.text, paper="A3")


@pytest.fixture(scope="module")
def hostile():
    return build_map(DATA / "hostile_poster.csv", DATA / "hostile_poster_links.csv",
                     options=MapOptions(title=HOSTILE_TITLE, source="<a href='https://evil.example'>x</a>",
                                        colour_by="category"))


def _texts(root, cls: str | None = None) -> list:
    return [t for t in root.iter(f"{SVG}text") if cls is None or t.get("class") == f"sm-{cls}"]


def _all_text(root) -> list[str]:
    return [t.text or "" for t in _texts(root)]


def test_svg_holds_a_disc_per_account_the_title_and_every_key_entry(sample, sample_svg):
    root = ET.fromstring(sample_svg)
    assert root.get("width") == "420mm" and root.get("height") == "297mm"  # A3 landscape
    discs = list(root.iter(f"{SVG}circle"))
    accounts = [c for g in root.iter(f"{SVG}g") if g.get("class") == "sm-accounts" for c in g]
    assert len(accounts) == sample.graph.number_of_nodes() == 223
    assert len(discs) > 223  # the key's swatches too
    links = [p for g in root.iter(f"{SVG}g") if g.get("class") == "sm-links" for p in g]
    assert len(links) == sample.graph.number_of_edges() - sum(1 for a, b in sample.graph.edges if a == b)
    words = _all_text(root)
    assert TITLE in words and root.find(f"{SVG}title").text == TITLE
    assert "Source: Invented sample · Data as of 24 November 2026" in words
    for entry in sample.payload["legend"]:
        assert f"{entry['label']}  ({entry['count']:,})" in words
    assert "Potential reach (followers)" in words and "1,669,629" in words
    assert any(line.startswith(REACH_CAVEAT.split(";")[0]) for line in words)  # the caveat
    fills = {c.get("fill") for c in accounts}
    assert {entry["color"] for entry in sample.payload["legend"]} <= fills


def test_svg_runs_nothing_and_fetches_nothing(sample_svg):
    text = sample_svg.decode("utf-8")
    root = ET.fromstring(sample_svg)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "rect", "path", "circle", "text"}
    assert "script" not in text.lower().replace("description", "")
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "href" not in name and not name.startswith("on"), (name, value)
            assert "url(" not in value
    assert text.count("http") == 1  # the SVG namespace only


def _name_boxes(root) -> list[tuple[float, float, float, float, str]]:
    """Each name's box from its position, size and the face's widths (fonts.text_width: the width the poster placed it
    with, 4 % over the font's own): from 0.8 of the size above the baseline to a quarter below."""
    boxes = []
    for t in _texts(root, "name"):
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        boxes.append((x, y - 0.8 * size, x + text_width(t.text, size, t.get("font-weight") == "bold"),
                      y + 0.25 * size, t.text))
    return boxes


def test_a3_poster_names_the_large_discs_and_no_two_names_overlap(sample_svg):
    root = ET.fromstring(sample_svg)
    accounts = [c for g in root.iter(f"{SVG}g") if g.get("class") == "sm-accounts" for c in g]
    radii = np.array([float(c.get("r")) for c in accounts])
    threshold = float(np.median(radii))  # mapscene.named_radius: the larger half of the discs
    names = {t.text for t in _texts(root, "name")}
    large = [c for c in accounts if float(c.get("r")) >= threshold]
    named = [c for c in large if c.find(f"{SVG}title").text in names]
    assert len(large) >= 100
    assert len(named) >= 0.8 * len(large), f"{len(named)} of {len(large)} large discs named"
    assert len(names) >= 100  # far more than a screen's first view names
    boxes = _name_boxes(root)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a[4], b[4])
    width, height = 1190.55, 841.89
    assert all(0 <= a[0] and a[2] <= width * 0.8 and 0 <= a[1] and a[3] <= height for a in boxes)  # inside the map


def test_hostile_text_stays_one_text_in_the_svg(hostile):
    data = map_file("svg", hostile.payload, hostile.text)
    root = ET.fromstring(data)  # control characters would make it unreadable XML
    assert not any(element.tag.endswith("script") for element in root.iter())
    words = _all_text(root)
    assert "</text><script>alert(1)</script>" in words  # the name, whole, as the words of one <text>
    assert HOSTILE_TITLE in words and root.find(f"{SVG}title").text == HOSTILE_TITLE
    assert "&lt;b&gt;Police &amp; crime" in words  # not unescaped
    assert "NHS Trust [31m red" in words  # control characters as spaces
    assert "<svg onload=alert(3)>  (1)" in words
    assert "Source: <a href='https://evil.example'>x</a>" in words
    assert b"<script" not in data and b"<svg onload" not in data


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _page_png(pdf, out_stem, resolution=40) -> Image.Image:
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", "-singlefile", str(pdf), str(out_stem)], check=True)
    return Image.open(f"{out_stem}.png").convert("RGB")


def _coloured_share(image: Image.Image, box) -> float:
    """The share of pixels in ``box`` that are clearly coloured (not grey, white or black)."""
    pixels = np.asarray(image.crop(box)).astype(int)
    spread = pixels.max(axis=2) - pixels.min(axis=2)
    return float((spread > 60).mean())


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils: .ci/run installs it")
def test_pdf_poster_shows_the_map_in_colour_with_its_title_and_key(sample, tmp_path):
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(map_file("pdf", sample.payload, sample.text, paper="A3"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "1190.55 x 841.89 pts (A3)" in info and re.search(r"^Pages: +1$", info, re.M)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)  # every font embedded (subset)
    image = _page_png(pdf, tmp_path / "page")
    w, h = image.size
    map_part = (0, int(h * 0.12), int(w * 0.75), h)
    assert _coloured_share(image, map_part) > 0.01  # the map, in colour (a blank map: 0)
    pixels = np.asarray(image.crop(map_part)).reshape(-1, 3).astype(int)
    colours = [entry["color"] for entry in sample.payload["legend"]]
    found = [c for c in colours if (np.abs(pixels - [int(c[i:i + 2], 16) for i in (1, 3, 5)]).sum(axis=1) < 30).sum() > 20]
    assert len(found) == len(colours), set(colours) - set(found)  # every colour of the key is on the map
    text = " ".join(_pdf_text(pdf).split())
    assert TITLE in text
    for entry in sample.payload["legend"]:
        assert f"{entry['label']} ({entry['count']:,})" in text
    assert "Weekly opportunities to view 25,270,490" in text
    assert "Royal Derby Hospital" in text  # names are real text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils: .ci/run installs it")
def test_hostile_text_stays_text_in_the_pdf(hostile, tmp_path):
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(map_file("pdf", hostile.payload, hostile.text, paper="A4"))
    text = _pdf_text(pdf)
    assert "</text><script>alert(1)</script>" in text
    assert "&lt;b&gt;Police &amp; crime" in text
    assert "\x07" not in text and "\x1b" not in text


def test_same_map_same_bytes(sample):
    assert map_file("svg", sample.payload, sample.text) == map_file("svg", sample.payload, sample.text)
    scene = map_scene(sample.payload, sample.text, paper="A2")
    assert scene_pdf(scene) == scene_pdf(scene)


def test_cli_writes_posters_by_suffix_on_the_paper_asked_for(tmp_path):
    svg, pdf = tmp_path / "map.svg", tmp_path / "map.pdf"
    result = CliRunner().invoke(main, ["build", str(SAMPLE_ACCOUNTS), str(SAMPLE_RELATIONSHIPS), "-o", str(svg),
                                       "--paper", "A2", "--title", "Derby"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{svg}: 223 accounts")
    root = ET.fromstring(svg.read_bytes())
    assert root.get("width") == "594mm" and "Derby" in _all_text(root)
    result = CliRunner().invoke(main, ["build", str(SAMPLE_ACCOUNTS), "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-")
    result = CliRunner().invoke(main, ["build", str(SAMPLE_ACCOUNTS), "-o", str(tmp_path / "map.png")])
    assert result.exit_code == 2 and ".svg, .pdf or .pptx" in result.output
    result = CliRunner().invoke(main, ["build", str(SAMPLE_ACCOUNTS), "-o", str(svg), "--paper", "A0"])
    assert result.exit_code == 2 and "A0" in result.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils: .ci/run installs it")
def test_a_pdf_poster_prints_welsh_and_polish_letters_and_no_box_for_what_its_face_lacks(write_csv, tmp_path):
    """A Welsh council's names print as written (Tŷ, Gŵyl: DejaVu Sans, shipped in the package, has ŵ and ŷ,
    which Bitstream Vera had not), and so do Polish ones; an emoji, which no poster face has, is left out, never
    printed as an empty box (the README says so)."""
    accounts = write_csv("a.csv", "id,name,platform,followers\n@tyhafan,Tŷ Hafan 🍎,Facebook,1200\n"
                                  "@lodz,Łódź Polish Club,Facebook,300\n@nero,Café Nero ☕,Instagram,800\n"
                                  "@dwr,Dŵr Cymru Welsh Water,Twitter,90000\n")
    result = build_map(accounts, options=MapOptions(title="Gŵyl Derby"))
    path = tmp_path / "map.pdf"
    path.write_bytes(map_file("pdf", result.payload, result.text, paper="A4"))
    text = _pdf_text(path)
    assert "Tŷ Hafan" in text and "Łódź Polish Club" in text and "Café Nero" in text and "Gŵyl Derby" in text
    assert "Dŵr Cymru Welsh Water" in text
    assert not {"\U0001F34E"} & set(text)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts and "Helvetica" not in fonts, fonts  # embedded, and nothing else named


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils: .ci/run installs it")
def test_a_welsh_channel_list_prints_its_names_as_written_on_an_a4_poster(tmp_path):
    """tests/data/welsh_channels.csv: bilingual headings, a column per platform, names with ŵ, ŷ and ô."""
    result = build_map(DATA / "welsh_channels.csv",
                       options=MapOptions(title="Gogledd Cymru: cyfryngau cymdeithasol / North Wales social media"))
    path = tmp_path / "map.pdf"
    path.write_bytes(map_file("pdf", result.payload, result.text, paper="A4"))
    text = _pdf_text(path)
    assert "Gogledd Cymru: cyfryngau cymdeithasol / North Wales social media" in text
    for name in ("Dŵr Cymru Welsh Water", "Tŷ Hafan", "Gŵyl Fwyd Caernarfon", "Menter Iaith Môn"):
        assert name in text
    assert "Pwllheli Sailing Club" in text and "\u26f5" not in text  # the emoji left out, the name kept
