"""Issue 16.1: a workbook's zip archive is read by what it really holds, not by the sizes it declares.

Every byte unpacked is counted as it is read: a part that under-declares its size is read whole (as Excel reads it),
a bomb that hides behind small declared sizes stops at ten times the size limit, and a shared-strings table of many
huge strings stops at the size limit, in bounded memory. Each workbook is made in the test.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile

import pytest

from socialmap import InputFile, SocialMapError
from socialmap.inputs.sheets import read_sheets, read_table
from tests.conftest import ROOT
from tests.workbooks import xlsx

ACCOUNTS = [["id", "name", "followers"]] + [[f"acct{i}", f"Account {i}", i * 10] for i in range(50)]
SHEET = "xl/worksheets/sheet1.xml"
_SHARED_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')


def _rewritten(workbook: bytes, changes: dict[str, bytes], *, level: int = 6) -> bytes:
    """The workbook with the named parts replaced (or added)."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for member in source.infolist():
            archive.writestr(member.filename, changes.pop(member.filename, source.read(member.filename)))
        for name, data in changes.items():
            archive.writestr(name, data)
    return out.getvalue()


def _declaring_size(workbook: bytes, part: str, size: int) -> bytes:
    """The workbook with ``part``'s unpacked size written as ``size`` in its local header and in the directory."""
    data = bytearray(workbook)
    struct.pack_into("<I", data, zipfile.ZipFile(io.BytesIO(workbook)).getinfo(part).header_offset + 22, size)
    for found in re.finditer(rb"PK\x01\x02", data):
        start = found.start()
        length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46:start + 46 + length]) == part.encode():
            struct.pack_into("<I", data, start + 24, size)
    declared = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(part).file_size
    assert declared == size, "the test's workbook does not declare the size it should"
    return bytes(data)


def test_a_sheet_that_under_declares_its_size_is_read_whole():
    workbook = _declaring_size(xlsx(ACCOUNTS), SHEET, 200)
    frame = read_table(InputFile("accounts.xlsx", workbook))
    assert len(frame) == 50 and list(frame.columns) == ["id", "name", "followers"]
    assert frame["id"].iloc[-1] == "acct49" and frame["followers"].iloc[-1] == "490"


def test_a_bomb_behind_small_declared_sizes_stops_at_ten_times_the_size_limit():
    book = xlsx(ACCOUNTS)
    sheet = zipfile.ZipFile(io.BytesIO(book)).read(SHEET)
    padded = sheet.replace(b"</sheetData>", b"</sheetData>" + b" " * 5_000_000)  # five million spaces: 5 KB zipped
    workbook = _declaring_size(_rewritten(book, {SHEET: padded}), SHEET, 2_000)
    assert len(workbook) < 20_000 and sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(workbook)).infolist()) < 20_000
    with pytest.raises(SocialMapError) as caught:
        read_sheets(InputFile("bomb.xlsx", workbook), max_bytes=256 * 1024)
    assert str(caught.value) == ("bomb.xlsx: the workbook unpacks to more than 2.5 MB, ten times the 256 KB size limit "
                                 "(save the sheet as CSV, or raise the limit with --max-size)")


def _shared_text_bomb(strings: int, length: int) -> bytes:
    """A workbook whose shared strings table holds ``strings`` strings of ``length`` letters, its sizes declared truly."""
    book = xlsx([["id", "name"], ["acct1", "Account 1"]])
    source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _SHARED_STRINGS_TYPE + b"</Types>")
            archive.writestr(member.filename, data)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            text = b"<si><t>" + b"x" * length + b"</t></si>"
            for _ in range(strings):
                part.write(text)
            part.write(b"</sst>")
    return out.getvalue()


_MEASURED = ("import resource, sys\n"
             "from socialmap.cli import main\n"
             "try:\n"
             "    main([*sys.argv[1:3], '-o', sys.argv[3], '--max-size', sys.argv[4]])\n"
             "except SystemExit as stop:\n"
             "    print('status', stop.code, 'peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")


def _build(path, max_size: str) -> tuple[int, int, str]:
    """The CLI's exit status, its peak memory in MB and its first line of errors, building a map of ``path``."""
    done = subprocess.run([sys.executable, "-c", _MEASURED, "build", str(path), str(path.with_suffix(".html")),
                           max_size], capture_output=True, text=True, timeout=300, cwd=ROOT)
    status, peak_kb = re.search(r"status (\d+) peak_kb (\d+)", done.stdout).groups()
    return int(status), int(peak_kb) // 1024, (done.stderr.splitlines() or [""])[0]


def test_a_shared_strings_bomb_is_refused_at_the_size_limit_in_bounded_memory(tmp_path):
    small = tmp_path / "small.xlsx"
    small.write_bytes(xlsx(ACCOUNTS))
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(_shared_text_bomb(strings=300, length=1_000_000))  # 300 MB of text, declared truly
    assert bomb.stat().st_size < 3_000_000
    status, baseline, _ = _build(small, "40")
    assert status == 0
    status, peak, line = _build(bomb, "40")  # under ten times the limit, so the declared sizes pass
    assert status == 2
    assert line == ("bomb.xlsx: the workbook's shared text unpacks to more than the 40 MB size limit (save the sheet "
                    "as CSV, or raise the limit with --max-size)")
    assert peak < baseline + 100, f"peak memory {peak:,} MB, {baseline:,} MB for a small workbook"
    assert not bomb.with_suffix(".html").exists()


def test_a_shared_strings_table_with_more_strings_than_cells_allowed_is_refused():
    workbook = _shared_text_bomb(strings=3_500, length=1)  # 60 KB of text, under the size limit
    with pytest.raises(SocialMapError) as caught:
        read_sheets(InputFile("strings.xlsx", workbook), max_bytes=64 * 1024)
    assert str(caught.value) == ("strings.xlsx: the workbook holds more than 3,276 shared texts, the most cells "
                                 "socialmap reads under the 64 KB size limit (save the sheet as CSV, or raise the "
                                 "limit with --max-size)")
