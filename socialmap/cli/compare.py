"""``socialmap compare`` (issue 10, items 2 and 3): the change map between two snapshots, and its tables.

The snapshots are two files (and their relationships) or two of the store's;
socialmap.changemap does the work.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SocialMapError
from ..export import table_bytes
from ..options import LAYOUTS, MapOptions
from ..poster import map_file
from ..words import count_of
from .flags import (column_options, community_options, output_format, page_output_option, paper_option,
                    resolution_option, seed_option, strict_option, verbose_option)
from .say import StageReporter, say_columns, stop, warn
from .storeflags import store_option

__all__ = ["compare"]


@click.command()
@click.argument("old_accounts", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new_accounts", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--old-relationships", "old_relationships", type=click.Path(dir_okay=False, path_type=Path),
              help="The relationships file of the older snapshot.")
@click.option("--new-relationships", "new_relationships", type=click.Path(dir_okay=False, path_type=Path),
              help="The relationships file of the newer snapshot (the map's links).")
@page_output_option("change.html", "The change map")
@paper_option
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
@seed_option
@resolution_option
@community_options
@strict_option
@verbose_option
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
    from ..changemap import build_change
    from ..options import ChangeOptions

    options = ChangeOptions(map=MapOptions(**settings), growth=growth, mentions_of=mentions_of,
                            mentions_per=mentions_per, old_label=old_label, new_label=new_label)
    try:
        if store is not None or old_date is not None or new_date is not None:  # issue 19: from the snapshot store
            from .storeflags import store_change

            result = store_change(store, old_date, new_date, (old_accounts, new_accounts, old_relationships,
                                  new_relationships), settings, areas=areas_path, options=options,
                                  progress=StageReporter(enabled=sys.stderr.isatty()))
        elif new_accounts is None:
            raise click.UsageError("give OLD_ACCOUNTS and NEW_ACCOUNTS, or --store for the snapshot store")
        else:
            result = build_change(old_accounts, new_accounts, old_relationships, new_relationships, areas=areas_path,
                                  options=options, progress=StageReporter(enabled=sys.stderr.isatty()))
    except SocialMapError as error:
        stop(error, "map")
    warn((*result.old.tables.issues, *result.new.tables.issues), "(use --strict to stop on them)", verbose=verbose)
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
    say_columns((*result.old.tables.columns, *result.new.tables.columns))

