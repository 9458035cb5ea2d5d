"""The app under load: does its memory grow with every upload, and does a hostile upload stop colleagues?

    python bench/app_memory.py --uploads 100 --accounts 2000

Serves the app as `socialmap app` does (Streamlit on a free localhost port),
then drives it in headless Chromium (Debian's /usr/bin/chromium):

1. One session uploads ``--uploads`` different accounts files one after
   another (each a fresh analysis: no two have the same bytes), waiting for
   each map to be drawn; the server's resident memory (VmRSS) is read after
   every upload. Prints it at the start, after the first upload and at each
   tenth, with the growth per upload over the second half: a bounded app
   levels off once its caches are full (they keep a few entries each).
2. Two sessions at once: one uploads the 6 KB workbook declaring a
   full-size sheet (issue 16's sheet bomb), the other a normal file just
   after; times the normal session's map and reports the server's peak RSS.

Prints Markdown for bench/RESULTS.md. The machine is shared: say its load.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (bench/browser.py: how every bench launches Chromium)
from tests.servers import served_app  # noqa: E402

ACCOUNTS_LABEL = "Accounts: one row per account"


def accounts_file(folder: Path, number: int, accounts: int) -> Path:
    """A plausible accounts list; ``number`` changes every follower count, so no two files are alike."""
    path = folder / f"accounts-{number:03d}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "platform", "area", "category", "followers"])
        for n in range(accounts):
            writer.writerow([f"@account{n:05d}", f"Account {n}", ("Twitter", "Facebook", "Instagram")[n % 3],
                             f"Ward {n % 17}", ("council", "community", "news", "health")[n % 4],
                             100 + (n * 37 + number * 11) % 9000])
    return path


def sheet_bomb(folder: Path) -> Path:
    """A small workbook whose one stray cell sits at the sheet's far corner (XFD1048576)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "name", "followers"])
    book.active.append(["@derbycc", "Derby City Council", 1200])
    book.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    path = folder / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    with zipfile.ZipFile(path) as check:
        assert any(name.startswith("xl/worksheets/") for name in check.namelist())
    return path


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def drawn(page, accounts: int, timeout: float = 300) -> float:
    """Seconds until the app's map frame shows ``accounts`` accounts."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        for frame in page.frames[1:]:
            try:
                if frame.evaluate("document.documentElement.dataset.socialmapReady === 'true' && "
                                  f"window.socialmap.nodes.length === {accounts}"):
                    return time.monotonic() - start
            except Exception:  # noqa: BLE001 - a frame being replaced
                continue
        page.wait_for_timeout(100)
    raise TimeoutError(f"no map of {accounts} accounts within {timeout} s")


def upload(page, path: Path) -> None:
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=ACCOUNTS_LABEL)
    if uploader.count() == 0:  # the uploads folded away once a file was loaded
        page.get_by_text("Your data", exact=True).first.click()
    uploader.locator("input[type=file]").set_input_files(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uploads", type=int, default=100)
    parser.add_argument("--accounts", type=int, default=2000)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="socialmap-app-memory-"))
    rows: list[tuple[str, float]] = []
    with served_app(folder) as (server, url):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url)
            drawn(page, 223)  # the sample
            rows.append(("sample drawn", rss_mb(server.pid)))
            rss = []
            for number in range(args.uploads):
                upload(page, accounts_file(folder, number, args.accounts))
                drawn(page, args.accounts)
                rss.append(rss_mb(server.pid))
                if number == 0 or (number + 1) % 10 == 0:
                    rows.append((f"after upload {number + 1}", rss[-1]))
            half = len(rss) // 2
            slope = (rss[-1] - rss[half]) / max(1, len(rss) - 1 - half)
            page.close()

            hostile = browser.new_page(viewport={"width": 1366, "height": 768})
            colleague = browser.new_page(viewport={"width": 1366, "height": 768})
            for each in (hostile, colleague):
                each.goto(url)
                drawn(each, 223)
            upload(hostile, sheet_bomb(folder))
            upload(colleague, accounts_file(folder, 999, args.accounts))
            colleague_seconds = drawn(colleague, args.accounts)
            hostile.get_by_text("no map was made", exact=False).wait_for(timeout=120_000)
            peak = peak_mb(server.pid)
            browser.close()

    print(f"bench/app_memory.py: {args.uploads} uploads of {args.accounts:,} accounts in one session "
          f"(load average {os.getloadavg()[0]:.1f} at the end)\n")
    print("| moment | server RSS (MB) |")
    print("|---|---:|")
    for label, value in rows:
        print(f"| {label} | {value:,.0f} |")
    print(f"\nGrowth over the second half: {slope:+.2f} MB per upload.")
    print(f"Two sessions: with the sheet bomb uploaded in one, the other's {args.accounts:,}-account map was drawn "
          f"{colleague_seconds:.1f} s after its upload; the bomb was refused in its own session. "
          f"The server's peak RSS over the whole run: {peak:,.0f} MB.")


if __name__ == "__main__":
    main()
