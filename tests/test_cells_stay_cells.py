"""Cells stay cells (issue 16, item 4): a line break inside a name cannot start a row of its own in any
CSV output, graph exports stay well-formed XML whatever the data holds, and nothing printed to a
terminal carries a control character from a file."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest

from socialmap.export import escape_formula
from tests.conftest import ROOT

SMUGGLER = "Derby Council\r=cmd|' /C calc'!A0"
LINE_FEED = "Leisure Centre\n+SUM(1+1)"
CRLF = "Libraries\r\n@SUM(A1:A9)|x"
HEADING = "id,name,platform,area,followers,posts_per_week\n"


def _accounts(extra_followers: int = 0) -> str:
    rows = [("derbycc", SMUGGLER, "twitter", "Derby\r-1+1", 1200), ("leisure", LINE_FEED, "facebook", "Sinfin", 800),
            ("libraries", CRLF, "twitter", "Sinfin", 300), ("@KBCollege", "KB College", "twitter", "Normanton", 90)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for handle, name, platform, area, followers in rows:
        writer.writerow([handle, name, platform, area, followers + extra_followers, 3])
    return HEADING + out.getvalue()


def _run(*args, cwd):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "socialmap", *map(str, args)], capture_output=True, cwd=cwd,
                          env=environment, timeout=300)


_FORMULA = re.compile(r"[=+\-@\t\r]")
_PLAIN_HANDLE = re.compile(r"@[A-Za-z0-9_.]+")


def _formula_cells(text: str) -> list[str]:
    """Cells that start a formula when the file is read by a reader that breaks rows at any CR or LF."""
    found = []
    for line in re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")):
        for cell in next(csv.reader([line]), []):
            if _FORMULA.match(cell) and not _PLAIN_HANDLE.fullmatch(cell):
                found.append(cell)
    return found


@pytest.mark.parametrize(("text", "written"), [
    (SMUGGLER, "Derby Council\r'=cmd|' /C calc'!A0"),
    (LINE_FEED, "Leisure Centre\n'+SUM(1+1)"),
    (CRLF, "Libraries\r\n'@SUM(A1:A9)|x"),
    ("two\nlines\nof text", "two\nlines\nof text"),
    ("Notes\n@KBCollege", "Notes\n@KBCollege"),  # a plain handle on its own line runs nothing
    ("\r=x", "'\r'=x"),
])
def test_the_formula_escape_covers_every_line_of_a_cell(text, written):
    assert escape_formula(text) == written


def test_no_csv_output_lets_a_line_break_start_a_row_or_a_formula(tmp_path):
    """build's --metrics and --reach, compare's and trend's reports: read properly, each name comes back
    whole; read by a reader breaking rows at every CR or LF, no cell starts a formula."""
    (tmp_path / "accounts-2026-10.csv").write_text(_accounts(), encoding="utf-8")
    (tmp_path / "accounts-2026-11.csv").write_text(_accounts(extra_followers=50), encoding="utf-8")
    old, new = tmp_path / "accounts-2026-10.csv", tmp_path / "accounts-2026-11.csv"
    runs = [
        _run("build", new, "-o", "map.html", "--metrics", "figures.csv", "--reach", "reach.csv", cwd=tmp_path),
        _run("compare", old, new, "-o", "change.html", "--report", "change.csv", cwd=tmp_path),
        _run("trend", old, new, "-o", "trend.html", "--report", "trend.csv", cwd=tmp_path),
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr.decode()
    for name in ("figures.csv", "reach.csv", "change.csv", "trend.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert _formula_cells(text) == [], name
    figures = pd.read_csv(tmp_path / "figures.csv", encoding="utf-8-sig")
    assert len(figures) == 4
    assert sorted(figures["name"]) == sorted(["Derby Council\r'=cmd|' /C calc'!A0", "Leisure Centre\n'+SUM(1+1)",
                                              "Libraries\r\n'@SUM(A1:A9)|x", "KB College"])
    assert "Derby\r'-1+1" in set(pd.read_csv(tmp_path / "reach.csv", encoding="utf-8-sig")["group"])


@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_graph_exports_of_text_holding_control_characters_are_well_formed_and_say_so(tmp_path, suffix):
    """A bell or a vertical tab pasted into a description made a file neither Gephi nor socialmap could read."""
    (tmp_path / "accounts.csv").write_text(
        "id,name,platform,followers,description\n"
        "derbycc,Derby City Council,twitter,1200,\"Bell\x07 and vertical\x0btab\"\n"
        "b,Bee,twitter,5,plain\n", encoding="utf-8")
    (tmp_path / "links.csv").write_text("source,target\nb,derbycc\n", encoding="utf-8")
    run = _run("build", "accounts.csv", "links.csv", "-o", f"map.{suffix}", cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode()
    graph = (nx.read_gexf if suffix == "gexf" else nx.read_graphml)(tmp_path / f"map.{suffix}")
    assert graph.number_of_nodes() == 2 and graph.number_of_edges() == 1
    assert graph.nodes["derbycc"]["description"] == "Bell\ufffd and vertical\ufffdtab"
    assert (f"{suffix.upper()} output column description: 1 value held control characters that XML cannot "
            "hold; they are written as \ufffd") in run.stderr.decode()


def test_control_characters_in_a_file_name_reach_the_terminal_as_escapes(tmp_path):
    """A file name holding a bell and an escape sequence rang and recoloured the terminal in the error line."""
    name = "list\x07\x1b]0;owned\x07\u202egnp.csv"
    (tmp_path / name).write_text("id,followers\nderbycc,lots\n", encoding="utf-8")
    run = _run("build", name, "-o", "map.html", cwd=tmp_path)
    assert run.returncode == 2
    assert re.search(rb"[\x00-\x09\x0b-\x1f\x7f]", run.stderr) is None, run.stderr
    assert "\u202e" not in run.stderr.decode()
    assert run.stderr.decode().splitlines()[0] == (
        'list\\x07\\x1b]0;owned\\x07\\u202egnp.csv row 2, column followers: "lots" is not a number')


GEXF_WITH_A_CARRIAGE_RETURN = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <attributes class="node"><attribute id="0" title="followers" type="integer"/>
      <attribute id="1" title="area" type="string"/></attributes>
    <nodes>
      <node id="derbycc" label="Derby City&#13;=cmd|' /C calc'!A0">
        <attvalues><attvalue for="0" value="1200"/><attvalue for="1" value="Derby"/></attvalues></node>
      <node id="b" label="Bee"><attvalues><attvalue for="0" value="5"/><attvalue for="1" value="Sinfin"/></attvalues></node>
    </nodes>
    <edges><edge source="b" target="derbycc"/></edges>
  </graph>
</gexf>
"""


def test_a_carriage_return_in_a_graph_files_label_stays_in_its_account(tmp_path):
    """The graph was round-tripped through CSV text: the CR started a phantom account and cut the real
    one's followers and area off."""
    from socialmap import build_map

    path = tmp_path / "map.gexf"
    path.write_text(GEXF_WITH_A_CARRIAGE_RETURN, encoding="utf-8")
    result = build_map(path)
    accounts = result.metrics.set_index("id")
    assert sorted(accounts.index) == ["b", "derbycc"]
    assert accounts.loc["derbycc", "name"] == "Derby City\r=cmd|' /C calc'!A0"
    assert (accounts.loc["derbycc", "followers"], accounts.loc["derbycc", "area"]) == (1200, "Derby")
    assert result.graph.number_of_edges() == 1
