"""Clean tables and their problems: file, row, column, message (issues 4, 8)."""

import math

import pandas as pd

from socialmap.errors import WARNING
from socialmap.inputs.sheets import read_table
from socialmap.inputs.accounts import accounts_from_links, validate_accounts
from socialmap.inputs.relationships import validate_relationships
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


def test_nan_infinite_negative_and_out_of_range_numbers_are_errors():
    table = _accounts("bad_numbers.csv")
    assert [str(issue) for issue in table.issues] == [
        'bad_numbers.csv row 2, column followers: "inf" is not a number (leave the cell blank when the value is unknown)',
        'bad_numbers.csv row 3, column followers: "nan" is not a number (leave the cell blank when the value is unknown)',
        'bad_numbers.csv row 4, column followers: "1e400" is more than 10,000,000,000 followers, more than any account has',
        'bad_numbers.csv row 5, column followers: "-12" is negative; a follower count cannot be below zero',
        'bad_numbers.csv row 6, column lat: "91" is above the largest allowed value, 90',
        'bad_numbers.csv row 7, column followers: "Infinity" is not a number '
        "(leave the cell blank when the value is unknown)",
        'bad_numbers.csv row 7, column lon: "-181" is below the smallest allowed value, -180',
        "bad_numbers.csv row 8, column lat: has a latitude but no longitude; the position is not used "
        "(give both latitude and longitude)",
    ]
    assert [issue.is_error for issue in table.issues] == [True] * 7 + [False]
    frame = table.frame.set_index("key")
    assert frame.loc["e", "followers"] == 1200  # 1.2E+03, as Excel writes it
    assert math.isnan(frame.loc["g", "lat"]) and math.isnan(frame.loc["g", "lon"])


def test_every_relationship_row_is_kept_or_reported():
    accounts = pd.DataFrame({"key": ["a", "b", "c"], "id": ["a", "b", "c"]})
    raw = read_table(DATA / "messy_relationships.csv")
    table = validate_relationships(raw, file="messy_relationships.csv", accounts=accounts)
    assert [str(issue) for issue in table.issues] == [
        "messy_relationships.csv row 3: blank row skipped",
        'messy_relationships.csv row 4, column target: "a" links to itself; row skipped',
        "messy_relationships.csv row 5, column target: no target account; row skipped",
        'messy_relationships.csv row 6, column weight: "heavy" is not a number',
        'messy_relationships.csv row 7, column direction: "sideways" is not a direction '
        '(write "directed", "undirected" or "mutual")',
        'messy_relationships.csv row 8, column weight: "inf" is not a number '
        "(leave the cell blank when the value is unknown)",
    ]
    assert list(zip(table.frame["source"], table.frame["target"], table.frame["row"])) == [("a", "b", 2)]
    assert table.kept == 1


def test_undirected_and_mutual_links_go_both_ways():
    accounts = pd.DataFrame({"key": ["a", "b", "c"], "id": ["a", "b", "c"]})
    raw = pd.DataFrame({"from": ["a", "b"], "to": ["b", "c"], "direction": ["Undirected", "directed"],
                        "weight": ["2", ""]})
    table = validate_relationships(raw, file="r.csv", accounts=accounts)
    assert list(zip(table.frame["source"], table.frame["target"], table.frame["weight"], table.frame["row"])) == [
        ("a", "b", 2.0, 2), ("b", "c", 1.0, 3), ("b", "a", 2.0, 2)]
    assert table.kept == 2 and table.issues == []


def test_a_relationships_file_with_only_headings_is_reported():
    accounts = pd.DataFrame({"key": ["a"], "id": ["a"]})
    table = validate_relationships(pd.DataFrame({"source": [], "target": []}), file="r.csv", accounts=accounts)
    assert [(str(issue), issue.severity) for issue in table.issues] == [
        ("r.csv: the file has a header but no relationships (add one row per link)", WARNING)]


def test_listed_links_leave_blank_rows_and_missing_ids_to_the_accounts_table():
    raw = pd.DataFrame({"id": ["a", "", "", "b"], "follows": ["b; c", "", "a", ""]})
    table = validate_relationships(raw, file="a.csv", accounts=None, columns={"source": "id", "target": "follows"},
                                   separators=";,", kind="follows", in_accounts=True)
    assert list(zip(table.frame["source"], table.frame["target"], table.frame["type"])) == [
        ("a", "b", "follows"), ("a", "c", "follows")]
    assert table.issues == []


def test_accounts_from_links_keep_first_spelling_in_order_of_appearance():
    raw = pd.DataFrame({"source": ["@B", "a", "b"], "target": ["A", "@c", "C"]})
    links = validate_relationships(raw, file="r.csv", accounts=None).frame
    accounts = accounts_from_links(links)
    assert list(zip(accounts["key"], accounts["id"], accounts["row"])) == [("b", "@B", 2), ("a", "A", 2), ("c", "@c", 3)]
    assert math.isnan(accounts.loc[0, "followers"]) and accounts.loc[0, "extra"] == {}


def test_header_rows_below_row_one_number_rows_correctly():
    raw = pd.DataFrame({"id": ["a", "b"], "followers": ["1", "lots"]})
    (issue,) = validate_accounts(raw, file="book.xlsx (sheet Vertices)", header_row=2).issues
    assert str(issue) == 'book.xlsx (sheet Vertices) row 4, column followers: "lots" is not a number'


def test_ignored_columns_are_not_shown_as_extra():
    raw = pd.DataFrame({"Vertex": ["a"], "Color": ["Red"], "Team": ["Comms"]})
    frame = validate_accounts(raw, file="v.csv", ignored={"Color"}).frame
    assert frame.loc[0, "extra"] == {"Team": "Comms"}


def test_relationships_always_have_a_date_column_nat_when_the_file_has_none():
    """Issue 10: later stages can rely on the date column."""
    for name in ("messy_relationships.csv", "dated_relationships.csv"):
        table = validate_relationships(read_table(DATA / name), file=name, accounts=None)
        assert str(table.frame["date"].dtype) == "datetime64[ns]"
    undated = validate_relationships(read_table(DATA / "aliased_relationships.csv"), file="r.csv", accounts=None)
    assert undated.frame["date"].isna().all()
