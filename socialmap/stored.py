"""Snapshots to and from the store: what an add keeps, and the trend and change rebuilt from it.

An add reads the files exactly as ``build`` does (``pipeline.load_tables``)
and keeps their bytes, the column mapping and the figures. ``trend`` and
``compare`` from the store hand those same bytes, under the same names and
read with the same mapping, to the same loading and drawing stages as files
on disk, so the figures, pages and reports are the files' own. The database
itself is :mod:`socialmap.store`; nothing here touches it but through a Store.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from .errors import SocialMapError
from .export import BOM, table_csv
from .inputs.files import InputFile
from .options import ChangeOptions, MapOptions
from .store import NewSnapshot, Store, StoredSnapshot
from .trend import Snapshot, account_figures, date_in_name, parse_date

__all__ = ["prepare_snapshot", "content_hash", "stored_options", "trend_snapshots", "change_from_store",
           "accounts_table", "relationships_table", "pick_pair",
           "read_stored", "exported"]

_ACCOUNT_ORDER = ("id", "name", "platform", "area", "category", "followers", "posts_per_week", "url", "description",
                  "lat", "lon")
_LINK_ORDER = ("source", "target", "type", "weight", "date", "source_platform", "target_platform")


def content_hash(accounts: InputFile, relationships: InputFile | None) -> str:
    """sha256 of the files' bytes (not their names): the same content under another name is the same snapshot."""
    digest = hashlib.sha256()
    for part in (accounts, relationships):
        data = b"" if part is None else part.data
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def prepare_snapshot(accounts: InputFile, relationships: InputFile | None = None, *, date: str | None = None,
                     label: str = "", options: MapOptions = MapOptions()):
    """Read and check the files as ``build`` would: what an add stores, and the tables read (their warnings
    and what each heading was read as).

    The date is ``date`` (as ``trend --dates`` reads it), else the date in the
    accounts file's name. Raises SocialMapError for bad files or no date.
    """
    if date is not None and date.strip():
        when = parse_date(date, file="--date")
    else:
        when = date_in_name(accounts.name)
        if when is None:
            raise SocialMapError(accounts.name, None, None, "the file name has no date",
                                 "give the snapshot's date with --date 2026-10-31 (or a month, --date 2026-10)")
    from .pipeline import load_tables  # the drawing stages are not needed to read

    tables = load_tables(accounts, relationships, options=options)
    figures = account_figures(tables.accounts)
    record = StoredSnapshot(
        date=when, label=label.strip(), accounts_file=accounts.name,
        relationships_file=relationships.name if relationships is not None else None,
        content_hash=content_hash(accounts, relationships), account_columns=options.account_columns,
        relationship_columns=options.relationship_columns, sheet=options.sheet,
        relationships_sheet=options.relationships_sheet, accounts=len(tables.accounts),
        relationships=tables.relationship_rows, potential_reach=round(math.fsum(figures["followers"].dropna())),
        weekly_otv=round(math.fsum(figures["weekly_otv"].dropna())))
    links = tables.relationships
    new = NewSnapshot(record, accounts, relationships, _exact_csv(accounts_table(tables.accounts)),
                      None if links is None else _exact_csv(relationships_table(links)))
    return new, tables


def _exact_csv(table: pd.DataFrame) -> bytes:
    """The table as stored: CSV (UTF-8 with a BOM), every cell exactly as read (no formula escaping)."""
    return (BOM + table.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def read_stored(data: bytes) -> pd.DataFrame:
    """A stored table back as text cells, exactly as written."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def exported(data: bytes) -> bytes:
    """A stored table as ``snapshots export`` writes it: a CSV that Excel opens safely (export.table_csv)."""
    return table_csv(read_stored(data)).encode("utf-8")


def _plain(value: object) -> object:
    """A cell as a person would type it: 32103, not 32103.0; blank for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def accounts_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """The validated accounts as a table to write: the known columns, then the file's other columns.

    Columns blank for every account are left out (reading them back changes nothing).
    """
    table = pd.DataFrame({column: accounts[column].map(_plain) for column in _ACCOUNT_ORDER if column in accounts})
    extras = accounts["extra"].tolist() if "extra" in accounts else []
    for name in dict.fromkeys(key for extra in extras for key in extra):
        table[name] = [extra.get(name, "") for extra in extras]
    keep = [column for column in table.columns
            if column == "id" or table[column].astype(str).str.strip().ne("").any()]
    return table[keep].reset_index(drop=True)


def relationships_table(relationships: pd.DataFrame) -> pd.DataFrame:
    """The validated relationships as a table to write: each end as its id, then type, weight, date, platforms."""
    table = relationships.assign(source=relationships["source_id"], target=relationships["target_id"])
    if "date" in table:
        table["date"] = [day.date().isoformat() if not pd.isna(day) else "" for day in table["date"]]
    out = pd.DataFrame({column: table[column].map(_plain) for column in _LINK_ORDER if column in table})
    keep = [column for column in out.columns
            if column in ("source", "target") or out[column].astype(str).str.strip().ne("").any()]
    return out[keep].reset_index(drop=True)


def stored_options(snapshot: StoredSnapshot, options: MapOptions) -> MapOptions:
    """``options`` reading the files as they were read when the snapshot was added."""
    return replace(options, account_columns=snapshot.account_columns, relationship_columns=snapshot.relationship_columns,
                   sheet=snapshot.sheet, relationships_sheet=snapshot.relationships_sheet)


def trend_snapshots(store: Store, *, options: MapOptions = MapOptions()) -> tuple[Snapshot, ...]:
    """Every stored snapshot read as ``trend`` reads files (``trend.load_snapshots``), oldest first.

    All problems are collected before one SocialMapError is raised.
    """
    from .pipeline import load_tables

    stored = store.snapshots()
    if len(stored) < 2:
        raise SocialMapError(str(store.path), None, None,
                             f"a trend needs at least two snapshots, and the store has {len(stored)}",
                             "add each month's accounts file with: socialmap snapshots add accounts-2026-10.csv")
    loaded, issues = [], []
    for snapshot in stored:
        accounts, _ = store.files(snapshot)
        try:
            tables = load_tables(accounts, options=stored_options(snapshot, options))
        except SocialMapError as error:
            issues.extend(error.issues)
            continue
        loaded.append(Snapshot(snapshot.date, accounts.name, tables.accounts, tables.issues, tables.columns))
    if issues:
        raise SocialMapError.from_issues(issues)
    return tuple(loaded)


def pick_pair(store: Store, old: str | None, new: str | None) -> tuple[StoredSnapshot, StoredSnapshot]:
    """The snapshots to compare: those dated ``old`` and ``new``, by default the two latest."""
    stored = store.snapshots()
    if (old is None or new is None) and len(stored) < 2:
        raise SocialMapError(str(store.path), None, None,
                             f"comparing needs two snapshots, and the store has {len(stored)}",
                             "add each month's accounts file with: socialmap snapshots add accounts-2026-10.csv")
    older = store.find(old) if old is not None else stored[-2] if new is None else _before(stored, store.find(new))
    newer = store.find(new) if new is not None else stored[-1]
    if older.date == newer.date:
        raise SocialMapError("--old", None, None, f"names the same snapshot as --new ({newer.date.iso})",
                             "give two different dates")
    return older, newer


def _before(stored: Sequence[StoredSnapshot], newer: StoredSnapshot) -> StoredSnapshot:
    earlier = [snapshot for snapshot in stored if snapshot.date < newer.date]
    if not earlier:
        raise SocialMapError("--new", None, None, f"{newer.date.iso} is the earliest snapshot: nothing is older",
                             "give --old too")
    return earlier[-1]


def change_from_store(store: Store, older: StoredSnapshot, newer: StoredSnapshot, *, areas=None,
                      options: ChangeOptions = ChangeOptions(), progress=lambda stage: None):
    """``changemap.build_change`` on two stored snapshots, each read with the columns it was added with.

    The stored labels name the snapshots unless ``options`` names them.
    """
    from .areas import read_areas
    from .changemap import change_map_options, draw_change
    from .pipeline import analyse, arrange_view, load_tables

    options = replace(options, old_label=options.old_label or older.label or None,
                      new_label=options.new_label or newer.label or None)

    def older_stage(stage: str) -> None:
        progress(f"{stage} (older snapshot)")

    analysed = []
    for snapshot, report in ((older, older_stage), (newer, progress)):
        accounts, relationships = store.files(snapshot)
        read = stored_options(snapshot, options.map)
        analysed.append(analyse(load_tables(accounts, relationships, options=read, progress=report),
                                options=read, progress=report))
    old, new = analysed
    progress("layout")
    arranged = arrange_view(new, change_map_options(options.map), read_areas(areas) if areas is not None else None)
    progress("render")
    return draw_change(old, new, arranged[1], options=options)
