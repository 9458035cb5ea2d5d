"""Trend over many snapshots: date each accounts file, then total it per snapshot and group.

Comms teams keep monthly copies of their spreadsheet (``accounts-2026-10.csv``).
Each copy is a snapshot, dated by the date in its file name or by
``--dates``; the trend is, per snapshot, the accounts, potential reach and
weekly opportunities to view, overall and by area and platform, with the
change from the first and from the previous snapshot. The figures are the
map's: followers and followers x posts a week (one post a week where the
rate is unknown), each total summed exactly and rounded once, so that a
snapshot's total is the figure ``socialmap build`` prints for that file (a
group's rounding may make the groups differ from the total by a unit or
two). They count followers and impressions, not people.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .errors import Issue, SocialMapError
from .inputs.files import Source, source_name
from .metrics import OUTCOME_CAVEAT, REACH_CAVEAT
from .options import MapOptions

__all__ = [
    "SnapshotDate", "Snapshot", "parse_date", "date_in_name", "snapshot_dates", "load_snapshots",
    "account_figures", "trend_table", "folded", "headline", "caveats", "group_label",
    "MEASURES", "KINDS", "TREND_COLUMNS", "DATES_OPTION",
]

DATES_OPTION = "--dates"
MEASURES = ("accounts", "potential_reach", "weekly_otv")
KINDS = ("overall", "area", "platform")
NOT_GIVEN = "Not given"
TREND_COLUMNS = (
    "date", "label", "file", "kind", "group", "accounts", "potential_reach", "weekly_otv",
    "unknown_followers", "assumed_one_post",
    *(f"{measure}_{change}" for measure in MEASURES
      for change in ("change_from_first", "pct_from_first", "change_from_previous", "pct_from_previous")),
)

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTH_NAME = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_SEP = r"[-_. ]"
# Most specific first: a match's characters are blanked before the next pattern looks.
_PATTERNS = (
    ("ymd", re.compile(rf"(?<!\d)(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?!\d)")),
    ("dmy", re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})(?!\d)")),
    ("ymd", re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")),
    ("dMy", re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}?{_MONTH_NAME}{_SEP}?(\d{{4}})(?!\d)", re.IGNORECASE)),
    ("My", re.compile(rf"(?<![a-z]){_MONTH_NAME}{_SEP}?(\d{{4}})(?!\d)", re.IGNORECASE)),
    ("yM", re.compile(rf"(?<!\d)(\d{{4}}){_SEP}?{_MONTH_NAME}(?![a-z])", re.IGNORECASE)),
    ("ym", re.compile(rf"(?<!\d)(\d{{4}}){_SEP}(\d{{1,2}})(?!\d)")),
)
_WRITE_DATES = "write a date as 2026-10-31 or 31/10/2026 (day first), or a month as 2026-10"
_DATES_HINT = "give every file's date with --dates, e.g. --dates 2026-08-31,2026-09-30"


@dataclass(frozen=True, order=True)
class SnapshotDate:
    """When a snapshot was taken: a day, or a whole month (``accounts-2026-10.csv``).

    A month sorts as its first day; it is shown as "Oct 2026", a day as "31 Oct 2026".
    """

    day: date
    whole_month: bool = False

    @property
    def label(self) -> str:
        month = f"{calendar.month_abbr[self.day.month]} {self.day.year}"
        return month if self.whole_month else f"{self.day.day} {month}"

    @property
    def iso(self) -> str:
        return self.day.strftime("%Y-%m") if self.whole_month else self.day.isoformat()


@dataclass(frozen=True)
class Snapshot:
    """One dated accounts file, loaded and checked, with the warnings found loading it."""

    date: SnapshotDate
    file: str
    accounts: pd.DataFrame
    issues: tuple[Issue, ...] = ()
    columns: tuple = ()  # inputs.headings.ColumnsRead: what the file's headings were read as


class _BadDate(ValueError):
    """A date-shaped text that is no date (month 13, 31 February): the text and why."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f'"{text}" ({reason})')
        self.text, self.reason = text, reason


def _make_date(year: str, month: str, day: str | None, text: str) -> SnapshotDate:
    number = _MONTHS[month[:3].lower()] if month.isalpha() else int(month)
    try:
        when = date(int(year), number, int(day) if day is not None else 1)
    except ValueError as error:
        raise _BadDate(text, str(error)) from None
    if not 1990 <= when.year <= 2100:  # as socialmap.inputs.dates: outside these, a typing mistake
        raise _BadDate(text, f"year {when.year} is out of range")
    return SnapshotDate(when, whole_month=day is None)


def _from_match(shape: str, match: re.Match) -> SnapshotDate:
    parts = dict(zip(shape, match.groups()))
    month = parts.get("m") or parts.get("M")
    return _make_date(parts["y"], month, parts.get("d"), match.group(0))


def _dates_in(text: str) -> list[SnapshotDate]:
    """Every date in ``text``, most specific shapes first; raises _BadDate for a date-shaped non-date."""
    found = []
    for shape, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found.append(_from_match(shape, match))
        text = pattern.sub(lambda match: " " * len(match.group(0)), text)
    return found


def parse_date(text: str, *, file: str = DATES_OPTION) -> SnapshotDate:
    """One date as a person types it: 2026-10-31, 2026-10, 20261031, 31/10/2026 (day first), Oct 2026.

    Raises SocialMapError naming ``file`` when ``text`` is not exactly one date.
    """
    cleaned = text.strip().replace("/", "-")
    try:
        found = _dates_in(cleaned)
    except _BadDate as error:
        raise SocialMapError(file, None, None, f'"{text.strip()}" is not a date ({error.reason})', _WRITE_DATES) from None
    leftover = cleaned
    for _, pattern in _PATTERNS:
        leftover = pattern.sub("", leftover)
    if len(found) != 1 or leftover.strip(" -_."):
        raise SocialMapError(file, None, None, f'"{text.strip()}" is not a date', _WRITE_DATES)
    return found[0]


def date_in_name(name: str) -> SnapshotDate | None:
    """The date in a file's name (``accounts-2026-10.csv`` is October 2026), or None if it has none.

    Raises SocialMapError when the name holds a date-shaped non-date or two different dates.
    """
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    try:
        found = sorted(set(_dates_in(stem)))
    except _BadDate as error:
        raise SocialMapError(name, None, None, f'its name holds "{error.text}", which is not a date ({error.reason})',
                             _DATES_HINT) from None
    if len(found) > 1:
        shown = " and ".join(found_date.iso for found_date in found)
        raise SocialMapError(name, None, None, f"its name holds more than one date ({shown})", _DATES_HINT)
    return found[0] if found else None


def snapshot_dates(names: Sequence[str], dates: Sequence[str] | None = None) -> tuple[SnapshotDate, ...]:
    """Each file's date: from ``dates`` (one per file, in order) if given, else from its name.

    Every problem (no date, a bad date, two files on the same date, too few
    files) is collected before one SocialMapError is raised.
    """
    issues: list[Issue] = []
    found: list[SnapshotDate | None] = []
    if dates is not None and len(dates) != len(names):
        raise SocialMapError(
            DATES_OPTION, None, None, f"gives {len(dates)} date{'s' if len(dates) != 1 else ''} "
            f"for {len(names)} file{'s' if len(names) != 1 else ''}", "give one date per file, in the same order",
        )
    for position, name in enumerate(names):
        try:
            when = parse_date(dates[position]) if dates is not None else date_in_name(name)
        except SocialMapError as error:
            issues.extend(error.issues)
            when = None
        if when is None and dates is None and not any(issue.file == name for issue in issues):
            issues.append(Issue(name, None, None, "the file name has no date",
                                "name it like accounts-2026-10.csv or accounts-2026-10-31.csv, or give "
                                "every file's date with --dates 2026-08-31,2026-09-30,..."))
        found.append(when)
    seen: dict[date, str] = {}
    for name, when in zip(names, found):
        if when is None:
            continue
        if when.day in seen:
            issues.append(Issue(name, None, None, f"same date as {seen[when.day]} ({when.iso})",
                                "give each snapshot its own date: rename a file or use --dates"))
        seen.setdefault(when.day, name)
    if len(names) < 2:
        issues.append(Issue(names[0] if names else "trend", None, None, "a trend needs at least two snapshots",
                            "give two or more accounts files, such as accounts-2026-09.csv accounts-2026-10.csv"))
    if issues:
        raise SocialMapError.from_issues(issues)
    return tuple(found)


def load_snapshots(
    sources: Sequence[Source], *, dates: Sequence[str] | None = None,
    options: MapOptions | Sequence[MapOptions] = MapOptions()
) -> tuple[Snapshot, ...]:
    """Date, read and check every accounts file; the snapshots oldest first.

    Relationships play no part (the trend counts accounts and followers).
    All problems in all files are collected before one SocialMapError is raised.
    ``options`` may be one per file (files whose headings differ need their own column picks).
    """
    from .pipeline import load_tables  # pipeline imports the drawing stages; the dates need none of them

    names = [source_name(source, default=f"table {position + 1}") for position, source in enumerate(sources)]
    when = snapshot_dates(names, dates)
    snapshots, issues = [], []
    each = list(options) if not isinstance(options, MapOptions) else [options] * len(sources)
    for source, name, day, file_options in zip(sources, names, when, each):
        try:
            tables = load_tables(source, options=file_options)
        except SocialMapError as error:
            issues.extend(error.issues)
            continue
        snapshots.append(Snapshot(day, name, tables.accounts, tables.issues, tables.columns))
    if issues:
        raise SocialMapError.from_issues(issues)
    return tuple(sorted(snapshots, key=lambda snapshot: snapshot.date))


def account_figures(accounts: pd.DataFrame) -> pd.DataFrame:
    """One row per account: area, platform, followers and weekly OTV (blank where followers are unknown)."""
    followers = pd.to_numeric(accounts["followers"], errors="coerce").astype("Float64")
    rate = pd.to_numeric(accounts["posts_per_week"], errors="coerce").astype("Float64")
    groups = {column: accounts[column].fillna("").astype(str).replace("", NOT_GIVEN) for column in ("area", "platform")}
    return pd.DataFrame({
        "area": groups["area"].to_numpy(),
        "platform": groups["platform"].to_numpy(),
        "followers": followers.to_numpy(dtype=float, na_value=float("nan")),
        "weekly_otv": (followers * rate.fillna(1.0)).to_numpy(dtype=float, na_value=float("nan")),
        "assumed_one_post": (rate.isna() & followers.notna()).to_numpy(dtype=bool),
    })


def _exact_total(values: pd.Series) -> int:
    """The exact sum of the known values, rounded once (half to even), as the map's headline."""
    return round(math.fsum(values.dropna()))


def _totals(figures: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Accounts, potential reach, weekly OTV, unknown counts and assumed rates per group (or overall)."""
    keys = figures[by] if by else pd.Series("All accounts", index=figures.index)
    grouped = figures.assign(group=keys.to_numpy()).groupby("group", sort=True)
    return pd.DataFrame({
        "accounts": grouped.size(),
        "potential_reach": grouped["followers"].agg(_exact_total).astype("int64"),
        "weekly_otv": grouped["weekly_otv"].agg(_exact_total).astype("int64"),
        "unknown_followers": grouped.size() - grouped["followers"].count(),
        "assumed_one_post": grouped["assumed_one_post"].sum().astype("int64"),
    })


def _with_changes(table: pd.DataFrame) -> pd.DataFrame:
    """Add, per kind and group, the change from the first and the previous snapshot (absolute and %).

    Rows must come in date order within each group (a stable sort keeps it).
    """
    table = table.sort_values(["kind_order", "group_order"], kind="stable").reset_index(drop=True)
    series = table.groupby(["kind", "group"], sort=False)
    for measure in MEASURES:
        values = table[measure].astype("int64")
        first = series[measure].transform("first").astype("int64")
        previous = series[measure].shift(1)
        table[f"{measure}_change_from_first"] = values - first
        table[f"{measure}_pct_from_first"] = _percent(values - first, first)
        table[f"{measure}_change_from_previous"] = (values - previous).astype("Int64")
        table[f"{measure}_pct_from_previous"] = _percent(values - previous, previous)
    return table


def _percent(change: pd.Series, base: pd.Series) -> pd.Series:
    """change / base in per cent to one decimal place; blank where the base is zero or missing."""
    base = base.astype("Float64")
    return (change.astype("Float64") * 100 / base.where(base > 0)).round(1)


def trend_table(snapshots: Sequence[Snapshot]) -> pd.DataFrame:
    """The trend in long format: one row per snapshot and group, columns TREND_COLUMNS.

    Kinds "overall" (one group, "All accounts"), "area" and "platform"; every
    group is in every snapshot (zero where it had no accounts); rows by kind,
    then groups by their latest potential reach (largest first), then date.
    """
    ordered = sorted(snapshots, key=lambda snapshot: snapshot.date)
    parts = []
    for snapshot in ordered:
        figures = account_figures(snapshot.accounts)
        for kind in KINDS:
            totals = _totals(figures, None if kind == "overall" else kind).reset_index()
            totals.insert(0, "kind", kind)
            totals.insert(0, "file", snapshot.file)
            totals.insert(0, "label", snapshot.date.label)
            totals.insert(0, "date", snapshot.date.iso)
            totals.insert(0, "when", snapshot.date)
            parts.append(totals)
    long = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["when", "kind", "group"])
    grid = _every_group_in_every_snapshot(long, ordered)
    latest = grid[grid["when"] == ordered[-1].date] if ordered else grid
    ranked = latest.sort_values(["potential_reach", "accounts", "group"], ascending=[False, False, True])
    rank = {key: position for position, key in enumerate(zip(ranked["kind"], ranked["group"]))}
    grid["group_order"] = [rank[key] for key in zip(grid["kind"], grid["group"])]
    grid["kind_order"] = grid["kind"].map({kind: position for position, kind in enumerate(KINDS)})
    table = _with_changes(grid)
    return table[list(TREND_COLUMNS)]


def _every_group_in_every_snapshot(long: pd.DataFrame, snapshots: Sequence[Snapshot]) -> pd.DataFrame:
    """Zero rows for a group a snapshot lacks, so every series has a value at every date."""
    meta = pd.DataFrame({"when": [s.date for s in snapshots], "date": [s.date.iso for s in snapshots],
                         "label": [s.date.label for s in snapshots], "file": [s.file for s in snapshots]})
    groups = long[["kind", "group"]].drop_duplicates()
    grid = meta.merge(groups, how="cross")
    figures = ["accounts", "potential_reach", "weekly_otv", "unknown_followers", "assumed_one_post"]
    merged = grid.merge(long[["when", "kind", "group", *figures]], on=["when", "kind", "group"], how="left")
    merged[figures] = merged[figures].fillna(0).astype("int64")
    return merged


def group_label(kind: str) -> str:
    """What the rest of a kind is called once the top groups are drawn: "Other areas", "Other platforms"."""
    return {"area": "Other areas", "platform": "Other platforms"}.get(kind, "Other")


def folded(table: pd.DataFrame, kind: str, *, top: int = 8) -> pd.DataFrame:
    """The ``top`` groups of one kind by latest potential reach, and the rest summed as one "Other ..." group.

    Same columns as ``trend_table`` (changes recomputed for the summed group).
    """
    rows = table[table["kind"] == kind]
    order = list(dict.fromkeys(rows["group"]))
    if len(order) <= top + 1:
        return rows.reset_index(drop=True)
    rest = rows[rows["group"].isin(order[top:])]
    figures = ["accounts", "potential_reach", "weekly_otv", "unknown_followers", "assumed_one_post"]
    other = rest.groupby(["date", "label", "file"], sort=False)[figures].sum().reset_index()
    other.insert(3, "kind", kind)
    other.insert(4, "group", f"{group_label(kind)} ({len(order) - top})")
    kept = rows[rows["group"].isin(order[:top])][["date", "label", "file", "kind", "group", *figures]]
    joined = pd.concat([kept, other], ignore_index=True)
    joined["kind_order"] = 0
    joined["group_order"] = joined["group"].map({g: i for i, g in enumerate([*order[:top], other["group"].iloc[0]])})
    return _with_changes(joined)[list(TREND_COLUMNS)]


def _signed(value: float) -> str:
    return f"{value:+,.0f}"


def _pct_text(change: float, base: float) -> str:
    if base <= 0:
        return "new" if change > 0 else "no change"
    return f"{change * 100 / base:+,.1f}%"


def headline(table: pd.DataFrame, *, arrow: str = "→") -> str:
    """"From Aug 2026 to Nov 2026: accounts 210 → 223 (+13), potential reach +6.1%, weekly OTV +8.0%"."""
    overall = table[table["kind"] == "overall"]
    first, last = overall.iloc[0], overall.iloc[-1]
    reach = _pct_text(last["potential_reach"] - first["potential_reach"], first["potential_reach"])
    otv = _pct_text(last["weekly_otv"] - first["weekly_otv"], first["weekly_otv"])
    return (f"From {first['label']} to {last['label']}: accounts {first['accounts']:,} {arrow} {last['accounts']:,} "
            f"({_signed(last['accounts'] - first['accounts'])}), potential reach {reach}, weekly OTV {otv}")


def caveats(table: pd.DataFrame) -> list[str]:
    """What the figures count and what they leave out, in the words the map uses."""
    overall = table[table["kind"] == "overall"]
    lines = [REACH_CAVEAT]
    unknown = {row["label"]: row["unknown_followers"] for _, row in overall.iterrows() if row["unknown_followers"]}
    if unknown:
        counts = ", ".join(f"{count:,} in {label}" for label, count in unknown.items())
        lines.append(f"Accounts with no follower count are counted as accounts but add nothing to reach or OTV "
                     f"({counts}): a count filled in later shows as growth.")
    assumed = {row["label"]: row["assumed_one_post"] for _, row in overall.iterrows() if row["assumed_one_post"]}
    if assumed:
        counts = ", ".join(f"{count:,} in {label}" for label, count in assumed.items())
        lines.append(f"Accounts with no posting rate are counted at one post a week ({counts}).")
    lines.append("Each snapshot counts the accounts in its own file: an account missing from a file "
                 "counts nowhere in that snapshot.")
    lines.append(OUTCOME_CAVEAT)
    return lines
