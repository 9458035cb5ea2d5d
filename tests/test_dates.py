"""Dates of relationships: ISO, UK day first, Excel; clear errors for bad and month-first dates (issue 10)."""

import datetime as dt

import pandas as pd
import pytest

from socialmap import MapOptions, SocialMapError, load_tables
from socialmap.inputs.dates import limit_to_dates, parse_date, parse_dates, within_dates
from socialmap.errors import WARNING
from tests.conftest import DATA


def _days(series):
    return ["" if pd.isna(value) else value.date().isoformat() for value in series]


def test_iso_day_first_two_digit_years_excel_serials_and_blanks():
    cells = ["2026-11-24", "24/11/2026", "24/11/26", "24-11-2026", "24.11.2026", "4/3/2026", "46350",
             "2026-11-24T09:30:00", "2026-11-24 09:30", "", " n/a ", "unknown", "01/01/99"]
    dates, issues = parse_dates(cells, file="links.csv", column="date")
    assert issues == []
    assert _days(dates) == ["2026-11-24"] * 5 + ["2026-03-04", "2026-11-24", "2026-11-24", "2026-11-24",
                                                  "", "", "", "1999-01-01"]
    assert str(dates.dtype) == "datetime64[ns]"


def test_bad_dates_name_the_spreadsheet_row_and_say_what_to_write():
    dates, issues = parse_dates(["2026-10-01", "yesterday", "31/02/2026", "2026-02-30", "24/11/3026"],
                                file="links.csv", column="Date", first_row=2)
    assert [str(issue) for issue in issues] == [
        'links.csv row 3, column Date: "yesterday" is not a date '
        "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)",
        'links.csv row 4, column Date: "31/02/2026" is not a real date (day 31 of month 2) '
        "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)",
        'links.csv row 5, column Date: "2026-02-30" is not a real date (day 30 of month 2) '
        "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)",
        'links.csv row 6, column Date: "24/11/3026" is in 3026, which looks mistyped '
        "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)",
    ]
    assert _days(dates) == ["2026-10-01", "", "", "", ""]


def test_month_first_column_is_refused_naming_its_rows_and_the_ambiguous_ones():
    dates, issues = parse_dates(["11/24/2026", "03/04/2026", "05/05/2026", "12/25/2026", "2026-11-02"],
                                file="links.csv", column="date")
    assert [(issue.row, issue.message) for issue in issues] == [
        (2, '"11/24/2026" is written month first (US style: there is no month 24)'),
        (3, '1 date (row 3; e.g. "03/04/2026") could be day or month first, and this column has month-first '
            "dates (rows 2, 5), so they are not guessed"),
        (5, '"12/25/2026" is written month first (US style: there is no month 25)'),
    ]
    assert issues[1].hint == "rewrite the whole column as ISO dates (2026-03-04), or as day-first dates throughout"
    assert _days(dates) == ["", "", "2026-05-05", "", "2026-11-02"]  # 05/05 reads the same either way


def test_day_first_column_with_dates_that_could_be_either_is_read_day_first():
    dates, issues = parse_dates(["03/04/2026", "24/11/2026"], file="links.csv", column="date")
    assert issues == [] and _days(dates) == ["2026-04-03", "2026-11-24"]


def test_one_date_option_iso_or_day_first():
    assert parse_date("2026-10-01") == parse_date("01/10/2026") == dt.date(2026, 10, 1)
    assert parse_date(dt.datetime(2026, 10, 1, 9)) == dt.date(2026, 10, 1)
    with pytest.raises(ValueError, match=r'^--from: "next week" is not a date'):
        parse_date("next week", what="--from")


def test_within_dates_keeps_undated_rows_and_both_ends():
    dates = pd.Series(pd.to_datetime(["2026-09-30", "2026-10-01", None, "2026-10-31", "2026-11-01"]))
    assert within_dates(dates, dt.date(2026, 10, 1), dt.date(2026, 10, 31)).tolist() == [False, True, True, True, False]
    assert within_dates(dates, None, dt.date(2026, 10, 1)).tolist() == [True, True, True, False, False]


def test_dated_relationships_load_with_their_dates():
    tables = load_tables(DATA / "dated_accounts.csv", DATA / "dated_relationships.csv")
    assert tables.issues == ()
    assert _days(tables.relationships["date"]) == ["2026-10-03", "", "2026-10-24", "2026-11-01", "2026-11-03", ""]


def test_date_range_keeps_undated_follows_and_counts_relationships_kept():
    options = MapOptions(mentions_from=dt.date(2026, 11, 1), mentions_to=dt.date(2026, 11, 30))
    tables = load_tables(DATA / "dated_accounts.csv", DATA / "dated_relationships.csv", options=options)
    assert list(zip(tables.relationships["source"], tables.relationships["target"])) == [
        ("bob", "ann"), ("ann", "cat"), ("bob", "cat"), ("cat", "bob")]
    assert tables.relationship_rows == 4


def test_date_range_on_undated_links_warns_that_it_limits_nothing():
    undated = pd.DataFrame({"source": ["@ann"], "target": ["bob"]})
    tables = load_tables(DATA / "dated_accounts.csv", undated, options=MapOptions(mentions_to=dt.date(2026, 1, 1)))
    assert tables.issues[-1].message == "no relationship has a date, so the date range limits nothing"
    assert tables.issues[-1].severity == WARNING
    relationships, count, issues = limit_to_dates(None, 0, (), None, dt.date(2026, 1, 1), file="a.csv")
    assert relationships is None and count == 0 and issues[0].file == "a.csv"


def test_month_first_file_fails_to_load_with_every_row_named():
    with pytest.raises(SocialMapError) as caught:
        load_tables(DATA / "dated_accounts.csv", DATA / "us_dates.csv")
    assert [(issue.file, issue.row, issue.column) for issue in caught.value.issues] == [
        ("us_dates.csv", 2, "date"), ("us_dates.csv", 3, "date"), ("us_dates.csv", 4, "date")]


def test_two_way_links_keep_their_date_on_both_rows():
    relationships = pd.DataFrame({"source": ["a"], "target": ["b"], "direction": ["mutual"], "date": ["2026-11-05"]})
    tables = load_tables(pd.DataFrame({"id": ["a", "b"]}), relationships,
                         options=MapOptions(mentions_from=dt.date(2026, 11, 6)))
    assert tables.relationship_rows == 0 and tables.relationships.empty
    tables = load_tables(pd.DataFrame({"id": ["a", "b"]}), relationships)
    assert _days(tables.relationships["date"]) == ["2026-11-05", "2026-11-05"] and tables.relationship_rows == 1


def test_options_check_the_date_range():
    with pytest.raises(ValueError, match=r"mentions_from \(2026-11-02\) must not be after mentions_to \(2026-11-01\)"):
        MapOptions(mentions_from=dt.date(2026, 11, 2), mentions_to=dt.date(2026, 11, 1))
    with pytest.raises(ValueError, match="mentions_to must be a date, not '2026-11-01'"):
        MapOptions(mentions_to="2026-11-01")
