"""The reach panel's figures a manager acts on (issue 20): the shape sentence, a bridge line, likely impressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialmap import MapOptions, build_map

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ACCOUNTS = ROOT / "socialmap" / "sample" / "accounts.csv"
SAMPLE_RELATIONSHIPS = ROOT / "socialmap" / "sample" / "relationships.csv"


def test_reach_panel_says_the_shape_the_gaps_and_likely_impressions(tmp_path, open_map):
    result = build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS, options=MapOptions(title="Derby and Derbyshire"))
    path = tmp_path / "map.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    page.click("#sm-reach-button")
    shape = page.locator("#sm-shape")
    assert shape.is_visible()
    assert shape.text_content().startswith("Community clusters: 12 groups of accounts")
    assert f"modularity {result.shape.modularity:.2f}" in shape.text_content()
    gaps = page.locator("#sm-gaps li")
    assert gaps.count() == len(result.gaps) > 0
    gaps.first.scroll_into_view_if_needed()
    assert gaps.first.is_visible()
    assert gaps.first.text_content() == result.gaps[0].sentence() + "."
    assert " to both." in gaps.first.text_content()
    panel = page.locator("#sm-reach")
    figures = dict(zip(panel.locator("dt").all_text_contents(), panel.locator("dd").all_text_contents()))
    assert figures["Likely impressions a week (estimate)"] == f"{result.reach.likely_impressions:,.0f}"
    assert "Likely impressions are an estimate" in panel.text_content()
    assert log.errors == [] and log.network_requests() == []
