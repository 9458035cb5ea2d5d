"""``socialmap trend`` (issue 10, item 4): accounts, potential reach and weekly OTV over dated snapshots.

The snapshots are files named by date or the store's (``--store``); the page
is socialmap.trendpage's, the poster and slides socialmap.poster's.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..caveats import POSSIBLE_IMPRESSIONS, UPPER_BOUND
from ..errors import SocialMapError
from ..export import table_bytes
from ..options import MapOptions
from ..poster import trend_file
from ..words import count_of
from .flags import (column_options, max_size_option, output_format, page_output_option, paper_option, strict_option,
                    verbose_option)
from .say import say_columns, stop, warn
from .storeflags import store_option

__all__ = ["trend"]


def _dates_option(text: str | None) -> tuple[str, ...] | None:
    """``--dates 2026-08-31,2026-09-30`` as its parts (checked against the files later)."""
    return None if text is None else tuple(part.strip() for part in text.split(","))


@click.command()
@click.argument("snapshots", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@page_output_option("trend.html", "The trend")
@paper_option
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
@strict_option
@click.option("--sheet", default=None, help="The sheet of each workbook to read (default: found from the headings).")
@column_options
@max_size_option
@verbose_option
@store_option
def trend(snapshots: tuple[Path, ...], output: Path, report_path: Path | None, dates: tuple[str, ...] | None,
          title: str, subtitle: str | None, source: str | None, top: int, verbose: bool, store: str | None,
          paper: str,
          **settings) -> None:
    """Chart accounts, potential reach and weekly OTV over several SNAPSHOT accounts files, each dated
    by the date in its name (accounts-2026-10.csv) or by --dates; or over every snapshot in the store (--store)."""
    from ..trend import headline, load_snapshots, trend_table
    from ..trendpage import trend_page

    try:
        if store is not None:  # issue 19: the snapshots remembered by socialmap snapshots add
            from .storeflags import store_trend

            loaded = store_trend(store, snapshots, dates, settings)
        elif not snapshots:
            raise click.UsageError("give two or more SNAPSHOT accounts files, or --store for the snapshot store")
        else:
            loaded = load_snapshots(snapshots, dates=dates, options=MapOptions(**settings))
    except SocialMapError as error:
        stop(error, "trend")
    for snapshot in loaded:
        warn(snapshot.issues, prefix=f"{snapshot.file}: ", verbose=verbose)
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
    click.echo(f"  Potential reach is a sum of followers ({UPPER_BOUND}) and weekly OTV a sum of "
               f"followers x posts a week ({POSSIBLE_IMPRESSIONS}).")
    if report_path is not None:
        report_path.write_bytes(table_bytes(table, report_path, sheet="Trend"))
        click.echo(f"{report_path}: {count_of(len(table), 'row')}, one per snapshot and group "
                   "(overall, area, platform)")
    say_columns(read for snapshot in loaded for read in snapshot.columns)

