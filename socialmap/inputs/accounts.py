"""Clean accounts from a table of text: one row per account, every problem an Issue.

Every problem becomes an :class:`~socialmap.errors.Issue` with the
spreadsheet row and the heading as the user wrote it. Nothing is dropped
without one: skipped rows and merged duplicates are reported as warnings;
values that cannot be read are errors. The caller decides when to raise
(see ``raise_if_errors``).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

import pandas as pd

from ..errors import WARNING, Issue
from .cells import (ValidatedTable, blank_rows, empty_frame, handle_keys, in_row_order, object_frame, parsed,
                    resolve_columns, stripped)
from .identity import identify_accounts, key_has_platform, platform_name, platform_names, several_platforms
from .schema import ACCOUNT_FIELDS
from .values import parse_count, parse_number, parse_url

__all__ = ["TEXT_FIELDS", "ACCOUNT_FRAME_COLUMNS", "validate_accounts", "accounts_from_links"]

TEXT_FIELDS = ("name", "platform", "area", "category", "description")
ACCOUNT_FRAME_COLUMNS = [
    "key", "id", "name", "platform", "area", "category", "followers", "posts_per_week",
    "url", "description", "lat", "lon", "row", "extra",
]
_NUMBER_FIELDS = (  # field, parser, bounds: checked in this order within a row
    ("followers", parse_count, {}),
    ("posts_per_week", parse_number, {"minimum": 0, "maximum": 100_000}),
    ("lat", parse_number, {"minimum": -90, "maximum": 90}),
    ("lon", parse_number, {"minimum": -180, "maximum": 180}),
)


def validate_accounts(
    raw: pd.DataFrame,
    *,
    file: str,
    columns: Mapping[str, str] | None = None,
    header_row: int = 1,
    ignored: Collection[str] = (),
) -> ValidatedTable:
    """Clean accounts: one row per unique id, in file order.

    Columns: key, id, name, platform, area, category, followers (NaN =
    unknown), posts_per_week (NaN = unknown), url, description, lat, lon,
    row (spreadsheet row) and extra (a dict of the other columns, except
    the ``ignored`` headings).
    """
    matched, problems = resolve_columns(raw, ACCOUNT_FIELDS, file, columns)
    if problems:
        return ValidatedTable(empty_frame(ACCOUNT_FRAME_COLUMNS), problems, matched)
    if raw.empty:
        problem = Issue(file, None, None, "the file has a header but no accounts", "add one row per account")
        return ValidatedTable(empty_frame(ACCOUNT_FRAME_COLUMNS), [problem], matched)
    first_row = header_row + 1
    ids = stripped(raw, matched["id"])
    handles = handle_keys(ids)
    issues: list[tuple[int, int, Issue]] = []
    values: dict[str, list] = {"id": ids, "row": list(range(first_row, first_row + len(ids)))}
    for name in TEXT_FIELDS:
        values[name] = stripped(raw, matched.get(name))
    listing = {text for text in set(values["platform"]) if text and several_platforms(text)}  # once per spelling
    for i, text in enumerate(values["platform"]):
        if text in listing and handles[i]:
            issues.append((first_row + i, 0, Issue(
                file, first_row + i, matched["platform"], f'"{text}" names several platforms; read as one account on '
                f'"{text}"', "give each platform its own row: an account is a handle on one platform", WARNING)))
    values["platform"] = platform_names(values["platform"])  # "X" and "Twitter" are one platform, shown one way
    for order, (name, parse, bounds) in enumerate(_NUMBER_FIELDS, start=1):
        values[name], failed = parsed(stripped(raw, matched.get(name)), parse, **bounds)
        for i, message in failed.items():
            if handles[i]:
                issues.append((first_row + i, order, Issue(file, first_row + i, matched[name], message)))
    identities = identify_accounts(handles, values["platform"], values["followers"])
    keys = values["key"] = identities.keys
    first = identities.first
    blank = blank_rows(raw, [i for i, key in enumerate(keys) if not key])
    for i, key in enumerate(keys):
        row = first_row + i
        if i in blank:
            issues.append((row, 0, Issue(file, row, None, "blank row skipped", severity=WARNING)))
        elif not key:
            issues.append((row, 0, Issue(file, row, matched["id"], "no id; row skipped",
                                         "give every account an id or handle", WARNING)))
    for i, earlier, why in identities.merged:
        row = first_row + i
        platform = f" on {values['platform'][i]}" if key_has_platform(keys[i], handles[i]) else ""
        message = (f'"{ids[i]}" {why} (row {first_row + earlier})' if why else
                   f'"{ids[i]}"{platform} repeats the account in row {first_row + earlier}; merged into it')
        issues.append((row, 0, Issue(file, row, matched["id"], message, "keep one row per account", WARNING)))
    values["url"] = _urls(stripped(raw, matched.get("url")), keys, file, matched.get("url"), first_row, issues)
    values["extra"] = _extras(raw, matched, ignored)
    for i, earlier, _ in identities.merged:
        _merge_into(values, earlier, i)
    kept = list(first.values())
    frame = object_frame({name: [values[name][i] for i in kept] for name in ACCOUNT_FRAME_COLUMNS})
    unreadable = {row for row, order, issue in issues if issue.is_error and order in (3, 4)}
    _check_positions(frame, file, matched, issues, unreadable)
    return ValidatedTable(frame, in_row_order(issues), matched)


def _urls(
    texts: list[str], keys: list[str], file: str, heading: str | None, first_row: int, issues: list
) -> list[str]:
    """Web links kept; any other link dropped with a warning."""
    cache: dict[str, str] = {}
    urls = []
    for i, text in enumerate(texts):
        if not text:
            urls.append("")
            continue
        if text not in cache:
            try:
                cache[text] = parse_url(text) or ""
            except ValueError as error:
                cache[text] = f"!{error}"
        url = cache[text]
        if url.startswith("!"):
            if keys[i]:
                issues.append((first_row + i, 9, Issue(file, first_row + i, heading, f"{url[1:]}; link dropped",
                                                       severity=WARNING)))
            url = ""
        urls.append(url)
    return urls


def _extras(raw: pd.DataFrame, matched: dict[str, str], ignored: Collection[str]) -> list[dict[str, str]]:
    """Per row, the other columns' non-blank values: {heading: text}."""
    used = set(matched.values()) | set(ignored)
    headings = [h for h in map(str, raw.columns) if h not in used and not h.startswith("Unnamed:")]
    if not headings:
        return [{} for _ in range(len(raw))]
    columns = [stripped(raw, heading) for heading in headings]
    return [{h: v for h, v in zip(headings, cells) if v} for cells in zip(*columns)]


def _missing(value: object) -> bool:
    return value in (None, "") or (isinstance(value, float) and math.isnan(value)) or value == {}


def _merge_into(values: dict[str, list], earlier: int, later: int) -> None:
    """Fill the blanks of the first row of an account from a later row."""
    for name, column in values.items():
        if name in ("key", "id", "row"):
            continue
        if name == "extra":
            column[earlier] = {**column[later], **column[earlier]}
        elif _missing(column[earlier]):
            column[earlier] = column[later]


def _check_positions(frame: pd.DataFrame, file: str, matched: dict[str, str], issues: list, unreadable: set[int]
                     ) -> None:
    """A latitude without a longitude (or the reverse) in a row is no position: warn and clear it.

    Rows whose latitude or longitude could not be read are already reported.
    """
    if "lat" not in matched or "lon" not in matched:
        return
    lats, lons, rows = frame["lat"].tolist(), frame["lon"].tolist(), frame["row"].tolist()
    for i, (lat, lon) in enumerate(zip(lats, lons)):
        if math.isnan(lat) != math.isnan(lon) and rows[i] not in unreadable:
            have, lack = ("lat", "lon") if math.isnan(lon) else ("lon", "lat")
            message = f"has a {_WORD[have]} but no {_WORD[lack]}; the position is not used"
            issues.append((rows[i], 8, Issue(file, rows[i], matched.get(have), message,
                                             f"give both {_WORD['lat']} and {_WORD['lon']}", WARNING)))
            lats[i] = lons[i] = math.nan
    frame["lat"] = pd.Series(lats, dtype=object)
    frame["lon"] = pd.Series(lons, dtype=object)


_WORD = {"lat": "latitude", "lon": "longitude"}


def accounts_from_links(relationships: pd.DataFrame) -> pd.DataFrame:
    """Accounts for a file of links alone: every account named, first spelling, in order of appearance.

    An account's platform is the first platform cell its links give it.
    """
    seen: dict[str, list] = {}
    platforms = {name: relationships[name] if name in relationships else [""] * len(relationships)
                 for name in ("source_platform", "target_platform")}
    links = sorted(zip(relationships["row"], relationships["source"], relationships["source_id"],
                       platforms["source_platform"], relationships["target"], relationships["target_id"],
                       platforms["target_platform"]), key=lambda link: link[0])
    for row, source, source_id, source_platform, target, target_id, target_platform in links:
        for key, handle, platform in ((source, source_id, source_platform), (target, target_id, target_platform)):
            account = seen.setdefault(key, [handle, row, ""])
            if not account[2] and isinstance(platform, str):
                account[2] = platform_name(platform)
    ordered = list(seen.items())
    count = len(ordered)
    columns: dict[str, list] = {
        "key": [key for key, _ in ordered],
        "id": [handle for _, (handle, _, _) in ordered],
        **{name: [""] * count for name in (*TEXT_FIELDS, "url")},
        "platform": [platform for _, (_, _, platform) in ordered],
        **{name: [math.nan] * count for name in ("followers", "posts_per_week", "lat", "lon")},
        "row": [row for _, (_, row, _) in ordered],
        "extra": [{} for _ in range(count)],
    }
    return object_frame({name: columns[name] for name in ACCOUNT_FRAME_COLUMNS})
