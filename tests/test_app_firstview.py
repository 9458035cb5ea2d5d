"""A session's first view (socialmap/app/firstview.py): the map alone, then its figures once the browser has
drawn it, with the view the address asked for. tests/browser/test_app_page.py checks the same in Chromium."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from socialmap.app import SCRIPT
from socialmap.app.firstview import DRAWN
from tests.apptest import run
from tests.test_app import metrics, page_html


def test_a_new_session_sends_the_map_first_and_its_figures_once_the_browser_has_drawn_it():
    at = AppTest.from_file(str(SCRIPT), default_timeout=120)
    at.query_params.update({"top_by": "Followers", "colour": "Platform"})
    first = run(at)
    map_page = page_html(first)
    assert "Derby and Derbyshire social media map (invented sample)" in map_page
    assert metrics(first) == {}, "no reach figures before the map is drawn"
    assert not first.get("tabs")
    assert len(first.get("bidi_component")) == 1, "the watcher that says when the map is drawn"
    assert first.get("download_button"), "the map's downloads come with it"

    first.session_state[DRAWN] = True  # what the watcher's callback does when the map says it is drawn
    whole = run(first)
    assert metrics(whole)["Accounts"] == "223"
    assert {"Potential reach", "Weekly OTV", "Communities"} <= set(metrics(whole))
    assert whole.radio(key="top_by").value == "followers", "the address's choice waited for its widget"
    assert whole.query_params["top_by"] == "Followers"
    assert page_html(whole) == map_page, "the same map: its frame is not drawn again"
    assert not whole.get("bidi_component"), "no watcher once the map is drawn"


def test_later_runs_of_the_session_draw_the_whole_page_at_once():
    at = run(AppTest.from_file(str(SCRIPT), default_timeout=120))
    at.session_state[DRAWN] = True
    at = run(at)
    at.selectbox(key="colour").set_value("platform")
    changed = run(at)
    assert metrics(changed)["Accounts"] == "223"
    assert not changed.get("bidi_component")
