"""The app under load (issue 16, item 6): a hostile upload in one session does not stop a colleague's.

The hostile file is issue 16's sheet bomb: a 6 KB workbook declaring a
full-size sheet, which once took the app's server from 0.6 to 3.7 GB. Here
one session uploads it while another uploads an ordinary list; the
colleague gets their map, the hostile session gets its one-line refusal,
and the server lives on with its memory bounded. The growth of memory over
100 uploads is measured in bench/app_memory.py (bench/RESULTS.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from socialmap import build_map
from tests.servers import served_app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from app_memory import drawn, peak_mb, sheet_bomb, upload  # noqa: E402

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE_ACCOUNTS = 223


def test_a_sheet_bomb_in_one_session_does_not_stop_a_colleagues_map(browser, tmp_path):
    ordinary = DATA / "aliased_accounts.csv"
    accounts = build_map(ordinary).graph.number_of_nodes()
    with served_app(tmp_path) as (server, url):
        hostile = browser.new_page(viewport={"width": 1366, "height": 768})
        colleague = browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            for page in (hostile, colleague):
                page.goto(url)
                drawn(page, SAMPLE_ACCOUNTS, timeout=120)
            upload(hostile, sheet_bomb(tmp_path))
            upload(colleague, ordinary)
            assert drawn(colleague, accounts, timeout=120) < 120
            hostile.get_by_text("no map was made", exact=False).wait_for(timeout=120_000)
            hostile.get_by_text("reaches row 1,048,576 and column XFD", exact=False).first.wait_for(state="attached", timeout=30_000)
            assert server.poll() is None
            assert peak_mb(server.pid) < 1024, "the server's memory grew past 1 GB"
        finally:
            hostile.close()
            colleague.close()
