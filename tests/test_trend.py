"""Trend over snapshots (issue 10, item 4): dating files, totals per snapshot and group, changes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from socialmap import SocialMapError
from socialmap.graph import build_graph
from socialmap.inputs.files import InputFile
from socialmap.metrics import reach_summary
from socialmap.pipeline import load_tables
from socialmap.trend import (
    TREND_COLUMNS, SnapshotDate, caveats, date_in_name, folded, headline, load_snapshots, parse_date,
    snapshot_dates, trend_table,
)
from tests.conftest import DATA, ROOT

HAND_MADE = sorted((DATA / "trend").glob("accounts-2026-*.csv"))
SAMPLE_SNAPSHOTS = sorted((ROOT / "socialmap" / "sample" / "snapshots").glob("accounts-2026-*.csv"))
HOSTILE_AREA = "</svg><script>alert(1)</script>"


@pytest.mark.parametrize(("name", "iso", "label"), [
    ("accounts-2026-10.csv", "2026-10", "Oct 2026"),
    ("accounts_2026_10.xlsx", "2026-10", "Oct 2026"),
    ("accounts-2026-10-31.csv", "2026-10-31", "31 Oct 2026"),
    ("accounts 20261031.csv", "2026-10-31", "31 Oct 2026"),
    ("accounts-31-10-2026.csv", "2026-10-31", "31 Oct 2026"),
    ("accounts 01.11.2026.csv", "2026-11-01", "1 Nov 2026"),  # day first: 1 November, not 11 January
    ("Social media accounts October 2026.xlsx", "2026-10", "Oct 2026"),
    ("accounts-oct-2026.csv", "2026-10", "Oct 2026"),
    ("accounts 31 Oct 2026.csv", "2026-10-31", "31 Oct 2026"),
    ("2026-Sept.csv", "2026-09", "Sep 2026"),
    ("accounts-2026-10 (1).csv", "2026-10", "Oct 2026"),
    ("folder/2025-01/accounts-2026-10.csv", "2026-10", "Oct 2026"),  # only the file's own name counts
    ("2026-10-31-accounts-2026-10-31.csv", "2026-10-31", "31 Oct 2026"),  # the same date twice is one date
])
def test_date_in_name(name, iso, label):
    when = date_in_name(name)
    assert (when.iso, when.label) == (iso, label)


@pytest.mark.parametrize("name", ["accounts.csv", "accounts-2026.csv", "accounts-v2.csv", "export_1730419200.csv",
                                  "may-accounts.csv"])
def test_names_without_a_date(name):
    assert date_in_name(name) is None


@pytest.mark.parametrize(("name", "message"), [
    ("accounts-2026-13.csv", 'its name holds "2026-13", which is not a date (month must be in 1..12)'),
    ("accounts-31-02-2026.csv", 'its name holds "31-02-2026", which is not a date (day is out of range for month)'),
    ("accounts-1850-10.csv", 'its name holds "1850-10", which is not a date (year 1850 is out of range)'),
    ("accounts 2026-10-31 to 2026-11-30.csv", "its name holds more than one date (2026-10-31 and 2026-11-30)"),
])
def test_bad_dates_in_names_are_errors_naming_the_file(name, message):
    with pytest.raises(SocialMapError) as caught:
        date_in_name(name)
    assert (caught.value.file, caught.value.message) == (name, message)
    assert "--dates" in caught.value.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-08-31", SnapshotDate(date(2026, 8, 31))),
    ("31/08/2026", SnapshotDate(date(2026, 8, 31))),
    ("01/09/2026", SnapshotDate(date(2026, 9, 1))),
    ("2026-08", SnapshotDate(date(2026, 8, 1), whole_month=True)),
    (" Aug 2026 ", SnapshotDate(date(2026, 8, 1), whole_month=True)),
    ("20260831", SnapshotDate(date(2026, 8, 31))),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("yesterday", '"yesterday" is not a date'),
    ("2026-08-31x", '"2026-08-31x" is not a date'),
    ("2026-08-31 2026-09-30", '"2026-08-31 2026-09-30" is not a date'),
    ("08/31/2026", '"08/31/2026" is not a date (month must be in 1..12)'),  # US month first is refused
    ("2026/31/08", '"2026/31/08" is not a date (month must be in 1..12)'),
])
def test_bad_dates_option_values(text, message):
    with pytest.raises(SocialMapError) as caught:
        parse_date(text)
    assert (caught.value.file, caught.value.message) == ("--dates", message)
    assert caught.value.hint == "write a date as 2026-10-31 or 31/10/2026 (day first), or a month as 2026-10"


def test_snapshot_dates_collects_every_problem():
    with pytest.raises(SocialMapError) as caught:
        snapshot_dates(["accounts.csv", "accounts-2026-10.csv", "accounts-2026-10-01.csv", "accounts-2026-13.csv"])
    assert [str(issue) for issue in caught.value.issues] == [
        "accounts.csv: the file name has no date (name it like accounts-2026-10.csv or accounts-2026-10-31.csv, "
        "or give every file's date with --dates 2026-08-31,2026-09-30,...)",
        'accounts-2026-13.csv: its name holds "2026-13", which is not a date (month must be in 1..12) '
        "(give every file's date with --dates, e.g. --dates 2026-08-31,2026-09-30)",
        "accounts-2026-10-01.csv: same date as accounts-2026-10.csv (2026-10-01) "
        "(give each snapshot its own date: rename a file or use --dates)",
    ]


def test_dates_option_wins_over_names_and_must_match_the_files():
    assert [d.iso for d in snapshot_dates(["a.csv", "accounts-2026-10.csv"], ["2026-09-30", "31/10/2026"])] == [
        "2026-09-30", "2026-10-31"]
    with pytest.raises(SocialMapError, match=r"--dates: gives 1 date for 2 files \(give one date per file"):
        snapshot_dates(["a.csv", "b.csv"], ["2026-09-30"])
    with pytest.raises(SocialMapError, match="same date as a.csv"):
        snapshot_dates(["a.csv", "b.csv"], ["2026-09-30", "30/09/2026"])


def test_a_trend_needs_two_snapshots():
    with pytest.raises(SocialMapError, match="a trend needs at least two snapshots"):
        snapshot_dates(["accounts-2026-10.csv"])


def test_hand_made_snapshots_exact_totals():
    table = trend_table(load_snapshots(list(reversed(HAND_MADE))))  # given in any order, sorted by date
    assert tuple(table.columns) == TREND_COLUMNS
    overall = table[table["kind"] == "overall"]
    assert overall[["date", "accounts", "potential_reach", "weekly_otv", "unknown_followers",
                    "assumed_one_post"]].values.tolist() == [
        ["2026-01", 3, 1500, 2500, 1, 1],  # @gamma has no follower count; beta no posting rate (one a week)
        ["2026-02", 4, 1851, 3326, 0, 1],  # 2,200 + 500 + 600 + 25.5, rounded once
        ["2026-03", 4, 2560, 4330, 0, 0],  # beta gone, "1,000" followers read
    ]
    reach = overall.set_index("date")
    assert reach.loc["2026-03", "potential_reach_change_from_first"] == 1060
    assert reach.loc["2026-03", "potential_reach_pct_from_first"] == 70.7
    assert reach.loc["2026-03", "potential_reach_change_from_previous"] == 709
    assert reach.loc["2026-03", "potential_reach_pct_from_previous"] == 38.3
    assert pd.isna(reach.loc["2026-01", "potential_reach_change_from_previous"])


def test_hand_made_snapshots_by_area_and_platform():
    table = trend_table(load_snapshots(HAND_MADE))
    march = table[table["date"] == "2026-03"]
    areas = march[march["kind"] == "area"]
    assert areas[["group", "accounts", "potential_reach", "weekly_otv"]].values.tolist() == [
        ["Derby", 1, 1200, 2400], [HOSTILE_AREA, 1, 1000, 1000], ["Belper", 1, 300, 900], ["Not given", 1, 60, 30],
    ]
    platforms = march[march["kind"] == "platform"]
    assert platforms[["group", "accounts", "potential_reach"]].values.tolist() == [
        ["Twitter/X", 1, 1200], ["Facebook", 2, 1060], ["Instagram", 1, 300]]
    hostile = table[table["group"] == HOSTILE_AREA]
    assert hostile["accounts"].tolist() == [0, 0, 1]  # every group at every date, zero before it appears
    assert hostile["potential_reach_pct_from_first"].isna().all()  # no percentage from nothing
    for kind in ("area", "platform"):
        sums = table[table["kind"] == kind].groupby("date")["accounts"].sum().tolist()
        assert sums == [3, 4, 4]


def test_folded_keeps_the_top_groups_and_adds_up_the_rest():
    table = trend_table(load_snapshots(HAND_MADE))
    rows = folded(table, "area", top=1)
    assert rows[["group", "accounts", "potential_reach"]].values.tolist() == [
        ["Derby", 2, 1500], ["Derby", 2, 1600], ["Derby", 1, 1200],
        ["Other areas (3)", 1, 0], ["Other areas (3)", 2, 251], ["Other areas (3)", 3, 1360],
    ]
    assert rows["potential_reach_change_from_previous"].iloc[4:].tolist() == [251, 1109]
    assert len(folded(table, "area", top=3)) == 12  # four areas: folding one into "other" would hide it for nothing


def test_headline_and_caveats():
    table = trend_table(load_snapshots(HAND_MADE))
    assert headline(table) == "From Jan 2026 to Mar 2026: accounts 3 → 4 (+1), potential reach +70.7%, weekly OTV +73.2%"
    lines = caveats(table)
    assert "1 in Jan 2026" in lines[1] and "no follower count" in lines[1]
    assert lines[2] == "Accounts with no posting rate are counted at one post a week (1 in Jan 2026, 1 in Feb 2026)."
    assert any("not people" in line or "unique people" in line for line in lines)


def test_uploads_are_dated_by_their_names():
    uploads = [InputFile(path.name, path.read_bytes()) for path in HAND_MADE[:2]]
    snapshots = load_snapshots(uploads)
    assert [(s.file, s.date.label) for s in snapshots] == [("accounts-2026-01.csv", "Jan 2026"),
                                                          ("accounts-2026-02.csv", "Feb 2026")]


def test_every_bad_file_is_reported_before_failing(write_csv):
    bad = write_csv("accounts-2026-04.csv", "id,followers\n@a,lots\n")
    with pytest.raises(SocialMapError) as caught:
        load_snapshots([HAND_MADE[0], bad, DATA / "bad_followers.csv"])
    assert [issue.file for issue in caught.value.issues] == ["bad_followers.csv"]  # dates are checked first
    with pytest.raises(SocialMapError) as caught:
        load_snapshots([HAND_MADE[0], bad, DATA / "bad_followers.csv"], dates=["2026-01", "2026-04", "2026-05"])
    assert [issue.file for issue in caught.value.issues] == ["accounts-2026-04.csv"] + ["bad_followers.csv"] * 4


def test_sample_snapshots_exact_totals():
    table = trend_table(load_snapshots(SAMPLE_SNAPSHOTS))
    overall = table[table["kind"] == "overall"]
    assert overall[["label", "accounts", "potential_reach", "weekly_otv"]].values.tolist() == [
        ["Aug 2026", 204, 1_544_756, 23_758_202],
        ["Sep 2026", 208, 1_564_762, 23_974_706],
        ["Oct 2026", 215, 1_622_092, 24_668_700],
        ["Nov 2026", 223, 1_669_629, 25_270_490],  # what `socialmap build socialmap/sample/accounts.csv` prints
    ]
    assert headline(table) == ("From Aug 2026 to Nov 2026: accounts 204 → 223 (+19), potential reach +8.1%, "
                               "weekly OTV +6.4%")
    assert overall["unknown_followers"].tolist() == [18, 19, 17, 17]  # socialmap/sample/README: three gain a figure in Oct
    areas = table[(table["kind"] == "area") & (table["label"] == "Nov 2026")]
    assert areas["group"].iloc[:2].tolist() == ["Derbyshire", "Derby"]
    assert areas["accounts"].sum() == 223 and len(areas) == 27


def test_sample_totals_are_the_maps_figures():
    """Each snapshot's total is what the map's reach summary gives for the same file."""
    table = trend_table(load_snapshots(SAMPLE_SNAPSHOTS))
    overall = table[table["kind"] == "overall"].reset_index(drop=True)
    for position, path in enumerate(SAMPLE_SNAPSHOTS):
        reach = reach_summary(build_graph(load_tables(path).accounts, None))
        row = overall.loc[position]
        assert (row["accounts"], row["potential_reach"], row["weekly_otv"]) == (
            reach.accounts, round(reach.potential_reach), round(reach.weekly_otv))


def test_a_large_growth_reads_with_thousands_separators(tmp_path):
    first, second = tmp_path / "accounts-2026-01.csv", tmp_path / "accounts-2026-02.csv"
    first.write_text("id,followers\n@a,10\n", encoding="utf-8")
    second.write_text('id,followers\n@a,"1,200"\n@b,5\n', encoding="utf-8")
    assert headline(trend_table(load_snapshots([first, second]))) == (
        "From Jan 2026 to Feb 2026: accounts 1 \u2192 2 (+1), potential reach +11,950.0%, weekly OTV +11,950.0%")
