"""What the app shows, as plain functions: the pipeline's stages keyed for caching,
the column-mapping step, the choices of its controls and the reach panel's tables.

The app (app.py) caches each stage on the files and on just the options that
stage depends on, so changing colour, size or a filter never recomputes the
communities or the layout. Composed, the stages give exactly the
:class:`~socialmap.pipeline.MapResult` (and the same HTML, byte for byte)
that :func:`~socialmap.pipeline.build_map` gives for the same files and
options. Nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import networkx as nx
import pandas as pd

from .areas import read_areas
from .channels import colour_choices, size_choices
from .errors import Issue, SocialMapError
from .inputs.files import InputFile
from .export import table_csv
from .metrics import (
    OUTCOME_CAVEAT, REACH_CAVEAT, UNKNOWN_REACH, ReachSummary, reach_by, reach_file, reach_groupings,
    unknown_followers_sentence,
)
from .options import BRANCHES, MapOptions
from .words import count_of
from .pipeline import Analysis, MapResult, analyse, arrange_view, load_tables, present
from .inputs.toolcells import values_of
from .inputs.values import id_key

__all__ = [
    "Inputs", "analysis_key", "layout_key", "reach_key", "date_span", "within_span", "attempt", "analyse_inputs", "read_area_table", "arrange_view",
    "present", "choices", "colour_options", "size_options", "filter_values", "account_labels", "focus_note", "choice_label",
    "LAYOUT_LABELS", "LAYOUT_HELP", "AGGREGATE_LABELS", "compact", "headline", "reach_notes", "CAVEAT",
    "GROUPINGS", "PANEL_LABELS", "reach_panel", "reach_csv", "top_accounts", "TOP_BY", "HEADINGS", "COUNT_COLUMNS",
    "problem_rows", "problem_summary", "file_stem",
]

CAVEAT = f"{REACH_CAVEAT} {OUTCOME_CAVEAT}"


# --- the files ----------------------------------------------------------------

@dataclass(frozen=True)
class Inputs:
    """The files a map is made from: accounts, and optionally relationships and areas."""

    accounts: InputFile
    relationships: InputFile | None = None
    areas: InputFile | None = None

    @classmethod
    def from_folder(cls, folder: Path) -> Inputs:
        """The files of a folder laid out like socialmap/sample/ (accounts.csv, relationships.csv, areas.csv)."""
        folder = Path(folder)

        def read(name: str) -> InputFile | None:
            path = folder / name
            return InputFile(name, path.read_bytes()) if path.is_file() else None

        return cls(read("accounts.csv"), read("relationships.csv"), read("areas.csv"))

    @classmethod
    def from_uploads(cls, accounts, relationships=None, areas=None) -> Inputs:
        """From uploaded files: anything with ``.name`` and ``.getvalue()`` (a streamlit UploadedFile), or None."""
        def read(upload) -> InputFile | None:
            return None if upload is None else InputFile(upload.name, upload.getvalue())

        return cls(read(accounts), read(relationships), read(areas))

    @cached_property
    def digest(self) -> str:
        """A short fingerprint of the names and contents: the cache key of everything made from them."""
        hasher = hashlib.sha256()
        for file in (self.accounts, self.relationships, self.areas):
            hasher.update(b"-" if file is None else f"{file.name}\0{len(file.data)}\0".encode() + file.data)
        return hasher.hexdigest()[:16]


# --- the stages, each keyed by the options it depends on -------------------------

def analysis_key(options: MapOptions) -> MapOptions:
    """The options the graph, communities and figures depend on (the rest left at their defaults)."""
    return MapOptions(seed=options.seed, strict=options.strict, resolution=options.resolution,
                      min_community_size=options.min_community_size, max_bytes=options.max_bytes,
                      account_columns=options.account_columns, relationship_columns=options.relationship_columns,
                      mentions_from=options.mentions_from,
                      mentions_to=options.mentions_to, communities=options.communities, method=options.method,
                      visibility=options.visibility)


def date_span(analysis: Analysis) -> tuple[dt.date, dt.date] | None:
    """The first and last date of the dated relationships (mentions), or None when none is dated."""
    relationships = analysis.tables.relationships
    if relationships is None or "date" not in relationships or not relationships["date"].notna().any():
        return None
    dates = relationships["date"].dropna()
    return dates.min().date(), dates.max().date()


def within_span(picked, span: tuple[dt.date, dt.date] | None) -> tuple[dt.date | None, dt.date | None]:
    """The (from, to) a date-range widget asks for, or (None, None) while it is the whole span or half-picked."""
    if span is None or len(picked) != 2 or tuple(picked) == span:
        return None, None
    return picked[0], picked[1]


def layout_key(options: MapOptions, graph: nx.DiGraph | None = None) -> MapOptions:
    """The options the positions depend on: layout, its branch and centre, overview, seed.

    Under "auto", a ``graph`` without links is boxed by its colours, so there the colour counts too.

    An overview (``aggregate``) is made of the shown accounts only, so there
    the filters count too; an account view is laid out whole and filtered
    after, so there they do not.
    """
    layout = options.layout
    if layout == "auto" and graph is not None and graph.number_of_edges():
        layout = "force"  # what auto is with links: the same positions whatever the colour
    mindmap = layout == "mindmap"
    key = MapOptions(seed=options.seed, layout=layout, aggregate=options.aggregate,
                     branch=options.branch if mindmap else MapOptions.branch,
                     region=(options.region or options.title) if mindmap else None,
                     colour_by=options.colour_by if layout == "auto" else MapOptions.colour_by)
    if options.aggregate is not None:
        key = replace(key, only_platforms=options.only_platforms, only_areas=options.only_areas,
                      only_categories=options.only_categories, min_followers=options.min_followers,
                      focus=options.focus, focus_steps=options.focus_steps)
    return key


def analyse_inputs(inputs: Inputs, options: MapOptions, progress=None) -> Analysis:
    """Read, check and analyse the files (the costly stage); raises SocialMapError for bad input.

    Whatever a file holds, the caller gets a SocialMapError, never another
    exception: an upload can be anything.
    """
    try:
        tables = load_tables(inputs.accounts, inputs.relationships, options=options,
                             **({"progress": progress} if progress else {}))
    except SocialMapError:
        raise
    except Exception as error:  # noqa: BLE001 - an upload can be anything; report it, never crash
        raise SocialMapError(
            inputs.accounts.name, None, None, f"could not read the files ({type(error).__name__}: {error})",
            "check that each opens in Excel, then save it as CSV (UTF-8) and upload it again") from error
    return analyse(tables, options=options, **({"progress": progress} if progress else {}))


def read_area_table(inputs: Inputs) -> pd.DataFrame | None:
    """The areas table, if one was given; raises SocialMapError for a bad one."""
    if inputs.areas is None:
        return None
    try:
        return read_areas(inputs.areas)
    except SocialMapError:
        raise
    except Exception as error:  # noqa: BLE001 - as in analyse_inputs
        raise SocialMapError(inputs.areas.name, None, None, f"could not read the areas file ({type(error).__name__})",
                             "save it as CSV with columns area, lat, lon, population") from error


def attempt(stage, *args):
    """``stage(*args)``, or the SocialMapError it raised: a result a cache can keep."""
    try:
        return stage(*args)
    except SocialMapError as error:
        return error


# --- choices for the controls ---------------------------------------------------------

LAYOUT_LABELS = {"auto": "Automatic", "force": "Network", "communities": "A box per community", "mindmap": "Mind map",
                 "geo": "Places"}
LAYOUT_HELP = ("Automatic: the network when there are relationships, else a box per colour. "
               "Network: accounts linked to each other sit together, communities pulled apart. A box per "
               "community: each community in its own box. Mind map: the region, its areas, then platforms or "
               "categories (needs no relationships). Places: accounts round their area's place (from lat and lon "
               "columns, or an areas file).")
AGGREGATE_LABELS = {None: "Every account", "community": "One dot per community", "area": "One dot per area"}
_CHOICE_LABELS = {
    "auto": "Automatic", "community": "Community", "area": "Area",
    "platform": "Platform", "category": "Category", "followers": "Followers",
    "weekly_otv": "Weekly opportunities to view", "pagerank": "PageRank (standing)",
    "degree": "Links in and out", "in_degree": "Links in", "out_degree": "Links out",
    "betweenness": "Betweenness (bridging)",
}


def choice_label(value: str) -> str:
    """Words for a colour or size choice; an extra column keeps its own heading."""
    return _CHOICE_LABELS.get(value, value)


def colour_options(analysis: Analysis) -> list[str]:
    return ["auto", *colour_choices(analysis.graph)]


def size_options(analysis: Analysis) -> list[str]:
    return size_choices(analysis.graph)


def filter_values(analysis: Analysis, column: str) -> list[str]:
    """The values of a text column (platform, area, category), most common first; each of a Kumu list's values."""
    counts = Counter(one for _, data in analysis.graph.nodes(data=True) if data[column]
                     for one in values_of(data[column]))
    return sorted(counts, key=lambda value: (-counts[value], value.casefold()))


def choices(analysis: Analysis) -> dict[str, list[str] | dict[str, str]]:
    """Everything the controls offer for this data: colour, size, accounts, platform, area, category, and the
    mind map's branches (organisation only for a list with a column per platform)."""
    branches = [b for b in BRANCHES if b != "organisation" or "organisation" in reach_groupings(analysis.metrics)]
    return {"colour": colour_options(analysis), "size": size_options(analysis), "accounts": account_labels(analysis),
            **{column: filter_values(analysis, column) for column in ("platform", "area", "category")},
            "branch": branches}


def account_labels(analysis: Analysis) -> dict[str, str]:
    """{id: "Name (id, platform)"} for every account, by name: the choices of the search box.

    A handle on several platforms is one account per platform, each chosen
    as "id (platform)" (what ``MapOptions.focus`` reads).
    """
    labels = {}
    for node, data in analysis.graph.nodes(data=True):
        details = ", ".join(part for part in (data["id"], data["platform"]) if part)
        choice = data["id"] if node == id_key(str(data["id"])) else f"{data['id']} ({data['platform']})"
        labels[choice] = f"{data['name'] or data['id']} ({details})"
    return dict(sorted(labels.items(), key=lambda item: (item[1].casefold(), item[0])))


def focus_note(analysis: Analysis, options: MapOptions) -> str | None:
    """What to say when the account found is one the other filters hide (the map shows it all the same,
    with the linked accounts they keep): which filters, in words; None when it is not hidden."""
    if options.focus is None:
        return None
    from .filters import NoSuchAccount, find_account

    try:
        node = find_account(analysis.graph, options.focus)
    except NoSuchAccount:
        return None
    data = analysis.graph.nodes[node]
    reasons = [f"its {column} ({data[column] or 'none'}) is not among those picked"
               for column, picked in (("platform", options.only_platforms), ("area", options.only_areas),
                                      ("category", options.only_categories))
               if picked and (data[column] or "").casefold() not in {value.casefold() for value in picked}]
    if options.min_followers is not None and (data["followers"] is None or data["followers"] < options.min_followers):
        followers = "unknown" if data["followers"] is None else f"{data['followers']:,.0f}"
        reasons.append(f"its followers ({followers}) are under the minimum")
    if not reasons:
        return None
    return (f"{data['name'] or data['id']} is hidden by the filters: {'; '.join(reasons)}. "
            "It is shown here all the same, with the linked accounts the filters keep.")


# --- the reach panel --------------------------------------------------------------------

GROUPINGS = {"area": "Area", "platform": "Platform", "category": "Category", "community": "Community"}
PANEL_LABELS = {**GROUPINGS, "organisation": "Organisation"}  # the reach panel's tabs
TOP_BY = {"importance": "Most important", "followers": "Followers", "weekly_otv": "Weekly opportunities to view",
          "pagerank": "PageRank (standing)", "betweenness": "Betweenness (bridging)"}
HEADINGS = {
    "area": "Area", "platform": "Platform", "category": "Category", "community": "Community", "accounts": "Accounts",
    "organisation": "Organisation",
    "potential_reach": "Potential reach", "weekly_otv": "Weekly OTV", "unknown_followers": "No follower count",
    "likely_impressions": "Likely impressions (estimate)",
    "top_accounts": "Largest accounts", "population": "Population", "audience_at_least": "Audience at least",
    "audience_at_most": "Audience at most", "name": "Name", "id": "Id", "followers": "Followers",
    "pagerank": "PageRank", "betweenness": "Betweenness", "bridge": "Bridge", "url": "Page", "degree": "Links",
    "file": "File", "row": "Row", "column": "Column", "message": "Problem", "severity": "Severity",
}
HEADINGS.update({  # the change and trend tables
    "by": "Grouped by", "group": "Group", "accounts_old": "Accounts before", "accounts_new": "Accounts after",
    "added": "Added", "removed": "Removed", "kept": "Kept", "grew": "Grew", "same": "Same", "shrank": "Shrank",
    "not_in_growth": "Not compared (a count missing)", "potential_reach_old": "Reach before",
    "potential_reach_new": "Reach after", "followers_change": "Followers gained", "followers_change_pct": "Followers, % change",
    "weekly_otv_old": "Weekly OTV before", "weekly_otv_new": "Weekly OTV after", "weekly_otv_change": "Weekly OTV change",
    "weekly_otv_change_pct": "Weekly OTV, % change", "status": "Status", "growth": "Growth",
    "followers_old": "Followers before", "followers_new": "Followers after", "in_growth": "Compared",
    "account": "Account", "period": "Period", "mentions": "Mentions", "by_accounts": "By accounts",
    "made_by": "Made by", "unknown_followers": "No follower count", "assumed_one_post": "Posting rate assumed",
})
COUNT_COLUMNS = frozenset({"potential_reach", "weekly_otv", "population", "audience_at_least", "audience_at_most",
                           "followers", "likely_impressions"})  # whole numbers shown with thousands separators
_TOP_COLUMNS = ["name", "id", "platform", "area", "category", "community", "followers", "weekly_otv",
                "degree", "pagerank", "betweenness", "bridge", "url"]


def heading_words(column: str) -> str:
    """A table column's heading in words: ours where we have one, else the column with its underscores as spaces
    and a capital (a user's own column, "Team", stays as it is)."""
    if column in HEADINGS:
        return HEADINGS[column]
    return column[:1].upper() + column[1:].replace("_", " ") if "_" in column or column.islower() else column


def cell_formats(frame: pd.DataFrame) -> dict[str, str]:
    """How each numeric column of a table is written: whole numbers with thousands separators, percentages (a
    column named ..._pct or starting with %) with one decimal, other fractions (PageRank) with four."""
    formats = {}
    for column in frame.columns:
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        name = str(column)
        if name.endswith("_pct") or "pct_" in name or "%" in name:
            formats[column] = "{:,.1f}%"
        elif pd.api.types.is_integer_dtype(values) or column in COUNT_COLUMNS or not (
                values.dropna() % 1).any():
            formats[column] = "{:,.0f}"
        else:
            formats[column] = "{:,.4f}"
    return formats


def compact(value: float) -> str:
    """A figure short enough for a headline: ``223``, ``9,876``, ``12.4k``, ``1.67m``, ``2.5bn``."""
    if abs(value) < 10_000:
        return f"{value:,.0f}"
    for size, suffix in ((1e3, "k"), (1e6, "m"), (1e9, "bn")):
        text = f"{value / size:.3g}"
        if "e" not in text and abs(float(text)) < 1000:
            return text + suffix
    return f"{value / 1e9:,.0f}bn"


def headline(result: MapResult) -> list[tuple[str, str, str]]:
    """(label, value, explanation) of each headline figure, for the accounts shown."""
    reach, communities = result.reach, result.community_count()
    label = "Accounts"
    if result.all_accounts is not None and reach.accounts != result.all_accounts:
        label = f"Accounts (of {result.all_accounts:,})"
    return [
        (label, f"{reach.accounts:,}", "Accounts on the map; accounts only named in the relationships file "
                                       "are not counted."),
        ("Platforms", f"{reach.platforms:,}", "Different platforms among these accounts."),
        ("Communities", f"{communities:,}" if communities else "\u2013",
         "Groups of accounts more linked to each other than to the rest (small ones grouped as Other are not "
         "counted)." if communities else "None: communities need links between accounts (a relationships file), "
                                         "and groups smaller than the smallest community size count as Other."),
        ("Potential reach", "unknown" if reach.followers_unknown else compact(reach.potential_reach),
         f"Potential reach is {UNKNOWN_REACH}." if reach.followers_unknown else
         f"{reach.potential_reach:,.0f} followers in all. {REACH_CAVEAT}"),
        ("Weekly OTV", "unknown" if reach.followers_unknown else compact(reach.weekly_otv),
         f"{reach.weekly_otv:,.0f} weekly opportunities to view: followers x posts a week, summed, counting one "
         "post a week where the rate is blank. Possible impressions, not people."),
        ("Likely impressions (estimate)", "unknown" if reach.followers_unknown else compact(reach.likely_impressions),
         f"{reach.likely_impressions:,.0f} a week. {reach.visibility.sentence()}"),
    ]


def reach_notes(reach: ReachSummary) -> list[str]:
    """What the figures leave out, in words (empty when nothing is)."""
    if reach.followers_unknown:
        return [f"Potential reach and weekly OTV are {UNKNOWN_REACH}; accounts are sized and listed by their links."]
    notes = []
    if reach.unknown_followers:
        notes.append(unknown_followers_sentence(reach.unknown_followers, "either figure"))
    if reach.assumed_one_post:
        notes.append(f"{count_of(reach.assumed_one_post, 'account')} with no posting rate "
                     f"{'is' if reach.assumed_one_post == 1 else 'are'} counted at one post a week.")
    return notes


def reach_panel(metrics: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Reach per area, platform, category, community and organisation (when there are organisations):
    :func:`socialmap.metrics.reach_by` of each."""
    columns = [*GROUPINGS, *(["organisation"] if "organisation" in reach_groupings(metrics) else [])]
    return {column: reach_by(metrics, column) for column in columns}


def reach_csv(panel: dict[str, pd.DataFrame]) -> str:
    """The panel's tables as one CSV: what ``socialmap build --reach`` writes (see ``reach_tables``)."""
    return table_csv(reach_file(panel))


def reach_key(options: MapOptions) -> MapOptions:
    """The options the reach panel depends on: what the analysis reads and which accounts are shown."""
    return replace(analysis_key(options), only_platforms=options.only_platforms, only_areas=options.only_areas,
                   only_categories=options.only_categories, min_followers=options.min_followers,
                   focus=options.focus, focus_steps=options.focus_steps)


def top_accounts(metrics: pd.DataFrame, by: str = "importance", count: int = 25) -> pd.DataFrame:
    """The ``count`` accounts with most ``by`` (placeholders left out), largest first; ties (and ``by``
    "importance") in importance order (:mod:`socialmap.importance`: followers, or links where most accounts have
    no count and there are links)."""
    accounts = metrics[~metrics["placeholder"].astype(bool)]
    if by == "importance":
        ranked = accounts.sort_values("importance", kind="stable")
    else:
        ranked = accounts.sort_values([by, "importance"], ascending=[False, True], na_position="last")
    return ranked[_TOP_COLUMNS].head(count).reset_index(drop=True)


# --- problems and names --------------------------------------------------------------------

def problem_rows(issues: tuple[Issue, ...] | list[Issue]) -> pd.DataFrame:
    """One row per problem: file, row, column, message, severity (row as a whole number or blank)."""
    table = pd.DataFrame([issue.as_row() for issue in issues], columns=["file", "row", "column", "message", "severity"])
    table["row"] = table["row"].astype("Int64")
    return table


def problem_summary(issues: tuple[Issue, ...] | list[Issue]) -> str:
    """``2 problems in accounts.csv: no map was made. ...``"""
    files = sorted({issue.file for issue in issues})
    count = len(issues)
    return (f"{count:,} problem{'s' if count != 1 else ''} in {' and '.join(files)}: no map was made. "
            "Fix the rows below in the spreadsheet and upload it again.")


def rough_size(file: InputFile | None, what: str) -> str:
    """About how many rows a file holds, for a progress message: a line count of text, a size for a workbook."""
    if file is None:
        return ""
    if file.data[:2] == b"PK":  # a workbook: its rows are not known before it is read
        return f"{len(file.data) / 2**20:,.1f} MB of {what}"
    rows = max(file.data.count(b"\n") - (0 if file.data.endswith(b"\n") else -1) - 1, 0)
    return f"about {rows:,} {what}" if rows != 1 else f"1 row of {what}"


def file_stem(title: str) -> str:
    """A file name for downloads: ``"Derby & Derbyshire map"`` -> ``"derby-derbyshire-map"``."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].strip("-")
    return stem or "social-media-map"
