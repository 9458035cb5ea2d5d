"""Parse one cell: follower counts, numbers, URLs, ids, link directions.

Each parser takes the text as typed and returns the value, or raises
ValueError with a message fit to show the user (the caller adds the file,
row and column). :func:`shown` quotes a value for such a message.
"""

from __future__ import annotations

import math
import re
import unicodedata
from urllib.parse import urlsplit

__all__ = [
    "id_key", "parse_count", "parse_number", "parse_url", "parse_two_way", "split_ids", "shown",
    "UNKNOWN_WORDS", "MAX_FOLLOWERS",
]

UNKNOWN_WORDS = frozenset({"", "n/a", "na", "-", "--", "?", "unknown", "none", "null"})
MAX_FOLLOWERS = 10_000_000_000  # more than the world's population: no account has that many
_SHOWN_CHARS = 60
_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_GROUPED = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+"
_PLAIN = rf"(?:{_GROUPED}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?"
_NUMBER = re.compile(rf"^(?P<number>{_PLAIN})$", re.IGNORECASE)
_COUNT = re.compile(rf"^(?P<number>{_PLAIN})\s*(?P<suffix>[kmb]?)\s*\+?$", re.IGNORECASE)
# "~5,000", "approx 300", "c. 2k", "about 1,200", "over 900", "5000 followers": a count as people jot one down
_ROUGHLY = re.compile(r"^(?:~|\u2248|>|approx(?:\.|imately)?|about|around|roughly|circa|ca?\.|est(?:\.|imated)?|over|"
                      r"more than)\s*(?P<count>.+?)$|^(?P<counted>.+?)\s*(?:followers|likes|subscribers|fans)$",
                      re.IGNORECASE)
_NOT_FINITE = re.compile(r"^[+-]?(nan|inf|infinity|∞)$", re.IGNORECASE)
_SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_PLAIN_WEB_LINK = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})+(?::\d{{1,5}})?(?:[/?#][!#-~]*)?", re.IGNORECASE)
ONE_WAY = frozenset({"", "directed", "direct", "one way", "one-way", "oneway"})
TWO_WAY = frozenset({"undirected", "mutual", "two way", "two-way", "both", "bidirectional", "reciprocal"})


def shown(text: str) -> str:
    """``text`` in quotes for a message: control characters escaped, long values cut."""
    text = _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    return f'"{text}"'


def id_key(text: str) -> str:
    """The matching key of an id: ``"@DerbyCC "`` -> ``"derbycc"``.

    Case, a leading ``@`` and the way accents were typed (composed or not)
    are ignored.
    """
    text = text.strip()
    if text.startswith("@"):
        text = text[1:].strip()
    return unicodedata.normalize("NFC", text).casefold()


def _strip_grouping(number: str) -> str:
    return re.sub(r"[,\u00a0\u202f ]", "", number)


def _is_unknown(text: str) -> bool:
    return text.strip().lower() in UNKNOWN_WORDS


def _not_a_number(text: str) -> ValueError:
    if _NOT_FINITE.match(text.strip()):
        return ValueError(f"{shown(text)} is not a number (leave the cell blank when the value is unknown)")
    return ValueError(f"{shown(text)} is not a number")


def parse_count(text: str) -> float:
    """A follower count: 1234, "1,234", "1.2K", "3.4m", "12k+", "1.2E+06", "~5,000", "approx 300"; NaN when blank."""
    if _is_unknown(text):
        return math.nan
    cleaned = text.strip()
    roughly = _ROUGHLY.match(cleaned)
    written = (roughly["count"] or roughly["counted"]).strip() if roughly else ""
    if written and _COUNT.match(written):
        cleaned = written
    if cleaned.startswith("-") and _COUNT.match(cleaned[1:].strip()):
        raise ValueError(f"{shown(text)} is negative; a follower count cannot be below zero")
    match = _COUNT.match(cleaned)
    if not match:
        raise _not_a_number(text)
    value = float(_strip_grouping(match["number"])) * _SUFFIXES[match["suffix"].lower()]
    if not value <= MAX_FOLLOWERS:
        raise ValueError(f"{shown(text)} is more than {MAX_FOLLOWERS:,} followers, more than any account has")
    return float(round(value))


def parse_number(text: str, *, minimum: float | None = None, maximum: float | None = None) -> float:
    """A plain number ("3", "2.5", "1,200", "1e3"); NaN when blank; bounds inclusive."""
    if _is_unknown(text):
        return math.nan
    cleaned = text.strip()
    negative = cleaned.startswith("-")
    match = _NUMBER.match(cleaned[1:].strip() if negative else cleaned)
    if not match:
        raise _not_a_number(text)
    value = float(_strip_grouping(match["number"])) * (-1 if negative else 1)
    if math.isinf(value):
        raise ValueError(f"{shown(text)} is too large a number")
    if minimum is not None and value < minimum:
        raise ValueError(f"{shown(text)} is below the smallest allowed value, {minimum:g}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{shown(text)} is above the largest allowed value, {maximum:g}")
    return value


def parse_two_way(text: str) -> bool:
    """A link's direction: False for directed (or blank), True for undirected or mutual."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in ONE_WAY:
        return False
    if cleaned in TWO_WAY:
        return True
    raise ValueError(f'{shown(text)} is not a direction (write "directed", "undirected" or "mutual")')


def split_ids(text: str, separators: str) -> list[str]:
    """The ids listed in one cell, ``"@a; @b, c"`` -> ``["@a", "@b", "c"]`` (blanks skipped)."""
    if not separators:
        return [text.strip()] if text.strip() else []
    pattern = "[" + re.escape(separators) + "\n]"
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


def parse_url(text: str) -> str | None:
    """An http(s) link, or None when blank; ``www.x.org`` becomes ``https://www.x.org``.

    Raises ValueError for any other scheme (javascript:, data:, file:...) or a
    link that has no host.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if _PLAIN_WEB_LINK.fullmatch(cleaned):
        return cleaned
    if _SPACE_OR_CONTROL.search(cleaned):
        raise ValueError(f"{shown(text)} is not a web link (it contains spaces)")
    if cleaned.startswith("//"):
        cleaned = "https:" + cleaned
    scheme = _SCHEME.match(cleaned)
    if scheme is None or "." in scheme["scheme"]:
        cleaned = "https://" + cleaned
    elif scheme["scheme"].lower() not in {"http", "https"}:
        raise ValueError(f"{shown(text)} is not a web (http or https) link")
    try:
        parts = urlsplit(cleaned)
        hostname = parts.hostname
    except ValueError:
        raise ValueError(f"{shown(text)} is not a web link") from None
    if not hostname or "." not in hostname:
        raise ValueError(f"{shown(text)} is not a web link (no site name)")
    if not _real_host(hostname):
        raise ValueError(f"{shown(text)} is not a web link ({shown(hostname)} is not a site name)")
    return cleaned


def _real_host(hostname: str) -> bool:
    """A host a browser can reach: an IPv4 address, or dot-separated labels of letters, digits and inner hyphens
    (international names such as ``café.fr`` through their ASCII form)."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", hostname):
        return all(int(part) < 256 for part in hostname.split("."))
    try:
        ascii_name = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_name.split(".")
    return all(re.fullmatch(_LABEL, label, re.IGNORECASE) for label in labels) and not labels[-1].isdigit()
