"""Sheets: a CSV or XLSX file read into tables of text, whatever its encoding.

Every cell comes back as text ("" when empty) so that validation can report
the value exactly as the user typed it. A table's headings are its first
row that names a known column (title rows and blank rows above them are
skipped); row ``i`` of a table is spreadsheet row ``header_row + 1 + i``:
blank rows are kept so the numbering never drifts, and blank rows at the
end are dropped. Anything that is not a spreadsheet (an image, a PDF, a
Word document...) is refused with a message saying what it is (see decode.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ..errors import WARNING, Issue, SocialMapError
from .files import DEFAULT_MAX_BYTES, NamedTable, Source, read_bytes, source_name
from .decode import decode, refuse_non_spreadsheets
from .excel import cell_limit, cell_text, column_letter, read_xlsx, too_many_cells
from .schema import KNOWN_HEADINGS, is_known_heading, normalise_heading

__all__ = ["Sheet", "read_sheets", "read_table", "pick_sheet", "MAX_CELL_CHARS", "MAX_ROWS", "MAX_COLUMNS"]

MAX_CELL_CHARS = 10_000
MAX_ROWS = 1_048_576  # as many rows as an Excel sheet holds
MAX_COLUMNS = 16_384  # as many columns as an Excel sheet holds
_HEADER_SEARCH_ROWS = 20
_SNIFF_CHARS = 65_536
_DELIMITERS = ",;\t|"
_XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Sheet:
    """One table of a file: cells as text under their headings, and what reading it found.

    ``file`` is the name used in messages (``network.xlsx (sheet Edges)``
    when the workbook has more than one sheet in use); ``name`` is the sheet's
    name, None for a CSV file or a DataFrame.
    """

    frame: pd.DataFrame
    file: str
    name: str | None = None
    header_row: int = 1
    issues: tuple[Issue, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return len(self.frame.columns) == 0


def read_sheets(source: Source, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Sheet]:
    """Every table in the file: one for a CSV file or a DataFrame, one per sheet of a workbook."""
    file_name = name or source_name(source)
    if isinstance(source, NamedTable | pd.DataFrame):
        return [_frame_sheet(source.frame if isinstance(source, NamedTable) else source, file_name)]
    data = read_bytes(source, file_name, max_bytes)
    try:
        return _sheets_of(data, file_name, max_bytes)
    except MemoryError:
        raise SocialMapError(file_name, None, None, "the file needs more memory to read than this machine has free",
                             "split it into smaller files") from None


def _sheets_of(data: bytes, file_name: str, max_bytes: int) -> list[Sheet]:
    refuse_non_spreadsheets(data, file_name)
    if data.startswith(_XLSX_MAGIC):
        grids = read_xlsx(data, file_name, max_bytes=max_bytes)
        in_use = sum(1 for grid in grids if (grid.cells != "").any().any())
        shown = [f"{file_name} (sheet {grid.name})" if in_use > 1 else file_name for grid in grids]
        return [_table(grid.cells, file, grid.name, unsaved=grid.unsaved, issues=_reader_notes(grid.notes, file))
                for grid, file in zip(grids, shown)]
    text, issues = decode(data, file_name)
    return [_table(_read_csv(text, file_name, max_bytes), file_name, None, issues=issues)]


def _reader_notes(notes: tuple[str, ...], file: str) -> tuple[Issue, ...]:
    """What openpyxl warned about in a sheet, as warnings of ours (not Python warnings with its paths)."""
    return tuple(Issue(file, None, None, f"the Excel reader noted: {note}", "the cell values are read as Excel saved "
                       "them", WARNING) for note in notes)


def read_table(
    source: Source, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, sheet: str | None = None
) -> pd.DataFrame:
    """The file's first table (or its sheet named ``sheet``) as strings, headings as column names."""
    file_name = name or source_name(source)
    return pick_sheet(read_sheets(source, name=file_name, max_bytes=max_bytes), sheet, file_name).frame


def pick_sheet(sheets: list[Sheet], wanted: str | None, file: str) -> Sheet:
    """The sheet named ``wanted`` (case and surrounding spaces ignored), or the first one."""
    if wanted is None:
        return sheets[0]
    if sheets[0].name is None:
        raise SocialMapError(
            file, None, None, f'a sheet ("{wanted}") was named, but a CSV file has no sheets',
            "leave out the sheet name, or give the .xlsx workbook",
        )
    for candidate in (lambda s: s.name == wanted, lambda s: s.name.strip().casefold() == wanted.strip().casefold()):
        found = [sheet for sheet in sheets if candidate(sheet)]
        if found:
            return found[0]
    names = ", ".join(f'"{sheet.name}"' for sheet in sheets)
    raise SocialMapError(file, None, None, f'there is no sheet "{wanted}" (its sheets are {names})',
                         "name one of those sheets")


def _sniff_delimiter(text: str) -> str:
    """The separator that reads the first lines as the most rows of one width (two cells or more), quotes
    respected; Python's sniffer breaks ties, then the order of ``_DELIMITERS``.

    The sniffer alone reads quote marks beside a separator as a sign of it, so a quoted cell such as
    ``"Mon-Fri; ""late night""; Sat"`` in a short comma-separated file made it pick the semicolon, and the file
    was read as one column (tests/data/quoted_words_and_semicolons.csv).
    """
    sample = "\n".join(text[:_SNIFF_CHARS].splitlines()[:50])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        header = text[:_SNIFF_CHARS].split("\n", 1)[0]
        counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
        best = max(counts, key=counts.get)
        sniffed = best if counts[best] else ","
    steady = {delimiter: _rows_of_one_width(sample, delimiter) for delimiter in _DELIMITERS}
    return max(_DELIMITERS, key=lambda delimiter: (steady[delimiter], delimiter == sniffed))


def _rows_of_one_width(sample: str, delimiter: str) -> int:
    """How many of the sample's rows have its most common width, when that width is two cells or more."""
    widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in row)]
    return max(Counter(width for width in widths if width >= 2).values(), default=0)


def _table_start(counts: list[int]) -> int:
    """Index of the first line of the table proper, given the cell counts of the first lines.

    Lines above it (a title, a note, blank lines) have fewer cells than the headings; the headings
    are the first line that a line of the same shape (two or more cells) follows.
    """
    shaped = next((i for i in range(len(counts) - 1) if counts[i] >= 2 and counts[i] == counts[i + 1]), 0)
    return next(i for i in range(shaped + 1) if counts[i] >= counts[shaped])


def _widest_line(text: str, delimiter: str, lines: int = 50) -> int:
    """The most cells in any of the first lines, read whole (a line may be far longer than the sniffed sample)."""
    widest, start = 1, 0
    for _ in range(lines):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if text.count(delimiter, start, end) + 1 > max(widest, MAX_COLUMNS):
            widest = max(widest, len(next(csv.reader([text[start:end].replace("\r", "")], delimiter=delimiter))))
        if end == len(text):
            break
        start = end + 1
    return widest


def _checked_size(text: str, width: int, file_name: str, max_bytes: int) -> None:
    """Refuse, before parsing, a file with more rows, columns or cells than the limits (memory follows cells)."""
    lines = text.count("\n") + 1
    if width > MAX_COLUMNS:
        raise SocialMapError(file_name, 1, None, f"a row has {width:,} cells, more than the {MAX_COLUMNS:,} "
                             "columns a spreadsheet holds", "check the separator, or save the sheet again from Excel")
    if lines > MAX_ROWS:
        raise SocialMapError(file_name, None, None, f"the file has {lines:,} lines, more than the {MAX_ROWS:,} rows a "
                             "spreadsheet holds", "split it into smaller files")
    if lines * width > cell_limit(max_bytes):
        raise too_many_cells(file_name, lines, width, max_bytes)


def _read_csv(text: str, file_name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    """The file as a grid of text: row 0 is spreadsheet row 1.

    Lines above the table with fewer cells than its headings (a title not padded with separators,
    blank lines) are read as Excel reads them, padded with blank cells, instead of being taken for
    the table's width; within the table a row with more cells than the headings is an error.
    """
    delimiter = _sniff_delimiter(text)
    first_lines = text[:_SNIFF_CHARS].split("\n")[:50]
    first_rows = [next(csv.reader([line.replace("\r", "")], delimiter=delimiter), []) for line in first_lines]
    counts = [len(cells) if any(cell.strip() for cell in cells) else 0 for cells in first_rows]
    start = _table_start(counts) if counts else 0
    _checked_size(text, max(max(counts, default=1), _widest_line(text, delimiter)), file_name, max_bytes)
    above = first_rows[:start]  # whole lines: the table's first line comes after them in the sample
    offset = sum(len(line) + 1 for line in first_lines[:start])
    try:
        grid = pd.read_csv(
            io.StringIO(text[offset:]), sep=delimiter, header=None, dtype=object,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
        )
    except pd.errors.EmptyDataError:
        raise SocialMapError(file_name, None, None, "the file is empty",
                             "save the sheet with a header row and one row per account") from None
    except (pd.errors.ParserError, csv.Error, ValueError, OverflowError) as error:
        raise _csv_problem(str(error), file_name, start) from None
    if grid.isna().to_numpy().any():
        grid = grid.fillna("")
    grid.columns = range(grid.shape[1])
    if above:
        padded = [(cells + [""] * grid.shape[1])[:grid.shape[1]] for cells in above]
        grid = pd.concat([pd.DataFrame(padded, dtype=object), grid], ignore_index=True)
    return grid


def _csv_problem(message: str, file_name: str, lines_above: int = 0) -> SocialMapError:
    """pandas' parser message, said in spreadsheet terms (its lines counted from the table's first line)."""
    cells = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if cells:
        expected, line, seen = map(int, cells.groups())
        line += lines_above
        return SocialMapError(
            file_name, line, None, f"has {seen} cells but the header has {expected}",
            "put quotes around any value that contains the separator",
        )
    quote = re.search(r"EOF inside string starting at row (\d+)", message)
    if quote or "EOF inside string" in message:
        return SocialMapError(
            file_name, int(quote.group(1)) + 1 + lines_above if quote else None, None,
            'a quote mark (") opens a value that never ends',
            'close the quote, or write a quote inside a value as two quotes ("")',
        )
    return SocialMapError(file_name, None, None, f"could not read the file as CSV: {message}")


def _frame_sheet(frame: pd.DataFrame, file_name: str) -> Sheet:
    """A DataFrame handed over directly: its columns are the headings."""
    headings = pd.DataFrame([[cell_text(column) for column in frame.columns]], dtype=object)
    body = pd.DataFrame(
        {position: _texts(frame.iloc[:, position].tolist()) for position in range(frame.shape[1])},
        index=range(len(frame)), dtype=object,
    )
    return _table(pd.concat([headings, body], ignore_index=True), file_name, None, header_index=0)


def _texts(values: list) -> list[str]:
    if all(type(value) is str for value in values):
        return values
    return [cell_text(value) for value in values]


def _find_header(cells: pd.DataFrame) -> int | None:
    """Index of the heading row: the first non-blank row, unless it names no known column
    and a later row (within 20) names two or more (title rows above a table, NodeXL).

    The first row counts only the exact names and aliases of columns, so that a title
    ("Our social media accounts") is not taken for headings; a later row counts any
    heading read by its words too ("TotalFollowers", "Twitter handle").
    """
    first = None
    for index in range(min(len(cells), _HEADER_SEARCH_ROWS)):
        texts = [value.strip() for value in cells.iloc[index].tolist() if value.strip()]
        if not texts:
            continue
        known = sum((normalise_heading(text) in KNOWN_HEADINGS) if first is None else is_known_heading(text)
                    for text in texts)
        if first is None:
            first = index
            if known:
                return index
        elif known >= 2:
            return index
    return first


def _table(
    cells: pd.DataFrame, file: str, name: str | None, *, issues: tuple[Issue, ...] = (),
    unsaved: tuple[tuple[int, int], ...] = (), header_index: int | None = None,
) -> Sheet:
    """Headings, body and warnings of one grid of text."""
    if header_index is None:
        header_index = _find_header(cells)
    if header_index is None:
        return Sheet(pd.DataFrame(index=range(0)), file, name, 1, issues)
    header_row = header_index + 1
    body = cells.iloc[header_index + 1:]
    end = len(body)
    while end and not any(value.strip() for value in body.iloc[end - 1].tolist()):
        end -= 1
    body = body.iloc[:end]
    found = list(issues)
    kept, headings, seen = [], [], {}
    for position, heading in enumerate(cells.iloc[header_index].tolist()):
        heading = heading.strip()
        if not heading:
            if any(value.strip() for value in body.iloc[:, position].tolist()):
                found.append(Issue(file, header_row, None, f"column {column_letter(position)} has values but no heading;"
                                   " they are not read", "give the column a heading", WARNING))
            continue
        count = seen[heading] = seen.get(heading, 0) + 1
        if count > 1:
            found.append(Issue(file, header_row, heading, f"the heading appears {count} times; column "
                               f'{column_letter(position)} is read as "{heading} ({count})"',
                               "give each column its own heading", WARNING))
            heading = f"{heading} ({count})"
        kept.append(position)
        headings.append(heading)
    frame = body.iloc[:, kept].reset_index(drop=True)
    frame.columns = headings
    frame, cut = _cut_long_cells(frame, file, header_row)
    found.extend(cut)
    found.extend(_unsaved_issues(unsaved, dict(zip(kept, headings)), file, header_row, name))
    return Sheet(frame, file, name, header_row, tuple(found))


def _cut_long_cells(frame: pd.DataFrame, file: str, header_row: int) -> tuple[pd.DataFrame, list[Issue]]:
    """Cells longer than MAX_CELL_CHARS are cut to that length, each with a warning."""
    issues = []
    for heading in frame.columns:
        values = frame[heading].tolist()
        if max(map(len, values), default=0) <= MAX_CELL_CHARS:
            continue
        for index, value in enumerate(values):
            if len(value) > MAX_CELL_CHARS:
                values[index] = value[:MAX_CELL_CHARS]
                issues.append(Issue(
                    file, header_row + 1 + index, heading,
                    f"the cell has {len(value):,} characters; only the first {MAX_CELL_CHARS:,} are read",
                    severity=WARNING,
                ))
        frame[heading] = pd.Series(values, dtype=object)
    return frame, issues


def _unsaved_issues(
    unsaved: tuple[tuple[int, int], ...], headings: dict[int, str], file: str, header_row: int, sheet: str | None
) -> list[Issue]:
    """One warning per column whose formulas have no saved value (they read as blank)."""
    by_column: dict[int, list[int]] = {}
    for row, position in unsaved:
        if row > header_row and position in headings:
            by_column.setdefault(position, []).append(row)
    issues = []
    for position, rows in sorted(by_column.items()):
        more = f" (and {len(rows) - 1} more below)" if len(rows) > 1 else ""
        issues.append(Issue(
            file, min(rows), headings[position],
            f"the formula in this cell{more} has no saved value, so it reads as blank",
            "open the workbook in Excel and save it, so the values are stored with the formulas", WARNING,
        ))
    return issues
