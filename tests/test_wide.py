"""Wide channel lists: a row per organisation, a column per platform (issue 14, item 2)."""

from __future__ import annotations

import csv
import math

import pytest
from click.testing import CliRunner

from socialmap import MapOptions, SocialMapError, build_map, load_tables
from socialmap.cli import main
from socialmap.inputs.shapes import read_inputs
from socialmap.inputs.values import parse_count
from socialmap.inputs.wide import parse_channel
from tests.conftest import DATA, SAMPLE_ACCOUNTS
from tests.data.make_channel_lists import CHANNELS, rows

COUNCIL = DATA / "council_channels.csv"
SMALL = DATA / "channel_list.csv"
PLATFORM_OF = {"Twitter": "Twitter/X"}


def _cells() -> list[dict]:
    """Every filled platform cell of the council list, read with the csv module: what should be an account."""
    with COUNCIL.open(encoding="utf-8", newline="") as file:
        table = list(csv.DictReader(file))
    found = []
    for number, row in enumerate(table, start=2):
        for column, (_, figures) in CHANNELS.items():
            if row[column].strip():
                found.append({"row": number, "platform": PLATFORM_OF.get(column, column), "cell": row[column],
                              "followers": row[figures] if figures else "", "name": row["Organisation"],
                              "area": row["Town"], "category": row["Type"]})
    return found


def test_the_council_list_in_tests_data_is_what_its_script_writes():
    with COUNCIL.open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file)) == rows()


def test_a_wide_council_list_gives_exactly_one_account_per_filled_handle_cell():
    cells = _cells()
    assert len(cells) > 800  # several hundred rows, most with several platforms
    tables = load_tables(COUNCIL)
    accounts = tables.accounts
    assert len(accounts) == len(cells)
    by_cell = {(row, platform): account for row, platform, account in
               zip(accounts["row"], accounts["platform"], accounts.to_dict("records"))}
    assert len(by_cell) == len(cells)
    for cell in cells:
        account = by_cell[cell["row"], cell["platform"]]
        assert (account["name"], account["area"], account["category"]) == (cell["name"], cell["area"], cell["category"])
        assert account["extra"]["organisation"] == cell["name"]
        expected = parse_count(cell["followers"]) if cell["followers"] else math.nan
        assert account["followers"] == expected or (math.isnan(expected) and math.isnan(account["followers"])), cell
    # the numeric twitter_id column holds no handles and is not shown on every account
    assert not any(handle.isdigit() for handle in accounts["id"])
    assert not any("twitter_id" in extra for extra in accounts["extra"])


def test_followers_per_platform_add_up_and_reach_by_organisation_is_there():
    result = build_map(COUNCIL)
    cells = _cells()
    by_platform = result.reach_by("platform").set_index("platform")["potential_reach"].to_dict()
    for platform in ("Twitter/X", "Facebook", "Instagram", "YouTube"):
        expected = sum(parse_count(c["followers"]) for c in cells if c["platform"] == platform and c["followers"])
        assert by_platform[platform] == expected
    organisations = result.reach_by("organisation").set_index("organisation")
    first = next(c for c in cells if c["row"] == 2)
    own = [c for c in cells if c["row"] == 2]
    assert organisations.loc[first["name"], "accounts"] == len(own) >= 3
    assert organisations.loc[first["name"], "potential_reach"] == sum(
        parse_count(c["followers"]) for c in own if c["followers"])


def test_profile_links_and_handles_in_cells():
    accounts = load_tables(SMALL).accounts.set_index(["row", "platform"])
    assert accounts.loc[(4, "Twitter/X"), "id"] == "@DerbyCC"
    assert accounts.loc[(4, "Twitter/X"), "url"] == "https://x.com/DerbyCC"
    assert accounts.loc[(4, "Facebook"), "id"] == "DerbyCityCouncil"
    assert accounts.loc[(4, "Facebook"), "followers"] == 8500  # "8.5K" under Facebook likes
    assert accounts.loc[(4, "YouTube"), "id"] == "derbycitycouncil"
    assert accounts.loc[(5, "Facebook"), "followers"] == 41000
    assert accounts.loc[(5, "Bluesky"), "url"] == "https://bsky.app/profile/derbyspolice.bsky.social"
    assert accounts.loc[(6, "Twitter/X"), "url"] == "https://x.com/DerbyMuseums"  # ?lang=en dropped
    assert accounts.loc[(6, "Mastodon"), "id"] == "@derbymuseums@mastodon.social"
    assert accounts.loc[(7, "Facebook"), "id"] == "100064123456789"  # profile.php?id=
    assert math.isnan(accounts.loc[(5, "Bluesky"), "followers"])  # no Bluesky figures: unknown, not Twitter's
    assert set(accounts["area"]) == {"Derby", "Ripley", "Chesterfield"}  # Borough


def test_a_row_with_no_channel_is_reported_and_na_is_blank():
    tables = load_tables(SMALL)
    messages = [str(issue) for issue in tables.issues if "row 8" in str(issue) or "n/a" in str(issue)]
    assert messages == ["channel_list.csv row 8: no handle or link in any platform column "
                        "(X (Twitter), Facebook page, YouTube, Mastodon, ...); row skipped"]


def test_a_bad_figure_is_reported_at_its_row_and_heading_in_the_wide_sheet():
    text = SMALL.read_text(encoding="utf-8").replace("8.5K", "lots")
    from socialmap import InputFile

    with pytest.raises(SocialMapError) as raised:
        load_tables(InputFile("channels.csv", text.encode()))
    assert [str(issue) for issue in raised.value.issues] == [
        'channels.csv row 4, column Facebook likes: "lots" is not a number']


@pytest.mark.parametrize(("cell", "platform", "handle"), [
    ("https://www.facebook.com/DerbyCC", "Facebook", "DerbyCC"),
    ("facebook.com/DerbyCC/", "Facebook", "DerbyCC"),
    ("@DerbyCC", "Twitter/X", "@DerbyCC"),
    ("twitter.com/DerbyCC", "Twitter/X", "DerbyCC"),
    ("https://x.com/DerbyCC", "Twitter/X", "DerbyCC"),
    ("youtube.com/@DerbyCC", "YouTube", "DerbyCC"),
    ("https://www.linkedin.com/company/derby-city-council/", "LinkedIn", "derby-city-council"),
    ("https://www.tiktok.com/@derbycc", "TikTok", "derbycc"),
    ("https://www.instagram.com/derbycc/", "Instagram", "derbycc"),
    ("https://www.threads.net/@derbycc", "Threads", "derbycc"),
    ("https://nextdoor.co.uk/agency-detail/england/derby/derby-city-council/", "Nextdoor", "derby-city-council"),
    ("www.derby.gov.uk/", "Website", "derby.gov.uk"),
    ("n/a", "Facebook", ""),
    ("https://twitter.com/", "Twitter/X", ""),
])
def test_parse_channel(cell, platform, handle):
    assert parse_channel(cell, platform)[0] == handle


def test_long_sheets_with_a_platform_column_keep_working():
    inputs = read_inputs(SAMPLE_ACCOUNTS)
    assert inputs.shape == "accounts" and inputs.wide is None
    from socialmap import InputFile

    long = b"Handle,Platform,Twitter followers\n@a,Twitter,10\nb,Facebook,20\n"
    tables = load_tables(InputFile("long.csv", long))
    assert list(tables.accounts["followers"]) == [10, 20]
    assert [c.line() for c in tables.columns] == [
        "Columns of long.csv (one row per account): id <- Handle, platform <- Platform, followers <- Twitter followers"]


def test_the_cli_says_which_shape_it_read_and_branches_by_organisation(tmp_path):
    out, reach = tmp_path / "map.html", tmp_path / "reach.csv"
    result = CliRunner().invoke(main, ["build", str(SMALL), "-o", str(out), "--layout", "mindmap",
                                       "--branch", "organisation", "--reach", str(reach)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{out}: 9 accounts,")
    assert lines[-2] == f"{reach}: reach by community, area, platform, category and organisation (17 rows)"
    assert lines[-1] == (
        "Columns of channel_list.csv (a column per platform: one account per filled cell): handles <- "
        "X (Twitter) (Twitter/X), Facebook page (Facebook), YouTube, Mastodon, Bluesky, name <- Organisation, "
        "area <- Borough, category <- Sector, followers per platform <- Twitter followers, Facebook likes")
    layout = build_map(SMALL, options=MapOptions(layout="mindmap", branch="organisation")).layout
    branches = sorted(hub.label for hub in layout.hubs if hub.kind == "branch")
    assert branches == ["Chesterfield Food Bank", "Derby City Council", "Derby Museums", "Derbyshire Constabulary"]


def test_naming_the_id_or_platform_column_reads_one_row_per_account():
    from socialmap import InputFile

    data = b"Organisation,Twitter,Facebook,Kind\nDerby City Council,@DerbyCC,DerbyCityCouncil,Twitter\n"
    assert len(load_tables(InputFile("c.csv", data)).accounts) == 2
    for columns in ((("id", "Twitter"),), (("platform", "Kind"), ("id", "Facebook"))):
        tables = load_tables(InputFile("c.csv", data), options=MapOptions(account_columns=columns))
        assert len(tables.accounts) == 1 and tables.columns[0].shape == "one row per account"


def test_a_single_platform_column_with_no_other_id_is_a_channel_list():
    from socialmap import InputFile

    data = b"Organisation,Twitter handle,Followers\nDerby City Council,@DerbyCC,12000\nDerby Museums,@DerbyMuseums,900\n"
    tables = load_tables(InputFile("c.csv", data))
    assert list(tables.accounts["platform"]) == ["Twitter/X", "Twitter/X"]
    assert list(tables.accounts["followers"]) == [12000, 900]  # one platform: the row's figure is its account's


def test_a_link_column_of_a_channel_list_is_reported_at_the_wide_sheets_rows():
    from socialmap import InputFile

    data = (b"Organisation,Twitter,Facebook,connects_to\n"
            b"Derby City Council,@DerbyCC,DerbyCityCouncil,@DerbyMuseums\n"
            b"Derby Museums,@DerbyMuseums,,@Nobody\n")
    tables = load_tables(InputFile("c.csv", data))
    assert sorted(tables.relationships["row"]) == [2, 2, 3]  # both of row 2's accounts link to the museum
    assert [str(issue) for issue in tables.issues if "Nobody" in str(issue)] == [
        'c.csv row 3, column connects_to: account "@Nobody" is not in c.csv; added as a placeholder '
        '(ids there look like "@DerbyCC", "DerbyCityCouncil")']


def test_a_second_column_for_one_platform_is_another_account_of_the_row():
    from socialmap import build_map
    from pathlib import Path
    result = build_map(Path(__file__).parent / "data" / "second_channel_columns.csv")
    accounts = sorted((data["id"], data["platform"]) for _, data in result.graph.nodes(data=True))
    assert accounts == sorted([
        ("DerbyCC", "Facebook"), ("DerbyCouncilNews", "Facebook"), ("@DerbyCC", "Twitter/X"),
        ("@DerbyCCjobs", "Twitter/X"), ("derbycc", "Instagram"), ("DerbyshirePolice", "Facebook"),
        ("@DerPolice", "Twitter/X"), ("derbyshirepolicecadets", "Instagram")])


def test_a_followers_figure_for_a_whole_row_goes_to_its_one_account_and_never_twice():
    """One "Followers" column for an organisation with several pages: whose followers are they? Copied to each
    page, the row's followers would count twice in the potential reach; a row with one account keeps them."""
    from socialmap import build_map
    from pathlib import Path
    result = build_map(Path(__file__).parent / "data" / "wide_followers_for_the_row.csv")
    followers = {data["id"]: data.get("followers") for _, data in result.graph.nodes(data=True)}
    assert followers["ErewashBC"] == 3400 and followers["@AmberValleyBC"] == 2100
    assert all(followers[handle] is None or followers[handle] != followers[handle]  # None or NaN: unknown
               for handle in ("DerbyCC", "DerbyCouncilNews", "@DerbyCC", "ChesterfieldBC", "@ChesterfieldBC"))
    assert result.reach.potential_reach == 5_500
    warnings = [issue for issue in result.issues if issue.column == "Followers"]
    # "n/a" in row 5 says nothing; the Total row (6) has no account, so it is a skipped row, not a shared figure
    assert [(issue.row, issue.severity) for issue in warnings] == [(2, "warning")]
    assert [issue.row for issue in result.issues if "row skipped" in issue.message] == [6]
    assert '"12,400" is for the whole row, which has several accounts: given to none of them' in str(warnings[0])
