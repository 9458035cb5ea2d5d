"""Outputs a Windows user opens safely: CSV with a BOM, .xlsx with typed cells, a CLI that never
crashes on a cp1252 console (issue 14, item 7)."""

import io
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from socialmap.cli import main
from socialmap.export import escape_formula, table_csv, table_xlsx
from tests.conftest import ROOT, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS

SNAPSHOTS = ROOT / "socialmap" / "sample" / "snapshots"


@pytest.mark.parametrize(("text", "written"), [
    ("@KBCollege", "@KBCollege"),  # a plain handle cannot run: no apostrophe in every handle cell
    ("@derby.libraries_2", "@derby.libraries_2"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),  # Lotus-style call: escaped
    ("@AB12", "'@AB12"),  # would show cell AB12
    ("@ bad", "'@ bad"),
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+44 1332", "'+44 1332"), ("-minus", "'-minus"), ("\tTab", "'\tTab"),
    ("Café", "Café"),
])
def test_formula_escape_spares_plain_handles_only(text, written):
    assert escape_formula(text) == written


def test_csv_starts_with_a_bom_so_excel_reads_utf8():
    text = table_csv(pd.DataFrame({"name": ["Café Sinfin"], "followers": [830]}))
    assert text.startswith("\ufeffname,followers\r\n")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfname")


def test_xlsx_cells_are_typed_and_no_text_is_a_formula(tmp_path):
    table = pd.DataFrame({"id": ["@KBCollege", "=1+1"], "followers": pd.array([1200, None], dtype="Int64"),
                          "pagerank": [0.25, float("nan")], "bridge": [True, False]})
    path = tmp_path / "t.xlsx"
    path.write_bytes(table_xlsx(table))
    sheet = openpyxl.load_workbook(path).active
    rows = [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [("id", "s"), ("followers", "s"), ("pagerank", "s"), ("bridge", "s")]
    assert rows[1] == [("@KBCollege", "s"), (1200, "n"), (0.25, "n"), (True, "b")]
    assert rows[2] == [("=1+1", "s"), (None, "n"), (None, "n"), (False, "b")]  # text, not a formula


def test_every_table_output_is_a_workbook_when_its_name_ends_in_xlsx(tmp_path):
    runner = CliRunner()
    metrics, reach = tmp_path / "figures.xlsx", tmp_path / "reach.xlsx"
    built = runner.invoke(main, ["build", str(SAMPLE_ACCOUNTS), str(SAMPLE_RELATIONSHIPS), "-o", str(tmp_path / "m.html"),
                                 "--metrics", str(metrics), "--reach", str(reach)])
    assert built.exit_code == 0, built.output
    figures = list(openpyxl.load_workbook(metrics).active.values)
    header = figures[0]
    assert len(figures) == 1 + 223 and header[:3] == ("id", "name", "platform")
    followers = header.index("followers")
    assert all(isinstance(row[followers], int) for row in figures[1:] if row[followers] is not None)
    assert sum(row[followers] or 0 for row in figures[1:]) == 1_669_629
    assert any(isinstance(row[0], str) and row[0].startswith("@") for row in figures[1:])  # handles as written
    by = list(openpyxl.load_workbook(reach).active.values)
    assert {row[0] for row in by[1:]} == {"community", "area", "platform", "category", "gap"}  # gaps: issue 20

    trend = tmp_path / "trend.xlsx"
    trended = runner.invoke(main, ["trend", *map(str, sorted(SNAPSHOTS.glob("accounts-*.csv"))),
                                   "-o", str(tmp_path / "t.html"), "--report", str(trend)])
    assert trended.exit_code == 0, trended.output
    assert len(list(openpyxl.load_workbook(trend).active.values)) == 1 + 144

    report = tmp_path / "change.xlsx"
    compared = runner.invoke(main, ["compare", str(SNAPSHOTS / "accounts-2026-08.csv"),
                                    str(SNAPSHOTS / "accounts-2026-11.csv"), "-o", str(tmp_path / "c.html"),
                                    "--report", str(report)])
    assert compared.exit_code == 0, compared.output
    assert (tmp_path / "change-by-group.xlsx").exists()
    status = list(openpyxl.load_workbook(report).active.values)
    assert len(status) > 200 and "status" in status[0]


def _cp1252(*args, cwd):
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "socialmap", *map(str, args)], capture_output=True, cwd=cwd,
                          env=environment, timeout=300)


def test_build_compare_and_trend_print_on_a_cp1252_console(tmp_path, write_csv):
    """Issue 14: compare crashed with UnicodeEncodeError printing the arrow; every character now prints."""
    accounts = write_csv("café.csv", "id,name,area\n@CafeSinfin,Café Sinfin → Derby,Sinfin\n@b,Bee,Sinfin\n")
    links = write_csv("links.csv", "source,target\n@b,@CafeSinfin\n@b,@Łódź→x\n")
    built = _cp1252("build", accounts, links, "-o", tmp_path / "m.html", cwd=tmp_path)
    assert built.returncode == 0, built.stderr.decode("cp1252")
    # the placeholder warning names the handle as near as cp1252 can: ó kept, ź as z, → as ->, Ł as ?
    assert 'account "@?ódz->x" is not in café.csv' in built.stderr.decode("cp1252")
    compared = _cp1252("compare", SNAPSHOTS / "accounts-2026-08.csv", SNAPSHOTS / "accounts-2026-11.csv",
                       "-o", tmp_path / "c.html", cwd=tmp_path)
    assert compared.returncode == 0, compared.stderr.decode("cp1252")
    assert compared.stdout.decode("cp1252").splitlines()[0].endswith(" 2026-08 -> 2026-11: +24 accounts, -5 removed, "
                                                                     "potential reach +8.1% (like for like +7.1%), "
                                                                     "weekly opportunities to view +6.4% (like for "
                                                                     "like +5.2%)")
    trended = _cp1252("trend", *sorted(SNAPSHOTS.glob("accounts-*.csv")), "-o", tmp_path / "t.html", cwd=tmp_path)
    assert trended.returncode == 0, trended.stderr.decode("cp1252")
    assert b"Traceback" not in built.stderr + compared.stderr + trended.stderr


def test_the_same_table_gives_the_same_workbook_bytes_a_second_later():
    """Same input, same output: openpyxl stamped the saving time into the workbook and every zip entry."""
    import time

    table = pd.DataFrame({"name": ["Derby City Council", "=cmd"], "followers": [1200, 5]})
    first = table_xlsx(table)
    time.sleep(1.1)
    assert table_xlsx(table) == first
    assert openpyxl.load_workbook(io.BytesIO(first)).active["A3"].value == "=cmd"
