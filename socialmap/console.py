"""Printing that never crashes on a console or file that cannot hold a character.

A Windows console or a redirect on Windows often writes cp1252 (or cp850),
which has no ``→``; Python then raises ``UnicodeEncodeError`` in the middle
of a report. :func:`make_streams_safe` keeps each stream's encoding and
writes what it cannot hold as the nearest plain text (``→`` as ``->``, ``é``
as ``e`` where even that is missing), else ``?``.
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata

__all__ = ["ERRORS", "plain", "make_streams_safe"]

ERRORS = "socialmap-plain"
_PLAIN = {"\u2192": "->", "\u2190": "<-", "\u2026": "...", "\u2013": "-", "\u2014": "-", "\u2212": "-",
          "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00d7": "x", "\u2248": "~",
          "\u2265": ">=", "\u2264": "<=", "\u00a0": " ", "\u2022": "*", "\ufffd": "?"}


def plain(character: str) -> str:
    """The nearest plain (ASCII) text for one character."""
    if character in _PLAIN:
        return _PLAIN[character]
    stripped = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode("ascii")
    return stripped or "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(plain(c) for c in error.object[error.start:error.end]), error.end


codecs.register_error(ERRORS, _replace)


def make_streams_safe() -> None:
    """Let stdout and stderr write every character, as plain text where their encoding lacks it."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "backslashreplace"):
            stream.reconfigure(errors=ERRORS)
