"""The app's helpers: cached stages that add up to build_map, the column-mapping step, choices, reach panel."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialmap import InputFile, MapOptions, SocialMapError, build_map, explore, load_tables
from socialmap.inputs import guess
from socialmap.inputs.columns import ColumnMap
from socialmap.inputs.schema import ACCOUNT_FIELDS

from tests.conftest import DATA, ROOT

SAMPLE = explore.Inputs.from_folder(ROOT / "socialmap" / "sample")
ID_FIELD = next(field for field in ACCOUNT_FIELDS if field.name == "id")


@pytest.fixture(scope="module")
def sample_analysis():
    return explore.analyse_inputs(SAMPLE, explore.analysis_key(MapOptions()))


def _staged(inputs: explore.Inputs, options: MapOptions, analysis=None):
    """The app's composition of the stages, without streamlit."""
    analysis = analysis or explore.analyse_inputs(inputs, explore.analysis_key(options))
    areas = explore.read_area_table(inputs)
    arranged = explore.arrange_view(analysis, explore.layout_key(options), areas)
    return explore.present(analysis, arranged, options, areas)


# --- the stages add up to build_map, byte for byte -------------------------------------------

@pytest.mark.parametrize("options", [
    MapOptions(title="Derby"),
    MapOptions(title="Derby", colour_by="platform", size_by="pagerank"),
    MapOptions(title="Derby", only_platforms=("Facebook", "Twitter/X"), min_followers=1000),
    MapOptions(title="Derby", focus="Derby City Council", focus_steps=2),
    MapOptions(title="Derby", aggregate="community", only_areas=("Derby",)),
    MapOptions(title="Derby", aggregate="area", colour_by="category"),
    MapOptions(title="Derby", layout="mindmap", branch="category"),
    MapOptions(title="Derby", layout="mindmap", region="Derbyshire", only_categories=("council",)),
    MapOptions(title="Derby", layout="geo"),
    MapOptions(title="Derby", layout="communities", seed=7, resolution=1.5),
], ids=lambda options: "-".join(f"{k}={v}" for k, v in vars(options).items() if v != getattr(MapOptions(), k)))
def test_stages_give_exactly_what_build_map_gives(sample_analysis, options):
    cached = sample_analysis if explore.analysis_key(options) == explore.analysis_key(MapOptions()) else None
    staged = _staged(SAMPLE, options, cached)
    built = build_map(SAMPLE.accounts, SAMPLE.relationships, areas=SAMPLE.areas, options=options)

    assert staged.html == built.html
    assert staged.metrics.equals(built.metrics)
    assert staged.reach == built.reach
    assert staged.all_accounts == built.all_accounts
    assert staged.issues == built.issues
    assert sorted(staged.graph) == sorted(built.graph)


def test_uploaded_files_give_what_build_map_gives_from_paths():
    inputs = explore.Inputs(InputFile("aliased_accounts.csv", (DATA / "aliased_accounts.csv").read_bytes()),
                            InputFile("aliased_relationships.csv", (DATA / "aliased_relationships.csv").read_bytes()))
    options = MapOptions(colour_by="Team")
    assert _staged(inputs, options).html == build_map(
        DATA / "aliased_accounts.csv", DATA / "aliased_relationships.csv", options=options).html


# --- each stage's key holds only what the stage depends on ------------------------------------

def test_colour_size_and_filters_leave_the_analysis_and_layout_keys_alone():
    plain = MapOptions(title="A")
    changed = replace(plain, title="B", colour_by="platform", size_by="pagerank", only_platforms=("Facebook",),
                      min_followers=10.0, focus="derbycc", focus_steps=2)
    assert explore.analysis_key(changed) == explore.analysis_key(plain)
    linked = nx.DiGraph([("a", "b")])
    assert explore.layout_key(changed, linked) == explore.layout_key(plain, linked)


def test_colour_moves_the_accounts_of_a_list_without_links():
    """Issue 15 item 2: under "auto" a list without links is boxed by its colours."""
    plain = MapOptions(title="A")
    unlinked = nx.empty_graph(["a", "b"], create_using=nx.DiGraph)
    assert explore.layout_key(replace(plain, colour_by="platform"), unlinked) != explore.layout_key(plain, unlinked)
    assert explore.layout_key(replace(plain, layout="force", colour_by="platform"), unlinked) == explore.layout_key(
        replace(plain, layout="force"), unlinked)


def test_layout_key_changes_with_what_moves_accounts():
    plain = MapOptions(title="A")
    assert explore.layout_key(replace(plain, layout="communities")) != explore.layout_key(plain)
    assert explore.layout_key(replace(plain, seed=1)) != explore.layout_key(plain)
    # the mind map's centre is the title (or the region), and it branches
    mindmap = replace(plain, layout="mindmap")
    assert explore.layout_key(replace(mindmap, title="B")) != explore.layout_key(mindmap)
    assert explore.layout_key(replace(mindmap, branch="category")) != explore.layout_key(mindmap)
    # the branch means nothing to other layouts
    assert explore.layout_key(replace(plain, branch="category")) == explore.layout_key(plain)
    # an overview is made of the shown accounts, so there filters move things
    overview = replace(plain, aggregate="area")
    assert explore.layout_key(replace(overview, only_platforms=("Facebook",))) != explore.layout_key(overview)


def test_analysis_key_changes_with_what_the_analysis_reads():
    plain = MapOptions()
    for change in ({"seed": 1}, {"strict": True}, {"resolution": 2.0}, {"min_community_size": 5},
                   {"account_columns": (("id", "Twitter"),)}):
        assert explore.analysis_key(replace(plain, **change)) != explore.analysis_key(plain), change


def test_inputs_digest_follows_names_and_contents():
    one = explore.Inputs(InputFile("a.csv", b"id\nx\n"))
    assert one.digest == explore.Inputs(InputFile("a.csv", b"id\nx\n")).digest
    assert one.digest != explore.Inputs(InputFile("b.csv", b"id\nx\n")).digest
    assert one.digest != explore.Inputs(InputFile("a.csv", b"id\ny\n")).digest
    assert one.digest != explore.Inputs(InputFile("a.csv", b"id\nx\n"), InputFile("r.csv", b"source,target\n")).digest


# --- any upload gives a SocialMapError, never another exception ---------------------------------

@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"PK\x03\x04not really a workbook", "workbook"),
    (b"a,b\n1,2\n", "no id column"),
])
def test_bad_uploads_are_reported(data, words):
    with pytest.raises(SocialMapError, match=words):
        explore.analyse_inputs(explore.Inputs(InputFile("upload.csv", data)), MapOptions())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda text: text.encode("utf-8")))
def test_any_bytes_give_a_map_or_a_socialmap_error(data):
    try:
        explore.analyse_inputs(explore.Inputs(InputFile("upload.csv", b"id,name,followers\n" + data)), MapOptions())
    except SocialMapError as error:
        assert error.issues


def test_a_bad_areas_file_is_a_socialmap_error():
    inputs = replace(SAMPLE, areas=InputFile("areas.csv", b"name,lat\nDerby,north\n"))
    with pytest.raises(SocialMapError, match="lat"):
        explore.read_area_table(inputs)


# --- the column-mapping step --------------------------------------------------------------------

NO_ID = b"Body,Feed,Followers,Sort\nDerby City Council,@DerbyCC,12000,council\n" \
        b"Derby Police,@DerbyPolice,9000,police\nDerby Museum,@DerbyMuseum,400,culture\n"


def test_plan_guesses_the_handle_column_when_no_heading_names_the_id():
    plan = guess.column_plan(InputFile("orgs.csv", NO_ID))
    assert plan.missing == ("id",)
    assert plan.guess("id") == "Feed"
    assert dict(plan.matched)["followers"] == "Followers"
    # each field's select box: set to what was read or guessed; optional fields may be left out
    assert plan.preset("id") == "Feed" and plan.options("id") == list(plan.headings)
    assert plan.preset("followers") == "Followers" and guess.NOT_IN_FILE in plan.options("followers")
    assert plan.preset("name") == guess.NOT_IN_FILE and plan.options("name")[0] == guess.NOT_IN_FILE
    # only what differs from automatic matching is passed on
    picks = {field: plan.preset(field) for field in guess.FIELD_LABELS}
    assert tuple(plan.overrides(picks)) == (("id", "Feed"),)
    assert tuple(plan.overrides(picks | {"name": "Body", "category": "Sort"})) == (
        ("id", "Feed"), ("name", "Body"), ("category", "Sort"))
    assert tuple(plan.overrides(picks | {"id": "Body", "followers": "Followers"})) == (("id", "Body"),)
    # a column read automatically can be left out: the same as --column followers=
    left_out = plan.overrides(picks | {"followers": guess.NOT_IN_FILE})
    assert left_out == ColumnMap.parse(["id=Feed", "followers="])
    tables = load_tables(InputFile("orgs.csv", NO_ID), options=MapOptions(account_columns=left_out))
    assert tables.accounts["followers"].isna().all()


def test_plan_of_a_wide_channel_list_asks_nothing_and_says_how_it_is_read():
    wide = b"Organisation,Town,Twitter,Facebook\nDerby City Council,Derby,@DerbyCC,https://www.facebook.com/DerbyCityCouncil\n"
    plan = guess.column_plan(InputFile("channels.csv", wide))
    assert plan.missing == ()
    assert dict(plan.matched) == {"id": "Twitter", "name": "Organisation", "area": "Town"}
    assert "a column per platform (Twitter, Facebook)" in plan.note
    picks = {field: plan.preset(field) for field in guess.FIELD_LABELS}
    assert not plan.overrides(picks)


def test_plan_has_nothing_to_ask_when_the_headings_match():
    plan = guess.column_plan(InputFile("aliased_accounts.csv", (DATA / "aliased_accounts.csv").read_bytes()))
    assert plan.missing == ()
    assert dict(plan.matched)["id"] == "Screen Name"


def test_plan_of_an_unreadable_file_is_none_and_the_build_says_why():
    assert guess.column_plan(InputFile("x.csv", b"\x89PNG\r\n\x1a\n")) is None


def test_the_chosen_column_makes_the_map():
    options = MapOptions(account_columns=(("id", "Feed"),))
    analysis = explore.analyse_inputs(explore.Inputs(InputFile("orgs.csv", NO_ID)), options)
    assert sorted(analysis.graph) == ["derbycc", "derbymuseum", "derbypolice"]
    assert analysis.graph.nodes["derbycc"]["followers"] == 12000


def test_guess_prefers_distinct_handles_to_numbers_and_repeated_words():
    import pandas as pd

    raw = pd.DataFrame({"Reach": ["10", "20", "30"], "Type": ["council", "council", "police"],
                        "Who": ["Derby City Council", "Derby Police", "Derby Museum"],
                        "Account": ["", "", ""], "Profile": ["derbycc", "derbypolice", "derbymuseum"]})
    assert guess.guess_heading(raw, ID_FIELD) == "Profile"
    assert guess.guess_heading(raw, ID_FIELD, {"Profile"}) == "Who"


# --- choices, reach panel and words -------------------------------------------------------------

def test_choices_for_the_controls(sample_analysis):
    assert explore.colour_options(sample_analysis)[:5] == ["auto", "community", "area", "platform", "category"]
    assert explore.size_options(sample_analysis)[0] == "followers"
    platforms = explore.filter_values(sample_analysis, "platform")
    assert "Twitter/X" in platforms and "" not in platforms
    labels = explore.account_labels(sample_analysis)
    assert len(labels) == sample_analysis.graph.number_of_nodes()
    assert labels["@DerbyCityHallNews"] == "Derby City Council (@DerbyCityHallNews, Twitter/X)"
    assert explore.choice_label("weekly_otv") == "Weekly opportunities to view"
    assert explore.choice_label("Team") == "Team"


def test_headline_counts_only_the_shown_accounts(sample_analysis):
    result = _staged(SAMPLE, MapOptions(only_platforms=("Facebook",)), sample_analysis)
    figures = {label: value for label, value, _ in explore.headline(result)}
    assert figures[f"Accounts (of {result.all_accounts:,})"] == f"{result.reach.accounts:,}"
    assert figures["Potential reach"] == explore.compact(result.reach.potential_reach)
    whole = {label: value for label, value, _ in explore.headline(_staged(SAMPLE, MapOptions(), sample_analysis))}
    assert whole["Accounts"] == "223"


def test_top_accounts_leave_out_placeholders_and_rank_by_the_figure(sample_analysis):
    top = explore.top_accounts(sample_analysis.metrics, "pagerank", count=10)
    assert len(top) == 10
    assert list(top["pagerank"]) == sorted(top["pagerank"], reverse=True)
    placeholders = set(sample_analysis.metrics.loc[sample_analysis.metrics["placeholder"], "id"])
    assert not placeholders & set(explore.top_accounts(sample_analysis.metrics, "followers", count=500)["id"])


def test_reach_panel_and_its_csv_are_what_the_cli_writes(sample_analysis):
    from socialmap.export import table_csv
    from socialmap.metrics import reach_by, reach_tables

    metrics = _staged(SAMPLE, MapOptions(only_platforms=("Facebook",)), sample_analysis).metrics
    panel = explore.reach_panel(metrics)
    assert list(panel) == list(explore.GROUPINGS)
    assert all(panel[column].equals(reach_by(metrics, column)) for column in panel)
    assert explore.reach_csv(panel) == table_csv(reach_tables(metrics))


def test_reach_key_follows_the_filters_only():
    plain = MapOptions()
    assert explore.reach_key(replace(plain, colour_by="platform", layout="geo", title="B", aggregate="area")) == \
        explore.reach_key(plain)
    assert explore.reach_key(replace(plain, only_areas=("Derby",))) != explore.reach_key(plain)
    assert explore.reach_key(replace(plain, seed=3)) != explore.reach_key(plain)


@pytest.mark.parametrize("value, text", [
    (0, "0"), (223, "223"), (9_876, "9,876"), (12_400, "12.4k"), (125_400, "125k"), (1_669_629, "1.67m"),
    (25_270_490, "25.3m"), (2.5e9, "2.5bn"),
])
def test_compact_figures(value, text):
    assert explore.compact(value) == text


def test_problem_rows_and_summary_say_where():
    with pytest.raises(SocialMapError) as caught:
        bad = InputFile("bad_followers.csv", (DATA / "bad_followers.csv").read_bytes())
        explore.analyse_inputs(explore.Inputs(bad), MapOptions())
    rows = explore.problem_rows(caught.value.issues)
    assert list(rows.columns) == ["file", "row", "column", "message", "severity"]
    assert set(rows["file"]) == {"bad_followers.csv"}
    assert rows["row"].notna().all()
    count = len(caught.value.issues)
    assert explore.problem_summary(caught.value.issues).startswith(
        f"{count} problem{'s' if count != 1 else ''} in bad_followers.csv: no map was made.")


def test_file_stem():
    assert explore.file_stem("Derby & Derbyshire social media map (invented sample)") == \
        "derby-derbyshire-social-media-map-invented-sample"
    assert explore.file_stem("<script>") == "script"
    assert explore.file_stem("***") == "social-media-map"
