"""Which account a relationship end means, when one handle is on several platforms.

A relationship end is resolved, in this order, by the relationships file's
platform column (``platform``, or ``source_platform`` / ``target_platform``)
when the cell names one of the handle's platforms; else to the only account with that handle; else to
the one on the same platform as the other end; else to the one with the
most followers. The last two are guesses, reported in one warning naming
the rows (:func:`guess_warning`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..errors import WARNING, Issue
from .cells import handle_keys, stripped
from .identity import identify_accounts, most_followers, platform_key, platform_keys
from .values import id_key

__all__ = ["Directory", "Resolved", "resolve_links", "guess_warning", "PlatformCells", "platform_cells",
           "directory_of", "BY_PLATFORM", "ONLY", "SAME_PLATFORM", "MOST_FOLLOWERS", "UNKNOWN"]

BY_PLATFORM, ONLY, SAME_PLATFORM, MOST_FOLLOWERS, UNKNOWN = "platform", "only", "same platform", "most followers", ""
_ROWS_SHOWN = 10


@dataclass(frozen=True)
class Directory:
    """The accounts by handle: {handle key: [(platform key, account key, followers), ...]} in file order."""

    by_handle: dict[str, list[tuple[str, str, float]]]

    @classmethod
    def of(cls, handles: Sequence[str], platforms: Sequence[str], keys: Sequence[str], followers: Sequence[float]
           ) -> Directory:
        by_handle: dict[str, list[tuple[str, str, float]]] = {}
        for handle, platform, key, count in zip(handles, platform_keys(platforms), keys, followers):
            count = math.nan if count is None else float(count)
            by_handle.setdefault(handle, []).append((platform, key, count))
        return cls(by_handle)

    def on(self, handle: str, platform: str) -> str | None:
        """The key of the account of ``handle`` on ``platform`` (or with no platform), or None."""
        accounts = self.by_handle.get(handle, [])
        for wanted in (platform, ""):
            for place, key, _ in accounts:
                if place == wanted:
                    return key
        return None

    @property
    def ambiguous(self) -> bool:
        """Whether any handle is on several platforms."""
        return any(len(accounts) > 1 for accounts in self.by_handle.values())


@dataclass(frozen=True)
class Resolved:
    """Each link end's account key and the rule that chose it (BY_PLATFORM ... MOST_FOLLOWERS, or UNKNOWN)."""

    sources: list[str]
    targets: list[str]
    source_rules: list[str]
    target_rules: list[str]


def _definite(directory: Directory, handle: str, platform: str) -> tuple[str, str] | None:
    """(key, rule) when the platform cell or a single account settles the end, else None.

    A platform cell that names none of the handle's platforms ("Facebook
    page" for "Facebook") settles nothing: the other rules decide.
    """
    accounts = directory.by_handle.get(handle)
    if platform and accounts is not None:
        key = directory.on(handle, platform)
        if key is not None:
            return key, BY_PLATFORM
    if accounts is None:
        return handle, UNKNOWN
    if len(accounts) == 1:
        return accounts[0][1], ONLY
    return None


def _platform_of(directory: Directory, handle: str, key: str) -> str:
    for place, account, _ in directory.by_handle.get(handle, ()):
        if account == key:
            return place
    return ""


def _guess(directory: Directory, handle: str, other_platforms: Sequence[str]) -> tuple[str, str]:
    """The account of an ambiguous handle: on the other end's platform if it has one there, else the largest."""
    accounts = directory.by_handle[handle]
    for platform in other_platforms:
        for place, key, _ in accounts:
            if place and place == platform:
                return key, SAME_PLATFORM
    largest = most_followers(range(len(accounts)), [count for _, _, count in accounts])
    return accounts[largest][1], MOST_FOLLOWERS


def resolve_links(directory: Directory, sources: Sequence[str], targets: Sequence[str],
                  source_platforms: Sequence[str], target_platforms: Sequence[str]) -> Resolved:
    """The account key of both ends of every link, from handle keys and platform cells ("" when none).

    When both ends are ambiguous, the source goes to its largest account on
    a platform the target's handle is also on, and the target follows it.
    """
    out_sources, out_targets, source_rules, target_rules = [], [], [], []
    memo: dict[tuple[str, str, str, str], tuple[str, str, str, str]] = {}
    for pair in zip(sources, targets, (platform_key(p) for p in source_platforms),
                    (platform_key(p) for p in target_platforms)):
        found = memo.get(pair)
        if found is None:
            found = memo[pair] = _resolve_pair(directory, *pair)
        out_sources.append(found[0])
        out_targets.append(found[1])
        source_rules.append(found[2])
        target_rules.append(found[3])
    return Resolved(out_sources, out_targets, source_rules, target_rules)


def _resolve_pair(directory: Directory, source: str, target: str, source_platform: str, target_platform: str
                  ) -> tuple[str, str, str, str]:
    start = _definite(directory, source, source_platform)
    end = _definite(directory, target, target_platform)
    if start is None and end is None:
        shared = [place for place, _, _ in directory.by_handle[target]]
        candidates = [place for place, _, count in sorted(
            directory.by_handle[source], key=lambda account: -account[2] if not math.isnan(account[2]) else math.inf)
            if place in shared]
        start = _guess(directory, source, candidates[:1])
        if start[1] == SAME_PLATFORM:
            start = (start[0], MOST_FOLLOWERS)  # chosen by size: the target then follows it
    if start is None:
        start = _guess(directory, source, [_platform_of(directory, target, end[0]) or target_platform])
    if end is None:
        end = _guess(directory, target, [_platform_of(directory, source, start[0]) or source_platform])
    return start[0], end[0], start[1], end[1]


def guess_warning(file: str, resolved: Resolved, handles: tuple[Sequence[str], Sequence[str]], rows: Sequence[int],
                  *, has_platform: bool) -> Issue | None:
    """One warning naming the rows whose ends were matched by a guess (same platform, most followers), or None.

    ``handles``: the sources and targets as written; ``rows``: each link's
    spreadsheet row.
    """
    same: dict[int, None] = {}
    largest: dict[int, None] = {}
    named: dict[str, str] = {}  # handle key -> first spelling
    for position, row in enumerate(rows):
        for rules, written in ((resolved.source_rules, handles[0]), (resolved.target_rules, handles[1])):
            rule = rules[position]
            if rule in (SAME_PLATFORM, MOST_FOLLOWERS):
                (same if rule == SAME_PLATFORM else largest)[row] = None
                named.setdefault(id_key(written[position]), written[position])
    if not named:
        return None
    largest = {row: None for row in largest if row not in same}
    shown = list(named.values())[:3]
    who = ", ".join(f'"{handle}"' for handle in shown) + (f" and {len(named) - 3:,} more" if len(named) > 3 else "")
    parts = []
    for rule_rows, words in ((same, "to the account on the same platform as the other end"),
                             (largest, "to the account with the most followers")):
        if rule_rows:
            parts.append(f"{_links(len(rule_rows))} {words} ({_rows(list(rule_rows))})")
    lacking = "has no platform for them" if has_platform else "has no platform column"
    verb = "is" if len(named) == 1 else "are"
    message = f"{who} {verb} on several platforms and the file {lacking}: matched " + " and ".join(parts)
    return Issue(file, None, None, message, "add a platform column (or source_platform and target_platform) "
                 "to say which account each link means", WARNING)


def _links(count: int) -> str:
    return f"{count:,} link{'s' if count != 1 else ''}"


def _rows(rows: list[int]) -> str:
    rows = sorted(rows)
    text = ", ".join(str(row) for row in rows[:_ROWS_SHOWN])
    more = f" and {len(rows) - _ROWS_SHOWN:,} more" if len(rows) > _ROWS_SHOWN else ""
    return f"row{'s' if len(rows) != 1 else ''} {text}{more}"


@dataclass(frozen=True)
class PlatformCells:
    """Per link, the platform cells of its two ends ("" where the file says none)."""

    sources: list[str]
    targets: list[str]
    given: bool  # the file has a platform column

    def kept(self, positions: list[int]) -> PlatformCells:
        return PlatformCells([self.sources[p] for p in positions], [self.targets[p] for p in positions], self.given)


def platform_cells(raw: pd.DataFrame, matched: dict[str, str], link_rows: list[int], in_accounts: bool
                    ) -> PlatformCells:
    """The ``source_platform`` / ``target_platform`` cells of each link, else the ``platform`` cell for both.

    Links listed in the accounts table take the row's platform for their source only.
    """
    shared = matched.get("platform")
    headings = [matched.get("source_platform", shared), None if in_accounts else matched.get("target_platform", shared)]
    if not any(headings):
        blank = [""] * len(link_rows)
        return PlatformCells(blank, blank, False)
    cells = [stripped(raw, heading) for heading in headings]
    return PlatformCells([cells[0][i] for i in link_rows], [cells[1][i] for i in link_rows], True)


def directory_of(accounts: pd.DataFrame | None, sources: list[str], targets: list[str], ends: PlatformCells
               ) -> Directory:
    """The accounts by handle; with no accounts table, those the links name (one per handle and platform)."""
    if not ends.given and (accounts is None or not any(key.endswith(")") for key in accounts["key"].tolist())):
        return Directory({})  # one account per handle (no key names a platform): nothing to resolve
    if accounts is not None:
        count = len(accounts)
        return Directory.of(handle_keys([str(value) for value in accounts["id"].tolist()]),
                            accounts["platform"].tolist() if "platform" in accounts else [""] * count,
                            accounts["key"].tolist(),
                            accounts["followers"].tolist() if "followers" in accounts else [math.nan] * count)
    handles = [*sources, *targets]
    platforms = [*ends.sources, *ends.targets]
    identities = identify_accounts(handles, platforms, [math.nan] * len(handles))
    firsts = sorted(identities.first.values())
    return Directory.of([handles[i] for i in firsts], [platforms[i] for i in firsts],
                        [identities.keys[i] for i in firsts], [math.nan] * len(firsts))
