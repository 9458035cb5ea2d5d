"""Read a column of dates: ISO (2026-11-24), UK day-first (24/11/2026, 24/11/26, 24-11-2026) or Excel.

Comms teams type dates the UK way; exports and Excel give ISO dates (an
Excel date cell reaches us as ``2026-11-24``, or as its serial number, such
as 46350, when the cell was not formatted as a date). A slashed date is
read day first. A column whose slashed dates are evidently month first (US
style, 11/24/2026: there is no month 24) is refused, naming those rows and
the ones that could be read either way, rather than guessed: a wrong guess
would move mentions between months without a word.

The work is vectorised (pandas string patterns and ``to_datetime`` over
the whole column), so a million dated links take about a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import WARNING, Issue
from .values import UNKNOWN_WORDS, shown

__all__ = ["parse_dates", "parse_date", "within_dates", "limit_to_dates", "DATE_HINT", "EXCEL_EPOCH"]

DATE_HINT = "write dates as 2026-11-24 (ISO) or day first, 24/11/2026"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0 (after its 1900 leap-year bug)
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # social media dates outside these are typing mistakes
_ISO = r"(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DAY_FIRST = r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
_SERIAL = r"(?P<serial>\d{5})(?:\.\d+)?"
_PATTERN = rf"^(?:{_ISO}|{_DAY_FIRST}|{_SERIAL})$"


def _rows_text(rows: Sequence[int], limit: int = 8) -> str:
    listed = ", ".join(str(row) for row in rows[:limit])
    return listed + (f" and {len(rows) - limit:,} more" if len(rows) > limit else "")


def parse_dates(
    values: Sequence[str] | pd.Series, *, file: str, column: str, first_row: int = 2
) -> tuple[pd.Series, list[Issue]]:
    """Each cell as a date (``datetime64``, NaT when blank), and an error per unreadable one.

    ``first_row`` is the spreadsheet row of the first value (the header is
    row 1). Blank cells and the words for unknown (n/a, -, unknown...) are
    undated, not errors. Two-digit years are 2000-2068 for 00-68 and
    1969-1999 for 69-99, as Excel reads them.

    Examples
    --------
    >>> dates, issues = parse_dates(["2026-11-24", "24/11/26", ""], file="links.csv", column="date")
    >>> [str(d.date()) if not pd.isna(d) else "" for d in dates], issues
    (['2026-11-24', '2026-11-24', ''], [])
    """
    text = pd.Series(values, dtype=object).fillna("").astype(str).str.strip()
    text.index = range(len(text))
    blank = text.str.casefold().isin(UNKNOWN_WORDS)
    parts = text.str.extract(_PATTERN)
    number = {name: pd.to_numeric(parts[name], errors="coerce") for name in ("iy", "im", "id", "a", "b", "y", "serial")}
    iso, slashed, serial = number["iy"].notna(), number["a"].notna(), number["serial"].notna()
    short = parts["y"].str.len() == 2
    year = number["y"].where(~short, number["y"] + np.where(number["y"] < 69, 2000, 1900))
    us = slashed & (number["b"] > 12) & (number["a"] <= 12)
    either = slashed & (number["a"] <= 12) & (number["b"] <= 12) & (number["a"] != number["b"])
    columns = pd.DataFrame({
        "year": number["iy"].where(iso, year),
        "month": number["im"].where(iso, number["b"]),
        "day": number["id"].where(iso, number["a"]),
    }).where(iso | slashed)
    dates = pd.to_datetime(columns.fillna({"year": 2000, "month": 1, "day": 1}).astype("int64"), errors="coerce")
    dates = dates.where(iso | slashed, EXCEL_EPOCH + pd.to_timedelta(number["serial"].fillna(0), unit="D"))
    dates = dates.where(iso | slashed | serial)
    in_range = dates.dt.year.between(EARLIEST_YEAR, LATEST_YEAR)
    issues: list[Issue] = []
    unread = ~blank & ~(iso | slashed | serial)
    impossible = (iso | slashed) & ~us & dates.isna()
    unlikely = dates.notna() & ~in_range
    for i in np.flatnonzero(unread | impossible | unlikely):
        value = shown(text[i])
        if unread[i]:
            message = f"{value} is not a date"
        elif impossible[i]:
            message = f"{value} is not a real date (day {int(columns['day'][i])} of month {int(columns['month'][i])})"
        else:
            message = f"{value} is in {dates[i].year}, which looks mistyped"
        issues.append(Issue(file, first_row + i, column, message, DATE_HINT))
    if us.any():
        issues.extend(_month_first(text, us, either, file=file, column=column, first_row=first_row))
    bad = unread | impossible | unlikely | us | (either & us.any())
    return dates.where(~bad & ~blank).astype("datetime64[ns]").rename(None), sorted(issues, key=lambda i: i.row or 0)


def _dates(count: int) -> str:
    return "1 date" if count == 1 else f"{count:,} dates"


def _month_first(text: pd.Series, us: pd.Series, either: pd.Series, *, file: str, column: str, first_row: int
                 ) -> list[Issue]:
    """One error per evidently month-first date, and one naming the dates that could be read either way."""
    issues = []
    us_rows = [first_row + int(i) for i in np.flatnonzero(us)]
    for i in np.flatnonzero(us):
        month = text[i].replace(".", "/").replace("-", "/").split("/")[1]
        issues.append(Issue(
            file, first_row + int(i), column,
            f"{shown(text[i])} is written month first (US style: there is no month {int(month)})",
            f"socialmap reads slashed dates day first: {DATE_HINT}",
        ))
    either_rows = [first_row + int(i) for i in np.flatnonzero(either)]
    if either_rows:
        example = shown(text[int(np.flatnonzero(either)[0])])
        issues.append(Issue(
            file, either_rows[0], column,
            f"{_dates(len(either_rows))} (row{'s' if len(either_rows) > 1 else ''} {_rows_text(either_rows)}; "
            f"e.g. {example}) could be day or month first, and this column has month-first dates "
            f"(row{'s' if len(us_rows) > 1 else ''} {_rows_text(us_rows)}), so they are not guessed",
            "rewrite the whole column as ISO dates (2026-03-04), or as day-first dates throughout",
        ))
    return issues


def parse_date(text: str | dt.date, *, what: str = "date") -> dt.date:
    """One date typed by a user (an option): ISO or day first; ValueError with a readable message."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    dates, issues = parse_dates([text], file=what, column=None, first_row=1)
    if issues or pd.isna(dates[0]):
        reason = issues[0].message if issues else f"{shown(str(text))} is not a date"
        raise ValueError(f"{what}: {reason} ({DATE_HINT})")
    return dates[0].date()


def within_dates(dates: pd.Series, start: dt.date | None, end: dt.date | None) -> pd.Series:
    """Which rows to keep for a date range: undated rows always, dated ones from ``start`` to ``end`` inclusive."""
    keep = pd.Series(True, index=dates.index)
    if start is not None:
        keep &= dates.isna() | (dates >= pd.Timestamp(start))
    if end is not None:
        keep &= dates.isna() | (dates < pd.Timestamp(end) + pd.Timedelta(days=1))
    return keep


def limit_to_dates(
    relationships: pd.DataFrame | None, count: int, issues: tuple[Issue, ...], start: dt.date | None,
    end: dt.date | None, *, file: str,
) -> tuple[pd.DataFrame | None, int, tuple[Issue, ...]]:
    """Relationships without the dated ones outside ``start``..``end``; the count of input relationships kept.

    Undated relationships (follows, or a file with no date column) stay. A
    two-way link is two rows but one relationship. When nothing is dated,
    the range limits nothing, and a warning says so.
    """
    if relationships is None or not relationships["date"].notna().any():
        note = Issue(file, None, None, "no relationship has a date, so the date range limits nothing",
                     "add a date column to the relationships file (2026-11-24 or 24/11/2026)", WARNING)
        return relationships, count, (*issues, note)
    keep = within_dates(relationships["date"], start, end)
    dropped = relationships[~keep]
    pairs = {(row, frozenset((source, target)))
             for row, source, target in zip(dropped["row"], dropped["source"], dropped["target"])}
    return relationships[keep].reset_index(drop=True), count - len(pairs), issues
