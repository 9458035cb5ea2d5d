"""The graph: one node per account, links summed, placeholders marked, inputs untouched (issue 4)."""

import pandas as pd

from socialmap.graph import build_graph
from socialmap.pipeline import load_tables


def _graph(accounts, relationships):
    tables = load_tables(pd.DataFrame(accounts), pd.DataFrame(relationships))
    return tables, build_graph(tables.accounts, tables.relationships)


def test_repeated_pairs_add_weights_and_list_their_kinds_once():
    tables, G = _graph(
        {"id": ["@B", "a", "c"]},
        {"source": ["a", "A", "@a", "a", "c"], "target": ["b", "B", "b", "b", "a"],
         "type": ["mentions", "follows", "mentions", "", "partner"], "weight": ["2", "1", "3", "", "1"]},
    )
    assert list(G.nodes) == ["a", "b", "c"]  # sorted keys
    assert G.nodes["b"]["id"] == "@B"  # the first spelling is displayed
    assert G.edges["a", "b"] == {"weight": 7.0, "type": "follows, mentions"}
    assert G.edges["c", "a"] == {"weight": 1.0, "type": "partner"}
    assert G.number_of_edges() == 2


def test_unknown_endpoints_become_marked_placeholders_and_inputs_stay_as_they_were():
    tables, G = _graph({"id": ["a"], "followers": ["10"]}, {"source": ["a"], "target": ["@Ghost"]})
    before = tables.accounts.copy(deep=True), tables.relationships.copy(deep=True)
    G = build_graph(tables.accounts, tables.relationships)
    assert G.nodes["ghost"]["placeholder"] is True and G.nodes["ghost"]["id"] == "@Ghost"
    assert G.nodes["ghost"]["followers"] is None
    assert G.nodes["a"]["placeholder"] is False and G.nodes["a"]["followers"] == 10
    pd.testing.assert_frame_equal(tables.accounts, before[0])
    pd.testing.assert_frame_equal(tables.relationships, before[1])


def test_unknown_values_are_none_not_nan():
    _, G = _graph({"id": ["a"], "followers": [""], "lat": [""]}, {"source": [], "target": []})
    assert G.nodes["a"]["followers"] is None and G.nodes["a"]["lat"] is None


def test_compiled_copies_match_the_graph():
    """Issue 9: the igraph copies made from the graph stage's arrays are those of the finished graph."""
    from socialmap.compiled import compile_graph
    from socialmap.graph import build_compiled_graph

    tables = load_tables(pd.DataFrame({"id": ["a", "b", "c", "lonely"]}), pd.DataFrame(
        {"source": ["b", "a", "c", "a", "b", "ghost"], "target": ["a", "b", "a", "c", "c", "a"],
         "weight": ["2", "1", "3", "1", "5", "1"]}))
    G, compiled = build_compiled_graph(tables.accounts, tables.relationships)
    assert compiled.nodes == tuple(G.nodes) == ("a", "b", "c", "ghost", "lonely")
    directed = [(compiled.nodes[s], compiled.nodes[t], w)
                for (s, t), w in zip(compiled.directed.get_edgelist(), compiled.directed.es["weight"])]
    assert directed == list(G.edges(data="weight"))
    undirected = {frozenset((compiled.nodes[s], compiled.nodes[t])): w
                  for (s, t), w in zip(compiled.pairs.tolist(), compiled.pair_weights.tolist())}
    assert undirected == {frozenset("ab"): 3.0, frozenset("ac"): 4.0, frozenset("bc"): 5.0,
                          frozenset(("a", "ghost")): 1.0}
    again = compile_graph(G)
    for ours, theirs in ((compiled.directed, again.directed), (compiled.undirected, again.undirected)):
        assert ours.get_edgelist() == theirs.get_edgelist() and ours.es["weight"] == theirs.es["weight"]
