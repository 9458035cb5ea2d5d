"""Importance from links when followers are missing, and the words that go with it (issue 15, items 1 and 9)."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from socialmap import MapOptions, build_map
from socialmap.cli import main
from socialmap.community import detect_communities
from socialmap.explore import headline, reach_csv, reach_panel as app_reach_panel
from socialmap.graph import build_graph
from socialmap.importance import importance, pagerank
from socialmap.metrics import reach_tables
from socialmap.pipeline import analyse, load_tables
from socialmap.story import reach_panel
from socialmap.words import count_of
from tests.conftest import DATA, ROOT, SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.networks import as_tables

UNKNOWN = "unknown: the file has no follower counts"


def _analysis(accounts: pd.DataFrame, relationships: pd.DataFrame | None):
    return analyse(load_tables(accounts, relationships))


def _network(G: nx.Graph):
    """A real network as a file with no follower counts (ids and names only)."""
    return _analysis(*as_tables(G))


def _community_of(analysis, account: str) -> str:
    """The name of the community of the account whose id is ``account``."""
    partition = analysis.partition
    key = next(node for node, data in analysis.graph.nodes(data=True) if data["id"] == account)
    return partition.names[partition.membership[key]]


# --- who names the communities ------------------------------------------------------

def test_karate_club_leaders_name_their_communities():
    analysis = _network(nx.karate_club_graph())
    assert _community_of(analysis, "0") != _community_of(analysis, "33")
    assert _community_of(analysis, "0") == "Around 0"  # the instructor
    assert _community_of(analysis, "33") == "Around 33"  # the administrator
    assert analysis.metrics.set_index("id").loc[["33", "0"], "importance"].tolist() == [1, 2]


def test_valjean_names_his_community():
    analysis = _network(nx.les_miserables_graph())
    assert _community_of(analysis, "Valjean") == "Around Valjean"
    assert analysis.metrics.set_index("id").loc["Valjean", "importance"] == 1


def test_the_medici_name_theirs():
    analysis = _network(nx.florentine_families_graph())
    assert _community_of(analysis, "Medici") == "Around Medici"


# --- the order and its ties --------------------------------------------------------------

def _graph(accounts: dict[str, dict], links: list[tuple[str, str]]) -> nx.DiGraph:
    table = pd.DataFrame([{"id": key, **row} for key, row in accounts.items()])
    relationships = pd.DataFrame(links, columns=["source", "target"]) if links else None
    tables = load_tables(table, relationships)
    return build_graph(tables.accounts, tables.relationships)


def _ids(G: nx.DiGraph, order) -> list[str]:
    return [G.nodes[node]["id"] for node in order.order]


def test_followers_decide_when_half_the_accounts_have_a_count():
    G = _graph({"a": {"followers": "10"}, "b": {"followers": "500"}, "c": {}, "d": {}},
               [("a", "c"), ("d", "c"), ("c", "a")])
    order = importance(G)
    assert order.basis == "followers" and order.why == ""
    assert _ids(G, order) == ["b", "a", "c", "d"]  # counts first; the unknown ones by links (c has 3, d 1)


def test_links_decide_when_fewer_than_half_have_a_count():
    G = _graph({"a": {"followers": "9000"}, "b": {}, "c": {}, "d": {}}, [("b", "c"), ("d", "c"), ("a", "b")])
    order = importance(G)
    assert order.basis == "links"
    assert order.why == "fewer than half the accounts have a follower count"
    # a path a-b-c-d: b and c tie on links, then go by name; a's 9,000 followers no longer count
    assert _ids(G, order) == ["b", "c", "a", "d"]


def test_with_no_links_at_all_any_follower_count_decides():
    """Links would leave every account equal and the order alphabetical: the one count known comes first."""
    G = _graph({"a": {}, "b": {}, "c": {"followers": "9000"}, "d": {}}, [])
    order = importance(G)
    assert order.basis == "followers" and order.why == ""
    assert _ids(G, order) == ["c", "a", "b", "d"]


def test_a_channel_list_with_counts_for_one_platform_is_sized_and_ranked_by_them():
    """tests/data/welsh_channels.csv: 21 accounts, no relationships, followers for the X accounts only (9)."""
    result = build_map(DATA / "welsh_channels.csv")
    assert "Size: followers (log scale); smallest = unknown." in result.html
    panel = reach_panel(result.reach, result.metrics)
    assert not panel.top_heading.startswith("Top 10 accounts by links")
    assert (panel.top[0]["name"], panel.top[0]["followers"]) == ("Heddlu Gogledd Cymru / North Wales Police", "95,000")
    first = result.metrics.sort_values("importance").iloc[0]
    assert (first["name"], first["platform"]) == ("Heddlu Gogledd Cymru / North Wales Police", "Twitter/X")


def test_ties_go_by_links_then_by_name_never_by_key_order():
    # no links, no follower counts: every PageRank and degree is equal, so names decide
    G = _graph({"a1": {"name": "Zebra Trust"}, "b2": {"name": "aardvark news"}, "c3": {"name": "Mole Hall"}}, [])
    assert _ids(G, importance(G)) == ["b2", "c3", "a1"]
    # equal followers: the account with more links comes first, whatever its key or name
    G = _graph({"a": {"followers": "100", "name": "A"}, "z": {"followers": "100", "name": "Z"},
                "m": {"followers": "5", "name": "M"}}, [("z", "m"), ("m", "z")])
    assert _ids(G, importance(G)) == ["z", "a", "m"]


def test_placeholders_come_after_every_real_account():
    G = _graph({"a": {}, "b": {}}, [("a", "ghost"), ("b", "ghost"), ("a", "b")])
    order = importance(G)
    assert G.nodes[order.order[-1]]["placeholder"]


def test_the_same_name_on_two_platforms_never_gives_a_numbered_community():
    # two triangles, each led by "Derby City Council" (one on X, one on Facebook)
    accounts = pd.DataFrame({"id": ["@derbycc", "fb-derbycc", "a", "b", "c", "d"],
                             "followers": ["9000", "7000", "10", "20", "30", "40"],
                             "name": ["Derby City Council", "Derby City Council", "Alvaston News", "Belper Hub",
                                      "Chaddesden Pantry", "Darley Abbey Trust"]})
    links = pd.DataFrame([("@derbycc", "a"), ("a", "b"), ("b", "@derbycc"), ("@derbycc", "b"),
                          ("fb-derbycc", "c"), ("c", "d"), ("d", "fb-derbycc"), ("fb-derbycc", "d")],
                         columns=["source", "target"])
    names = _analysis(accounts, links).partition.names
    assert len(names) == 2 and len(set(names)) == 2
    assert names == ("Around Derby City Council", "Around Darley Abbey Trust")  # its own next most followed
    assert not any(name.rstrip().split()[-1].lstrip("#").isdigit() for name in names)


# --- reach without follower counts -----------------------------------------------------------

def test_cli_says_reach_is_unknown_not_zero(tmp_path):
    out, reach = tmp_path / "map.html", tmp_path / "reach.csv"
    result = CliRunner().invoke(main, ["build", str(DATA / "gephi_edges.csv"), "-o", str(out), "--reach", str(reach)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1:3] == [f"  Potential reach: {UNKNOWN} (4 accounts).",
                          f"  Weekly opportunities to view: {UNKNOWN}."]
    assert " 0 followers" not in result.stdout
    rows = list(csv.DictReader(io.StringIO(reach.read_text(encoding="utf-8"))))
    assert rows and all(row["potential_reach"] == "unknown" and row["weekly_otv"] == "unknown" for row in rows)


def test_subtitle_panel_and_key_say_links_when_there_are_no_follower_counts():
    accounts, relationships = as_tables(nx.les_miserables_graph())
    result = build_map(accounts, relationships)
    html = result.html
    assert f"potential reach {UNKNOWN}" in html
    assert "potential reach 0 followers" not in html
    assert "Size: links in and out; the file has no follower counts." in html
    panel = reach_panel(result.reach, result.metrics)
    assert dict(panel.headline)["Potential reach (followers)"] == "unknown"
    assert panel.caveats[0].startswith(f"Potential reach and weekly opportunities to view: {UNKNOWN}.")
    assert panel.top_heading.startswith("Top 10 accounts by links")
    assert (panel.top[0]["name"], panel.top[0]["followers"], panel.top_column) == ("Valjean", "36", "Links")
    assert all(row["reach"] == "unknown" for row in panel.by_area + panel.by_platform)
    assert "Top 10 accounts by links" in html


def test_reach_tables_of_the_app_and_the_cli_say_unknown_alike():
    accounts, relationships = as_tables(nx.florentine_families_graph())
    result = build_map(accounts, relationships)
    table = reach_tables(result.metrics)
    assert set(table["potential_reach"]) == {"unknown"}
    assert reach_csv(app_reach_panel(result.metrics)) == "\ufeff" + table.to_csv(index=False, lineterminator="\r\n")
    assert dict((label, value) for label, value, _ in headline(result))["Potential reach"] == "unknown"


def test_partial_follower_counts_still_add_up():
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    assert "potential reach 1,669,629 followers" in result.html
    assert "Size: followers (log scale)" in result.html


# --- words ----------------------------------------------------------------------------------------

def test_counts_are_singular_or_plural():
    assert [count_of(n, word) for n, word in ((1, "platform"), (1, "account"), (1, "community"), (2, "community"),
                                              (0, "warning"), (12_345, "link"))] == [
        "1 platform", "1 account", "1 community", "2 communities", "0 warnings", "12,345 links"]


def test_one_community_one_platform_in_the_cli_the_app_and_the_subtitle(tmp_path, write_csv):
    accounts = write_csv("accounts.csv", "id,name,platform,followers\n@a,Alvaston News,X,10\n@b,Belper Hub,X,20\n"
                                         "@c,Chaddesden Pantry,X,30\n")
    links = write_csv("links.csv", "source,target\n@a,@b\n@b,@c\n@c,@a\n")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["build", str(accounts), str(links), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (f"{out}: 3 accounts, 3 relationships (3 links), 1 community, 0 warnings")
    built = build_map(accounts, links)
    assert dict((label, value) for label, value, _ in headline(built))["Communities"] == "1"
    assert "3 accounts · 3 links · 1 platform · potential reach 60 followers" in built.html


def test_accounts_without_links_are_no_community_in_the_cli_and_the_app(tmp_path, write_csv):
    accounts = write_csv("accounts.csv", "id,platform\n@a,X\n@b,Facebook\n")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["build", str(accounts), "-o", str(out)])
    assert ", 0 communities, " in result.stdout.splitlines()[0]
    assert dict((label, value) for label, value, _ in headline(build_map(accounts)))["Communities"] == "\u2013"


def test_the_per_area_overview_key_speaks_of_areas():
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(aggregate="area"))
    colour = result.channels[0]
    assert colour.description.startswith("Colour: area")
    assert "communit" not in colour.description + " ".join(entry["label"] for entry in colour.legend)


# --- the page takes plain data -------------------------------------------------------------------

ANALYSIS = {"community", "overview", "layout", "metrics", "channels", "graph", "compiled", "importance", "aggregate",
            "pipeline", "payload", "validate", "filters"}


def _file(module: str) -> Path | None:
    """The source of socialmap.<module> (dotted below socialmap), or None if it is not a module."""
    path = ROOT.joinpath("socialmap", *module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _socialmap_imports(module: str) -> set[str]:
    """The top-level socialmap modules ``module`` imports at run time (not under TYPE_CHECKING), transitively.

    "from . import __version__" names the package itself, which is not followed: importing any
    socialmap module runs socialmap/__init__.py whatever the module imports.
    """
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        path = _file(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                node.body = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if package else []
                base = ".".join(part for part in base if part)
            elif (node.module or "").startswith("socialmap."):
                base = ""
            else:
                continue
            target = (node.module or "").removeprefix("socialmap.") if not node.level else node.module
            stem = ".".join(part for part in (base, target) if part)
            found = [stem] if target else [f"{stem}.{a.name}".lstrip(".") for a in node.names]
            for name in found:
                if name and _file(name) and name not in seen:
                    seen.add(name)
                    todo.append(name)
    return {name.split(".")[0] for name in seen}


def test_render_imports_nothing_from_the_analysis():
    imported = _socialmap_imports("render")
    assert not imported & ANALYSIS, imported
    assert _socialmap_imports("pipeline") & {"community", "layout", "overview"}  # the check can fail


@pytest.mark.parametrize("caller", ["pipeline", "changemap"])
def test_every_page_goes_through_the_plain_data(caller):
    assert "payload" in _socialmap_imports(caller) and "render" in _socialmap_imports(caller)


def test_pagerank_is_the_same_to_the_last_bit_every_run():
    """igraph's PageRank on its default OpenMP threads gave other last bits each run (and took 0.3-0.5 s a call
    on a busy two-core machine, against a few ms): socialmap runs it on one thread, so ranks never wobble."""
    G = nx.gnm_random_graph(1000, 8000, seed=0, directed=True)
    runs = {tuple(pagerank(G).values()) for _ in range(4)}
    assert len(runs) == 1
    either_way = {importance(G).order for _ in range(2)}
    assert len(either_way) == 1
