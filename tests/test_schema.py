"""Column headings: every alias of the input contract is recognised (issues 4, 8)."""

import pytest

from socialmap.schema import ACCOUNT_FIELDS, LINK_LIST_FIELDS, RELATIONSHIP_FIELDS, match_columns, normalise_heading

ACCOUNT_ALIASES = {
    "id": ["id", "handle", "username", "screen_name", "account", "vertex"],
    "name": ["name", "label", "display_name"],
    "platform": ["platform", "network", "site", "channel"],
    "area": ["area", "ward", "locality", "district", "place", "region"],
    "category": ["category", "type", "sector", "group"],
    "followers": ["followers", "follower_count", "followers_count", "audience", "reach"],
    "posts_per_week": ["posts_per_week", "posts", "frequency"],
    "url": ["url", "link", "profile_url", "website", "web"],
    "description": ["description", "bio", "notes"],
    "lat": ["lat", "latitude"],
    "lon": ["lon", "lng", "long", "longitude"],
}
RELATIONSHIP_ALIASES = {
    "source": ["source", "from", "vertex 1"],
    "target": ["target", "to", "vertex 2"],
    "type": ["type", "kind", "relation", "relationship", "label"],
    "weight": ["weight", "edge weight"],
    "direction": ["direction"],
}


def _spellings(alias):
    """The alias as people type it: capitalised, spaced, dashed, underscored."""
    words = alias.replace("_", " ").split()
    return {alias, alias.upper(), " ".join(w.title() for w in words), "-".join(words), "_".join(words), f" {alias} "}


@pytest.mark.parametrize(("field", "alias"), [(f, a) for f, aliases in ACCOUNT_ALIASES.items() for a in aliases])
def test_every_account_alias_matches(field, alias):
    for heading in _spellings(alias):
        assert match_columns([heading], ACCOUNT_FIELDS) == {field: heading}


@pytest.mark.parametrize(("field", "alias"), [(f, a) for f, aliases in RELATIONSHIP_ALIASES.items() for a in aliases])
def test_every_relationship_alias_matches(field, alias):
    for heading in _spellings(alias):
        assert match_columns([heading], RELATIONSHIP_FIELDS) == {field: heading}


def test_exact_name_beats_alias_and_each_heading_is_used_once():
    headings = ["Reach", "Followers", "Handle", "ID"]
    assert match_columns(headings, ACCOUNT_FIELDS) == {"followers": "Followers", "id": "ID"}


def test_unknown_headings_are_left_for_extra_columns():
    assert match_columns(["Team", "Budget code"], ACCOUNT_FIELDS) == {}


def test_normalise_heading():
    assert normalise_heading(" Follower-Count_ ") == "followercount"


def test_earlier_aliases_win_so_nodexl_relationship_beats_its_label_column():
    headings = ["Vertex 1", "Vertex 2", "Label", "Relationship", "Edge Weight"]
    assert match_columns(headings, RELATIONSHIP_FIELDS) == {
        "source": "Vertex 1", "target": "Vertex 2", "type": "Relationship", "weight": "Edge Weight"}


def test_fixed_columns_are_taken_first_and_not_matched_again():
    headings = ["Source", "Target", "Type", "Label"]
    assert match_columns(headings, RELATIONSHIP_FIELDS, {"direction": "Type", "weight": "Absent"}) == {
        "direction": "Type", "source": "Source", "target": "Target", "type": "Label"}


@pytest.mark.parametrize(("heading", "field"), [
    ("connects_to", "connects_to"), ("Connects To", "connects_to"), ("connections", "connects_to"),
    ("Follows", "follows"), ("MENTIONS", "mentions"),
])
def test_link_list_columns(heading, field):
    assert match_columns([heading, "following"], LINK_LIST_FIELDS) == {field: heading}
