"""Other tools' files as their users export them: NodeXL's top items and Tweet rows, Kumu's lists (issue 14, items 5-6).

The workbooks are written by tests/data/make_workbooks.py; every account in them is invented.
"""

import warnings

from click.testing import CliRunner

from socialmap import MapOptions, build_map
from socialmap.cli import main
from tests.conftest import DATA

NODEXL = DATA / "nodexl_top_items.xlsx"


def test_nodexl_top_items_are_not_shown_and_the_twitter_page_is_the_link():
    result = build_map(NODEXL)
    accounts = {node: data for node, data in result.graph.nodes(data=True)}
    assert set(accounts) == {"derbycouncil", "derbypolice", "sinfin_garden", "allestree_news"}
    for data in accounts.values():  # no "Top URLs in Tweet by Count" and the like in the hover text
        assert sorted(data["extra"]) == ["Followed", "Tweets"]  # and Location is the area (issue 14, item 3)
    assert accounts["derbycouncil"]["url"] == "https://www.example.org/derby"  # Web, where it is given
    assert accounts["derbypolice"]["url"] == "https://twitter.com/derbypolice"  # else NodeXL's Twitter page
    assert result.graph.number_of_edges() == 3


def test_openpyxls_own_warning_becomes_a_warning_of_ours():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl's UserWarning must not escape loading as a Python warning
        result = build_map(NODEXL)
    assert [issue.message for issue in result.issues if issue.row is None] == [
        "the Excel reader noted: Data Validation extension is not supported and will be removed"]


def test_nodexl_tweet_rows_and_the_excel_readers_note_are_two_lines_not_sixty_one(tmp_path):
    result = CliRunner().invoke(main, ["build", str(NODEXL), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "61 warnings (use --strict to stop on them):",
        "  nodexl_top_items.xlsx (sheet Vertices): the Excel reader noted: Data Validation extension is not "
        "supported and will be removed (the cell values are read as Excel saved them)",
        "  nodexl_top_items.xlsx (sheet Edges), column Vertex 2: 60 rows link an account to itself and were "
        "skipped: rows 3, 4, 5, 6, 7, 8, 9, 10 ... (52 more)",
    ]
    assert "site-packages" not in result.output
    # groups of fewer than three accounts are Other, not a community: 0, as the app says (issue 15.9)
    assert result.stdout.splitlines()[0].endswith(": 4 accounts, 3 relationships (3 links), 0 communities, 61 warnings")


KUMU = DATA / "kumu_lists.xlsx"


def test_kumu_fields_with_several_values_keep_each_and_colour_counts_each():
    result = build_map(KUMU, options=MapOptions(colour_by="Tags"))
    nodes = result.graph.nodes
    assert nodes["derby city council"]["extra"]["Tags"] == "public sector | comms | youth"
    assert nodes["sinfin community garden"]["extra"]["Tags"] == "green | volunteers"  # blank and repeat dropped
    assert nodes["sinfin community garden"]["category"] == "Community group | Charity"
    assert nodes["derby city council"]["description"] == "Runs the city | or so it says"  # a sentence stays whole
    colour = result.channels[0]
    assert [(entry["label"], entry["count"]) for entry in colour.legend] == [
        ("public sector", 3), ("volunteers", 3), ("youth", 2), ("comms", 1), ("green", 1), ("Not given", 1)]
    # an account with several values takes the colour of its commonest one
    assert colour.legend[colour.entry["sinfin community garden"]]["label"] == "volunteers"
    assert colour.legend[colour.entry["spondon youth club"]]["label"] == "volunteers"


def test_a_filter_by_a_kumu_list_matches_any_of_its_values():
    result = build_map(KUMU, options=MapOptions(only_categories=("Charity",), colour_by="category"))
    assert set(result.positions) == {"sinfin community garden", "sinfin foodbank"}
    assert result.reach.accounts == 2 and result.all_accounts == 6
    legend = {entry["label"]: entry["count"] for entry in result.channels[0].legend}
    assert legend == {"Charity": 2, "Community group": 1}


def test_a_tweet_export_of_thousands_of_rows_prints_at_most_a_screenful(write_csv, tmp_path):
    """Issue 14: 2,204 warnings (119 KB of stderr) for one tweet export; now a line per kind."""
    lines = ["Author,Mentioned,Tweet,Posted on"]
    for i in range(3000):
        author = f"@resident{i % 400}"
        if i % 7 == 0:  # a tweet that mentions nobody
            lines.append(f"{author},,Bins collected late again,2026-11-{1 + i % 28:02d}")
        elif i % 5 == 0:  # a reply to oneself
            lines.append(f"{author},{author},(thread continued),2026-11-{1 + i % 28:02d}")
        elif i % 97 == 0:
            lines.append(",,,")
        else:
            lines.append(f"{author},@DerbyCC,Thanks @DerbyCC,2026-11-{1 + i % 28:02d}")
    export = write_csv("tweets.csv", "\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["build", str(export), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    printed = result.stderr.splitlines()
    assert len(printed) <= 12 and len(result.stderr) < 2000, result.stderr
    assert printed[0].endswith(" warnings (use --strict to stop on them):")
    assert any(" rows link an account to itself and were skipped: rows " in line for line in printed)
    assert any(" rows have no target account and were skipped: rows " in line for line in printed)
    everything = CliRunner().invoke(main, ["build", str(export), "-o", str(tmp_path / "m.html"), "--verbose"])
    assert len(everything.stderr.splitlines()) == 1 + int(printed[0].split()[0].replace(",", ""))
