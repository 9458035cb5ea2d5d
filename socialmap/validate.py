"""Turn raw tables of text into clean accounts and relationships.

Every problem becomes an :class:`~socialmap.errors.Issue` with the
spreadsheet row (header = 1) and the heading as the user wrote it. Nothing is
dropped without one: skipped rows, merged duplicates, dropped links and
placeholder accounts are reported as warnings; values that cannot be read are
errors. The caller decides when to raise (see ``raise_if_errors``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .errors import WARNING, Issue
from .schema import ACCOUNT_FIELDS, RELATIONSHIP_FIELDS, Field, match_columns
from .values import id_key, parse_count, parse_number, parse_url

__all__ = ["ValidatedTable", "validate_accounts", "validate_relationships", "HEADER_ROWS"]

HEADER_ROWS = 1  # spreadsheet row of frame index i is i + HEADER_ROWS + 1
TEXT_FIELDS = ("name", "platform", "area", "category", "description")


@dataclass(frozen=True)
class ValidatedTable:
    """A clean table and the problems found making it."""

    frame: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> heading used


def _spreadsheet_row(index: int) -> int:
    return index + HEADER_ROWS + 1


def _resolve_columns(
    raw: pd.DataFrame, fields: tuple[Field, ...], file: str, columns: Mapping[str, str] | None
) -> tuple[dict[str, str], list[Issue]]:
    headings = [str(heading) for heading in raw.columns]
    matched = match_columns(headings, fields)
    for name, heading in (columns or {}).items():
        if heading in headings:
            matched[name] = heading
    issues = []
    for wanted in (f for f in fields if f.required and f.name not in matched):
        found = ", ".join(f'"{h}"' for h in headings) or "none"
        accepted = ", ".join((wanted.name, *wanted.aliases))
        issues.append(
            Issue(file, None, None, f"no {wanted.name} column (columns found: {found})", f"name one of them: {accepted}")
        )
    return matched, issues


def _rows(raw: pd.DataFrame):
    """(spreadsheet row, {heading: text}, is_blank) for each row, from plain lists (fast)."""
    headings = [str(heading) for heading in raw.columns]
    columns = [raw.iloc[:, position].astype(object).tolist() for position in range(len(headings))]
    for index, values in enumerate(zip(*columns)):
        yield _spreadsheet_row(index), dict(zip(headings, values)), all(not value.strip() for value in values)


def validate_accounts(raw: pd.DataFrame, *, file: str, columns: Mapping[str, str] | None = None) -> ValidatedTable:
    """Clean accounts: one row per unique id, in file order.

    Columns: key, id, name, platform, area, category, followers (NaN =
    unknown), posts_per_week (NaN = unknown), url, description, lat, lon,
    row (spreadsheet row) and extra (a dict of the other columns).
    """
    matched, issues = _resolve_columns(raw, ACCOUNT_FIELDS, file, columns)
    if issues:
        return ValidatedTable(_empty_accounts(), issues, matched)
    if raw.empty:
        issues.append(Issue(file, None, None, "the file has a header but no accounts", "add one row per account"))
        return ValidatedTable(_empty_accounts(), issues, matched)
    extra_headings = [h for h in map(str, raw.columns) if h not in matched.values() and not h.startswith("Unnamed:")]
    records: dict[str, dict] = {}
    for row, cells, blank in _rows(raw):
        if blank:
            issues.append(Issue(file, row, None, "blank row skipped", severity=WARNING))
            continue
        account, row_issues = _account_from_row(cells, matched, extra_headings, file, row)
        issues.extend(row_issues)
        if account is None:
            continue
        earlier = records.get(account["key"])
        if earlier is None:
            records[account["key"]] = account
        else:
            _merge_into(earlier, account)
            issues.append(
                Issue(file, row, matched["id"], f'"{account["id"]}" repeats the account in row {earlier["row"]}; merged into it',
                      "keep one row per account", WARNING)
            )
    frame = _object_frame(list(records.values()), _ACCOUNT_FRAME_COLUMNS)
    return ValidatedTable(frame, issues, matched)


_ACCOUNT_FRAME_COLUMNS = [
    "key", "id", "name", "platform", "area", "category", "followers", "posts_per_week",
    "url", "description", "lat", "lon", "row", "extra",
]


def _object_frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """A frame of plain Python objects: later stages read it back with .tolist(), fast."""
    return pd.DataFrame(
        {column: pd.Series([record[column] for record in records], dtype=object) for column in columns}
    )


def _empty_accounts() -> pd.DataFrame:
    return _object_frame([], _ACCOUNT_FRAME_COLUMNS)


def _account_from_row(
    cells: dict[str, str], matched: dict[str, str], extra_headings: list[str], file: str, row: int
) -> tuple[dict | None, list[Issue]]:
    issues: list[Issue] = []

    def cell(name: str) -> str:
        heading = matched.get(name)
        return cells.get(heading, "").strip() if heading else ""

    handle = cell("id")
    if not id_key(handle):
        issues.append(Issue(file, row, matched["id"], "no id; row skipped", "give every account an id or handle", WARNING))
        return None, issues

    def number(name: str, parse, **bounds) -> float:
        try:
            return parse(cell(name), **bounds)
        except ValueError as error:
            issues.append(Issue(file, row, matched[name], str(error)))
            return math.nan

    account = {
        "key": id_key(handle),
        "id": handle,
        **{name: cell(name) for name in TEXT_FIELDS},
        "followers": number("followers", parse_count),
        "posts_per_week": number("posts_per_week", parse_number, minimum=0),
        "url": "",
        "lat": number("lat", parse_number, minimum=-90, maximum=90),
        "lon": number("lon", parse_number, minimum=-180, maximum=180),
        "row": row,
        "extra": {heading: cells[heading].strip() for heading in extra_headings if cells[heading].strip()},
    }
    try:
        account["url"] = parse_url(cell("url")) or ""
    except ValueError as error:
        issues.append(Issue(file, row, matched["url"], f"{error}; link dropped", severity=WARNING))
    return account, issues


def _merge_into(earlier: dict, later: dict) -> None:
    """Fill the blanks of the first row of an account from a later row."""
    for name, value in later.items():
        current = earlier.get(name)
        missing = current in (None, "") or (isinstance(current, float) and math.isnan(current))
        if missing and name not in ("key", "id", "row"):
            earlier[name] = value
    earlier["extra"] = {**later["extra"], **earlier["extra"]}


def validate_relationships(
    raw: pd.DataFrame,
    *,
    file: str,
    accounts: pd.DataFrame,
    accounts_file: str = "the accounts file",
    columns: Mapping[str, str] | None = None,
) -> ValidatedTable:
    """Clean relationships: one row per input row kept.

    Columns: source, target (matching keys), source_id, target_id (as
    written), type, weight, row. Unknown accounts are reported (warning) and
    become placeholders when the graph is built.
    """
    matched, issues = _resolve_columns(raw, RELATIONSHIP_FIELDS, file, columns)
    if issues:
        return ValidatedTable(_empty_relationships(), issues, matched)
    known = set(accounts["key"].tolist())
    examples = ", ".join(f'"{handle}"' for handle in accounts["id"].tolist()[:2])
    reported_unknown: set[str] = set()
    records = []
    for row, cells, blank in _rows(raw):
        if blank:
            issues.append(Issue(file, row, None, "blank row skipped", severity=WARNING))
            continue
        source, target = cells[matched["source"]].strip(), cells[matched["target"]].strip()
        missing = [name for name, value in (("source", source), ("target", target)) if not id_key(value)]
        if missing:
            issues.append(Issue(file, row, matched[missing[0]], f"no {missing[0]} account; row skipped", severity=WARNING))
            continue
        if id_key(source) == id_key(target):
            issues.append(Issue(file, row, matched["target"], f'"{target}" links to itself; row skipped', severity=WARNING))
            continue
        try:
            weight = _weight(cells[matched["weight"]] if "weight" in matched else "")
        except ValueError as error:
            issues.append(Issue(file, row, matched["weight"], str(error)))
            continue
        source_key, target_key = id_key(source), id_key(target)
        for name, handle, key in (("source", source, source_key), ("target", target, target_key)):
            if key not in known and key not in reported_unknown:
                reported_unknown.add(key)
                issues.append(
                    Issue(file, row, matched[name], f'account "{handle}" is not in {accounts_file}; added as a placeholder',
                          f"ids there look like {examples}" if examples else None, WARNING)
                )
        records.append({
            "source": source_key, "target": target_key,
            "source_id": source, "target_id": target,
            "type": cells[matched["type"]].strip() if "type" in matched else "",
            "weight": weight, "row": row,
        })
    frame = _object_frame(records, _RELATIONSHIP_FRAME_COLUMNS)
    return ValidatedTable(frame, issues, matched)


def _weight(text: str) -> float:
    """A link's weight: 1 when blank, else a number above zero."""
    if not text or text == "1":
        return 1.0
    weight = parse_number(text)
    if math.isnan(weight):
        return 1.0
    if weight <= 0:
        raise ValueError(f'"{text}" must be above zero')
    return weight


_RELATIONSHIP_FRAME_COLUMNS = ["source", "target", "source_id", "target_id", "type", "weight", "row"]


def _empty_relationships() -> pd.DataFrame:
    return _object_frame([], _RELATIONSHIP_FRAME_COLUMNS)
