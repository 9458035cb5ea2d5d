"""Canonical columns of the two input tables and the headings accepted for each.

Data only. A heading matches a field when, lower-cased and with spaces,
underscores and dashes removed, it equals the field's name or an alias
("Follower Count" and "followers_count" both match ``followers``).
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
    "normalise_heading",
    "match_columns",
]


@dataclass(frozen=True)
class Field:
    """One canonical column: its name, accepted aliases and kind of value."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text | count | number | url | latitude | longitude | direction | ids | date
    required: bool = False


ACCOUNT_FIELDS: tuple[Field, ...] = (
    Field("id", ("handle", "username", "screen_name", "account", "vertex"), required=True),
    Field("name", ("label", "display_name")),
    Field("platform", ("network", "site", "channel")),
    Field("area", ("ward", "locality", "district", "place", "region")),
    Field("category", ("type", "sector", "group")),
    Field("followers", ("follower_count", "followers_count", "audience", "reach"), kind="count"),
    Field("posts_per_week", ("posts", "frequency"), kind="number"),
    Field("url", ("link", "profile_url", "website", "web"), kind="url"),
    Field("description", ("bio", "notes")),
    Field("lat", ("latitude",), kind="latitude"),
    Field("lon", ("lng", "long", "longitude"), kind="longitude"),
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
    # which account a handle on several platforms means (socialmap.identity)
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


def match_columns(
    headings: Iterable[str], fields: tuple[Field, ...], fixed: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each canonical field name to the heading that matches it.

    Exact names win over aliases, and earlier aliases over later ones, so a
    file with both ``followers`` and ``reach`` columns takes ``followers``;
    a heading is used for one field only. ``fixed`` (field -> heading) is
    taken as given, before any matching.
    """
    headings = list(headings)
    matched = {name: heading for name, heading in (fixed or {}).items() if heading in headings}
    used = set(matched.values())
    by_key: dict[str, str] = {}
    for heading in headings:
        if heading not in used:
            by_key.setdefault(normalise_heading(heading), heading)
    for pass_aliases in (False, True):
        for field in fields:
            if field.name in matched:
                continue
            for wanted in field.aliases if pass_aliases else (field.name,):
                heading = by_key.get(normalise_heading(wanted))
                if heading is not None and heading not in used:
                    matched[field.name] = heading
                    used.add(heading)
                    break
    return matched
