"""Gephi and Cytoscape interop: write the map as drawn, read graph files back (issue 7)."""

import networkx as nx
import pytest
from click.testing import CliRunner

from socialmap import MapOptions, build_map
from socialmap.cli import main
from socialmap.inputs.files import InputFile
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS


@pytest.fixture(scope="module")
def sample():
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(colour_by="platform"))


def test_gexf_holds_positions_colours_sizes_and_every_attribute(sample, tmp_path):
    path = tmp_path / "map.gexf"
    path.write_bytes(sample.graph_file("gexf").data)
    read = nx.read_gexf(path)
    assert set(read) == set(sample.graph) and read.number_of_edges() == sample.graph.number_of_edges()
    node = max(sample.graph, key=lambda n: sample.graph.nodes[n]["followers"] or 0)
    data, source = read.nodes[node], sample.graph.nodes[node]
    x, y = sample.layout.positions[node]
    assert data["viz"]["position"]["x"] == pytest.approx(x) and data["viz"]["position"]["y"] == pytest.approx(-y)
    facebook = (0xCC, 0x66, 0x77)  # the first colour: the commonest platform
    assert (data["viz"]["color"]["r"], data["viz"]["color"]["g"], data["viz"]["color"]["b"]) == facebook
    assert data["label"] == source["name"] and data["handle"] == source["id"]
    assert data["followers"] == source["followers"] and data["platform"] == source["platform"]
    assert data["community"] == sample.partition.names[sample.partition.membership[node]]
    for figure in ("pagerank", "degree", "betweenness", "bridge", "weekly_otv"):
        assert figure in data
    u, v = next(iter(sample.graph.edges))
    assert read.edges[u, v]["weight"] == sample.graph.edges[u, v]["weight"]


def test_graphml_carries_the_drawing_as_attributes(sample, tmp_path):
    path = tmp_path / "map.graphml"
    path.write_bytes(sample.graph_file("graphml").data)
    read = nx.read_graphml(path)
    assert set(read) == set(sample.graph)
    node = next(iter(sample.graph))
    assert (read.nodes[node]["x"], read.nodes[node]["y"]) == sample.layout.positions[node]
    assert read.nodes[node]["color"].startswith("#")


@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_graph_files_read_back_into_the_same_map(sample, suffix):
    again = build_map(InputFile(f"map.{suffix}", sample.graph_file(suffix).data))
    assert set(again.graph) == set(sample.graph)
    assert again.graph.number_of_edges() == sample.graph.number_of_edges()
    assert again.reach.potential_reach == sample.reach.potential_reach
    node = next(iter(sample.graph))
    for attribute in ("name", "platform", "area", "category", "url", "description"):
        assert again.graph.nodes[node][attribute] == sample.graph.nodes[node][attribute]


def test_cli_picks_the_format_from_the_extension(tmp_path):
    runner = CliRunner()
    out = tmp_path / "map.gexf"
    result = runner.invoke(main, ["build", str(SAMPLE_ACCOUNTS), str(SAMPLE_RELATIONSHIPS), "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"<?xml")
    back = runner.invoke(main, ["build", str(out), "-o", str(tmp_path / "back.html")])
    assert back.exit_code == 0 and back.stdout.startswith(f"{tmp_path / 'back.html'}: 223 accounts")
    wrong = runner.invoke(main, ["build", str(SAMPLE_ACCOUNTS), "-o", str(tmp_path / "map.png")])
    assert wrong.exit_code == 2 and "map.png must end in .html, .gexf, .graphml, .svg, .pdf or .pptx" in wrong.stderr


def test_broken_graph_file_is_a_clear_error():
    from socialmap import SocialMapError

    with pytest.raises(SocialMapError, match="broken.gexf: could not read the graph file"):
        build_map(InputFile("broken.gexf", b"<gexf><graph><nodes><node id="))


def test_filtered_map_coloured_by_a_column_the_shown_accounts_leave_blank_exports(write_csv):
    accounts = write_csv("a.csv", "id,platform,Team\na,Blog,\nb,Facebook,Comms\n")
    result = build_map(accounts, options=MapOptions(colour_by="Team", only_platforms=("Blog",)))
    read = nx.read_gexf(__import__("io").BytesIO(result.graph_file("gexf").data))
    assert list(read) == ["a"] and read.nodes["a"]["colour_group"] == "Not given"
