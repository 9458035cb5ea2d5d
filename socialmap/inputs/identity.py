"""Which rows are one account: an account is a platform and a handle.

Organisations use one handle everywhere, so ``@KBFoodbank`` on Twitter and
``KBFoodbank`` on Facebook are two accounts, each with its own followers.
Rows with the same platform and handle are one account (merged, with a
warning); a blank platform matches any.

Keys stay short and readable: a handle on one platform keeps its plain
matching key (``"kbfoodbank"``), so maps of unique handles are unchanged;
a handle on several platforms gets one key per platform,
``"kbfoodbank (twitter)"``, which is also what a person types to pick it.
How a relationship end finds its account is :mod:`socialmap.inputs.links`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .schema import PLATFORMS

__all__ = ["platform_key", "platform_name", "platform_names", "platform_keys", "account_key", "key_has_platform", "AccountIdentities",
           "identify_accounts", "most_followers", "several_platforms"]

_SPACES = re.compile(r"\s+")
# One platform, several names: Twitter became X in 2023, and sheets say either, FB, Insta, YT or the site's address.
# Each platform of schema.PLATFORMS (but websites, which stay as written) is shown by its name there.
_NAME_OF = {names[0].replace(" ", ""): name for name, names in PLATFORMS if name != "Website"}
_SAME_PLATFORM = {
    **{spelling: names[0].replace(" ", "") for name, names in PLATFORMS if name != "Website"
       for spelling in (*names, name.casefold(), f"{names[0].replace(' ', '')}.com")},
    "twitter/x": "twitter", "x/twitter": "twitter", "x (twitter)": "twitter", "twitter (x)": "twitter",
    "x.com": "twitter", "fb.com": "facebook", "youtu.be": "youtube", "bsky.app": "bluesky",
    "bsky.social": "bluesky", "threads.net": "threads", "nextdoor.co.uk": "nextdoor",
}


def platform_key(text: object) -> str:
    """The matching key of a platform: ``" Twitter/X "``, ``"X"``, ``"twitter.com"`` -> ``"twitter"``; ``""`` when blank.

    Case, spaces, a leading ``www.`` and the names people write for one platform are ignored.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)).strip().casefold()).removeprefix("www.")
    return _SAME_PLATFORM.get(cleaned, cleaned)


def platform_name(text: object) -> str:
    """The one spelling a platform is shown by: ``"X"``, ``"twitter.com"`` -> ``"Twitter/X"``, ``"FB"`` -> ``"Facebook"``.

    A platform socialmap does not know (and a website or blog) is kept as written, spaces trimmed.
    """
    key = platform_key(text)
    if key in _NAME_OF:
        return _NAME_OF[key]
    return "" if not key else _SPACES.sub(" ", str(text).strip())


_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|&|\+|\band\b|\s/\s)\s*", re.IGNORECASE)


def several_platforms(text: object) -> list[str]:
    """The platforms a cell names when it names two or more socialmap knows (``"Twitter, Facebook"``,
    ``"Twitter / Instagram"``), else []: ``"X/Twitter"`` is one platform, ``"Facebook"`` one."""
    parts = [part for part in _LIST_SEPARATORS.split(str(text or "")) if part.strip()]
    if len(parts) < 2 or any(platform_key(part) not in _NAME_OF for part in parts):
        return []
    names = list(dict.fromkeys(_NAME_OF[platform_key(part)] for part in parts))
    return names if len(names) > 1 else []


def platform_names(platforms: Sequence[str]) -> list[str]:
    """platform_name of each, worked out once per distinct spelling."""
    known: dict[str, str] = {}
    return [known[text] if text in known else known.setdefault(text, platform_name(text)) for text in platforms]


def platform_keys(platforms: Sequence[object]) -> list[str]:
    """platform_key of each, worked out once per distinct spelling."""
    known: dict[object, str] = {}
    return [known[text] if text in known else known.setdefault(text, platform_key(text)) for text in platforms]


def account_key(handle: str, platform: str, *, several: bool) -> str:
    """The node key of an account: its handle key, with the platform when the handle is on ``several``."""
    return f"{handle} ({platform})" if several and platform else handle


def key_has_platform(key: str, handle: str) -> bool:
    """Whether an account key names its platform (its handle is on several); such keys end with ")"."""
    return key != handle


def most_followers(candidates: Sequence[int], followers: Sequence[float]) -> int:
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
    platform_of = platform_keys(platforms)
    on: dict[str, dict[str, int]] = {}  # handle -> {platform: first row}, in file order
    for i, (handle, platform) in enumerate(zip(handles, platform_of)):
        if handle and platform:
            on.setdefault(handle, {}).setdefault(platform, i)
    plain = {handle for handle in handles if handle}
    keys, first, merged = [""] * len(handles), {}, []
    taken: dict[tuple[str, str], str] = {}
    for i, (handle, platform) in enumerate(zip(handles, platform_of)):
        if not handle:
            continue
        places = on.get(handle, {})
        why = ""
        if not platform and places:
            if len(places) == 1:
                platform = next(iter(places))
            else:
                platform = platform_of[most_followers(list(places.values()), followers)]
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
