"""The ``socialmap`` command: parse options, call the pipeline, write files.

Bad input never shows a traceback: each problem is one line on stderr
(file, row, column, message) and the exit status is 2.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from .console import make_streams_safe
from .inputs.dates import parse_date
from .errors import SocialMapError, summarised
from .export import table_bytes
from .graphfiles import GRAPH_FORMATS
from .gaps import gap_rows
from .impressions import visibility_from
from .metrics import reach_tables
from .inputs.columns import ACCOUNT_FIELD_NAMES, RELATIONSHIP_FIELD_NAMES, ColumnMap
from .options import AGGREGATES, BRANCHES, LAYOUTS, METHODS, MapOptions
from .words import count_of, plural
from .pipeline import build_map
from .poster import FORMATS as POSTER_FORMATS, PAPER_NAMES, map_file, trend_file
from .sample import DATA_SUFFIXES, FOLDER as SAMPLE_FOLDER
from .storeflags import store_option

__all__ = ["main"]

INPUT_ERROR = 2


class _StageReporter:
    """Prints each stage on a terminal once a build has taken more than a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()

    def __call__(self, stage: str) -> None:
        elapsed = time.perf_counter() - self.started
        if self.enabled and elapsed > 1.0:
            click.echo(f"  {elapsed:5.1f} s  {stage}…", err=True)


def output_format(path: Path) -> str:
    """html, gexf, graphml, svg, pdf or pptx, from the output's extension."""
    suffix = path.suffix.lower().lstrip(".")
    return "html" if suffix in ("html", "htm") else suffix


def _checked_output(path: Path) -> Path:
    if output_format(path) not in ("html", *GRAPH_FORMATS, *POSTER_FORMATS):
        raise click.BadParameter(f"{path.name} must end in .html, .gexf, .graphml, .svg, .pdf or .pptx")
    return path


def _date_option(text: str | None) -> dt.date | None:
    """A date typed on the command line, ISO or day first."""
    if text is None:
        return None
    try:
        return parse_date(text, what="the date")
    except ValueError as error:
        raise click.BadParameter(str(error).removeprefix("the date: ")) from None


def _column_map(fields: tuple[str, ...]):
    """A click callback: repeated FIELD=HEADING options as one ColumnMap."""
    def parse(context, parameter, texts: tuple[str, ...]) -> ColumnMap:
        try:
            return ColumnMap.parse(texts, fields=fields)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
    return parse


def column_options(command):
    """``--column`` and ``--link-column``: which heading holds which field, for build, compare and trend."""
    command = click.option(
        "--link-column", "relationship_columns", multiple=True, metavar="FIELD=HEADING",
        callback=_column_map(RELATIONSHIP_FIELD_NAMES),
        help=f"The relationships file's column holding FIELD ({', '.join(RELATIONSHIP_FIELD_NAMES)}); "
             "FIELD= says there is none. Repeat for more.")(command)
    return click.option(
        "--column", "account_columns", multiple=True, metavar="FIELD=HEADING",
        callback=_column_map(ACCOUNT_FIELD_NAMES),
        help="The accounts file's column holding FIELD (id, name, platform, area, category, followers, "
             "posts_per_week, url, description, lat, lon), e.g. --column id=\"Twitter handle\"; FIELD= says the "
             "file has no such column. Repeat for more.")(command)


def community_options(command):
    """``--communities N`` and ``--method``: how communities are found, for build and compare."""
    command = click.option(
        "--method", type=click.Choice(METHODS), default=None,
        help="How communities are found: louvain, or leiden (every community connected). Default: louvain, "
             "or leiden with --communities.")(command)
    return click.option(
        "--communities", type=click.IntRange(1, 1000), default=None, metavar="N",
        help="About how many communities (of 3 or more accounts) to find: the resolution is then fitted "
             "and --resolution is not used.")(command)


def _say_columns(columns) -> None:
    """Last, one line per way of reading: which heading was read as which field, and the headings not used.

    Files read the same way (a trend's snapshots) share a line.
    """
    files: dict[object, list[str]] = {}
    for read in columns:
        files.setdefault(replace(read, file=""), []).append(read.file)
    for read, names in files.items():
        more = f" and {len(names) - 1} more" if len(names) > 2 else (f" and {names[1]}" if len(names) == 2 else "")
        click.echo(replace(read, file=names[0] + more).line())


@click.group()
@click.version_option(package_name="socialmap")
def main() -> None:
    """Turn a spreadsheet of social media accounts into an offline, interactive map."""
    make_streams_safe()
    if not sys.warnoptions:  # libraries' own warnings (openpyxl's, with their paths) are not for the user
        warnings.simplefilter("ignore")


def _stop(error: SocialMapError, what: str) -> NoReturn:
    """Every problem on its own line, a count, then exit status 2: bad input is never a traceback."""
    for issue in error.issues:
        click.echo(str(issue), err=True)
    count = len(error.issues)
    click.echo(f"socialmap: {count} problem{'s' if count != 1 else ''} in the input; no {what} was written.", err=True)
    sys.exit(INPUT_ERROR)


_WARNING_LINES = 12  # with the count line above them, a screenful


def _warn(issues, note: str = "", *, prefix: str = "", verbose: bool = False) -> int:
    """Print the warnings among ``issues`` after a line that counts them, alike ones as one line each
    (``verbose``: every one); their count."""
    warnings_ = [issue for issue in issues if not issue.is_error]
    if warnings_:
        click.echo(f"{prefix}{count_of(len(warnings_), 'warning')}{' ' + note if note else ''}:", err=True)
        lines = summarised(warnings_, verbose=verbose)
        shown = lines if verbose or len(lines) <= _WARNING_LINES else lines[:_WARNING_LINES - 1]
        for line in shown:
            click.echo(f"  {line}", err=True)
        if len(shown) < len(lines):
            click.echo(f"  ... and {count_of(len(lines) - len(shown), 'more kind')} of warning "
                       "(--verbose lists every warning)", err=True)
    return len(warnings_)


max_size_option = click.option(
    "--max-size", "max_bytes", type=click.FloatRange(min=0, min_open=True), default=MapOptions.max_bytes / 2**20,
    show_default=True, callback=lambda context, parameter, megabytes: max(1, round(megabytes * 2**20)),
    help="Largest input file to read, in MB.")
_VERBOSE = click.option("--verbose", is_flag=True, help="List every warning on its own line, with its row.")
_PAPER = click.option("--paper", type=click.Choice(PAPER_NAMES, case_sensitive=False), default="A3", show_default=True,
                      callback=lambda context, parameter, text: text.upper(),
                      help="Paper of an .svg or .pdf poster (landscape; slides are 16:9).")


@main.command()
@click.argument("accounts", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("relationships", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("map.html"),
              show_default=True, callback=lambda context, parameter, path: _checked_output(path),
              help="The map to write: .html (the interactive map), .gexf (Gephi), .graphml (Cytoscape), "
                   ".svg or .pdf (a poster) or .pptx (slides).")
@_PAPER
@click.option("--title", default="Social media map", show_default=True, help="Title shown on the map.")
@click.option("--subtitle", default=None, help="Line under the title (default: the counts).")
@click.option("--source", default=None, help="Where the data came from, credited under the title.")
@click.option("--date", "data_date", default=None, help="The data's date, shown under the title (e.g. 2026-11-24).")
@click.option("--metrics", "metrics_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures, one row per account: CSV, or a workbook if FILE ends in .xlsx.")
@click.option("--reach", "reach_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write reach by community, area, platform and category (and organisation, for a list with a "
                   "column per platform): CSV, or .xlsx.")
@click.option("--seed", default=42, show_default=True, type=click.IntRange(min=0),
              help="Seed for every random choice: the same seed gives the same map.")
@click.option("--resolution", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True, max=100),
              help="Community resolution: higher gives more, smaller communities.")
@community_options
@click.option("--visibility", "visibility_text", default=None, metavar="FACTOR|FILE",
              help="Likely impressions = weekly OTV x this visibility factor (0.05 or 5%), or the factors in a CSV "
                   "of platform, size band (small, medium, large or *), factor. Default: Facebook pages' organic "
                   "reach, 6% (2% from 500,000 followers), Social@Ogilvy 2014, assumed for every platform.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True,
              help="auto: force with links, else a box per colour; force: communities pulled apart; "
                   "communities: a box per community; "
                   "mindmap: region, areas, branches, accounts; geo: accounts round their area's place.")
@click.option("--branch", type=click.Choice(BRANCHES), default="platform", show_default=True,
              help="What the mind map branches on below areas.")
@click.option("--colour-by", "colour_by", default="auto", show_default=True,
              help="community, area, platform, category or any text column (auto: community if there are links).")
@click.option("--size-by", "size_by", default="followers", show_default=True,
              help="followers, weekly_otv, pagerank, degree, betweenness or any numeric column.")
@click.option("--aggregate", type=click.Choice(AGGREGATES), default=None,
              help="Draw one node per community or per area: the overview.")
@click.option("--areas", "areas_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Areas table (area, lat, lon, population) for the geo layout and audience ranges.")
@click.option("--region", default=None, help="Label of the mind map's centre (default: the title).")
@click.option("--platform", "only_platforms", multiple=True, help="Show only this platform (repeat for more).")
@click.option("--area", "only_areas", multiple=True, help="Show only this area (repeat for more).")
@click.option("--category", "only_categories", multiple=True, help="Show only this category (repeat for more).")
@click.option("--min-followers", "min_followers", type=click.FloatRange(min=0), default=None,
              help="Show only accounts with at least this many followers.")
@click.option("--focus", default=None, help="Show one account (id or name) and its neighbourhood.")
@click.option("--steps", "focus_steps", type=click.IntRange(1, 2), default=1, show_default=True,
              help="How many links out from the focus account to show.")
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--sheet", default=None,
              help="The sheet of an ACCOUNTS workbook to read (default: found from the headings).")
@click.option("--relationships-sheet", "relationships_sheet", default=None,
              help="The sheet holding the relationships: of RELATIONSHIPS if given, else of the ACCOUNTS workbook.")
@column_options
@max_size_option
@click.option("--from", "mentions_from", default=None, callback=lambda context, parameter, text: _date_option(text),
              help="Keep only dated relationships (e.g. mentions) on or after this date (2026-10-01 or 01/10/2026); "
                   "undated ones stay.")
@click.option("--to", "mentions_to", default=None, callback=lambda context, parameter, text: _date_option(text),
              help="Keep only dated relationships on or before this date; undated ones stay.")
@click.option("--overview-above", "overview_above", type=click.IntRange(min=0), default=MapOptions.overview_above,
              show_default=True, help="Above this many accounts the page opens on one dot per community; "
                                      "double-click one to show its accounts (0: always).")
@_VERBOSE
def build(accounts: Path, relationships: Path | None, output: Path, metrics_path: Path | None,
          reach_path: Path | None, areas_path: Path | None, verbose: bool, visibility_text: str | None,
          paper: str, **settings) -> None:
    """Build a map from ACCOUNTS (CSV or XLSX) and optional RELATIONSHIPS."""
    if visibility_text is not None:
        try:
            settings["visibility"] = visibility_from(visibility_text, read=lambda name: Path(name).read_bytes())
        except SocialMapError as error:
            _stop(error, "map")
        except OSError as error:
            _stop(SocialMapError(visibility_text, None, None, f"cannot read the visibility file ({error.strerror})"),
                  "map")
    try:
        options = MapOptions(**settings)
    except ValueError as error:
        raise click.UsageError(str(error).replace("mentions_from", "--from").replace("mentions_to", "--to")) from None
    reporter = _StageReporter(enabled=sys.stderr.isatty())
    try:
        result = build_map(accounts, relationships, areas=areas_path, options=options, progress=reporter)
    except SocialMapError as error:
        _stop(error, "map")
    if output_format(output) == "html":
        output.write_text(result.html, encoding="utf-8")
        written_issues = ()
    elif output_format(output) in POSTER_FORMATS:
        output.write_bytes(map_file(output_format(output), result.payload, result.text, paper=paper))
        written_issues = ()
    else:
        written = result.graph_file(output_format(output))
        output.write_bytes(written.data)
        written_issues = written.issues
    warned = _warn(result.issues + written_issues, "(use --strict to stop on them)", verbose=verbose)
    reach = result.reach
    placeholders = result.graph.number_of_nodes() - reach.accounts
    shown = f"{reach.accounts:,} of {result.all_accounts:,}" if result.all_accounts != reach.accounts else f"{reach.accounts:,}"
    click.echo(
        f"{output}: {shown} {plural('account', reach.accounts)}"
        + (f" (+{count_of(placeholders, 'placeholder')})" if placeholders else "")
        + f", {count_of(result.relationship_rows, 'relationship')} ({count_of(result.graph.number_of_edges(), 'link')}),"
        f" {count_of(result.community_count(), 'community')}, {count_of(warned, 'warning')}"
    )
    for sentence in reach.sentences():
        click.echo(f"  {sentence}")
    if result.shape is not None:
        click.echo(f"  Shape: {result.shape.described()}")
    for gap in result.gaps:
        click.echo(f"  Gap: {gap.sentence()}.")
    if options.limits_dates:
        start, end = (d.isoformat() if d else None for d in (options.mentions_from, options.mentions_to))
        span = f"from {start} to {end}" if start and end else (f"from {start} on" if start else f"up to {end}")
        click.echo(f"  Dated relationships (such as mentions) {span} only; undated ones (such as follows) all kept.")
    if metrics_path is not None:
        metrics_path.write_bytes(table_bytes(result.metrics, metrics_path, sheet="Figures"))
        click.echo(f"{metrics_path}: {count_of(len(result.metrics), 'row')} of figures, one per account")
    if reach_path is not None:
        table = reach_tables(result.metrics, gap_rows(result.gaps))
        reach_path.write_bytes(table_bytes(table, reach_path, sheet="Reach"))
        groups = list(dict.fromkeys(table["by"].tolist()))
        groups = [group for group in groups if group != "gap"]
        gaps = f", and {count_of(len(result.gaps), 'gap')} between communities" if result.gaps else ""
        click.echo(f"{reach_path}: reach by {', '.join(groups[:-1])} and {groups[-1]}{gaps} "
                   f"({count_of(len(table), 'row')})")
    _say_columns(result.columns)


# --- socialmap trend (issue 10, item 4) ---

def _dates_option(text: str | None) -> tuple[str, ...] | None:
    """``--dates 2026-08-31,2026-09-30`` as its parts (checked against the files later)."""
    return None if text is None else tuple(part.strip() for part in text.split(","))


def _checked_html(path: Path) -> Path:
    """A trend or change output: a page, or a poster or slides."""
    if output_format(path) not in ("html", *POSTER_FORMATS):
        raise click.BadParameter(f"{path.name} must end in .html, {', '.join('.' + f for f in POSTER_FORMATS[:-1])} or "
                                 f".{POSTER_FORMATS[-1]}")
    return path


@main.command()
@click.argument("snapshots", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("trend.html"),
              show_default=True, callback=lambda context, parameter, path: _checked_html(path),
              help="The trend to write: .html (the page), .svg or .pdf (a poster), .pptx (slides).")
@_PAPER
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures, one row per snapshot and group (overall, area, platform), with changes: "
                   "CSV, or .xlsx.")
@click.option("--dates", callback=lambda context, parameter, text: _dates_option(text),
              help="Each file's date, in the order given, comma-separated (2026-08-31,2026-09-30 or a month, "
                   "2026-08; day first: 31/08/2026). Default: the date in each file's name.")
@click.option("--title", default="Social media trend", show_default=True, help="Title shown on the page.")
@click.option("--subtitle", default=None, help="Line under the title (default: the snapshots and dates).")
@click.option("--source", default=None, help="Where the data came from, credited under the title.")
@click.option("--top", default=8, show_default=True, type=click.IntRange(1, 20),
              help="Areas and platforms drawn as lines of their own; the rest are one 'Other' line.")
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--sheet", default=None, help="The sheet of each workbook to read (default: found from the headings).")
@column_options
@max_size_option
@_VERBOSE
@store_option
def trend(snapshots: tuple[Path, ...], output: Path, report_path: Path | None, dates: tuple[str, ...] | None,
          title: str, subtitle: str | None, source: str | None, top: int, verbose: bool, store: str | None,
          paper: str,
          **settings) -> None:
    """Chart accounts, potential reach and weekly OTV over several SNAPSHOT accounts files, each dated
    by the date in its name (accounts-2026-10.csv) or by --dates; or over every snapshot in the store (--store)."""
    from .trend import headline, load_snapshots, trend_table
    from .trendpage import trend_page

    try:
        if store is not None:  # issue 19: the snapshots remembered by socialmap snapshots add
            from .storeflags import store_trend

            loaded = store_trend(store, snapshots, dates, settings)
        elif not snapshots:
            raise click.UsageError("give two or more SNAPSHOT accounts files, or --store for the snapshot store")
        else:
            loaded = load_snapshots(snapshots, dates=dates, options=MapOptions(**settings))
    except SocialMapError as error:
        _stop(error, "trend")
    for snapshot in loaded:
        _warn(snapshot.issues, prefix=f"{snapshot.file}: ", verbose=verbose)
    table = trend_table(loaded)
    if output_format(output) == "html":
        output.write_text(trend_page(table, title=title, subtitle=subtitle or "", source=source or "", top=top),
                          encoding="utf-8")
    else:
        output.write_bytes(trend_file(output_format(output), table, title=title, subtitle=subtitle or "",
                                      source=source or "", top=top, paper=paper))
    first, last = loaded[0].date.label, loaded[-1].date.label
    click.echo(f"{output}: {len(loaded)} snapshots, {first} to {last}")
    click.echo(f"  {headline(table, arrow='->')}.")
    click.echo("  Potential reach is a sum of followers (an upper bound on reach, not reach) and weekly OTV a sum of "
               "followers x posts a week (possible impressions, not people).")
    if report_path is not None:
        report_path.write_bytes(table_bytes(table, report_path, sheet="Trend"))
        click.echo(f"{report_path}: {count_of(len(table), 'row')}, one per snapshot and group "
                   "(overall, area, platform)")
    _say_columns(read for snapshot in loaded for read in snapshot.columns)


# --- socialmap compare (issue 10, items 2 and 3) ---

@main.command()
@click.argument("old_accounts", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new_accounts", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--old-relationships", "old_relationships", type=click.Path(dir_okay=False, path_type=Path),
              help="The relationships file of the older snapshot.")
@click.option("--new-relationships", "new_relationships", type=click.Path(dir_okay=False, path_type=Path),
              help="The relationships file of the newer snapshot (the map's links).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("change.html"),
              show_default=True, callback=lambda context, parameter, path: _checked_html(path),
              help="The change map to write: .html (the page), .svg or .pdf (a poster), .pptx (slides).")
@_PAPER
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write tables (CSV, or .xlsx if REPORT ends in .xlsx): REPORT (one row per account: status and "
                   "changes), REPORT-by-group "
                   "(totals and changes overall and by area, platform, category and community) and, when there "
                   "are dated mentions, REPORT-mentions; e.g. change.csv, change-by-group.csv, change-mentions.csv.")
@click.option("--growth", type=click.Choice(("absolute", "percent")), default="absolute", show_default=True,
              help="What size shows for accounts in both snapshots: followers gained or lost, or the % change.")
@click.option("--mentions-of", "mentions_of", multiple=True,
              help="Count the dated mentions of this account (id or handle; repeat for more). "
                   "Default: the three most mentioned.")
@click.option("--mentions-per", "mentions_per", type=click.Choice(("snapshot", "month")), default="snapshot",
              show_default=True, help="Count mentions per snapshot file or per calendar month.")
@click.option("--old-label", "old_label", default=None,
              help="What to call the older snapshot (default: the date in its file name, else the name).")
@click.option("--new-label", "new_label", default=None, help="What to call the newer snapshot.")
@click.option("--title", default="What changed", show_default=True, help="Title shown on the map.")
@click.option("--subtitle", default=None, help="Line under the title (default: the headline figures).")
@click.option("--source", default=None, help="Where the data came from, credited under the title.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True,
              help="The new map's layout (see socialmap build).")
@click.option("--areas", "areas_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Areas table (area, lat, lon, population) for the geo layout.")
@click.option("--seed", default=42, show_default=True, type=click.IntRange(min=0),
              help="Seed for every random choice: the same seed gives the same map.")
@click.option("--resolution", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True, max=100),
              help="Community resolution: higher gives more, smaller communities.")
@community_options
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@_VERBOSE
@column_options
@store_option
@click.option("--old", "old_date", default=None, metavar="DATE", help="With --store: the older snapshot's date (default: the one "
                                                        "before --new).")
@click.option("--new", "new_date", default=None, metavar="DATE", help="With --store: the newer snapshot's date (default: the latest).")
def compare(old_accounts: Path | None, new_accounts: Path | None, old_relationships: Path | None,
            new_relationships: Path | None, output: Path, report_path: Path | None, growth: str,
            mentions_of: tuple[str, ...], mentions_per: str, old_label: str | None, new_label: str | None,
            areas_path: Path | None, verbose: bool, store: str | None, old_date: str | None, new_date: str | None,
            paper: str,
            **settings) -> None:
    """Compare two snapshots: OLD_ACCOUNTS and NEW_ACCOUNTS (CSV or XLSX), with optional relationships.

    Writes the change map: the new map with new accounts highlighted, removed ones pale near their old place,
    and the rest coloured and sized by how their followers changed.
    """
    from .changemap import build_change
    from .options import ChangeOptions

    options = ChangeOptions(map=MapOptions(**settings), growth=growth, mentions_of=mentions_of,
                            mentions_per=mentions_per, old_label=old_label, new_label=new_label)
    try:
        if store is not None or old_date is not None or new_date is not None:  # issue 19: from the snapshot store
            from .storeflags import store_change

            result = store_change(store, old_date, new_date, (old_accounts, new_accounts, old_relationships,
                                  new_relationships), settings, areas=areas_path, options=options,
                                  progress=_StageReporter(enabled=sys.stderr.isatty()))
        elif new_accounts is None:
            raise click.UsageError("give OLD_ACCOUNTS and NEW_ACCOUNTS, or --store for the snapshot store")
        else:
            result = build_change(old_accounts, new_accounts, old_relationships, new_relationships, areas=areas_path,
                                  options=options, progress=_StageReporter(enabled=sys.stderr.isatty()))
    except SocialMapError as error:
        _stop(error, "map")
    _warn((*result.old.tables.issues, *result.new.tables.issues), "(use --strict to stop on them)", verbose=verbose)
    if output_format(output) == "html":
        output.write_text(result.html, encoding="utf-8")
    else:
        output.write_bytes(map_file(output_format(output), result.payload, result.text, paper=paper))
    comparison = result.comparison
    summary = comparison.summary
    click.echo(f"{output}: {summary.old_label} \u2192 {summary.new_label}: {summary.headline()}")
    for sentence in summary.sentences():
        click.echo(f"  {sentence}")
    mentions = comparison.mentions
    for row in mentions.itertuples(index=False):
        made_by = f": {row.made_by}" if row.made_by else ""
        click.echo(f"  Mentions of {row.account} in {row.period}: {row.mentions:,} by {row.by_accounts:,} "
                   f"account{'s' if row.by_accounts != 1 else ''}{made_by}")
    if report_path is not None:
        described = {"": ", one per account", "-by-group": ": overall, then by area, platform, category and community",
                     "-mentions": ", one per account and period"}
        for suffix, table in comparison.reports().items():
            path = report_path.with_name(f"{report_path.stem}{suffix}{report_path.suffix}")
            path.write_bytes(table_bytes(table, path, sheet=f"Change{suffix}"[:31]))
            click.echo(f"{path}: {count_of(len(table), 'row')}{described[suffix]}")
    _say_columns((*result.old.tables.columns, *result.new.tables.columns))


@main.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="The port to serve the app on.")
@click.option("--no-browser", "no_browser", is_flag=True, help="Do not open the browser; just serve.")
@click.option("--address", default="localhost", show_default=True,
              help="Where to listen. 0.0.0.0 serves colleagues on your network too: anyone who can reach this "
                   "machine can then upload files to it and see the maps made there.")
def app(port: int, no_browser: bool, address: str) -> None:
    """Start the app on this machine (localhost only), on the invented sample, and open it in the browser."""
    from .app.serve import serve  # starts Streamlit: imported only for this command

    sys.exit(serve(port, open_browser=not no_browser, address=address, say=click.echo))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("socialmap-sample"))
def sample(folder: Path) -> None:
    """Copy the invented sample (accounts, relationships, areas, monthly snapshots) into FOLDER, to try the commands on."""
    copied = [path for path in sorted(SAMPLE_FOLDER.rglob("*")) if path.suffix.lower() in DATA_SUFFIXES]
    for source in copied:
        target = folder / source.relative_to(SAMPLE_FOLDER)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    click.echo(f"{folder}: {len(copied)} files of the invented Derby and Derbyshire sample")
    click.echo(f"  try: socialmap build {folder / 'accounts.csv'} {folder / 'relationships.csv'} -o map.html")


from . import snapshotcli  # noqa: E402,F401  (issue 19: adds socialmap snapshots to main)
