"""Issue 18, item 6: long work shows a progress bar by stage, with counts, in the main area (not a spinner)."""

from __future__ import annotations

from socialmap.app import views
from tests.apptest import app, run  # noqa: F401 - app is a fixture
from tests.conftest import DATA


def test_an_upload_reports_every_stage_with_its_counts_and_a_rerun_none(monkeypatch, app):
    said = []
    original = views.Working.__call__

    def record(self, stage):
        said.append((stage, self.counts))
        return original(self, stage)

    monkeypatch.setattr(views.Working, "__call__", record)
    app.file_uploader(key="accounts").set_value(
        ("aliased_accounts.csv", (DATA / "aliased_accounts.csv").read_bytes(), "text/csv"))
    app.file_uploader(key="relationships").set_value(
        ("aliased_relationships.csv", (DATA / "aliased_relationships.csv").read_bytes(), "text/csv"))
    run(app)
    assert [stage for stage, _ in said] == list(views.STAGE_WORDS)
    rows = (DATA / "aliased_accounts.csv").read_bytes().strip().count(b"\n")
    assert said[0][1].startswith(f"about {rows:,} accounts and about ")
    assert not app.get("progress"), "the bar goes once the map is drawn"

    said.clear()
    run(app.selectbox(key="colour").set_value("platform"))  # cached stages: nothing to wait for
    assert [stage for stage, _ in said] == ["render"]


def test_a_compare_leaves_no_progress_bar_behind(app):
    run(app.checkbox(key="sample_change").check())
    run(app.radio(key="view").set_value("What changed"))
    assert len(app.get("iframe")) == 1
    assert not app.get("progress"), "both snapshots' bars go once the change is drawn"
