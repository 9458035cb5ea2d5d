"""Properties over many generated inputs (issue 8): text round-trips, any bytes end well, nothing escapes.

- Any Unicode id and name reaches the map's data and the figures unchanged,
  apart from the documented normalisation: surrounding spaces are removed,
  ids match ignoring case, a leading @ and how accents were typed, and the
  first spelling of an account is the one shown.
- Any bytes given as a file end in SocialMapError or a valid map.
- Hostile text in any field never becomes markup in the page, and no text
  cell of the figures CSV can run as a spreadsheet formula.
"""

import csv
import functools
import io
import json
import re
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from socialmap import InputFile, MapOptions, SocialMapError, build_map
from socialmap.export import table_csv
from socialmap.inputs.values import id_key
from tests.conftest import DATA
from tests.test_render import page_tooltips

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text but lone surrogates (which no file can hold).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
# Text a CSV file can carry as typed: no control characters.
TYPED_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=24)
HOSTILE = [
    '<script>alert("x")</script>', "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<!--", "]]>", "javascript:alert(1)", "=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0",
    "-2+3", "@SUM(A1)", "\u2028\u2029", "&lt;b&gt;", "{{ 7*7 }}", "'; DROP TABLE accounts;--",
]


def _payload(html):
    match = re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def _expected(ids, names):
    """key -> (handle, label) as documented: stripped, first spelling, a repeat fills a blank name,
    and the label falls back to the id."""
    handles, labels = {}, {}
    for handle, name in zip(ids, names):
        key = id_key(handle)
        if key:
            handles.setdefault(key, handle.strip())
            if name.strip():
                labels.setdefault(key, name.strip())
    return {key: (handle, labels.get(key, handle)) for key, handle in handles.items()}


def _check_round_trip(result, expected):
    payload = _payload(result.html)
    nodes = payload["nodes"]
    shown = {key: (handle, label) for key, handle, label in zip(nodes["key"], nodes["handle"], nodes["label"])}
    assert shown == expected
    metrics = dict(zip(result.metrics["id"].map(id_key), zip(result.metrics["id"], result.metrics["name"])))
    assert {key: handle for key, (handle, _) in metrics.items()} == {key: h for key, (h, _) in expected.items()}


accounts = st.lists(st.tuples(ANY_TEXT, ANY_TEXT), min_size=1, max_size=8)


@SETTINGS
@given(accounts)
def test_any_unicode_id_and_name_reach_the_map_and_figures_unchanged(rows):
    ids, names = [row[0] for row in rows], [row[1] for row in rows]
    expected = _expected(ids, names)
    assume(expected)
    result = build_map(pd.DataFrame({"id": ids, "name": names}))
    _check_round_trip(result, expected)


@SETTINGS
@given(st.lists(st.tuples(TYPED_TEXT, TYPED_TEXT), min_size=1, max_size=8))
def test_typed_text_survives_a_utf8_csv_file(rows):
    ids, names = [row[0] for row in rows], [row[1] for row in rows]
    expected = _expected(ids, names)
    assume(expected)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id", "name"])
    writer.writerows(rows)
    result = build_map(InputFile("accounts.csv", buffer.getvalue().encode("utf-8")))
    _check_round_trip(result, expected)


def _ends_well(data: bytes, name: str) -> None:
    try:
        result = build_map(InputFile(name, data))
    except SocialMapError as error:
        assert error.issues and all(issue.file for issue in error.issues)
        return
    assert result.html.startswith("<!DOCTYPE html>")
    assert result.graph.number_of_nodes() >= 1


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_end_in_a_map_or_our_own_error(data):
    _ends_well(data, "upload.csv")


@SETTINGS
@given(st.sampled_from([b"id,name,followers\n", b"source,target\n", b"\xef\xbb\xbfid;name\r\n", b"\xff\xfe"]),
       st.binary(max_size=400))
def test_any_bytes_after_a_plausible_start_end_well(start, rest):
    _ends_well(start + rest, "upload.csv")


WORKBOOK = (DATA / "council_workbook.xlsx").read_bytes()


@FEW
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=6))
def test_a_damaged_workbook_ends_well(changes):
    data = bytearray(WORKBOOK)
    for position, value in changes:
        data[position] = value
    _ends_well(bytes(data), "accounts.xlsx")


def _workbook(rows):
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=["id", "name", "area"]).to_excel(buffer, index=False)
    return buffer.getvalue()


@FEW
@given(st.lists(st.tuples(TYPED_TEXT, TYPED_TEXT, TYPED_TEXT), min_size=1, max_size=5))
def test_any_text_in_an_excel_workbook_ends_well(rows):
    _ends_well(_workbook(rows), "accounts.xlsx")  # (a workbook cannot hold control characters)


hostile = st.one_of(st.sampled_from(HOSTILE), TYPED_TEXT)


@functools.cache
def _plain_page() -> str:
    return build_map(pd.DataFrame({"id": ["a", "b", "c"]}), pd.DataFrame({"source": ["a"], "target": ["b"]})).html



@SETTINGS
@given(st.lists(st.tuples(hostile, hostile, hostile, hostile, hostile), min_size=3, max_size=6),
       st.sampled_from(HOSTILE))
def test_hostile_text_in_any_field_never_becomes_markup(rows, heading):
    ids = [f"{index}{row[0]}" for index, row in enumerate(rows)]
    frame = pd.DataFrame({
        "id": ids, "name": [row[1] for row in rows], "area": [row[2] for row in rows],
        "category": [row[3] for row in rows], heading: [row[4] for row in rows],
    })
    links = pd.DataFrame({"source": ids, "target": ids[1:] + ids[:1], "type": [row[3] for row in rows]})
    result = build_map(frame, links, options=MapOptions(title=heading))
    html = result.html
    assert html.count("<script") == _plain_page().count("<script")  # the page's own, nothing from the data
    data_block = re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data_block and ">" not in data_block
    for text in [*HOSTILE, heading]:
        if "<" in text:
            assert text not in html
    payload = _payload(html)
    assert payload["title"] == heading
    tooltips = "\n".join(page_tooltips(payload))  # the page builds them from the columns (issue 9)
    if heading.strip():  # (a heading of only spaces is no heading: reported, not read)
        assert all(f"{heading.strip()}: {row[4].strip()}" in tooltips for row in rows if row[4].strip())
    for entry in payload["legend"]:
        assert isinstance(entry["label"], str)


@SETTINGS
@given(st.lists(st.tuples(hostile, hostile, hostile, hostile), min_size=1, max_size=6))
def test_no_text_cell_of_the_figures_csv_can_run_as_a_formula(rows):
    ids = [f"{row[0]}{index}" for index, row in enumerate(rows)]
    assume(all(id_key(handle) for handle in ids))
    frame = pd.DataFrame({"id": ids, "name": [r[1] for r in rows], "area": [r[2] for r in rows],
                          "platform": [r[3] for r in rows], "category": [r[2] for r in rows]})
    result = build_map(frame)
    table = list(csv.reader(io.StringIO(table_csv(result.metrics).removeprefix("\ufeff"))))
    header, body = table[0], table[1:]
    text_columns = [i for i, name in enumerate(header)
                    if result.metrics[name].dtype == object or pd.api.types.is_string_dtype(result.metrics[name])]
    for row in body:
        for i in text_columns:
            plain_handle = re.fullmatch(r"@[A-Za-z0-9_.]+", row[i]) and not re.fullmatch(r"@[A-Za-z]{1,3}[0-9]+", row[i])
            assert plain_handle or not row[i].startswith(("=", "+", "-", "@", "\t", "\r")), (header[i], row[i])


def test_legend_names_and_extra_headings_from_hostile_areas_stay_text():
    areas = ["<b>Sinfin</b>", "=SUM(A1)"]
    frame = pd.DataFrame({
        "id": [f"a{i}" for i in range(6)], "name": [f"Account {i}" for i in range(6)],
        "area": [areas[i % 2] for i in range(6)], "<i>Team</i>": ["<img src=x onerror=alert(1)>"] * 6,
    })
    links = pd.DataFrame({"source": ["a0", "a2", "a4", "a1", "a3", "a5"], "target": ["a2", "a4", "a0", "a3", "a5", "a1"]})
    result = build_map(frame, links, options=MapOptions(colour_by="area"))
    payload = _payload(result.html)
    assert sorted(entry["label"] for entry in payload["legend"]) == sorted(areas)
    assert "<i>Team</i>: <img src=x onerror=alert(1)>" in page_tooltips(payload)[0]
    assert "<b>Sinfin</b>" not in result.html and "<i>Team</i>" not in result.html
    rows = list(csv.DictReader(io.StringIO(table_csv(result.metrics))))
    assert {row["area"] for row in rows} == {"<b>Sinfin</b>", "'=SUM(A1)"}


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix in (".csv", ".txt", ".xlsx")))
def test_every_file_in_tests_data_gives_a_map_or_our_own_error(name):
    _ends_well((DATA / name).read_bytes(), name)


def test_zip_without_a_workbook_ends_well():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", date_time=(2024, 1, 1, 0, 0, 0)), "hello")
    _ends_well(buffer.getvalue(), "accounts.xlsx")
