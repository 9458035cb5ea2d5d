"""The trend page (issue 10, item 4), opened from disk in headless Chromium.

It must load nothing but itself, run no script at all, draw every snapshot
of every chart, switch measures with its radio buttons, print every chart,
and show hostile group names as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialmap.trend import load_snapshots, trend_table
from socialmap.trendpage import trend_page
from tests.browser.conftest import logged_page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SNAPSHOTS = sorted((ROOT / "socialmap" / "sample" / "snapshots").glob("accounts-2026-*.csv"))
HAND_MADE = sorted((ROOT / "tests" / "data" / "trend").glob("accounts-2026-*.csv"))
HOSTILE_AREA = "</svg><script>alert(1)</script>"


@pytest.fixture
def open_trend(browser, tmp_path):
    """open_trend(snapshots, **page options) -> (page, log): the page written to disk and opened from file://."""
    pages = []

    def _open(snapshots, *, width: int = 1366, height: int = 900, **options):
        path = tmp_path / f"trend-{len(pages)}.html"
        path.write_text(trend_page(trend_table(load_snapshots(snapshots)), **options), encoding="utf-8")
        page, log = logged_page(browser, width=width, height=height)
        pages.append(page)
        page.on("dialog", lambda dialog: (log.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        return page, log

    yield _open
    for page in pages:
        page.close()


def _visible_points(page, chart_id: str) -> int:
    return page.locator(f"svg#{chart_id} circle.sm-point").evaluate_all(
        "points => points.filter(p => p.getBoundingClientRect().width > 0).length")


def test_sample_trend_draws_offline_with_every_point(open_trend, tmp_path):
    page, log = open_trend(SAMPLE_SNAPSHOTS, title="Derby and Derbyshire: social media, Aug to Nov 2026")
    assert log.network_requests() == []
    assert log.errors == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("#sm-headline").inner_text() == (
        "From Aug 2026 to Nov 2026: accounts 204 → 223 (+19), potential reach +8.1%, weekly OTV +6.4%")
    for measure in ("accounts", "potential-reach", "weekly-otv"):
        chart = page.locator(f"svg#overall-{measure}")
        assert chart.is_visible()
        assert chart.bounding_box()["width"] > 300
        assert _visible_points(page, f"overall-{measure}") == 4
    # by area: 8 areas and "Other areas (19)", four snapshots each; reach shows first
    assert page.locator("svg#area-potential-reach").is_visible()
    assert not page.locator("svg#area-weekly-otv").is_visible()
    assert _visible_points(page, "area-potential-reach") == 9 * 4
    assert _visible_points(page, "platform-potential-reach") == 8 * 4
    labels = page.locator("svg#area-potential-reach .sm-end-label text").all_text_contents()
    assert labels[0] == "Derbyshire" and "Other areas (19)" in labels
    rows = page.locator("#sm-overall-table tbody tr")
    assert rows.count() == 4
    assert rows.nth(3).locator("th, td").all_inner_texts()[:3] == ["Nov 2026", "223", "+8 (+3.7%)"]
    page.screenshot(path=str(tmp_path / "trend.png"), full_page=True)


def test_the_measure_switch_needs_no_script(open_trend):
    page, log = open_trend(SAMPLE_SNAPSHOTS)
    section = page.locator("#sm-by-area")
    section.get_by_text("Weekly OTV", exact=True).click()
    assert page.locator("svg#area-weekly-otv").is_visible()
    assert not page.locator("svg#area-potential-reach").is_visible()
    assert page.locator("svg#platform-potential-reach").is_visible()  # each section switches on its own
    page.keyboard.press("ArrowRight")  # the focused radio moves on, as radio buttons do
    assert page.locator("svg#area-accounts").is_visible()
    assert _visible_points(page, "area-accounts") == 9 * 4
    assert log.errors == []


def test_printing_shows_every_chart_and_no_switch(open_trend):
    page, _ = open_trend(SAMPLE_SNAPSHOTS)
    page.emulate_media(media="print")
    for kind in ("area", "platform"):
        for measure in ("accounts", "potential-reach", "weekly-otv"):
            assert page.locator(f"svg#{kind}-{measure}").is_visible()
    assert not page.locator(".sm-tabs").first.is_visible()


def test_hostile_area_names_are_shown_as_text(open_trend):
    page, log = open_trend(HAND_MADE, title="<b>Trend</b>", top=1)
    assert log.network_requests() == [] and log.errors == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("h1").inner_text() == "<b>Trend</b>"
    svg_texts = page.locator("svg#area-potential-reach .sm-end-label text").all_text_contents()
    assert svg_texts == ["Other areas (3)", "Derby"]  # top=1: the hostile area is in "other"; top label first
    page2, log2 = open_trend(HAND_MADE, title="Trend")
    labels = page2.locator("svg#area-potential-reach .sm-end-label text").all_text_contents()
    assert "</svg><script>alert(1)<…" in labels  # shortened on the chart, as text
    assert page2.locator("#sm-by-area tbody th", has_text=HOSTILE_AREA).first.inner_text() == HOSTILE_AREA
    assert page2.locator("svg").count() == 9  # no SVG element closed early
    assert _visible_points(page2, "area-potential-reach") == 4 * 3
    assert log2.errors == []
