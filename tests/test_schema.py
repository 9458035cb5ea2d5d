"""Column headings: every alias of the input contract is recognised (issues 4, 8)."""

import pytest

from socialmap.inputs.schema import (ACCOUNT_FIELDS, LINK_LIST_FIELDS, RELATIONSHIP_FIELDS, match_columns,
                                     normalise_heading)

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


# --- the headings people write (issue 14, item 3) ---------------------------------------------------

from socialmap import InputFile, load_tables  # noqa: E402
from tests.conftest import DATA  # noqa: E402

PEOPLE_WRITE = {
    "name": ["Account Name", "Organisation", "Display name"],
    "posts_per_week": ["Posts/wk", "Posts per week", "Tweets per week"],
    "followers": ["TotalFollowers", "Follower count", "Followers/Likes", "Page likes", "Subscribers", "Members"],
    "area": ["Location", "Town", "County", "Borough", "Constituency", "State", "Ward name"],
    "id": ["Twitter handle", "Screen name", "Profile"],
}
_SHEET = {"id": "@DerbyCC", "name": "Derby City Council", "platform": "Twitter/X", "area": "Arboretum",
          "followers": "34,911", "posts_per_week": "10"}
_READ = {"id": "@DerbyCC", "name": "Derby City Council", "area": "Arboretum", "followers": 34911,
         "posts_per_week": 10}


@pytest.mark.parametrize(("field", "heading"), [(f, h) for f, headings in PEOPLE_WRITE.items() for h in headings])
def test_each_heading_people_write_is_read_with_no_help(field, heading):
    headings = [heading if name == field else name for name in _SHEET]
    text = ",".join(headings) + "\n" + ",".join(f'"{value}"' for value in _SHEET.values()) + "\n"
    tables = load_tables(InputFile("accounts.csv", text.encode()))
    assert tables.accounts.loc[0, field] == _READ[field]
    assert f"{field} <- {heading}" in tables.columns[0].line()
    assert "other columns" not in tables.columns[0].line()


def test_a_sheet_of_headings_people_write_needs_no_flags_and_says_what_it_read():
    tables = load_tables(DATA / "headings_people_write.csv")
    assert [c.line() for c in tables.columns] == [
        "Columns of headings_people_write.csv (one row per account): id <- Twitter handle, name <- Account Name, "
        "platform <- Platform, area <- Ward name, category <- Organisation type, followers <- TotalFollowers, "
        "posts_per_week <- Posts/wk, url <- Profile URL, description <- About; other columns, shown as written: Team"]
    accounts = tables.accounts.set_index("key")
    assert accounts.loc["derbymuseums", "followers"] == 4100
    assert accounts.loc["sinfinlibrary", "url"] == "https://www.facebook.com/SinfinLibrary"
    assert not tables.issues


def test_of_two_columns_that_could_hold_the_id_the_fuller_one_is_read():
    text = "id,Twitter handle,followers\n" + "".join(
        f"{'x' + str(n) if n == 0 else ''},@org{n},{n}\n" for n in range(10))
    tables = load_tables(InputFile("accounts.csv", text.encode()))
    assert len(tables.accounts) == 10
    assert "id <- Twitter handle" in tables.columns[0].line()
    assert tables.columns[0].other == ("id",)


@pytest.mark.parametrize(("heading", "field"), [
    ("Account type", "category"), ("Profile image URL", None), ("Follower growth", None), ("Twitter followers", "followers"),
    ("Display name", "name"), ("Location", "area"), ("Screen name", "id"), ("Web address", "url"),
])
def test_the_words_of_a_heading_decide_its_field(heading, field):
    assert match_columns([heading], ACCOUNT_FIELDS) == ({field: heading} if field else {})


def test_a_handle_or_link_column_is_the_id_when_no_heading_names_the_id_better():
    """"Handle/URL" names a link and a handle: with no other id column it is the id (its links read as handles);
    the name column is the id only when nothing else can be."""
    assert match_columns(["Account Name", "Handle/URL", "Followers"], ACCOUNT_FIELDS) == {
        "id": "Handle/URL", "name": "Account Name", "followers": "Followers"}
    assert match_columns(["Handle", "Website"], ACCOUNT_FIELDS) == {"id": "Handle", "url": "Website"}
    assert match_columns(["Account Name", "Platform", "Followers"], ACCOUNT_FIELDS)["id"] == "Account Name"


def test_a_comms_teams_audit_sheet_is_read_as_they_wrote_it():
    """Title rows above the headings, a "Handle/URL" column mixing handles and pasted profile links, counts jotted
    down ("12.4k", "~5000", "approx 300"), a blank row, a total row and a note below: the map is made (it was
    refused with "no id column"), each link is its handle on its platform, and what is skipped is said by row."""
    from socialmap import build_map
    result = build_map(DATA / "comms_team_audit.csv")
    accounts = {data["id"]: (data["platform"], data.get("followers"), data.get("url"))
                for _, data in result.graph.nodes(data=True)}
    assert accounts["DerbyCityCouncil"] == ("Facebook", 1_200_000, "https://www.facebook.com/DerbyCityCouncil")
    assert accounts["@DerbyCC"][:2] == ("Twitter/X", 12_400)
    assert accounts["@DerbyshireCops"][:2] == ("Twitter/X", 5000)
    assert accounts["chesterfieldlibrary"][:2] == ("Instagram", 300)
    assert len(accounts) == 5 and result.reach.potential_reach == 1_221_100  # the Total row is no account
    skipped = sorted(issue.row for issue in result.issues if "row skipped" in issue.message)
    assert skipped == [10, 11, 12]  # the blank row, "Total" and the note under the table, each said
