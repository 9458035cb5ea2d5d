"""The overview: one node per community or area (issue 6)."""

import json
import re

from socialmap import MapOptions, build_map
from socialmap.aggregate import aggregate_graph
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS


def test_overview_by_community_keeps_every_account_and_link():
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    overview, groups = aggregate_graph(result.graph, result.partition, "community")
    assert [overview.nodes[n]["name"] for n in overview] == sorted(
        result.partition.names, key=lambda name: (-result.partition.sizes()[result.partition.names.index(name)], name)
    )
    assert sum(overview.nodes[n]["accounts"] for n in overview) == result.reach.accounts
    assert sum(overview.nodes[n]["followers"] or 0 for n in overview) == result.reach.potential_reach
    between = sum(
        w for u, v, w in result.graph.edges(data="weight")
        if result.partition.membership[u] != result.partition.membership[v]
    )
    assert sum(w for *_, w in overview.edges(data="weight")) == between
    assert groups.sizes() == [1] * overview.number_of_nodes()


def test_overview_by_area_in_the_page():
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(aggregate="area", colour_by="community"))
    payload = json.loads(re.search(r'id="sm-data">(.*?)</script>', result.html, re.S).group(1))
    areas = {d["area"] for _, d in result.graph.nodes(data=True)}
    assert set(payload["nodes"]["label"]) == areas
    assert sum(entry["count"] for entry in payload["legend"]) == result.reach.accounts
    assert len(result.metrics) == result.graph.number_of_nodes()  # figures stay per account
