"""How fast the app answers a change of colour, size or filter on an upload (server side, Streamlit's AppTest).

    python bench/app.py --accounts 10000 --repeats 3

Uploads a generated map (bench/generate.py, seed 0) into the app (socialmap/app/main.py) under
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/socialmap-bench-app"))
    args = parser.parse_args()

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    accounts, relationships = write(args.data_dir, args.accounts)
    calls = Calls()
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "socialmap" / "app" / "main.py"), default_timeout=600)
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


if __name__ == "__main__":
    main()
