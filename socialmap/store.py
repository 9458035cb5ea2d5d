"""The snapshot store: one SQLite file remembering each month's spreadsheet (issue 19).

Comms teams report monthly: one new spreadsheet a month. The store keeps
each dated snapshot so that ``compare`` and ``trend`` need only the store.

What a snapshot holds, and why:

* the files' names and raw bytes, and how they were read (the column
  mapping and sheets). ``trend`` and ``compare`` rebuild the very same
  inputs from these bytes and read them through the same loading path as
  files on disk (:mod:`socialmap.stored`), so their figures cannot drift
  from the files' figures;
* the accounts and relationships as read and validated, as the CSV that
  ``snapshots export`` writes: the table that month's figures came from,
  kept even if a later socialmap reads the raw file differently;
* its date, a label, a content hash (the same files twice are refused,
  naming the earlier snapshot) and the headline figures ``list`` shows
  (accounts, relationships, potential reach, weekly OTV).

Safety. The schema's version is ``PRAGMA user_version`` and the file is
marked as ours with ``PRAGMA application_id``; an older store is migrated
forward in one transaction, a newer one, a damaged file or a file that is
not a store is refused with one line (``SocialMapError``) and never written
to. A new store is built under a temporary name and linked into place, so
no half-made store is ever seen. The journal is WAL; every add or remove is
one ``BEGIN IMMEDIATE`` transaction (concurrent adds wait for each other and
both land; an add killed half way leaves the store as it was). Only this
module reads or writes the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import SocialMapError
from .inputs.files import InputFile
from .options import ColumnMap
from .trend import SnapshotDate, parse_date

__all__ = ["Store", "StoredSnapshot", "NewSnapshot", "store_path", "default_store", "STORE_ENV", "SCHEMA_VERSION"]

STORE_ENV = "SOCIALMAP_STORE"
PAUSE_ENV = "SOCIALMAP_STORE_TEST_PAUSE"  # tests only: seconds to wait inside an add's transaction
SCHEMA_VERSION = 1
APPLICATION_ID = 0x534D4150  # "SMAP": a socialmap store, not any SQLite file
_SQLITE_MAGIC = b"SQLite format 3\x00"
_WAIT_SECONDS = 60  # how long an add waits for another one to finish

_SCHEMA = (  # version 1
    """CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL UNIQUE,            -- ISO date; a whole month is its first day
        whole_month INTEGER NOT NULL,
        label TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the files' bytes
        added_at TEXT NOT NULL,              -- UTC, ISO
        account_columns TEXT NOT NULL,       -- JSON [[field, heading], ...] as --column
        relationship_columns TEXT NOT NULL,  -- JSON, as --link-column
        sheet TEXT,
        relationships_sheet TEXT,
        accounts INTEGER NOT NULL,
        relationships INTEGER NOT NULL,
        potential_reach INTEGER NOT NULL,
        weekly_otv INTEGER NOT NULL,
        socialmap_version TEXT NOT NULL
    )""",
    """CREATE TABLE files (                  -- the files as given, byte for byte
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('accounts', 'relationships')),
        name TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (snapshot_id, role)
    )""",
    """CREATE TABLE tables (                 -- the accounts and relationships as read and validated (CSV)
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('accounts', 'relationships')),
        csv BLOB NOT NULL,
        PRIMARY KEY (snapshot_id, role)
    )""",
)
# MIGRATIONS[n] takes a store of version n to version n + 1 (none yet: version 1 is the first).
MIGRATIONS: dict[int, tuple[str, ...]] = {0: _SCHEMA}


def default_store() -> Path:
    """The store in the user's data folder (``~/.local/share/socialmap`` on Linux, AppData on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("socialmap", appauthor=False)) / "snapshots.sqlite"


def store_path(given: str | Path | None = None) -> Path:
    """Which store to use: ``given`` (``--store``), else ``$SOCIALMAP_STORE``, else the default."""
    chosen = given or os.environ.get(STORE_ENV, "").strip() or default_store()
    return Path(chosen).expanduser()


@dataclass(frozen=True)
class StoredSnapshot:
    """One snapshot in the store: its date and label, how its files were read, and its headline figures."""

    date: SnapshotDate
    label: str
    accounts_file: str
    relationships_file: str | None
    content_hash: str
    account_columns: ColumnMap
    relationship_columns: ColumnMap
    sheet: str | None
    relationships_sheet: str | None
    accounts: int
    relationships: int
    potential_reach: int
    weekly_otv: int
    added_at: str = ""

    @property
    def name(self) -> str:
        """How messages name it: its date, and its label when it has one."""
        return f"{self.date.iso} ({self.label})" if self.label else self.date.iso


@dataclass(frozen=True)
class NewSnapshot:
    """What an add writes: the record, the files as given and the validated tables (CSV bytes)."""

    record: StoredSnapshot
    accounts: InputFile
    relationships: InputFile | None
    accounts_csv: bytes
    relationships_csv: bytes | None


def _problem(path: Path, message: str, hint: str | None = None) -> SocialMapError:
    return SocialMapError(str(path), None, None, message, hint)


class Store:
    """A snapshot store at ``path``; each call opens, works in one transaction and closes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._whole_file_checked = False  # the full check reads every page: once per Store is enough

    @property
    def exists(self) -> bool:
        return self.path.exists()

    # --- opening, checking, creating -----------------------------------------------------------

    def _check_file(self) -> None:
        """Refuse, without writing, a file that is not a store by its first bytes."""
        if self.path.is_dir():
            raise _problem(self.path, "is a folder, not a snapshot store", "give a file name such as snapshots.sqlite")
        with self.path.open("rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
        if head != _SQLITE_MAGIC:
            raise _problem(self.path, "is not a socialmap snapshot store (not an SQLite database), or is damaged; "
                                      "it was left as it is", "give another --store file name")

    def _checked(self, connection: sqlite3.Connection) -> int:
        """The store's schema version, after refusing a damaged, foreign or newer store."""
        try:
            application = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            problems = ["ok"] if self._whole_file_checked else [
                row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        except sqlite3.DatabaseError as error:
            raise _problem(self.path, f"is damaged ({error}); it was left as it is",
                           "restore it from a backup, or give another --store file name") from None
        if problems != ["ok"]:
            detail = [line for problem in problems for line in problem.splitlines()
                      if line.strip() and not line.startswith("***")]
            raise _problem(self.path, f"is damaged ({(detail or problems)[0]}); it was left as it is",
                           "restore it from a backup, or give another --store file name")
        if application != APPLICATION_ID:
            raise _problem(self.path, "is an SQLite database but not a socialmap snapshot store; it was left as it is",
                           "give another --store file name")
        if version > SCHEMA_VERSION:
            raise _problem(self.path, f"was written by a newer socialmap (store version {version}; this one reads up to "
                                      f"{SCHEMA_VERSION}); it was left as it is", "upgrade socialmap: pip install -U socialmap")
        self._whole_file_checked = True
        return version

    def _create(self) -> None:
        """A new, empty store, made under a temporary name and linked into place (never over an existing file)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        temporary.unlink(missing_ok=True)
        try:
            connection = sqlite3.connect(temporary, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("BEGIN IMMEDIATE")
                _migrate(connection, 0)
                connection.execute("COMMIT")
            finally:
                connection.close()
            try:
                os.link(temporary, self.path)
            except FileExistsError:
                pass  # another process made it first: use theirs
            except OSError:  # a file system without hard links: a rename, which Windows refuses over a file
                if not self.path.exists():
                    os.rename(temporary, self.path)
        finally:
            temporary.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{temporary}{suffix}").unlink(missing_ok=True)

    @contextmanager
    def _open(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A checked connection in a transaction (BEGIN IMMEDIATE when writing), committed at the end."""
        if write and not self.path.exists():
            self._create()
        self._check_file()
        try:
            connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None,
                                         timeout=_WAIT_SECONDS)
        except sqlite3.Error as error:
            raise _problem(self.path, f"cannot be opened ({error})") from None
        try:
            version = self._checked(connection)
            connection.execute("PRAGMA foreign_keys=ON")
            if write or version < SCHEMA_VERSION:  # an older store is brought up to date first, whatever the call
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("BEGIN IMMEDIATE")
                version = self._checked(connection)  # another process may have migrated it meanwhile
                _migrate(connection, version)
            else:
                connection.execute("BEGIN")
            yield connection
            connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise _problem(self.path, f"could not be used ({error})",
                           "another socialmap may be busy with it: try again in a minute") from None
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    # --- reading -------------------------------------------------------------------------------

    def snapshots(self) -> tuple[StoredSnapshot, ...]:
        """Every snapshot, oldest first; none for a store not made yet."""
        if not self.path.exists():
            return ()
        with self._open() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM snapshots s ORDER BY day").fetchall()
        return tuple(_record(row) for row in rows)

    def find(self, text: str) -> StoredSnapshot:
        """The snapshot a typed date names (2026-10, 2026-10-31, 31/10/2026); SocialMapError if none."""
        wanted = parse_date(text, file=str(text))
        stored = self.snapshots()
        exact = [snapshot for snapshot in stored if snapshot.date.day == wanted.day]
        in_month = [snapshot for snapshot in stored if wanted.whole_month
                    and (snapshot.date.day.year, snapshot.date.day.month) == (wanted.day.year, wanted.day.month)]
        found = exact or (in_month if len(in_month) == 1 else [])
        if found:
            return found[0]
        dates = ", ".join(snapshot.date.iso for snapshot in stored) or "none yet"
        raise _problem(self.path, f"has no snapshot dated {wanted.iso} (its snapshots: {dates})",
                       "socialmap snapshots list shows them")

    def files(self, snapshot: StoredSnapshot) -> tuple[InputFile, InputFile | None]:
        """The snapshot's files, byte for byte as they were added."""
        with self._open() as connection:
            rows = connection.execute(
                "SELECT role, name, data FROM files JOIN snapshots s ON s.id = snapshot_id WHERE s.day = ?",
                (snapshot.date.day.isoformat(),)).fetchall()
        found = {role: InputFile(name, bytes(data)) for role, name, data in rows}
        return found["accounts"], found.get("relationships")

    def tables(self, snapshot: StoredSnapshot) -> tuple[bytes, bytes | None]:
        """The snapshot's accounts and relationships as read and validated: CSV bytes."""
        with self._open() as connection:
            rows = connection.execute(
                "SELECT role, csv FROM tables JOIN snapshots s ON s.id = snapshot_id WHERE s.day = ?",
                (snapshot.date.day.isoformat(),)).fetchall()
        found = {role: bytes(data) for role, data in rows}
        return found["accounts"], found.get("relationships")

    # --- writing -------------------------------------------------------------------------------

    def add(self, new: NewSnapshot) -> StoredSnapshot:
        """Store a snapshot in one transaction; refuse one whose files or date are already stored."""
        record = new.record
        with self._open(write=True) as connection:
            same = connection.execute(f"SELECT {_COLUMNS} FROM snapshots s WHERE content_hash = ?",
                                      (record.content_hash,)).fetchone()
            if same is not None:
                earlier = _record(same)
                raise _problem(self.path, f"already holds these files as the snapshot of {earlier.name}, from "
                                          f"{earlier.accounts_file}, added {earlier.added_at[:16].replace('T', ' ')} UTC",
                               "nothing was added; socialmap snapshots list shows what is stored")
            taken = connection.execute(f"SELECT {_COLUMNS} FROM snapshots s WHERE day = ?",
                                       (record.date.day.isoformat(),)).fetchone()
            if taken is not None:
                earlier = _record(taken)
                raise _problem(self.path, f"already has a snapshot dated {earlier.date.iso} (from {earlier.accounts_file})",
                               f"give this one another --date, or first: socialmap snapshots remove {earlier.date.iso}")
            added_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            cursor = connection.execute(
                "INSERT INTO snapshots (day, whole_month, label, content_hash, added_at, account_columns, "
                "relationship_columns, sheet, relationships_sheet, accounts, relationships, potential_reach, weekly_otv, "
                "socialmap_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.date.day.isoformat(), int(record.date.whole_month), record.label, record.content_hash, added_at,
                 json.dumps(list(record.account_columns.pairs)), json.dumps(list(record.relationship_columns.pairs)),
                 record.sheet, record.relationships_sheet, record.accounts, record.relationships,
                 record.potential_reach, record.weekly_otv, _version()))
            snapshot_id = cursor.lastrowid
            for role, file, table in (("accounts", new.accounts, new.accounts_csv),
                                      ("relationships", new.relationships, new.relationships_csv)):
                if file is not None:
                    connection.execute("INSERT INTO files VALUES (?, ?, ?, ?)", (snapshot_id, role, file.name, file.data))
                if table is not None:
                    connection.execute("INSERT INTO tables VALUES (?, ?, ?)", (snapshot_id, role, table))
            _test_pause()
        return replace(record, added_at=added_at)

    def remove(self, snapshot: StoredSnapshot) -> None:
        """Forget one snapshot (its files and tables go with it), in one transaction."""
        with self._open(write=True) as connection:
            connection.execute("DELETE FROM snapshots WHERE day = ?", (snapshot.date.day.isoformat(),))


_COLUMNS = ("s.day, s.whole_month, s.label, "
            "(SELECT name FROM files WHERE snapshot_id = s.id AND role = 'accounts'), "
            "(SELECT name FROM files WHERE snapshot_id = s.id AND role = 'relationships'), "
            "s.content_hash, s.account_columns, s.relationship_columns, s.sheet, s.relationships_sheet, "
            "s.accounts, s.relationships, s.potential_reach, s.weekly_otv, s.added_at")


def _record(row: tuple) -> StoredSnapshot:
    (day, whole_month, label, accounts_file, relationships_file, content_hash, account_columns, relationship_columns,
     sheet, relationships_sheet, accounts, relationships, reach, otv, added_at) = row
    return StoredSnapshot(
        SnapshotDate(dt.date.fromisoformat(day), bool(whole_month)), label, accounts_file, relationships_file,
        content_hash, ColumnMap(tuple(tuple(pair) for pair in json.loads(account_columns))),
        ColumnMap(tuple(tuple(pair) for pair in json.loads(relationship_columns))), sheet, relationships_sheet,
        accounts, relationships, reach, otv, added_at)


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    """Bring a store of ``version`` up to SCHEMA_VERSION, inside the caller's transaction."""
    while version < SCHEMA_VERSION:
        for statement in MIGRATIONS[version]:
            connection.execute(statement)
        version += 1
        connection.execute(f"PRAGMA user_version = {version}")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("socialmap")
    except PackageNotFoundError:
        return "unknown"


def _test_pause() -> None:
    """For the tests of an add killed half way: say so on stderr, then wait inside the transaction."""
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        os.write(2, b"socialmap store: paused inside the transaction\n")
        time.sleep(float(seconds))
