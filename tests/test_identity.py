"""An account is a platform and a handle (issue 14, item 1).

On tests/data/one_handle_three_platforms.csv: @KBFoodbank on Twitter,
Facebook and Instagram (5,200 + 12,400 + 2,570 followers), @KBCollege on X
and Facebook, a council on Twitter and Facebook under two handles, a true
duplicate row and a row with no platform; linked by a relationships file
without a platform column and by one with source_platform/target_platform.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from socialmap import MapOptions, build_map
from socialmap.changemap import ChangeOptions, build_change
from socialmap.filters import find_account
from socialmap.inputs.identity import platform_key
from socialmap.trend import load_snapshots, trend_table
from socialmap.inputs.accounts import validate_accounts
from socialmap.inputs.relationships import validate_relationships
from tests.apptest import app  # noqa: F401 - a fixture

DATA = Path(__file__).parent / "data"
ACCOUNTS = DATA / "one_handle_three_platforms.csv"
LATER = DATA / "one_handle_three_platforms_later.csv"
LINKS = DATA / "one_handle_links.csv"
BY_PLATFORM = DATA / "one_handle_links_by_platform.csv"
FOODBANK = {"kbfoodbank (twitter)": 5_200, "kbfoodbank (facebook)": 12_400, "kbfoodbank (instagram)": 2_570}


@pytest.fixture(scope="module")
def plain():
    return build_map(ACCOUNTS, LINKS)


@pytest.fixture(scope="module")
def by_platform():
    return build_map(ACCOUNTS, BY_PLATFORM)


def _followers(result) -> dict[str, float]:
    return {node: data["followers"] for node, data in result.graph.nodes(data=True) if not data["placeholder"]}


def test_one_handle_on_three_platforms_is_three_accounts_whose_followers_add_up(plain):
    followers = _followers(plain)
    assert followers == {**FOODBANK, "kbcollege (twitter)": 8_000, "kbcollege (facebook)": 3_100,
                         "kingsbridgetc": 15_000, "kingsbridge-news": 4_000}
    assert plain.reach.accounts == 7
    assert plain.reach.potential_reach == sum(followers.values()) == 50_270
    assert sum(FOODBANK.values()) == 20_170  # what one merged account used to lose
    by_platform = plain.reach_by("platform").set_index("platform")["potential_reach"].to_dict()
    assert by_platform["Instagram"] == 2_570 and by_platform["Facebook"] == 12_400 + 3_100 + 4_000
    assert plain.graph.nodes["kbfoodbank (facebook)"]["id"] == "KBFoodbank"


def test_the_same_platform_and_handle_still_merge_and_a_blank_platform_matches_any():
    table = validate_accounts(pd.read_csv(ACCOUNTS, dtype=str, keep_default_na=False), file="accounts.csv")
    assert [str(issue) for issue in table.issues] == [
        'accounts.csv row 9, column handle: "@KBFoodbank" on Twitter/X repeats the account in row 2; merged into it '
        "(keep one row per account)",
        'accounts.csv row 10, column handle: "KBCollege" has no platform and the handle is on Twitter/X and Facebook: '
        "merged into the Twitter/X account, the one with the most followers (row 5) (keep one row per account)",
    ]
    assert len(table.frame) == 7
    assert table.frame.set_index("key").loc["kingsbridgetc", "followers"] == 15_000


def test_unique_handles_keep_their_keys():
    raw = pd.DataFrame({"id": ["@DerbyCC", "derby-news"], "platform": ["Twitter", "Facebook"]})
    assert validate_accounts(raw, file="a.csv").frame["key"].tolist() == ["derbycc", "derby-news"]
    # a handle written like another's per-platform key keeps its own
    raw = pd.DataFrame({"id": ["derbycc (twitter)", "DerbyCC", "DerbyCC"], "platform": ["", "Twitter", "Facebook"]})
    assert validate_accounts(raw, file="a.csv").frame["key"].tolist() == [
        "derbycc (twitter)", "derbycc (twitter 2)", "derbycc (facebook)"]


def test_links_without_a_platform_column_resolve_by_the_other_end_then_most_followers(plain):
    assert sorted(plain.graph.edges) == sorted([
        ("kingsbridgetc", "kbfoodbank (twitter)"),  # row 2: same platform as the council's Twitter
        ("kingsbridge-news", "kbfoodbank (facebook)"),  # row 3: same platform as the Facebook page
        ("kingsbridge-news", "kbcollege (facebook)"),  # row 4
        ("kingsbridgetc", "kingsbridge-news"),  # row 5: both handles on one platform each, no guess
        ("kbcollege (twitter)", "kbfoodbank (twitter)"),  # row 6: both ambiguous: the college's largest, then same
        ("derby-radio", "kbfoodbank (facebook)"),  # row 7: a placeholder has no platform: the most followers
    ])
    assert plain.graph.nodes["derby-radio"]["placeholder"]


def test_the_guesses_are_one_warning_naming_the_rows(plain):
    guessed = [issue for issue in plain.issues if "several platforms" in issue.message]
    assert [str(issue) for issue in guessed] == [
        'one_handle_links.csv: "KBFoodbank", "KBCollege" are on several platforms and the file has no platform '
        "column: matched 4 links to the account on the same platform as the other end (rows 2, 3, 4, 6) and 1 link "
        "to the account with the most followers (row 7) (add a platform column (or source_platform and "
        "target_platform) to say which account each link means)"
    ]


def test_links_with_platform_columns_resolve_by_them(by_platform):
    assert sorted(by_platform.graph.edges) == sorted([
        ("kingsbridgetc", "kbfoodbank (instagram)"),  # row 2: by the platform columns
        ("kbfoodbank (facebook)", "kbfoodbank (instagram)"),  # row 3: one organisation's two accounts, not a loop
        ("kbcollege (facebook)", "kbfoodbank (facebook)"),  # row 4: blank source platform: the other end's
        ("kingsbridge-news", "kbfoodbank (facebook)"),  # row 5: "Facebook page" names no account: the other end's
        ("kbcollege (twitter)", "kbfoodbank (twitter)"),  # row 6: X and Twitter are one platform
    ])
    guessed = [issue.message for issue in by_platform.issues if "several platforms" in issue.message]
    assert guessed == ['"KBCollege", "@KBFoodbank" are on several platforms and the file has no platform for them: '
                       "matched 2 links to the account on the same platform as the other end (rows 4, 5)"]


def test_one_platform_column_serves_both_ends():
    accounts = validate_accounts(pd.read_csv(ACCOUNTS, dtype=str, keep_default_na=False), file="a.csv").frame
    raw = pd.DataFrame({"from": ["KBCollege", "@KBFoodbank"], "to": ["kbfoodbank", "KBCollege"],
                        "Platform": ["Facebook", "X"]})
    links = validate_relationships(raw, file="r.csv", accounts=accounts)
    assert list(zip(links.frame["source"], links.frame["target"])) == [
        ("kbcollege (facebook)", "kbfoodbank (facebook)"), ("kbfoodbank (twitter)", "kbcollege (twitter)")]
    assert links.issues == []


def test_a_links_file_alone_gives_one_account_per_platform_and_handle():
    result = build_map(BY_PLATFORM)
    assert {node: data["platform"] for node, data in result.graph.nodes(data=True)} == {
        "kingsbridgetc": "Twitter/X", "kbfoodbank (instagram)": "Instagram", "kbfoodbank (facebook)": "Facebook",
        "kbfoodbank (twitter)": "Twitter/X", "kbcollege": "Twitter/X", "kingsbridge-news": "Facebook",
        "kbfoodbank (facebook page)": "Facebook page",  # with no accounts file, the links' platforms are the accounts'
    }


def test_focus_and_search_choices_tell_the_platforms_apart(plain):
    G = plain.graph
    assert find_account(G, "@KBFoodbank") == "kbfoodbank (facebook)"  # the handle alone: the most followers
    assert find_account(G, "KBFoodbank (Instagram)") == "kbfoodbank (instagram)"
    assert find_account(G, "@KBCollege (X)") == "kbcollege (twitter)"
    assert find_account(G, "kingsbridgetc (Twitter)") == "kingsbridgetc"
    shown = build_map(ACCOUNTS, LINKS, options=MapOptions(focus="KBFoodbank (Twitter)"))
    assert set(shown.graph) >= {"kbfoodbank (twitter)", "kingsbridgetc", "kbcollege (twitter)"}
    assert shown.reach.accounts == 3


def test_the_apps_account_choices_are_one_per_platform(plain):
    from socialmap import explore
    from socialmap.pipeline import analyse, load_tables

    labels = explore.account_labels(analyse(load_tables(ACCOUNTS, LINKS)))
    foodbank = {choice: label for choice, label in labels.items() if choice.casefold().lstrip("@").startswith("kbf")}
    assert foodbank == {
        "@KBFoodbank (Twitter/X)": "Kingsbridge Foodbank (@KBFoodbank, Twitter/X)",
        "KBFoodbank (Facebook)": "Kingsbridge Foodbank (KBFoodbank, Facebook)",
        "kbfoodbank (Instagram)": "Kingsbridge Foodbank (kbfoodbank, Instagram)",
    }
    assert {find_account(plain.graph, choice) for choice in foodbank} == set(FOODBANK)


def test_compare_matches_per_platform():
    changes = build_change(ACCOUNTS, LATER, LINKS, None, options=ChangeOptions()).comparison.changes
    rows = {(row.id, row.platform): (row.status, row.followers_change) for row in changes.itertuples()}
    assert rows == {
        ("@KBFoodbank", "Twitter/X"): ("kept", 100),  # Twitter then, X now: one platform
        ("KBFoodbank", "Facebook"): ("kept", -400),
        ("KBFoodbank", "TikTok"): ("added", 900),
        ("kbfoodbank", "Instagram"): ("removed", -2_570),
        ("@KBCollege", "Twitter/X"): ("kept", 0),
        ("KBCollege", "Facebook"): ("kept", 400),
        ("KingsbridgeTC", ""): ("kept", 500),  # no platform now: matches the Twitter account
        ("kingsbridge-news", "Facebook"): ("kept", 0),
    }


def test_trend_counts_each_platform():
    table = trend_table(load_snapshots([ACCOUNTS, LATER], dates=["2026-10", "2026-11"]))
    platforms = table[table["kind"] == "platform"]
    first = platforms[platforms["date"] == platforms["date"].min()].set_index("group")
    assert first.loc["Instagram", "potential_reach"] == 2_570
    assert first.loc["Facebook", "potential_reach"] == 12_400 + 3_100 + 4_000
    assert table[table["kind"] == "overall"]["accounts"].tolist() == [7, 7]


def test_platform_names():
    assert platform_key(" Twitter/X ") == platform_key("x") == platform_key("TWITTER") == "twitter"
    assert platform_key("") == platform_key(None) == ""


def test_the_column_step_still_finds_handles_repeated_across_platforms():
    from socialmap import InputFile
    from socialmap.inputs import guess

    text = ACCOUNTS.read_text().replace("handle,", "Who,", 1)
    plan = guess.column_plan(InputFile("accounts.csv", text.encode()))
    assert plan.missing == ("id",) and plan.guesses == (("id", "Who"),)


def test_the_app_finds_each_platforms_account(app):
    from tests.apptest import run
    from tests.test_app import metrics, upload

    run(upload(app, "accounts", ACCOUNTS.name, ACCOUNTS.read_bytes()))
    run(upload(app, "relationships", LINKS.name, LINKS.read_bytes()))
    options = app.selectbox(key="focus").options
    assert [option for option in options if option.startswith("Kingsbridge Foodbank")] == [
        "Kingsbridge Foodbank (@KBFoodbank, Twitter/X)", "Kingsbridge Foodbank (KBFoodbank, Facebook)",
        "Kingsbridge Foodbank (kbfoodbank, Instagram)"]
    assert metrics(app)["Potential reach"] == "50.3k"
    run(app.selectbox(key="focus").set_value("kbfoodbank (Instagram)"))
    assert metrics(app)["Accounts (of 7)"] == "1"
    run(app.selectbox(key="focus").set_value("@KBFoodbank (Twitter/X)"))
    assert metrics(app)["Accounts (of 7)"] == "3"


def test_a_placeholder_keeps_the_platform_its_link_gives():
    raw = pd.DataFrame({"source": ["@KBFoodbank"], "source_platform": ["Facebook"], "target": ["@NewGroup"],
                        "target_platform": ["Instagram"]})
    result = build_map(ACCOUNTS, raw)
    assert result.graph.nodes["newgroup"]["placeholder"]
    assert result.graph.nodes["newgroup"]["platform"] == "Instagram"
    assert list(result.graph.edges) == [("kbfoodbank (facebook)", "newgroup")]


def test_mentions_of_a_handle_on_several_platforms():
    links = DATA / "one_handle_links.csv"
    dated = pd.read_csv(links, dtype=str).assign(date="2026-11-02")
    change = build_change(ACCOUNTS, LATER, dated, dated,
                          options=ChangeOptions(mentions_of=("KBFoodbank (Twitter)", "@KBFoodbank")))
    mentions = change.comparison.mentions
    assert mentions.groupby("account", sort=False)["mentions"].first().to_dict() == {"@KBFoodbank": 1, "KBFoodbank": 2}


def test_a_link_list_in_the_accounts_file_starts_at_the_rows_own_account():
    accounts = pd.DataFrame({
        "id": ["@KBFoodbank", "KBFoodbank", "KBCollege", "KBCollege"],
        "platform": ["Twitter", "Facebook", "Twitter", "Facebook"],
        "followers": ["5200", "12400", "8000", "3100"],
        "connects_to": ["KBCollege", "KBCollege", "", ""],
    })
    result = build_map(accounts)
    assert sorted(result.graph.edges) == [("kbfoodbank (facebook)", "kbcollege (facebook)"),
                                          ("kbfoodbank (twitter)", "kbcollege (twitter)")]


TWITTER_AND_X = DATA / "twitter_and_x.csv"  # written by hand: Twitter, X, x.com, X/Twitter, FB, Insta, YT


def test_twitter_and_x_are_one_platform_shown_one_way():
    result = build_map(TWITTER_AND_X)
    platforms = {node: data["platform"] for node, data in result.graph.nodes(data=True)}
    assert sorted(set(platforms.values())) == ["Facebook", "Instagram", "Twitter/X", "YouTube"]
    assert result.reach.platforms == 4  # not 8: X is Twitter renamed, FB is Facebook
    assert platforms["derbycc (twitter)"] == platforms["derbymuseums"] == "Twitter/X"
    merged = [issue.message for issue in result.issues if "repeats the account" in issue.message]
    assert merged == ['"@DerbyCC" on Twitter/X repeats the account in row 2; merged into it']
    assert result.graph.nodes["derbycc (twitter)"]["followers"] == 52_000


def test_a_link_end_written_as_a_profile_link_is_that_account():
    result = build_map(DATA / "profile_link_accounts.csv", DATA / "profile_link_ends.csv")
    assert sorted(result.graph.edges()) == [
        ("derbycc (facebook)", "derbypolice (facebook)"), ("derbycc (twitter)", "derbypolice (twitter)"),
        ("derbypolice (twitter)", "derbycc (twitter)")]
    assert not any(data.get("placeholder") for _, data in result.graph.nodes(data=True))
    assert result.graph.number_of_nodes() == 4


def test_a_cell_naming_several_platforms_is_said_not_silently_made_a_platform():
    """"Twitter, Facebook" in a Platform(s) column is two accounts' worth of platforms on one row: the map reads the
    row as one account (it cannot tell whose followers they are) and says which rows to split; "X/Twitter" is one."""
    from socialmap import build_map
    result = build_map(DATA / "platforms_in_one_cell.csv")
    warned = [issue for issue in result.issues if "names several platforms" in issue.message]
    assert [(issue.row, issue.column) for issue in warned] == [(2, "Platform(s)"), (4, "Platform(s)")]
    assert str(warned[0]) == ('platforms_in_one_cell.csv row 2, column Platform(s): "Twitter, Facebook" names several '
                              'platforms; read as one account on "Twitter, Facebook" (give each platform its own row: '
                              'an account is a handle on one platform)')
    assert result.graph.number_of_nodes() == 4
