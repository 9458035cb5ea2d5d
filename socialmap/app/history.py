"""The app's snapshot history (issue 19): save an upload as a dated snapshot, list, remove, and show what
changed and the trend from saved snapshots with nothing uploaded.

The store is the CLI's (socialmap.store: ``$SOCIALMAP_STORE``, else the user's data folder, on the machine
running the app), so a snapshot saved here is in ``socialmap snapshots list`` and the other way round. The
views reuse views.py's change and trend, handed the stored files and the column choices each was saved with,
so their figures are the ones the same files give when uploaded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from socialmap import MapOptions, SocialMapError, explore
from socialmap.app.views import Current, analysed, plain, show_change, show_problems, show_trend
from socialmap.store import Store, StoredSnapshot, store_path
from socialmap.stored import prepare_snapshot, stored_options
from socialmap.trend import date_in_name

__all__ = ["Saved", "panel", "CHANGE_VIEW", "TREND_VIEW"]

CHANGE_VIEW = "Saved: what changed"
TREND_VIEW = "Saved: trend"
_MESSAGE = "history_message"


@dataclass(frozen=True)
class Saved:
    """What the history panel asks to show: a change between two saved snapshots, the saved trend, or neither."""

    store: Store | None = None
    change: tuple[StoredSnapshot, StoredSnapshot] | None = None
    trend: tuple[StoredSnapshot, ...] = ()

    @property
    def views(self) -> list[str]:
        return [*([CHANGE_VIEW] if self.change else []), *([TREND_VIEW] if self.trend else [])]

    def show(self, view: str, current: Current, growth: str) -> None:
        """Draw the chosen view from the stored files, as views.py draws uploaded ones."""
        if view == CHANGE_VIEW:
            _show_change(self.store, *self.change, current, growth)
        else:
            _show_trend(self.store, self.trend, current)


def _figures(snapshot: StoredSnapshot) -> str:
    return (f"{snapshot.accounts:,} accounts, {snapshot.relationships:,} relationships, "
            f"potential reach {snapshot.potential_reach:,}")


def _save(store: Store, uploaded: explore.Inputs, options: MapOptions, date_key: str) -> None:
    """The save button's callback: read the upload with the column choices made and add it to the store."""
    date, label = st.session_state.get(date_key, ""), st.session_state.get("snapshot_label", "")
    try:
        new, _ = prepare_snapshot(uploaded.accounts, uploaded.relationships, date=date, label=label, options=options)
        added = store.add(new)
    except SocialMapError as error:
        st.session_state[_MESSAGE] = ("error", [str(issue) for issue in error.issues])
        return
    st.session_state[_MESSAGE] = ("success", [f"Saved the snapshot of {added.date.label}: {_figures(added)}."])


def _remove(store: Store, date: str) -> None:
    try:
        snapshot = store.find(date)
        store.remove(snapshot)
    except SocialMapError as error:
        st.session_state[_MESSAGE] = ("error", [str(issue) for issue in error.issues])
        return
    st.session_state[_MESSAGE] = ("success", [f"Removed the snapshot of {snapshot.name} ({snapshot.accounts_file})."])


def _say_message() -> None:
    kind, lines = st.session_state.pop(_MESSAGE, (None, []))
    if kind == "error":
        st.error("\n\n".join(plain(line) for line in lines), icon=":material/error:")
    elif kind == "success":
        st.success("\n\n".join(plain(line) for line in lines), icon=":material/check:")


def history_table(stored: tuple[StoredSnapshot, ...]) -> pd.DataFrame:
    """The saved snapshots with their figures, newest first: what the History list shows (the sidebar is narrow:
    the date, accounts and reach come first)."""
    return pd.DataFrame([{"Date": snapshot.date.iso, "Accounts": snapshot.accounts,
                          "Potential reach": snapshot.potential_reach, "Relationships": snapshot.relationships,
                          "Weekly OTV": snapshot.weekly_otv, "Label": snapshot.label, "File": snapshot.accounts_file}
                         for snapshot in reversed(stored)])


def panel(box, uploaded: explore.Inputs | None, options: MapOptions) -> Saved:
    """In ``box``: save the upload (read with ``options``' column choices) as a snapshot, the History list,
    removing one, and the choice of a saved change or trend."""
    store = Store(store_path())
    with box, st.expander("Snapshot history", icon=":material/history:"):
        _say_message()
        if uploaded is not None:
            found = _date_in_name(uploaded.accounts.name)
            date_key = f"snapshot_date_{uploaded.digest}"
            st.text_input("Date of the uploaded snapshot", value=found, key=date_key, placeholder="2026-10-31 or 2026-10",
                          help="Taken from the file's name when it has one (accounts-2026-10.csv).")
            st.text_input("Label (optional)", key="snapshot_label", placeholder="October report")
            st.button("Save as a snapshot", key="save_snapshot", icon=":material/save:",
                      on_click=_save, args=(store, uploaded, options, date_key),
                      help="Keeps these files, and the column choices made for them, in the snapshot store.")
        st.caption(f"Saved on the machine running this app, in {plain(store.path)}")
        try:
            stored = store.snapshots()
        except SocialMapError as error:
            show_problems(error.issues, "The snapshot store cannot be read, and is left as it is.")
            return Saved()
        if not stored:
            st.caption("No snapshots saved yet: upload a month's accounts file and save it here.")
            return Saved()
        st.dataframe(history_table(stored), hide_index=True, key="history_list", column_config={
            column: st.column_config.NumberColumn(column, format="localized")
            for column in ("Accounts", "Relationships", "Potential reach", "Weekly OTV")})
        dates = [snapshot.date.iso for snapshot in reversed(stored)]
        with st.container(horizontal=True, vertical_alignment="bottom"):
            doomed = st.selectbox("Snapshot to remove", dates, index=None, key="snapshot_to_remove",
                                  placeholder="Choose a date")
            st.button("Remove", key="remove_snapshot", disabled=doomed is None, on_click=_remove,
                      args=(store, doomed), icon=":material/delete:")
        if len(stored) < 2:
            return Saved(store)
        change = None
        if st.checkbox("What changed between two saved snapshots", key="saved_change"):
            newer = st.selectbox("Newer", dates, key="saved_new")
            older_dates = [date for date in dates if date < newer] or dates[1:]
            older = st.selectbox("Older", older_dates, key="saved_old")
            change = (store.find(older), store.find(newer))
        trend = stored if st.checkbox("Trend of every saved snapshot", key="saved_trend") else ()
    return Saved(store, change, trend)


def _date_in_name(name: str) -> str:
    try:
        found = date_in_name(name)
    except SocialMapError:
        return ""
    return found.iso if found else ""


def _same_reading(snapshots) -> bool:
    """Whether the snapshots were all saved with the same column choices (the views read them with one)."""
    return len({(s.account_columns, s.relationship_columns, s.sheet, s.relationships_sheet) for s in snapshots}) == 1


_MIXED = ("These snapshots were saved with different column choices, which the app cannot read together; "
          "socialmap compare --store and socialmap trend --store read each as it was saved.")


def _show_change(store: Store, older: StoredSnapshot, newer: StoredSnapshot, current: Current, growth: str) -> None:
    if not _same_reading((older, newer)):
        st.warning(_MIXED)
        return
    earlier, later = (explore.Inputs(*store.files(snapshot)) for snapshot in (older, newer))
    options = stored_options(newer, current.analysis_options)
    analysis, offered = analysed(later, later.digest, options)
    if isinstance(analysis, SocialMapError):
        show_problems(analysis.issues, explore.problem_summary(analysis.issues))
        return
    show_change(replace(current, inputs=later, analysis=analysis, analysis_options=options, offered=offered),
                earlier, later, growth)


def _show_trend(store: Store, stored: tuple[StoredSnapshot, ...], current: Current) -> None:
    if not _same_reading(stored):
        st.warning(_MIXED)
        return
    files = [store.files(snapshot)[0] for snapshot in stored]
    options = stored_options(stored[-1], replace(current.analysis_options, title=current.options.title,
                                                  mentions_from=None, mentions_to=None))
    show_trend(files, ", ".join(snapshot.date.iso for snapshot in stored), options, current.stem)
