"""Clean tables and their problems: file, row, column, message (issue 4)."""

import math

import pandas as pd

from socialmap.errors import WARNING
from socialmap.load import read_table
from socialmap.validate import validate_accounts, validate_relationships
from tests.conftest import DATA


def _accounts(name):
    return validate_accounts(read_table(DATA / name), file=name)


def test_aliased_headings_and_number_formats():
    table = _accounts("aliased_accounts.csv")
    assert table.issues == []
    frame = table.frame.set_index("key")
    assert list(frame.index) == ["derbycc", "derby-police", "sinfingarden", "allestree-news", "mysteryaccount"]
    assert frame.loc["derbycc", "followers"] == 12_400
    assert frame.loc["derby-police", "followers"] == 3_400_000
    assert frame.loc["sinfingarden", "followers"] == 1_200
    assert frame.loc["allestree-news", "followers"] == 12_000
    assert math.isnan(frame.loc["mysteryaccount", "followers"])  # blank is unknown, not zero
    assert frame.loc["allestree-news", "posts_per_week"] == 2.5
    assert frame.loc["derbycc", "url"] == "https://www.example.org/derbycc"
    assert frame.loc["derbycc", "name"] == "Derby City Council"
    assert frame.loc["derbycc", "area"] == "Derby"
    assert frame.loc["derbycc", "lat"] == 52.92 and frame.loc["derbycc", "lon"] == -1.47
    assert frame.loc["derbycc", "extra"] == {"Team": "Comms"}
    assert table.columns["followers"] == "Follower Count"


def test_every_bad_value_is_reported_with_row_and_column():
    table = _accounts("bad_followers.csv")
    assert [str(issue) for issue in table.issues] == [
        'bad_followers.csv row 3, column followers: "lots" is not a number',
        'bad_followers.csv row 4, column followers: "-5" is negative; a follower count cannot be below zero',
        'bad_followers.csv row 5, column posts_per_week: "often" is not a number',
        'bad_followers.csv row 6, column lat: "95" is above the largest allowed value, 90',
    ]
    assert all(issue.is_error for issue in table.issues)


def test_missing_id_column_lists_what_was_found_and_what_would_work():
    (issue,) = _accounts("no_id_column.csv").issues
    assert str(issue) == (
        'no_id_column.csv: no id column (columns found: "name", "platform", "followers") '
        "(name one of them: id, handle, username, screen_name, account, vertex)"
    )


def test_header_only_file_is_an_error():
    (issue,) = _accounts("header_only.csv").issues
    assert issue.message == "the file has a header but no accounts"


def test_no_row_vanishes_silently():
    table = _accounts("messy_rows.csv")
    raw_rows = set(range(2, 2 + len(read_table(DATA / "messy_rows.csv"))))
    kept = set(table.frame["row"])
    reported = {issue.row for issue in table.issues}
    assert kept | reported == raw_rows
    assert [str(issue) for issue in table.issues] == [
        "messy_rows.csv row 3: blank row skipped",
        "messy_rows.csv row 4, column id: no id; row skipped (give every account an id or handle)",
        'messy_rows.csv row 5, column id: "A" repeats the account in row 2; merged into it (keep one row per account)',
    ]
    assert all(issue.severity == WARNING for issue in table.issues)


def test_duplicate_fills_blanks_but_first_spelling_and_values_win():
    raw = pd.DataFrame({"id": ["@DerbyCC", "derbycc"], "name": ["", "Derby City Council"], "followers": ["10", "20"]})
    frame = validate_accounts(raw, file="a.csv").frame
    assert len(frame) == 1
    assert (frame.loc[0, "id"], frame.loc[0, "name"], frame.loc[0, "followers"]) == ("@DerbyCC", "Derby City Council", 10)


def test_non_web_links_are_dropped_with_a_warning():
    table = _accounts("hostile_urls.csv")
    urls = dict(zip(table.frame["key"], table.frame["url"]))
    assert urls == {
        "a": "", "b": "", "c": "",
        "d": "https://www.example.org/delta", "e": "https://example.org/e", "f": "https://example.org/zeta",
    }
    assert [(issue.row, issue.column, issue.severity) for issue in table.issues] == [
        (2, "url", WARNING), (3, "url", WARNING), (4, "url", WARNING)
    ]
    assert table.issues[0].message == '"javascript:alert(1)" is not a web (http or https) link; link dropped'


def test_relationships_match_ids_and_report_unknown_accounts():
    accounts = _accounts("aliased_accounts.csv").frame
    raw = read_table(DATA / "aliased_relationships.csv")
    table = validate_relationships(raw, file="rel.csv", accounts=accounts, accounts_file="aliased_accounts.csv")
    assert list(zip(table.frame["source"], table.frame["target"])) == [
        ("derbycc", "derby-police"), ("derby-police", "derbycc"), ("sinfingarden", "derbycc"),
        ("sinfingarden", "derbycc"), ("allestree-news", "notinthefile"),
    ]
    assert list(table.frame["weight"]) == [2, 1, 3, 1, 1]  # blank weight counts 1
    assert [str(issue) for issue in table.issues] == [
        'rel.csv row 6, column To: account "@NotInTheFile" is not in aliased_accounts.csv; added as a placeholder '
        '(ids there look like "@DerbyCC", "derby-police")'
    ]


def test_relationship_problems():
    accounts = pd.DataFrame({"key": ["a", "b"], "id": ["a", "b"]})
    raw = pd.DataFrame({"source": ["a", "a", "", "a"], "target": ["b", "@A", "b", "b"], "weight": ["1", "2", "1", "heavy"]})
    table = validate_relationships(raw, file="rel.csv", accounts=accounts)
    assert [str(issue) for issue in table.issues] == [
        'rel.csv row 3, column target: "@A" links to itself; row skipped',
        "rel.csv row 4, column source: no source account; row skipped",
        'rel.csv row 5, column weight: "heavy" is not a number',
    ]
    assert [issue.is_error for issue in table.issues] == [False, False, True]


def test_zero_or_negative_weight_is_an_error():
    accounts = pd.DataFrame({"key": ["a", "b"], "id": ["a", "b"]})
    raw = pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"], "weight": ["0", "-1"]})
    issues = validate_relationships(raw, file="rel.csv", accounts=accounts).issues
    assert [issue.message for issue in issues] == ['"0" must be above zero', '"-1" must be above zero']
