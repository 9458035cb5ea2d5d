"""The app's snapshot history (issue 19): save an upload with its date, list, remove, and what changed and the
trend from saved snapshots with nothing uploaded, figure for figure the same as the files give."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from socialmap import InputFile, MapOptions, overtime
from socialmap.changemap import build_change
from socialmap.store import STORE_ENV, Store
from socialmap.stored import prepare_snapshot
from tests.apptest import as_shown, opened, run
from tests.conftest import ROOT

SNAPSHOTS = ROOT / "socialmap" / "sample" / "snapshots"
SAMPLE_TITLE = "Derby and Derbyshire social media map (invented sample)"


def _files(month: str) -> tuple[InputFile, InputFile]:
    return tuple(InputFile(f"{kind}-{month}.csv", (SNAPSHOTS / f"{kind}-{month}.csv").read_bytes())
                 for kind in ("accounts", "relationships"))


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite"
    monkeypatch.setenv(STORE_ENV, str(path))
    return Store(path)


def _app() -> AppTest:
    st.cache_data.clear()
    st.cache_resource.clear()
    return run(opened())


def _captions(at: AppTest) -> list[str]:
    return [as_shown(caption.value) for caption in at.caption]


def test_an_upload_saved_with_its_date_joins_the_history(store):
    at = _app()
    assert f"Saved on the machine running this app, in {store.path}" in _captions(at)
    assert "No snapshots saved yet: upload a month's accounts file and save it here." in _captions(at)
    accounts, links = _files("2026-10")
    at.file_uploader(key="accounts").set_value((accounts.name, accounts.data, "text/csv"))
    at.file_uploader(key="relationships").set_value((links.name, links.data, "text/csv"))
    at = run(at)
    date_box = [box for box in at.text_input if box.label == "Date of the uploaded snapshot"][0]
    assert date_box.value == "2026-10", "the date in the file's name"
    run(at.text_input(key="snapshot_label").input("October report"))
    at = run(at.button(key="save_snapshot").click())
    assert [as_shown(box.value) for box in at.success] == [
        "Saved the snapshot of Oct 2026: 215 accounts, 1,020 relationships, potential reach 1,622,092."]
    (saved,) = store.snapshots()
    assert (saved.date.iso, saved.label, saved.accounts_file) == ("2026-10", "October report", "accounts-2026-10.csv")
    listed = [frame.value for frame in at.dataframe if "Potential reach" in frame.value.columns][0]
    assert listed.to_dict("records") == [{"Date": "2026-10", "Label": "October report", "Accounts": 215,
                                          "Relationships": 1020, "Potential reach": 1622092, "Weekly OTV": 24668700,
                                          "File": "accounts-2026-10.csv"}]
    at = run(at.button(key="save_snapshot").click())
    assert at.error and "already holds these files as the snapshot of 2026-10 (October report)" in as_shown(at.error[0].value)
    assert len(store.snapshots()) == 1


def test_change_and_trend_from_saved_snapshots_with_nothing_uploaded(store):
    for month in ("2026-08", "2026-09", "2026-11"):
        store.add(prepare_snapshot(*_files(month))[0])
    at = _app()
    assert "view" not in [radio.key for radio in at.radio]
    at = run(at.checkbox(key="saved_change").check())
    assert at.selectbox(key="saved_new").value == "2026-11" and at.selectbox(key="saved_old").value == "2026-09"
    run(at.selectbox(key="saved_old").set_value("2026-08"))
    assert at.radio(key="view").options == ["Map", "Saved: what changed"]
    at = run(at.radio(key="view").set_value("Saved: what changed"))
    expected = build_change(SNAPSHOTS / "accounts-2026-08.csv", SNAPSHOTS / "accounts-2026-11.csv",
                            SNAPSHOTS / "relationships-2026-08.csv", SNAPSHOTS / "relationships-2026-11.csv",
                            options=overtime.change_options(MapOptions(title=SAMPLE_TITLE), growth="absolute"))
    assert [frame.proto.srcdoc for frame in at.get("iframe")] == [expected.html]
    assert {metric.label: metric.value for metric in at.metric}["Added / removed"] == "+24 / \u22125"

    at = run(at.checkbox(key="saved_trend").check())
    at = run(at.radio(key="view").set_value("Saved: trend"))
    files = [InputFile(path.name, path.read_bytes()) for path in sorted(SNAPSHOTS.glob("accounts-2026-*.csv"))
             if "2026-10" not in path.name]
    _, page = overtime.trend_of(files, None, MapOptions(title=f"{SAMPLE_TITLE}"))
    assert [frame.proto.srcdoc for frame in at.get("iframe")] == [page]


def test_a_saved_snapshot_can_be_removed(store):
    for month in ("2026-08", "2026-09"):
        store.add(prepare_snapshot(*_files(month))[0])
    at = _app()
    at = run(at.selectbox(key="snapshot_to_remove").set_value("2026-08"))
    at = run(at.button(key="remove_snapshot").click())
    assert [as_shown(box.value) for box in at.success] == ["Removed the snapshot of 2026-08 (accounts-2026-08.csv)."]
    assert [snapshot.date.iso for snapshot in store.snapshots()] == ["2026-09"]
    listed = [frame.value for frame in at.dataframe if "Potential reach" in frame.value.columns][0]
    assert listed["Date"].tolist() == ["2026-09"]


def test_a_damaged_store_is_said_and_left_alone(store):
    store.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    at = _app()
    assert any("The snapshot store cannot be read" in as_shown(box.value) for box in at.error)
    assert store.path.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 200
