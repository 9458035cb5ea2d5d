"""The app as a person uses it: served as `socialmap app` serves it, in headless Chromium.

A module-scoped fixture starts the server on a free localhost port and stops
it after. Each test opens the page, waits for the map inside the app's iframe
to say it is drawn (``socialmapReady``), and checks that nothing the page
loads comes from outside the machine.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from socialmap import MapOptions, build_map
from socialmap.export import table_csv
from tests.servers import served_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SAMPLE_TITLE = "Derby and Derbyshire social media map (invented sample)"
UPLOAD_TITLE = "Social media map"
UPLOAD_LIMIT_MB = 2  # the test server's limit, so that a too-big file is small enough to make
HOSTILE = '<img src=x onerror="window.parent.__pwned=1;window.__pwned=1">'


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app, served by `streamlit run` on a free localhost port for this module's tests."""
    with served_app(tmp_path_factory.mktemp("streamlit"), **{"server.maxUploadSize": str(UPLOAD_LIMIT_MB)}) as (_, url):
        yield url


class Visit:
    """One page of the app, with every request it made (from any frame) and its console errors."""

    def __init__(self, browser, url: str, *, width: int = 1366, height: int = 768) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.origin = url
        self.page.goto(url)

    def outside(self) -> list[str]:
        """Requests that left the machine: anything but this server, data:, blob: and about:."""
        local = (self.origin, "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]

    def map_frame(self, *, accounts: int | None = None, timeout: float = 90):
        """The map's frame once it is drawn (and, if given, shows this many nodes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in self.page.frames[1:]:
                try:
                    if frame.evaluate("document.documentElement.dataset.socialmapReady === 'true'") and (
                            accounts is None or frame.evaluate("window.socialmap.nodes.length") == accounts):
                        return frame
                except Exception:  # noqa: BLE001 - a frame being replaced; look again
                    continue
            self.page.wait_for_timeout(200)  # lets Playwright see frames come and go
        drawn = [frame.evaluate("window.socialmap && window.socialmap.nodes.length") for frame in self.page.frames[1:]]
        raise AssertionError(f"no map of {accounts} accounts drawn within {timeout} s (frames show {drawn})")

    def upload(self, label: str, path: Path) -> None:
        uploader = self.page.get_by_test_id("stFileUploader").filter(has_text=label)
        uploader.locator("input[type=file]").set_input_files(str(path))

    def download(self, label: str) -> bytes:
        button = self.page.get_by_role("button", name=label)
        # while a run is drawn, the old copy of a moved element stays beside the new one: wait for one
        expect(button).to_have_count(1, timeout=30_000)
        with self.page.expect_download(timeout=30_000) as waiting:
            button.click()
        return Path(waiting.value.path()).read_bytes()

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser, app_url):
    opened = []

    def _open(**size) -> Visit:
        opened.append(Visit(browser, app_url, **size))
        return opened[-1]

    yield _open
    for page in opened:
        page.close()


def test_the_app_opens_on_the_sample_map_and_loads_nothing_from_outside(visit):
    sample = build_map(ROOT / "socialmap" / "sample" / "accounts.csv", ROOT / "socialmap" / "sample" / "relationships.csv",
                       options=MapOptions(title=SAMPLE_TITLE))
    app = visit()
    frame = app.map_frame(accounts=sample.graph.number_of_nodes())

    assert frame.locator("#sm-title").text_content() == SAMPLE_TITLE
    assert frame.locator("#sm-map canvas").count() == 1
    assert frame.locator("#sm-legend-items li").count() > 3
    page = app.page
    page.get_by_text("invented sample", exact=False).first.wait_for()
    page.get_by_test_id("stMetricValue").first.wait_for()
    assert "223" in page.get_by_test_id("stMetricValue").all_text_contents()
    assert app.outside() == []
    assert app.errors == []


# When, on the app page's clock, the map in its frame said it was drawn (each time), and when the first reach
# figure appeared in the app's page.
_FIRST_VIEW_CLOCK = """
(() => {
  const now = () => performance.timeOrigin + performance.now() - window.top.performance.timeOrigin;
  const root = () => document.documentElement;
  if (window === window.top) {
    new MutationObserver((changes, seen) => {
      if (document.querySelector("[data-testid=stMetricValue]")) { window.__figuresAt = now(); seen.disconnect(); }
    }).observe(document, {childList: true, subtree: true});
    return;
  }
  const mark = () => (window.top.__mapDrawnAt = window.top.__mapDrawnAt || []).push(now());
  document.addEventListener("DOMContentLoaded", () => {
    if (root().dataset.socialmapReady === "true") { mark(); return; }
    new MutationObserver((changes, seen) => {
      if (root().dataset.socialmapReady === "true") { mark(); seen.disconnect(); }
    }).observe(root(), {attributes: true});
  });
})();
"""


def test_the_first_view_draws_the_map_first_and_its_figures_follow_without_redrawing_it(browser, app_url):
    """Issue 18, item 5: the map is not kept waiting for the reach panel (socialmap/app/firstview.py): it is drawn
    before any figure is on the page, the figures then come by themselves, and the map is drawn once."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.add_init_script(_FIRST_VIEW_CLOCK)
        page.goto(app_url)
        page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
        page.get_by_role("tab", name="Top accounts").wait_for()
        page.wait_for_timeout(1_000)  # time for a second drawing of the map, were there one
        drawn, figures = page.evaluate("[window.__mapDrawnAt || [], window.__figuresAt]")
        assert len(drawn) == 1, f"the map was drawn {len(drawn)} times"
        assert drawn[0] < figures, (drawn, figures)
        assert "223" in page.get_by_test_id("stMetricValue").all_text_contents()
    finally:
        page.close()


def test_upload_changes_the_map_and_the_download_is_what_the_cli_writes(visit, open_map, tmp_path):
    accounts = DATA / "aliased_accounts.csv"
    relationships = DATA / "aliased_relationships.csv"
    expected = build_map(accounts, relationships, options=MapOptions(title=UPLOAD_TITLE))
    app = visit()
    app.map_frame(accounts=223)
    # a filter on the sample does not carry over to the upload
    platforms = app.page.get_by_test_id("stMultiSelect").filter(has_text="Platforms")
    platforms.click()
    app.page.keyboard.type("Facebook")
    app.page.keyboard.press("Enter")
    app.page.keyboard.press("Escape")
    app.map_frame(accounts=build_map(ROOT / "socialmap" / "sample" / "accounts.csv", ROOT / "socialmap" / "sample" / "relationships.csv",
                                     options=MapOptions(only_platforms=("Facebook",))).graph.number_of_nodes())

    app.upload("Accounts: one row per account", accounts)
    app.map_frame(accounts=build_map(accounts, options=MapOptions()).graph.number_of_nodes())
    assert "Facebook" not in platforms.inner_text()
    app.upload("Relationships: who follows", relationships)
    frame = app.map_frame(accounts=expected.graph.number_of_nodes())
    frame.wait_for_function(f"window.socialmap.edges.length === {expected.graph.number_of_edges()}")
    assert frame.locator("#sm-title").text_content() == UPLOAD_TITLE

    downloaded = app.download("Download the map (HTML)")
    assert downloaded == expected.html.encode("utf-8")
    assert app.download("Figures per account (CSV)") == table_csv(expected.metrics).encode("utf-8")

    # the downloaded file is the same map when opened on its own
    path = tmp_path / "map.html"
    path.write_bytes(downloaded)
    alone, log = open_map(path)
    assert alone.evaluate("window.socialmap.nodes.length") == expected.graph.number_of_nodes()
    assert log.network_requests() == [] and log.errors == []
    assert app.outside() == []
    assert app.errors == []


def test_the_maps_own_buttons_download_from_inside_the_app(visit, open_map, tmp_path):
    """The map's PNG, SVG and "Save this view" work in the app's frame as on their own: the frame allows
    downloads, and the saved view opens on what was shown (a group hidden)."""
    app = visit()
    frame = app.map_frame(accounts=223)
    png = _frame_download(app, frame, "Download PNG")
    assert png.startswith(b"\x89PNG") and len(png) > 100_000
    svg = _frame_download(app, frame, "Download SVG")
    assert b"<svg xmlns=" in svg[:200] and b"Derby City Council</text>" in svg and b"<script" not in svg
    hidden = frame.evaluate("window.socialmap.data.legend.length") - 1  # "Other communities (3)"
    frame.locator("#sm-legend-items input").nth(hidden).uncheck()
    saved = tmp_path / "view.html"
    saved.write_bytes(_frame_download(app, frame, "Save this view"))
    alone, log = open_map(saved)
    assert alone.evaluate("(g) => window.socialmap.groupHidden(g)", hidden)
    assert alone.evaluate("window.socialmap.data.legend.filter((e, g) => window.socialmap.groupHidden(g)).length") == 1
    assert log.network_requests() == [] and log.errors == []
    assert app.outside() == [] and app.errors == []


def _frame_download(app: Visit, frame, label: str) -> bytes:
    with app.page.expect_download(timeout=30_000) as waiting:
        frame.get_by_role("button", name=label).click()
    return Path(waiting.value.path()).read_bytes()


def test_a_bad_upload_shows_its_problems_and_the_app_recovers(visit, tmp_path):
    photo = tmp_path / "accounts.csv"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    app = visit()
    app.map_frame(accounts=223)

    app.upload("Accounts: one row per account", photo)
    app.page.get_by_text("no map was made", exact=False).wait_for(timeout=30_000)
    # the problems table is drawn on a canvas; its cells are also in the page, for screen readers
    app.page.get_by_text("this is a PNG image", exact=False).first.wait_for(state="attached")
    assert app.page.get_by_test_id("stIFrame").count() == 0

    app.upload("Accounts: one row per account", DATA / "aliased_accounts.csv")
    app.map_frame(accounts=build_map(DATA / "aliased_accounts.csv").graph.number_of_nodes())
    assert app.page.get_by_text("no map was made", exact=False).count() == 0
    assert app.outside() == []
    assert app.errors == []


def test_a_too_big_file_is_refused_with_its_size_and_the_map_stays(visit, tmp_path):
    big = tmp_path / "big.csv"
    row = b"@account%07d,Account,Facebook,Derby,news,100\n"
    big.write_bytes(b"id,name,platform,area,category,followers\n" + b"".join(
        row % n for n in range((UPLOAD_LIMIT_MB * 2**20) // 40 + 1000)))
    app = visit()
    app.map_frame(accounts=223)

    app.upload("Accounts: one row per account", big)
    app.page.get_by_text(f"{UPLOAD_LIMIT_MB}", exact=False).filter(has_text="MB").first.wait_for()
    message = app.page.get_by_test_id("stFileUploader").filter(has_text="Accounts: one row per account").inner_text()
    assert "must be" in message and f"{UPLOAD_LIMIT_MB}" in message, message
    frame = app.map_frame(accounts=223)
    assert frame.locator("#sm-title").text_content() == SAMPLE_TITLE
    assert app.errors == []


def test_hostile_spreadsheet_text_stays_text_in_the_app(visit, tmp_path):
    accounts = tmp_path / "hostile.csv"
    with accounts.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["id", "name", "description"],
            ["evil", f"Evil {HOSTILE}", "</script><script>window.parent.__pwned=1</script>"],
            ["plain", "Plain account", "Nothing odd"],
        ])
    app = visit()
    app.map_frame(accounts=223)
    app.upload("Accounts: one row per account", accounts)
    frame = app.map_frame(accounts=2)

    # the name is drawn as text where the app's map is wide enough for it, and always the hover text's first line
    names = frame.evaluate("window.socialmap.labelBoxes().map(box => box.text)")
    hover = frame.evaluate("window.socialmap.nodes.get('evil').title")
    assert f"Evil {HOSTILE}" in names or hover.startswith(f"Evil {HOSTILE}\n"), (names, hover)
    assert frame.evaluate("typeof window.__pwned") == "undefined"
    assert app.page.evaluate("typeof window.__pwned") == "undefined"
    assert frame.locator("body img").count() == 0
    assert app.outside() == []


def titled(app: Visit, title: str, accounts: int):
    """The map's frame once it shows this many accounts under this title (each change draws a new frame)."""
    for _ in range(300):
        frame = app.map_frame(accounts=accounts)
        try:
            if frame.locator("#sm-title").text_content(timeout=2_000) == title:
                return frame
        except Exception:  # noqa: BLE001 - a frame being replaced; look again
            pass
        app.page.wait_for_timeout(200)
    raise AssertionError(f"no map titled {title!r}")


def test_a_reload_of_the_address_finds_the_same_view(visit, browser):
    """Issue 18, item 2: every view setting is in the address, so a reload or a bookmark brings the view back."""
    only_facebook = build_map(ROOT / "socialmap" / "sample" / "accounts.csv",
                              ROOT / "socialmap" / "sample" / "relationships.csv",
                              options=MapOptions(only_platforms=("Facebook",))).graph.number_of_nodes()
    app = visit()
    app.map_frame(accounts=223)
    page = app.page
    page.get_by_test_id("stMetricValue").first.wait_for()  # the first view's figures follow the map: all drawn
    page.get_by_test_id("stSelectbox").filter(has_text="Layout").click()
    page.get_by_role("option", name="A box per community").click()
    page.get_by_test_id("stMultiSelect").filter(has_text="Platforms").click()
    page.keyboard.type("Facebook")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    app.map_frame(accounts=only_facebook)  # as a person would, the map first, then the title: typed while the
    # platform's rerun was still being drawn, on a busy machine (CI), the title never reached the address
    title = page.get_by_test_id("stTextInput").filter(has_text="Title").locator("input")
    title.fill("Derbyshire on Facebook")
    title.press("Enter")
    page.wait_for_url("**platform=Facebook**")
    page.wait_for_url("**title=Derbyshire**")
    titled(app, "Derbyshire on Facebook", only_facebook)
    address = page.url
    assert "layout=A+box+per+community" in address or "layout=A%20box%20per%20community" in address

    again = Visit(browser, address)  # a new tab at the same address: a bookmark, or a reload
    try:
        titled(again, "Derbyshire on Facebook", only_facebook)
        layout = again.page.get_by_test_id("stSelectbox").filter(has_text="Layout")
        assert layout.locator("input").first.input_value() == "A box per community"
        assert "Facebook" in again.page.get_by_test_id("stMultiSelect").filter(has_text="Platforms").inner_text()
        assert again.errors == []
    finally:
        again.close()


def test_on_a_laptop_screen_the_map_its_key_and_the_main_controls_fit_the_first_view(visit):
    """Issue 18, item 7: at 1366x768, once a file is loaded, the uploads fold away; the map and its key fit the
    window, and layout, colour, size and find are in view without scrolling."""
    app = visit(width=1366, height=768)
    page = app.page

    def key_fits(frame) -> None:
        iframe = page.locator(".st-key-map_frame iframe").bounding_box()
        assert iframe["y"] + iframe["height"] <= 768 + 1, iframe
        key = frame.locator("#sm-legend-items").bounding_box()
        assert key["y"] + key["height"] <= iframe["height"] + 1, ("the key runs below the map's frame", key, iframe)

    key_fits(app.map_frame(accounts=223))  # the sample: twelve communities in its key
    app.upload("Accounts: one row per account", DATA / "aliased_accounts.csv")
    key_fits(app.map_frame(accounts=5))
    page.get_by_text("Your data: aliased").wait_for()
    assert not page.get_by_text("Accounts: one row per account").is_visible(), "the uploads fold away"
    for label in ("Layout", "Colour by", "Size by", "Find an account"):
        box = page.get_by_test_id("stWidgetLabel").filter(has_text=label).first.bounding_box()
        assert box and box["y"] + box["height"] <= 768, f"{label} is below the first view: {box}"
