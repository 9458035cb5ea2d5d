"""Likely impressions: weekly opportunities to view (OTV) x a visibility factor.

Weekly OTV (followers x posts a week) counts every time a post *could* be
shown: what the industry calls owned impressions. Few of them happen: a
platform shows a post to a share of its account's followers. Social
listening tools report "likely impressions" as OTV x such a share, and so
does socialmap, always beside OTV (never instead of it), always called an
estimate, and always with the factor it used.

The default factors are Facebook pages' average organic reach per post as
Social@Ogilvy measured it over 100+ brand pages in February 2014 (Manson,
"Facebook Zero", 5 March 2014): 6% (6.15%), and 2% (2.11%) for pages with
more than 500,000 likes. We found no published figure we could check for
the other platforms, so the same factors stand for them as a stated
assumption. Users set their own with ``--visibility 0.05`` (one factor) or
``--visibility FILE`` (a CSV of platform, size band, factor).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import WARNING, Issue, SocialMapError
from .inputs.identity import platform_key

__all__ = ["Visibility", "DEFAULT_VISIBILITY", "SIZE_BANDS", "size_band", "visibility_from", "likely_impressions",
           "ANY", "FactorRows", "unused_rows"]

ANY = "*"
SIZE_BANDS = {"small": (0, 10_000), "medium": (10_000, 500_000), "large": (500_000, float("inf"))}
_BANDS = tuple((name, low, high) for name, (low, high) in SIZE_BANDS.items())
BAND_WORDS = {"small": "under 10,000 followers", "medium": "10,000 to 499,999 followers",
              "large": "500,000 followers or more"}
DEFAULT_SOURCE = ("socialmap's defaults: Facebook pages' organic reach per post, 6%, and 2% from 500,000 likes "
                  "(Social@Ogilvy, Facebook Zero, 2014), assumed for other platforms too")


def _platform(text: str | None) -> str:
    """A platform as the accounts' platforms are matched (case, spaces and X for Twitter ignored); blank: ANY."""
    key = platform_key(text)
    return ANY if key in ("", ANY) else key


@dataclass(frozen=True)
class FactorRows:
    """Where a visibility file named platforms: its name, the platform column's heading, (row, platform) pairs."""

    file: str
    column: str
    platforms: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Visibility:
    """Visibility factors: (platform, size band, factor) rows, ``ANY`` matching every platform or band.

    The most specific row wins: platform and band, then platform, then band,
    then the (ANY, ANY) row, which every Visibility has. Platforms match as
    accounts' platforms do (case, spaces, and X for Twitter ignored).
    ``source`` says where the factors came from, in words.
    """

    factors: tuple[tuple[str, str, float], ...]
    source: str
    rows: FactorRows | None = None  # a file's platform rows, to warn of those no account uses (unused_rows)

    def __post_init__(self) -> None:
        rows = tuple((_platform(platform), band.strip().casefold() or ANY, float(factor))
                     for platform, band, factor in self.factors)
        problems = [f"visibility factor {factor!r} must be between 0 and 1" for _, _, factor in rows
                    if not 0 <= factor <= 1]
        problems += [f"visibility size band {band!r} must be one of {', '.join(SIZE_BANDS)} or {ANY}"
                     for _, band, _ in rows if band != ANY and band not in SIZE_BANDS]
        if problems:
            raise ValueError("; ".join(problems))
        if not any(platform == ANY and band == ANY for platform, band, _ in rows):
            rows += ((ANY, ANY, DEFAULT_FACTOR),)
        object.__setattr__(self, "factors", rows)

    def factor(self, platform: str | None, followers: float | None) -> float:
        """The factor for one account (its band from its followers; no count: the platform's or the general one)."""
        return self._in_band(platform, size_band(followers))

    def factors_of(self, platforms: Sequence[str | None], followers: Sequence[float | None]) -> list[float]:
        """:meth:`factor` of each account, worked out once per platform as written and size band.

        A map names a few platforms and three bands: matching a platform's
        name for each of 10,000 accounts, four times a build, was a tenth of
        a second of the figures and the page.
        """
        found: dict[tuple[str | None, str], float] = {}
        result = []
        for platform, count in zip(platforms, followers):
            key = (platform, size_band(count))
            if key not in found:
                found[key] = self._in_band(*key)
            result.append(found[key])
        return result

    def _in_band(self, platform: str | None, band: str) -> float:
        platform = _platform(platform)
        table = {(p, b): factor for p, b, factor in self.factors}
        for key in ((platform, band), (platform, ANY), (ANY, band), (ANY, ANY)):
            if key in table:
                return table[key]
        raise AssertionError("unreachable: every Visibility has an (ANY, ANY) row")

    def span(self) -> str:
        """``"2% to 6%"`` or ``"5%"``: the factors, in words."""
        values = sorted({factor for _, _, factor in self.factors})
        low, high = _percent(values[0]), _percent(values[-1])
        return low if low == high else f"{low} to {high}"

    def sentence(self) -> str:
        """How likely impressions are made, with the factor and its source."""
        return (f"Likely impressions are an estimate: weekly opportunities to view x a visibility factor, the share "
                f"of followers shown each post ({self.described()}).")

    def described(self) -> str:
        """``"2% to 6% by platform and account size: <source>"``: the factor and where it came from."""
        varies = len({factor for _, _, factor in self.factors}) > 1
        return f"{self.span()}{' by platform and account size' if varies else ''}: {self.source}"


DEFAULT_FACTOR = 0.06
DEFAULT_VISIBILITY = Visibility(((ANY, "small", 0.06), (ANY, "medium", 0.06), (ANY, "large", 0.02)), DEFAULT_SOURCE)


def _percent(factor: float) -> str:
    return f"{factor * 100:.3g}%"


def size_band(followers: float | None) -> str:
    """small, medium or large (``SIZE_BANDS``), or ANY when the follower count is unknown."""
    if followers is None or followers != followers:
        return ANY
    for name, low, high in _BANDS:  # a plain loop: called for every account, four times a build
        if low <= followers < high:
            return name
    raise ValueError(f"{followers} followers is in no size band")


def likely_impressions(otv: float | None, factor: float) -> float | None:
    """One account's likely impressions a week; None when its OTV is unknown."""
    return None if otv is None or otv != otv else otv * factor


def _factor(text: str) -> float:
    """``"0.05"``, ``"5%"`` -> 0.05; ValueError otherwise."""
    text = text.strip()
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 <= value <= 1:
        raise ValueError(f'"{text}" is not between 0 and 1 (or 0% and 100%)')
    return value


def visibility_from(text: str, read=None) -> Visibility:
    """``--visibility``: one factor ("0.05" or "5%") for every account, or a CSV file's name.

    The CSV has columns platform, size band (small, medium, large, or * for
    any) and factor (0.05 or 5%); a blank or * platform matches every
    platform. ``read(name) -> bytes`` reads the file (the CLI passes its
    own). Raises SocialMapError listing every bad row.
    """
    try:
        factor = _factor(text)
    except ValueError:
        pass
    else:
        return Visibility(((ANY, ANY, factor),), f"one factor for every account, given with --visibility {text.strip()}")
    if read is None:
        raise SocialMapError(text, None, None, "--visibility must be a factor (0.05 or 5%) or a CSV file")
    raw = read(text).decode("utf-8-sig", errors="replace")
    rows = list(csv.reader(io.StringIO(raw)))
    headings = [cell.strip().casefold().replace("_", " ") for cell in (rows[0] if rows else [])]
    needed = ("platform", "size band", "factor")
    if any(name not in headings for name in needed):
        raise SocialMapError(text, 1, None, f"the visibility file needs the columns {', '.join(needed)} "
                                            f"(it has {', '.join(headings) or 'none'})")
    at = [headings.index(name) for name in needed]
    written = [rows[0][i].strip() for i in at]
    factors, issues, named = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        platform, band, value = (row[i] if i < len(row) else "" for i in at)
        band = band.strip().casefold() or ANY
        if band not in (*SIZE_BANDS, ANY, "any"):
            issues.append(Issue(text, number, written[1], f'"{band}" is not a size band: use small, medium, large or *'))
            continue
        try:
            factors.append((platform, ANY if band == "any" else band, _factor(value)))
            if _platform(platform) != ANY:
                named.append((number, platform.strip()))
        except ValueError:
            issues.append(Issue(text, number, written[2], f'"{value.strip()}" is not a factor: use 0.05 or 5%'))
    if issues:
        raise SocialMapError.from_issues(issues)
    if not factors:
        raise SocialMapError(text, None, None, "the visibility file has no rows of factors")
    source = f"the factors in {text}"
    if not any(p.strip() in ("", ANY) and b == ANY for p, b, _ in factors):
        source += f", and {_percent(DEFAULT_FACTOR)} for accounts it does not cover"
    return Visibility(tuple(factors), source, FactorRows(text, written[0], tuple(named)))


def unused_rows(visibility: Visibility, platforms: Iterable[str | None]) -> tuple[Issue, ...]:
    """One warning for the visibility file's rows whose platform no account has (``platforms``: the accounts'):
    they change no figure, which is most likely a misspelt or missing platform the user meant to set."""
    if visibility.rows is None:
        return ()
    known = sorted({p for p in platforms if isinstance(p, str) and _platform(p) != ANY}, key=str.casefold)
    keys = {_platform(p) for p in known}
    unused = [(row, platform) for row, platform in visibility.rows.platforms if _platform(platform) not in keys]
    if not unused:
        return ()
    file, column = visibility.rows.file, visibility.rows.column
    hint = f"the accounts' platforms: {', '.join(known)}" if known else "no account has a platform"
    if len(unused) == 1:
        row, platform = unused[0]
        return (Issue(file, row, column, f'no account is on "{platform}", so this row\'s factor is not used', hint,
                      WARNING),)
    listed = ", ".join(f'{row} ("{platform}")' for row, platform in unused[:-1])
    last = f'{unused[-1][0]} ("{unused[-1][1]}")'
    return (Issue(file, None, column, f"rows {listed} and {last} name platforms no account is on, so their factors "
                                      "are not used", hint, WARNING),)
