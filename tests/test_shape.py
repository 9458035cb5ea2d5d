"""The network's shape in words (issue 20, items 3 and 5): networks whose shape is known by construction."""

import networkx as nx
import pandas as pd
import pytest

from socialmap import build_map
from socialmap.community import detect_communities
from socialmap.shape import network_shape
from tests.apptest import app, as_shown  # noqa: F401 - app is a fixture
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.test_community import _graph


def _shape(G, **settings):
    graph = _graph(G)
    return network_shape(graph, detect_communities(graph, **settings))


def test_a_star_is_broadcast_and_names_its_hub():
    G = nx.relabel_nodes(nx.star_graph(30), {0: "Derby City Council"})
    shape = _shape(G)
    assert shape.kind == "broadcast" and shape.hub_share == 1.0
    assert shape.hubs == ("Derby City Council",)
    assert shape.sentence.startswith("Broadcast: many accounts link to a few hubs (Derby City Council)")


@pytest.mark.parametrize("seed", [1, 2])
def test_planted_clusters_are_community_clusters(seed):
    shape = _shape(nx.planted_partition_graph(4, 25, 0.3, 0.01, seed=seed))
    assert shape.kind == "community clusters" and shape.modularity > 0.5
    assert [size for _, size in shape.large] == [25, 25, 25, 25]
    assert shape.sentence.startswith("Community clusters: 4 groups of accounts")


def test_a_stochastic_block_model_of_unequal_groups_is_community_clusters():
    sizes = [40, 30, 20, 12]
    G = nx.stochastic_block_model(sizes, [[0.3 if i == j else 0.01 for j in range(4)] for i in range(4)], seed=3)
    assert _shape(G).kind == "community clusters"


def test_two_dense_blocks_with_few_links_between_are_polarised():
    shape = _shape(nx.planted_partition_graph(2, 40, 0.3, 0.005, seed=1))
    assert shape.kind == "polarised"
    assert "two dense groups" in shape.sentence and "(40 accounts) and" in shape.sentence
    assert "of their links cross" in shape.sentence


def test_a_dense_crowd_without_groups_is_a_tight_crowd():
    shape = _shape(nx.gnp_random_graph(40, 0.5, seed=1))
    assert shape.kind == "tight crowd" and shape.modularity < 0.3


def test_no_links_and_loosely_linked():
    accounts = pd.DataFrame({"id": [f"@a{i}" for i in range(30)]})
    assert build_map(accounts).shape.kind == "no links"
    relationships = pd.DataFrame({"source": ["@a0", "@a1", "@a2", "@a3"], "target": ["@a1", "@a2", "@a3", "@a4"]})
    loose = build_map(accounts, relationships).shape
    assert loose.kind == "loosely linked" and loose.sentence.startswith("Loosely linked: only 5 of 30 accounts")


def test_the_sample_says_its_shape_with_its_figures(tmp_path):
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    shape = result.shape
    assert shape.kind == "community clusters"
    described = shape.described()
    assert f"modularity {shape.modularity:.2f}, where above 0.3 means clear groups" in described
    assert f"{shape.hub_share:.0%} of links touch the 10 most linked accounts" in described
    about = result.html[result.html.index('id="sm-about"'):result.html.index("</details>")]
    assert f"<p>{described}</p>" in about.replace("&#39;", "'")  # How this map was made
    assert 'id="sm-shape"' in result.html


def test_the_app_says_the_shape_and_the_gaps(app):
    shown = [as_shown(markdown.value) for markdown in app.markdown]
    assert any(text.startswith("Community clusters: 12 groups of accounts") for text in shown)
    gaps = next(text for text in shown if text.startswith("**Gaps between communities, and who bridges them**"))
    assert gaps.count("\n- ") == 2 and "to both." in gaps
