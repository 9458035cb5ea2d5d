"""``socialmap snapshots``: add, list, remove and export the monthly snapshots in the store (issue 19).

Only flags to calls: the work is in socialmap.stored (reading, figures) and
socialmap.store (the SQLite file). Every command first says which store it
used; a problem is one line per issue and exit status 2, as for ``build``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import SocialMapError
from ..inputs.files import InputFile
from ..options import MapOptions
from ..store import StoredSnapshot
from ..words import count_of
from .flags import column_options, max_size_option, strict_option, verbose_option
from .say import refuse, say_columns, warn
from .storeflags import open_store, store_option

__all__ = ["snapshots"]


def _figures(snapshot: StoredSnapshot) -> str:
    return (f"{count_of(snapshot.accounts, 'account')}, {count_of(snapshot.relationships, 'relationship')}, "
            f"potential reach {snapshot.potential_reach:,}, weekly OTV {snapshot.weekly_otv:,}")


@click.group()
def snapshots() -> None:
    """Remember each month's spreadsheet in a snapshot store, for compare --store and trend --store."""


@snapshots.command()
@click.argument("accounts", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("relationships", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--date", default=None,
              help="The snapshot's date (2026-10-31, 31/10/2026 or a month, 2026-10). "
                   "Default: the date in the accounts file's name, as trend reads it.")
@click.option("--label", default="", help="A name for it, shown in lists and on change maps (e.g. \"October report\").")
@click.option("--sheet", default=None, help="The sheet of an ACCOUNTS workbook to read (default: found from the headings).")
@click.option("--relationships-sheet", "relationships_sheet", default=None,
              help="The sheet holding the relationships: of RELATIONSHIPS if given, else of the ACCOUNTS workbook.")
@column_options
@max_size_option
@strict_option
@store_option
@verbose_option
def add(accounts: Path, relationships: Path | None, date: str | None, label: str, store: str | None, verbose: bool,
        **settings) -> None:
    """Add a month's ACCOUNTS (and RELATIONSHIPS) as one dated snapshot."""
    from ..stored import prepare_snapshot

    chosen = open_store(store)
    files = [InputFile(path.name, path.read_bytes()) if path is not None else None for path in (accounts, relationships)]
    try:
        new, tables = prepare_snapshot(files[0], files[1], date=date, label=label, options=MapOptions(**settings))
        added = chosen.add(new)
    except SocialMapError as error:
        refuse(error, "nothing was added to the store")
    warn(tables.issues, verbose=verbose)
    click.echo(f"Added the snapshot of {added.date.label} ({added.date.iso}"
               f"{', ' + added.label if added.label else ''}): {_figures(added)}")
    click.echo(f"  {count_of(len(chosen.snapshots()), 'snapshot')} in the store; "
               "socialmap trend --store and socialmap compare --store use them.")
    say_columns(tables.columns)


@snapshots.command(name="list")
@store_option
def list_(store: str | None) -> None:
    """List the snapshots, one line each, with their figures."""
    chosen = open_store(store)
    try:
        stored = chosen.snapshots()
    except SocialMapError as error:
        refuse(error, "the store was not read")
    if not stored:
        click.echo("  No snapshots yet: add one with socialmap snapshots add accounts-2026-10.csv")
        return
    rows = [("Date", "Label", "Accounts", "Relationships", "Potential reach", "Weekly OTV", "Accounts file")]
    rows += [(snapshot.date.iso, snapshot.label, f"{snapshot.accounts:,}", f"{snapshot.relationships:,}",
              f"{snapshot.potential_reach:,}", f"{snapshot.weekly_otv:,}", snapshot.accounts_file) for snapshot in stored]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [cell.rjust(width) if 2 <= column <= 5 else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths))]
        click.echo(("  " + "  ".join(cells)).rstrip())


@snapshots.command()
@click.argument("date")
@store_option
def remove(date: str, store: str | None) -> None:
    """Remove the snapshot dated DATE (2026-10, or 2026-10-31)."""
    chosen = open_store(store)
    try:
        snapshot = chosen.find(date)
        chosen.remove(snapshot)
    except SocialMapError as error:
        refuse(error, "nothing was removed")
    click.echo(f"Removed the snapshot of {snapshot.name} ({snapshot.accounts_file}); "
               f"{count_of(len(chosen.snapshots()), 'snapshot')} left")


def _checked_csv(path: Path | None) -> Path | None:
    if path is not None and path.suffix.lower() != ".csv":
        raise click.BadParameter(f"{path.name} must end in .csv")
    return path


@snapshots.command()
@click.argument("date")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              callback=lambda context, parameter, path: _checked_csv(path),
              help="Where to write the snapshot's accounts, as read and checked (.csv).")
@click.option("--relationships-output", "relationships_output", type=click.Path(dir_okay=False, path_type=Path),
              callback=lambda context, parameter, path: _checked_csv(path),
              help="Where to write its relationships (.csv).")
@store_option
def export(date: str, output: Path, relationships_output: Path | None, store: str | None) -> None:
    """Write the snapshot dated DATE as CSV, as it was read and checked."""
    from ..stored import exported

    chosen = open_store(store)
    try:
        snapshot = chosen.find(date)
        accounts, relationships = chosen.tables(snapshot)
    except SocialMapError as error:
        refuse(error, "nothing was written")
    output.write_bytes(exported(accounts))
    click.echo(f"{output}: {count_of(snapshot.accounts, 'account')} of the snapshot of {snapshot.name}")
    if relationships_output is not None:
        if relationships is None:
            click.echo(f"  The snapshot of {snapshot.name} has no relationships: "
                       f"{relationships_output} was not written", err=True)
        else:
            relationships_output.write_bytes(exported(relationships))
            click.echo(f"{relationships_output}: {count_of(snapshot.relationships, 'relationship')}")
