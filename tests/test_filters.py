"""Filters pick accounts and never move them (issue 5 needs them; the CLI offers them too)."""

import pytest

from socialmap import MapOptions, SocialMapError, build_map
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS


@pytest.fixture(scope="module")
def whole():
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)


def _build(**options):
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(**options))


def test_platform_filter_keeps_exactly_that_platform_at_the_same_places(whole):
    shown = _build(only_platforms=("Facebook",))
    expected = {n for n, d in whole.graph.nodes(data=True) if d["platform"] == "Facebook"}
    assert set(shown.graph) == expected
    assert all(shown.layout.positions[n] == whole.layout.positions[n] for n in expected)
    assert shown.reach.accounts == len(expected)
    assert len(shown.metrics) == len(expected)
    assert f"{len(expected)} of 223 accounts shown" in shown.html


def test_filters_combine_and_are_case_insensitive(whole):
    shown = _build(only_areas=("derby", "Chesterfield"), only_categories=("NEWS",), min_followers=1000)
    for _, data in shown.graph.nodes(data=True):
        assert data["area"] in ("Derby", "Chesterfield") and data["category"] == "news"
        assert data["followers"] >= 1000
    assert shown.graph.number_of_nodes() > 0


def test_focus_shows_the_neighbourhood(whole):
    centre = max(whole.graph, key=whole.graph.degree)
    handle = whole.graph.nodes[centre]["id"]
    one = _build(focus=handle)
    neighbours = set(whole.graph.predecessors(centre)) | set(whole.graph.successors(centre)) | {centre}
    assert set(one.graph) == neighbours
    two = _build(focus=handle.upper(), focus_steps=2)
    assert set(two.graph) > neighbours


def test_focus_by_name_takes_the_largest_account_of_that_name(whole):
    name = "Derbyshire Constabulary"
    largest = max((n for n, d in whole.graph.nodes(data=True) if d["name"] == name),
                  key=lambda n: whole.graph.nodes[n]["followers"] or 0)
    shown = _build(focus=name.lower())
    assert largest in shown.graph


def test_unknown_focus_suggests_names():
    with pytest.raises(SocialMapError, match=r"no account 'Derby Cty Council' on the map \(did you mean 'Derby City Council'"):
        _build(focus="Derby Cty Council")


def test_filtered_mind_map_keeps_only_hubs_with_accounts(whole):
    shown = _build(layout="mindmap", only_areas=("Sinfin",))
    areas = {hub.label for hub in shown.layout.hubs if hub.kind == "area"}
    assert areas == {"Sinfin"}
    assert all(b in shown.graph or b in {h.key for h in shown.layout.hubs} for _, b in shown.layout.tree_links)


def test_filtered_overview_counts_only_shown_accounts():
    shown = _build(aggregate="area", only_platforms=("Facebook",))
    assert "accounts shown" in shown.html
    assert shown.reach.accounts == shown.graph.number_of_nodes()


def test_colour_by_a_column_the_shown_accounts_leave_blank(write_csv):
    """Regression (issue 5 report): a filter that keeps only blank cells of the colour column."""
    accounts = write_csv("a.csv", "id,platform,Team\na,Blog,\nb,Facebook,Comms\n")
    shown = build_map(accounts, options=MapOptions(colour_by="Team", only_platforms=("Blog",)))
    assert '"label": "Not given"' in shown.html or '"label":"Not given"' in shown.html


def _no_follower_counts():
    """Three accounts share a name, none has a follower count: the links decide which is meant."""
    import pandas as pd

    accounts = pd.DataFrame({
        "id": ["@aaa_police", "@mmm_police", "@zzz_police", "@one", "@two", "@three"],
        "name": ["Derby Police", "Derby Police", "Derby Police", "One", "Two", "Three"],
        "platform": ["Facebook"] * 6,
    })
    relationships = pd.DataFrame({"source": ["@one", "@two", "@three", "@one"],
                                  "target": ["@mmm_police", "@mmm_police", "@mmm_police", "@zzz_police"]})
    return accounts, relationships


def test_focus_by_a_repeated_name_takes_the_most_linked_when_no_follower_counts():
    """Issue 15 item 2: by followers every one of the three tied, and the alphabetically first was shown."""
    accounts, relationships = _no_follower_counts()
    shown = build_map(accounts, relationships, options=MapOptions(focus="Derby Police"))
    assert set(shown.graph) == {"mmm_police", "one", "two", "three"}


def test_find_account_breaks_ties_by_name_not_by_key():
    import networkx as nx

    from socialmap.filters import find_account

    G = nx.DiGraph()
    for key, name in [("b-key", "Same"), ("a-key", "Same")]:
        G.add_node(key, id=key, name=name, platform="Facebook", area="", category="", followers=None,
                   placeholder=False)
    assert find_account(G, "same") == find_account(G.reverse(), "same") == "a-key"
