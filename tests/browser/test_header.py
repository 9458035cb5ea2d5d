"""The map page's header at the screen sizes comms teams present on (1366x768 laptops, 1920x1080 screens).

With five buttons beside the search, a normal title wrapped to two lines and the counts under it to
three at 1366 px; now the buttons sit under the search and the title has the room.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialmap import MapOptions, build_map

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "socialmap" / "sample"
APP_TITLE = "Derby and Derbyshire social media map (invented sample)"  # what the app's sample shows
LONG = MapOptions(
    title="Derbyshire Constabulary, Derby City Council and NHS Derby and Derbyshire ICB: partner social media "
          "accounts, autumn 2026",
    subtitle="All partner accounts on Facebook, Instagram, X, LinkedIn, YouTube and Nextdoor, with who follows and "
             "mentions whom, gathered by the joint communications team from each organisation's channel list in "
             "November 2026 for the winter campaign plan",
    source="Partner channel lists", data_date="2026-11-24")

MEASURE = """() => {
  const lines = id => { const el = document.getElementById(id); const box = el.getBoundingClientRect();
    return Math.round(box.height / parseFloat(getComputedStyle(el).lineHeight)); };
  const buttons = [...document.querySelectorAll('.sm-tools button, #sm-search')].map(el => {
    const box = el.getBoundingClientRect(); return {id: el.id, inside: box.left >= 0 && box.right <= innerWidth
      && box.top >= 0 && box.height > 0}; });
  return {title: lines('sm-title'), subtitle: lines('sm-subtitle'), buttons,
          header: document.querySelector('.sm-header').getBoundingClientRect().height,
          wide: document.documentElement.scrollWidth > innerWidth};
}"""


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("header")
    made = {}
    for name, options in (("app", MapOptions(title=APP_TITLE)), ("plain", MapOptions()), ("long", LONG)):
        result = build_map(SAMPLE / "accounts.csv", SAMPLE / "relationships.csv", options=options)
        made[name] = folder / f"{name}.html"
        made[name].write_text(result.html, encoding="utf-8")
    return made


@pytest.mark.parametrize("name", ["app", "plain"])
def test_sample_title_is_one_line_and_its_counts_two_at_1366(open_map, maps, name):
    page, log = open_map(maps[name], width=1366, height=768)
    seen = page.evaluate(MEASURE)
    assert seen["title"] == 1 and seen["subtitle"] <= 2
    assert all(button["inside"] for button in seen["buttons"]) and len(seen["buttons"]) == 6
    assert seen["header"] <= 100 and not seen["wide"] and not log.errors


def test_sample_header_is_one_row_of_everything_at_1920(open_map, maps):
    page, _ = open_map(maps["app"], width=1920, height=1080)
    seen = page.evaluate(MEASURE)
    assert seen["title"] == 1 and seen["subtitle"] == 1 and seen["header"] <= 70
    assert all(button["inside"] for button in seen["buttons"])


def test_long_title_and_subtitle_leave_the_map_most_of_the_screen(open_map, maps):
    page, _ = open_map(maps["long"], width=1366, height=768)
    seen = page.evaluate(MEASURE)
    assert seen["title"] <= 3 and seen["subtitle"] == 2  # the rest of the subtitle: "…", and on hover
    assert page.locator("#sm-subtitle").get_attribute("title") == LONG.subtitle
    assert seen["header"] <= 768 / 4 and not seen["wide"]
    assert all(button["inside"] for button in seen["buttons"])
