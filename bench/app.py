"""How fast the app answers: its first view, and a change of colour, size or filter on a large upload.

    python bench/app.py --browser --visits 8 --accounts 10000 --repeats 3   # in Chromium (issue 18, item 5)
    python bench/app.py --browser --visits 6 --sample-only                  # the sample's first view only
    python bench/app.py --accounts 10000 --repeats 3                        # server side only (AppTest)

--browser serves the app as `socialmap app` does and drives it in headless
Chromium (Debian's, bench/browser.py's flags) at 1366x768. It times what a
user waits for, from the browser's own clock: from the page's navigation to
the sample map drawn (the map says so with data-socialmap-ready), on the
first visit after the server starts and on later ones, each in a new tab,
with the browser's cache empty (a new profile) and warm (a returning user);
then, after uploading a generated map (bench/generate.py, seed 0), from a
change in the sidebar to the new map drawn. Prints Markdown for RESULTS.md.

Without --browser: uploads a generated map (bench/generate.py, seed 0) into the app (socialmap/app/main.py) under
AppTest, then times each rerun after one widget changes, and counts how
often the costly stages ran: a colour, size or filter change must not
analyse or lay out again. Prints a Markdown table (medians; the machine is
shared, so say its load). AppTest runs the script as the server would, but
no browser draws the page: tests/browser and bench/browser.py time that.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate import write  # noqa: E402


class Calls:
    """Counts calls of socialmap.explore's costly stages."""

    STAGES = ("analyse_inputs", "arrange_view", "present")

    def __init__(self) -> None:
        from socialmap import explore

        self.counts = dict.fromkeys(self.STAGES, 0)
        for name in self.STAGES:
            original = getattr(explore, name)

            def counted(*args, _name=name, _original=original, **kwargs):
                self.counts[_name] += 1
                return _original(*args, **kwargs)

            setattr(explore, name, counted)

    def since(self, before: dict[str, int]) -> str:
        ran = [f"{name} x{self.counts[name] - before[name]}" for name in self.STAGES
               if self.counts[name] != before[name]]
        return ", ".join(ran) or "none"


def timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return elapsed


def server_side(args) -> None:
    """The app's script under AppTest: seconds per rerun after each change, and the costly stages that ran."""

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from socialmap.app.firstview import DRAWN

    accounts, relationships = write(args.data_dir, args.accounts)
    calls = Calls()
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "socialmap" / "app" / "main.py"), default_timeout=600)
    at.session_state[DRAWN] = True  # as the browser says once it has drawn the first map (firstview.py)
    at.run()
    at.file_uploader(key="accounts").set_value((accounts.name, accounts.read_bytes(), "text/csv"))
    at.file_uploader(key="relationships").set_value((relationships.name, relationships.read_bytes(), "text/csv"))
    before = dict(calls.counts)
    rows = [("upload accounts and relationships (first build)", [timed_run(at)], calls.since(before))]

    platforms = at.multiselect(key="platform").options
    changes = [
        ("colour by category", lambda value: at.selectbox(key="colour").set_value("category" if value else "auto")),
        ("size by PageRank", lambda value: at.selectbox(key="size").set_value("pagerank" if value else "followers")),
        ("filter: one platform", lambda value: at.multiselect(key="platform").set_value(
            [platforms[0]] if value else [])),
        ("filter: at least 1,000 followers", lambda value: at.number_input(key="min_followers").set_value(
            1000 if value else 0)),
    ]
    for label, change in changes:
        times, ran = [], set()
        for repeat in range(args.repeats):
            for value in (True, False):  # change, then change back: each a rerun of its own
                change(value)
                before = dict(calls.counts)
                elapsed = timed_run(at)
                ran.add(calls.since(before))
                if value:
                    times.append(elapsed)
        rows.append((label, times, "; ".join(sorted(ran))))

    print(f"app.py under AppTest, {args.accounts:,} accounts, median of {args.repeats} "
          f"(load average {os.getloadavg()[0]:.1f} at the end)\n")
    print("| change | seconds (median) | runs | costly stages that ran |")
    print("|---|---:|---:|---|")
    for label, times, ran in rows:
        print(f"| {label} | {statistics.median(times):.2f} | {len(times)} | {ran} |")



# Each document records when its map says it is drawn, on the browser's clock (ms since 1970), in the top page.
DRAWN_CLOCK = """
(() => {
  const note = () => {
    const at = performance.timeOrigin + performance.now();
    try {
      (window.top.__benchDrawn = window.top.__benchDrawn || []).push(at);
      (window.top.__benchAccounts = window.top.__benchAccounts || []).push(window.socialmap.data.nodes.key.length);
    } catch (error) { /* not ours */ }
  };
  const watch = () => {
    const root = document.documentElement;
    if (!root) { return; }
    if (root.dataset.socialmapReady === "true") { note(); return; }
    const seen = new MutationObserver(() => {
      if (root.dataset.socialmapReady === "true") { seen.disconnect(); note(); }
    });
    seen.observe(root, {attributes: true, attributeFilter: ["data-socialmap-ready"]});
  };
  if (document.documentElement) { watch(); } else { document.addEventListener("readystatechange", watch, {once: true}); }
})();
"""
CLOCK = "performance.timeOrigin + performance.now()"
SAMPLE_ACCOUNTS = 223


def draws(page) -> int:
    return page.evaluate("(window.__benchDrawn || []).length")


def next_draw(page, after: int, since: float, timeout: float = 600, more_than: int = 0) -> float:
    """Seconds from ``since`` (the browser's clock, ms) to the first map drawn after the ``after``-th (with more
    than ``more_than`` accounts: an upload's map, not the sample redrawn meanwhile)."""
    wanted = f"window.__benchAccounts[i] > {more_than}"
    find = f"(() => {{ const d = window.__benchDrawn || []; for (let i = {after}; i < d.length; i++) {{ if ({wanted}) return d[i]; }} return null; }})()"
    page.wait_for_function(f"{find} !== null", timeout=timeout * 1000, polling=50)
    return (page.evaluate(find) - since) / 1000


def visit(context, url: str) -> float:
    """Seconds from a new tab's navigation to the map drawn."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        return next_draw(page, 0, page.evaluate("performance.timeOrigin"), timeout=120)
    finally:
        page.close()


def choices_box(page, label: str):
    """The text box of the sidebar's select box or multiselect named ``label``."""
    return page.locator("[data-testid=stSidebar]").get_by_text(label, exact=True).locator(
        "xpath=ancestor::*[@data-testid='stSelectbox' or @data-testid='stMultiSelect'][1]").locator("input")


def pick(page, label: str, option: str) -> float:
    """Choose ``option`` in the sidebar's select box or multiselect ``label``; the browser's clock at the choice."""
    box = choices_box(page, label)
    box.click()
    box.fill(option)  # the list shows the choices that match what is typed
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for()
    at = page.evaluate(CLOCK)
    choice.click()
    return at


def unpick(page, label: str) -> float:
    """Take the one choice off a multiselect (the filter back to all); the browser's clock at the key press."""
    choices_box(page, label).click()
    at = page.evaluate(CLOCK)
    page.keyboard.press("Backspace")  # takes off the one choice made
    page.keyboard.press("Escape")
    return at


def type_number(page, label: str, value: int) -> float:
    field = page.locator("[data-testid=stSidebar]").get_by_label(label, exact=True)
    field.fill(str(value))
    at = page.evaluate(CLOCK)
    field.press("Enter")
    return at


def in_browser(args) -> None:
    """The app in Chromium: the sample's first view, then changes on a large upload (module docstring)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from browser import CHROMIUM, CHROMIUM_ARGS
    from tests.servers import served_app

    accounts, relationships = (None, None) if args.sample_only else write(args.data_dir, args.accounts)
    viewport = {"width": 1366, "height": 768}
    rows: list[tuple[str, list[float]]] = []
    with served_app(Path(tempfile.mkdtemp(prefix="socialmap-bench-app-"))) as (server, url):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            def new_context():
                context = browser.new_context(viewport=viewport)
                context.add_init_script(DRAWN_CLOCK)
                return context

            first = new_context()
            rows.append(("sample map, first visit after the server starts", [visit(first, url)]))
            first.close()
            cold = []
            for _ in range(args.visits):
                context = new_context()
                cold.append(visit(context, url))
                context.close()
            rows.append(("sample map, a later visit, browser cache empty", cold))
            returning = new_context()
            visit(returning, url)  # fills the browser's cache
            rows.append(("sample map, a later visit, browser cache warm",
                         [visit(returning, url) for _ in range(args.visits)]))
            returning.close()

            if not args.sample_only:
                rows += changes_on_upload(new_context(), url, args, accounts, relationships)
            browser.close()

    print(f"app.py served, headless Chromium at 1366x768; median of each row's runs "
          f"(load average {os.getloadavg()[0]:.1f} at the end)\n")
    print("| what the user waits for | seconds (median) | runs | fastest, slowest |")
    print("|---|---:|---:|---|")
    for label, times in rows:
        print(f"| {label} | {statistics.median(times):.2f} | {len(times)} | {min(times):.2f}, {max(times):.2f} |")


def changes_on_upload(context, url: str, args, accounts: Path, relationships: Path) -> list[tuple[str, list[float]]]:
    """Upload the generated map, then time each change in the sidebar (and its undoing) to the new map drawn."""
    page = context.new_page()
    page.goto(url)
    next_draw(page, 0, page.evaluate("performance.timeOrigin"), timeout=120)
    uploader = page.get_by_test_id("stFileUploader")  # relationships first: the sample stays until accounts come
    uploader.filter(has_text="Relationships:").locator("input[type=file]").set_input_files(str(relationships))
    page.get_by_text("Add an accounts file too").wait_for()
    before = draws(page)
    started = page.evaluate(CLOCK)
    uploader.filter(has_text="Accounts: one row per account").locator("input[type=file]").set_input_files(
        str(accounts))
    rows = [(f"upload {args.accounts:,} accounts and their relationships: map drawn",
             [next_draw(page, before, started, timeout=900, more_than=SAMPLE_ACCOUNTS)])]
    changes = [
        ("colour by category", lambda: pick(page, "Colour by", "Category"),
         lambda: pick(page, "Colour by", "Automatic")),
        ("size by PageRank", lambda: pick(page, "Size by", "PageRank (standing)"),
         lambda: pick(page, "Size by", "Followers")),
        ("filter: one platform", lambda: pick(page, "Platforms", "Facebook"), lambda: unpick(page, "Platforms")),
        ("filter: at least 1,000 followers", lambda: type_number(page, "At least this many followers", 1000),
         lambda: type_number(page, "At least this many followers", 0)),
    ]
    for label, change, undo in changes:
        times = []
        for _ in range(args.repeats):
            for action in (change, undo):
                before = draws(page)
                at = action()
                times.append(next_draw(page, before, at))
        rows.append((f"{args.accounts:,} accounts: {label} (and back), map redrawn", times))
    context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--browser", action="store_true", help="time the app in headless Chromium")
    parser.add_argument("--visits", type=int, default=8, help="visits of the sample page (--browser)")
    parser.add_argument("--sample-only", action="store_true",
                        help="--browser: only the sample's visits, not the upload and its changes")
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/socialmap-bench-app"))
    args = parser.parse_args()
    (in_browser if args.browser else server_side)(args)


if __name__ == "__main__":
    main()
