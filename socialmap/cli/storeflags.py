"""``--store``, and the store side of ``socialmap trend`` and ``socialmap compare`` (issue 19).

trend.py and compare.py add ``--store`` and call these when it is given; the
work is in socialmap.stored.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..options import ChangeOptions, MapOptions
from ..store import STORE_ENV, Store, store_path

__all__ = ["store_option", "open_store", "store_trend", "store_change"]


def store_option(command):
    """``--store [PATH]``: the snapshot store (default: $SOCIALMAP_STORE, else the user's data folder)."""
    return click.option(
        "--store", "store", is_flag=False, flag_value="", default=None, metavar="[PATH]",
        help=f"The snapshot store to use (an SQLite file). --store alone: ${STORE_ENV} if set, "
             "else snapshots.sqlite in your data folder.")(command)


def open_store(given: str | None) -> Store:
    """The store ``--store`` names (or the default), after saying which it is."""
    store = Store(store_path(given or None))
    click.echo(f"Store: {store.path}")
    return store


def refuse_file_options(settings: dict, *names: str) -> None:
    """Stored snapshots keep how their files were read: options about files make no sense with the store."""
    given = [name for name in names if settings.get(name)]
    if given:
        flags = ", ".join("--" + name.replace("_", "-").replace("account-columns", "column")
                          .replace("relationship-columns", "link-column") for name in given)
        raise click.UsageError(f"{flags}: a stored snapshot is read as it was added; give these to snapshots add")


def store_trend(given: str, files: Sequence, dates, settings: dict):
    """The trend's snapshots: every snapshot in the store, each read as it was added."""
    from ..stored import trend_snapshots

    if files:
        raise click.UsageError("give SNAPSHOT files or --store, not both")
    if dates:
        raise click.UsageError("--dates: stored snapshots keep the dates they were added with")
    refuse_file_options(settings, "account_columns", "relationship_columns", "sheet")
    return trend_snapshots(open_store(given), options=MapOptions(**settings))


def store_change(given: str | None, old: str | None, new: str | None, files: Sequence, settings: dict, *,
                 areas, options: ChangeOptions, progress):
    """The change between two stored snapshots (--old, --new; default the two latest), as compare draws files."""
    from ..stored import change_from_store, pick_pair

    if any(file is not None for file in files):
        raise click.UsageError("give the snapshots' files or --store with --old and --new, not both")
    refuse_file_options(settings, "account_columns", "relationship_columns")
    store = open_store(given)
    older, newer = pick_pair(store, old, new)
    click.echo(f"  Comparing the snapshot of {older.name} ({older.accounts_file}) with that of {newer.name} "
               f"({newer.accounts_file})")
    return change_from_store(store, older, newer, areas=areas, options=options, progress=progress)
