"""Which account a row or a link end means: an account is a platform and a handle.

Organisations use one handle everywhere, so ``@KBFoodbank`` on Twitter and
``KBFoodbank`` on Facebook are two accounts, each with its own followers.
Rows with the same platform and handle are one account (merged, with a
warning); a blank platform matches any.

Keys stay short and readable: a handle on one platform keeps its plain
matching key (``"kbfoodbank"``), so maps of unique handles are unchanged;
a handle on several platforms gets one key per platform,
``"kbfoodbank (twitter)"``, which is also what a person types to pick it.

A relationship end is resolved, in this order, by the relationships file's
platform column (``platform``, or ``source_platform`` / ``target_platform``)
when the cell names one of the handle's platforms; else to the only account with that handle; else to
the one on the same platform as the other end; else to the one with the
most followers. The last two are guesses, reported in one warning naming
the rows (:func:`guess_warning`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import WARNING, Issue
from .values import id_key

__all__ = [
    "platform_key", "account_key", "key_has_platform", "AccountIdentities", "identify_accounts", "Directory", "Resolved",
    "resolve_links", "guess_warning", "BY_PLATFORM", "ONLY", "SAME_PLATFORM", "MOST_FOLLOWERS", "UNKNOWN",
]

BY_PLATFORM, ONLY, SAME_PLATFORM, MOST_FOLLOWERS, UNKNOWN = "platform", "only", "same platform", "most followers", ""
_SPACES = re.compile(r"\s+")
# One platform, several names: Twitter became X in 2023 and sheets say either.
_SAME_PLATFORM = {"x": "twitter", "twitter/x": "twitter", "x/twitter": "twitter", "x (twitter)": "twitter",
                  "twitter (x)": "twitter", "x.com": "twitter", "twitter.com": "twitter", "facebook.com": "facebook",
                  "instagram.com": "instagram", "youtube.com": "youtube", "linkedin.com": "linkedin",
                  "tiktok.com": "tiktok"}
_ROWS_SHOWN = 10


def platform_key(text: object) -> str:
    """The matching key of a platform: ``" Twitter/X "`` -> ``"twitter"``; ``""`` when blank.

    Case, spaces and the two names of Twitter are ignored.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)).strip().casefold())
    return _SAME_PLATFORM.get(cleaned, cleaned)


def _platform_keys(platforms: Sequence[object]) -> list[str]:
    """platform_key of each, worked out once per distinct spelling."""
    known: dict[object, str] = {}
    return [known[text] if text in known else known.setdefault(text, platform_key(text)) for text in platforms]


def account_key(handle: str, platform: str, *, several: bool) -> str:
    """The node key of an account: its handle key, with the platform when the handle is on ``several``."""
    return f"{handle} ({platform})" if several and platform else handle


def key_has_platform(key: str, handle: str) -> bool:
    """Whether an account key names its platform (its handle is on several); such keys end with ")"."""
    return key != handle


def _most_followers(candidates: Sequence[int], followers: Sequence[float]) -> int:
    """The candidate with the most followers (unknown counts least); ties: the first."""
    return max(candidates, key=lambda i: (-math.inf if math.isnan(followers[i]) else followers[i], -i))


@dataclass(frozen=True)
class AccountIdentities:
    """Which account each accounts row is.

    ``keys``: per row, its account's key ("" for a row with no handle).
    ``first``: {key: the row (position) that holds the account}. ``merged``:
    (row, the row it merges into, why) for every later row of an account,
    ``why`` being "" for the same platform and handle, else the message's
    words for a blank platform matched to a handle on several platforms.
    """

    keys: list[str]
    first: dict[str, int]
    merged: list[tuple[int, int, str]]


def identify_accounts(handles: Sequence[str], platforms: Sequence[str], followers: Sequence[float]
                      ) -> AccountIdentities:
    """The accounts of an accounts table, from each row's handle key, platform (as written) and followers.

    A row with a blank platform joins the account of its handle, or, when
    the handle is on several platforms, the one with the most followers.
    """
    filled = [handle for handle in handles if handle]
    if len(set(filled)) == len(filled):  # every handle once (most files): nothing to tell apart or merge
        return AccountIdentities(list(handles), {handle: i for i, handle in enumerate(handles) if handle}, [])
    platform_keys = _platform_keys(platforms)
    on: dict[str, dict[str, int]] = {}  # handle -> {platform: first row}, in file order
    for i, (handle, platform) in enumerate(zip(handles, platform_keys)):
        if handle and platform:
            on.setdefault(handle, {}).setdefault(platform, i)
    plain = {handle for handle in handles if handle}
    keys, first, merged = [""] * len(handles), {}, []
    taken: dict[tuple[str, str], str] = {}
    for i, (handle, platform) in enumerate(zip(handles, platform_keys)):
        if not handle:
            continue
        places = on.get(handle, {})
        why = ""
        if not platform and places:
            if len(places) == 1:
                platform = next(iter(places))
            else:
                platform = platform_keys[_most_followers(list(places.values()), followers)]
                names = _listed([platforms[row] for row in places.values()])
                why = (f"has no platform and the handle is on {names}: merged into the {platforms[places[platform]]} "
                       "account, the one with the most followers")
        identity = (handle, platform)
        key = taken.get(identity)
        if key is None:
            key = account_key(handle, platform, several=len(places) > 1)
            number = 1
            while key != handle and key in plain:  # a handle written like "kbfoodbank (twitter)": keep both
                number += 1
                key = f"{handle} ({platform} {number})"
            taken[identity] = key
        keys[i] = key
        if key in first:
            merged.append((i, first[key], why))
        else:
            first[key] = i
    return AccountIdentities(keys, first, merged)


def _listed(names: Sequence[str]) -> str:
    """``"Twitter, Facebook and Instagram"``."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Directory:
    """The accounts by handle: {handle key: [(platform key, account key, followers), ...]} in file order."""

    by_handle: dict[str, list[tuple[str, str, float]]]

    @classmethod
    def of(cls, handles: Sequence[str], platforms: Sequence[str], keys: Sequence[str], followers: Sequence[float]
           ) -> Directory:
        by_handle: dict[str, list[tuple[str, str, float]]] = {}
        for handle, platform, key, count in zip(handles, _platform_keys(platforms), keys, followers):
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
    largest = _most_followers(range(len(accounts)), [count for _, _, count in accounts])
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
