"""Other tools' files given as they are: NodeXL, Kumu, Gephi, workbooks, link lists (issue 8)."""

import math

import pytest
from click.testing import CliRunner

from socialmap import InputFile, MapOptions, SocialMapError, build_map, load_tables
from socialmap.cli import main
from socialmap.inputs.shapes import read_inputs
from tests.conftest import DATA, SAMPLE_ACCOUNTS


def _links(tables):
    frame = tables.relationships
    return sorted(zip(frame["source"], frame["target"], frame["type"], frame["weight"]))


def _messages(tables):
    return [str(issue) for issue in tables.issues]


def test_nodexl_workbook_gives_accounts_from_vertices_and_links_from_edges():
    tables = load_tables(DATA / "nodexl_twitter.xlsx")
    accounts = tables.accounts.set_index("key")
    assert list(accounts.index) == ["derbycouncil", "derbypolice", "sinfin_garden", "allestree_news"]
    assert accounts.loc["derbycouncil", "name"] == "Derby City Council (invented)"
    assert accounts.loc["derbycouncil", "followers"] == 61200
    assert accounts.loc["derbypolice", "url"] == "https://www.example.org/police"  # NodeXL's "Web" column
    assert accounts.loc["derbycouncil", "row"] == 3  # NodeXL's headings are in row 2
    assert accounts.loc["derbycouncil", "extra"] == {
        "Followed": "310", "Tweets": "4200",
    }  # NodeXL's own columns (Color, Shape, X, Y, PageRank, ID...) are not shown
    assert accounts.loc["derbycouncil", "area"] == "Derby, England"  # a Location is an area (issue 14, item 3)
    assert _links(tables) == [
        ("allestree_news", "derbycouncil", "Mentions", 1.0),
        ("derbycouncil", "derbypolice", "Mentions", 1.0),
        ("derbypolice", "derbycouncil", "Replies to", 1.0),
        ("sinfin_garden", "derbycouncil", "Mentions", 2.0),  # NodeXL's "Edge Weight"
    ]
    assert _messages(tables) == [
        'nodexl_twitter.xlsx (sheet Edges) row 6, column Vertex 2: "sinfin_garden" links to itself; row skipped',
    ]
    assert (tables.accounts_file, tables.relationships_file, tables.relationship_rows) == (
        "nodexl_twitter.xlsx", None, 4)


def test_nodexl_workbook_with_empty_vertices_sheet_takes_accounts_from_the_edges():
    tables = load_tables(DATA / "nodexl_edges_only.xlsx")
    assert tables.accounts["id"].tolist() == ["derbycouncil", "derbypolice", "sinfin_garden", "allestree_news"]
    assert tables.accounts["name"].tolist() == ["", "", "", ""]
    assert all(math.isnan(value) for value in tables.accounts["followers"])
    assert len(tables.relationships) == 4
    result = build_map(DATA / "nodexl_edges_only.xlsx")
    assert result.reach.accounts == 4  # real accounts, not placeholders
    assert result.graph.number_of_edges() == 4


def test_kumu_export_reads_labels_as_ids_lists_in_to_and_directions():
    tables = load_tables(DATA / "kumu_export.xlsx")
    accounts = tables.accounts.set_index("key")
    assert accounts["id"].tolist() == ["Derby City Council", "Derbyshire Police", "Sinfin Community Garden",
                                       "Allestree News"]
    assert accounts.loc["derby city council", "category"] == "Council"  # Kumu's element Type
    assert accounts.loc["derbyshire police", "followers"] == 48100
    assert accounts.loc["derby city council", "url"] == "https://www.example.org/derby"
    assert accounts.loc["derby city council", "extra"] == {"Tags": "public sector | comms"}  # issue 14: two values
    assert _links(tables) == [
        ("allestree news", "derby city council", "Reports on", 1.0),  # directed: one way
        ("allestree news", "sinfin community garden", "Talks to", 1.0),  # undirected: both ways
        ("derby city council", "derbyshire police", "Partner", 1.0),  # "A|B" in To: two links, mutual
        ("derby city council", "sinfin community garden", "Partner", 1.0),
        ("derbyshire police", "derby city council", "Partner", 1.0),
        ("sinfin community garden", "allestree news", "Talks to", 1.0),
        ("sinfin community garden", "derby city council", "Partner", 1.0),
    ]
    assert tables.relationship_rows == 4  # relationships as listed; a two-way one draws two links
    assert tables.issues == ()  # the "Notes (ignore)" sheet is skipped, as Kumu does


def test_gephi_csv_pair_reads_type_as_direction_and_label_as_kind():
    tables = load_tables(DATA / "gephi_nodes.csv", DATA / "gephi_edges.csv")
    assert tables.accounts["id"].tolist() == ["1", "2", "3", "4"]
    assert tables.accounts["name"].tolist() == [
        "Derby City Council", "Derbyshire Police", "Sinfin Community Garden", "Allestree News"]
    assert _links(tables) == [
        ("1", "2", "partner", 2.0), ("1", "3", "mentions", 1.0), ("2", "1", "", 1.0),
        ("3", "1", "mentions", 1.0), ("4", "3", "", 3.0),
    ]  # "Undirected" 3-1 is a link each way; "Directed" is not a kind of relationship
    assert _messages(tables) == ['gephi_edges.csv row 6, column Target: "4" links to itself; row skipped']


def test_an_edge_list_alone_is_a_map_of_the_ids_it_names():
    tables = load_tables(DATA / "gephi_edges.csv")
    assert tables.accounts["id"].tolist() == ["1", "2", "3", "4"]
    assert tables.relationship_rows == 4
    assert tables.relationships_file is None


def test_connects_to_follows_and_mentions_columns_become_typed_links():
    tables = load_tables(DATA / "connects_to.csv")
    assert _links(tables) == [
        ("allestreenews", "derbycc", "follows", 1.0),
        ("allestreenews", "notlisted", "follows", 1.0),
        ("derbycc", "allestreenews", "mentions", 1.0),
        ("derbycc", "derbypolice", "connects to", 1.0),
        ("derbycc", "sinfingarden", "connects to", 1.0),
        ("derbypolice", "derbycc", "connects to", 1.0),
        ("sinfingarden", "allestreenews", "follows", 1.0),
        ("sinfingarden", "derbycc", "follows", 1.0),
    ]
    assert all(extra == {} for extra in tables.accounts["extra"])  # the lists are not shown as text
    assert _messages(tables) == [
        'connects_to.csv row 4, column mentions: "@sinfingarden" lists itself; that link is skipped',
        'connects_to.csv row 5, column follows: account "@NotListed" is not in connects_to.csv; added as a '
        'placeholder (ids there look like "@DerbyCC", "@DerbyPolice")',
    ]


def test_council_workbook_title_rows_formulas_and_links_sheet():
    tables = load_tables(DATA / "council_workbook.xlsx")
    accounts = tables.accounts.set_index("key")
    assert accounts["followers"].tolist() == [61200, 4800, 830]  # formula cells give their saved values
    assert accounts["row"].tolist() == [4, 5, 6]  # a title and a blank row above the headings
    assert accounts.loc["derbycc", "extra"] == {"Followers (thousands)": "61.2", "Date added": "2024-03-04"}
    assert _links(tables) == [("derbycc", "derbylibraries", "partner", 1.0), ("sinfingarden", "derbycc", "mentions", 1.0)]
    assert tables.issues == ()  # the Notes sheet names no known column: not data, nothing to report


def test_sheets_can_be_named_and_a_missing_sheet_lists_those_there_are():
    tables = load_tables(DATA / "council_workbook.xlsx",
                         options=MapOptions(sheet="accounts", relationships_sheet=" LINKS "))
    assert len(tables.accounts) == 3 and len(tables.relationships) == 2
    with pytest.raises(SocialMapError) as caught:
        load_tables(DATA / "council_workbook.xlsx", options=MapOptions(sheet="Acounts", relationships_sheet="Edges"))
    assert [str(issue) for issue in caught.value.issues] == [
        'council_workbook.xlsx: there is no sheet "Acounts" (its sheets are "Accounts", "Links", "Notes") '
        "(name one of those sheets)",
        'council_workbook.xlsx: there is no sheet "Edges" (its sheets are "Accounts", "Links", "Notes") '
        "(name one of those sheets)",
    ]


def test_a_sheet_named_for_a_csv_file_is_an_error():
    with pytest.raises(SocialMapError) as caught:
        load_tables(DATA / "connects_to.csv", options=MapOptions(sheet="Accounts"))
    assert str(caught.value) == (
        'connects_to.csv: a sheet ("Accounts") was named, but a CSV file has no sheets '
        "(leave out the sheet name, or give the .xlsx workbook)"
    )


def test_other_sheets_of_accounts_are_reported_not_silently_dropped():
    tables = load_tables(DATA / "two_account_sheets.xlsx")
    assert tables.accounts["id"].tolist() == ["@derbycc"]
    assert _messages(tables) == [
        "two_account_sheets.xlsx: sheet Facebook also has accounts, but only sheet Twitter is read "
        "(put all the accounts on one sheet, or name the one to read with --sheet)"
    ]
    chosen = load_tables(DATA / "two_account_sheets.xlsx", options=MapOptions(sheet="Facebook"))
    assert chosen.accounts["id"].tolist() == ["derbycitycouncil", "derbylibraries"]
    assert chosen.issues == ()


def test_relationships_file_given_with_a_workbook_that_has_links_too():
    tables = load_tables(DATA / "council_workbook.xlsx", DATA / "aliased_relationships.csv")
    assert "council_workbook.xlsx: sheet Links has relationships too, but they are not read because " \
           "aliased_relationships.csv was given" in _messages(tables)


def test_a_type_column_of_real_kinds_stays_the_kind():
    accounts = InputFile("a.csv", b"id\na\nb\n")
    relationships = InputFile("r.csv", b"source,target,type\na,b,directed\nb,a,mentions\n")
    tables = load_tables(accounts, relationships)
    assert _links(tables) == [("a", "b", "directed", 1.0), ("b", "a", "mentions", 1.0)]


def test_unreadable_accounts_and_relationships_are_both_reported():
    with pytest.raises(SocialMapError) as caught:
        read_inputs(DATA / "logo_renamed.csv", DATA / "empty.csv")
    assert [issue.message for issue in caught.value.issues] == [
        "this is a PNG image, not a spreadsheet", "the file is empty"]


def test_cli_takes_sheet_options_and_size_limit(tmp_path):
    out = tmp_path / "map.html"
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(DATA / "two_account_sheets.xlsx"), "--sheet", "Facebook",
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{out}: 2 accounts, 0 relationships")
    missing = runner.invoke(main, ["build", str(DATA / "two_account_sheets.xlsx"), "--sheet", "Instagram",
                                   "-o", str(out)])
    assert missing.exit_code == 2
    assert missing.stderr.splitlines() == [
        'two_account_sheets.xlsx: there is no sheet "Instagram" (its sheets are "Twitter", "Facebook") '
        "(name one of those sheets)",
        "socialmap: 1 problem in the input; no map was written.",
    ]
    too_big = runner.invoke(main, ["build", str(DATA / "nodexl_twitter.xlsx"), "--max-size", "0.005",
                                   "-o", str(out)])
    assert too_big.exit_code == 2
    assert too_big.stderr.splitlines()[0] == (
        "nodexl_twitter.xlsx: the file is 8 KB, larger than the limit of 5 KB "
        "(split it into smaller files, or raise the limit with --max-size)"
    )


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix in (".csv", ".txt", ".xlsx")))
def test_every_file_in_tests_data_gives_a_map_or_lines_naming_the_file_and_exit_2(name, tmp_path):
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["build", str(DATA / name), "-o", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        return
    *problems, summary = result.stderr.splitlines()
    assert problems and all(line.startswith(name) for line in problems)
    assert summary == f"socialmap: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the input; " \
                      "no map was written."
    assert not out.exists()


def test_files_given_the_wrong_way_round_are_named():
    with pytest.raises(SocialMapError) as caught:
        load_tables(DATA / "gephi_edges.csv", DATA / "gephi_nodes.csv")
    assert str(caught.value) == (
        "gephi_edges.csv: this looks like the relationships (it has source and target columns), and gephi_nodes.csv "
        "like the accounts (give the accounts file first, then the relationships)"
    )


@pytest.mark.parametrize(("files", "shape"), [
    (("nodexl_twitter.xlsx",), "nodexl"), (("nodexl_edges_only.xlsx",), "nodexl"), (("kumu_export.xlsx",), "kumu"),
    (("gephi_edges.csv",), "links"), (("gephi_nodes.csv", "gephi_edges.csv"), "accounts"),
    (("council_workbook.xlsx",), "accounts"),
])
def test_the_shape_of_the_input_is_recognised(files, shape):
    assert read_inputs(*(DATA / name for name in files)).shape == shape


def test_sheet_options_must_name_a_sheet():
    with pytest.raises(ValueError, match="sheet must name a sheet, not ''"):
        MapOptions(sheet="")
    with pytest.raises(ValueError, match="relationships_sheet must name a sheet, not 3"):
        MapOptions(relationships_sheet=3)


@pytest.mark.parametrize("name", ["follower_list.csv", "mention_export.csv"])
def test_follower_lists_and_mention_exports_need_no_renamed_headings(name):
    """Follower/Followed and Author/Mentioned (with a date) are read as the two ends of each link."""
    tables = load_tables(SAMPLE_ACCOUNTS, DATA / name)
    links = tables.relationships
    assert len(links) == 2 and not [issue for issue in tables.issues if issue.is_error]
    assert set(links["source"]) | set(links["target"]) <= {
        "derbycityhallnews", "oakwood-befrienders", "derbycitybeat", "derby-city-hall-news"}
    if name == "follower_list.csv":
        assert set(links["type"]) == {"follows"}
    else:
        assert sorted(links["date"].dt.strftime("%Y-%m-%d")) == ["2026-11-20", "2026-11-24"]


def test_relationship_columns_say_which_heading_holds_each_end():
    """What the app's column step passes on: without it the file names no source or target."""
    with pytest.raises(SocialMapError, match="no source column"):
        load_tables(SAMPLE_ACCOUNTS, DATA / "odd_relationships.csv")
    tables = load_tables(SAMPLE_ACCOUNTS, DATA / "odd_relationships.csv",
                         options=MapOptions(relationship_columns=(("source", "Who"), ("target", "Whom"))))
    assert len(tables.relationships) == 4
    assert sorted(tables.relationships["type"]) == ["follows", "follows", "mentions", "partner"]
