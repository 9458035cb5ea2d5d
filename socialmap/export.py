"""Tables as files a spreadsheet opens safely: CSV with a BOM, or .xlsx with typed cells.

CSV. Excel on UK Windows reads a CSV without a byte order mark as
Windows-1252 ("CafÃ©"), so every CSV starts with one. A text cell that
Excel would run as a formula gets a leading apostrophe, which Excel then
shows: text starting with ``=``, ``+``, ``-``, a tab or a carriage return,
and ``@`` followed by anything but a plain handle. The same holds for each
line inside a cell: a reader that breaks rows at a bare carriage return
(old Mac-style readers, some importers) would start a row with the text
after it, so ``Derby\r=cmd|...`` becomes ``Derby\r'=cmd|...``. Rows end in
CRLF (RFC 4180), so every cell holding a CR or LF is quoted. OWASP and CWE-1236 list
``@`` because Excel reads ``@SUM(...)`` as ``=SUM(...)`` (Lotus 1-2-3's
syntax); the attacks need a call, a DDE pipe or a reference (``(``, ``|``,
``!``) or an operator after it. ``@KBCollege`` has none: it cannot run
anything (at worst Excel looks it up as a name and shows ``#NAME?``), and
escaping it would show ``'@KBCollege`` in every handle cell. So a plain
handle is written as it is, unless it reads as a cell reference (``@AB12``
would show that cell's value). The .xlsx outputs have none of this.

XLSX. Each cell is typed: numbers as numbers, text as text (never a
formula, whatever it starts with), so nothing runs and no apostrophe shows.
The same table gives the same bytes: openpyxl stamps the workbook's
properties and every zip entry with the time of saving, so both are set to
the zip format's first date (1980-01-01), as reproducible builds do.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import pandas as pd

__all__ = ["escape_formula", "table_csv", "table_xlsx", "table_bytes", "is_xlsx"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_FORMULA_STARTS = ("=", "+", "-", "@", "\t")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_PLAIN_HANDLE = re.compile(r"@[A-Za-z0-9_.]+")
_CELL_REFERENCE = re.compile(r"@\$?[A-Za-z]{1,3}\$?[0-9]{1,7}")
BOM = "\ufeff"


def _escaped(text: str, starts: tuple[str, ...]) -> str:
    if text.startswith(starts) and not (_PLAIN_HANDLE.fullmatch(text) and not _CELL_REFERENCE.fullmatch(text)):
        return "'" + text
    return text


def escape_formula(value: object) -> object:
    """Text whose start, or the start of any line in it, a spreadsheet would run as a formula gets an apostrophe there.

    A plain ``@handle`` is left as it is.
    """
    if not isinstance(value, str):
        return value
    first, *rest = _LINE_BREAK.split(_escaped(value, _FORMULA_STARTS))
    # rest alternates break, line, break, line ...
    return first + "".join(piece if index % 2 == 0 else _escaped(piece, _LINE_FORMULA_STARTS)
                           for index, piece in enumerate(rest))


def table_csv(table: pd.DataFrame) -> str:
    """CSV text (a BOM, a header row, no index, CRLF rows) with every text cell escaped; write it as UTF-8."""
    escaped = table.copy()
    for column in escaped.columns:
        if escaped[column].dtype == object or pd.api.types.is_string_dtype(escaped[column]):
            escaped[column] = escaped[column].map(escape_formula)
    return BOM + escaped.to_csv(index=False, lineterminator="\r\n")


def _cell(value: object) -> object:
    """A value as openpyxl should store it: a number, a bool, text, or None for a blank."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item"):  # numpy and pandas scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int | float | bool):
        return value
    return str(value)


def table_xlsx(table: pd.DataFrame, *, sheet: str = "Table") -> bytes:
    """An .xlsx workbook of the table: a header row, then one typed cell per value (text is never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook()
    page = book.active
    page.title = sheet[:31]
    page.append([str(column) for column in table.columns])
    for row in table.itertuples(index=False, name=None):
        page.append([_cell(value) for value in row])
    for row in page.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # openpyxl would store "=..." as a formula otherwise
    page.freeze_panes = "A2"
    for position, column in enumerate(table.columns, start=1):
        widest = max([len(str(column)), *(len(str(v)) for v in table[column].head(200).tolist())], default=8)
        page.column_dimensions[page.cell(row=1, column=position).column_letter].width = min(60, widest + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_dates(buffer.getvalue())


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _without_dates(workbook: bytes) -> bytes:
    """The workbook with its saving time replaced by a fixed one, so that equal tables give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as saved, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fixed:
        for entry in saved.infolist():
            data = saved.read(entry)
            if entry.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            fixed.writestr(zipfile.ZipInfo(entry.filename, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def is_xlsx(path: str | Path) -> bool:
    """Whether an output's name asks for a workbook (``.xlsx``) rather than CSV."""
    return str(path).lower().endswith(".xlsx")


def table_bytes(table: pd.DataFrame, path: str | Path, *, sheet: str = "Table") -> bytes:
    """The table as the file ``path`` names: .xlsx for a workbook, else CSV (UTF-8 with a BOM)."""
    return table_xlsx(table, sheet=sheet) if is_xlsx(path) else table_csv(table).encode("utf-8")
