"""socialmap in the browser: upload a spreadsheet, explore the map, download it.

Widgets -> MapOptions -> the pipeline's stages, each cached on the files and the options it reads (colour, size
and filters never recompute communities or layout) -> the page the CLI writes. The cached stages and the map, change
and trend views are in views.py; what they compute is in socialmap/explore.py and socialmap/overtime.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from socialmap.app import firstview, history  # issue 19: the snapshot history
from socialmap.app.help import TEMPLATE_NAME, accounts_template
from socialmap.app.views import (
    Current, Working, analysed, area_table, column_step, columns_of, laid_out, plain, presented, settings_controls, show_change,
    show_map, show_problems, show_trend, still_valid,
)
from socialmap import InputFile, MapOptions, SocialMapError, explore
from socialmap.inputs import guess
from socialmap.inputs.columns import ColumnMap

SAMPLE = Path(__file__).resolve().parent.parent / "sample"
SNAPSHOTS = SAMPLE / "snapshots"  # invented monthly copies of the sample, August to November 2026
SAMPLE_TITLE = "Derby and Derbyshire social media map (invented sample)"
UPLOAD_TITLE = "Social media map"
SAMPLE_REGION = "Derby and Derbyshire"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx"]
LIMIT_MB = int(st.get_option("server.maxUploadSize"))
FILTERS = {"platform": "Platforms", "area": "Areas", "category": "Categories"}
UNFILTERED = {"focus": None, "steps": 1, "platform": [], "area": [], "category": [], "min_followers": 0}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
URL = "query-params"  # a widget bound to the page's address: a reload or a bookmark brings its value back

st.set_page_config(page_title="socialmap", layout="wide")  # no page_icon: Material icons are fetched from Google
# Room on a laptop: less empty space above the page, and the map as tall as the window leaves (views.MAP_FRAME).
st.html("<style>.stMainBlockContainer {padding-top: 2.75rem !important; padding-bottom: 2rem !important}"
        "[data-testid=stSidebarHeader] {height: 2.5rem !important; margin-bottom: 0 !important}"
        ".st-key-map_frame, .st-key-map_frame > div {height: auto !important; flex: 0 0 auto !important}"
        ".st-key-map_frame iframe {height: max(480px, calc(100vh - 7rem)) !important}</style>")


# --- sidebar: the files, folded away once an accounts file is loaded, so the map's controls are in view ----

side = st.sidebar
side.title("socialmap")
side.caption("A spreadsheet of social media accounts in, one offline map out. Nothing you upload leaves this machine.")
loaded = [upload.name for key in ("accounts", "relationships") if (upload := st.session_state.get(key)) is not None]
with side.expander("Your data: " + " + ".join(map(plain, loaded)) if loaded else "Your data: upload a spreadsheet",
                   expanded=not loaded, icon=":material/upload_file:"):
    accounts_up = st.file_uploader("Accounts: one row per account", FILE_TYPES, key="accounts", help=(
        f"CSV (any encoding; comma, semicolon or tab separated) or Excel .xlsx, up to {LIMIT_MB} MB. "
        "Columns such as id or handle, name, platform, area, category, followers."))
    relationships_up = st.file_uploader("Relationships: who follows or mentions whom (optional)", FILE_TYPES,
                                        key="relationships", help="Columns source and target (or from and to).")
    st.download_button("Download a blank accounts template (.xlsx)", accounts_template, TEMPLATE_NAME, XLSX,
                       key="get_template", on_click="ignore", icon=":material/download:", type="tertiary",
                       help="The columns socialmap reads, a worked example row, notes on each column, and an example "
                            "of a channel list (one row per organisation, a column per platform).")
map_box, filter_box = side.container(), side.container()
with side.expander("Areas file (optional)", icon=":material/location_on:"):
    areas_up = st.file_uploader("Areas: place and population", FILE_TYPES, key="areas",
                                help="Columns area, lat, lon, population: for the Places layout and audience ranges.")
with side.expander("Earlier snapshot: what changed (optional)", icon=":material/compare_arrows:"):
    earlier_up = st.file_uploader("Earlier accounts file", FILE_TYPES, key="earlier_accounts",
                                  help="The same spreadsheet saved at an earlier date: accounts are matched by id.")
    earlier_links_up = st.file_uploader("Its relationships (optional)", FILE_TYPES, key="earlier_relationships")
    sample_change = accounts_up is None and earlier_up is None and st.checkbox(
        "Compare the sample's August and November copies", key="sample_change", bind=URL)
    growth = st.radio("Size accounts in both by", ["absolute", "percent"], horizontal=True, key="growth", bind=URL,
                      format_func={"absolute": "Followers gained", "percent": "% change"}.get)
with side.expander("Trend over many snapshots (optional)", icon=":material/show_chart:"):
    trend_ups = st.file_uploader("Accounts files, one per date", FILE_TYPES, accept_multiple_files=True,
                                 key="trend_files", help="Each dated by its name (accounts-2026-10.csv) or below.")
    trend_dates = st.text_input("Their dates, in upload order (optional)", key="trend_dates",
                                placeholder="2026-08-31, 2026-09-30")
    sample_trend = not trend_ups and st.checkbox("Show the sample's four monthly copies", key="sample_trend",
                                                 bind=URL)
history_box, settings_box = side.container(), side.container()
with side.expander("Advanced"):
    seed = st.number_input("Seed (same seed, same map)", min_value=0, value=42, step=1, key="seed", bind=URL)
    resolution = st.slider("Community resolution (higher: more, smaller communities)", 0.1, 5.0, 1.0, 0.1,
                           key="resolution", bind=URL)
    groups = st.number_input("About how many groups? (0: let the resolution decide)", 0, 200, 0, key="groups",
                             bind=URL, help="Asks for about this many communities of 3 or more accounts (Leiden "
                                            "method, resolution fitted); the slider above is then not used.")
    min_size = st.number_input("Smallest community (smaller ones are grouped as Other)", 1, 50, 3, key="min_size",
                               bind=URL)
    strict = st.checkbox("Stop on warnings (strict)", key="strict", bind=URL)

sample = accounts_up is None
if sample:
    inputs = explore.Inputs.from_folder(SAMPLE)
    st.caption(":material/info: This is an **invented sample** of Derby and Derbyshire. To map your own accounts, "
               "upload a spreadsheet under *Your data* in the sidebar (one row per account; column names are "
               "matched for you).")
    if relationships_up or areas_up:
        st.warning("Add an accounts file too: until then the map shows the sample.")
else:
    inputs = explore.Inputs.from_uploads(accounts_up, relationships_up, areas_up)
accounts_shown = explore.Inputs(inputs.accounts).digest  # a relationships or areas file added or removed keeps filters
changed_files = st.session_state.get("files_shown", accounts_shown) != accounts_shown  # a first run keeps the URL's
if changed_files and not st.session_state.get("keep_filters"):  # other accounts: all of them, not the old filters
    st.session_state.update(UNFILTERED)
    for key in ("region", "dates"):
        st.session_state.pop(key, None)
st.session_state["files_shown"] = accounts_shown
if not sample:
    st.session_state["keep_filters"] = False  # settings loaded apply to the next accounts file, not to every one
max_bytes = LIMIT_MB * 2**20

# --- the column-mapping step, when no heading says which column holds a required field ---------------

account_columns = relationship_columns = ColumnMap()
plan = None if sample else columns_of(inputs.accounts, max_bytes)
if plan is not None and plan.headings:  # picks are kept for as long as the file's headings stay the same
    account_columns = column_step(
        plan, guess.FIELD_LABELS, title="Which column is which?", file_name=inputs.accounts.name,
        what="each account's", kind="accounts",
        note="Other columns are kept: they show when you hover over an account, and can colour or size the map.")
links_plan = None if sample or inputs.relationships is None else columns_of(inputs.relationships, max_bytes, True)
if links_plan is not None and links_plan.headings:
    relationship_columns = column_step(
        links_plan, guess.RELATIONSHIP_LABELS, title="Which relationships column is which?",
        file_name=inputs.relationships.name, what="each link's", kind="relationships")

base = MapOptions(seed=int(seed), strict=strict, resolution=float(resolution), min_community_size=int(min_size),
                  communities=int(groups) or None,
                  max_bytes=max_bytes, account_columns=account_columns, relationship_columns=relationship_columns)
saved = history.panel(history_box, None if sample else inputs, base)
analysis_options = explore.analysis_key(base)
working = Working(inputs)  # a progress bar by stage in the main area, while the caches do not answer
analysis, offered = analysed(inputs, inputs.digest, analysis_options, working)
if isinstance(analysis, SocialMapError):
    working.done()
    show_problems(analysis.issues, explore.problem_summary(analysis.issues))
    st.stop()
areas = area_table(inputs, inputs.digest)
if isinstance(areas, SocialMapError):
    show_problems(areas.issues, "The areas file has problems, so it is left out: it needs columns area, lat, lon "
                                "and population.")
    areas = None

# --- sidebar: how the map looks, and what it shows ---------------------------------------------------

with map_box:  # layout, colour, size and find first: in view on a laptop without scrolling
    st.subheader("Map")
    layout = st.selectbox("Layout", list(explore.LAYOUT_LABELS), format_func=explore.LAYOUT_LABELS.get, key="layout",
                          bind=URL, help=explore.LAYOUT_HELP)
    default_title = SAMPLE_TITLE if sample else UPLOAD_TITLE  # a blank title is the default, kept out of the address
    branch, region = "platform", None
    if layout == "mindmap":
        still_valid("branch", offered["branch"], "platform")
        branch = st.radio("Branch on", offered["branch"], horizontal=True, key="branch", bind=URL,
                          format_func=str.capitalize)
        centre = SAMPLE_REGION if sample else (st.session_state.get("title") or default_title)
        region = st.text_input("Centre", key="region", bind=URL, max_chars=80, placeholder=centre,
                               help="The region named at the middle of the mind map (blank: the title).").strip() \
            or (SAMPLE_REGION if sample else None)
    still_valid("colour", offered["colour"], "auto")
    colour = st.selectbox("Colour by", offered["colour"], format_func=explore.choice_label, key="colour", bind=URL,
                          help="Automatic: community when there are links, else category, platform or area.")
    still_valid("size", offered["size"], "followers")
    size = st.selectbox("Size by", offered["size"], format_func=explore.choice_label, key="size", bind=URL)
    labels = offered["accounts"]
    still_valid("focus", labels)
    focus = st.selectbox("Find an account", list(labels), index=None, format_func=labels.get, key="focus", bind=URL,
                         placeholder="Type a name or handle",
                         help="Shows the account and those linked to it; clear it to see everyone again.")
    steps = st.radio("Links out from it", [1, 2], horizontal=True, key="steps", bind=URL, disabled=focus is None)
    aggregate = st.radio("Show", list(explore.AGGREGATE_LABELS), format_func=explore.AGGREGATE_LABELS.get,
                         key="aggregate", bind=URL)
    title = st.text_input("Title", key="title", bind=URL, max_chars=200, placeholder=default_title).strip() \
        or default_title

with filter_box:
    st.subheader("Filter")
    picked = {}
    for column, label in FILTERS.items():
        still_valid(column, offered[column])
        picked[column] = st.multiselect(label, offered[column], key=column, placeholder="All", bind=URL)
    least = st.number_input("At least this many followers", min_value=0, step=100, key="min_followers", bind=URL)
    span = explore.date_span(analysis)
    picked_dates = st.date_input(
        "Dated links (mentions) between", value=span, min_value=span[0], max_value=span[1], key="dates", bind=URL,
        format="DD/MM/YYYY", help="Relationships dated outside these days are left out, and the communities and "
                                  "figures follow; undated ones (follows) always stay.") if span else ()

date_from, date_to = explore.within_span(picked_dates, span)
if date_from is not None:  # the map of these days: its own analysis, cached like the whole file's
    analysis_options = replace(analysis_options, mentions_from=date_from, mentions_to=date_to)
    analysis, _ = analysed(inputs, inputs.digest, analysis_options, working)
    if isinstance(analysis, SocialMapError):
        working.done()
        show_problems(analysis.issues, explore.problem_summary(analysis.issues))
        st.stop()

options = replace(
    base, title=title, layout=layout, branch=branch, region=region, colour_by=colour, size_by=size, aggregate=aggregate,
    only_platforms=tuple(picked["platform"]), only_areas=tuple(picked["area"]),
    only_categories=tuple(picked["category"]), min_followers=float(least) if least else None,
    focus=focus, focus_steps=int(steps) if focus else 1, mentions_from=date_from, mentions_to=date_to)
files = inputs.digest + ("" if areas is None else "+areas")
arranged = laid_out(analysis, areas, files, analysis_options, explore.layout_key(options, analysis.graph), working)
result = presented(analysis, arranged, areas, files, options, working)
working.done()
if isinstance(result, SocialMapError):  # e.g. colour by a column left blank in every account shown
    show_problems(result.issues, "The map cannot be drawn with these settings: change the colour, size or "
                                 "filters in the sidebar.")
    st.stop()
with settings_box:
    settings_controls({"accounts": account_columns, "relationships": relationship_columns})
hidden_note = explore.focus_note(analysis, options)
if hidden_note:
    st.info(hidden_note)

# --- the page: the map and its reach, or the change, or the trend (only the one chosen is drawn) -----

def sample_snapshot(month: str) -> explore.Inputs:
    return explore.Inputs(*(InputFile(f"{kind}-{month}.csv", (SNAPSHOTS / f"{kind}-{month}.csv").read_bytes())
                            for kind in ("accounts", "relationships")))


earlier = (explore.Inputs.from_uploads(earlier_up, earlier_links_up) if earlier_up is not None
           else sample_snapshot("2026-08") if sample_change else None)
trend_files = ([InputFile(upload.name, upload.getvalue()) for upload in trend_ups] if trend_ups
               else [InputFile(path.name, path.read_bytes()) for path in sorted(SNAPSHOTS.glob("accounts-*.csv"))]
               if sample_trend else [])
stem = explore.file_stem(title)
views = ["Map", *(["What changed"] if earlier else []), *(["Trend"] if trend_files else []), *saved.views]
still_valid("view", views, "Map")  # only the chosen view is drawn: a map drawn in a hidden tab has no size
shown = (st.radio("Show", views, horizontal=True, key="view", bind=URL, label_visibility="collapsed")
         if len(views) > 1 else "Map")

current = Current(inputs, analysis, analysis_options, options, areas, offered, stem,
                  (plan or columns_of(inputs.accounts, max_bytes)).headings)
if shown == "Map":  # a session's first map is sent alone, its figures once the browser has drawn it
    drawn = firstview.map_drawn()
    show_map(current, result, figures=drawn)
    if not drawn:
        firstview.tell_when_drawn()
elif shown in saved.views:
    saved.show(shown, current, growth)
elif shown == "What changed":  # the sample's change is from its August copy to its November one (dated mentions)
    show_change(current, earlier, sample_snapshot("2026-11") if sample_change else inputs, growth)
else:
    show_trend(trend_files, trend_dates if trend_ups else "", replace(explore.analysis_key(base), title=title), stem,
               current)
