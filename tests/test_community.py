"""Communities: quality on real networks, determinism, readable names (issue 4)."""

import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

from socialmap import build_map
from socialmap.community import OTHER_NAME, detect_communities
from socialmap.graph import build_graph
from socialmap.pipeline import load_tables
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.networks import NETWORKS, as_tables


def _graph(G):
    tables = load_tables(*as_tables(G))
    return build_graph(tables.accounts, tables.relationships)


def _nmi(left, right):
    n = len(left)
    a, b, joint = Counter(left), Counter(right), Counter(zip(left, right))
    mutual = sum(c / n * math.log(c * n / (a[x] * b[y])) for (x, y), c in joint.items())
    entropy = sum(-c / n * math.log(c / n) for c in (*a.values(), *b.values()))
    return 2 * mutual / entropy


def test_karate_club_recovers_the_split():
    G = nx.karate_club_graph()
    partition = detect_communities(_graph(G))
    nodes = [str(node) for node in G]
    truth = [G.nodes[node]["club"] for node in G]
    assert _nmi(truth, [partition.membership[n] for n in nodes]) > 0.5
    # no community mixes the two clubs in equal measure: each has a clear majority
    for members in partition.groups():
        clubs = Counter(G.nodes[int(m)]["club"] for m in members)
        assert max(clubs.values()) >= 0.8 * len(members)


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_modularity_matches_networkx_louvain(name):
    G = NETWORKS[name]()
    social = _graph(G)
    partition = detect_communities(social, min_size=1)
    undirected = nx.Graph(social.to_undirected())
    ours = nx.community.modularity(undirected, partition.groups())
    reference = nx.community.modularity(undirected, nx.community.louvain_communities(undirected, seed=42))
    assert ours >= reference - 0.02
    assert ours > 0.3


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_same_seed_same_partition(name):
    social = _graph(NETWORKS[name]())
    first = detect_communities(social, seed=7)
    assert all(detect_communities(social, seed=7) == first for _ in range(3))


def test_communities_are_numbered_largest_first_and_small_ones_merged():
    G = nx.disjoint_union_all([nx.complete_graph(5), nx.complete_graph(4), nx.path_graph(2), nx.empty_graph(1)])
    partition = detect_communities(_graph(G), min_size=3)
    assert partition.sizes() == [5, 4, 3]
    assert partition.other == 2
    assert partition.names[2] == OTHER_NAME


def test_resolution_gives_more_communities_when_raised():
    social = _graph(nx.les_miserables_graph())
    assert len(detect_communities(social, resolution=2.0, min_size=1).names) > len(
        detect_communities(social, resolution=0.5, min_size=1).names
    )


def test_sample_communities_have_readable_unique_names():
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    names = result.partition.names
    assert len(set(names)) == len(names)
    assert "Chesterfield" in names  # a district whose accounts link mostly among themselves
    assert all(name and len(name) < 80 for name in names)


def test_name_uses_dominant_area_else_largest_account():
    accounts = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e", "f"],
        "area": ["Sinfin", "Sinfin", "Sinfin", "", "Spondon", "Darley"],
        "followers": ["1", "2", "3", "50", "10", "5"],
        "name": ["A", "B", "C", "Big D", "E", "F"],
    })
    relationships = pd.DataFrame({"source": ["a", "b", "c", "d", "e", "f"], "target": ["b", "c", "a", "e", "f", "d"]})
    tables = load_tables(accounts, relationships)
    partition = detect_communities(build_graph(tables.accounts, tables.relationships))
    assert sorted(partition.names) == ["Around Big D", "Sinfin"]
