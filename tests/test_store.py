"""The snapshot store (issue 19): what goes in comes out, the store's figures are the files' figures, and no
fault tried (two adds at once, an add killed half way, a newer, damaged or foreign file) loses or mixes a snapshot."""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from socialmap.cli import main
from socialmap.export import escape_formula
from socialmap.inputs.files import InputFile
from socialmap.options import ColumnMap, MapOptions
from socialmap.pipeline import load_tables
from socialmap.store import PAUSE_ENV, STORE_ENV, Store, store_path
from socialmap.stored import prepare_snapshot, read_stored
from tests.conftest import DATA, ROOT

SNAPSHOTS = ROOT / "socialmap" / "sample" / "snapshots"
MONTHS = ("2026-08", "2026-09", "2026-10", "2026-11")
COUNCIL = DATA / "store" / "council accounts oct-2026.csv"
COUNCIL_LINKS = DATA / "store" / "council links oct-2026.csv"
COUNCIL_COLUMNS = ("id=Who", "followers=Fans", "area=Patch", "category=Kind", "platform=Channel",
                   "posts_per_week=Posts a week", "description=About")
COUNCIL_LINK_COLUMNS = ("type=How", "date=When")


def _run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(arg) for arg in args])


def _month(month: str) -> tuple:
    return SNAPSHOTS / f"accounts-{month}.csv", SNAPSHOTS / f"relationships-{month}.csv"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """A store of the sample's four monthly snapshots, added through the CLI."""
    path = tmp_path_factory.mktemp("store") / "snapshots.sqlite"
    for month in MONTHS:
        added = _run("snapshots", "add", *_month(month), "--store", path)
        assert added.exit_code == 0, added.output
    return path


def _cli(*args, env=None, **popen):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "socialmap", *map(str, args)], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def _wait_for_pause(process: subprocess.Popen) -> None:
    """Block until the add says it is inside its transaction (the test hook), failing if it ends first."""
    line = process.stderr.readline()
    assert b"paused inside the transaction" in line, (line, process.communicate())


# --- item 2: the CLI, and item 5: the store's trend and change are the files', figure for figure ------------

def test_add_and_list_say_the_store_and_each_snapshots_figures(sample_store):
    listed = _run("snapshots", "list", "--store", sample_store)
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        f"Store: {sample_store}",
        "  Date     Label  Accounts  Relationships  Potential reach  Weekly OTV  Accounts file",
        "  2026-08              204            849        1,544,756  23,758,202  accounts-2026-08.csv",
        "  2026-09              208            912        1,564,762  23,974,706  accounts-2026-09.csv",
        "  2026-10              215          1,020        1,622,092  24,668,700  accounts-2026-10.csv",
        "  2026-11              223          1,137        1,669,629  25,270,490  accounts-2026-11.csv",
    ]
    built = _run("build", *_month("2026-10"), "-o", sample_store.parent / "october.html")
    assert "Potential reach: 1,622,092 followers" in built.output  # the figure build prints for that file


def test_trend_from_the_store_is_the_trend_from_the_four_files(sample_store, tmp_path):
    from_store = _run("trend", "--store", sample_store, "-o", tmp_path / "store.html", "--report", tmp_path / "store.csv")
    from_files = _run("trend", *(_month(month)[0] for month in MONTHS), "-o", tmp_path / "files.html",
                      "--report", tmp_path / "files.csv")
    assert from_store.exit_code == 0 and from_files.exit_code == 0, from_store.output + from_files.output
    assert from_store.output.splitlines()[0] == f"Store: {sample_store}"
    assert (tmp_path / "store.csv").read_bytes() == (tmp_path / "files.csv").read_bytes()
    assert (tmp_path / "store.html").read_bytes() == (tmp_path / "files.html").read_bytes()
    summary = [line.replace("store.", "files.") for line in from_store.output.splitlines()[1:]]
    assert summary == from_files.output.splitlines()


def test_compare_from_the_store_is_compare_of_the_files(sample_store, tmp_path):
    from_store = _run("compare", "--store", sample_store, "--old", "2026-08", "--new", "2026-11",
                      "-o", tmp_path / "store.html", "--report", tmp_path / "store.csv")
    (old, old_links), (new, new_links) = _month("2026-08"), _month("2026-11")
    from_files = _run("compare", old, new, "--old-relationships", old_links, "--new-relationships", new_links,
                      "-o", tmp_path / "files.html", "--report", tmp_path / "files.csv")
    assert from_store.exit_code == 0 and from_files.exit_code == 0, from_store.output + from_files.output
    assert from_store.output.splitlines()[:2] == [
        f"Store: {sample_store}",
        "  Comparing the snapshot of 2026-08 (accounts-2026-08.csv) with that of 2026-11 (accounts-2026-11.csv)"]
    for suffix in ("", "-by-group", "-mentions"):
        assert (tmp_path / f"store{suffix}.csv").read_bytes() == (tmp_path / f"files{suffix}.csv").read_bytes()
    assert (tmp_path / "store.html").read_bytes() == (tmp_path / "files.html").read_bytes()


def test_compare_from_the_store_defaults_to_the_two_latest(sample_store, tmp_path):
    result = _run("compare", "--store", sample_store, "-o", tmp_path / "change.html")
    assert result.exit_code == 0, result.output
    assert "2026-10 \u2192 2026-11: +10 accounts, \u22122 removed" in result.output


def test_the_environment_variable_names_the_store(sample_store, tmp_path):
    result = _run("snapshots", "list", env={STORE_ENV: str(sample_store)})
    assert result.output.splitlines()[0] == f"Store: {sample_store}"
    assert store_path("elsewhere.sqlite").name == "elsewhere.sqlite"  # --store wins over the variable


# --- item 5: a round trip --------------------------------------------------------------------------------

def test_round_trip_keeps_files_columns_dates_ids_and_figures(tmp_path):
    """A messy council file read with --column: the store gives back its bytes, its mapping, its date and
    label, and exports the accounts and relationships as read (ids, figures, dates)."""
    store = tmp_path / "s.sqlite"
    columns = [arg for pair in COUNCIL_COLUMNS for arg in ("--column", pair)]
    link_columns = [arg for pair in COUNCIL_LINK_COLUMNS for arg in ("--link-column", pair)]
    added = _run("snapshots", "add", COUNCIL, COUNCIL_LINKS, "--store", store, "--label", "October report",
                 *columns, *link_columns)
    assert added.exit_code == 0, added.output
    assert added.output.splitlines()[1] == ("Added the snapshot of Oct 2026 (2026-10, October report): 5 accounts, "
                                            "4 relationships, potential reach 131,057, weekly OTV 468,114")

    (snapshot,) = Store(store).snapshots()
    assert snapshot.account_columns == ColumnMap.parse(COUNCIL_COLUMNS)
    assert dict(snapshot.relationship_columns) == {"type": "How", "date": "When"}
    assert (snapshot.date.iso, snapshot.label) == ("2026-10", "October report")
    accounts, links = Store(store).files(snapshot)
    assert (accounts.name, accounts.data) == (COUNCIL.name, COUNCIL.read_bytes())
    assert (links.name, links.data) == (COUNCIL_LINKS.name, COUNCIL_LINKS.read_bytes())

    out, links_out = tmp_path / "accounts.csv", tmp_path / "links.csv"
    exported = _run("snapshots", "export", "2026-10", "--store", store, "-o", out, "--relationships-output", links_out)
    assert exported.exit_code == 0, exported.output
    options = MapOptions(account_columns=ColumnMap.parse(COUNCIL_COLUMNS),
                         relationship_columns=ColumnMap.parse(COUNCIL_LINK_COLUMNS, fields=("type", "date")))
    original = load_tables(COUNCIL, COUNCIL_LINKS, options=options)
    written = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in written] == [escape_formula(handle) for handle in original.accounts["id"]]
    assert [row["followers"] for row in written] == ["34911", "81842", "12004", "", "2300"]
    assert [row["posts_per_week"] for row in written] == ["10", "", "3", "7", "0.5"]
    assert [row["Team"] for row in written] == ["Comms", "Comms", "", "Neighbourhood", "Volunteers"]
    # every text cell as read; Excel-safe, as every CSV socialmap writes (a formula gets an apostrophe)
    for row, (_, account) in zip(written, original.accounts.iterrows()):
        assert row["description"] == escape_formula(account["description"] or "")
    assert written[1]["description"] == "'=HYPERLINK(\"http://example.com\")"
    assert written[2]["id"] == "'@dales-dispatch"
    written_links = list(csv.DictReader(io.StringIO(links_out.read_text(encoding="utf-8-sig"))))
    assert [(row["type"], row["date"]) for row in written_links] == [
        ("follows", ""), ("mentions", "2026-10-14"), ("mentions", "2026-10-03"), ("mentions", "2026-10-21")]

    # what was stored is the validated table itself, cell for cell, before the export's escaping
    stored_accounts, _ = Store(store).tables(snapshot)
    reread = load_tables(InputFile("back.csv", stored_accounts))
    assert reread.accounts["id"].tolist() == original.accounts["id"].tolist()
    assert reread.accounts["followers"].tolist() == original.accounts["followers"].tolist()
    assert read_stored(stored_accounts)["description"][1] == '=HYPERLINK("http://example.com")'


def test_the_date_comes_from_the_name_else_date_is_required(tmp_path, write_csv):
    undated = write_csv("accounts.csv", "id,followers\n@a,10\n@b,20\n")
    result = _run("snapshots", "add", undated, "--store", tmp_path / "s.sqlite")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == ("accounts.csv: the file name has no date (give the snapshot's date with "
                                             "--date 2026-10-31 (or a month, --date 2026-10))")
    assert not (tmp_path / "s.sqlite").exists()
    dated = _run("snapshots", "add", undated, "--date", "31/10/2026", "--store", tmp_path / "s.sqlite")
    assert dated.exit_code == 0, dated.output
    assert "Added the snapshot of 31 Oct 2026 (2026-10-31): 2 accounts" in dated.output


# --- item 4: nothing lost, nothing mixed -------------------------------------------------------------------

def test_the_same_content_twice_is_refused_naming_the_earlier_snapshot(tmp_path):
    store = tmp_path / "s.sqlite"
    assert _run("snapshots", "add", *_month("2026-09"), "--store", store).exit_code == 0
    copy = tmp_path / "accounts-2026-12.csv"  # the same file saved again under next month's name
    copy.write_bytes(_month("2026-09")[0].read_bytes())
    again = _run("snapshots", "add", copy, _month("2026-09")[1], "--store", store)
    assert again.exit_code == 2
    assert again.stderr.startswith(f"{store}: already holds these files as the snapshot of 2026-09, "
                                   "from accounts-2026-09.csv, added ")
    assert again.stderr.splitlines()[-1] == "socialmap: nothing was added to the store."
    assert [snapshot.date.iso for snapshot in Store(store).snapshots()] == ["2026-09"]


def test_a_second_snapshot_on_a_taken_date_is_refused(tmp_path):
    store = tmp_path / "s.sqlite"
    assert _run("snapshots", "add", *_month("2026-09"), "--store", store).exit_code == 0
    other = _run("snapshots", "add", *_month("2026-10"), "--date", "2026-09", "--store", store)
    assert other.exit_code == 2
    assert "already has a snapshot dated 2026-09 (from accounts-2026-09.csv)" in other.stderr


def test_two_adds_at_once_from_two_processes_both_land(tmp_path):
    store = tmp_path / "new" / "s.sqlite"
    first = _cli("snapshots", "add", *_month("2026-08"), "--store", store, env={PAUSE_ENV: "8"})
    _wait_for_pause(first)  # the first holds its transaction open while the second tries to add
    second = _cli("snapshots", "add", *_month("2026-09"), "--store", store)
    outcomes = [process.communicate(timeout=120) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outcomes
    stored = Store(store).snapshots()
    assert [(snapshot.date.iso, snapshot.accounts, snapshot.relationships) for snapshot in stored] == [
        ("2026-08", 204, 849), ("2026-09", 208, 912)]
    for snapshot, month in zip(stored, ("2026-08", "2026-09")):
        accounts, links = Store(store).files(snapshot)
        assert (accounts.data, links.data) == tuple(path.read_bytes() for path in _month(month))
    assert sorted(path.name for path in store.parent.iterdir() if not path.name.endswith(("-wal", "-shm"))) == [
        "s.sqlite"]  # no temporary store left behind


def test_two_first_adds_at_once_make_one_store_holding_both(tmp_path):
    store = tmp_path / "new" / "s.sqlite"  # neither process finds a store: both make one, one of them is kept
    adds = [_cli("snapshots", "add", *_month(month), "--store", store) for month in ("2026-10", "2026-11")]
    outcomes = [process.communicate(timeout=120) for process in adds]
    assert [process.returncode for process in adds] == [0, 0], outcomes
    assert [snapshot.date.iso for snapshot in Store(store).snapshots()] == ["2026-10", "2026-11"]


def test_an_add_killed_half_way_leaves_the_store_as_it_was(tmp_path):
    store = tmp_path / "s.sqlite"
    assert _run("snapshots", "add", *_month("2026-08"), "--store", store).exit_code == 0
    before = Store(store).snapshots()
    adding = _cli("snapshots", "add", *_month("2026-09"), "--store", store, env={PAUSE_ENV: "120"})
    _wait_for_pause(adding)  # its rows are written, not committed
    adding.send_signal(signal.SIGKILL)
    adding.communicate(timeout=30)
    assert Store(store).snapshots() == before
    with sqlite3.connect(store) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM files").fetchone() == (2,)
    again = _run("snapshots", "add", *_month("2026-09"), "--store", store)  # and the store still takes the add
    assert again.exit_code == 0, again.output
    assert [snapshot.date.iso for snapshot in Store(store).snapshots()] == ["2026-08", "2026-09"]


def _refused(store, *command):
    """Run each store command on ``store``; each must exit 2 with the same first line, leaving the bytes."""
    before = store.read_bytes()
    messages = set()
    for args in (("snapshots", "list"), ("snapshots", "add", *_month("2026-10")), ("trend",), ("compare",),
                 ("snapshots", "remove", "2026-08")):
        result = _run(*args, "--store", store)
        assert result.exit_code == 2, (args, result.output)
        messages.add(result.stderr.splitlines()[0])
        assert store.read_bytes() == before, args
    assert len(messages) == 1, messages
    return messages.pop()


def test_a_store_from_a_newer_socialmap_is_refused_and_left_alone(tmp_path):
    store = tmp_path / "s.sqlite"
    assert _run("snapshots", "add", *_month("2026-08"), "--store", store).exit_code == 0
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA user_version = 7")
    connection.close()
    assert _refused(store) == (f"{store}: was written by a newer socialmap (store version 7; this one reads up to 1); "
                               "it was left as it is (upgrade socialmap: pip install -U socialmap)")


@pytest.mark.parametrize("damage", ["truncated", "scribbled"])
def test_a_damaged_store_is_refused_and_left_alone(tmp_path, damage):
    store = tmp_path / "s.sqlite"
    for month in ("2026-08", "2026-09"):
        assert _run("snapshots", "add", *_month(month), "--store", store).exit_code == 0
    data = store.read_bytes()
    assert not (tmp_path / "s.sqlite-wal").exists()  # all in the file itself
    if damage == "truncated":  # a copy cut short
        store.write_bytes(data[: len(data) // 3])
    else:  # a run of garbage over the pages after the first
        store.write_bytes(data[:4096] + bytes(range(256)) * 64 + data[4096 + 256 * 64:])
    message = _refused(store)
    assert message.startswith(f"{store}: is damaged (")
    assert message.endswith("; it was left as it is (restore it from a backup, or give another --store file name)")


def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("Remember: October figures due on the 5th\n", encoding="utf-8")
    assert _refused(text) == (f"{text}: is not a socialmap snapshot store (not an SQLite database), or is damaged; "
                              "it was left as it is (give another --store file name)")
    other = tmp_path / "other.db"  # an SQLite database of something else
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()
    assert _refused(other) == (f"{other}: is an SQLite database but not a socialmap snapshot store; it was left "
                               "as it is (give another --store file name)")


# --- the library, as the app calls it ----------------------------------------------------------------------

def test_remove_and_export_name_snapshots_by_date(sample_store, tmp_path):
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(sample_store.read_bytes())
    removed = _run("snapshots", "remove", "2026-09", "--store", copy)
    assert removed.output.splitlines() == [
        f"Store: {copy}", "Removed the snapshot of 2026-09 (accounts-2026-09.csv); 3 snapshots left"]
    missing = _run("snapshots", "export", "2026-09", "-o", tmp_path / "x.csv", "--store", copy)
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[0] == (f"{copy}: has no snapshot dated 2026-09 (its snapshots: 2026-08, "
                                              "2026-10, 2026-11) (socialmap snapshots list shows them)")
    assert not (tmp_path / "x.csv").exists()


def test_prepare_refuses_a_bad_file_before_the_store_is_touched(tmp_path, write_csv):
    bad = write_csv("accounts-2026-10.csv", "name,followers\nNo id here,lots\n")
    with pytest.raises(Exception) as caught:
        prepare_snapshot(InputFile(bad.name, bad.read_bytes()))
    assert "no id column" in str(caught.value.issues[0])
    result = _run("snapshots", "add", bad, "--store", tmp_path / "s.sqlite")
    assert result.exit_code == 2 and not (tmp_path / "s.sqlite").exists()


def test_trend_needs_two_snapshots_in_the_store(tmp_path):
    store = tmp_path / "s.sqlite"
    assert _run("snapshots", "add", *_month("2026-08"), "--store", store).exit_code == 0
    result = _run("trend", "--store", store, "-o", tmp_path / "t.html")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{store}: a trend needs at least two snapshots, and the store has 1 (add each month's accounts file with: "
        "socialmap snapshots add accounts-2026-10.csv)")
    assert not (tmp_path / "t.html").exists()


def test_an_older_store_is_brought_up_to_date(tmp_path):
    """A store of version 0 (marked as ours, no tables yet) is migrated forward, in place, when first used."""
    store = tmp_path / "old.sqlite"
    with sqlite3.connect(store) as connection:
        connection.execute(f"PRAGMA application_id = {0x534D4150}")
    connection.close()
    listed = _run("snapshots", "list", "--store", store)
    assert listed.exit_code == 0, listed.output
    assert "No snapshots yet" in listed.output
    with sqlite3.connect(store) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()
    assert _run("snapshots", "add", *_month("2026-08"), "--store", store).exit_code == 0
