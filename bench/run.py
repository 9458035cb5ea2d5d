"""Benchmark socialmap against the naive networkx + pyvis pipeline on generated maps.

    python bench/run.py --sizes 1000 10000 [100000] [--naive-limit 10000] [--browser]

For each size: generate the two CSV files (bench/generate.py), build the map
with socialmap ``--repeats`` times (each in a fresh process; medians
reported), build it once with the naive pipeline under a timeout, and with
``--browser`` time the first complete draw of each page in headless
Chromium. Prints Markdown tables; ``--json`` also saves the raw numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import generate
from browser import CHROMIUM, DrawResult

HERE = Path(__file__).resolve().parent
WORKER = HERE / "worker.py"
BROWSER = HERE / "browser.py"
NAIVE_STAGES = ("read", "graph", "communities", "layout", "pyvis")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class ChildRun:
    """One worker process: its JSON report (None if it failed) and peak memory."""

    status: str  # ok | timeout | failed
    max_rss_bytes: int
    report: dict | None
    error: str = ""


@dataclass(frozen=True)
class SocialmapResult:
    """Medians over the repeated socialmap builds of one size."""

    stages: dict[str, float]
    total: float
    totals: list[float]
    max_rss_bytes: int
    html_bytes: int
    nodes: int
    edges: int
    communities: int
    imported_from: str
    cpu_total: float | None = None  # median CPU seconds of the builds


@dataclass(frozen=True)
class NaiveResult:
    """The naive build of one size (status ok, timeout, failed or not run)."""

    status: str
    stages: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    cpu_total: float | None = None
    max_rss_bytes: int | None = None
    html_bytes: int | None = None
    communities: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SizeResult:
    """Everything measured for one number of accounts."""

    accounts: int
    relationships: int
    generate_seconds: float
    socialmap: SocialmapResult
    naive: NaiveResult
    socialmap_draw: DrawResult
    naive_draw: DrawResult

    @property
    def ratio(self) -> float | None:
        """Naive total over socialmap's median total (None unless the naive build finished)."""
        if self.naive.status != "ok" or not self.socialmap.total:
            return None
        return self.naive.total / self.socialmap.total

    @property
    def cpu_ratio(self) -> float | None:
        """The same for CPU seconds, which other work on the machine hardly changes."""
        if self.naive.status != "ok" or not self.socialmap.cpu_total or self.naive.cpu_total is None:
            return None
        return self.naive.cpu_total / self.socialmap.cpu_total


# ---------------------------------------------------------------- processes


def run_child(command: list[str], *, timeout: float, cwd: Path, source: Path | None = None) -> ChildRun:
    """Run a worker, killing it after ``timeout`` s; peak RSS comes from wait4 on that one process.

    ``source``: a folder holding a ``socialmap`` package to import instead of the installed one.
    """
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env, start_new_session=True)
        status, usage = _wait(process, timeout)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode().strip(), err.read().decode().strip()
    max_rss = usage.ru_maxrss * 1024  # Linux reports kilobytes
    if status == "timeout":
        return ChildRun("timeout", max_rss, None, f"killed after {timeout:g} s")
    if status != 0:
        return ChildRun("failed", max_rss, None, stderr.splitlines()[-1] if stderr else f"exit {status}")
    return ChildRun("ok", max_rss, json.loads(stdout.splitlines()[-1]))


def _wait(process: subprocess.Popen, timeout: float) -> tuple[int | str, resource.struct_rusage]:
    """Reap the process with os.wait4 (its own rusage), killing its group on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, usage
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            return "timeout", usage
        time.sleep(0.02)


def worker_command(pipeline: str, accounts: Path, relationships: Path, out: Path) -> list[str]:
    return [sys.executable, str(WORKER), pipeline, str(accounts), str(relationships), str(out)]


# ---------------------------------------------------------------- builds


def measure_socialmap(
    accounts: Path, relationships: Path, out: Path, *, repeats: int, timeout: float, source: Path | None
) -> SocialmapResult:
    """Build ``repeats`` times in fresh processes; medians per stage, worst peak memory."""
    runs = []
    for _ in range(repeats):
        command = worker_command("socialmap", accounts, relationships, out)
        run = run_child(command, timeout=timeout, cwd=out.parent, source=source)
        if run.status != "ok":
            raise RuntimeError(f"socialmap build of {accounts.name} {run.status}: {run.error}")
        if source is not None and not run.report["imported_from"].startswith(str(source)):
            raise RuntimeError(f"the worker imported socialmap from {run.report['imported_from']}, not {source}")
        runs.append(run)
    reports = [run.report for run in runs]
    order = list(reports[0]["stages"])  # the order socialmap ran them in, then "write"
    stages = {stage: statistics.median(r["stages"].get(stage, 0.0) for r in reports) for stage in order}
    totals = [r["total"] for r in reports]
    last = reports[-1]
    return SocialmapResult(
        stages, statistics.median(totals), totals, max(run.max_rss_bytes for run in runs),
        last["html_bytes"], last["nodes"], last["edges"], last["communities"], last["imported_from"],
        statistics.median(r["cpu_total"] for r in reports),
    )


def measure_naive(accounts: Path, relationships: Path, out: Path, *, n: int, limit: int, timeout: float) -> NaiveResult:
    """One naive build, unless ``n`` is above ``limit``."""
    if n > limit:
        return NaiveResult("not run", note=f"above --naive-limit {limit}")
    run = run_child(worker_command("naive", accounts, relationships, out), timeout=timeout, cwd=out.parent)
    if run.status != "ok":
        return NaiveResult(run.status, max_rss_bytes=run.max_rss_bytes, note=run.error)
    report = run.report
    return NaiveResult(
        "ok", report["stages"], report["total"], report["cpu_total"], run.max_rss_bytes, report["html_bytes"],
        report["communities"],
    )


# ---------------------------------------------------------------- browser


def measure_draw(html: Path, kind: str, *, repeats: int, timeout: float) -> DrawResult:
    """Run browser.py in its own process group; kill it all if it outlives every load's timeout."""
    command = [sys.executable, str(BROWSER), kind, str(html), "--repeats", str(repeats), "--timeout", str(timeout)]
    run = run_child(command, timeout=repeats * timeout + 60, cwd=html.parent)
    if run.status == "ok":
        return DrawResult(**run.report)
    if run.status == "timeout":
        return DrawResult("timeout", note=f"browser killed: not drawn within {timeout:g} s")
    return DrawResult("failed", note=run.error)


# ---------------------------------------------------------------- one size


@dataclass(frozen=True)
class Settings:
    """Command-line settings of a benchmark run."""

    sizes: list[int]
    naive_limit: int
    timeout: float
    repeats: int
    browser: bool
    naive_browser: bool
    draw_timeout: float
    seed: int
    data_dir: Path | None  # None: a temporary folder
    commit: str | None  # None: the installed socialmap
    source: Path | None = None  # where the checkout of ``commit`` was extracted


def _data_rows(path: Path) -> int:
    with open(path, encoding="utf-8") as lines:
        return sum(1 for _ in lines) - 1


def measure_size(n: int, settings: Settings, folder: Path, log: Callable[[str], None]) -> SizeResult:
    """Generate into ``folder``, build with both pipelines, and (optionally) time the first draws."""
    started = time.perf_counter()
    accounts, relationships = generate.write(folder, n, seed=settings.seed)
    generate_seconds = time.perf_counter() - started
    relationship_rows = _data_rows(relationships)
    log(f"{n:,} accounts: generated in {generate_seconds:.1f} s; socialmap x{settings.repeats}")
    socialmap_html = folder / f"socialmap-{n}.html"
    naive_html = folder / f"naive-{n}.html"
    socialmap = measure_socialmap(
        accounts, relationships, socialmap_html, repeats=settings.repeats, timeout=settings.timeout,
        source=settings.source,
    )
    log(f"  socialmap median {socialmap.total:.2f} s; naive (limit {settings.naive_limit:,})")
    naive = measure_naive(
        accounts, relationships, naive_html, n=n, limit=settings.naive_limit, timeout=settings.timeout
    )
    log(f"  naive: {naive.status} {'' if naive.total is None else f'{naive.total:.1f} s'}")
    socialmap_draw = naive_draw = DrawResult("not run")
    if settings.browser:
        socialmap_draw = measure_draw(
            socialmap_html, "socialmap", repeats=settings.repeats, timeout=settings.draw_timeout
        )
        log(f"  socialmap first draw: {socialmap_draw.status} {_seconds(socialmap_draw.median)} {socialmap_draw.note}")
        if settings.naive_browser and naive.status == "ok":
            naive_draw = measure_draw(naive_html, "naive", repeats=1, timeout=settings.draw_timeout)
            log(f"  naive first draw: {naive_draw.status} {_seconds(naive_draw.median)} {naive_draw.note}")
    return SizeResult(n, relationship_rows, generate_seconds, socialmap, naive, socialmap_draw, naive_draw)


# ---------------------------------------------------------------- tables


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _megabytes(value: int | None) -> str:
    return "–" if value is None else f"{value / 1e6:,.0f}" if value >= 1e8 else f"{value / 1e6:,.1f}"


def _draw(draw: DrawResult) -> str:
    return _seconds(draw.median) if draw.status == "ok" else draw.status


def _naive_cell(naive: NaiveResult, value: str) -> str:
    return value if naive.status == "ok" else naive.status


def socialmap_table(results: list[SizeResult]) -> str:
    """Per-stage medians, total, memory, page size and first draw of socialmap."""
    stages = list(dict.fromkeys(stage for result in results for stage in result.socialmap.stages))
    header = ["accounts", "links", *stages, "total", "CPU s", "peak RSS MB", "HTML MB", "bytes/account", "first draw"]
    rows = []
    for result in results:
        sm = result.socialmap
        rows.append([
            f"{result.accounts:,}", f"{sm.edges:,}", *(_seconds(sm.stages.get(s)) for s in stages),
            f"**{_seconds(sm.total)}**", _seconds(sm.cpu_total),
            _megabytes(sm.max_rss_bytes), _megabytes(sm.html_bytes),
            f"{sm.html_bytes / result.accounts:,.0f}", _draw(result.socialmap_draw),
        ])
    return _markdown(header, rows)


def naive_table(results: list[SizeResult]) -> str:
    """Per-stage times of the naive pipeline and its ratio to socialmap."""
    header = ["accounts", *(f"naive {s}" for s in NAIVE_STAGES), "naive total", "CPU s", "peak RSS MB", "HTML MB",
              "first draw", "naive / socialmap", "same, CPU"]
    rows = []
    for result in results:
        naive = result.naive
        if naive.status == "not run":
            continue
        rows.append([
            f"{result.accounts:,}",
            *(_naive_cell(naive, _seconds(naive.stages.get(s))) for s in NAIVE_STAGES),
            _naive_cell(naive, f"**{_seconds(naive.total)}**"),
            _naive_cell(naive, _seconds(naive.cpu_total)),
            _megabytes(naive.max_rss_bytes) if naive.max_rss_bytes else "–",
            _naive_cell(naive, _megabytes(naive.html_bytes)),
            _draw(result.naive_draw) if naive.status == "ok" else "–",
            f"**{result.ratio:.1f}x**" if result.ratio is not None else "–",
            f"{result.cpu_ratio:.1f}x" if result.cpu_ratio is not None else "–",
        ])
    return _markdown(header, rows)


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(results: list[SizeResult], settings: Settings, command: str, load_before: str) -> str:
    """The command, the environment and both tables."""
    return "\n".join([
        f"- command: `{command}`",
        environment_lines(environment(settings.commit)),
        f"- load average (1, 5, 15 min) before: {load_before}; after: {_load_average()}",
        "",
        *report_tables(results),
    ])


def report_tables(results: list[SizeResult]) -> list[str]:
    """Both tables, each under a heading."""
    repeats = max((len(r.socialmap.totals) for r in results), default=0)
    return [
        f"### socialmap (median of {repeats} fresh-process builds; seconds)",
        "",
        socialmap_table(results),
        "",
        "### naive: pandas → networkx Louvain → spring_layout → pyvis (one build; seconds)",
        *(["", naive_table(results)] if any(r.naive.status != "not run" for r in results) else []),
        *_skipped_note(results),
    ]


def _skipped_note(results: list[SizeResult]) -> list[str]:
    skipped = [f"{r.accounts:,}" for r in results if r.naive.status == "not run"]
    return ["", f"Naive build not run (above --naive-limit) for {', '.join(skipped)} accounts."] if skipped else []


# ---------------------------------------------------------------- machine


def environment(commit: str | None = None) -> dict[str, str]:
    """Machine, versions, socialmap commit and date, for the record."""
    from importlib.metadata import PackageNotFoundError, version

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": f"{os.cpu_count()} x {_cpu_model()}",
        "ram": _total_ram(),
        "python": sys.version.split()[0],
        **{name: package(name) for name in ("networkx", "python-igraph", "pandas", "numpy", "pyvis", "playwright")},
        "chromium": _command_output([CHROMIUM, "--version"]),
        "socialmap": _socialmap_revision(commit),
    }


def _socialmap_revision(commit: str | None) -> str:
    git = ["git", "-C", str(HERE.parent)]
    if commit:
        return f"commit {_command_output([*git, 'rev-parse', '--short', commit])} (extracted with --commit)"
    return f"working tree {_command_output([*git, 'describe', '--always', '--dirty'])} (installed)"


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def _total_ram() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    return "unknown"


def _command_output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "unavailable"


def _load_average() -> str:
    """Other work on the machine skews timings: the load average tells."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def environment_lines(info: dict[str, str]) -> str:
    return "\n".join(f"- {name}: {value}" for name, value in info.items())


# ---------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> tuple[Settings, Path | None, list[Path] | None]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="numbers of accounts")
    parser.add_argument("--naive-limit", type=int, default=10000, help="skip the naive build above this size")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per build (default 600)")
    parser.add_argument("--repeats", type=int, default=3, help="socialmap builds and page loads per size")
    parser.add_argument("--browser", action="store_true", help="time the first draw in headless Chromium")
    parser.add_argument("--no-naive-browser", dest="naive_browser", action="store_false",
                        help="with --browser, do not time the naive page's draw")
    parser.add_argument("--draw-timeout", type=float, default=600, help="seconds allowed per page load and draw")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--data-dir", type=Path, help="keep CSV and HTML files here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the raw results to this file")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="measure nothing: print the tables of results saved with --json (merged)")
    parser.add_argument("--commit", help="benchmark this git commit of socialmap (extracted to a temporary "
                        "folder) instead of the installed working tree")
    parser.add_argument("--quick", action="store_true",
                        help="a guard against regressions CI may run: ours at 1,000 and 10,000 accounts, once each, "
                             "the naive pipeline at 1,000 only, no browser; prints the table and never fails on timings")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.naive_limit, args.repeats, args.browser = [1000, 10000], 1000, 1, False
    settings = Settings(
        sizes=args.sizes, naive_limit=args.naive_limit, timeout=args.timeout, repeats=args.repeats,
        browser=args.browser, naive_browser=args.naive_browser, draw_timeout=args.draw_timeout,
        seed=args.seed, data_dir=args.data_dir, commit=args.commit,
    )
    return settings, args.json, args.report


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def resolve_commit(revision: str) -> str:
    """The full hash of a revision of this repository."""
    done = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--verify", f"{revision}^{{commit}}"],
        capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


def checkout(commit: str, folder: Path) -> Path:
    """Extract ``commit`` of the repository into ``folder``; return the folder to import socialmap from.

    Commits before the package move kept the page assets in a top-level ``assets``
    folder, installed as ``socialmap.assets``; a symbolic link gives such a package the
    same layout.
    """
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    if not (folder / "socialmap" / "assets").exists():
        (folder / "socialmap" / "assets").symlink_to(Path("..") / "assets")
    return folder


def run(settings: Settings, done: Callable[[list[SizeResult]], None]) -> list[SizeResult]:
    """Measure every size in turn, in ``settings.data_dir`` or a temporary folder.

    ``done`` gets the results so far after each size, so a long run that is
    stopped still leaves its finished sizes behind.
    """
    results: list[SizeResult] = []
    with contextlib.ExitStack() as stack:
        def temporary(prefix: str) -> Path:
            return Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=prefix)))

        if settings.commit:
            settings = dataclasses.replace(settings, source=checkout(settings.commit, temporary("socialmap-src-")))
        folder = settings.data_dir or temporary("socialmap-bench-")
        folder.mkdir(parents=True, exist_ok=True)
        for n in settings.sizes:
            results.append(measure_size(n, settings, folder, _log))
            done(results)
    return results


def load_results(path: Path) -> list[SizeResult]:
    """Results saved with --json."""
    saved = json.loads(path.read_text())
    return [
        SizeResult(
            r["accounts"], r["relationships"], r["generate_seconds"], SocialmapResult(**r["socialmap"]),
            NaiveResult(**r["naive"]), DrawResult(**r["socialmap_draw"]), DrawResult(**r["naive_draw"]),
        )
        for r in saved["results"]
    ]


def main(argv: list[str] | None = None) -> None:
    settings, json_path, saved = parse_args(argv)
    if settings.commit:  # pin it now: HEAD may move while a long run goes on
        settings = dataclasses.replace(settings, commit=resolve_commit(settings.commit))
    if saved:
        results = sorted((r for path in saved for r in load_results(path)), key=lambda r: r.accounts)
        print("\n".join(report_tables(results)))
        return
    command = " ".join(["python bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    load_before = _load_average()

    def save(results: list[SizeResult]) -> None:
        _log(report(results, settings, command, load_before))
        if json_path:
            raw = {
                "command": command,
                "environment": environment(settings.commit),
                "load_average_before": load_before,
                "results": [asdict(r) | {"ratio": r.ratio, "cpu_ratio": r.cpu_ratio} for r in results],
            }
            json_path.write_text(json.dumps(raw, indent=2, default=str))

    print(report(run(settings, save), settings, command, load_before))


if __name__ == "__main__":
    main()
