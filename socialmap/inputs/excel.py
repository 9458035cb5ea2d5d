"""Read every sheet of an .xlsx workbook as a grid of text.

Formula cells give the value Excel saved with them (openpyxl ``data_only``);
a formula saved without a value (a workbook written by a program and never
opened in Excel) reads as blank, with a warning naming the cell. What
openpyxl itself warns about (a data validation or conditional formatting
extension it skips) becomes a note on the sheet, not a Python warning with
a path into site-packages.

A sheet is read as Excel shows it, not as its tags say: the declared size
(``<dimension ref=...>``) is ignored, since a stale one hides rows (openpyxl's
read-only reader stops at it) and a huge one would make every row 16,384
cells wide. Rows are streamed and kept without their blank ends, so memory
follows the cells really there; a sheet with more cells than the limit
allows is refused as soon as it is seen to be (see :func:`cell_limit`).

Nor are the sizes the zip archive declares trusted: every part is read to
the real end of its data, and the bytes unpacked are counted as they are
read, so a workbook that unpacks to more than ten times the size limit, or
whose shared text (the strings its cells point to) passes the size limit
or holds more strings than the cell limit, is refused the moment it does,
whatever its directory says.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, replace

import pandas as pd

from ..errors import SocialMapError
from .files import size_text

__all__ = ["Grid", "read_xlsx", "column_letter", "cell_text", "cell_limit", "too_many_cells"]

BYTES_PER_CELL = 20  # the size limit allows one cell per 20 bytes: 10 million cells at the default 200 MB
UNPACKED_RATIO = 10  # a workbook may unpack to ten times the size limit (its XML says each cell at length)
_CHUNK = 1 << 20
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")  # the start of one shared string, <si> or <x:si>

_UNSAVED_FORMULA = re.compile(
    rb'<c r="(?P<column>[A-Z]+)(?P<row>\d+)"(?P<attributes>[^>]*)>\s*'
    rb"<f\b(?:[^>]*/>|[^>]*>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
)


@dataclass(frozen=True)
class Grid:
    """One sheet: its name and cells as text (row 0 = spreadsheet row 1).

    ``unsaved`` lists the (spreadsheet row, column position) of formula cells
    saved without a value, which read as blank; ``notes``, what the Excel
    reader warned about while reading the sheet.
    """

    name: str
    cells: pd.DataFrame
    unsaved: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()


def column_letter(position: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell's value as the user sees it: 1234.0 -> "1234", 0.1 + 0.2 -> "0.3", a date -> "2024-03-01"."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"  # as Excel shows it: 15 significant digits, no 0.30000000000000004
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def cell_limit(max_bytes: int) -> int:
    """How many cells (rows x columns of a sheet's used area) a file may hold under the size limit."""
    return max(int(max_bytes) // BYTES_PER_CELL, 1_000)


def too_many_cells(file: str, rows: int, columns: int, max_bytes: int) -> SocialMapError:
    """The one-line refusal of a sheet larger than :func:`cell_limit` allows."""
    return SocialMapError(
        file, None, None,
        f"the sheet reaches row {rows:,} and column {column_letter(columns - 1)} ({columns:,} columns): more than the "
        f"{cell_limit(max_bytes):,} cells socialmap reads under the {max_bytes / 2**20:,.0f} MB size limit",
        "delete the rows and columns outside the table, such as a stray cell far below or to the right of it, "
        "or raise the limit with --max-size",
    )


def read_xlsx(data: bytes, file: str, *, max_bytes: int) -> list[Grid]:
    """Every sheet of the workbook, in workbook order."""
    _check_unpacked_size(data, file, max_bytes)
    unpacked = _Unpacked(file, max_bytes)
    try:
        with warnings.catch_warnings(record=True) as opening:
            warnings.simplefilter("always")
            book = _open_workbook(data, unpacked)
    except (SocialMapError, MemoryError):
        raise
    except Exception as error:  # openpyxl raises many types for a broken workbook
        raise unpacked.refused or _damaged(file, str(error)) from None
    try:
        with _CountedArchive(data, unpacked) as archive:
            grids = [_grid(sheet, archive, file, max_bytes) for sheet in book.worksheets]
        if unpacked.refused is not None:  # a part openpyxl reads quietly passed a limit, and it went on
            raise unpacked.refused
        if opening and grids:
            grids[0] = replace(grids[0], notes=(*_notes(opening), *grids[0].notes))
        return grids
    except SocialMapError:
        raise
    except MemoryError:
        raise  # not a damaged workbook: read_sheets says the file needs more memory than is free
    except Exception as error:
        raise unpacked.refused or _damaged(file, str(error)) from None
    finally:
        book.close()


class _Unpacked:
    """The bytes unpacked from one workbook so far; the first limit they pass, kept to be raised again."""

    def __init__(self, file: str, max_bytes: int) -> None:
        self.file, self.max_bytes = file, max_bytes
        self.total = self.text = self.texts = 0
        self.refused: SocialMapError | None = None

    def count(self, data: bytes, part: str) -> None:
        """Add what was just unpacked from ``part``; SocialMapError once a limit is passed."""
        if self.refused is None:
            self.total += len(data)
            if part.rsplit("/", 1)[-1].lower().startswith("sharedstrings"):
                self.text += len(data)
                self.texts += len(_SHARED_STRING.findall(data))
            self.refused = self._refusal()
        if self.refused is not None:
            raise self.refused

    def _refusal(self) -> SocialMapError | None:
        limit, hint = size_text(self.max_bytes), "save the sheet as CSV, or raise the limit with --max-size"
        if self.total > UNPACKED_RATIO * self.max_bytes:
            return SocialMapError(self.file, None, None, f"the workbook unpacks to more than "
                                  f"{size_text(UNPACKED_RATIO * self.max_bytes)}, ten times the {limit} size limit", hint)
        if self.text > self.max_bytes:
            return SocialMapError(self.file, None, None, f"the workbook's shared text unpacks to more than the {limit} "
                                  "size limit", hint)
        if self.texts > cell_limit(self.max_bytes):
            return SocialMapError(self.file, None, None, f"the workbook holds more than {cell_limit(self.max_bytes):,} "
                                  f"shared texts, the most cells socialmap reads under the {limit} size limit", hint)
        return None


class _CountedPart:
    """One part of the workbook as it is unpacked, every byte counted before it is handed on."""

    def __init__(self, stream, part: str, unpacked: _Unpacked) -> None:
        self._stream, self._part, self._unpacked = stream, part, unpacked
        self.name = part

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        data = self._stream.read(size)
        self._unpacked.count(data, self._part)
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(_CHUNK if size is None or size < 0 else size)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _CountedPart:
        return self

    def __exit__(self, *_) -> None:
        self.close()


class _CountedArchive(zipfile.ZipFile):
    """The workbook's zip archive, each part read to the real end of its data and counted.

    zipfile stops a part at the size the archive's directory declares; the
    declared sizes are raised past every limit, so that the count, not the
    declaration, is what stops a part (and a part that under-declares its size
    is read whole, as Excel reads it).
    """

    def __init__(self, data: bytes, unpacked: _Unpacked) -> None:
        super().__init__(io.BytesIO(data))
        self._unpacked = unpacked
        for member in self.infolist():
            member.file_size = UNPACKED_RATIO * unpacked.max_bytes + 1

    def open(self, name, mode="r", pwd=None, **kwargs):
        part = super().open(name, mode, pwd, **kwargs)
        return _CountedPart(part, getattr(name, "filename", name), self._unpacked) if mode == "r" else part


def _open_workbook(data: bytes, unpacked: _Unpacked):
    """openpyxl's read-only workbook, reading every part through a :class:`_CountedArchive`."""
    from openpyxl.reader.excel import ExcelReader  # what openpyxl.load_workbook does, with the archive swapped

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.archive.close()
    reader.archive = _CountedArchive(data, unpacked)
    reader.read()
    return reader.wb


def _damaged(file: str, detail: str) -> SocialMapError:
    return SocialMapError(file, None, None, f"could not read the Excel workbook: {detail}",
                          "check that it opens in Excel, or save it as CSV")


def _check_unpacked_size(data: bytes, file: str, max_bytes: int) -> None:
    """Refuse a workbook that unpacks to far more than the size limit (a "zip bomb")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        # zipfile refuses a damaged archive in several ways ("zip file version 6.4" among them)
        raise _damaged(file, "it is damaged or not a workbook") from None
    if "xl/workbook.xml" not in names:
        raise SocialMapError(file, None, None, _not_a_workbook(names), "save it from Excel as .xlsx, or as CSV")
    if unpacked > UNPACKED_RATIO * max_bytes:
        raise SocialMapError(
            file, None, None, f"the workbook unpacks to {unpacked / 2**20:,.0f} MB, more than ten times the size limit",
            "save the sheet as CSV, or raise the limit",
        )


def _not_a_workbook(names: set[str]) -> str:
    if "word/document.xml" in names:
        return "this is a Word document, not a spreadsheet"
    if any(name.startswith("ppt/") for name in names):
        return "this is a PowerPoint file, not a spreadsheet"
    if "content.xml" in names:
        return "this is an OpenDocument file (.ods), which socialmap cannot read"
    return "this is a zip file, not an Excel workbook"


def _notes(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    """The Excel reader's warnings, each once, as text."""
    return tuple(dict.fromkeys(str(warning.message) for warning in caught))


def _grid(sheet, archive: zipfile.ZipFile, file: str, max_bytes: int) -> Grid:
    """The sheet's cells as text, read row by row whatever its declared size says."""
    limit = cell_limit(max_bytes)
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    kept: list[tuple[int, list[str]]] = []  # (row index, its cells up to the last one filled)
    height = width = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for index, values in enumerate(sheet.iter_rows(values_only=True)):
            texts = [cell_text(value) for value in values]
            while texts and not texts[-1].strip():
                texts.pop()
            if not texts:
                continue
            kept.append((index, texts))
            height, width = index + 1, max(width, len(texts))
            if height * width > limit:  # the used area, which holds every filled cell
                raise too_many_cells(file, height, width, max_bytes)
    rows = [[""] * width for _ in range(height)]
    for index, texts in kept:
        rows[index][:len(texts)] = texts
    cells = pd.DataFrame(rows, columns=range(width), dtype=object)
    path = getattr(sheet, "_worksheet_path", None)
    unsaved = _unsaved_formulas(archive.read(path)) if path in archive.namelist() else ()
    return Grid(sheet.title, cells, unsaved, _notes(caught))


def _column_position(letters: str) -> int:
    """"A" -> 0, "AA" -> 26."""
    position = 0
    for letter in letters:
        position = position * 26 + ord(letter) - 64
    return position - 1


def _unsaved_formulas(xml: bytes) -> tuple[tuple[int, int], ...]:
    """(row, column position) of formula cells with no saved value: openpyxl reads them as blank."""
    if b"<f" not in xml:
        return ()
    return tuple(
        (int(match["row"]), _column_position(match["column"].decode()))
        for match in _UNSAVED_FORMULA.finditer(xml)
        if b't="str"' not in match["attributes"]
    )
