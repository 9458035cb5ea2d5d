"""The change map in headless Chromium: legend, change panel, no network, hostile text stays text (issue 10)."""

from __future__ import annotations

import pytest

from socialmap.changemap import build_change
from socialmap.options import ChangeOptions, MapOptions
from tests.conftest import ROOT

SNAPSHOTS = ROOT / "socialmap" / "sample" / "snapshots"
HOSTILE = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "</script><script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def change_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("change")
    result = build_change(SNAPSHOTS / "accounts-2026-10.csv", SNAPSHOTS / "accounts-2026-11.csv",
                          SNAPSHOTS / "relationships-2026-10.csv", SNAPSHOTS / "relationships-2026-11.csv",
                          options=ChangeOptions(map=MapOptions(title="What changed in Derby")))
    path = folder / "change.html"
    path.write_text(result.html, encoding="utf-8")
    return path


def test_change_page_opens_with_legend_and_headline_and_no_network(open_map, change_page, tmp_path):
    page, log = open_map(change_page)
    legend = page.locator("#sm-legend-items li").all_text_contents()
    assert any(text.startswith("New since 2026-10") for text in legend)
    assert any(text.startswith("Removed since 2026-10") for text in legend)
    assert [text for text in legend if text.startswith(("Grew", "Same followers", "Shrank"))] == [
        "Grew155", "Same followers24", "Shrank18"]
    assert "followers gained or lost" in page.locator(".sm-key").inner_text()
    assert "+10 accounts, \u22122 removed, potential reach +2.9%" in page.locator("#sm-subtitle").inner_text()
    page.click("#sm-reach-button")
    panel = page.locator("#sm-reach")
    assert panel.is_visible()
    assert page.locator("#sm-reach-title").inner_text() == "Change since 2026-10"
    assert page.locator("#sm-reach-button").inner_text() == "What changed"
    assert "215 \u2192 223 (+10 new, \u22122 removed)" in panel.inner_text()
    assert ("+10 accounts, \u22122 removed, potential reach +2.9% (like for like +2.9%), weekly opportunities to "
            "view +2.4% (like for like +2.4%)") in panel.inner_text()
    assert "18 accounts have no follower count in one or both snapshots" in panel.inner_text()
    assert page.evaluate("window.socialmap.nodes.length") == 225  # 223 now + 2 removed, drawn pale
    page.screenshot(path=str(tmp_path / "change.png"))
    assert log.network_requests() == []
    assert log.errors == []


def test_hostile_names_in_either_snapshot_stay_text(open_map, tmp_path):
    old = tmp_path / "old.csv"
    new = tmp_path / "new.csv"
    old.write_text(f'id,name,followers\ngone,"{HOSTILE.replace(chr(34), chr(34) * 2)}",10\nstays,Stays,5\n',
                   encoding="utf-8")
    new.write_text(f'id,name,area,followers\nstays,"{HOSTILE_SCRIPT}","{HOSTILE_SCRIPT}",9\n'
                   f'new,New,"{HOSTILE.replace(chr(34), chr(34) * 2)}",1\n', encoding="utf-8")
    result = build_change(old, new, options=ChangeOptions(old_label=HOSTILE, map=MapOptions(title=HOSTILE_SCRIPT)))
    page_path = tmp_path / "hostile.html"
    page_path.write_text(result.html, encoding="utf-8")
    page, log = open_map(page_path)
    page.click("#sm-reach-button")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#sm-title").inner_text() == HOSTILE_SCRIPT
    assert f"New since {HOSTILE}" in page.locator("#sm-legend-items").inner_text()
    assert page.locator("img").count() == 0
    assert log.network_requests() == [] and log.errors == []
