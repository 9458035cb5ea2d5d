"""The community overview a large map opens on (issue 9): centroids, sizes, summed links."""

import networkx as nx
import numpy as np

from socialmap.overview import community_links, community_overview, largest_accounts, main_group


def test_each_community_sits_at_the_centroid_of_its_accounts():
    community = np.array([1, 1, 1, 0, 3])
    x, y = np.array([0.0, 3.0, 6.0, 10.0, -4.0]), np.array([1.0, 1.0, 4.0, 0.0, 2.0])
    followers = np.array([100.0, np.nan, 5.0, 7.0, np.nan])
    overview = community_overview(community, x, y, followers, np.array([], dtype=int), np.array([], dtype=int),
                                  np.array([]), communities=4)
    assert overview.community.tolist() == [0, 1, 3]  # community 2 has no accounts: no node
    assert overview.x.tolist() == [10.0, 3.0, -4.0] and overview.y.tolist() == [0.0, 2.0, 2.0]
    assert overview.accounts.tolist() == [1, 3, 1]
    assert overview.followers.tolist() == [7.0, 105.0, 0.0]  # unknown counts add nothing
    assert [part.tolist() for part in overview.links] == [[], [], []]


def test_links_between_communities_add_up_both_ways_and_inside_links_are_left_out():
    community = np.array([0, 0, 1, 2])
    sources, targets = np.array([0, 1, 2, 0, 3, 1]), np.array([1, 2, 1, 3, 2, 3])
    weights = np.array([5.0, 1.0, 2.0, 3.0, 4.0, 0.5])
    a, b, weight = community_links(community, sources, targets, weights, communities=3)
    assert list(zip(a.tolist(), b.tolist(), weight.tolist())) == [(0, 1, 3.0), (0, 2, 3.5), (1, 2, 4.0)]


def test_summed_links_match_a_graph_of_communities():
    G = nx.DiGraph(nx.stochastic_block_model([12, 9, 7], [[0.5, 0.05, 0.02], [0.05, 0.6, 0.1], [0.02, 0.1, 0.7]],
                                             seed=4, directed=True))
    nodes = list(G)
    membership = {node: int(G.nodes[node]["block"]) for node in G}
    index = {node: i for i, node in enumerate(nodes)}
    community = np.array([membership[node] for node in nodes])
    sources = np.array([index[u] for u, _ in G.edges])
    targets = np.array([index[v] for _, v in G.edges])
    a, b, weight = community_links(community, sources, targets, np.ones(len(sources)), communities=community.max() + 1)
    expected: dict[tuple[int, int], float] = {}
    for u, v in G.edges:
        cu, cv = sorted((membership[u], membership[v]))
        if cu != cv:
            expected[(cu, cv)] = expected.get((cu, cv), 0) + 1
    assert dict(zip(zip(a.tolist(), b.tolist()), weight.tolist())) == expected


def test_largest_accounts_are_each_community_s_most_important():
    community = np.array([0, 1, 0, 0, 0, 1])
    importance = np.array([2, 5, 4, 3, 1, 0])  # place in importance order, 0 first
    assert largest_accounts(community, importance, communities=3) == [[4, 0, 3], [5, 1], []]


def test_main_group_is_the_most_common_colour_first_on_ties():
    community = np.array([0, 0, 0, 1, 1])
    group = np.array([2, 1, 2, 0, 1])
    assert main_group(community, group, communities=2, groups=3).tolist() == [2, 0]
