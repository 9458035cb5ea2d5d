"""The finished map page, opened from disk in headless Chromium, as a reader uses it.

Every map is built with :func:`socialmap.build_map` into a temporary folder and
opened from a file:// URL. The page must work offline: it may load nothing but
itself, must print no console errors, must draw every account, and must show
text from the spreadsheet only as text (never as HTML or code).
"""

from __future__ import annotations

import csv
import pandas as pd
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from socialmap import MapOptions, build_map
from socialmap.channels import resolve_colour
from socialmap.render import tooltip_text

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ACCOUNTS = ROOT / "socialmap" / "sample" / "accounts.csv"
SAMPLE_RELATIONSHIPS = ROOT / "socialmap" / "sample" / "relationships.csv"
SAMPLE_TITLE = "Derby social media map"


@dataclass(frozen=True)
class BuiltMap:
    """A map built into a file: where it is and what the pipeline said it holds."""

    path: Path
    graph: nx.DiGraph
    result: object


def _build(folder: Path, name: str, accounts, relationships=None, *, title: str = SAMPLE_TITLE) -> BuiltMap:
    result = build_map(accounts, relationships, options=MapOptions(title=title))
    path = folder / name
    path.write_bytes(result.html.encode("utf-8"))
    return BuiltMap(path, result.graph, result)


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory) -> BuiltMap:
    """The Derby sample (accounts + relationships), built once for the module."""
    return _build(tmp_path_factory.mktemp("sample"), "map.html", SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)


# --- page helpers -----------------------------------------------------------

def _ready_state(page) -> dict:
    """What the reader sees drawn: DataSet size, every node position, coloured pixels."""
    return page.evaluate(
        """() => {
          const {network, nodes, edges} = window.socialmap;
          const positions = network.getPositions();
          const canvas = document.querySelector('#sm-map canvas');
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let coloured = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235)) coloured++;
          }
          return {
            ids: nodes.getIds(),
            edgeCount: edges.length,
            positions: positions,
            coloured: coloured,
            area: canvas.width * canvas.height,
          };
        }"""
    )


def _assert_draws_every_account(page, graph: nx.DiGraph, *, min_share: float) -> dict:
    state = _ready_state(page)
    assert len(state["ids"]) == graph.number_of_nodes()
    assert sorted(state["ids"]) == sorted(graph.nodes)
    assert state["edgeCount"] == graph.number_of_edges()
    assert sorted(state["positions"]) == sorted(graph.nodes), "every account has a position on the canvas"
    for key, point in state["positions"].items():
        assert math.isfinite(point["x"]) and math.isfinite(point["y"]), f"{key} has no finite position: {point}"
    assert state["area"] > 0
    assert state["coloured"] >= min_share * state["area"], (
        f"the canvas looks blank: {state['coloured']} coloured pixels of {state['area']}"
    )
    return state


def _node_point(page, key: str) -> dict:
    """Centre the view on one account and return its dot's position in the page (x, y)."""
    point = page.evaluate(
        """(key) => {
          const {network} = window.socialmap;
          network.focus(key, {scale: 1.2, animation: false});
          network.redraw();
          const dom = network.canvasToDOM(network.getPositions([key])[key]);
          const rect = network.body.container.getBoundingClientRect();
          return {x: rect.left + dom.x, y: rect.top + dom.y, under: network.getNodeAt(dom)};
        }""",
        key,
    )
    assert point["under"] == key, f"another dot covers {key!r}: {point}"
    return point


def _hover(page, key: str):
    """Rest the mouse on an account's dot; return its (visible) tooltip locator."""
    point = _node_point(page, key)
    page.mouse.move(point["x"] + 40, point["y"] + 40)
    page.mouse.move(point["x"], point["y"], steps=3)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip


def _hover_text(page, key: str) -> str:
    tooltip = _hover(page, key)
    # The tooltip follows the hovered node; wait until it names this one.
    name = page.evaluate("(key) => window.socialmap.nodes.get(key).title.split('\\n')[0]", key)
    page.wait_for_function(
        "(name) => { const t = document.querySelector('div.vis-tooltip'); return t && t.innerText.split('\\n')[0] === name; }",
        arg=name,
        timeout=5_000,
    )
    # vis sets the tooltip's innerText, so its only elements are the <br>s of line breaks.
    assert tooltip.locator(":scope *:not(br)").count() == 0, "the tooltip must hold text only"
    return tooltip.inner_text()


# --- 1. the sample opens offline, draws everything, loads nothing ------------

def test_sample_map_opens_offline_and_draws_every_account(sample_map, open_map):
    page, log = open_map(sample_map.path)

    _assert_draws_every_account(page, sample_map.graph, min_share=0.02)
    assert page.locator("#sm-map canvas").count() == 1
    assert page.locator("#sm-title").text_content() == SAMPLE_TITLE
    assert page.title() == SAMPLE_TITLE
    assert log.network_requests() == []
    assert log.errors == []


# --- 2. hovering shows the account's name, still with no requests -----------

def test_hover_shows_account_name_without_requests(sample_map, open_map):
    page, log = open_map(sample_map.path)
    key, data = next((k, d) for k, d in sample_map.graph.nodes(data=True) if d["name"] and not d["placeholder"])

    text = _hover_text(page, key)

    assert text.splitlines()[0] == data["name"]
    assert data["id"] in text
    assert log.network_requests() == []
    assert log.errors == []


def test_every_hover_text_is_built_in_the_page_with_tooltip_texts_words(sample_map, open_map):
    """Issue 9: the file carries columns, not hover texts; map.js builds them as tooltip_text does."""
    page, log = open_map(sample_map.path)
    titles = page.evaluate("() => Object.fromEntries(window.socialmap.nodes.get().map((n) => [n.id, n.title]))")
    partition = sample_map.result.partition
    assert titles == {key: tooltip_text(data, partition.names[partition.membership[key]])
                      for key, data in sample_map.graph.nodes(data=True)}
    assert log.errors == []


@pytest.mark.parametrize("posts", [0.5, 3.0, 12345.678, 99999.99, 0.00001234, 2.0 / 3.0])
def test_hover_text_numbers_read_as_in_python(tmp_path, open_map, posts):
    """Posts a week as Python's "{:g}" writes them; followers with thousands separators."""
    accounts = pd.DataFrame({"id": ["a", "b"], "name": ["Alpha", "Beta"], "followers": ["1234567", ""],
                             "posts_per_week": [str(posts), ""]})
    built = _build(tmp_path, "numbers.html", accounts)
    page, log = open_map(built.path)
    titles = page.evaluate("() => window.socialmap.nodes.get().map((n) => n.title)")
    partition = built.result.partition
    assert titles == [tooltip_text(data, partition.names[partition.membership[key]])
                      for key, data in built.graph.nodes(data=True)]
    assert "Followers: 1,234,567" in titles[0] and "Followers: unknown" in titles[1]
    assert log.errors == []


# --- 3. hostile spreadsheet text stays text ---------------------------------

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
JS_URL = "javascript:window.__pwned=1"
BREAKOUT = "</script><script>window.__pwned=1</script>"
HOSTILE_TITLE = f"Map {BREAKOUT} {IMG} {SVG} & <b>bold</b>"
HOSTILE_HEADING = f"Notes {SCRIPT}"

HOSTILE_ROWS = [
    # id, name, url, description, extra column
    ("img-name", f"Img {IMG}", "https://www.example.com/img", f"Desc {SVG}", f"Extra {BREAKOUT}"),
    ("script-name", f"Script {SCRIPT}", "https://www.example.org/script", f"Desc {IMG}", f"Extra {SVG}"),
    ("svg-name", f"Svg {SVG}", JS_URL, f"Desc {BREAKOUT}", f"Extra {IMG}"),
    ("breakout-name", f"Break {BREAKOUT}", "https://www.example.com/breakout", f"Desc {SCRIPT}", JS_URL),
    ("plain-one", "Plain One", "https://www.example.com/one", "Nothing odd here", ""),
    ("plain-two", "Plain Two", "https://www.example.com/two", "Nothing odd here either", ""),
]


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory) -> BuiltMap:
    folder = tmp_path_factory.mktemp("hostile")
    accounts = folder / "accounts.csv"
    with accounts.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "url", "description", HOSTILE_HEADING])
        writer.writerows(HOSTILE_ROWS)
    relationships = folder / "relationships.csv"
    with relationships.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "weight"])
        ids = [row[0] for row in HOSTILE_ROWS]
        writer.writerows((a, b, 1) for a, b in zip(ids, ids[1:] + ids[:1]))
    return _build(folder, "map.html", accounts, relationships, title=HOSTILE_TITLE)


def test_hostile_text_is_shown_literally_and_never_runs(hostile_map, open_map):
    graph = hostile_map.graph
    # The javascript: link never reaches the map.
    assert not graph.nodes["svg-name"]["url"]
    assert any(JS_URL in issue.message and not issue.is_error for issue in hostile_map.result.issues)

    page, log = open_map(hostile_map.path)
    _assert_draws_every_account(page, graph, min_share=0.001)

    assert page.locator("#sm-title").text_content() == HOSTILE_TITLE
    assert page.title() == HOSTILE_TITLE
    assert page.locator("#sm-title *").count() == 0

    for key, name, _url, description, extra in HOSTILE_ROWS[:4]:
        text = _hover_text(page, key)
        lines = text.splitlines()
        assert lines[0] == name
        assert description in lines
        assert f"{HOSTILE_HEADING}: {extra}" in lines

    # Clicking the account whose link was javascript: opens nothing.
    popups = []
    page.on("popup", lambda popup: popups.append(popup.url))
    point = _node_point(page, "svg-name")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(
        "() => window.socialmap.network.getSelectedNodes().includes('svg-name')", timeout=5_000
    )
    page.wait_for_timeout(300)
    assert popups == []

    # No hostile text made markup or ran: nothing was injected anywhere in the page.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("body img, body svg").count() == 0
    assert page.locator("script").count() == 3
    assert log.network_requests() == []
    assert log.errors == []


# --- 4. clicking an account opens its link in a new tab, without opener -----

def test_click_opens_account_url_in_new_tab_without_opener(sample_map, open_map):
    page, log = open_map(sample_map.path)
    key, url = next(
        (k, d["url"]) for k, d in sample_map.graph.nodes(data=True) if d["url"] and d["url"].startswith("https://")
    )
    assert "example." in url
    # The link is on a reserved example domain and there is no network: answer it locally.
    page.context.route(
        lambda requested: requested.startswith(url),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>stub</title>"),
    )

    point = _node_point(page, key)
    with page.expect_popup(timeout=10_000) as popup_info:
        page.mouse.click(point["x"], point["y"])
    popup = popup_info.value
    try:
        popup.wait_for_load_state(timeout=10_000)
        assert popup.url == url
        assert popup.evaluate("window.opener === null")
    finally:
        popup.close()

    assert page.evaluate("window.socialmap.network.getSelectedNodes()") == [key]
    assert log.network_requests() == []
    assert log.errors == []


# --- 5. search ---------------------------------------------------------------

def _unique_fragment(graph: nx.DiGraph) -> tuple[str, str]:
    """(node key, part of its name) such that the part names that one account only."""
    labels = {k: ((d["name"] or d["id"]).lower(), d["id"].lower()) for k, d in graph.nodes(data=True)}
    for key, data in graph.nodes(data=True):
        name = data["name"]
        if not name or len(name) < 8:
            continue
        fragment = name[2:-2]
        matches = [k for k, (label, handle) in labels.items() if fragment.lower() in label or fragment.lower() in handle]
        if matches == [key]:
            return key, fragment
    raise AssertionError("no account has a name part of its own")


def test_search_selects_account_and_reports_no_match(sample_map, open_map):
    page, log = open_map(sample_map.path)
    key, fragment = _unique_fragment(sample_map.graph)

    graph = sample_map.graph
    neighbours = set(graph.predecessors(key)) | set(graph.successors(key))
    search = page.locator("#sm-search")
    search.fill(fragment)
    search.press("Enter")
    page.wait_for_function(
        "(key) => window.socialmap.network.getSelectedNodes()[0] === key", arg=key, timeout=5_000,
    )
    # the account and its neighbours are highlighted, and the view zooms to it
    assert set(page.evaluate("window.socialmap.network.getSelectedNodes()")) == neighbours | {key}
    assert page.locator("#sm-search-result").text_content() == f"{len(neighbours)} linked"

    search.fill("zzqx no such account 9431")
    search.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('sm-search-result').textContent === 'No match'", timeout=5_000
    )
    assert page.locator("#sm-search-result").text_content() == "No match"
    assert log.network_requests() == []
    assert log.errors == []


# --- 6. legend ----------------------------------------------------------------

def test_legend_lists_every_community_and_counts_every_account(sample_map, open_map):
    result = sample_map.result
    legend = list(resolve_colour(result.graph, result.partition).legend)
    page, log = open_map(sample_map.path)

    items = page.locator("#sm-legend-items li")
    assert items.count() == len(legend)
    counts = [int(text.replace(",", "")) for text in page.locator("#sm-legend-items li .sm-count").all_text_contents()]
    assert counts == [entry["count"] for entry in legend]
    assert sum(counts) == sample_map.graph.number_of_nodes()
    labels = [item.locator("span").nth(1).text_content() for item in items.all()]
    assert labels == [entry["label"] for entry in legend]
    assert log.errors == []


# --- 7. an accounts list alone --------------------------------------------------

def test_accounts_only_map_draws_every_account(tmp_path, open_map):
    built = _build(tmp_path, "accounts-only.html", SAMPLE_ACCOUNTS)
    assert built.graph.number_of_edges() == 0
    assert built.graph.number_of_nodes() > 100

    page, log = open_map(built.path)

    _assert_draws_every_account(page, built.graph, min_share=0.005)
    assert log.network_requests() == []
    assert log.errors == []


# --- 8. the same input gives the same page ------------------------------------

def test_same_sample_builds_byte_identical_page(sample_map):
    again = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(title=SAMPLE_TITLE))
    assert again.html.encode("utf-8") == sample_map.path.read_bytes()


# --- 9. a large map strokes its links straight onto the canvas ---------------

def test_many_links_are_drawn_fast_and_highlight_the_selected_account(tmp_path, open_map):
    """Above 5,000 links the page draws them itself (vis would spend seconds building them)."""
    G = nx.gnm_random_graph(1200, 6000, seed=3)
    accounts = [{"id": f"@acc{n}", "name": f"Account {n}", "followers": str(10 + n)} for n in G]
    relationships = [{"source": f"@acc{u}", "target": f"acc{v}"} for u, v in G.edges]

    built = _build(tmp_path, "large.html", pd.DataFrame(accounts), pd.DataFrame(relationships))
    page, log = open_map(built.path)
    assert page.evaluate("window.socialmap.fastEdges") is True
    _assert_draws_every_account(page, built.graph, min_share=0.02)
    assert log.network_requests() == [] and log.errors == []
    darkness = """async (key) => {
      const {network} = window.socialmap;
      network.selectNodes(key ? [key] : []);
      network.redraw();
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const canvas = document.querySelector('#sm-map canvas');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let total = 0;
      for (let i = 0; i < pixels.length; i += 4) total += pixels[i + 3] ? 765 - pixels[i] - pixels[i + 1] - pixels[i + 2] : 0;
      return total;
    }"""
    plain = page.evaluate(darkness, None)
    highlighted = page.evaluate(darkness, max(built.graph, key=built.graph.degree))
    assert highlighted > plain * 1.005, "selecting an account darkens its links (the names drawn weigh in both)"
    assert log.errors == []


# --- 10. every layout opens and draws; the mind map's hubs are not accounts ----

@pytest.mark.parametrize("layout", ["force", "communities", "mindmap", "geo"])
def test_every_layout_draws_every_account(tmp_path, open_map, layout):
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, areas=ROOT / "socialmap" / "sample" / "areas.csv",
                       options=MapOptions(title=SAMPLE_TITLE, layout=layout))
    path = tmp_path / f"{layout}.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    _assert_draws_every_account(page, result.graph, min_share=0.01)
    assert log.network_requests() == [] and log.errors == []


def test_relationship_free_mind_map_draws_hubs_but_counts_only_accounts(tmp_path, open_map):
    result = build_map(SAMPLE_ACCOUNTS, options=MapOptions(title="Derby and Derbyshire", layout="mindmap"))
    path = tmp_path / "mindmap.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    state = _assert_draws_every_account(page, result.graph, min_share=0.01)
    assert len(state["ids"]) == 223 and state["edgeCount"] == 0
    legend_total = sum(int(t.replace(",", "")) for t in page.locator("#sm-legend-items .sm-count").all_text_contents())
    assert legend_total == 223
    # the region hub is drawn in the middle of the map: dark pixels under the centre of the canvas
    centre_darkness = page.evaluate(
        """() => {
          const {network} = window.socialmap;
          const dom = network.canvasToDOM({x: 0, y: 0});
          const canvas = document.querySelector('#sm-map canvas');
          const ratio = canvas.width / canvas.clientWidth;
          const block = canvas.getContext('2d').getImageData(Math.round(dom.x * ratio) - 7, Math.round(dom.y * ratio) - 7, 15, 15).data;
          let dark = 0;
          for (let i = 0; i < block.length; i += 4) dark += 765 - block[i] - block[i + 1] - block[i + 2];
          return dark / (block.length / 4);
        }"""
    )
    assert centre_darkness > 300, "the region's dark label box sits at the centre"
    assert log.errors == []


# --- a map opened hidden (an app's background tab) is drawn when shown ------

def _frame_value(page, frame, expression: str, *, until=lambda value: value, tries: int = 150):
    """``expression`` in ``frame`` once ``until`` holds (polled from Python: the map's CSP forbids eval)."""
    for _ in range(tries):
        value = frame.evaluate(expression)
        if until(value):
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"{expression} never held: {value!r}")


def test_a_map_opened_hidden_is_drawn_to_fit_when_shown(sample_map, open_map, browser):
    page, _ = open_map(sample_map.path, width=1200, height=700)
    direct = page.evaluate("window.socialmap.network.getScale()")

    wrapper = sample_map.path.parent / "hidden.html"
    wrapper.write_text(f'<!DOCTYPE html><iframe id="f" src="{sample_map.path.name}" '
                       'style="display:none;width:1200px;height:700px;border:0"></iframe>', encoding="utf-8")
    hidden = browser.new_page(viewport={"width": 1200, "height": 700})
    try:
        hidden.goto(wrapper.as_uri())
        frame = hidden.frames[1]
        _frame_value(hidden, frame, "document.readyState", until=lambda state: state == "complete")
        hidden.wait_for_timeout(300)
        assert frame.evaluate("window.socialmap === undefined"), "nothing is drawn into a frame with no size"
        hidden.evaluate("document.getElementById('f').style.display = 'block'")
        _frame_value(hidden, frame, "document.documentElement.dataset.socialmapReady === 'true'")
        shown = frame.evaluate("window.socialmap.network.getScale()")
        assert shown == pytest.approx(direct, rel=0.1), "fitted as if it had been opened in view"
        assert frame.evaluate("window.socialmap.nodes.length") == sample_map.graph.number_of_nodes()
    finally:
        hidden.close()
