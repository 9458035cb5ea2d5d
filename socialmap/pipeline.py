"""From input files to a finished map: the one pipeline the CLI and the app share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import networkx as nx
import pandas as pd

from .aggregate import aggregate_graph
from .areas import read_areas
from .channels import ColourChannel, SizeChannel, extra_headings, resolve_colour, resolve_size
from .community import Partition, detect_communities
from .errors import Issue, SocialMapError, raise_if_errors
from .filters import NoSuchAccount, restrict_layout, selected_accounts
from .compiled import CompiledGraph, paused_gc
from .gaps import Gap, community_gaps
from .graph import build_compiled_graph
from .graphfiles import GraphFile, graph_file
from .importance import importance
from .impressions import Visibility, unused_rows
from .layout import Layout, compute_layout, resolved_layout
from .inputs.files import Source
from .inputs.graphread import graph_file_tables, is_graph_file
from .inputs.headings import ColumnsRead
from .inputs.shapes import read_inputs
from .inputs.tables import validate_inputs
from .metrics import (
    UNKNOWN_REACH, ReachSummary, audience_ranges, betweenness, bridges, metrics_table, pagerank, reach_by, reach_summary,
)
from .options import MapOptions
from .payload import map_payload
from .render import PageText, render_html
from .shape import Shape, network_shape
from .story import how_it_was_made, reach_panel
from .words import count_of

__all__ = ["MapResult", "LoadedTables", "Analysis", "View", "load_tables", "analyse", "view_of", "arrange", "draw",
           "arrange_view", "present", "build_map", "STAGES"]

STAGES = ("load", "validate", "graph", "communities", "metrics", "layout", "render")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class LoadedTables:
    """Clean accounts and relationships, with every warning found loading them."""

    accounts: pd.DataFrame
    relationships: pd.DataFrame | None
    issues: tuple[Issue, ...]
    accounts_file: str
    relationships_file: str | None
    relationship_rows: int
    columns: tuple[ColumnsRead, ...] = ()  # what each table's headings were read as


@dataclass(frozen=True)
class MapResult:
    """What a build gives: the page, the graph, communities, layout, figures and warnings."""

    html: str
    graph: nx.DiGraph
    partition: Partition
    layout: Layout
    metrics: pd.DataFrame
    reach: ReachSummary
    issues: tuple[Issue, ...]
    relationship_rows: int
    areas: pd.DataFrame | None = None
    all_accounts: int | None = None  # before filters
    view: View | None = None  # what was drawn: the accounts shown, or the overview
    channels: tuple[ColourChannel, SizeChannel] | None = None  # what colour and size showed
    columns: tuple[ColumnsRead, ...] = ()  # what each input table's headings were read as
    shape: Shape | None = None  # the whole network's shape in words, with its figures
    gaps: tuple[Gap, ...] = ()  # gaps between large communities and the accounts that bridge them
    payload: dict | None = None  # what the page draws (payload.map_payload), for posters and slides
    text: PageText | None = None  # the words around it

    def graph_file(self, fmt: str) -> GraphFile:
        """The map as drawn, as a GEXF or GraphML file for Gephi or Cytoscape, with its warnings."""
        colour, size = self.channels
        return graph_file(fmt, self.view.graph, self.view.partition, self.layout, colour, size, self.view.metrics)

    def community_count(self) -> int:
        """Communities among the accounts shown, the Other group not counted: what the CLI and the app say."""
        graph = self.graph
        return self.partition.count(node for node in graph if not graph.nodes[node]["placeholder"])

    @property
    def positions(self) -> dict[str, tuple[float, float]]:
        return self.layout.positions

    def reach_by(self, column: str) -> pd.DataFrame:
        """Accounts, potential reach, weekly OTV and top accounts per area, platform, category or community."""
        return reach_by(self.metrics, column)

    def audience(self) -> pd.DataFrame:
        """Unique-audience range per area whose population is known (needs an areas table)."""
        return audience_ranges(self.metrics, self.areas) if self.areas is not None else audience_ranges(
            self.metrics, pd.DataFrame(columns=["area"]))


def _no_progress(stage: str) -> None:
    return None


def load_tables(
    accounts: Source,
    relationships: Source | None = None,
    *,
    options: MapOptions = MapOptions(),
    progress: Progress = _no_progress,
) -> LoadedTables:
    """Read and validate the files; raise SocialMapError listing every error.

    ``accounts`` may hold the links too: a workbook with a relationships
    sheet, a NodeXL or Kumu workbook, an edge list, or connects_to /
    follows / mentions columns (see :mod:`socialmap.inputs.shapes`), or be a
    Gephi (.gexf) or GraphML file with both.
    """
    progress("load")
    if relationships is None and is_graph_file(accounts):
        accounts, relationships = graph_file_tables(accounts, max_bytes=options.max_bytes)
    inputs = read_inputs(
        accounts, relationships, sheet=options.sheet, relationships_sheet=options.relationships_sheet,
        max_bytes=options.max_bytes, account_columns=dict(options.account_columns),
        relationship_columns=dict(options.relationship_columns),
    )
    progress("validate")
    clean = validate_inputs(inputs)
    relationships, count, issues = clean.relationships, clean.relationship_count, clean.issues
    if options.limits_dates:
        from .inputs.dates import limit_to_dates

        relationships, count, issues = limit_to_dates(
            relationships, count, issues, options.mentions_from, options.mentions_to,
            file=inputs.relationships_file or inputs.accounts_file,
        )
    platforms = () if clean.accounts is None else clean.accounts.get("platform", ())
    issues = (*issues, *unused_rows(options.visibility, platforms))  # a --visibility FILE's rows no account uses
    raise_if_errors(issues, strict=options.strict)
    return LoadedTables(
        accounts=clean.accounts,
        relationships=relationships,
        issues=issues,
        accounts_file=inputs.accounts_file,
        relationships_file=inputs.relationships_file,
        relationship_rows=count,
        columns=inputs.columns,
    )


@dataclass(frozen=True)
class Analysis:
    """The accounts as a graph, with communities and figures: the costly, cacheable part."""

    tables: LoadedTables
    graph: nx.DiGraph
    partition: Partition
    metrics: pd.DataFrame
    reach: ReachSummary
    compiled: CompiledGraph | None = None  # the graph's igraph copies, made once and shared by the stages
    shape: Shape | None = None  # the network's shape in words (socialmap.shape)
    gaps: tuple[Gap, ...] = ()  # large communities with few links between them, and who bridges them


@dataclass(frozen=True)
class View:
    """What is drawn: the accounts themselves, or one node per group (the overview)."""

    graph: nx.DiGraph
    partition: Partition
    metrics: pd.DataFrame
    accounts: nx.DiGraph  # the accounts it stands for (all, or those the filters keep)


def analyse(tables: LoadedTables, *, options: MapOptions = MapOptions(), progress: Progress = _no_progress) -> Analysis:
    """Graph, communities and per-account figures; depends on the files, seed and community options only."""
    progress("graph")
    G, compiled = build_compiled_graph(tables.accounts, tables.relationships)
    progress("communities")
    order = importance(G, compiled=compiled)
    partition = detect_communities(
        G, resolution=options.resolution, min_size=options.min_community_size, seed=options.seed, compiled=compiled,
        importance=order, method=options.community_method, communities=options.communities,
    )
    progress("metrics")
    with paused_gc():
        metrics = metrics_table(G, partition, pagerank(G, compiled=compiled), betweenness(G, seed=options.seed, compiled=compiled),
                                bridges(G, partition, compiled=compiled), importance=order,
                                visibility=options.visibility)
    return Analysis(tables, G, partition, metrics, reach_summary(G, options.visibility), compiled,
                    network_shape(G, partition, compiled=compiled), community_gaps(G, partition, compiled=compiled))


def shown_accounts(analysis: Analysis, options: MapOptions) -> set[str] | None:
    """The accounts the filters keep, or None when nothing is filtered."""
    if not options.filters_anything:
        return None
    try:
        return selected_accounts(
            analysis.graph, platforms=options.only_platforms, areas=options.only_areas,
            categories=options.only_categories, min_followers=options.min_followers,
            focus=options.focus, steps=options.focus_steps,
        )
    except NoSuchAccount as error:
        raise SocialMapError(analysis.tables.accounts_file, None, "id", str(error)) from None


def view_of(analysis: Analysis, aggregate: str | None, shown: set[str] | None = None) -> View:
    """The accounts, or with ``aggregate`` ("community" or "area") the overview of the shown groups."""
    if aggregate is None:
        return View(analysis.graph, analysis.partition, analysis.metrics, analysis.graph)
    graph = analysis.graph if shown is None else analysis.graph.subgraph(shown)
    rank = dict(zip(analysis.graph, analysis.metrics["importance"].tolist()))
    overview, groups = aggregate_graph(graph, analysis.partition, aggregate, rank=rank)
    return View(overview, groups, metrics_table(overview, groups, pagerank(overview)), graph)


def restrict(view: View, layout: Layout, shown: set[str]) -> tuple[View, Layout]:
    """Only the shown accounts of an account view, at the places the whole map gave them."""
    graph = view.graph.subgraph(n for n in view.graph if n in shown).copy()
    partition = view.partition
    names = {node: partition.names[partition.membership[node]] for node in graph}
    kept = Partition({n: partition.membership[n] for n in graph}, partition.names, partition.other)
    metrics = view.metrics[[node in shown for node in view.graph]].reset_index(drop=True)
    return View(graph, kept, metrics, graph), restrict_layout(layout, view.graph, shown, names)


def arrange(
    view: View, *, options: MapOptions = MapOptions(), areas: pd.DataFrame | None = None,
    compiled: CompiledGraph | None = None,
) -> Layout:
    """Positions of what is drawn; depends on the layout options and seed, not on colour or size.

    ``compiled`` is the igraph copy of ``view.graph`` if there is one (the analysis's, for the accounts view).
    """
    with paused_gc():
        return compute_layout(
            view.graph, view.partition, name=options.layout, branch=options.branch,
            region=options.region or options.title, areas=areas, seed=options.seed, compiled=compiled,
            colour_by=options.colour_by,
        )


def resolve_channels(analysis: Analysis, view: View, options: MapOptions) -> tuple[ColourChannel, SizeChannel]:
    """What colour and size show, checked against every column of the map (not only the accounts shown)."""
    headings = extra_headings(analysis.graph)
    try:
        return (resolve_colour(view.graph, view.partition, options.colour_by, headings=headings),
                resolve_size(view.graph, view.metrics, options.size_by, headings=headings))
    except ValueError as error:
        raise SocialMapError(analysis.tables.accounts_file, None, None, str(error)) from None


def _shown_metrics(analysis: Analysis, accounts: nx.DiGraph) -> pd.DataFrame:
    """The figures of the accounts shown, in graph order."""
    if accounts is analysis.graph:
        return analysis.metrics
    return analysis.metrics[[node in accounts for node in analysis.graph]].reset_index(drop=True)


def draw(
    analysis: Analysis, view: View, layout: Layout, *, options: MapOptions = MapOptions(),
    channels: tuple[ColourChannel, SizeChannel] | None = None, issues: tuple[Issue, ...] | None = None,
) -> str:
    """The page: colour, size and words on top of a computed layout (``issues``: the warnings to tell, if not the files')."""
    return render_html(*page_content(analysis, view, layout, options=options, channels=channels, issues=issues))


def page_content(
    analysis: Analysis, view: View, layout: Layout, *, options: MapOptions = MapOptions(),
    channels: tuple[ColourChannel, SizeChannel] | None = None, issues: tuple[Issue, ...] | None = None,
) -> tuple[dict, PageText]:
    """What the page draws and its words: the payload and text the page, posters and slides are made from."""
    colour, size = channels or resolve_channels(analysis, view, options)
    accounts = view.accounts
    metrics = _shown_metrics(analysis, accounts)
    tables = analysis.tables
    text = PageText(
        options.title,
        options.subtitle if options.subtitle is not None else _subtitle(analysis, accounts, options),
        source=options.source or "",
        data_date=options.data_date or "",
        about=tuple(how_it_was_made(
            files=[f for f in (tables.accounts_file, tables.relationships_file) if f],
            data_date=options.data_date, accounts=analysis.reach.accounts, relationships=tables.relationship_rows,
            communities=analysis.partition.count(), colour=colour.description, size=size.description,
            layout=resolved_layout(view.graph, options.layout), issues=tables.issues if issues is None else issues,
            seed=options.seed, method=analysis.partition.method, resolution=analysis.partition.resolution,
            asked=options.communities, shape=analysis.shape,
        )),
        reach=reach_panel(_reach_of(analysis, accounts, options.visibility), metrics, shape=analysis.shape,
                          gaps=analysis.gaps),
    )
    payload = map_payload(view.graph, view.partition, layout, text, colour=colour, size=size,
                          faint_links=options.layout == "mindmap", overview_above=options.overview_above,
                          importance=dict(zip(view.graph, view.metrics["importance"].tolist())))
    return payload, text


def build_map(
    accounts: Source,
    relationships: Source | None = None,
    *,
    areas: Source | pd.DataFrame | None = None,
    options: MapOptions = MapOptions(),
    progress: Progress = _no_progress,
) -> MapResult:
    """Build the whole map from an accounts file and an optional relationships file.

    ``accounts`` and ``relationships`` may be paths, :class:`InputFile`
    (name and bytes) or DataFrames; ``areas`` is an optional table of area
    centroids and populations (see socialmap/sample/areas.csv). Raises
    SocialMapError for bad input.

    Examples
    --------
    >>> result = build_map("socialmap/sample/accounts.csv", "socialmap/sample/relationships.csv")  # doctest: +SKIP
    >>> result.metrics.head()  # doctest: +SKIP
    """
    tables = load_tables(accounts, relationships, options=options, progress=progress)
    areas_table = read_areas(areas) if areas is not None else None
    analysis = analyse(tables, options=options, progress=progress)
    progress("layout")
    arranged = arrange_view(analysis, options, areas_table)
    progress("render")
    return present(analysis, arranged, options, areas_table)


def arrange_view(analysis: Analysis, options: MapOptions, areas: pd.DataFrame | None = None) -> tuple[View, Layout]:
    """What is drawn and where, before filters hide accounts (an overview is of the shown accounts)."""
    shown = shown_accounts(analysis, options) if options.aggregate is not None else None
    view = view_of(analysis, options.aggregate, shown)
    layout = arrange(view, options=options, areas=areas, compiled=analysis.compiled if view.graph is analysis.graph else None)
    if options.strict:  # the layout's warnings ("12 areas have no place") stop a strict build as the files' do
        raise_if_errors((replace(issue, file=issue.file or analysis.tables.accounts_file) for issue in layout.issues),
                        strict=True)
    return view, layout


def present(
    analysis: Analysis, arranged: tuple[View, Layout], options: MapOptions, areas: pd.DataFrame | None = None
) -> MapResult:
    """The finished map for these options, from an analysis and an arrangement (each cacheable)."""
    view, layout = arranged
    tables = analysis.tables
    issues = tables.issues + tuple(replace(issue, file=issue.file or tables.accounts_file) for issue in layout.issues)
    shown = shown_accounts(analysis, options)
    if shown is not None and options.aggregate is None:
        view, layout = restrict(view, layout, shown)
    channels = resolve_channels(analysis, view, options)
    payload, text = page_content(analysis, view, layout, options=options, channels=channels, issues=issues)
    graph = view.accounts
    return MapResult(render_html(payload, text), graph, analysis.partition, layout, _shown_metrics(analysis, graph),
                     _reach_of(analysis, graph, options.visibility),
                     issues, tables.relationship_rows, areas, analysis.reach.accounts, view, channels,
                     tables.columns, analysis.shape, analysis.gaps, payload=payload, text=text)


def _reach_of(analysis: Analysis, G: nx.DiGraph, visibility: Visibility) -> ReachSummary:
    """reach_summary of G: the analysis's own when G is the whole map (worked out once a build, not four times)."""
    if G is analysis.graph and visibility == analysis.reach.visibility:
        return analysis.reach
    return reach_summary(G, visibility)


def _subtitle(analysis: Analysis, G: nx.DiGraph, options: MapOptions) -> str:
    tables = analysis.tables
    reach = _reach_of(analysis, G, analysis.reach.visibility)  # counts and followers: the same with any factors
    parts = [count_of(reach.accounts, "account"), count_of(G.number_of_edges(), "link")]
    if reach.accounts < analysis.reach.accounts:
        parts[0] = f"{reach.accounts:,} of {count_of(analysis.reach.accounts, 'account')} shown"
    if reach.platforms:
        parts.append(count_of(reach.platforms, "platform"))
    parts.append(f"potential reach {UNKNOWN_REACH}" if reach.followers_unknown
                 else f"potential reach {reach.potential_reach:,.0f} followers")
    if options.limits_dates:
        parts.append(_date_span(options))
    files = tables.accounts_file + (f" + {tables.relationships_file}" if tables.relationships_file else "")
    return " · ".join(parts) + f" · from {files}"


def _date_span(options: MapOptions) -> str:
    """``dated links 1 Oct 2026 to 31 Oct 2026 only``: which dated relationships the map keeps."""
    def day(value) -> str:
        return f"{value.day} {value:%b %Y}"

    start, end = options.mentions_from, options.mentions_to
    if start and end:
        return f"dated links {day(start)} to {day(end)} only"
    return f"dated links from {day(start)} only" if start else f"dated links up to {day(end)} only"
