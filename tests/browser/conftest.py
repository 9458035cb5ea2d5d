"""Headless Debian Chromium driven by Playwright (never `playwright install`).

Launched as the benchmarks launch it: bench/browser.py's CHROMIUM_ARGS keep it from reaching the internet
(bench is a folder of scripts, imported here as a namespace package: pytest runs from the repository root).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.browser import CHROMIUM as DEBIAN_CHROMIUM, CHROMIUM_ARGS  # one launch recipe for tests and benchmarks

CHROMIUM = os.environ.get("SOCIALMAP_CHROMIUM", DEBIAN_CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageLog:
    """Every request the page made and every console error it printed."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []

    def network_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "blob:", "about:"))]


def logged_page(browser, *, width: int, height: int):
    """A new page of that size and the PageLog of everything it requests or prints as an error."""
    page = browser.new_page(viewport={"width": width, "height": height})
    log = PageLog()
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("console", lambda message: log.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    return page, log


@pytest.fixture
def open_map(browser):
    """open_map(path) -> (page, log): the map opened from disk, drawn and ready."""
    pages = []

    def _open(path: Path, *, width: int = 1366, height: int = 768, timeout: float = 30_000):
        page, log = logged_page(browser, width=width, height=height)
        pages.append(page)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function("document.documentElement.dataset.socialmapReady === 'true'", timeout=timeout)
        return page, log

    yield _open
    for page in pages:
        page.close()


SAMPLE = Path(__file__).resolve().parents[2] / "socialmap" / "sample"


@pytest.fixture(scope="session")
def dated_sample(tmp_path_factory):
    """(path, result): the sample map with a title, source and date, as printed, downloaded and saved."""
    from socialmap import MapOptions, build_map

    result = build_map(SAMPLE / "accounts.csv", SAMPLE / "relationships.csv", options=MapOptions(
        title="Derby and Derbyshire", source="Invented sample", data_date="2026-11-24"))
    path = tmp_path_factory.mktemp("dated-sample") / "map.html"
    path.write_text(result.html, encoding="utf-8")
    return path, result


@pytest.fixture
def hostile_map(tmp_path):
    """hostile_map(text, more_rows="") -> (path, result): a map whose title, subtitle, source, account "a"'s
    name and colour group are all ``text``."""
    from socialmap import MapOptions, build_map

    def _make(hostile: str, *, more_rows: str = ""):
        accounts = tmp_path / "accounts.csv"
        quoted = hostile.replace('"', '""')
        accounts.write_text(f'id,name,Team,followers\na,"{quoted}","{quoted}",500\nb,Beta,Other,10\n{more_rows}',
                            encoding="utf-8")
        result = build_map(accounts, options=MapOptions(title=hostile, subtitle=hostile, source=hostile,
                                                        colour_by="Team"))
        path = tmp_path / "hostile.html"
        path.write_text(result.html, encoding="utf-8")
        return path, result

    return _make
