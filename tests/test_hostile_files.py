"""Issue 16: broken and hostile files are read with nothing lost, or refused in one line with bounded memory.

Each nasty file is made in the test: workbooks whose tags lie about their size, CSVs with more rows or
columns than a spreadsheet holds, a UTF-8 file with a few bad bytes, titles and blank lines above a table.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest

from socialmap import InputFile, SocialMapError, build_map
from socialmap.inputs.sheets import MAX_COLUMNS, MAX_ROWS, read_sheets, read_table
from tests.conftest import ROOT
from tests.workbooks import xlsx

ACCOUNTS = [["id", "name", "followers"]] + [[f"acct{i}", f"Account {i}", i * 10] for i in range(50)]


def _with_sheet_xml(workbook: bytes, change) -> bytes:
    """The workbook with its first sheet's XML changed by ``change`` (as a careless exporter writes it)."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member.filename)
            archive.writestr(member, change(data) if member.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def _declaring(ref: str | None):
    """A change that makes the sheet declare ``ref`` as its size (None: no dimension tag at all)."""
    tag = b"" if ref is None else f'<dimension ref="{ref}"/>'.encode()
    return lambda xml: re.sub(rb'<dimension ref="[^"]*" ?/>', tag, xml)


@pytest.mark.parametrize("ref", ["A1:B10", "A1", "A1:A1", None, "A1:XFD1048576"])
def test_every_row_excel_shows_is_read_whatever_the_sheet_declares(ref):
    workbook = _with_sheet_xml(xlsx(ACCOUNTS), _declaring(ref))
    frame = read_table(InputFile("accounts.xlsx", workbook))
    assert len(frame) == 50 and list(frame.columns) == ["id", "name", "followers"]
    assert frame["id"].iloc[-1] == "acct49" and frame["followers"].iloc[-1] == "490"


def _far_cell(xml: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                                        b"</row></sheetData>")


def test_a_stray_cell_at_the_sheets_far_corner_is_refused_in_one_line_quickly_and_in_little_memory(tmp_path):
    path = tmp_path / "far.xlsx"
    path.write_bytes(_with_sheet_xml(xlsx(ACCOUNTS), _far_cell))
    assert path.stat().st_size < 10_000
    measured = ("import resource, sys\n"
                "from socialmap.cli import main\n"
                "try:\n"
                "    main([*sys.argv[1:3], '-o', sys.argv[3]])\n"
                "except SystemExit as stop:\n"
                "    print('status', stop.code, 'peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", measured, "build", str(path), str(tmp_path / "far.html")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    status, peak_kb = re.search(r"status (\d+) peak_kb (\d+)", done.stdout).groups()
    assert status == "2"
    assert done.stderr.splitlines()[0] == (
        "far.xlsx: the sheet reaches row 1,048,576 and column XFD (16,384 columns): more than the 10,485,760 cells "
        "socialmap reads under the 200 MB size limit (delete the rows and columns outside the table, such as a stray "
        "cell far below or to the right of it, or raise the limit with --max-size)")
    assert int(peak_kb) < 1_000_000, f"peak memory {int(peak_kb) / 1024:,.0f} MB"
    assert not (tmp_path / "far.html").exists()


def test_a_sheet_with_more_cells_than_the_limit_is_refused_as_it_is_read():
    rows = [["id", "name"]] + [[f"a{i}", f"name {i}"] for i in range(3_000)]
    with pytest.raises(SocialMapError, match=r"more than the 3,000 cells socialmap reads"):
        read_sheets(InputFile("big.xlsx", xlsx(rows)), max_bytes=60_000)


def test_a_csv_with_more_rows_than_a_spreadsheet_holds_is_refused_before_it_is_parsed():
    data = b"id\n" + b"a\n" * MAX_ROWS
    with pytest.raises(SocialMapError) as caught:
        read_sheets(InputFile("ids.csv", data))
    assert caught.value.message == "the file has 1,048,578 lines, more than the 1,048,576 rows a spreadsheet holds"


def test_a_csv_with_a_million_columns_is_refused_in_one_line():
    data = b",".join(b"c%d" % i for i in range(1_000_000)) + b"\n"
    with pytest.raises(SocialMapError) as caught:
        read_sheets(InputFile("wide.csv", data))
    assert str(caught.value).startswith("wide.csv row 1: a row has ")
    assert f"more than the {MAX_COLUMNS:,} columns a spreadsheet holds" in caught.value.message


def test_a_csv_with_more_cells_than_the_size_limit_allows_names_the_limit():
    data = b"id,name,area\n" + b"a,b,c\n" * 2_000
    with pytest.raises(SocialMapError, match=r"more than the 1,000 cells socialmap reads under the 0 MB size limit"):
        read_sheets(InputFile("cells.csv", data), max_bytes=20_000)


def test_a_few_bad_bytes_leave_a_utf8_file_utf8_and_its_accented_ids_matching():
    accounts = ["id,name,followers"] + [f"café{i},Café {i},{i}" for i in range(1_000)]
    links = ["source,target"] + [f"café{i},café{i + 1}" for i in range(999)]
    data = "\n".join(accounts).encode() + b"\n"
    bad = data.replace("Café 700,".encode(), b"Caf\xff\xfe\xfd 700,")
    result = build_map(InputFile("accounts.csv", bad), InputFile("relationships.csv", "\n".join(links).encode()))
    assert result.graph.number_of_nodes() == 1_000  # no placeholders: every accented id still matches
    assert result.graph.nodes["café700"]["name"] == "Caf\ufffd\ufffd\ufffd 700"
    assert result.graph.nodes["café5"]["name"] == "Café 5"
    (warning,) = [str(issue) for issue in result.issues if "\ufffd" in str(issue)]
    assert warning == ("accounts.csv row 702: 3 characters could not be read as UTF-8 and show as \ufffd "
                       "(retype those characters, or save the file as CSV UTF-8)")


def test_a_windows_1252_file_is_still_read_as_windows_1252():
    data = "id,name\ncafe1,Café Nero\ncafe2,£5 Club\n".encode("cp1252")
    frame = read_table(InputFile("accounts.csv", data))
    assert frame["name"].tolist() == ["Café Nero", "£5 Club"]


@pytest.mark.parametrize(("above", "header_row"), [
    ("\n", 2),
    ("Our social media accounts, November 2026\n", 2),
    ("Our accounts\n\nUpdated by the comms team\n", 4),
    ("Derby, Derbyshire: accounts\n", 2),  # a title with a separator in it, not padded to the table's width
])
def test_titles_and_blank_lines_above_the_table_are_read_as_excel_reads_them(above, header_row):
    data = (above + "id,name,followers\nderbycc,Derby City Council,1200\nbadrow,Bad,lots\n").encode()
    sheet, = read_sheets(InputFile("accounts.csv", data))
    assert sheet.header_row == header_row
    assert sheet.frame["id"].tolist() == ["derbycc", "badrow"]
    with pytest.raises(SocialMapError) as caught:
        build_map(InputFile("accounts.csv", data))
    assert caught.value.issues[0].row == header_row + 2 and caught.value.issues[0].column == "followers"


def test_a_row_wider_than_the_headings_is_still_an_error_naming_its_row():
    data = b"Title\nid,name\na,Alpha\nb,Beta,extra\n"
    with pytest.raises(SocialMapError) as caught:
        read_table(InputFile("ragged.csv", data))
    assert str(caught.value) == (
        "ragged.csv row 4: has 3 cells but the header has 2 (put quotes around any value that contains the separator)")
