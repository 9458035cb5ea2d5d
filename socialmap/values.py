"""Parse one cell: follower counts, numbers, URLs, ids.

Each parser takes the text as typed and returns the value, or raises
ValueError with a message fit to show the user (the caller adds the file,
row and column).
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

__all__ = ["id_key", "parse_count", "parse_number", "parse_url", "UNKNOWN_WORDS"]

UNKNOWN_WORDS = frozenset({"", "n/a", "na", "-", "--", "?", "unknown", "none", "null", "nan"})
_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_GROUPED = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+"
_NUMBER = re.compile(rf"^(?P<number>{_GROUPED}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)$")
_COUNT = re.compile(rf"^(?P<number>{_GROUPED}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<suffix>[kmb]?)\s*\+?$", re.IGNORECASE)
_SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def id_key(text: str) -> str:
    """The matching key of an id: ``"@DerbyCC "`` -> ``"derbycc"``."""
    text = text.strip()
    if text.startswith("@"):
        text = text[1:].strip()
    return text.casefold()


def _strip_grouping(number: str) -> str:
    return re.sub(r"[,\u00a0\u202f ]", "", number)


def _is_unknown(text: str) -> bool:
    return text.strip().lower() in UNKNOWN_WORDS


def parse_count(text: str) -> float:
    """A follower count: 1234, "1,234", "1.2K", "3.4m", "12k+"; NaN when blank."""
    if _is_unknown(text):
        return math.nan
    cleaned = text.strip()
    if cleaned.startswith("-") and _COUNT.match(cleaned[1:].strip()):
        raise ValueError(f'"{text}" is negative; a follower count cannot be below zero')
    match = _COUNT.match(cleaned)
    if not match:
        raise ValueError(f'"{text}" is not a number')
    value = float(_strip_grouping(match["number"])) * _SUFFIXES[match["suffix"].lower()]
    return float(round(value))


def parse_number(text: str, *, minimum: float | None = None, maximum: float | None = None) -> float:
    """A plain number ("3", "2.5", "1,200"); NaN when blank; bounds inclusive."""
    if _is_unknown(text):
        return math.nan
    cleaned = text.strip()
    negative = cleaned.startswith("-")
    match = _NUMBER.match(cleaned[1:].strip() if negative else cleaned)
    if not match:
        raise ValueError(f'"{text}" is not a number')
    value = float(_strip_grouping(match["number"])) * (-1 if negative else 1)
    if minimum is not None and value < minimum:
        raise ValueError(f'"{text}" is below the smallest allowed value, {minimum:g}')
    if maximum is not None and value > maximum:
        raise ValueError(f'"{text}" is above the largest allowed value, {maximum:g}')
    return value


def parse_url(text: str) -> str | None:
    """An http(s) link, or None when blank; ``www.x.org`` becomes ``https://www.x.org``.

    Raises ValueError for any other scheme (javascript:, data:, file:...) or a
    link that has no host.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if any(char.isspace() or ord(char) < 32 for char in cleaned):
        raise ValueError(f'"{text}" is not a web link (it contains spaces)')
    if cleaned.startswith("//"):
        cleaned = "https:" + cleaned
    scheme = _SCHEME.match(cleaned)
    if scheme is None or "." in scheme["scheme"]:
        cleaned = "https://" + cleaned
    elif scheme["scheme"].lower() not in {"http", "https"}:
        raise ValueError(f'"{text}" is not a web (http or https) link')
    parts = urlsplit(cleaned)
    if not parts.hostname or "." not in parts.hostname:
        raise ValueError(f'"{text}" is not a web link (no site name)')
    return cleaned
