"""Issue 18, item 9: a blank accounts template that socialmap reads, and a glossary one click from the figures."""

from __future__ import annotations

from openpyxl import load_workbook
import io

from socialmap import InputFile, MapOptions, build_map
from socialmap.app.help import GLOSSARY, TEMPLATE_NAME, accounts_template
from tests.apptest import app, run  # noqa: F401 - app is a fixture


def test_the_template_is_read_as_one_worked_example_account():
    data = accounts_template()
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Accounts", "About the columns", "Channel list (example)"]
    headings = [cell.value for cell in book["Accounts"][1]]
    assert headings == ["id", "name", "platform", "area", "category", "followers", "posts_per_week", "url",
                        "description"]
    built = build_map(InputFile(TEMPLATE_NAME, data))
    assert built.reach.accounts == 1 and not built.issues
    (account,) = built.graph.nodes(data=True)
    assert account[1]["name"] == "Derbyshire Libraries" and account[1]["followers"] == 12400


def test_the_templates_channel_list_reads_as_one_account_per_platform():
    data = accounts_template()
    built = build_map(InputFile(TEMPLATE_NAME, data), options=MapOptions(sheet="Channel list (example)"))
    assert built.reach.accounts == 3, "X, Facebook and Instagram filled in; YouTube left blank"
    assert set(built.metrics["platform"]) == {"Twitter/X", "Facebook", "Instagram"}


def test_the_glossary_is_one_click_from_the_figures(app):
    (popover,) = [block for block in app.get("popover") if "figures mean" in block.proto.popover.label]
    assert any(GLOSSARY == markdown.value for markdown in popover.markdown)
    for words in ("Potential reach", "Weekly OTV", "PageRank", "Bridge", "Community"):
        assert f"**{words}" in GLOSSARY
    assert "Download a blank accounts template (.xlsx)" in {button.label for button in app.get("download_button")}
