"""Canonical columns of the two input tables and the headings accepted for each.

Data only. A heading matches a field when, lower-cased and with spaces,
underscores and dashes removed, it equals the field's name or an alias
("Follower Count" and "followers_count" both match ``followers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Field",
    "ACCOUNT_FIELDS",
    "RELATIONSHIP_FIELDS",
    "ACCOUNT_COLUMNS",
    "RELATIONSHIP_COLUMNS",
    "normalise_heading",
    "match_columns",
]


@dataclass(frozen=True)
class Field:
    """One canonical column: its name, accepted aliases and kind of value."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text | count | number | url | latitude | longitude
    required: bool = False


ACCOUNT_FIELDS: tuple[Field, ...] = (
    Field("id", ("handle", "username", "screen_name", "account", "vertex"), required=True),
    Field("name", ("label", "display_name")),
    Field("platform", ("network", "site", "channel")),
    Field("area", ("ward", "locality", "district", "place", "region")),
    Field("category", ("type", "sector", "group")),
    Field("followers", ("follower_count", "followers_count", "audience", "reach"), kind="count"),
    Field("posts_per_week", ("posts", "frequency"), kind="number"),
    Field("url", ("link", "profile_url", "website"), kind="url"),
    Field("description", ("bio", "notes")),
    Field("lat", ("latitude",), kind="latitude"),
    Field("lon", ("lng", "long", "longitude"), kind="longitude"),
)

RELATIONSHIP_FIELDS: tuple[Field, ...] = (
    Field("source", ("from", "vertex 1"), required=True),
    Field("target", ("to", "vertex 2"), required=True),
    Field("type", ("kind", "relation")),
    Field("weight", (), kind="number"),
)

ACCOUNT_COLUMNS = tuple(field.name for field in ACCOUNT_FIELDS)
RELATIONSHIP_COLUMNS = tuple(field.name for field in RELATIONSHIP_FIELDS)

_IGNORED_IN_HEADINGS = re.compile(r"[\s_\-]+")


def normalise_heading(heading: object) -> str:
    """``" Follower-Count "`` -> ``"followercount"``."""
    return _IGNORED_IN_HEADINGS.sub("", str(heading)).lower()


def match_columns(headings: list[str], fields: tuple[Field, ...]) -> dict[str, str]:
    """Map each canonical field name to the first heading that matches it.

    Exact names win over aliases, so a file with both ``followers`` and
    ``reach`` columns takes ``followers``; a heading is used for one field only.
    """
    normalised = {heading: normalise_heading(heading) for heading in headings}
    matched: dict[str, str] = {}
    used: set[str] = set()
    for pass_aliases in (False, True):
        for field in fields:
            if field.name in matched:
                continue
            wanted = field.aliases if pass_aliases else (field.name,)
            wanted_keys = {normalise_heading(name) for name in wanted}
            for heading in headings:
                if heading not in used and normalised[heading] in wanted_keys:
                    matched[field.name] = heading
                    used.add(heading)
                    break
    return matched
