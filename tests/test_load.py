"""Reading files people actually have: encodings, delimiters, Excel, and files that are not spreadsheets (issues 4, 8)."""

import io
import zipfile

import pandas as pd
import pytest

from socialmap.errors import SocialMapError
from socialmap.inputs.sheets import MAX_CELL_CHARS, read_sheets, read_table
from socialmap.inputs.files import InputFile
from tests.conftest import DATA


def test_windows_1252_semicolons_keep_pound_dash_and_quotes():
    table = read_table(DATA / "windows_1252_semicolon.csv")
    assert list(table.columns) == ["id", "name", "followers"]
    assert table.loc[0, "id"] == "@café"
    assert table.loc[0, "name"] == "Café – £ ’quoted’"
    assert table.loc[0, "followers"] == "1,234"


def test_quoted_words_beside_semicolons_do_not_make_a_comma_file_semicolon_separated():
    """Python's sniffer took ``; ""late night"";`` inside a quoted cell for the separator: the file was read as
    one column and refused with "no id column". The separator is the one that reads rows of one width."""
    table = read_table(DATA / "quoted_words_and_semicolons.csv")
    assert list(table.columns) == ["Account Name", "Handle", "Platform", "Followers", "When staffed"]
    assert table.loc[0, "When staffed"] == 'Mon-Fri; "late night" Thursday; Sat 9-1'
    assert table.loc[1, "When staffed"] == 'Weekdays; "out of hours"; none'
    assert len(table) == 3


def test_utf16_tab_separated_keeps_emoji():
    table = read_table(DATA / "utf16_tab.txt")
    assert table.loc[0, "name"] == "Local 😀 group"


def test_utf8_bom_and_pipes():
    table = read_table(DATA / "utf8_bom_pipe.csv")
    assert list(table.columns) == ["id", "name", "followers"]
    assert table.loc[0, "name"] == "Café “quoted”"


def test_quoted_newlines_stay_in_one_cell_and_blank_lines_keep_row_numbers():
    data = b'id,description\na,"two\nlines"\n\nb,after a blank line\n'
    table = read_table(InputFile("a.csv", data))
    assert table.loc[0, "description"] == "two\nlines"
    assert table.loc[1].tolist() == ["", ""]  # spreadsheet row 3 is the blank one
    assert table.loc[2, "id"] == "b"


def test_xlsx_first_sheet_as_text(tmp_path):
    path = tmp_path / "accounts.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"Handle": ["@a", "@b"], "Followers": [1200, None], "Posts": [2.5, 3.0]}).to_excel(
            writer, sheet_name="Accounts", index=False
        )
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Other", index=False)
    table = read_table(path)
    assert table.to_dict("list") == {"Handle": ["@a", "@b"], "Followers": ["1200", ""], "Posts": ["2.5", "3"]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls"),
        (b"PK\x03\x04not really a workbook", "could not read the Excel workbook"),
    ],
)
def test_unreadable_files_say_why(data, message):
    with pytest.raises(SocialMapError, match=message) as caught:
        read_table(InputFile("upload.csv", data))
    assert caught.value.file == "upload.csv"


def test_ragged_row_names_the_row():
    with pytest.raises(SocialMapError) as caught:
        read_table(DATA / "ragged.csv")
    assert str(caught.value) == (
        "ragged.csv row 3: has 3 cells but the header has 2 (put quotes around any value that contains the separator)"
    )


def test_size_limit_is_in_the_message():
    with pytest.raises(SocialMapError) as caught:
        read_table(InputFile("big.csv", b"id\n" + b"a\n" * 600_000), max_bytes=1024 * 1024)
    assert str(caught.value) == (
        "big.csv: the file is 1.1 MB, larger than the limit of 1 MB "
        "(split it into smaller files, or raise the limit with --max-size)"
    )


def test_missing_file():
    with pytest.raises(SocialMapError, match="no such file"):
        read_table("does-not-exist.csv")


def test_dataframe_input_becomes_text():
    table = read_table(pd.DataFrame({"id": ["a", None, "c"], "followers": [1.0, float("nan"), 0.1 + 0.2]}))
    assert table.to_dict("list") == {"id": ["a", "", "c"], "followers": ["1", "", "0.3"]}


def _messages(sheet):
    return [str(issue) for issue in sheet.issues]


def test_title_rows_above_the_headings_and_blank_rows_below_the_table_are_not_data():
    (sheet,) = read_sheets(DATA / "title_and_trailing_rows.csv")
    assert sheet.header_row == 3
    assert sheet.frame.to_dict("list") == {
        "Handle": ["@DerbyCC", "@DerbyLibraries"], "Name": ["Derby City Council", "Derby Libraries"],
        "Platform": ["Twitter/X", "Facebook"], "Followers": ["61,200", "4.8K"],
    }
    assert sheet.issues == ()


def test_repeated_and_missing_headings_are_reported():
    (sheet,) = read_sheets(DATA / "duplicate_headings.csv")
    assert list(sheet.frame.columns) == ["id", "name", "name (2)", "followers"]
    assert _messages(sheet) == [
        'duplicate_headings.csv row 1, column name: the heading appears 2 times; column C is read as "name (2)" '
        "(give each column its own heading)",
        "duplicate_headings.csv row 1: column D has values but no heading; they are not read "
        "(give the column a heading)",
    ]


def test_a_quote_that_never_closes_names_its_row():
    with pytest.raises(SocialMapError) as caught:
        read_table(DATA / "unclosed_quote.csv")
    assert str(caught.value) == (
        'unclosed_quote.csv row 3: a quote mark (") opens a value that never ends '
        '(close the quote, or write a quote inside a value as two quotes (""))'
    )


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 3, 1, 9, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.csv", (DATA / "logo_renamed.csv").read_bytes(), "logo.csv: this is a PNG image, not a spreadsheet "
         "(export the accounts from Excel as CSV or .xlsx)"),
        ("photo.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "photo.csv: this is a JPEG image, not a spreadsheet "
         "(export the accounts from Excel as CSV or .xlsx)"),
        ("report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.csv: this is a PDF document, not a "
         "spreadsheet (export the accounts from Excel as CSV or .xlsx)"),
        ("graph.csv", (DATA / "gephi_graph_renamed.csv").read_bytes(), "graph.csv: this is an XML file (such as "
         "Gephi's GEXF or GraphML), which socialmap cannot read (in Gephi's Data Laboratory, export the nodes and "
         "the edges tables as CSV)"),
        ("page.csv", b"<!DOCTYPE html><html><body>accounts</body></html>", "page.csv: this is a web page (HTML), "
         "not a spreadsheet (export the accounts from Excel as CSV or .xlsx)"),
        ("map.csv", b'{"elements": [{"label": "A"}]}', "map.csv: this looks like a JSON file (such as a Kumu "
         "blueprint), which socialmap cannot read (in Kumu, export the map to Excel instead)"),
        ("notes.xlsx", _zip({"word/document.xml": "<w:document/>"}), "notes.xlsx: this is a Word document, not a "
         "spreadsheet (save it from Excel as .xlsx, or as CSV)"),
        ("calc.xlsx", _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
         "calc.xlsx: this is an OpenDocument file (.ods), which socialmap cannot read "
         "(save it from Excel as .xlsx, or as CSV)"),
        ("noise.csv", bytes(range(1, 256)) * 40, "noise.csv: this does not look like a CSV or Excel file "
         "(it contains binary data) (export the sheet as CSV (UTF-8) or .xlsx)"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 12 else "",
)
def test_files_that_are_not_spreadsheets_say_what_they_are(name, data, message):
    with pytest.raises(SocialMapError) as caught:
        read_sheets(InputFile(name, data))
    assert str(caught.value) == message


def test_a_workbook_that_unpacks_far_beyond_the_limit_is_refused():
    bomb = _zip({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": "0" * 1_000_000})
    with pytest.raises(SocialMapError) as caught:
        read_sheets(InputFile("bomb.xlsx", bomb), max_bytes=20_000)
    assert caught.value.message == "the workbook unpacks to 1 MB, more than ten times the size limit"


def test_undefined_windows_1252_byte_is_reported_not_guessed_away():
    (sheet,) = read_sheets(DATA / "cp1252_undefined_byte.csv")
    assert sheet.frame.loc[0, "name"] == "Café £ \ufffd"
    assert _messages(sheet) == [
        "cp1252_undefined_byte.csv row 2: 1 character could not be read as Windows-1252 and show as \ufffd "
        "(retype those characters, or save the file as CSV UTF-8)"
    ]


def test_utf16_without_byte_order_mark():
    table = read_table(DATA / "utf16_no_bom.txt")
    assert table.to_dict("list") == {"id": ["@emoji"], "name": ["Local 😀 group"]}


def test_a_multibyte_encoding_is_read_and_announced():
    (sheet,) = read_sheets(InputFile("tokyo.csv", "id,name\nabc,東京都庁の公式アカウントです\n".encode("shift_jis")))
    assert sheet.frame.loc[0, "name"] == "東京都庁の公式アカウントです"
    assert [issue.message for issue in sheet.issues] == ["the file is not UTF-8; it was read as cp932"]


def test_a_five_megabyte_cell_is_cut_with_a_warning():
    data = b"id,description\na," + b"x" * (5 * 1024 * 1024) + b"\nb,short\n"
    (sheet,) = read_sheets(InputFile("bios.csv", data))
    assert [len(value) for value in sheet.frame["description"]] == [MAX_CELL_CHARS, 5]
    assert _messages(sheet) == [
        "bios.csv row 2, column description: the cell has 5,242,880 characters; only the first 10,000 are read"
    ]


def test_workbook_formulas_give_saved_values_and_unsaved_ones_are_reported():
    table = read_table(DATA / "council_workbook.xlsx")
    assert table["Followers"].tolist() == ["61200", "4800", "830"]
    assert table["Date added"].tolist() == ["2024-03-04", "2024-03-05", "2024-03-06"]
    (sheet,) = read_sheets(DATA / "unsaved_formulas.xlsx")
    assert sheet.frame["followers"].tolist() == ["", "", "3000"]
    assert _messages(sheet) == [
        "unsaved_formulas.xlsx row 2, column followers: the formula in this cell (and 1 more below) has no saved "
        "value, so it reads as blank (open the workbook in Excel and save it, so the values are stored with the "
        "formulas)"
    ]


def test_every_sheet_of_a_workbook_with_headings_found_below_nodexl_group_row():
    sheets = read_sheets(DATA / "nodexl_twitter.xlsx")
    assert [sheet.name for sheet in sheets] == ["Edges", "Vertices", "Groups", "Group Vertices", "Overall Metrics"]
    assert [sheet.header_row for sheet in sheets[:2]] == [2, 2]
    assert sheets[0].file == "nodexl_twitter.xlsx (sheet Edges)"
    assert list(sheets[0].frame.columns[:2]) == ["Vertex 1", "Vertex 2"]
    assert read_table(DATA / "nodexl_twitter.xlsx", sheet="vertices")["Vertex"].tolist()[0] == "derbycouncil"


def _map_data(html):
    import json
    import re

    return json.loads(re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize(("name", "text"), [
    ("windows_1252_semicolon.csv", "Café – £ ’quoted’"),
    ("utf16_tab.txt", "Local 😀 group"),
    ("utf16_no_bom.txt", "Local 😀 group"),
    ("utf8_bom_pipe.csv", "Café “quoted”"),
])
def test_pound_quotes_accents_and_emoji_survive_into_the_map_and_the_figures(name, text):
    from socialmap import build_map

    result = build_map(DATA / name)
    assert _map_data(result.html)["nodes"]["label"] == [text]
    assert result.metrics["name"].tolist() == [text]


def test_workbook_needing_an_unknown_zip_version_is_a_clear_error():
    """Regression: hypothesis found a damaged workbook that made zipfile raise NotImplementedError."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    data[4] = 64  # "version needed to extract: 6.4", in the local header and the central directory
    data[data.find(b"PK\x01\x02") + 6] = 64
    with pytest.raises(SocialMapError, match="could not read the Excel workbook: it is damaged or not a workbook"):
        read_table(InputFile("damaged.xlsx", bytes(data)))
