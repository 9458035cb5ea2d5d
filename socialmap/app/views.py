"""The app's Streamlit pieces: its cached stages, tables and problems, and the map, change and trend views.

main.py reads the widgets into options and calls these. Each stage is cached on
the files' digest and the options it reads, so colour, size and filters never
recompute communities or layout; each view draws only what it is chosen for.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd
import streamlit as st

from socialmap import InputFile, MapOptions, SocialMapError, explore, overtime
from socialmap.app.help import GLOSSARY
from socialmap.caveats import POSSIBLE_IMPRESSIONS, UPPER_BOUND
from socialmap.app.settings import VIEW_SETTINGS, SettingsError, read_settings, settings_json
from socialmap.inputs import guess
from socialmap.inputs.columns import ColumnMap
from socialmap.inputs.guess import NOT_IN_FILE
from socialmap.changemap import draw_change
from socialmap.export import table_csv
from socialmap.pipeline import Analysis
from socialmap.inputs.schema import ACCOUNT_FIELDS, RELATIONSHIP_FIELDS
from socialmap.poster import map_file, trend_file

NOTHING = "\u2013"  # what a table shows where there is nothing
MAP_HEIGHT = 640  # pixels, where the window's height is not known (AppTest); the page's style sets it
_MARKDOWN_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation mark: CommonMark lets each be escaped

__all__ = ["Current", "Working", "analysed", "area_table", "laid_out", "presented", "columns_of", "column_step", "still_valid",
           "show_problems", "show_map", "show_change", "show_trend", "settings_controls"]


STAGE_WORDS = {"load": "Reading the files", "validate": "Checking every row", "graph": "Linking the accounts",
               "communities": "Finding communities", "metrics": "Counting reach and standing",
               "layout": "Laying out the map", "render": "Drawing the map"}  # the pipeline's stages, in order


@contextmanager
def _not_for_replay():
    """The progress bar is drawn from inside the cached stages, but is no part of what they make: Streamlit must
    not record it to replay when the cache answers (its box is made outside, and would not exist then)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import in_cached_function
    except ImportError:  # another Streamlit: the bar is still drawn, and a cached stage draws nothing anyway
        yield
        return
    token = in_cached_function.set(False)
    try:
        yield
    finally:
        in_cached_function.reset(token)


class Working:
    """A progress bar by stage, with counts, in the main area while a costly stage runs; nothing when the caches
    answer (a cached stage never calls it). ``done`` clears it."""

    def __init__(self, inputs: explore.Inputs) -> None:
        sizes = [explore.rough_size(inputs.accounts, "accounts"),
                 explore.rough_size(inputs.relationships, "relationships")]
        self.counts = " and ".join(size for size in sizes if size)
        self.box, self.bar = st.empty(), None

    def __call__(self, stage: str) -> None:
        number = list(STAGE_WORDS).index(stage) if stage in STAGE_WORDS else 0
        text = f"{STAGE_WORDS.get(stage, stage)}: {self.counts} (step {number + 1} of {len(STAGE_WORDS)})"
        with _not_for_replay():
            if self.bar is None:
                self.bar = self.box.progress(number / len(STAGE_WORDS), text=text)
            else:
                self.bar.progress(number / len(STAGE_WORDS), text=text)

    def done(self) -> None:
        self.box.empty()


@st.cache_resource(max_entries=4, show_spinner=False)
def analysed(_inputs: explore.Inputs, files: str, key: MapOptions, _progress=None):
    """The analysis (or the SocialMapError saying what is wrong), and what the controls offer for it."""
    analysis = explore.attempt(explore.analyse_inputs, _inputs, key, _progress)
    return analysis, None if isinstance(analysis, SocialMapError) else explore.choices(analysis)


@st.cache_resource(max_entries=4, show_spinner=False)
def area_table(_inputs: explore.Inputs, files: str):
    return explore.attempt(explore.read_area_table, _inputs)


@st.cache_resource(max_entries=8, show_spinner=False)
def laid_out(_analysis, _areas, files: str, analysis: MapOptions, key: MapOptions, _progress=None):
    if _progress:
        _progress("layout")
    return explore.arrange_view(_analysis, key, _areas)


@st.cache_resource(max_entries=8, show_spinner=False)
def presented(_analysis, _arranged, _areas, files: str, options: MapOptions, _progress=None):
    if _progress:
        _progress("render")
    return explore.attempt(explore.present, _analysis, _arranged, options, _areas)


@st.cache_data(max_entries=8, show_spinner=False)
def reach_panel(_result, files: str, key: MapOptions) -> dict:
    return explore.reach_panel(_result.metrics)


@st.cache_resource(max_entries=4, show_spinner="Comparing the snapshots…")
def changed(_old, _new, _layout, files: str, options):
    return explore.attempt(partial(draw_change, options=options), _old, _new, _layout)


@st.cache_data(max_entries=4, show_spinner="Reading the snapshots…")
def trended(_files, files: str, dates: str, options: MapOptions, columns=None):
    return explore.attempt(overtime.trend_of, _files, dates, options, columns)


@st.cache_data(max_entries=4, show_spinner=False)
def columns_of(file: InputFile, max_bytes: int, links: bool = False):
    """How the headings of an accounts file (or, with ``links``, a relationships file) are read."""
    return guess.column_plan(file, max_bytes=max_bytes, fields=RELATIONSHIP_FIELDS if links else ACCOUNT_FIELDS)


def still_valid(key: str, offered, default=None) -> None:
    """Reset a choice the current data no longer offers (setting it, unlike deleting it, resets the browser too)."""
    value = st.session_state.get(key)
    if isinstance(value, list):
        st.session_state[key] = [item for item in value if item in offered]
    elif value is not None and value not in offered:
        st.session_state[key] = default


def table(frame, **layout) -> None:
    """A table as people read one: headings in words, whole numbers with thousands separators, percentages with
    one decimal, "–" where there is nothing (never "None" or "nan"), links as links. A column with no gaps stays
    numbers underneath, so a click on its heading sorts 9,000 below 12,000; Streamlit writes "None" in an empty
    cell whatever the format says, so a column with gaps is shown as its text."""
    formats = explore.cell_formats(frame)
    shown = frame.copy()
    if "url" in shown:
        shown["url"] = shown["url"].astype(object).where(shown["url"].notna(), "")
    gaps = [column for column in shown.columns if shown[column].isna().any()]
    for column in gaps:  # Streamlit writes "None" in any empty cell: such a column is shown as its text
        written = formats.get(column, "{}")
        shown[column] = [NOTHING if pd.isna(value) else written.format(value) for value in shown[column]]

    def heading(column: str):
        words = explore.heading_words(column)
        if column == "url":
            return st.column_config.LinkColumn(words)
        if column in gaps and column in formats:  # numbers written as text: still on the right
            return st.column_config.TextColumn(words, alignment="right")
        return words
    numeric = {column: text for column, text in formats.items() if column not in gaps}
    st.dataframe(shown.style.format(numeric), hide_index=True,
                 column_config={column: heading(column) for column in shown.columns}, **layout)


def column_step(plan: guess.ColumnPlan, labels: dict[str, str], *, title: str, file_name: str, what: str,
                kind: str, note: str = "", preferred: dict[str, str] | None = None) -> ColumnMap:
    """One select box per field, preset to the heading read for it (or a best guess): the picks that differ.

    The boxes' keys hold a fingerprint of the file's headings, so the picks survive other files coming and going
    and a new copy of the same sheet, and start afresh only when a file with other headings replaces it; the app
    then says so if picks were made for the old one. ``kind``: "accounts" or "relationships" (the map's files),
    "earlier" or "trend" (other accounts files, preset to the map's picks, ``preferred``, where they fit).
    """
    fingerprint = hashlib.sha256("\0".join(plan.headings).encode()).hexdigest()[:12]
    before = st.session_state.get(f"headings_{kind}")
    if before not in (None, fingerprint) and st.session_state.get(f"picked_{kind}") and preferred is None:
        st.info(f"The new {kind} file has other headings than the one your column choices were made for, so they "
                "are read afresh: check them below.", icon=":material/restart_alt:")
    st.session_state[f"headings_{kind}"] = fingerprint
    key = f"{kind}_column_{{field}}_{fingerprint}"
    with st.expander(title, expanded=bool(plan.missing), icon=":material/table_view:"):
        if plan.missing:
            st.warning(f"No heading of *{plain(file_name)}* says which column holds {what} "
                       f"{' and '.join(plan.missing)}, so socialmap has made a best guess: check it below.")
        picks, grid = {}, st.columns(3)
        saved, absent = st.session_state.get("saved_columns", {}).get(kind, {}), []
        if preferred is not None:  # another accounts file: the map's picks where it has those headings
            saved = {field: heading for field, heading in preferred.items() if heading in plan.headings}
        for number, (field, label) in enumerate(labels.items()):
            headings = plan.options(field)
            preset = plan.preset(field)
            if field in saved:  # a settings file's pick, where this file has that heading
                wanted = saved[field] or NOT_IN_FILE
                preset = wanted if wanted in headings else preset
                if wanted not in headings:
                    absent.append(f"{label}: {saved[field]}")
            picks[field] = grid[number % 3].selectbox(label, headings, index=headings.index(preset),
                                                      key=key.format(field=field))
        if absent:
            st.warning(f"The settings loaded name columns *{plain(file_name)}* does not have, so they are read "
                       f"afresh: {plain('; '.join(absent))}.", icon=":material/warning:")
        for words in (plan.note, note):
            if words:
                st.caption(words)
    st.session_state[f"picked_{kind}"] = bool(plan.overrides(picks))
    return plan.overrides(picks)


def plain(text: object) -> str:
    """Text from a file (a file name, a label, a heading) escaped so that Streamlit's Markdown shows it as typed:
    no link, image, emphasis, icon or colour can be written into the app's messages by naming a file."""
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", str(text))


def show_problems(issues, heading: str) -> None:
    st.error(plain(heading), icon=":material/error:")
    table(explore.problem_rows(issues), width="stretch")  # file, row, column, problem, severity


def columns_like_the_map(file: InputFile, current: Current, *, kind: str, also: int = 0) -> ColumnMap:
    """The column picks for another accounts file (an earlier snapshot, a trend file): the map's when its headings
    are the map file's, else its own column step, preset to the map's picks where it has those headings."""
    plan = columns_of(file, current.options.max_bytes)
    if not plan.headings or plan.headings == current.headings:
        return current.analysis_options.account_columns
    more = f" (and {also:,} more with its headings)" if also else ""
    return column_step(plan, guess.FIELD_LABELS, title=f"Which column is which in {plain(file.name)}{more}?",
                       file_name=file.name, what="each account's", kind=kind,
                       preferred=dict(current.analysis_options.account_columns),
                       note="Its headings differ from the map's file, so it has its own column choices.")


@dataclass(frozen=True)
class Current:
    """The map on show: its files, analysis, options, areas and choices, the stem of download names, and the
    headings of its accounts file (other accounts files with the same headings take its column picks)."""

    inputs: explore.Inputs
    analysis: Analysis
    analysis_options: MapOptions
    options: MapOptions
    areas: object  # the areas table, or None
    offered: dict
    stem: str
    headings: tuple[str, ...] = ()


POSTER_LABELS = {"svg": "Download SVG poster", "pdf": "Download PDF poster", "pptx": "Download slides (PowerPoint)"}
POSTER_TYPES = {"svg": "image/svg+xml", "pdf": "application/pdf",
                "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def poster_downloads(result, stem: str, suffix: str) -> None:
    """An A3 SVG and PDF poster and three slides of a map or change map, each made only when clicked."""
    for fmt, label in POSTER_LABELS.items():
        st.download_button(label, partial(map_file, fmt, result.payload, result.text), f"{stem}{suffix}.{fmt}",
                           POSTER_TYPES[fmt], key=f"get{suffix}_{fmt}", on_click="ignore")


def show_map(current: Current, result, figures: bool = True) -> None:
    """The map, its downloads and warnings, then (unless ``figures`` is false: see firstview.py) the reach
    panel: figures, tables by group, top accounts."""
    stem, areas = current.stem, current.areas
    if result.reach.accounts == 0:
        st.warning("No account matches these filters: clear some of them in the sidebar.", icon=":material/filter_alt:")
    with st.container(key="map_frame"):  # as tall as the window leaves, by main.py's style
        st.iframe(result.html, height=MAP_HEIGHT)

    panel = reach_panel(result, current.inputs.digest, explore.reach_key(current.options))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button("Download the map (HTML)", result.html, f"{stem}.html", "text/html", key="get_html",
                           type="primary", icon=":material/download:", on_click="ignore")
        poster_downloads(result, stem, "")
        st.download_button("Figures per account (CSV)", partial(table_csv, result.metrics), f"{stem}-figures.csv",
                           "text/csv", key="get_metrics", on_click="ignore")  # a callable: made when clicked
        st.download_button("Reach tables (CSV)", partial(explore.reach_csv, panel), f"{stem}-reach.csv", "text/csv",
                           key="get_reach", on_click="ignore")
        st.caption("The map is one HTML file: it opens offline, from disk or an email, and shows what is above.")
    warnings = [issue for issue in result.issues if not issue.is_error]
    if warnings:
        with st.expander(f"{len(warnings):,} warning{'s' if len(warnings) != 1 else ''} while reading the files "
                         "(the map was still made)"):
            table(explore.problem_rows(warnings), width="stretch")
    if not figures:
        return
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.subheader("Reach")
        with st.popover("What do these figures mean?", icon=":material/help:"):
            st.markdown(GLOSSARY)
    figures = explore.headline(result)
    for box, (label, value, explain) in zip(st.columns(len(figures)), figures):
        box.metric(label, value, help=explain, border=True)
    st.caption(" ".join([explore.CAVEAT, *explore.reach_notes(result.reach)]))
    if result.shape is not None:  # the whole network's shape, and the gaps between its communities
        st.markdown(plain(result.shape.described()))
    if result.gaps:
        st.markdown("**Gaps between communities, and who bridges them**\n\n"
                    + "\n".join(f"- {plain(gap.sentence())}." for gap in result.gaps))
    tabs = st.tabs([*(explore.PANEL_LABELS[column] for column in panel), "Top accounts"])
    for tab, (column, label) in zip(tabs, ((column, explore.PANEL_LABELS[column]) for column in panel)):
        with tab:
            chart, numbers = st.columns([2, 3])
            if panel[column]["potential_reach"].notna().any():  # no chart of unknowns: the table says "unknown"
                chart.bar_chart(panel[column].head(15), x=column, y="potential_reach", horizontal=True, height=420,
                                sort="-potential_reach", x_label=label, y_label="Potential reach (followers)")
            with numbers:
                table(panel[column], height=420)
            if column == "area" and areas is not None and not (audience := result.audience()).empty:
                st.markdown("**Unique audience, as a range**: at least the largest account's followers; at most "
                            "the sum of followers or the population, whichever is smaller.")
                table(audience)
    with tabs[-1]:
        by = st.radio("Largest by", list(explore.TOP_BY), format_func=explore.TOP_BY.get, horizontal=True, key="top_by",
                      bind="query-params")
        table(explore.top_accounts(result.metrics, by))


def show_change(current: Current, earlier: explore.Inputs, later: explore.Inputs, growth: str) -> None:
    """The change map from an earlier snapshot to a later one, its headline, its tables and their downloads."""
    analysis_options, options, areas, stem = current.analysis_options, current.options, current.areas, current.stem
    earlier_options = replace(analysis_options, account_columns=columns_like_the_map(earlier.accounts, current,
                                                                                     kind="earlier"))
    working = Working(earlier)
    old, _ = analysed(earlier, earlier.digest, earlier_options, working)
    working.done()
    new = current.analysis
    if later is not current.inputs:  # the sample's later copy
        working = Working(later)
        new = analysed(later, later.digest, analysis_options, working)[0]
        working.done()
    for problem in (old, new):
        if isinstance(problem, SocialMapError):
            show_problems(problem.issues, explore.problem_summary(problem.issues))
            return
    later_files = later.digest + ("" if areas is None else "+areas")
    layout = laid_out(new, areas, later_files, analysis_options,
                      explore.layout_key(overtime.change_map_options(options), new.graph))[1]
    change = changed(old, new, layout, earlier.digest + later_files, overtime.change_options(options, growth=growth))
    if isinstance(change, SocialMapError):
        show_problems(change.issues, "The change map cannot be drawn: " + explore.problem_summary(change.issues))
        return
    summary = change.comparison.summary
    st.markdown(f"**{plain(summary.old_label)} \u2192 {plain(summary.new_label)}:** {summary.headline()}")
    with st.container(key="map_frame"):  # as tall as the window leaves, like the map (one view is drawn at a time)
        st.iframe(change.html, height=MAP_HEIGHT)
    for box, (label, value, delta) in zip(st.columns(4), overtime.change_headline(summary)):
        box.metric(label, value, delta, border=True)
    st.caption(" ".join(summary.sentences()))
    tabs = st.tabs([*explore.GROUPINGS.values(), "Accounts", "Mentions"])
    for tab, column in zip(tabs, explore.GROUPINGS):
        with tab:
            table(change.comparison.by(column), width="stretch")
    with tabs[-2]:
        table(overtime.account_rows(change.comparison), width="stretch", height=420)
    with tabs[-1]:
        mentions = show_mentions(old, new, change.comparison.summary, current.offered["accounts"])
    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button("Download the change map (HTML)", change.html, f"{stem}-change.html", "text/html",
                           key="get_change_html", type="primary", icon=":material/download:", on_click="ignore")
        poster_downloads(change, stem, "-change")
        for suffix, label, frame in overtime.change_downloads(change.comparison, mentions):
            st.download_button(label, partial(table_csv, frame), f"{stem}-change{suffix}.csv", "text/csv",
                               key=f"get_change{suffix}", on_click="ignore")


def show_mentions(old, new, summary, accounts: dict[str, str]):
    """Dated mentions of the accounts picked (default: the three most mentioned), per snapshot or month."""
    picked = st.multiselect("Count the mentions of", list(accounts), format_func=accounts.get,
                            key="mentions_of", placeholder="The three most mentioned")
    per = st.radio("Per", ["snapshot", "month"], horizontal=True, key="mentions_per",
                   format_func={"snapshot": "Snapshot file", "month": "Calendar month"}.get)
    mentions = overtime.mentions_of(old, new, summary, tuple(picked), per)
    if mentions.empty:
        st.caption("No dated mentions: a relationships file with type mentions and a date column counts them.")
    else:
        table(mentions, width="stretch")
    return mentions


def trend_height(page: str) -> int:
    """Pixels the trend page needs in the app's main column on a 1366-wide screen (about 900 wide), where its
    charts sit one above the other: measured on the sample (9 charts, 67 table rows: 3,385 px at 906 wide).
    Streamlit cannot measure it: the page's content security policy lets no script of Streamlit's in."""
    return 700 + 260 * page.count("<svg") + 5 * page.count("<tr")


def show_trend(files: list[InputFile], dates: str, options: MapOptions, stem: str,
               current: Current | None = None) -> None:
    """Accounts, potential reach and weekly OTV per snapshot, as the trend page's charts and a table; files whose
    headings differ from the map's get a column step per set of headings."""
    digest = explore.Inputs(*files[:1]).digest + "".join(explore.Inputs(file).digest for file in files[1:])
    columns = None
    if current is not None:
        headings = [columns_of(file, options.max_bytes).headings for file in files]
        picks: dict[tuple[str, ...], ColumnMap] = {}
        for file, heads in zip(files, headings):  # one step per set of headings, named after its first file
            if heads not in picks:
                picks[heads] = columns_like_the_map(file, current, kind="trend", also=headings.count(heads) - 1)
        columns = tuple(picks[heads] for heads in headings)
    trend = trended(files, digest, dates, options, columns)
    if isinstance(trend, SocialMapError):
        show_problems(trend.issues, f"The trend cannot be drawn: {len(trend.issues):,} problem"
                                    f"{'s' if len(trend.issues) != 1 else ''} in the snapshots.")
        return
    frame, page = trend
    overall = frame[frame["kind"] == "overall"]
    st.markdown(f"**{overtime.trend_headline(frame)}.** Potential reach is a sum of followers: {UPPER_BOUND}. "
                f"Weekly OTV sums followers x posts a week: {POSSIBLE_IMPRESSIONS}.")
    st.iframe(page, height=trend_height(page))  # as tall as its charts at a laptop's width: no frame cuts them
    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button("Download the trend (HTML)", page, f"{stem}-trend.html", "text/html", key="get_trend_html",
                           type="primary", icon=":material/download:", on_click="ignore")
        for fmt, label in POSTER_LABELS.items():
            st.download_button(label, partial(trend_file, fmt, frame, title=f"Trend: {options.title}"),
                               f"{stem}-trend.{fmt}", POSTER_TYPES[fmt], key=f"get_trend_{fmt}", on_click="ignore")
        st.download_button("Trend table (CSV)", partial(table_csv, frame), f"{stem}-trend.csv", "text/csv",
                           key="get_trend_csv", on_click="ignore")
    table(overtime.trend_rows(overall))


def settings_controls(columns: dict[str, ColumnMap]) -> None:
    """Save settings (the view and the column picks, as a small JSON file) and Load settings, with what happened."""
    view = {key: st.session_state[key] for key in VIEW_SETTINGS if key in st.session_state}
    st.download_button("Save settings", settings_json(view, {kind: dict(pairs) for kind, pairs in columns.items()}),
                       "socialmap-settings.json", "application/json", key="save_settings", on_click="ignore",
                       icon=":material/save:", help="The layout, colours, sizes, filters and your column choices, "
                                                   "for next month's upload: load it with Load settings.")
    st.file_uploader("Load settings", ["json"], key="settings_file", on_change=_load_settings,
                     help="A file saved with Save settings. Upload your files too: the settings apply to them.")
    said = st.session_state.get("settings_said")
    if said:
        (st.error if said[0] == "error" else st.success)(plain(said[1]))


def _load_settings() -> None:
    """The uploaded settings file's values, put into the widgets before the next run draws them; or, for a bad
    or foreign file, a message and nothing changed."""
    upload = st.session_state.get("settings_file")
    if upload is None:
        st.session_state.pop("settings_said", None)
        return
    try:
        settings = read_settings(upload.getvalue())
    except SettingsError as problem:
        st.session_state["settings_said"] = ("error", f"{upload.name}: {problem} Nothing was changed.")
        return
    for key, value in settings.view.items():
        st.session_state[key] = list(value) if isinstance(value, list) else value
    st.session_state["saved_columns"] = settings.columns
    for key in [key for key in st.session_state if key.startswith(("accounts_column_", "relationships_column_"))]:
        del st.session_state[key]  # the column steps start again from the picks loaded
    st.session_state["keep_filters"] = True  # the next accounts file uploaded keeps these filters
    st.session_state["settings_said"] = ("success", f"Settings loaded from {upload.name}.")
