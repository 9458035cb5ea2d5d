"""What a user sees from `socialmap trend` (issue 10, item 4): files, summary lines, messages, exit status."""

import csv
import io

from click.testing import CliRunner

from socialmap.cli import main
from socialmap.trend import TREND_COLUMNS
from tests.conftest import DATA, ROOT

SAMPLE_SNAPSHOTS = sorted((ROOT / "socialmap" / "sample" / "snapshots").glob("accounts-2026-*.csv"))
HAND_MADE = sorted((DATA / "trend").glob("accounts-2026-*.csv"))


def _run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_trend_of_the_sample_writes_page_and_report(tmp_path):
    out, report = tmp_path / "trend.html", tmp_path / "trend.csv"
    result = _run("trend", *SAMPLE_SNAPSHOTS, "-o", out, "--report", report, "--title", "Derby")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{out}: 4 snapshots, Aug 2026 to Nov 2026",
        "  From Aug 2026 to Nov 2026: accounts 204 -> 223 (+19), potential reach +8.1%, weekly OTV +6.4%.",
        "  Potential reach is a sum of followers (an upper bound on reach, not reach) and weekly OTV a sum of "
        "followers x posts a week (possible impressions, not people).",
        f"{report}: 144 rows, one per snapshot and group (overall, area, platform)",
        "Columns of accounts-2026-08.csv and 3 more (one row per account): "
        "id, name, platform, area, category, followers, posts_per_week, url, description",
    ]
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Derby</title>" in page
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == TREND_COLUMNS
    assert len(rows) == 4 * (1 + 27 + 8)  # overall, 27 areas, 8 platforms
    november = rows[3]
    assert (november["date"], november["kind"], november["group"], november["accounts"],
            november["potential_reach"], november["weekly_otv"]) == (
        "2026-11", "overall", "All accounts", "223", "1669629", "25270490")
    assert november["accounts_change_from_first"] == "19" and november["potential_reach_pct_from_first"] == "8.1"


def test_snapshots_given_in_any_order_and_dated_by_option(tmp_path):
    out = tmp_path / "trend.html"
    result = _run("trend", HAND_MADE[2], HAND_MADE[0], "-o", out, "--dates", "31/03/2026, 2026-01-31")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"{out}: 2 snapshots, 31 Jan 2026 to 31 Mar 2026",
        "  From 31 Jan 2026 to 31 Mar 2026: accounts 3 -> 4 (+1), potential reach +70.7%, weekly OTV +73.2%.",
    ]


def test_report_cells_are_formula_escaped(tmp_path, write_csv):
    first = write_csv("accounts-2026-01.csv", "id,area,followers\n@a,=HYPERLINK(\"x\"),10\n")
    second = write_csv("accounts-2026-02.csv", "id,area,followers\n@a,=HYPERLINK(\"x\"),12\n")
    report = tmp_path / "trend.csv"
    result = _run("trend", first, second, "-o", tmp_path / "trend.html", "--report", report)
    assert result.exit_code == 0, result.output
    groups = [row["group"] for row in csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig")))]
    assert "'=HYPERLINK(\"x\")" in groups and "=HYPERLINK(\"x\")" not in groups


def test_undated_file_exits_2_with_one_readable_line(tmp_path):
    out = tmp_path / "trend.html"
    result = _run("trend", HAND_MADE[0], ROOT / "socialmap" / "sample" / "accounts.csv", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "accounts.csv: the file name has no date (name it like accounts-2026-10.csv or accounts-2026-10-31.csv, "
        "or give every file's date with --dates 2026-08-31,2026-09-30,...)",
        "socialmap: 1 problem in the input; no trend was written.",
    ]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_same_date_and_bad_dates_option(tmp_path):
    same = _run("trend", HAND_MADE[0], HAND_MADE[1], "--dates", "2026-01,01/01/2026", "-o", tmp_path / "t.html")
    assert same.exit_code == 2
    assert same.stderr.splitlines()[0] == (
        "accounts-2026-02.csv: same date as accounts-2026-01.csv (2026-01-01) "
        "(give each snapshot its own date: rename a file or use --dates)")
    bad = _run("trend", HAND_MADE[0], HAND_MADE[1], "--dates", "2026-01-31,31/02/2026", "-o", tmp_path / "t.html")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == (
        '--dates: "31/02/2026" is not a date (day is out of range for month) '
        "(write a date as 2026-10-31 or 31/10/2026 (day first), or a month as 2026-10)")


def test_bad_file_in_a_trend_is_named_with_its_row(tmp_path):
    result = _run("trend", HAND_MADE[0], DATA / "bad_followers.csv", "--dates", "2026-01,2026-02",
                  "-o", tmp_path / "t.html")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == 'bad_followers.csv row 3, column followers: "lots" is not a number'
    assert result.stderr.splitlines()[-1] == "socialmap: 4 problems in the input; no trend was written."


def test_output_must_be_html(tmp_path):
    result = _run("trend", *HAND_MADE, "-o", tmp_path / "trend.gexf")
    assert result.exit_code == 2
    assert "trend.gexf must end in .html" in result.stderr
