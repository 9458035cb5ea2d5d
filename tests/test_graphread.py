"""Every GEXF that Gephi writes or ships is read, with its attributes, and XML bombs are refused (issue 14, item 5).

The files in tests/data/gexf are written by hand after the published schemas
(GEXF 1.0's DTD, Gephi's pre-1.1 namespace, 1.2draft, 1.3); networkx reads
none of the first two ("No <graph> element") and fails on the 1.3 one.
"""

import pytest
from click.testing import CliRunner

from socialmap import SocialMapError, build_map
from socialmap.cli import main
from socialmap.inputs.files import InputFile
from tests.conftest import DATA

GEXF = DATA / "gexf"


def _accounts(result):
    return {data["id"]: data for _, data in result.graph.nodes(data=True)}


def test_gexf_1_0_with_attvalue_id_and_its_edge_types():
    result = build_map(GEXF / "gexf_1_0.gexf")
    accounts = _accounts(result)
    assert {a: (d["name"], d["platform"], d["area"], d["followers"]) for a, d in accounts.items()} == {
        "n1": ("Derby Libraries (invented)", "Twitter/X", "Derby", 4800),  # area: the attribute's default
        "n2": ("Sinfin Garden (invented)", "Facebook", "Sinfin", 830),
        "n3": ("Allestree News (invented)", "Twitter/X", "Allestree", 2400),
    }
    edges = {(u, v): d for u, v, d in result.graph.edges(data=True)}
    assert edges[("n1", "n2")]["type"] == "mentions" and edges[("n1", "n2")]["weight"] == 2  # cardinal="2"
    assert ("n3", "n1") in edges and ("n1", "n3") in edges  # type="dou": a link each way
    assert result.relationship_rows == 2 and not result.issues


def test_gephi_pre_1_1_namespace_file():
    result = build_map(GEXF / "gexf_gephi_namespace.gexf")
    accounts = _accounts(result)
    assert {d["name"]: (d["platform"], d["followers"]) for d in accounts.values()} == {
        "DerbyCC": ("Twitter/X", 61200), "DerbyPolice": ("Twitter/X", 48100), "SinfinGarden": ("Instagram", 830)}
    assert accounts["0"]["extra"] == {"Modularity Class": "1"}  # Gephi's own column, shown in the hover text
    assert result.reach.potential_reach == 61200 + 48100 + 830
    # no defaultedgetype: GEXF's default, undirected, is a link each way
    assert result.graph.number_of_edges() == 6 and result.graph.edges["1", "0"]["weight"] == 3


def test_gexf_1_2draft_defaults_mutual_links_and_extra_attributes():
    result = build_map(GEXF / "gexf_1_2draft.gexf")
    accounts = _accounts(result)
    assert accounts["matlockfire"]["platform"] == "Twitter/X"  # <default> of the platform attribute
    assert accounts["buxtonfoodbank"]["platform"] == "Facebook"
    assert accounts["matlockfire"]["extra"] == {"Team": "Fire"}
    assert accounts["peakpark"]["area"] == "High Peak" and accounts["peakpark"]["followers"] == 22000
    assert result.graph.edges["matlockfire", "peakpark"]["type"] == "mentions"
    assert result.graph.has_edge("peakpark", "buxtonfoodbank")  # type="mutual"


def test_gexf_1_3_hex_colours_edge_kinds_and_posting_rates():
    result = build_map(GEXF / "gexf_1_3.gexf")
    accounts = _accounts(result)
    assert accounts["chesterfieldbc"]["posts_per_week"] == 12.5
    assert accounts["spirefm"]["area"] == "Chesterfield" and accounts["staveleyparish"]["area"] == "Staveley"
    both = result.graph.edges["spirefm", "chesterfieldbc"]  # two parallel edges of two kinds
    assert both["weight"] == 5 and set(both["type"].split(", ")) == {"mentions", "follows"}
    assert result.graph.edges["staveleyparish", "chesterfieldbc"]["type"] == "partner"
    assert result.graph.has_edge("chesterfieldbc", "staveleyparish")  # type="undirected"


@pytest.mark.parametrize("name", ["gexf_entity_bomb.gexf", "gexf_external_entity.gexf"])
def test_entity_bomb_and_external_entity_are_refused_without_expanding(name):
    with pytest.raises(SocialMapError) as caught:
        build_map(GEXF / name)
    assert caught.value.message.startswith("the file declares XML entities, which socialmap does not read")
    assert "root:" not in str(caught.value)  # /etc/passwd never reaches a message


def test_graphml_with_entities_is_refused_before_networkx_parses_it():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            b'<node id="&b;"/></graph></graphml>')
    with pytest.raises(SocialMapError, match="declares XML entities"):
        build_map(InputFile("bomb.graphml", bomb))


def test_cli_builds_every_gexf_version_and_refuses_the_bomb_in_one_line(tmp_path):
    runner = CliRunner()
    for name in ("gexf_1_0", "gexf_gephi_namespace", "gexf_1_2draft", "gexf_1_3"):
        out = tmp_path / f"{name}.html"
        result = runner.invoke(main, ["build", str(GEXF / f"{name}.gexf"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"{out}: 3 accounts")
    bomb = runner.invoke(main, ["build", str(GEXF / "gexf_entity_bomb.gexf"), "-o", str(tmp_path / "b.html")])
    assert bomb.exit_code == 2 and not (tmp_path / "b.html").exists()
    assert bomb.stderr.splitlines()[0].startswith("gexf_entity_bomb.gexf: the file declares XML entities")


def test_a_gexf_without_a_graph_says_so():
    with pytest.raises(SocialMapError, match="the GEXF file has no <graph> element"):
        build_map(InputFile("empty.gexf", b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><meta/></gexf>'))
