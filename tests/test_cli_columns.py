"""--column and --link-column on build, compare and trend (issue 14, item 4)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from socialmap import MapOptions, load_tables
from socialmap.cli import main
from socialmap.inputs.columns import ColumnMap
from tests.conftest import DATA, SAMPLE_ACCOUNTS

ODD_LINKS = DATA / "odd_relationships.csv"
NO_ID = DATA / "no_id_column.csv"
SNAPSHOTS = sorted((DATA / "trend").glob("accounts-*.csv"))


def _run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_build_reads_the_columns_named_on_the_command_line(tmp_path):
    out = tmp_path / "map.html"
    refused = _run("build", SAMPLE_ACCOUNTS, ODD_LINKS, "-o", out)
    assert refused.exit_code == 2 and "no source column" in refused.stderr
    result = _run("build", NO_ID, ODD_LINKS, "-o", out, "--column", "id=name",
                  "--link-column", "source=Who", "--link-column", "target=Whom")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "Columns of no_id_column.csv (one row per account): id <- name, platform, followers",
        "Columns of odd_relationships.csv (one row per link): source <- Who, target <- Whom, type <- Kind",
    ]


def test_field_with_nothing_after_it_says_the_file_has_no_such_column(tmp_path):
    out = tmp_path / "map.html"
    result = _run("build", SAMPLE_ACCOUNTS, "-o", out, "--column", "followers=", "--column", "description=")
    assert result.exit_code == 0, result.output
    # no follower counts at all: reach is unknown, never 0 (issue 15.1)
    assert "  Potential reach: unknown: the file has no follower counts (223 accounts)." in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == (
        "Columns of accounts.csv (one row per account): id, name, platform, area, category, posts_per_week, url; "
        "other columns, shown as written: followers, description")


def test_a_bad_field_or_a_missing_heading_stops_with_a_line_saying_so(tmp_path):
    out = tmp_path / "map.html"
    bad_field = _run("build", SAMPLE_ACCOUNTS, "-o", out, "--column", "handle=id")
    assert bad_field.exit_code == 2
    assert 'column handle: there is no field "handle" (fields: id, name, platform' in bad_field.stderr
    no_equals = _run("build", SAMPLE_ACCOUNTS, "-o", out, "--link-column", "source")
    assert no_equals.exit_code == 2 and '"source" must be FIELD=HEADING' in no_equals.stderr
    missing = _run("build", SAMPLE_ACCOUNTS, "-o", out, "--column", "name=Display Name")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[0].startswith(
        'accounts.csv: --column name=Display Name: there is no column "Display Name" (columns found: "id", "name"')
    assert not out.exists()


def test_compare_and_trend_take_the_same_flags(tmp_path):
    tiny = DATA / "change"
    compared = _run("compare", tiny / "old_accounts.csv", tiny / "new_accounts.csv", "-o", tmp_path / "change.html",
                    "--column", "followers=")
    assert compared.exit_code == 0, compared.output
    assert compared.stdout.splitlines()[-1] == (
        "Columns of old_accounts.csv and new_accounts.csv (one row per account): "
        "id, name, platform, area, category, posts_per_week; other columns, shown as written: followers")
    trended = _run("trend", *SNAPSHOTS, "-o", tmp_path / "trend.html", "--column", "area=")
    assert trended.exit_code == 0, trended.output
    assert "area" not in trended.stdout.splitlines()[-1].split(";")[0]
    assert trended.stdout.splitlines()[-1].endswith("other columns, shown as written: area")
    bad = _run("trend", *SNAPSHOTS, "-o", tmp_path / "trend.html", "--link-column", "sauce=x")
    assert bad.exit_code == 2 and 'there is no field "sauce"' in bad.stderr


def test_one_mapping_type_serves_the_cli_the_app_and_map_options():
    columns = ColumnMap.parse(["id=Twitter handle", "followers="])
    assert dict(columns) == {"id": "Twitter handle", "followers": ""}
    assert MapOptions(account_columns=columns) == MapOptions(
        account_columns=(("id", "Twitter handle"), ("followers", "")))
    with pytest.raises(ValueError, match='account_columns folowers: there is no field "folowers"'):
        MapOptions(account_columns=(("folowers", "Followers"),))
    with pytest.raises(ValueError, match="more than once"):
        ColumnMap.parse(["id=a", "id=b"])
    tables = load_tables(NO_ID, options=MapOptions(account_columns=ColumnMap.parse(["id=name"])))
    assert list(tables.accounts["id"])[:1] == ["Derby City Council"]


def test_the_columns_lines_of_gephi_tables_name_what_each_heading_is_and_what_is_not_used():
    tables = load_tables(DATA / "gephi_nodes.csv", DATA / "gephi_edges.csv")
    assert [c.line() for c in tables.columns] == [
        "Columns of gephi_nodes.csv (one row per account): id <- Id, name <- Label; "
        "other columns, shown as written: timeset, modularity_class",
        "Columns of gephi_edges.csv (one row per link): source <- Source, target <- Target, type <- Label, "
        "weight <- Weight, direction <- Type; not used: Id, timeset",
    ]
