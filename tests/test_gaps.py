"""Gaps between large communities and who bridges them (issue 20, items 4 and 5)."""

import itertools

import networkx as nx
import pandas as pd
from click.testing import CliRunner

from socialmap import build_map
from socialmap.cli import main
from socialmap.gaps import Gap, community_gaps
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.test_community import _graph
from socialmap.community import detect_communities


def _planted_gap() -> nx.Graph:
    """Two dense groups of 15 (Chesterfield, High Peak) with no links between, and one paper linking to 4 of each."""
    G = nx.Graph()
    for side in ("Chesterfield", "High Peak"):
        G.add_edges_from(itertools.combinations([f"{side} {i}" for i in range(15)], 2))
    G.add_edges_from(("Derbyshire Times", f"{side} {i}") for side in ("Chesterfield", "High Peak") for i in range(4))
    return G


def test_a_planted_gap_names_the_planted_bridge():
    graph = _graph(_planted_gap())
    partition = detect_communities(graph)
    gaps = community_gaps(graph, partition)
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap.links == 4 and sorted([gap.first_accounts, gap.second_accounts]) == [15, 16]
    assert gap.bridges == ("Derbyshire Times",)
    assert gap.sentence().endswith(": 4 links between 16 and 15 accounts; Derbyshire Times links to both") or \
        gap.sentence().endswith(": 4 links between 15 and 16 accounts; Derbyshire Times links to both")


def test_gap_sentences():
    assert Gap("Chesterfield", "High Peak", 3, 32, 11, ("Derbyshire Times",)).sentence() == \
        "Chesterfield and High Peak: 3 links between 32 and 11 accounts; Derbyshire Times links to both"
    assert Gap("A", "B", 0, 5, 6).sentence() == "A and B: no links between 5 and 6 accounts; no account links to both"
    assert Gap("A", "B", 1, 5, 6, ("X", "Y")).sentence().endswith("1 link between 5 and 6 accounts; X and Y link to both")


def test_well_linked_communities_have_no_gap():
    G = nx.planted_partition_graph(3, 20, 0.5, 0.2, seed=1)
    graph = _graph(G)
    assert community_gaps(graph, detect_communities(graph, communities=3)) == ()


def test_gaps_in_the_cli_the_reach_report_and_the_page(tmp_path):
    G = _planted_gap()
    accounts = pd.DataFrame({"id": list(G), "name": list(G)})
    relationships = pd.DataFrame([{"source": u, "target": v} for u, v in G.edges])
    accounts.to_csv(tmp_path / "accounts.csv", index=False)
    relationships.to_csv(tmp_path / "links.csv", index=False)
    reach = tmp_path / "reach.csv"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "accounts.csv"), str(tmp_path / "links.csv"), "-o",
                                       str(tmp_path / "map.html"), "--reach", str(reach)])
    assert result.exit_code == 0, result.output
    gap_lines = [line for line in result.output.splitlines() if line.startswith("  Gap: ")]
    assert len(gap_lines) == 1 and gap_lines[0].endswith("Derbyshire Times links to both.")
    assert "and 1 gap between communities" in result.output
    table = pd.read_csv(reach, encoding="utf-8-sig", keep_default_na=False)
    row = table[table["by"] == "gap"].iloc[0]
    assert (int(row["links_between"]), row["bridges"], int(row["accounts"])) == (4, "Derbyshire Times", 31)
    assert "Derbyshire Times links to both." in (tmp_path / "map.html").read_text(encoding="utf-8")


def test_the_sample_names_bridges_for_its_gaps():
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    assert result.gaps and all(gap.bridges for gap in result.gaps)
    assert all(gap.links < 0.5 * min(gap.first_accounts, gap.second_accounts) for gap in result.gaps)
