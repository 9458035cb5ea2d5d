"""Time a map page's first complete draw in headless Chromium (Debian's, never `playwright install`).

    python bench/browser.py {socialmap|naive} PAGE.html [--repeats 3] [--timeout 600] [--expand]

Prints one JSON object: status (ok, timeout or failed), the median and every
run in seconds, and a note. With --expand, a socialmap page that opens on
its community overview (issue 9) also has its largest community expanded
after each first draw: ``expand`` holds those times, from the call to the
end of the next complete draw. Each load gets a fresh browser context with every
non-file request blocked. bench/run.py starts this script in its own
process group and kills the group if a page hangs the browser for good.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# pyvis keeps its vis.Network in a global `network`: catch the assignment and
# flag the first afterDrawing (with physics on, that comes after stabilisation).
NAIVE_HOOK = """
(() => {
  let value;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return value; },
    set(network) {
      value = network;
      if (network && network.once) {
        network.once("afterDrawing", () => { document.documentElement.dataset.benchDrawn = "true"; });
      }
    },
  });
})();
"""


@dataclass(frozen=True)
class PageKind:
    """How to tell that a page has drawn, and how far it got if it has not.

    ready: a CSS selector that matches once drawn (not a JS condition:
    Playwright evaluates those with eval, which socialmap's
    Content-Security-Policy rightly forbids). init_script: run before the
    page's own scripts. progress: a JS expression read on a timeout.
    """

    ready: str
    init_script: str | None = None
    progress: str | None = None
    progress_label: str = ""


SOCIALMAP_PAGE = PageKind("html[data-socialmap-ready='true']")
NAIVE_PAGE = PageKind(
    "html[data-bench-drawn='true']", NAIVE_HOOK,
    "(document.getElementById('text') || {}).textContent || '?'", "stabilisation at",
)


@dataclass(frozen=True)
class DrawResult:
    """First complete draw of a page in headless Chromium, in seconds (median and all runs)."""

    status: str  # ok | timeout | failed | not run
    median: float | None = None
    runs: list[float] = field(default_factory=list)
    note: str = ""
    expand: list[float] = field(default_factory=list)  # seconds to show the largest community's accounts


# The largest community's accounts shown in place of its node, until vis has drawn them.
EXPAND_LARGEST = """async () => {
  const map = window.socialmap;
  if (!map.overview) { return null; }
  const drawn = new Promise((done) => map.network.once("afterDrawing", done));
  const started = performance.now();
  map.expand(map.data.overview.community[0]);  // draws once it has changed the DataSets
  await drawn;
  return (performance.now() - started) / 1000;
}"""


def first_draw(html: Path, page: PageKind, *, repeats: int, timeout: float, expand: bool = False) -> DrawResult:
    """Seconds from page.goto to the page's ready flag, in a fresh page each time; no network.

    ``timeout`` bounds each load as a whole. goto returns once the navigation
    commits (a page busy in a long script would hold up its load event), and
    every later call into the page has a timeout of its own.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    runs, expanded = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(repeats):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                context.route("**/*", _offline)
                if page.init_script:
                    context.add_init_script(page.init_script)
                tab = context.new_page()
                try:
                    started = time.perf_counter()
                    tab.goto(html.resolve().as_uri(), wait_until="commit", timeout=timeout * 1000)
                    remaining = timeout - (time.perf_counter() - started)
                    tab.wait_for_selector(page.ready, state="attached", timeout=max(remaining, 0.001) * 1000)
                    runs.append(time.perf_counter() - started)
                    if expand:
                        seconds = tab.evaluate(EXPAND_LARGEST)
                        if seconds is not None:
                            expanded.append(seconds)
                except PlaywrightError as error:
                    if "Timeout" not in str(error):
                        return DrawResult("failed", note=str(error).splitlines()[0])
                    return DrawResult("timeout", note=f"not drawn after {timeout:g} s{_progress_note(tab, page)}")
                finally:
                    context.close()
        finally:
            browser.close()
    return DrawResult("ok", statistics.median(runs), runs, expand=expanded)


def _progress_note(tab, page: PageKind) -> str:
    """How far the page had got, if it says (pyvis shows its stabilisation percentage).

    Asked through wait_for_function, which gives up after 10 s when the page's
    main thread is stuck in a script (page.evaluate would wait for ever).
    """
    if not page.progress:
        return ""
    try:
        handle = tab.wait_for_function(f"() => String({page.progress})", timeout=10_000)
        return f"; {page.progress_label} {handle.json_value()}"
    except Exception:  # the page is busy or gone: the note is optional
        return "; the page was not responding"


def _offline(route) -> None:
    """Let file: URLs through; abort anything else (pyvis pages ask a CDN for bootstrap)."""
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


PAGES = {"socialmap": SOCIALMAP_PAGE, "naive": NAIVE_PAGE}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(PAGES))
    parser.add_argument("page", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per load")
    parser.add_argument("--expand", action="store_true", help="also time showing the largest community's accounts")
    args = parser.parse_args(argv)
    result = first_draw(args.page, PAGES[args.kind], repeats=args.repeats, timeout=args.timeout, expand=args.expand)
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()
