"""From a file's bytes to its text: what kind of file it is, and which encoding.

Empty files, old .xls files and files that are not spreadsheets at all (an
image, a PDF, a web page, a GEXF graph...) are refused, each with a message
saying what it is. Text is decoded by its byte order mark, else as UTF-8,
else as Windows-1252 (Excel's CSV on UK Windows) unless a detector finds a
multi-byte encoding; every guess other than UTF-8, UTF-16 and Windows-1252
is announced, and bytes that cannot be read are counted, in warnings.

The choice is made for the file as a whole, not by its first bad byte: a
UTF-8 file with a few invalid bytes (a pasted name, a damaged row) stays
UTF-8, its bad bytes shown as � and their rows named, so that its
other accented ids still match the relationships file.
"""

from __future__ import annotations

import codecs
import re

from ..errors import WARNING, Issue, SocialMapError

__all__ = ["decode", "refuse_non_spreadsheets"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
_NOT_SPREADSHEETS = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"SQLite format 3", "an SQLite database"), (b"{\\rtf", "a Rich Text document"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refuse_non_spreadsheets(data: bytes, file_name: str) -> None:
    """Empty files and files that are not spreadsheets, each with its own message."""
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise SocialMapError(file_name, None, None, "the file is empty",
                             "save the sheet with a header row and one row per account")
    if data.startswith(_OLE_MAGIC):
        raise SocialMapError(
            file_name, None, None, "this is an old Excel .xls file (or another old Office file), which socialmap cannot read",
            "open it in Excel and save it as .xlsx or CSV",
        )
    what = next((kind for magic, kind in _NOT_SPREADSHEETS if data.startswith(magic)), None)
    if what is None and data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        what = "a WebP image"
    if what is not None:
        raise SocialMapError(file_name, None, None, f"this is {what}, not a spreadsheet",
                             "export the accounts from Excel as CSV or .xlsx")
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
    if start.startswith((b"<?xml", b"<gexf", b"<graphml")):
        raise SocialMapError(
            file_name, None, None, "this is an XML file (such as Gephi's GEXF or GraphML), which socialmap cannot read",
            "in Gephi's Data Laboratory, export the nodes and the edges tables as CSV",
        )
    if start.startswith((b"<!doctype html", b"<html")):
        raise SocialMapError(file_name, None, None, "this is a web page (HTML), not a spreadsheet",
                             "export the accounts from Excel as CSV or .xlsx")
    if start.startswith(b"{"):
        raise SocialMapError(
            file_name, None, None, "this looks like a JSON file (such as a Kumu blueprint), which socialmap cannot read",
            "in Kumu, export the map to Excel instead",
        )


def _binary(file_name: str) -> SocialMapError:
    return SocialMapError(
        file_name, None, None, "this does not look like a CSV or Excel file (it contains binary data)",
        "export the sheet as CSV (UTF-8) or .xlsx",
    )


def decode(data: bytes, file_name: str) -> tuple[str, tuple[Issue, ...]]:
    """Decode by BOM, then strict UTF-8, then the best detected encoding; warn about unreadable bytes."""
    if data.startswith(codecs.BOM_UTF8):
        body, codec, encoding = data[3:], "utf-8", "UTF-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body, codec, encoding = data, "utf-16", "UTF-16"
    elif b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise _binary(file_name)
        body, encoding = data, "UTF-16"
    else:
        try:
            return _checked(data.decode("utf-8"), file_name), ()
        except UnicodeDecodeError:
            body = data
            codec = "utf-8" if _mostly_utf8(data) else _detected_encoding(data)
            encoding = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(codec, codec)
    text = _checked(body.decode(codec, errors="replace"), file_name)
    issues = []
    if encoding not in ("UTF-8", "UTF-16", "Windows-1252"):
        issues.append(Issue(file_name, None, None, f"the file is not UTF-8; it was read as {encoding}",
                            "if letters look wrong, save the file as CSV UTF-8", WARNING))
    lost = text.count("\ufffd") and text.count("\ufffd") - body.decode(codec, errors="ignore").count("\ufffd")
    if lost:
        rows = _rows_holding(text, "\ufffd")
        shown = ", ".join(f"{row:,}" for row in rows[:5]) + (f" and {len(rows) - 5:,} more" if len(rows) > 5 else "")
        issues.append(Issue(
            file_name, rows[0], None,
            f"{lost:,} character{'s' if lost != 1 else ''} could not be read as {encoding} and show as \ufffd"
            + (f" (rows {shown})" if len(rows) > 1 else ""),
            "retype those characters, or save the file as CSV UTF-8", WARNING,
        ))
    return text, tuple(issues)


def _mostly_utf8(data: bytes) -> bool:
    """True when the file's non-ASCII bytes are mostly valid UTF-8: a few bad bytes do not make it another encoding."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for character in text if character > "\x7f" and character != "\ufffd")
    return valid > 2 * invalid


def _rows_holding(text: str, character: str) -> list[int]:
    """The line numbers (1 = the first line; a spreadsheet's rows as saved) holding ``character``."""
    rows, position, line, counted = [], text.find(character), 1, 0
    while position != -1:
        line += text.count("\n", counted, position)
        counted = position
        if not rows or rows[-1] != line:
            rows.append(line)
        position = text.find(character, position + 1)
    return rows


def _checked(text: str, file_name: str) -> str:
    """The text, unless its start is mostly control characters (binary data)."""
    sample = text[:10_000]
    if len(_CONTROL.findall(sample)) > max(5, len(sample) // 50):
        raise _binary(file_name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the start is zero (text saved without a BOM)."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    if head[1::2].count(0) >= 0.9 * len(head[1::2]) and head[0::2].count(0) < 0.1 * len(head[0::2]):
        return "utf-16-le"
    if head[0::2].count(0) >= 0.9 * len(head[0::2]) and head[1::2].count(0) < 0.1 * len(head[1::2]):
        return "utf-16-be"
    return None


def _detected_encoding(data: bytes) -> str:
    """Excel's UK default (cp1252) for any one-byte-per-letter text; else the detected encoding.

    Short files are ambiguous: "£" is 0xA3 in cp1252, cp1250 and cp1256, and
    a detector may pick any of them (or drop cp1252 for one byte it does not
    define). UK councils' files come from Excel on Windows; only a text in
    a multi-byte encoding (Shift-JIS, GB18030...) is read as detected.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or _one_byte_per_letter(best.encoding):
        return "cp1252"
    return best.encoding


def _one_byte_per_letter(encoding: str) -> bool:
    return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
