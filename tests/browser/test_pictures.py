"""The page's pictures for slides and documents: Download PNG and Download SVG (issue 17).

The PNG is the view with its title, key, source and date at twice the screen's resolution;
the SVG is the same view as vector shapes and text, with no script and no outside reference.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from defusedxml import ElementTree
from PIL import Image

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
KEY, HEAD, FOOT = 280, 76, 30  # CSS px around the map in both pictures (pictures.js)
HOSTILE = '</script><img src=x onerror="window.__pwned=1;alert(1)"><svg onload=alert(1)>&amp;"\''


def _download(page, button: str) -> tuple[bytes, str]:
    with page.expect_download() as download:
        page.click(button)
    return Path(download.value.path()).read_bytes(), download.value.suggested_filename


def _map_size(page) -> tuple[int, int]:
    return tuple(page.evaluate("(() => { const c = document.querySelector('#sm-map canvas'); return [c.clientWidth, c.clientHeight]; })()"))


def _coloured(pixels: np.ndarray) -> float:
    pixels = pixels.astype(np.int16)
    return float(((pixels.max(axis=2) - pixels.min(axis=2)) > 50).mean())


def _dark(pixels: np.ndarray) -> float:
    return float((pixels.astype(np.int16).max(axis=2) < 100).mean())


def test_png_holds_title_view_key_source_and_date_at_twice_the_screen(dated_sample, open_map):
    path, _ = dated_sample
    page, log = open_map(path)
    data, name = _download(page, "#sm-png-button")
    assert name == "Derby-and-Derbyshire.png"
    image = Image.open(io.BytesIO(data)).convert("RGB")
    width, height = _map_size(page)
    assert image.size == (2 * (width + KEY), 2 * (height + HEAD + FOOT))
    pixels = np.asarray(image)
    title = pixels[2 * 10:2 * 40, 2 * 16:2 * 300]  # the title's strip, left
    assert _dark(title) > 0.05, "the title is written above the map"
    view = pixels[2 * HEAD:2 * (HEAD + height), :2 * width]
    assert _coloured(view) > 0.01, "the map is drawn, in colour"
    key = pixels[2 * (HEAD + 40):2 * (HEAD + 260), 2 * (width + 16):2 * (width + 32)]
    assert _coloured(key) > 0.1, "the key's colour dots"
    foot = pixels[2 * (HEAD + height + 4):, :]
    assert _dark(foot) + ((foot.astype(np.int16).max(axis=2) < 160).mean()) > 0.01, "source and date below"
    # the map on screen is back at the screen's own resolution
    assert page.evaluate("document.querySelector('#sm-map canvas').width") == width
    assert log.errors == [] and log.network_requests() == []


def test_png_key_leaves_out_hidden_groups(dated_sample, open_map):
    path, _ = dated_sample
    page, _ = open_map(path)
    shown = _coloured(np.asarray(Image.open(io.BytesIO(_download(page, "#sm-png-button")[0])).convert("RGB")))
    for box in page.locator("#sm-legend-items input").all()[:5]:
        box.uncheck()
    fewer = _coloured(np.asarray(Image.open(io.BytesIO(_download(page, "#sm-png-button")[0])).convert("RGB")))
    assert fewer < shown * 0.8


def _svg(page) -> tuple[bytes, object]:
    data, name = _download(page, "#sm-svg-button")
    assert name.endswith(".svg")
    return data, ElementTree.fromstring(data)


def _texts(root) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_svg_has_a_disc_per_account_shown_the_title_the_key_and_the_names_drawn(dated_sample, open_map):
    path, result = dated_sample
    page, log = open_map(path)
    data, root = _svg(page)
    discs = root.findall(f".//{SVG}g[@class='sm-accounts']/{SVG}circle")
    assert len(discs) == result.graph.number_of_nodes() == 223
    colours = {disc.get("fill") for disc in discs}
    assert colours >= {entry["color"] for entry in page.evaluate("window.socialmap.data.legend")}
    texts = _texts(root)
    assert "Derby and Derbyshire" in texts
    assert "Key" in texts
    assert "Data as of 2026-11-24 · Source: Invented sample" in texts
    legend = page.evaluate("window.socialmap.data.legend.map((entry) => entry.label)")
    written = " ".join(texts)  # a long entry is written on two lines
    assert [label for label in legend if label not in written] == []
    names = {box["text"] for box in page.evaluate("window.socialmap.labelBoxes()")}
    drawn = {"".join(t.itertext()) for t in root.findall(f".//{SVG}g[@class='sm-labels']/{SVG}text")}
    assert names and drawn == names, "every name the page drew, and only those"
    assert root.findall(f".//{SVG}path"), "the links"
    _no_script_or_reference(data, root)
    assert log.errors == [] and log.network_requests() == []


def test_svg_leaves_out_hidden_groups(dated_sample, open_map):
    path, result = dated_sample
    page, _ = open_map(path)
    page.locator("#sm-legend-items input").first.uncheck()
    hidden = page.evaluate("window.socialmap.nodes.get({filter: (n) => n.hidden === true}).length")
    _, root = _svg(page)
    assert hidden > 0
    assert len(root.findall(f".//{SVG}g[@class='sm-accounts']/{SVG}circle")) == 223 - hidden


def _no_script_or_reference(data: bytes, root) -> None:
    assert not root.findall(f".//{SVG}script") and b"<script" not in data.lower()
    for element in root.iter():
        for key, value in element.attrib.items():
            assert not key.lower().startswith("on"), f"an event handler: {key}"
            assert "href" not in key.lower(), f"a link: {key}={value}"
            assert "url(" not in value or value == "url(#sm-map-clip)", f"an outside reference: {value}"


def test_hostile_text_stays_text_in_the_svg(tmp_path, open_map, browser, hostile_map):
    path, _ = hostile_map(HOSTILE)
    page, log = open_map(path)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    data, root = _svg(page)
    texts = _texts(root)
    assert HOSTILE in texts, "the title, whole, as text"
    names = ["".join(t.itertext()) for t in root.findall(f".//{SVG}g[@class='sm-labels']/{SVG}text")]
    assert HOSTILE in names, "the account's name, as drawn on the map"
    assert all(element.tag.startswith(SVG) for element in root.iter()), "no element made from the data"
    _no_script_or_reference(data, root)
    # opened in the browser, the SVG runs nothing
    svg_path = tmp_path / "hostile.svg"
    svg_path.write_bytes(data)
    viewer = browser.new_page()
    viewer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    viewer.goto(svg_path.as_uri())
    assert viewer.evaluate("window.__pwned") is None
    viewer.close()
    _download(page, "#sm-png-button")
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert log.errors == [] and log.network_requests() == []
