"""Turn raw tables of text into clean accounts and relationships.

Every problem becomes an :class:`~socialmap.errors.Issue` with the
spreadsheet row and the heading as the user wrote it. Nothing is dropped
without one: skipped rows, merged duplicates, dropped links and placeholder
accounts are reported as warnings; values that cannot be read are errors.
The caller decides when to raise (see ``raise_if_errors``).

The work is done on plain Python lists, one per column, and each distinct
number or link is parsed once: 100,000 accounts and 800,000 relationships
take about two seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .dates import parse_dates
from .errors import WARNING, Issue
from .formats import Inputs
from .identity import Directory, guess_warning, identify_accounts, key_has_platform, resolve_links
from .wide import renumbered
from .schema import ACCOUNT_FIELDS, RELATIONSHIP_FIELDS, Field, match_columns
from .values import id_key, parse_count, parse_number, parse_two_way, parse_url, shown, split_ids, MAX_FOLLOWERS

__all__ = [
    "ValidatedTable", "ValidatedInputs", "validate_accounts", "validate_relationships", "validate_inputs",
    "accounts_from_links",
    "ACCOUNT_FRAME_COLUMNS", "RELATIONSHIP_FRAME_COLUMNS",
]

TEXT_FIELDS = ("name", "platform", "area", "category", "description")
ACCOUNT_FRAME_COLUMNS = [
    "key", "id", "name", "platform", "area", "category", "followers", "posts_per_week",
    "url", "description", "lat", "lon", "row", "extra",
]
RELATIONSHIP_FRAME_COLUMNS = [
    "source", "target", "source_id", "target_id", "type", "weight", "row", "date", "source_platform", "target_platform",
]
_NUMBER_FIELDS = (  # field, parser, bounds: checked in this order within a row
    ("followers", parse_count, {}),
    ("posts_per_week", parse_number, {"minimum": 0, "maximum": 100_000}),
    ("lat", parse_number, {"minimum": -90, "maximum": 90}),
    ("lon", parse_number, {"minimum": -180, "maximum": 180}),
)


@dataclass(frozen=True)
class ValidatedTable:
    """A clean table, the problems found making it, and the headings used.

    ``kept`` counts the input relationships kept (a two-way link is one
    relationship but two rows of ``frame``).
    """

    frame: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> heading used
    kept: int = 0


def _object_frame(columns: Mapping[str, list]) -> pd.DataFrame:
    """A frame of plain Python objects: later stages read it back with .tolist(), fast."""
    return pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})


def _empty(columns: list[str]) -> pd.DataFrame:
    frame = _object_frame({name: [] for name in columns})
    if "date" in frame.columns:
        frame["date"] = frame["date"].astype("datetime64[ns]")
    return frame


def _resolve_columns(
    raw: pd.DataFrame, fields: tuple[Field, ...], file: str, columns: Mapping[str, str] | None
) -> tuple[dict[str, str], list[Issue]]:
    headings = [str(heading) for heading in raw.columns]
    matched = match_columns(headings, fields, columns)
    issues = []
    for wanted in (f for f in fields if f.required and f.name not in matched):
        found = ", ".join(f'"{h}"' for h in headings) or "none"
        accepted = ", ".join((wanted.name, *wanted.aliases))
        issues.append(
            Issue(file, None, None, f"no {wanted.name} column (columns found: {found})", f"name one of them: {accepted}")
        )
    return matched, issues


def _stripped(raw: pd.DataFrame, heading: str | None) -> list[str]:
    """The column's cells without surrounding spaces ("" for each row when there is no such column)."""
    if heading is None:
        return [""] * len(raw)
    return [value.strip() for value in raw[heading].tolist()]


def _blank_rows(raw: pd.DataFrame, candidates: list[int]) -> set[int]:
    """Which of the candidate rows are blank in every column."""
    if not candidates:
        return set()
    columns = [raw[heading].tolist() for heading in raw.columns]
    return {i for i in candidates if not any(column[i].strip() for column in columns)}


def _keys(values: list[str]) -> list[str]:
    """id_key of each (stripped) value; plain ASCII ids take a shortcut to the same result."""
    return [
        (value[1:].lstrip() if value[:1] == "@" else value).lower() if value.isascii() else id_key(value)
        for value in values
    ]


def _by_value(values: list[str], convert: Callable[[str], object]) -> tuple[list, dict[int, str]]:
    """``convert`` applied once per distinct value; ValueError messages by position."""
    results: dict[str, object] = {}
    failures: dict[str, str] = {}
    for value in set(values):
        try:
            results[value] = convert(value)
        except ValueError as error:
            results[value], failures[value] = None, str(error)
    out = [results[value] for value in values]
    failed = {i: failures[value] for i, value in enumerate(values) if value in failures} if failures else {}
    return out, failed


def _parsed(values: list[str], parse: Callable[..., float], **bounds) -> tuple[list[float], dict[int, str]]:
    """Each value parsed (NaN when unreadable) and, by position, the messages of those that failed.

    Plain digits skip the parser when it is parse_count (most follower counts).
    """

    def convert(value: str) -> float:
        if parse is parse_count and value.isascii() and value.isdigit() and float(value) <= MAX_FOLLOWERS:
            return float(value)
        return parse(value, **bounds)

    out, failed = _by_value(values, convert)
    return ([math.nan if value is None else value for value in out] if failed else out), failed


def _sorted(issues: list[tuple[int, int, Issue]]) -> list[Issue]:
    """Issues in row order; within a row, in the order the checks run."""
    return [issue for _, _, issue in sorted(issues, key=lambda item: (item[0], item[1]))]


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
    matched, problems = _resolve_columns(raw, ACCOUNT_FIELDS, file, columns)
    if problems:
        return ValidatedTable(_empty(ACCOUNT_FRAME_COLUMNS), problems, matched)
    if raw.empty:
        problem = Issue(file, None, None, "the file has a header but no accounts", "add one row per account")
        return ValidatedTable(_empty(ACCOUNT_FRAME_COLUMNS), [problem], matched)
    first_row = header_row + 1
    ids = _stripped(raw, matched["id"])
    handles = _keys(ids)
    issues: list[tuple[int, int, Issue]] = []
    values: dict[str, list] = {"id": ids, "row": list(range(first_row, first_row + len(ids)))}
    for name in TEXT_FIELDS:
        values[name] = _stripped(raw, matched.get(name))
    for order, (name, parse, bounds) in enumerate(_NUMBER_FIELDS, start=1):
        values[name], failed = _parsed(_stripped(raw, matched.get(name)), parse, **bounds)
        for i, message in failed.items():
            if handles[i]:
                issues.append((first_row + i, order, Issue(file, first_row + i, matched[name], message)))
    identities = identify_accounts(handles, values["platform"], values["followers"])
    keys = values["key"] = identities.keys
    first = identities.first
    blank = _blank_rows(raw, [i for i, key in enumerate(keys) if not key])
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
    values["url"] = _urls(_stripped(raw, matched.get("url")), keys, file, matched.get("url"), first_row, issues)
    values["extra"] = _extras(raw, matched, ignored)
    for i, earlier, _ in identities.merged:
        _merge_into(values, earlier, i)
    kept = list(first.values())
    frame = _object_frame({name: [values[name][i] for i in kept] for name in ACCOUNT_FRAME_COLUMNS})
    unreadable = {row for row, order, issue in issues if issue.is_error and order in (3, 4)}
    _check_positions(frame, file, matched, issues, unreadable)
    return ValidatedTable(frame, _sorted(issues), matched)


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
    columns = [_stripped(raw, heading) for heading in headings]
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
    matched, problems = _resolve_columns(raw, RELATIONSHIP_FIELDS, file, columns)
    if problems:
        return ValidatedTable(_empty(RELATIONSHIP_FRAME_COLUMNS), problems, matched)
    if raw.empty and not in_accounts:
        problem = Issue(file, None, None, "the file has a header but no relationships", "add one row per link",
                        severity=WARNING)
        return ValidatedTable(_empty(RELATIONSHIP_FRAME_COLUMNS), [problem], matched)
    first_row = header_row + 1
    sources, cells = _stripped(raw, matched["source"]), _stripped(raw, matched["target"])
    source_keys = _keys(sources)
    weights, weight_failed = _parsed(_stripped(raw, matched.get("weight")), _weight)
    two_way, direction_failed = _directions(_stripped(raw, matched.get("direction")))
    types = [kind] * len(raw) if kind is not None else _stripped(raw, matched.get("type"))
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
    target_keys = _keys(targets)
    source_of = [source_keys[i] for i in link_rows.tolist()]
    ends = _platform_cells(raw, matched, link_rows.tolist(), in_accounts)
    if in_accounts and accounts is not None and "platform" in accounts:  # the source is the row's own account
        platform_of_row = dict(zip(accounts["row"].tolist(), accounts["platform"].tolist()))
        own = [platform_of_row.get(first_row + i) or "" for i in link_rows.tolist()]
        ends = _PlatformCells(own, ends.targets, ends.given or any(own))
    directory = _directory(accounts, source_of, target_keys, ends)
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
    frame = _object_frame(columns_out)
    link_dates = dates.values[np.asarray(link_rows + [link_rows[position] for position in back], dtype=np.int64)]
    frame["date"] = pd.Series(link_dates, dtype="datetime64[ns]")
    found = _sorted(issues) + ([guessed] if guessed is not None else [])
    return ValidatedTable(frame[RELATIONSHIP_FRAME_COLUMNS], found, matched, len(link_rows))


@dataclass(frozen=True)
class _Dates:
    values: np.ndarray  # datetime64[ns] per input row
    bad_rows: frozenset[int]  # rows whose date could not be read (reported)


def _dates(raw: pd.DataFrame, heading: str | None, file: str, first_row: int, issues: list) -> _Dates:
    """Each row's date (NaT without a date column); every unreadable or ambiguous date an error."""
    if heading is None:
        return _Dates(np.full(len(raw), np.datetime64("NaT"), dtype="datetime64[ns]"), frozenset())
    dates, problems = parse_dates(_stripped(raw, heading), file=file, column=heading, first_row=first_row)
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
    blank = set() if in_accounts else _blank_rows(raw, [i for i in missing if not sources[i] and not cells[i]])
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


@dataclass(frozen=True)
class _PlatformCells:
    """Per link, the platform cells of its two ends ("" where the file says none)."""

    sources: list[str]
    targets: list[str]
    given: bool  # the file has a platform column

    def kept(self, positions: list[int]) -> _PlatformCells:
        return _PlatformCells([self.sources[p] for p in positions], [self.targets[p] for p in positions], self.given)


def _platform_cells(raw: pd.DataFrame, matched: dict[str, str], link_rows: list[int], in_accounts: bool
                    ) -> _PlatformCells:
    """The ``source_platform`` / ``target_platform`` cells of each link, else the ``platform`` cell for both.

    Links listed in the accounts table take the row's platform for their source only.
    """
    shared = matched.get("platform")
    headings = [matched.get("source_platform", shared), None if in_accounts else matched.get("target_platform", shared)]
    if not any(headings):
        blank = [""] * len(link_rows)
        return _PlatformCells(blank, blank, False)
    cells = [_stripped(raw, heading) for heading in headings]
    return _PlatformCells([cells[0][i] for i in link_rows], [cells[1][i] for i in link_rows], True)


def _directory(accounts: pd.DataFrame | None, sources: list[str], targets: list[str], ends: _PlatformCells
               ) -> Directory:
    """The accounts by handle; with no accounts table, those the links name (one per handle and platform)."""
    if not ends.given and (accounts is None or not any(key.endswith(")") for key in accounts["key"].tolist())):
        return Directory({})  # one account per handle (no key names a platform): nothing to resolve
    if accounts is not None:
        count = len(accounts)
        return Directory.of(_keys([str(value) for value in accounts["id"].tolist()]),
                            accounts["platform"].tolist() if "platform" in accounts else [""] * count,
                            accounts["key"].tolist(),
                            accounts["followers"].tolist() if "followers" in accounts else [math.nan] * count)
    handles = [*sources, *targets]
    platforms = [*ends.sources, *ends.targets]
    identities = identify_accounts(handles, platforms, [math.nan] * len(handles))
    firsts = sorted(identities.first.values())
    return Directory.of([handles[i] for i in firsts], [platforms[i] for i in firsts],
                        [identities.keys[i] for i in firsts], [math.nan] * len(firsts))


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
    two_way, failed = _by_value(texts, parse_two_way)
    return ([bool(value) for value in two_way] if failed else two_way), failed


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
                account[2] = platform
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
    return _object_frame({name: columns[name] for name in ACCOUNT_FRAME_COLUMNS})


@dataclass(frozen=True)
class ValidatedInputs:
    """Clean accounts and relationships from recognised inputs, with every problem found."""

    accounts: pd.DataFrame
    relationships: pd.DataFrame | None
    issues: tuple[Issue, ...]
    relationship_count: int


def validate_inputs(inputs: Inputs) -> ValidatedInputs:
    """Validate the accounts table (if any), then every table of links, against it.

    With no accounts table, every id named in the links is an account.
    Stops before the links when the accounts table itself is unusable.
    """
    issues: list[Issue] = []
    accounts = None
    accounts_file = inputs.accounts.file if inputs.accounts is not None else "the accounts file"
    if inputs.accounts is not None:
        table = inputs.accounts
        clean = validate_accounts(table.frame, file=table.file, columns=inputs.account_columns,
                                  header_row=table.header_row, ignored=inputs.ignored_columns)
        if inputs.wide is not None:  # told in the wide channel list's rows and headings
            clean = replace(clean, **dict(zip(("issues", "frame"), renumbered(clean.issues, clean.frame, inputs.wide))))
        issues += [*table.issues, *clean.issues]
        if any(issue.is_error and issue.row is None for issue in clean.issues):
            return ValidatedInputs(clean.frame, None, tuple(issues + list(inputs.issues)), 0)
        if clean.frame.empty and not any(issue.is_error for issue in clean.issues):
            issues.append(Issue(table.file, None, clean.columns.get("id"), "no accounts to map: every row is blank "
                                "or has no id", "give every account an id or handle"))
            return ValidatedInputs(clean.frame, None, tuple(issues + list(inputs.issues)), 0)
        accounts = clean.frame
    frames, count, listed = [], 0, []
    for link in inputs.links:
        clean = validate_relationships(
            link.sheet.frame, file=link.sheet.file, accounts=accounts, accounts_file=accounts_file,
            columns=link.columns, header_row=link.sheet.header_row, separators=link.separators, kind=link.kind,
            in_accounts=link.in_accounts,
        )
        if link.in_accounts and inputs.wide is not None:  # a channel list's link column: its own rows
            clean = replace(clean, **dict(zip(("issues", "frame"), renumbered(clean.issues, clean.frame, inputs.wide))))
        if link.in_accounts:
            listed += clean.issues
        else:
            issues += [*link.sheet.issues, *clean.issues]
        frames.append(clean.frame)
        count += clean.kept
    issues += sorted(listed, key=lambda issue: issue.row or 0)
    relationships = pd.concat(frames, ignore_index=True) if len(frames) > 1 else (frames[0] if frames else None)
    if accounts is None:
        accounts = accounts_from_links(relationships)
        if accounts.empty and not any(issue.is_error for issue in issues):
            file = inputs.links[0].sheet.file
            issues.append(Issue(file, None, None, "there are no relationships in the file, so no accounts",
                                "add one row per link"))
    return ValidatedInputs(accounts, relationships, tuple(issues + list(inputs.issues)), count)
