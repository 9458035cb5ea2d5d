"""The app's change and trend views: an earlier snapshot, several snapshots, each the same as the CLI's."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from socialmap import MapOptions, overtime
from socialmap.changemap import build_change
from socialmap.inputs.guess import NOT_IN_FILE
from socialmap.trend import load_snapshots, trend_table
from socialmap.trendpage import trend_page
from tests.apptest import app, as_shown, run  # noqa: F401 - app is a fixture
from tests.conftest import ROOT

SNAPSHOTS = ROOT / "socialmap" / "sample" / "snapshots"
SAMPLE_TITLE = "Derby and Derbyshire social media map (invented sample)"


def frames(at: AppTest) -> list[str]:
    return [frame.proto.srcdoc for frame in at.get("iframe")]


def figures(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def upload(at: AppTest, key: str, *paths) -> AppTest:
    files = [(path.name, path.read_bytes(), "text/csv") for path in paths]
    at.file_uploader(key=key).set_value(files if len(files) > 1 or key == "trend_files" else files[0])
    return at


def test_the_sample_change_since_august_is_the_cli_change_map(app):
    assert "view" not in [radio.key for radio in app.radio], "no choice of view until there is a change or trend"
    run(app.checkbox(key="sample_change").check())
    assert app.radio(key="view").options == ["Map", "What changed"]
    assert len(frames(app)) == 1, "the map until the change is chosen"
    run(app.radio(key="view").set_value("What changed"))
    expected = build_change(SNAPSHOTS / "accounts-2026-08.csv", SNAPSHOTS / "accounts-2026-11.csv",
                            SNAPSHOTS / "relationships-2026-08.csv", SNAPSHOTS / "relationships-2026-11.csv",
                            options=overtime.change_options(MapOptions(title=SAMPLE_TITLE), growth="absolute"))
    assert frames(app) == [expected.html], "only the chosen view is drawn"
    assert figures(app)["Added / removed"] == "+24 / \u22125"
    assert any("2026-08 \u2192 2026-11" in as_shown(md.value) and "+24 accounts, \u22125 removed" in md.value
               for md in app.markdown)
    assert {"Download the change map (HTML)", "Changes per account (CSV)", "Changes by group (CSV)",
            "Mentions (CSV)"} <= {button.label for button in app.get("download_button")}

    mentions = [frame.value for frame in app.dataframe if "made_by" in frame.value.columns][0]
    assert list(mentions["period"].unique()) == ["2026-08", "2026-11"]
    run(app.multiselect(key="mentions_of").select("@DerbyCityHallNews"))
    run(app.radio(key="mentions_per").set_value("month"))
    mentions = [frame.value for frame in app.dataframe if "made_by" in frame.value.columns][0]
    assert list(mentions["account"].unique()) == ["@DerbyCityHallNews"]
    assert list(mentions["period"]) == ["2026-08", "2026-11"], "August's and November's files hold their month's"
    assert frames(app) == [expected.html], "counting other mentions leaves the map as it was"

    run(app.radio(key="growth").set_value("percent"))
    assert frames(app)[0] != expected.html
    assert "% change in followers" in frames(app)[0]


def test_an_uploaded_earlier_snapshot_gives_its_exact_counts(app):
    run(upload(app, "earlier_accounts", SNAPSHOTS / "accounts-2026-10.csv"))
    run(upload(app, "earlier_relationships", SNAPSHOTS / "relationships-2026-10.csv"))
    run(app.radio(key="view").set_value("What changed"))
    assert figures(app)["Added / removed"] == "+10 / \u22122"
    assert figures(app)["Accounts"] == "223"
    accounts = [frame.value for frame in app.dataframe if "status" in frame.value.columns][0]
    assert accounts["status"].value_counts().to_dict() == {"kept": 213, "added": 10, "removed": 2}
    assert list(accounts["status"].iloc[:10]) == ["added"] * 10


def test_a_bad_earlier_snapshot_lists_its_problems_and_the_map_stays(app, tmp_path):
    bad = tmp_path / "accounts-2026-07.csv"
    bad.write_text("id,followers\n@a,12\n@a,lots\n", encoding="utf-8")
    run(upload(app, "earlier_accounts", bad))
    assert len(frames(app)) == 1 and not app.error, "the map is shown until the change is chosen"
    run(app.radio(key="view").set_value("What changed"))
    assert len(app.error) == 1 and "accounts-2026-07.csv" in as_shown(app.error[0].value)
    problems = [frame.value for frame in app.dataframe if "severity" in frame.value.columns][0]
    assert set(problems["file"]) == {"accounts-2026-07.csv"}
    run(app.radio(key="view").set_value("Map"))
    assert len(frames(app)) == 1 and not app.error, "the map itself is still drawn"


def test_the_sample_trend_is_the_cli_trend_page(app):
    run(app.checkbox(key="sample_trend").check())
    run(app.radio(key="view").set_value("Trend"))
    paths = sorted(SNAPSHOTS.glob("accounts-*.csv"))
    table = trend_table(load_snapshots(paths))
    assert frames(app)[0] == trend_page(table, title=f"Trend: {SAMPLE_TITLE}")
    overall = [frame.value for frame in app.dataframe if "Snapshot" in frame.value.columns][0]
    assert list(overall["Accounts"]) == [204, 208, 215, 223]
    headline = [md.value for md in app.markdown if md.value.startswith("**From Aug 2026 to Nov 2026: accounts 204")]
    assert headline and "204 \u2192 223 (+19)" in headline[0]
    assert "an upper bound on reach, not reach" in headline[0]  # the map's words for what potential reach is


def test_trend_uploads_without_dates_in_their_names_ask_for_them(app, tmp_path):
    names = []
    for month in ("09", "11"):
        path = tmp_path / ("first.csv" if month == "09" else "second.csv")
        path.write_bytes((SNAPSHOTS / f"accounts-2026-{month}.csv").read_bytes())
        names.append(path)
    run(upload(app, "trend_files", *names))
    run(app.radio(key="view").set_value("Trend"))
    assert len(app.error) == 1
    problems = [frame.value for frame in app.dataframe if "severity" in frame.value.columns][0]
    assert set(problems["file"]) >= {"first.csv"}
    run(app.text_input(key="trend_dates").set_value("2026-09-30, 2026-11-24"))
    assert not app.error
    overall = [frame.value for frame in app.dataframe if "Snapshot" in frame.value.columns][0]
    assert list(overall["Accounts"]) == [208, 223]


def test_one_trend_file_is_not_a_trend(app):
    run(upload(app, "trend_files", SNAPSHOTS / "accounts-2026-09.csv"))
    run(app.radio(key="view").set_value("Trend"))
    assert len(app.error) == 1
    problems = [frame.value for frame in app.dataframe if "severity" in frame.value.columns][0]
    assert problems["message"].str.contains("at least two snapshots").any()


def test_dated_mentions_limit_the_map_to_the_days_picked(app):
    import datetime as dt

    from socialmap import build_map

    run(upload(app, "accounts", SNAPSHOTS / "accounts-2026-11.csv"))
    run(upload(app, "relationships", SNAPSHOTS / "relationships-2026-11.csv"))
    picker = app.date_input(key="dates")
    assert picker.value == (dt.date(2026, 11, 1), dt.date(2026, 11, 24)), "the span of the file's dates"
    whole = frames(app)[0]
    run(picker.set_value((dt.date(2026, 11, 1), dt.date(2026, 11, 10))))
    page = frames(app)[0]
    assert page != whole and "dated links 1 Nov 2026 to 10 Nov 2026 only" in page
    expected = build_map(SNAPSHOTS / "accounts-2026-11.csv", SNAPSHOTS / "relationships-2026-11.csv", options=MapOptions(
        title="Social media map", mentions_from=dt.date(2026, 11, 1), mentions_to=dt.date(2026, 11, 10)))
    assert page == expected.html
    run(app.date_input(key="dates").set_value((dt.date(2026, 11, 1), dt.date(2026, 11, 24))))
    assert frames(app)[0] == whole, "the whole span is the whole map again"


# --- issue 18, item 3: one column mapping everywhere -------------------------------------------------

ORGS = b"Body,Feed,Followers,Sort\nDerby City Council,@DerbyCC,12000,council\nDerby Police,@DerbyPolice,9000,police\n"
LATER = ORGS + b"Derby Museum,@DerbyMuseum,400,culture\n"
OTHER_HEADINGS = (b"Organisation,Page,Audience\nDerby City Council,@DerbyCC,12500\nDerby Police,@DerbyPolice,9100\n"
                  b"Derby Museum,@DerbyMuseum,450\nDerby Theatre,@DerbyTheatre,300\n")


def sent(at: AppTest, key: str, files: dict[str, bytes]) -> AppTest:
    payload = [(name, data, "text/csv") for name, data in files.items()]
    at.file_uploader(key=key).set_value(payload if key == "trend_files" else payload[0])
    return at


def boxes(at: AppTest, kind: str) -> dict[str, object]:
    return {box.key.split("_column_")[1].rsplit("_", 1)[0]: box for box in at.selectbox
            if box.key and box.key.startswith(f"{kind}_column_")}


def test_trend_and_change_read_other_files_with_the_maps_column_picks(app):
    run(sent(app, "accounts", {"orgs-2026-11.csv": LATER}))
    mine = boxes(app, "accounts")
    mine["name"].set_value("Body")
    run(mine["category"].set_value("Sort"))

    # the trend: files with the map file's headings take its picks, with no step of their own
    run(sent(app, "trend_files", {"orgs-2026-10.csv": ORGS, "orgs-2026-11.csv": LATER}))
    run(app.radio(key="view").set_value("Trend"))
    assert not app.error, [as_shown(error.value) for error in app.error]
    assert not boxes(app, "trend")
    overall = [frame.value for frame in app.dataframe if "Snapshot" in frame.value.columns][0]
    assert list(overall["Accounts"]) == [2, 3]

    # what changed: an earlier copy with the same headings, the same picks: named by Body, not by handle
    run(sent(app, "earlier_accounts", {"orgs-2026-10.csv": ORGS}))
    run(app.radio(key="view").set_value("What changed"))
    assert not app.error, [as_shown(error.value) for error in app.error]
    assert figures(app)["Added / removed"] == "+1 / \u22120"
    accounts = [frame.value for frame in app.dataframe if "status" in frame.value.columns][0]
    assert "Derby Museum" in set(accounts.astype(str).stack())


def test_a_trend_file_with_other_headings_gets_its_own_column_step(app):
    run(sent(app, "accounts", {"orgs-2026-11.csv": LATER}))
    run(boxes(app, "accounts")["name"].set_value("Body"))
    run(sent(app, "trend_files", {"orgs-2026-11.csv": LATER, "export-2026-12.csv": OTHER_HEADINGS}))
    run(app.radio(key="view").set_value("Trend"))
    step = boxes(app, "trend")
    assert step["id"].value == "Page" and step["followers"].value == "Audience"
    assert not app.error, [as_shown(error.value) for error in app.error]
    overall = [frame.value for frame in app.dataframe if "Snapshot" in frame.value.columns][0]
    assert list(overall["Accounts"]) == [3, 4]
    # its picks are its own: naming its followers column changes its figures only
    run(step["followers"].set_value(NOT_IN_FILE))
    overall = [frame.value for frame in app.dataframe if "Snapshot" in frame.value.columns][0]
    assert list(overall["Accounts"]) == [3, 4]
    assert boxes(app, "accounts")["followers"].value == "Followers"
