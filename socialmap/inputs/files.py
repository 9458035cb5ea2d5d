"""Input files as bytes: what a file is (a path or an upload), its name in messages, and the size limit.

Every reader starts here: a file larger than ``max_bytes`` (``--max-size``)
is refused before a byte of it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import SocialMapError

__all__ = ["InputFile", "NamedTable", "Source", "DEFAULT_MAX_BYTES", "source_name", "size_text", "read_bytes"]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """A file's name and bytes, as an upload hands them over."""

    name: str
    data: bytes


@dataclass(frozen=True)
class NamedTable:
    """A table read already (a graph file's nodes or edges), with the name messages give it."""

    name: str
    frame: pd.DataFrame


Source = str | Path | InputFile | NamedTable | pd.DataFrame


def source_name(source: Source, default: str = "table") -> str:
    """The file name used in messages: ``accounts.csv``, not a full path."""
    if isinstance(source, InputFile):
        return Path(source.name).name or default
    if isinstance(source, NamedTable):
        return source.name
    if isinstance(source, str | Path):
        return Path(source).name
    return default


def size_text(size: int) -> str:
    """``1048576`` -> ``"1 MB"``, ``1572864`` -> ``"1.5 MB"``, ``2048`` -> ``"2 KB"``."""
    if size >= 2**20:
        return f"{size / 2**20:,.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size} bytes"


def read_bytes(source: str | Path | InputFile, file_name: str, max_bytes: int) -> bytes:
    """The file's bytes, refused in one line when it is larger than ``max_bytes`` or missing."""
    if isinstance(source, InputFile):
        size = len(source.data)
    else:
        path = Path(source)
        if not path.is_file():
            raise SocialMapError(file_name, None, None, f"no such file: {path}")
        size = path.stat().st_size
    if size > max_bytes:
        raise SocialMapError(
            file_name, None, None, f"the file is {size_text(size)}, larger than the limit of {size_text(max_bytes)}",
            "split it into smaller files, or raise the limit with --max-size",
        )
    return source.data if isinstance(source, InputFile) else Path(source).read_bytes()
