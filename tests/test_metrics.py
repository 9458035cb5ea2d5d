"""Figures per account and per group, with their caveats (issues 4, 6)."""

import math

import networkx as nx
import pandas as pd
import pytest

from socialmap import build_map
from socialmap.community import detect_communities
from socialmap.graph import build_graph
from socialmap.metrics import audience_ranges, betweenness, bridges, pagerank, reach_by
from socialmap.pipeline import load_tables
from tests.conftest import ROOT, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.networks import as_tables


@pytest.fixture(scope="module")
def sample():
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, areas=ROOT / "socialmap" / "sample" / "areas.csv")


def _graph(G):
    tables = load_tables(*as_tables(G))
    return build_graph(tables.accounts, tables.relationships)


def test_otv_is_followers_times_posts_with_one_post_assumed():
    accounts = pd.DataFrame({
        "id": ["a", "b", "c"], "followers": ["1,000", "200", ""], "posts_per_week": ["3", "", "5"],
    })
    result = build_map(accounts)
    table = result.metrics.set_index("id")
    assert table.loc["a", "weekly_otv"] == 3000
    assert table.loc["b", "weekly_otv"] == 200 and bool(table.loc["b", "posts_per_week_assumed"])
    assert pd.isna(table.loc["c", "weekly_otv"])  # unknown followers: unknown OTV, not zero
    assert result.reach.potential_reach == 1200
    assert result.reach.weekly_otv == 3200
    assert result.reach.assumed_one_post == 1 and result.reach.unknown_followers == 1
    assert any("counted at one post a week" in s for s in result.reach.sentences())
    assert all("not" in s for s in result.reach.sentences()[:2])  # each figure carries its caveat


def test_placeholders_count_as_no_account(sample, write_csv):
    accounts = write_csv("a.csv", "id,followers\na,10\nb,20\n")
    links = write_csv("r.csv", "source,target\na,b\na,ghost\n")
    result = build_map(accounts, links)
    assert result.reach.accounts == 2
    assert result.graph.number_of_nodes() == 3
    assert list(result.reach_by("area")["accounts"]) == [2]


def test_betweenness_exact_matches_networkx():
    G = nx.karate_club_graph()
    social = _graph(G)
    ours = betweenness(social)
    reference = nx.betweenness_centrality(nx.Graph(social.to_undirected()))
    assert all(math.isclose(ours[n], reference[n], abs_tol=1e-6) for n in social)


def test_sampled_betweenness_is_seeded_and_finds_the_same_leaders():
    G = nx.powerlaw_cluster_graph(1500, 3, 0.1, seed=1)  # hubs carry most shortest paths
    social = _graph(G)
    exact = betweenness(social)
    sampled = betweenness(social, exact_up_to=100, seed=1)
    assert sampled == betweenness(social, exact_up_to=100, seed=1)
    top_exact = set(sorted(exact, key=exact.get, reverse=True)[:30])
    top_sampled = set(sorted(sampled, key=sampled.get, reverse=True)[:30])
    assert len(top_exact & top_sampled) >= 24
    assert math.isclose(sum(sampled.values()), sum(exact.values()), rel_tol=0.15)


def test_bridges_link_two_other_communities():
    G = nx.Graph()
    for offset in (0, 10, 20):
        G.add_edges_from((offset + i, offset + j) for i in range(5) for j in range(i + 1, 5))
    G.add_edges_from([(0, 10), (0, 20)])  # account 0 reaches both other cliques
    social = _graph(G)
    partition = detect_communities(social)
    flagged = [n for n, is_bridge in bridges(social, partition).items() if is_bridge]
    assert flagged == ["0"]


def test_reach_by_area_sums_and_ranks(sample):
    table = sample.reach_by("area")
    assert list(table.columns) == ["area", "accounts", "potential_reach", "weekly_otv", "likely_impressions",
                                   "unknown_followers", "top_accounts"]
    assert table["accounts"].sum() == sample.reach.accounts
    assert table["potential_reach"].sum() == sample.reach.potential_reach
    assert list(table["potential_reach"]) == sorted(table["potential_reach"], reverse=True)
    derby = table.set_index("area").loc["Derby"]
    accounts = sample.metrics[sample.metrics["area"] == "Derby"]
    top = accounts.sort_values("followers", ascending=False)["name"].head(3)
    assert derby["top_accounts"] == "; ".join(top)


def test_reach_by_community_covers_every_account(sample):
    table = sample.reach_by("community")
    assert set(table["community"]) == set(sample.partition.names)
    assert table["accounts"].sum() == sample.reach.accounts


def test_audience_range_is_honest(sample):
    ranges = sample.audience().set_index("area")
    areas = pd.read_csv(ROOT / "socialmap" / "sample" / "areas.csv").set_index("area")
    for area, row in ranges.iterrows():
        followers = sample.metrics[(sample.metrics["area"] == area)]["followers"].dropna()
        assert row["audience_at_least"] == min(followers.max(), areas.loc[area, "population"])
        assert row["audience_at_most"] == min(followers.sum(), areas.loc[area, "population"])
        assert row["audience_at_least"] <= row["audience_at_most"] <= row["population"]


def test_audience_range_needs_population():
    metrics = pd.DataFrame({"area": ["X"], "followers": [5], "placeholder": [False]})
    assert audience_ranges(metrics, pd.DataFrame({"area": ["X"], "lat": [1.0]})).empty


def test_figures_from_a_shared_compiled_graph_are_those_made_alone():
    """Issue 9: the pipeline hands one igraph copy to every stage; the figures do not change."""
    from socialmap.graph import build_compiled_graph

    tables = load_tables(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    G, compiled = build_compiled_graph(tables.accounts, tables.relationships)
    partition = detect_communities(G)
    assert detect_communities(G, compiled=compiled) == partition
    assert pagerank(G, compiled=compiled) == pagerank(G)
    assert betweenness(G, compiled=compiled) == betweenness(G)
    assert betweenness(G, exact_up_to=10, compiled=compiled) == betweenness(G, exact_up_to=10)
    assert bridges(G, partition, compiled=compiled) == bridges(G, partition)
    expected = {node: len({partition.membership[n] for n in nx.all_neighbors(G, node)}
                          - {partition.membership[node]}) >= 2 for node in G}
    assert bridges(G, partition) == expected
