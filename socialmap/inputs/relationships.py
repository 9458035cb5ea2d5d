"""Clean relationships from a table of text: one row per link kept, every problem an Issue.

Dropped links and placeholder accounts are reported as warnings; values
that cannot be read are errors. Which account each end means is
:mod:`socialmap.inputs.links`'s job.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd

from ..errors import WARNING, Issue
from .cells import (ValidatedTable, blank_rows, by_value, empty_frame, handle_key, in_row_order, object_frame,
                    once_each, parsed, resolve_columns, stripped)
from .dates import parse_dates
from .wide import profile_link
from .links import PlatformCells, directory_of, guess_warning, platform_cells, resolve_links
from .schema import RELATIONSHIP_FIELDS
from .values import parse_number, parse_two_way, shown, split_ids

__all__ = ["RELATIONSHIP_FRAME_COLUMNS", "validate_relationships"]

RELATIONSHIP_FRAME_COLUMNS = [
    "source", "target", "source_id", "target_id", "type", "weight", "row", "date", "source_platform", "target_platform",
]
def validate_relationships(
    raw: pd.DataFrame,
    *,
    file: str,
    accounts: pd.DataFrame | None,
    accounts_file: str = "the accounts file",
    columns: Mapping[str, str] | None = None,
    header_row: int = 1,
    separators: str = "",
    kind: str | None = None,
    in_accounts: bool = False,
) -> ValidatedTable:
    """Clean relationships: one row per link kept (two for an undirected or mutual one).

    Columns: source, target (matching keys), source_id, target_id (as
    written), type, weight, row, date (``datetime64``; NaT when the file
    has no date column or the cell is blank). ``accounts=None`` means there is no accounts
    table: every id named is an account. Otherwise ids not in ``accounts``
    are reported (warning) and become placeholders when the graph is built.
    ``separators``: a target cell may list several ids. ``kind``: the type
    of every link. ``in_accounts``: the links are a column of the accounts
    table, whose blank rows and missing ids are reported there.
    """
    matched, problems = resolve_columns(raw, RELATIONSHIP_FIELDS, file, columns)
    if problems:
        return ValidatedTable(empty_frame(RELATIONSHIP_FRAME_COLUMNS), problems, matched)
    if raw.empty and not in_accounts:
        problem = Issue(file, None, None, "the file has a header but no relationships", "add one row per link",
                        severity=WARNING)
        return ValidatedTable(empty_frame(RELATIONSHIP_FRAME_COLUMNS), [problem], matched)
    first_row = header_row + 1
    sources, cells = stripped(raw, matched["source"]), stripped(raw, matched["target"])
    sources, source_keys, source_platforms = _ends(sources)
    weights, weight_failed = parsed(stripped(raw, matched.get("weight")), _weight)
    two_way, direction_failed = _directions(stripped(raw, matched.get("direction")))
    types = [kind] * len(raw) if kind is not None else stripped(raw, matched.get("type"))
    issues: list[tuple[int, int, Issue]] = []
    failed: dict[int, list[tuple[str, str]]] = {}
    for name, messages in (("weight", weight_failed), ("direction", direction_failed)):
        for i, message in messages.items():
            failed.setdefault(i, []).append((name, message))
    rows_kept = _usable_rows(raw, sources, source_keys, cells, matched, failed, file, first_row, in_accounts, issues)
    dates = _dates(raw, matched.get("date"), file, first_row, issues)
    if dates.bad_rows:
        rows_kept = [i for i in rows_kept if i not in dates.bad_rows]
    link_rows, targets = _links(rows_kept, cells, separators)
    targets, target_keys, target_platforms = _ends(targets)
    source_of = [source_keys[i] for i in link_rows.tolist()]
    ends = platform_cells(raw, matched, link_rows.tolist(), in_accounts)
    if in_accounts and accounts is not None and "platform" in accounts:  # the source is the row's own account
        platform_of_row = dict(zip(accounts["row"].tolist(), accounts["platform"].tolist()))
        own = [platform_of_row.get(first_row + i) or "" for i in link_rows.tolist()]
        ends = PlatformCells(own, ends.targets, ends.given or any(own))
    ends = _with_link_platforms(ends, [source_platforms[i] for i in link_rows.tolist()], target_platforms)
    directory = directory_of(accounts, source_of, target_keys, ends)
    if ends.given or directory.ambiguous:
        resolved = resolve_links(directory, source_of, target_keys, ends.sources, ends.targets)
        source_of, target_keys = resolved.sources, [
            "" if not handle else key for handle, key in zip(target_keys, resolved.targets)]
        guessed = guess_warning(file, resolved, ([sources[i] for i in link_rows.tolist()], targets),
                                [first_row + i for i in link_rows.tolist()], has_platform=ends.given)
    else:
        guessed = None
    loops = (np.asarray(source_of, dtype=object) == np.asarray(target_keys, dtype=object)) | (
        np.asarray(target_keys, dtype=object) == "")
    for position in np.flatnonzero(loops):
        i, target = int(link_rows[position]), targets[position]
        if target_keys[position]:
            what = "lists itself; that link is skipped" if separators else "links to itself; row skipped"
            issues.append((first_row + i, 2, Issue(file, first_row + i, matched["target"], f'"{target}" {what}',
                                                   severity=WARNING)))
    if loops.any():
        keep = np.flatnonzero(~loops)
        link_rows = link_rows[keep]
        targets = [targets[position] for position in keep]
        target_keys = [target_keys[position] for position in keep]
        source_of = [source_of[position] for position in keep]
        ends = ends.kept(keep.tolist())
    link_rows = link_rows.tolist()
    if accounts is not None:
        issues.extend(_placeholders(link_rows, sources, source_of, targets, target_keys, accounts, accounts_file,
                                    file, first_row, matched))
    picked = {name: [values[i] for i in link_rows] for name, values in
              (("source_id", sources), ("type", types), ("weight", weights))}
    columns_out = {
        "source": source_of, "target": target_keys, "source_id": picked["source_id"], "target_id": targets,
        "type": picked["type"], "weight": picked["weight"], "row": [first_row + i for i in link_rows],
        "source_platform": ends.sources, "target_platform": ends.targets,
    }
    back = [position for position, i in enumerate(link_rows) if two_way[i]]
    if back:
        swap = {"source": "target", "target": "source", "source_id": "target_id", "target_id": "source_id",
                "source_platform": "target_platform", "target_platform": "source_platform"}
        for name, values in list(columns_out.items()):
            columns_out[name] = values + [columns_out[swap.get(name, name)][position] for position in back]
    frame = object_frame(columns_out)
    link_dates = dates.values[np.asarray(link_rows + [link_rows[position] for position in back], dtype=np.int64)]
    frame["date"] = pd.Series(link_dates, dtype="datetime64[ns]")
    found = in_row_order(issues) + ([guessed] if guessed is not None else [])
    return ValidatedTable(frame[RELATIONSHIP_FRAME_COLUMNS], found, matched, len(link_rows))


@dataclass(frozen=True)
class _Dates:
    values: np.ndarray  # datetime64[ns] per input row
    bad_rows: frozenset[int]  # rows whose date could not be read (reported)



def _end(cell: str) -> tuple[str, str, str]:
    """One end as written (a profile link read as its handle), its matching key, and the platform of its link."""
    handle, platform = profile_link(cell)  # https://twitter.com/DerbyCC: DerbyCC on Twitter/X
    return handle or cell, handle_key(handle or cell), platform


def _ends(cells: list[str]) -> list[list[str]]:
    """_end of each cell (once per distinct cell), as three lists: ends as written, keys, link platforms."""
    found = once_each(cells, _end)
    return [list(map(itemgetter(part), found)) for part in range(3)]


def _with_link_platforms(ends: PlatformCells, sources: list[str], targets: list[str]) -> PlatformCells:
    """The platform cells, a blank one filled with the platform of the end's profile link."""
    if not any(sources) and not any(targets):
        return ends
    return PlatformCells([cell or link for cell, link in zip(ends.sources, sources)],
                         [cell or link for cell, link in zip(ends.targets, targets)], True)

def _dates(raw: pd.DataFrame, heading: str | None, file: str, first_row: int, issues: list) -> _Dates:
    """Each row's date (NaT without a date column); every unreadable or ambiguous date an error."""
    if heading is None:
        return _Dates(np.full(len(raw), np.datetime64("NaT"), dtype="datetime64[ns]"), frozenset())
    dates, problems = parse_dates(stripped(raw, heading), file=file, column=heading, first_row=first_row)
    issues.extend((issue.row, 4, issue) for issue in problems)
    return _Dates(dates.to_numpy(dtype="datetime64[ns]"), frozenset(issue.row - first_row for issue in problems))


def _usable_rows(
    raw: pd.DataFrame, sources: list[str], source_keys: list[str], cells: list[str], matched: dict[str, str],
    failed: dict[int, list[tuple[str, str]]], file: str, first_row: int, in_accounts: bool, issues: list,
) -> list[int]:
    """Rows with a source, a target and readable numbers; every other row reported."""
    missing = [i for i, (key, cell) in enumerate(zip(source_keys, cells)) if not key or not cell]
    bad = set(missing) | set(failed)
    if not bad:
        return list(range(len(sources)))
    blank = set() if in_accounts else blank_rows(raw, [i for i in missing if not sources[i] and not cells[i]])
    for i in sorted(bad):
        row = first_row + i
        if i in blank:
            issues.append((row, 0, Issue(file, row, None, "blank row skipped", severity=WARNING)))
        elif not source_keys[i] or not cells[i]:
            if not in_accounts:
                name = "source" if not source_keys[i] else "target"
                issues.append((row, 0, Issue(file, row, matched[name], f"no {name} account; row skipped",
                                             severity=WARNING)))
        else:
            issues.extend((row, 1, Issue(file, row, matched[name], message)) for name, message in failed[i])
    return [i for i in range(len(sources)) if i not in bad]


def _links(rows: list[int], cells: list[str], separators: str) -> tuple[np.ndarray, list[str]]:
    """(input row, target as written) of each link: one per row, or one per id listed in a cell."""
    if not separators:
        return np.asarray(rows, dtype=np.int64), cells if len(rows) == len(cells) else [cells[i] for i in rows]
    link_rows, targets = [], []
    for i in rows:
        for target in split_ids(cells[i], separators):
            link_rows.append(i)
            targets.append(target)
    return np.asarray(link_rows, dtype=np.int64), targets


def _placeholders(
    link_rows: list[int], sources: list[str], source_keys: list[str], targets: list[str], target_keys: list[str],
    accounts: pd.DataFrame, accounts_file: str, file: str, first_row: int, matched: dict[str, str],
) -> list[tuple[int, int, Issue]]:
    """One warning per id not in the accounts table, at its first mention.

    ``source_keys`` and ``target_keys`` are per link (as ``link_rows``);
    ``sources`` per input row.
    """
    known = set(accounts["key"].tolist())
    unknown = (set(source_keys) | set(target_keys)) - known - {""}
    if not unknown:
        return []
    examples = ", ".join(f'"{handle}"' for handle in accounts["id"].tolist()[:2])
    issues = []
    for position, i in enumerate(link_rows):
        if source_keys[position] not in unknown and target_keys[position] not in unknown:
            continue
        for name, handle, key in (("source", sources[i], source_keys[position]),
                                  ("target", targets[position], target_keys[position])):
            if key in unknown:
                unknown.discard(key)
                row = first_row + i
                issues.append((row, 3, Issue(
                    file, row, matched[name], f'account "{handle}" is not in {accounts_file}; added as a placeholder',
                    f"ids there look like {examples}" if examples else None, WARNING)))
        if not unknown:
            break
    return issues


def _weight(text: str) -> float:
    """A link's weight: 1 when blank, else a number above zero."""
    if not text or text == "1":
        return 1.0
    weight = parse_number(text, maximum=1e9)
    if math.isnan(weight):
        return 1.0
    if weight <= 0:
        raise ValueError(f"{shown(text)} must be above zero")
    return weight


def _directions(texts: list[str]) -> tuple[list[bool], dict[int, str]]:
    """Per row, whether the link goes both ways; messages of unreadable directions by position."""
    two_way, failed = by_value(texts, parse_two_way)
    return ([bool(value) for value in two_way] if failed else two_way), failed
