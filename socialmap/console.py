"""Printing that never crashes on a console or file that cannot hold a character.

A Windows console or a redirect on Windows often writes cp1252 (or cp850),
which has no ``→``; Python then raises ``UnicodeEncodeError`` in the middle
of a report. :func:`make_streams_safe` keeps each stream's encoding and
writes what it cannot hold as the nearest plain text (``→`` as ``->``, ``é``
as ``e`` where even that is missing), else ``?``.

It also shows control characters as escapes (``\x1b`` as ``\\x1b``): a
heading, id or file name holding an escape sequence, a bell, a bare carriage
return or a right-to-left override would otherwise recolour, overwrite or
reorder the user's terminal. The streams keep their object (tests and click
capture them); only their encoding becomes a wrapper of the one they had.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
import unicodedata

__all__ = ["ERRORS", "plain", "shown", "make_streams_safe"]

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

# C0 controls but line feed and tab, a carriage return not ending a line, DEL, C1 controls, bidi overrides
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
_SHOWN = "socialmap_shown_"


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """Text as it may reach a terminal: control characters written as escapes."""
    return _CONTROL.sub(_escape, text)


def _shown_codec(name: str) -> codecs.CodecInfo | None:
    """An encoding that escapes control characters, then encodes as the stream's own encoding did."""
    if not name.startswith(_SHOWN):
        return None
    base = codecs.lookup(name.removeprefix(_SHOWN))

    class Encoder(codecs.IncrementalEncoder):
        def __init__(self, errors: str = "strict") -> None:
            super().__init__(errors)
            self.base = base.incrementalencoder(errors)

        def encode(self, text: str, final: bool = False) -> bytes:
            return self.base.encode(shown(text), final)

        def reset(self) -> None:
            self.base.reset()

    return codecs.CodecInfo(
        name=name, encode=lambda text, errors="strict": base.encode(shown(text), errors), decode=base.decode,
        incrementalencoder=Encoder, incrementaldecoder=base.incrementaldecoder,
        streamreader=base.streamreader, streamwriter=base.streamwriter)


codecs.register(_shown_codec)


def make_streams_safe() -> None:
    """Let stdout and stderr write every character, as plain text where their encoding lacks it, and show
    control characters as escapes."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        errors = ERRORS if stream.errors in ("strict", "backslashreplace") else stream.errors
        encoding = codecs.lookup(stream.encoding).name
        if not encoding.startswith(_SHOWN):
            stream.flush()
            stream.reconfigure(encoding=_SHOWN + encoding.replace("-", "_"), errors=errors)
