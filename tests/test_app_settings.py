"""Issue 18, item 2: the view in the page's address, and the settings file saved for next month's upload.

AppTest opens the app at an address (its query string), as a reload or a bookmark does; the browser test
tests/browser/test_app_page.py checks that the page writes its settings into the address in the first place.
"""

from __future__ import annotations

import json

import pytest

from socialmap import InputFile, MapOptions, build_map
from socialmap.app.settings import SettingsError, read_settings, settings_json
from tests.apptest import app, as_shown, opened, run  # noqa: F401 - app is a fixture
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.test_app import NO_ID, SAMPLE_AREAS, column_box, metrics, page_html, upload

from streamlit.testing.v1 import AppTest


def opened_at(query: dict) -> AppTest:
    """The app opened fresh at an address with this query string."""
    return run(opened(query))


def test_an_address_brings_its_view_back():
    at = opened_at({"layout": "A box per community", "colour": "Platform", "platform": ["Facebook", "Instagram"],
                    "min_followers": "500", "title": "Derbyshire on Facebook", "top_by": "Followers"})
    assert at.selectbox(key="layout").value == "communities"
    assert at.selectbox(key="colour").value == "platform"
    assert at.multiselect(key="platform").value == ["Facebook", "Instagram"]
    assert at.radio(key="top_by").value == "followers"
    options = MapOptions(title="Derbyshire on Facebook", layout="communities", colour_by="platform",
                         only_platforms=("Facebook", "Instagram"), min_followers=500)
    built = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, areas=SAMPLE_AREAS, options=options)
    assert page_html(at) == built.html
    assert metrics(at)["Accounts (of 223)"] == f"{built.reach.accounts:,}"


def test_an_address_with_a_value_the_data_lacks_is_the_default_view():
    at = opened_at({"colour": "Shoe size", "platform": "Myspace"})
    assert at.selectbox(key="colour").value == "auto"
    assert at.multiselect(key="platform").value == []
    assert metrics(at)["Accounts"] == "223"


def saved(at: AppTest) -> bytes:
    """What Save settings writes for the app as it stands (the button's text: views.settings_controls)."""
    state = {key: at.session_state[key] for key in ("layout", "colour", "size", "platform", "category", "title",
                                                    "min_followers") if key in at.session_state}
    picks = {field: box.value for field in ("id", "name", "category")
             if (box := column_box(at, "accounts", field)).value != box.options[0] or field == "id"}
    return settings_json(state, {"accounts": picks}).encode()


def test_settings_saved_with_one_upload_give_the_same_map_next_month(app):
    run(upload(app, "accounts", "orgs.csv", NO_ID))
    column_box(app, "accounts", "name").set_value("Body")
    run(column_box(app, "accounts", "category").set_value("Sort"))
    app.selectbox(key="colour").set_value("category")
    app.multiselect(key="category").set_value(["council", "police"])
    run(app.text_input(key="title").set_value("Derby bodies"))
    before = page_html(app)
    file = saved(app)
    assert json.loads(file)["columns"]["accounts"] == {"id": "Feed", "name": "Body", "category": "Sort"}

    # next month: a fresh session, the settings first, then a newer copy of the sheet
    later = NO_ID + b"Derby Theatre,@DerbyTheatre,800,culture\n"
    fresh = opened().run()
    run(upload(fresh, "settings_file", "socialmap-settings.json", file))
    assert any("Settings loaded" in note.value for note in fresh.success)
    run(upload(fresh, "accounts", "orgs-december.csv", later))
    assert column_box(fresh, "accounts", "name").value == "Body"
    assert fresh.multiselect(key="category").value == ["council", "police"]
    columns = (("id", "Feed"), ("name", "Body"), ("category", "Sort"))
    built = build_map(InputFile("orgs-december.csv", later), options=MapOptions(
        title="Derby bodies", account_columns=columns, colour_by="category", only_categories=("council", "police")))
    assert page_html(fresh) == built.html
    assert built.html.replace("orgs-december.csv", "orgs.csv") != before, "the newer copy has one more account"


@pytest.mark.parametrize("content, words", [
    (b"layout: mindmap\n", "not JSON"),
    (b'{"name": "Derby", "followers": 12000}', "not a socialmap settings file"),
    (b"\x89PNG\r\n\x1a\n", "not JSON"),
    (b'{"what": "socialmap settings", "version": 1, "view": {"min_followers": "lots"}}', '"min_followers"'),
    (b'{"what": "socialmap settings", "version": 99}', "newer socialmap"),
])
def test_a_bad_or_foreign_settings_file_is_refused_and_changes_nothing(app, content, words):
    run(app.selectbox(key="layout").set_value("communities"))
    before = page_html(app)
    run(upload(app, "settings_file", "settings.json", content))
    (error,) = [as_shown(error.value) for error in app.error]
    assert words in error and "Nothing was changed" in error
    assert app.selectbox(key="layout").value == "communities"
    assert page_html(app) == before


def test_the_settings_file_reads_back_what_it_wrote():
    import datetime as dt

    view = {"layout": "mindmap", "platform": ["Facebook"], "dates": (dt.date(2026, 8, 1), dt.date(2026, 9, 30)),
            "focus": None, "seed": 7, "strict": True, "resolution": 1.5, "not_a_setting": "x"}
    settings = read_settings(settings_json(view, {"relationships": {"source": "Who"}}).encode())
    assert settings.view == {key: value for key, value in view.items() if key != "not_a_setting"}
    assert settings.columns == {"accounts": {}, "relationships": {"source": "Who"}}
    with pytest.raises(SettingsError, match='"seed" should be a whole number, not 1.5'):
        read_settings(settings_json({"seed": 1.5}, {}).encode())
