"""One handle on three platforms on the page: three accounts, each found by the search box (issue 14, item 1)."""

from __future__ import annotations

from pathlib import Path

from socialmap import build_map

DATA = Path(__file__).parent.parent / "data"


def test_search_picks_each_platforms_account(open_map, tmp_path):
    result = build_map(DATA / "one_handle_three_platforms.csv", DATA / "one_handle_links.csv")
    path = tmp_path / "map.html"
    path.write_text(result.html, encoding="utf-8")
    page, log = open_map(path)
    page.locator("#sm-search").focus()  # the choices are made on first use
    choices = page.eval_on_selector_all("#sm-accounts option", "options => options.map(o => o.value)")
    assert sorted(choice for choice in choices if choice.startswith("Kingsbridge Foodbank")) == [
        "Kingsbridge Foodbank (@KBFoodbank, Twitter/X)", "Kingsbridge Foodbank (KBFoodbank, Facebook)",
        "Kingsbridge Foodbank (kbfoodbank, Instagram)"]  # one each, where "Name (handle)" gave one for all three
    for choice, key in (("Kingsbridge Foodbank (kbfoodbank, Instagram)", "kbfoodbank (instagram)"),
                        ("Kingsbridge Foodbank (@KBFoodbank, Twitter/X)", "kbfoodbank (twitter)")):
        page.fill("#sm-search", choice)
        page.press("#sm-search", "Enter")
        page.wait_for_function("(key) => window.socialmap.network.getSelectedNodes()[0] === key", arg=key,
                               timeout=5_000)
    assert page.locator("#sm-search-result").text_content() == "2 linked"
    assert not log.errors and not log.network_requests()
