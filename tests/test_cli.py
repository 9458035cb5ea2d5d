"""What a user sees from `socialmap build`: files, summary lines, messages, exit status (issue 4)."""

import csv
import io

from click.testing import CliRunner

from socialmap.cli import main
from socialmap.metrics import METRICS_COLUMNS
from tests.conftest import DATA, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS


def _run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_build_sample_writes_map_and_metrics(tmp_path):
    out, metrics = tmp_path / "map.html", tmp_path / "metrics.csv"
    result = _run("build", SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, "-o", out, "--metrics", metrics, "--title", "Derby")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{out}: 223 accounts, 1,137 relationships (")
    assert lines[0].endswith(" communities, 0 warnings")
    assert lines[1:5] == [
        "  Potential reach: 1,669,629 followers across 223 accounts (a sum of followers: an upper bound on reach, "
        "the unique people, not reach; audiences overlap).",
        "  Weekly opportunities to view: 25,270,490 (followers x posts a week: possible impressions, not people; "
        "35 accounts with no posting rate counted at one post a week).",
        "  Likely impressions a week (an estimate): 1,516,229 (opportunities to view x a visibility factor of 2% to "
        "6% by platform and account size: socialmap's defaults: Facebook pages' organic reach per post, 6%, and 2% "
        "from 500,000 likes (Social@Ogilvy, Facebook Zero, 2014), assumed for other platforms too).",
        "  17 accounts have no follower count and add nothing to any of these figures.",
    ]
    assert lines[5].startswith("  Shape: Community clusters: 12 groups of accounts, each linked more within than to "
                               "the rest; the largest are ")  # issue 20: the shape, then the gaps
    assert [line.endswith(" to both.") for line in lines[6:8]] == [True, True] and lines[6].startswith("  Gap: ")
    assert lines[8] == f"{metrics}: 223 rows of figures, one per account"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    rows = list(csv.DictReader(io.StringIO(metrics.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 223
    assert tuple(rows[0])[:10] == ("id", "name", "platform", "area", "category", "followers",
                                   "community", "community_id", "degree", "pagerank")
    assert tuple(rows[0]) == METRICS_COLUMNS


def test_bad_file_exits_2_with_one_line_per_problem_and_no_traceback(tmp_path):
    out = tmp_path / "map.html"
    result = _run("build", DATA / "bad_followers.csv", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        'bad_followers.csv row 3, column followers: "lots" is not a number',
        'bad_followers.csv row 4, column followers: "-5" is negative; a follower count cannot be below zero',
        'bad_followers.csv row 5, column posts_per_week: "often" is not a number',
        'bad_followers.csv row 6, column lat: "95" is above the largest allowed value, 90',
        "socialmap: 4 problems in the input; no map was written.",
    ]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_warnings_are_summarised_and_strict_turns_them_into_errors(tmp_path):
    out = tmp_path / "map.html"
    args = ("build", DATA / "aliased_accounts.csv", DATA / "aliased_relationships.csv", "-o", out)
    relaxed = _run(*args)
    assert relaxed.exit_code == 0
    assert relaxed.stderr.splitlines() == [
        "1 warning (use --strict to stop on them):",
        '  aliased_relationships.csv row 6, column To: account "@NotInTheFile" is not in aliased_accounts.csv; '
        'added as a placeholder (ids there look like "@DerbyCC", "derby-police")',
    ]
    assert relaxed.stdout.startswith(f"{out}: 5 accounts (+1 placeholder), 5 relationships (4 links),")
    assert "  1 account has no follower count and adds nothing to any of these figures." in relaxed.stdout.splitlines()
    out.unlink()
    strict = _run(*args, "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.splitlines()[-1] == "socialmap: 1 problem in the input; no map was written."
    assert not out.exists()


def test_missing_file_and_empty_file(tmp_path):
    missing = _run("build", tmp_path / "nope.csv", "-o", tmp_path / "m.html")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("nope.csv: no such file")
    empty = _run("build", DATA / "empty.csv", "-o", tmp_path / "m.html")
    assert empty.exit_code == 2
    assert empty.stderr.splitlines()[0] == (
        "empty.csv: the file is empty (save the sheet with a header row and one row per account)"
    )


def test_metrics_cells_are_escaped_against_formulas(write_csv, tmp_path):
    accounts = write_csv("a.csv", "id,name,category\n@handle,=HYPERLINK(\"http://evil\"),+1\nplain,-minus,ok\n"
                                  "@AB12,\"@SUM(1+1)*cmd|' /C calc'!A0\",@ok\n")
    metrics = tmp_path / "m.csv"
    assert _run("build", accounts, "-o", tmp_path / "m.html", "--metrics", metrics).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(metrics.read_text(encoding="utf-8-sig"))))
    assert sorted((r["id"], r["name"], r["category"]) for r in rows) == [
        ("'@AB12", "'@SUM(1+1)*cmd|' /C calc'!A0", "@ok"),  # a cell reference and a call are escaped
        ("@handle", "'=HYPERLINK(\"http://evil\")", "'+1"),  # issue 14: a plain handle is not a formula
        ("plain", "'-minus", "ok"),
    ]


def test_bad_option_values_are_refused_by_click(tmp_path):
    result = _run("build", SAMPLE_ACCOUNTS, "--seed", "-1", "-o", tmp_path / "m.html")
    assert result.exit_code == 2
    assert "Invalid value for '--seed'" in result.stderr


def test_reach_tables_csv_covers_every_grouping(tmp_path):
    reach = tmp_path / "reach.csv"
    result = _run("build", SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, "-o", tmp_path / "m.html", "--reach", reach)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(reach.read_text(encoding="utf-8-sig"))))
    assert {row["by"] for row in rows} == {"community", "area", "platform", "category", "gap"}  # gaps: issue 20
    for grouping in ("community", "area", "platform", "category"):
        assert sum(int(r["accounts"]) for r in rows if r["by"] == grouping) == 223
        assert sum(int(r["potential_reach"]) for r in rows if r["by"] == grouping) == 1_669_629


def test_layout_options_and_filters_from_the_command_line(tmp_path):
    out = tmp_path / "m.html"
    result = _run("build", SAMPLE_ACCOUNTS, "--layout", "mindmap", "--branch", "category", "--colour-by", "platform",
                  "--area", "Sinfin", "--area", "Spondon", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{out}: ")
    assert " of 223 accounts" in result.stdout.splitlines()[0]
    bad = _run("build", SAMPLE_ACCOUNTS, "--layout", "spiral", "-o", out)
    assert bad.exit_code == 2 and "Invalid value for '--layout'" in bad.stderr


def test_many_alike_warnings_are_one_line_and_verbose_names_every_row(write_csv, tmp_path):
    """Issue 14, item 6: one line with the count and the first rows; --verbose lists every row."""
    rows = "\n".join(f"acc{i},acc{i}" for i in range(2, 14))
    links = write_csv("links.csv", "source,target\nacc0,acc1\n" + rows + "\n")
    result = _run("build", links, "-o", tmp_path / "m.html")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "12 warnings (use --strict to stop on them):",
        "  links.csv, column target: 12 rows link an account to itself and were skipped: "
        "rows 3, 4, 5, 6, 7, 8, 9, 10 ... (4 more)",
    ]
    assert ", 12 warnings" in result.stdout.splitlines()[0]
    verbose = _run("build", links, "-o", tmp_path / "m.html", "--verbose")
    lines = verbose.stderr.splitlines()
    assert len(lines) == 1 + 12 and lines[-1] == '  links.csv row 14, column target: "acc13" links to itself; row skipped'


def test_one_warning_is_said_as_one(write_csv, tmp_path):
    links = write_csv("links.csv", "source,target\nacc0,acc1\nacc2,acc2\n")
    result = _run("build", links, "-o", tmp_path / "m.html", "--reach", tmp_path / "r.csv")
    assert result.stderr.splitlines()[0] == "1 warning (use --strict to stop on them):"
    # two linked accounts are no community (fewer than three: grouped as Other), as the app says (issue 15.9)
    assert result.stdout.splitlines()[0].endswith(": 2 accounts, 1 relationship (1 link), 0 communities, 1 warning")
    one = write_csv("one.csv", "id,followers\n@only,5\n")
    alone = _run("build", one, "-o", tmp_path / "one.html", "--metrics", tmp_path / "one.csv")
    assert ": 1 account, 0 relationships (0 links), " in alone.stdout.splitlines()[0]
    assert alone.stdout.splitlines()[0].endswith(", 0 warnings")
    assert "  Potential reach: 5 followers across 1 account (a sum" in alone.stdout
    assert f"{tmp_path / 'one.csv'}: 1 row of figures, one per account" in alone.stdout.splitlines()


def test_bad_date_exits_2_with_one_readable_line(tmp_path):
    """Issue 10: a date that cannot be read names file, row and column; no map is written."""
    out = tmp_path / "map.html"
    result = _run("build", DATA / "dated_accounts.csv", DATA / "bad_dates.csv", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        'bad_dates.csv row 2, column date: "yesterday" is not a date '
        "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)",
        'bad_dates.csv row 3, column date: "31/02/2026" is not a real date (day 31 of month 2) '
        "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)",
        "socialmap: 2 problems in the input; no map was written.",
    ]
    assert not out.exists() and "Traceback" not in result.output


def test_build_from_to_limits_dated_relationships(tmp_path):
    out = tmp_path / "map.html"
    result = _run("build", DATA / "dated_accounts.csv", DATA / "dated_relationships.csv", "-o", out,
                  "--from", "2026-11-01", "--to", "30/11/2026")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{out}: 3 accounts, 4 relationships (")
    assert lines[-3:] == [
        "  Dated relationships (such as mentions) from 2026-11-01 to 2026-11-30 only; "
        "undated ones (such as follows) all kept.",
        "Columns of dated_accounts.csv (one row per account): id, name, platform, area, followers",
        "Columns of dated_relationships.csv (one row per link): source, target, type, weight, date",
    ]


def test_build_refuses_a_bad_or_backwards_date_range(tmp_path):
    result = _run("build", DATA / "dated_accounts.csv", "--from", "2026-11-30", "--to", "2026-11-01")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --from (2026-11-30) must not be after --to (2026-11-01)"
    result = _run("build", DATA / "dated_accounts.csv", "--from", "31/11/2026")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for '--from': \"31/11/2026\" is not a real date "
                                              "(day 31 of month 11) (write dates as 2026-11-24 (ISO) or day first, "
                                              "24/11/2026)")


def test_compare_writes_the_change_map_and_three_reports(tmp_path):
    """Issue 10: socialmap compare on the hand-made snapshots."""
    change = tmp_path / "change.html"
    report = tmp_path / "change.csv"
    tiny = DATA / "change"
    result = _run("compare", tiny / "old_accounts.csv", tiny / "new_accounts.csv",
                  "--old-relationships", tiny / "old_relationships.csv",
                  "--new-relationships", tiny / "new_relationships.csv", "-o", change, "--report", report,
                  "--mentions-of", "@council", "--old-label", "October", "--new-label", "November")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{change}: October \u2192 November: +1 account, \u22121 removed, potential reach +6.9% "
                        "(like for like +5.6%), weekly opportunities to view +8.3% (like for like +7.9%)")
    assert "  Mentions of COUNCIL in October: 2 by 2 accounts: blog (1); police (1)" in lines
    assert "  Mentions of COUNCIL in November: 3 by 2 accounts: @newbie (2); police (1)" in lines
    assert lines[-5:] == [
        f"{report}: 6 rows, one per account",
        f"{tmp_path / 'change-by-group.csv'}: 14 rows: overall, then by area, platform, category and community",
        f"{tmp_path / 'change-mentions.csv'}: 2 rows, one per account and period",
        "Columns of old_accounts.csv and new_accounts.csv (one row per account): "
        "id, name, platform, area, category, followers, posts_per_week",
        "Columns of old_relationships.csv and new_relationships.csv (one row per link): "
        "source, target, type, weight, date",
    ]
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert sorted((row["id"], row["status"], row["followers_change"]) for row in rows) == [
        ("@gone", "removed", "-100"), ("@newbie", "added", "300"),  # plain handles: not escaped (issue 14)
        ("COUNCIL", "kept", "100"), ("blog", "kept", ""), ("police", "kept", "-100"), ("steady", "kept", "0")]
    assert rows[-1]["status"] == "removed"  # removed accounts come last
    assert change.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_compare_bad_date_exits_2_with_one_readable_line(tmp_path):
    result = _run("compare", DATA / "dated_accounts.csv", DATA / "dated_accounts.csv",
                  "--new-relationships", DATA / "bad_dates.csv", "-o", tmp_path / "change.html")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == ('bad_dates.csv row 2, column date: "yesterday" is not a date '
                                             "(write dates as 2026-11-24 (ISO) or day first, 24/11/2026)")
    assert result.stderr.splitlines()[-1] == "socialmap: 2 problems in the input; no map was written."
    assert not (tmp_path / "change.html").exists()


def test_overview_above_opens_a_smaller_map_on_its_communities(tmp_path):
    import json
    import re

    def payload(path):
        found = re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', path.read_text("utf-8"), re.S)
        return json.loads(found.group(1))

    whole, overview = tmp_path / "whole.html", tmp_path / "overview.html"
    for path, extra in ((whole, []), (overview, ["--overview-above", "100"])):
        result = CliRunner().invoke(main, ["build", str(SAMPLE_ACCOUNTS), str(SAMPLE_RELATIONSHIPS), "-o", str(path),
                                           *extra])
        assert result.exit_code == 0, result.output
    assert payload(whole).get("overview") is None, "223 accounts are drawn as accounts by default"
    communities = payload(overview)["overview"]
    assert communities and len(communities["community"]) >= 5
    bad = CliRunner().invoke(main, ["build", str(SAMPLE_ACCOUNTS), "--overview-above", "-1", "-o", str(whole)])
    assert bad.exit_code == 2 and "-1" in bad.output


def test_compare_lays_out_like_build_by_default(tmp_path):
    """Issue 15: compare's --layout defaulted to force while build's is auto (a box per colour for a plain list)."""
    tiny = DATA / "change"
    pages = {}
    for name, layout in (("default", ()), ("auto", ("--layout", "auto")), ("force", ("--layout", "force"))):
        out = tmp_path / f"{name}.html"
        result = _run("compare", tiny / "old_accounts.csv", tiny / "new_accounts.csv", "-o", out, *layout)
        assert result.exit_code == 0, result.output
        pages[name] = out.read_text(encoding="utf-8")
    assert pages["default"] == pages["auto"] != pages["force"]


def test_strict_stops_on_the_layouts_warning_too(tmp_path):
    """Issue 15: "3 areas have no place" was said, and the map written, even with --strict."""
    out = tmp_path / "map.html"
    args = ("build", SAMPLE_ACCOUNTS, "--layout", "geo", "-o", out)
    relaxed = _run(*args)
    assert relaxed.exit_code == 0 and "27 areas have no place: add lat/lon columns or --areas" in relaxed.stderr
    out.unlink()
    strict = _run(*args, "--strict")
    assert strict.exit_code == 2
    assert any("27 areas have no place" in line and line.startswith("accounts.csv")
               for line in strict.stderr.splitlines()), strict.stderr
    assert not out.exists()
