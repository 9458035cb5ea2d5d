"""The page: self-contained, offline, and data never becomes markup or code (issue 4)."""

import json
import re

import pytest

from socialmap import MapOptions, build_map
from socialmap.channels import PALETTE
from socialmap.payload import _counts, _rates, _significant, map_payload
from socialmap.render import PageText, render_html, tooltip_text
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def sample():
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(title="Derby & Derbyshire"))


def _payload(html):
    match = re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_page_fetches_nothing(sample):
    html = sample.html
    assert not re.search(r"""<(script|img|iframe|link|source|video|audio)[^>]+(src|href)\s*=""", html, re.I)
    assert not re.search(r"""url\(\s*['"]?(https?:)?//""", html, re.I)
    assert not re.search(r"@import", html)
    assert "default-src 'none'" in html and "connect-src 'none'" in html


def test_page_carries_no_pictures_of_buttons_it_never_shows(sample):
    """vis-network's stylesheet is mostly its navigation and editing buttons as data URIs (207 of 220 kB);
    the map never shows them, so a map of the 223-account sample stays well under 700 kB."""
    styles = "".join(re.findall(r"<style>(.*?)</style>", sample.html, re.S))
    assert "data:image" not in styles
    assert "vis-manipulation" not in styles and "vis-navigation" not in styles
    assert "div.vis-tooltip{" in styles  # the hover text keeps vis's own box
    assert len(sample.html.encode()) < 700_000


def test_only_the_two_inline_scripts_may_run(sample):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', sample.html).group(1)
    script_src = re.search(r"script-src ([^;]+);", policy).group(1).split()
    assert len(script_src) == 2 and all(source.startswith("'sha256-") for source in script_src)
    assert "unsafe-inline" not in re.search(r"script-src[^;]+", policy).group(0)


def test_hostile_text_stays_text(write_csv):
    accounts = write_csv(
        "a.csv",
        "id,name,description,Notes for team,url\n"
        f'"@x</script>","{HOSTILE.replace(chr(34), chr(34) * 2)}","{HOSTILE.replace(chr(34), chr(34) * 2)}",'
        f'"{HOSTILE.replace(chr(34), chr(34) * 2)}",javascript:alert(1)\n',
    )
    result = build_map(accounts, options=MapOptions(title=HOSTILE))
    html = result.html
    body = html.split("<script>", 1)[0]  # everything before the inlined code
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in body  # the title, escaped
    payload = _payload(html)
    assert payload["title"] == HOSTILE
    assert payload["nodes"]["label"] == [HOSTILE]
    assert HOSTILE in page_tooltips(payload)[0]
    assert "Notes for team: " + HOSTILE in page_tooltips(payload)[0].splitlines()
    assert page_urls(payload) == [""]
    assert html.count("</script>") == 3  # the data block and the two scripts, nothing injected


def test_payload_has_every_account_and_link(sample):
    payload = _payload(sample.html)
    assert len(payload["nodes"]["key"]) == sample.graph.number_of_nodes() == 223
    assert len(payload["edges"]["to"]) == sample.graph.number_of_edges()
    assert sum(entry["count"] for entry in payload["legend"]) == 223
    assert [entry["color"] for entry in payload["legend"][: len(PALETTE)]] == list(PALETTE)[: len(payload["legend"])]


def test_links_go_as_counts_out_and_targets_and_come_back_whole(sample):
    payload = _payload(sample.html)
    keys, edges = payload["nodes"]["key"], payload["edges"]
    sources = [key for key, out in zip(keys, edges["out"]) for _ in range(out)]
    links = [(s, keys[t], w) for s, t, w in zip(sources, edges["to"], edges["weight"])]
    assert links == [(s, t, w) for s, t, w in sample.graph.edges(data="weight")]


def test_tooltip_is_built_in_the_page_from_columns(sample):
    """Issue 9: no hover text in the file (it was most of a large map's bytes); the page builds it
    from the columns with tooltip_text's words (checked here with page_tooltips, the Python twin
    of map.js's tooltipOf, and in the browser against map.js itself)."""
    payload = _payload(sample.html)
    assert "title" not in payload["nodes"]
    names = sample.partition.names
    expected = [tooltip_text(data, names[sample.partition.membership[key]])
                for key, data in sample.graph.nodes(data=True)]
    assert page_tooltips(payload) == expected
    index = payload["nodes"]["key"].index(next(k for k in payload["nodes"]["key"] if "constabulary" in k))
    node = sample.graph.nodes[payload["nodes"]["key"][index]]
    tooltip = expected[index]
    assert tooltip.splitlines()[0] == node["name"]
    assert f"Followers: {node['followers']:,.0f}" in tooltip
    assert node["area"] in tooltip and node["platform"] in tooltip


def test_repeated_text_goes_once_with_an_index(sample):
    nodes = _payload(sample.html)["nodes"]
    platforms = sorted({data["platform"] for _, data in sample.graph.nodes(data=True)})
    assert sorted(nodes["platform"]["values"]) == platforms
    assert [nodes["platform"]["values"][i] for i in nodes["platform"]["index"]] == [
        data["platform"] for _, data in sample.graph.nodes(data=True)]
    assert all(isinstance(v, int) for v in nodes["x"] + nodes["y"])


def test_numbers_are_rounded_to_what_is_seen():
    assert _significant([3.487986, 0.000123456, 123456.0, 0.0, 2.0]) == [3.49, 0.000123, 123000, 0, 2]
    assert _rates([0.5, 3.0, 1234567.0, None, 0.000012345]) == [0.5, 3, 1234570, None, 1.2345e-05]
    assert _counts([1234.4999, 1234.5, None]) == [1234, 1234, None]  # as "{:,.0f}" shows them


def test_small_maps_open_on_the_accounts_and_large_ones_on_the_overview(sample):
    assert "overview" not in _payload(sample.html)
    colour, size = sample.channels
    text = PageText("t")
    payload = map_payload(sample.graph, sample.partition, sample.layout, text, colour=colour, size=size,
                          overview_above=100)
    overview = payload["overview"]
    sizes = sample.partition.sizes()
    assert overview["community"] == [c for c, n in enumerate(sizes) if n]
    assert overview["accounts"] == [n for n in sizes if n] and sum(overview["accounts"]) == 223
    first = [i for i, c in enumerate(payload["nodes"]["community"]) if c == overview["community"][0]]
    assert overview["x"][0] == round(sum(payload["nodes"]["x"][i] for i in first) / len(first))
    assert "<" not in render_html(payload, text).split('id="sm-data">')[1].split("</script>")[0]


# --- a Python twin of the page's decoding (map.js): pins the payload's format ----------------

def text_column(column, i):
    """Row i of a payload text column: a plain list, or {values, index} (-1: none)."""
    if isinstance(column, list):
        return column[i]
    at = column["index"][i]
    return None if at < 0 else column["values"][at]


def page_urls(payload) -> list[str]:
    urls = payload["nodes"]["url"]
    return [(text_column(urls["prefix"], i) or "") + rest for i, rest in enumerate(urls["rest"])]


def _format_g(value) -> str:
    return f"{value:g}"


def page_tooltips(payload) -> list[str]:
    """Every account's hover text as map.js's tooltipOf builds it."""
    nodes = payload["nodes"]
    placeholders = set(nodes["placeholder"])
    texts = []
    for i, label in enumerate(nodes["label"]):
        lines = [label, " · ".join(p for p in (nodes["handle"][i], text_column(nodes["platform"], i),
                                                text_column(nodes["area"], i)) if p)]
        if i in placeholders:
            lines.append("Not in the accounts file: named in a relationship only")
        else:
            if text_column(nodes["category"], i):
                lines.append(f"Category: {text_column(nodes['category'], i)}")
            followers = nodes["followers"][i]
            lines.append("Followers: " + ("unknown" if followers is None else f"{followers:,}"))
            if nodes["posts"][i] is not None:
                lines.append(f"Posts a week: {_format_g(nodes['posts'][i])}")
        lines.append(f"Community: {payload['communities'][nodes['community'][i]]}")
        if text_column(nodes["description"], i):
            lines += ["", text_column(nodes["description"], i)]
        for extra in nodes["extra"]:
            value = text_column(extra["values"], i)
            if value is not None:
                lines.append(f"{extra['heading']}: {value}")
        texts.append("\n".join(lines))
    return texts


def test_same_input_same_bytes():
    first = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS).html
    assert build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS).html == first
    assert build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(seed=1)).html != first


def test_a_stylesheet_of_another_shape_is_kept_whole():
    from socialmap.render import _used_vis_rules
    flat = ".vis-overlay{top:0}div.vis-network div.vis-navigation div.vis-button{background:url(data:image/png;base64,x)}\n"
    assert _used_vis_rules(flat) == ".vis-overlay{top:0}"
    nested = "@media print{.vis-overlay{top:0}}div.vis-network div.vis-navigation{left:0}"
    assert _used_vis_rules(nested) == nested
