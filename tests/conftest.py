"""Shared paths and small builders for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_ACCOUNTS = ROOT / "socialmap" / "sample" / "accounts.csv"
SAMPLE_RELATIONSHIPS = ROOT / "socialmap" / "sample" / "relationships.csv"


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(name, text) -> path of a UTF-8 file in a fresh folder."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _own_snapshot_store(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's own snapshot store (issue 19): each gets an empty one of its own."""
    monkeypatch.setenv("SOCIALMAP_STORE", str(tmp_path_factory.mktemp("store") / "snapshots.sqlite"))
