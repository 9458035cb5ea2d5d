"""Canonical columns of the two input tables and the headings accepted for each.

Mostly data. A heading matches a field when, lower-cased and with spaces,
underscores and dashes removed, it equals the field's name or an alias
("Follower Count" and "followers_count" both match ``followers``), or else
when its words hold one of the field's phrases ("TotalFollowers",
"Page likes" and "Followers/Likes" hold ``followers``; "Ward name" holds
``area``, whose "ward" outweighs the generic "name"). Where two headings
could be one field, the one with more filled cells is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "Field",
    "ACCOUNT_FIELDS",
    "RELATIONSHIP_FIELDS",
    "LINK_LIST_FIELDS",
    "ACCOUNT_COLUMNS",
    "RELATIONSHIP_COLUMNS",
    "NODEXL_OWN_COLUMNS",
    "KNOWN_HEADINGS",
    "PLATFORMS",
    "normalise_heading",
    "heading_words",
    "is_known_heading",
    "field_of",
    "match_columns",
]


@dataclass(frozen=True)
class Field:
    """One canonical column: its name, accepted aliases and kind of value."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text | count | number | url | latitude | longitude | direction | ids | date
    required: bool = False
    words: tuple[tuple[str, float], ...] = ()  # (phrase, weight): a heading holding the phrase's words matches
    not_words: frozenset[str] = frozenset()  # a heading holding one of these never matches by words


def _phrases(*phrases: str, weight: float = 1.0) -> tuple[tuple[str, float], ...]:
    """Each phrase with ``weight`` times its number of words: longer phrases are surer."""
    return tuple((phrase, weight * len(phrase.split())) for phrase in phrases)


ACCOUNT_FIELDS: tuple[Field, ...] = (
    Field("id", ("handle", "username", "screen_name", "account", "vertex"), required=True,
          words=(*_phrases("handle", "username", "user name", "screen name", "screenname", "account", "profile",
                           "vertex", "account id", "user id"),
                 ("id", 0.9), ("user", 0.8))),
    Field("name", ("label", "display_name"),
          words=(*_phrases("account name", "display name", "full name", "page name", "organisation name",
                           "organization name", "organisation", "organization", "org", "company", "label"),
                 ("name", 0.5))),
    Field("platform", ("network", "site", "channel"),
          words=_phrases("platform", "network", "social network", "channel", "service", "social media")),
    Field("area", ("ward", "locality", "district", "place", "region"),
          words=_phrases("area", "ward", "locality", "district", "place", "region", "location", "town", "city",
                         "county", "borough", "constituency", "state", "parish", "village", "neighbourhood",
                         "neighborhood", "local authority", "ward name", "area name")),
    Field("category", ("type", "sector", "group"),
          words=_phrases("category", "type", "sector", "group", "kind", weight=1.5)),
    Field("followers", ("follower_count", "followers_count", "audience", "reach"), kind="count",
          words=_phrases("followers", "follower", "likes", "fans", "subscribers", "subscriber", "members",
                         "audience", "reach", "page likes", "follower count", "followers count", "total followers"),
          not_words=frozenset({"growth", "change", "gained", "lost", "new", "increase", "rate", "percent", "pct"})),
    Field("posts_per_week", ("posts", "frequency"), kind="number",
          words=(*_phrases("posts", "frequency", "per week", "a week", "weekly", "wk", "pw"),
                 *_phrases("posts per week", "tweets per week", "posts a week", "tweets a week", weight=1.2))),
    Field("url", ("link", "profile_url", "website", "web"), kind="url",
          words=_phrases("url", "link", "website", "web", "homepage", "web address", "profile url", "profile link",
                         weight=1.5)),
    Field("description", ("bio", "notes"), words=_phrases("description", "bio", "notes", "about", "summary")),
    Field("lat", ("latitude",), kind="latitude", words=_phrases("lat", "latitude")),
    Field("lon", ("lng", "long", "longitude"), kind="longitude", words=_phrases("lon", "lng", "longitude")),
)

# The platforms a wide channel list has a column for: the value written in
# the platform field, and the words of a heading that name it.
PLATFORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Twitter/X", ("twitter", "x", "twitter x", "x twitter")),
    ("Facebook", ("facebook", "fb")),
    ("Instagram", ("instagram", "insta", "ig")),
    ("YouTube", ("youtube", "you tube", "yt")),
    ("TikTok", ("tiktok", "tik tok")),
    ("LinkedIn", ("linkedin", "linked in")),
    ("Threads", ("threads",)),
    ("Bluesky", ("bluesky", "bsky", "blue sky")),
    ("Mastodon", ("mastodon",)),
    ("Nextdoor", ("nextdoor", "next door")),
    ("Website", ("website", "blog", "web site", "web", "homepage")),
)

RELATIONSHIP_FIELDS: tuple[Field, ...] = (
    # what exports and hand-made sheets call the two ends: Gephi, Kumu, NodeXL, follower lists, mention exports
    Field("source", ("from", "vertex 1", "source account", "from account", "follower", "author", "mentioned by"),
          required=True),
    Field("target", ("to", "vertex 2", "target account", "to account", "followed", "mentioned", "mentioned account"),
          required=True),
    Field("type", ("kind", "relation", "relationship", "label")),
    Field("weight", ("edge weight",), kind="number"),
    Field("direction", (), kind="direction"),
    Field("date", ("mention date", "posted", "posted on", "created at"), kind="date"),
    # which account a handle on several platforms means (socialmap.inputs.links)
    Field("platform", ("network",)),
    Field("source_platform", ("from platform", "source network")),
    Field("target_platform", ("to platform", "target network")),
)

# Columns of an accounts table that list the ids an account links to; the
# link's type is the field name ("connects_to" -> "connects to").
LINK_LIST_FIELDS: tuple[Field, ...] = (
    Field("connects_to", ("connected_to", "connections", "links_to"), kind="ids"),
    Field("follows", (), kind="ids"),
    Field("mentions", (), kind="ids"),
)

ACCOUNT_COLUMNS = tuple(field.name for field in ACCOUNT_FIELDS)
RELATIONSHIP_COLUMNS = tuple(field.name for field in RELATIONSHIP_FIELDS)

# NodeXL's own columns (display, layout, graph metrics, housekeeping): not
# the user's data, so not shown as extra columns. "Vertex" and "Label" are
# read as id and name.
NODEXL_OWN_COLUMNS = frozenset({
    "color", "shape", "size", "opacity", "image file", "visibility", "label fill color", "label position",
    "label text color", "label font size", "tooltip", "layout order", "x", "y", "locked?", "polar r",
    "polar angle", "degree", "in-degree", "out-degree", "betweenness centrality", "closeness centrality",
    "eigenvector centrality", "pagerank", "clustering coefficient", "reciprocated vertex pair ratio", "id",
    "dynamic filter", "add your own columns here", "custom menu item text", "custom menu item action",
    "vertex group", "width", "style", "reciprocated?",
})

_IGNORED_IN_HEADINGS = re.compile(r"[\s_\-]+")


def normalise_heading(heading: object) -> str:
    """``" Follower-Count "`` -> ``"followercount"``."""
    return _IGNORED_IN_HEADINGS.sub("", str(heading)).lower()


KNOWN_HEADINGS = frozenset(
    normalise_heading(name)
    for field in (*ACCOUNT_FIELDS, *RELATIONSHIP_FIELDS, *LINK_LIST_FIELDS)
    for name in (field.name, *field.aliases)
)
_WORD_SPLIT = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PICTURE_WORDS = frozenset({"image", "banner", "avatar", "picture", "photo", "icon", "logo", "thumbnail"})
_PLATFORM_WORDS = frozenset(word for _, names in PLATFORMS for word in names if " " not in word) - {"x", "web"}


def heading_words(heading: object) -> tuple[str, ...]:
    """``"TotalFollowers"`` -> ``("total", "followers")``; ``"Posts/wk"`` -> ``("posts", "wk")``."""
    return tuple(word for word in _WORD_SPLIT.split(_CAMEL.sub(" ", str(heading)).lower()) if word)


def holds(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` is a run of ``words``."""
    size = len(phrase)
    return any(words[start:start + size] == phrase for start in range(len(words) - size + 1))


def field_of(heading: object, fields: tuple[Field, ...]) -> tuple[str, int, float] | None:
    """The field a heading says it holds: (field, tier, weight), or None.

    Tier 3: the field's own name; 2: an alias (earlier aliases weigh more);
    1: the heading's words hold one of the field's phrases, the heaviest
    phrase deciding between fields ("Account Name" is a name, "Account
    type" a category, "Profile URL" a link).
    """
    key = normalise_heading(heading)
    for field in fields:
        if key == normalise_heading(field.name):
            return field.name, 3, 0.0
    for field in fields:
        for number, alias in enumerate(field.aliases):
            if key == normalise_heading(alias):
                return field.name, 2, -float(number)
    words = heading_words(heading)
    if not words or len(words) > 6 or _PICTURE_WORDS & set(words):
        return None
    best: tuple[str, int, float] | None = None
    for field in fields:
        weight = _words_weight(words, field)
        if weight is not None and (best is None or weight > best[2]):
            best = (field.name, 1, weight)
    return best


def _words_weight(words: tuple[str, ...], field: Field) -> float | None:
    """The weight of the heaviest of the field's phrases that the heading's words hold; None for none (or when
    they hold one of its not_words)."""
    if field.not_words & set(words):
        return None
    held = [weight for phrase, weight in field.words if holds(words, tuple(phrase.split()))]
    return max(held) if held else None


def is_known_heading(text: str) -> bool:
    """Whether a cell could head a column socialmap reads (to find the heading row under a title)."""
    if normalise_heading(text) in KNOWN_HEADINGS:
        return True
    words = heading_words(text)
    if not words or len(words) > 4:  # a title above the table is longer
        return False
    return bool(_PLATFORM_WORDS & set(words)) or field_of(text, ACCOUNT_FIELDS) is not None


def match_columns(
    headings: Iterable[str], fields: tuple[Field, ...], fixed: Mapping[str, str] | None = None,
    filled: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """Map each canonical field name to the heading that matches it.

    Each heading is read as the field it names best (see :func:`field_of`).
    Among headings naming one field, those with at least half the filled
    cells of the fullest (``filled``: heading -> count; all equal when not
    given) compete by tier, then by more filled cells, then by position: a
    file with both ``followers`` and ``reach`` columns takes ``followers``,
    and an id column filled in 13 of 537 rows loses to a full ``Twitter
    handle``. A heading is used for one field only. ``fixed`` (field ->
    heading) is taken as given, before any matching; a field fixed to ""
    (or to a heading not in ``headings``) is not matched at all.
    """
    headings = list(headings)
    fixed = dict(fixed or {})
    matched = {name: heading for name, heading in fixed.items() if heading and heading in headings}
    used = set(matched.values())
    filled = filled or {}
    candidates: dict[str, list[tuple[int, float, int, int, str]]] = {}
    seen: set[str] = set()
    for position, heading in enumerate(headings):
        key = normalise_heading(heading)
        if heading in used or key in seen:
            continue
        seen.add(key)
        found = field_of(heading, fields)
        if found is not None and found[0] not in fixed:
            name, tier, weight = found
            candidates.setdefault(name, []).append((tier, weight, filled.get(heading, 0), -position, heading))
    # A required field no heading names first takes a link or name column whose words also name it ("Handle/URL"
    # as the id, its links read as handles; "Account Name" last: a list of names and no handles is still a list
    # of accounts). Other columns keep their field: "Account type" is a category, never the id.
    for field in fields:
        if field.required and field.name not in candidates and field.name not in fixed:
            also = [(other != "name", *option) for other, options in candidates.items() if other in ("url", "name")
                    for option in options  # a url column only when named by its words, not "profile_url"
                    if (other == "name" or option[0] == 1) and _names_by_words(option[4], field)]
            if also:
                taken = max(also, key=lambda option: (option[0], option[3], option[4]))[1:]
                for options in candidates.values():
                    if taken in options:
                        options.remove(taken)
                candidates[field.name] = [taken]
    for field in fields:
        options = candidates.get(field.name)
        if options:
            most = max(option[2] for option in options)
            matched[field.name] = max(options, key=lambda option: (2 * option[2] >= most, option[:4]))[4]
    return matched


def _names_by_words(heading: str, field: Field) -> bool:
    """Whether the heading's words hold one of the field's phrases (though it names another field better)."""
    return _words_weight(heading_words(heading), field) is not None
