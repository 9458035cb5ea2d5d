"""The page: self-contained, offline, and data never becomes markup or code (issue 4)."""

import json
import re

import pytest

from socialmap import MapOptions, build_map
from socialmap.channels import PALETTE
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
    assert HOSTILE in payload["nodes"]["title"][0]
    assert payload["nodes"]["url"] == [""]
    assert html.count("</script>") == 3  # the data block and the two scripts, nothing injected


def test_payload_has_every_account_and_link(sample):
    payload = _payload(sample.html)
    assert len(payload["nodes"]["key"]) == sample.graph.number_of_nodes() == 223
    assert len(payload["edges"]["from"]) == sample.graph.number_of_edges()
    assert sum(entry["count"] for entry in payload["legend"]) == 223
    assert [entry["color"] for entry in payload["legend"][: len(PALETTE)]] == list(PALETTE)[: len(payload["legend"])]


def test_tooltip_is_plain_text_with_the_facts(sample):
    payload = _payload(sample.html)
    index = payload["nodes"]["key"].index(next(k for k in payload["nodes"]["key"] if "constabulary" in k))
    tooltip = payload["nodes"]["title"][index]
    node = sample.graph.nodes[payload["nodes"]["key"][index]]
    assert tooltip.splitlines()[0] == node["name"]
    assert f"Followers: {node['followers']:,.0f}" in tooltip
    assert node["area"] in tooltip and node["platform"] in tooltip


def test_same_input_same_bytes():
    first = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS).html
    assert build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS).html == first
    assert build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(seed=1)).html != first
