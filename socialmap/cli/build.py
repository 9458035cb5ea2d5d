"""``socialmap build``: one map from an accounts file (and relationships), as a page, graph file, poster or slides.

Flags become MapOptions; socialmap.pipeline.build_map does the work; this
module writes the files and says what is in them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SocialMapError
from ..export import table_bytes
from ..gaps import gap_rows
from ..impressions import visibility_from
from ..metrics import reach_tables
from ..options import AGGREGATES, BRANCHES, LAYOUTS, MapOptions
from ..pipeline import build_map
from ..poster import FORMATS as POSTER_FORMATS, map_file
from ..words import count_of, plural
from .flags import (checked_output, column_options, community_options, date_option, max_size_option, output_format,
                    paper_option, resolution_option, seed_option, strict_option, verbose_option)
from .say import StageReporter, say_columns, stop, warn

__all__ = ["build"]


@click.command()
@click.argument("accounts", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("relationships", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("map.html"),
              show_default=True, callback=lambda context, parameter, path: checked_output(path),
              help="The map to write: .html (the interactive map), .gexf (Gephi), .graphml (Cytoscape), "
                   ".svg or .pdf (a poster) or .pptx (slides).")
@paper_option
@click.option("--title", default="Social media map", show_default=True, help="Title shown on the map.")
@click.option("--subtitle", default=None, help="Line under the title (default: the counts).")
@click.option("--source", default=None, help="Where the data came from, credited under the title.")
@click.option("--date", "data_date", default=None, help="The data's date, shown under the title (e.g. 2026-11-24).")
@click.option("--metrics", "metrics_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures, one row per account: CSV, or a workbook if FILE ends in .xlsx.")
@click.option("--reach", "reach_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write reach by community, area, platform and category (and organisation, for a list with a "
                   "column per platform): CSV, or .xlsx.")
@seed_option
@resolution_option
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
@strict_option
@click.option("--sheet", default=None,
              help="The sheet of an ACCOUNTS workbook to read (default: found from the headings).")
@click.option("--relationships-sheet", "relationships_sheet", default=None,
              help="The sheet holding the relationships: of RELATIONSHIPS if given, else of the ACCOUNTS workbook.")
@column_options
@max_size_option
@click.option("--from", "mentions_from", default=None, callback=lambda context, parameter, text: date_option(text),
              help="Keep only dated relationships (e.g. mentions) on or after this date (2026-10-01 or 01/10/2026); "
                   "undated ones stay.")
@click.option("--to", "mentions_to", default=None, callback=lambda context, parameter, text: date_option(text),
              help="Keep only dated relationships on or before this date; undated ones stay.")
@click.option("--overview-above", "overview_above", type=click.IntRange(min=0), default=MapOptions.overview_above,
              show_default=True, help="Above this many accounts the page opens on one dot per community; "
                                      "double-click one to show its accounts (0: always).")
@verbose_option
def build(accounts: Path, relationships: Path | None, output: Path, metrics_path: Path | None,
          reach_path: Path | None, areas_path: Path | None, verbose: bool, visibility_text: str | None,
          paper: str, **settings) -> None:
    """Build a map from ACCOUNTS (CSV or XLSX) and optional RELATIONSHIPS."""
    if visibility_text is not None:
        try:
            settings["visibility"] = visibility_from(visibility_text, read=lambda name: Path(name).read_bytes())
        except SocialMapError as error:
            stop(error, "map")
        except OSError as error:
            stop(SocialMapError(visibility_text, None, None, f"cannot read the visibility file ({error.strerror})"),
                  "map")
    try:
        options = MapOptions(**settings)
    except ValueError as error:
        raise click.UsageError(str(error).replace("mentions_from", "--from").replace("mentions_to", "--to")) from None
    reporter = StageReporter(enabled=sys.stderr.isatty())
    try:
        result = build_map(accounts, relationships, areas=areas_path, options=options, progress=reporter)
    except SocialMapError as error:
        stop(error, "map")
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
    warned = warn(result.issues + written_issues, "(use --strict to stop on them)", verbose=verbose)
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
    say_columns(result.columns)

