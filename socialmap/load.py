"""Read a CSV or XLSX file into a table of strings, whatever its encoding.

Every cell comes back as text ("" when empty) so that validation can report
the value exactly as the user typed it. Row ``i`` of the returned frame is
spreadsheet row ``i + 2`` (the header is row 1): blank lines are kept so the
numbering never drifts.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import SocialMapError

__all__ = ["InputFile", "Source", "read_table", "source_name", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_DELIMITERS = ",;\t|"
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls


@dataclass(frozen=True)
class InputFile:
    """A file's name and bytes, as an upload hands them over."""

    name: str
    data: bytes


Source = str | Path | InputFile | pd.DataFrame


def source_name(source: Source, default: str = "table") -> str:
    """The file name used in messages: ``accounts.csv``, not a full path."""
    if isinstance(source, InputFile):
        return Path(source.name).name or default
    if isinstance(source, str | Path):
        return Path(source).name
    return default


def read_table(source: Source, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    """Return the file's first table as strings, header as column names."""
    file_name = name or source_name(source)
    if isinstance(source, pd.DataFrame):
        return _as_text(source)
    data = _read_bytes(source, file_name, max_bytes)
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise SocialMapError(file_name, None, None, "the file is empty", "save the sheet with a header row and one row per account")
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data, file_name)
    if data.startswith(_OLE_MAGIC):
        raise SocialMapError(
            file_name, None, None, "this is an old Excel .xls file, which socialmap cannot read",
            "open it in Excel and save it as .xlsx or CSV",
        )
    return _read_csv(_decode(data, file_name), file_name)


def _read_bytes(source: str | Path | InputFile, file_name: str, max_bytes: int) -> bytes:
    if isinstance(source, InputFile):
        data = source.data
    else:
        path = Path(source)
        if not path.is_file():
            raise SocialMapError(file_name, None, None, f"no such file: {path}")
        if path.stat().st_size > max_bytes:
            data = b"x" * (max_bytes + 1)
        else:
            data = path.read_bytes()
    if len(data) > max_bytes:
        raise SocialMapError(
            file_name, None, None, f"the file is larger than the limit of {max_bytes // (1024 * 1024)} MB",
            "split it, or raise the limit",
        )
    return data


def _decode(data: bytes, file_name: str) -> str:
    """Decode by BOM, then strict UTF-8, then the best detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise SocialMapError(
            file_name, None, None, "this does not look like a CSV or Excel file (it contains binary data)",
            "export the sheet as CSV (UTF-8) or .xlsx",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))
    encoding = _preferred_encoding(candidates)
    return data.decode(encoding, errors="replace")


def _preferred_encoding(candidates: list) -> str:
    """The detected encoding; among equally likely ones, Excel's UK default (cp1252).

    Short files are ambiguous: "£" is 0xA3 in both cp1252 and cp1250, and a
    detector may pick either. UK councils' files come from Excel on Windows.
    """
    if not candidates:
        return "cp1252"
    least = min(match.chaos for match in candidates)
    likely = [match.encoding for match in candidates if match.chaos <= least + 0.01]
    for preferred in ("cp1252", "latin_1", "iso8859_15"):
        if preferred in likely:
            return "cp1252"
    return candidates[0].encoding


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        header = text.split("\n", 1)[0]
        counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _read_csv(text: str, file_name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=_sniff_delimiter(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as error:
        raise _csv_problem(str(error), file_name) from None
    return _as_text(frame)


def _csv_problem(message: str, file_name: str) -> SocialMapError:
    """pandas' parser message, said in spreadsheet terms."""
    cells = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if cells:
        expected, line, seen = map(int, cells.groups())
        return SocialMapError(
            file_name, line, None, f"has {seen} cells but the header has {expected}",
            "put quotes around any value that contains the separator",
        )
    return SocialMapError(file_name, None, None, f"could not read the file as CSV: {message}")


def _read_xlsx(data: bytes, file_name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object, engine="openpyxl", header=0)
    except Exception as error:  # openpyxl raises many types for a broken workbook
        raise SocialMapError(
            file_name, None, None, f"could not read the Excel workbook: {error}",
            "check that it opens in Excel, or save it as CSV",
        ) from None
    return _as_text(frame)


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as a string ("" for missing), headings as strings."""
    text = pd.DataFrame(
        {str(column): [_cell_text(value) for value in frame[column]] for column in frame.columns},
        index=range(len(frame)),
        dtype=object,
    )
    return text
