"""Comparing two snapshots: accounts added, removed, grown; group totals; mentions (issue 10)."""

import pandas as pd
import pytest

from socialmap.change import account_changes, change_summary, change_tables, group_changes
from socialmap.changemap import build_change, compare, removed_positions, snapshot_label
from socialmap.mentions import mention_counts, most_mentioned
from socialmap.options import ChangeOptions, MapOptions
from socialmap.pipeline import analyse, load_tables
from socialmap.trend import load_snapshots, trend_table
from tests.conftest import DATA, ROOT

TINY = DATA / "change"
SNAPSHOTS = ROOT / "socialmap" / "sample" / "snapshots"


def _analysis(folder, which):
    return analyse(load_tables(folder / f"{which}_accounts.csv", folder / f"{which}_relationships.csv"))


@pytest.fixture(scope="module")
def tiny():
    return _analysis(TINY, "old"), _analysis(TINY, "new")


def test_tiny_accounts_matched_by_id_with_status_growth_and_changes(tiny):
    old, new = tiny
    changes = account_changes(old.metrics, new.metrics).set_index("id")
    assert changes["status"].to_dict() == {"COUNCIL": "kept", "police": "kept", "blog": "kept", "steady": "kept",
                                           "@newbie": "added", "@gone": "removed"}
    assert changes["growth"].to_dict() == {"COUNCIL": "grew", "police": "shrank", "blog": "unknown", "steady": "same",
                                           "@newbie": "", "@gone": ""}
    assert changes.loc["COUNCIL", ["followers_old", "followers_new", "followers_change"]].tolist() == [1000, 1100, 100]
    assert changes.loc["COUNCIL", "followers_change_pct"] == 10.0
    assert changes.loc["COUNCIL", "weekly_otv_change"] == 1000  # 100 more followers x 10 posts a week
    assert changes.loc["police", "followers_change_pct"] == -5.0
    assert changes.loc["@newbie", "followers_change"] == 300 and pd.isna(changes.loc["@newbie", "followers_change_pct"])
    assert changes.loc["@gone", "followers_change"] == -100 and changes.loc["@gone", "weekly_otv_change"] == -200
    assert not changes.loc["blog", "in_growth"] and pd.isna(changes.loc["blog", "followers_change"])


def test_tiny_headline_counts_unknown_accounts_but_leaves_them_out_of_growth(tiny):
    old, new = tiny
    summary = change_summary(account_changes(old.metrics, new.metrics), old_label="Oct", new_label="Nov")
    # like for like: council +100, police -100, steady 0, newbie +300, gone -100 -> +200 on 3,600
    assert (summary.added, summary.removed, summary.kept, summary.grew, summary.same, summary.shrank) == (1, 1, 4, 1, 1, 1)
    assert summary.not_in_growth == 1
    assert summary.followers_change == 200 and summary.followers_change_pct == 5.6
    assert summary.kept_followers_change_pct == 0.0
    assert summary.potential_reach_old == 3600 and summary.potential_reach_new == 3850  # the blog's 50 is in the total
    # totals: 3,600 -> 3,850 (+6.9%); like for like +200 on 3,600; OTV like for like +1,000 on 12,700
    assert summary.headline() == ("+1 account, \u22121 removed, potential reach +6.9% (like for like +5.6%), "
                                  "weekly opportunities to view +8.3% (like for like +7.9%)")
    assert summary.sentences()[-1] == ("1 account has no follower count in one or both snapshots: counted as "
                                       "accounts, left out of the growth figures.")


def test_tiny_group_totals(tiny):
    old, new = tiny
    changes = account_changes(old.metrics, new.metrics)
    belper = group_changes(changes, "area").set_index("group").loc["Belper"]
    assert belper[["accounts_old", "accounts_new", "added", "removed", "kept", "not_in_growth"]].tolist() == [3, 3, 1, 1, 2, 1]
    assert belper[["potential_reach_old", "potential_reach_new", "followers_change"]].tolist() == [600, 850, 200]
    assert belper["followers_change_pct"] == 33.3
    tables = change_tables(changes)
    assert tables.iloc[0]["by"] == "all" and tables.iloc[0]["group"] == "All accounts"
    assert list(tables["by"].unique()) == ["all", "area", "platform", "category", "community"]


def test_tiny_mentions_per_snapshot_and_month(tiny):
    old, new = tiny
    tables = {"Oct": old.tables.relationships, "Nov": new.tables.relationships}
    assert most_mentioned(tables, count=2) == ["council", "police"]
    counts = mention_counts(tables, ["@Council"], accounts_known={"council": ("COUNCIL", "Council")})
    assert counts.to_dict("records") == [
        {"account": "COUNCIL", "name": "Council", "period": "Oct", "mentions": 2, "by_accounts": 2,
         "made_by": "blog (1); police (1)"},
        {"account": "COUNCIL", "name": "Council", "period": "Nov", "mentions": 3, "by_accounts": 2,
         "made_by": "@newbie (2); police (1)"},
    ]
    monthly = mention_counts(tables, ["police"], per="month")
    assert monthly[["account", "period", "mentions"]].values.tolist() == [["police", "2026-10", 0],
                                                                         ["police", "2026-11", 1]]


def test_removed_account_drawn_between_its_old_neighbours_or_at_the_edge(tiny):
    old, _ = tiny
    placed = removed_positions(old.graph, ["gone"], {"council": (0.0, 0.0), "police": (100.0, 0.0)}, seed=1)
    x, y = placed["gone"]
    assert 20 <= x <= 80 and -30 <= y <= 30
    alone = removed_positions(old.graph, ["gone"], {"steady": (0.0, 0.0)}, seed=1)
    assert alone["gone"] == (0.0, 120.0)  # below the map, clear of it
    assert removed_positions(old.graph, ["gone"], {"council": (0.0, 0.0), "police": (100.0, 0.0)}, seed=1) == placed


def test_snapshot_label_is_the_date_in_the_file_name():
    assert snapshot_label("socialmap/sample/snapshots/accounts-2026-10.csv") == "2026-10"
    assert snapshot_label("accounts_2026-11-24.xlsx") == "2026-11-24"
    assert snapshot_label("old accounts.csv") == "old accounts.csv"
    assert snapshot_label("accounts 31-10-2026.csv") == "2026-10-31", "UK day first, as the trend reads it"
    assert snapshot_label("Accounts October 2026.xlsx") == "2026-10"
    assert snapshot_label("accounts-2026-13-01.csv") == "accounts-2026-13-01.csv", "no date: the name, no error"


@pytest.mark.parametrize("old_month, new_month, expected", [
    # accounts old -> new, added, removed, kept, followers known in both, grew, shrank, same (socialmap/sample/README.md)
    ("08", "09", (204, 208, 6, 2, 202, 184, 143, 14, 27)),
    ("09", "10", (208, 215, 8, 1, 207, 188, 147, 17, 24)),
    ("10", "11", (215, 223, 10, 2, 213, 197, 155, 18, 24)),
    ("08", "11", (204, 223, 24, 5, 199, 182, 175, 6, 1)),
])
def test_sample_snapshots_give_the_counts_the_sample_readme_states(old_month, new_month, expected):
    old, new = (analyse(load_tables(SNAPSHOTS / f"accounts-2026-{month}.csv")) for month in (old_month, new_month))
    changes = account_changes(old.metrics, new.metrics)
    summary = change_summary(changes)
    known_in_both = int(((changes["status"] == "kept") & changes["in_growth"]).sum())
    assert (summary.accounts_old, summary.accounts_new, summary.added, summary.removed, summary.kept, known_in_both,
            summary.grew, summary.shrank, summary.same) == expected


def test_sample_october_to_november_change_map_and_mentions():
    options = ChangeOptions(map=MapOptions(title="What changed"), mentions_of=("@DerbyCityHallNews",))
    result = build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv",
                          SNAPSHOTS / "relationships-2026-10.csv", SNAPSHOTS / "relationships-2026-11.csv",
                          options=options)
    summary = result.comparison.summary
    assert summary.headline() == ("+10 accounts, \u22122 removed, potential reach +2.9% (like for like +2.9%), "
                                  "weekly opportunities to view +2.4% (like for like +2.4%)")
    assert summary.not_in_growth == 18
    mentions = result.comparison.mentions
    assert mentions[["period", "mentions", "by_accounts"]].values.tolist() == [["2026-10", 1, 1], ["2026-11", 3, 3]]
    monthly = compare(result.old, result.new, options=ChangeOptions(mentions_per="month"))
    total = monthly.mentions.groupby("period")["mentions"].sum()
    assert list(total.index) == ["2026-10", "2026-11"]
    again = build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv",
                         SNAPSHOTS / "relationships-2026-10.csv", SNAPSHOTS / "relationships-2026-11.csv",
                         options=options)
    assert again.html == result.html  # same input, same page


def test_sample_dated_mentions_per_month_match_the_readme():
    counts = {}
    for month in ("08", "09", "10", "11"):
        relationships = load_tables(SNAPSHOTS / f"accounts-2026-{month}.csv",
                                    SNAPSHOTS / f"relationships-2026-{month}.csv").relationships
        counts[month] = int(((relationships["type"] == "mentions") & relationships["date"].notna()).sum())
    assert counts == {"08": 147, "09": 187, "10": 248, "11": 318}


def test_change_options_are_checked():
    with pytest.raises(ValueError, match="growth must be one of absolute, percent, not 'relative'"):
        ChangeOptions(growth="relative")
    with pytest.raises(ValueError, match="mentions_per must be one of snapshot, month"):
        ChangeOptions(mentions_per="week")


def test_the_change_headline_uses_the_totals_the_maps_and_the_trend_print():
    """A manager holding the change map and the trend page sees one figure for each snapshot."""
    months = ("2026-08", "2026-10", "2026-11")
    trend = trend_table(load_snapshots([SNAPSHOTS / f"accounts-{month}.csv" for month in months]))
    overall = trend[trend["kind"] == "overall"].set_index("label")
    summary = build_change(SNAPSHOTS / "accounts-2026-08.csv", SNAPSHOTS / "accounts-2026-11.csv").comparison.summary
    assert (round(summary.potential_reach_old), round(summary.potential_reach_new)) == (
        overall.loc["Aug 2026", "potential_reach"], overall.loc["Nov 2026", "potential_reach"]) == (1_544_756, 1_669_629)
    assert (round(summary.weekly_otv_old), round(summary.weekly_otv_new)) == (
        overall.loc["Aug 2026", "weekly_otv"], overall.loc["Nov 2026", "weekly_otv"])
    assert summary.reach_change_pct == overall.loc["Nov 2026", "potential_reach_pct_from_first"] == 8.1
    assert "potential reach +8.1% (like for like +7.1%), weekly opportunities to view +6.4%" in summary.headline()


def test_a_comparison_names_each_stage_of_both_snapshots_as_it_goes():
    stages = []
    build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv", progress=stages.append)
    analysis = ["load", "validate", "graph", "communities", "metrics"]
    assert stages == [f"{stage} (older snapshot)" for stage in analysis] + analysis + ["layout", "render"]


def test_a_geo_change_map_places_accounts_round_their_areas():
    areas = ROOT / "socialmap" / "sample" / "areas.csv"
    with_areas = build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv", areas=areas,
                              options=ChangeOptions(map=MapOptions(layout="geo")))
    without = build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv",
                           options=ChangeOptions(map=MapOptions(layout="geo")))
    assert "(place unknown)" in without.html and "(place unknown)" not in with_areas.html
