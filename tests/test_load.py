"""Reading files people actually have: encodings, delimiters, Excel (issue 4)."""


import pandas as pd
import pytest

from socialmap.errors import SocialMapError
from socialmap.load import InputFile, read_table
from tests.conftest import DATA


def test_windows_1252_semicolons_keep_pound_dash_and_quotes():
    table = read_table(DATA / "windows_1252_semicolon.csv")
    assert list(table.columns) == ["id", "name", "followers"]
    assert table.loc[0, "id"] == "@café"
    assert table.loc[0, "name"] == "Café – £ ’quoted’"
    assert table.loc[0, "followers"] == "1,234"


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
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
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
    with pytest.raises(SocialMapError, match="larger than the limit of 1 MB"):
        read_table(InputFile("big.csv", b"id\n" + b"a\n" * 600_000), max_bytes=1024 * 1024)


def test_missing_file():
    with pytest.raises(SocialMapError, match="no such file"):
        read_table("does-not-exist.csv")


def test_dataframe_input_becomes_text():
    table = read_table(pd.DataFrame({"id": ["a", None], "followers": [1.0, float("nan")]}))
    assert table.to_dict("list") == {"id": ["a", ""], "followers": ["1", ""]}
