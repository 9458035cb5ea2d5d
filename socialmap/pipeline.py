"""From input files to a finished map: the one pipeline the CLI and the app share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .community import Partition, detect_communities
from .errors import Issue, raise_if_errors
from .graph import build_graph
from .layout import community_layout
from .load import Source, read_table, source_name
from .metrics import ReachSummary, metrics_table, pagerank, reach_summary
from .options import MapOptions
from .render import PageText, map_payload, render_html
from .validate import validate_accounts, validate_relationships

__all__ = ["MapResult", "LoadedTables", "load_tables", "build_map", "STAGES"]

STAGES = ("load", "validate", "graph", "communities", "layout", "metrics", "render")
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


@dataclass(frozen=True)
class MapResult:
    """What a build gives: the page, the graph, communities, metrics and warnings."""

    html: str
    graph: nx.DiGraph
    partition: Partition
    positions: dict[str, tuple[float, float]]
    metrics: pd.DataFrame
    reach: ReachSummary
    issues: tuple[Issue, ...]
    relationship_rows: int


def _no_progress(stage: str) -> None:
    return None


def load_tables(
    accounts: Source,
    relationships: Source | None = None,
    *,
    options: MapOptions = MapOptions(),
    progress: Progress = _no_progress,
) -> LoadedTables:
    """Read and validate both files; raise SocialMapError listing every error."""
    progress("load")
    accounts_file = source_name(accounts, "accounts")
    raw_accounts = read_table(accounts, name=accounts_file, max_bytes=options.max_bytes)
    relationships_file = source_name(relationships, "relationships") if relationships is not None else None
    raw_relationships = (
        read_table(relationships, name=relationships_file, max_bytes=options.max_bytes)
        if relationships is not None else None
    )
    progress("validate")
    clean_accounts = validate_accounts(raw_accounts, file=accounts_file)
    issues = list(clean_accounts.issues)
    clean_relationships = None
    if raw_relationships is not None and not any(i.is_error and i.row is None for i in issues):
        clean_relationships = validate_relationships(
            raw_relationships, file=relationships_file, accounts=clean_accounts.frame, accounts_file=accounts_file
        )
        issues.extend(clean_relationships.issues)
    raise_if_errors(issues, strict=options.strict)
    return LoadedTables(
        accounts=clean_accounts.frame,
        relationships=clean_relationships.frame if clean_relationships is not None else None,
        issues=tuple(issues),
        accounts_file=accounts_file,
        relationships_file=relationships_file,
        relationship_rows=len(clean_relationships.frame) if clean_relationships is not None else 0,
    )


def build_map(
    accounts: Source,
    relationships: Source | None = None,
    *,
    options: MapOptions = MapOptions(),
    progress: Progress = _no_progress,
) -> MapResult:
    """Build the whole map from an accounts file and an optional relationships file.

    ``accounts`` and ``relationships`` may be paths, :class:`InputFile`
    (name and bytes) or DataFrames. Raises SocialMapError for bad input.

    Examples
    --------
    >>> result = build_map("mapdata/accounts.csv", "mapdata/relationships.csv")  # doctest: +SKIP
    >>> result.metrics.head()  # doctest: +SKIP
    """
    tables = load_tables(accounts, relationships, options=options, progress=progress)
    progress("graph")
    G = build_graph(tables.accounts, tables.relationships)
    progress("communities")
    partition = detect_communities(
        G, resolution=options.resolution, min_size=options.min_community_size, seed=options.seed
    )
    progress("layout")
    positions = community_layout(G, partition, seed=options.seed)
    progress("metrics")
    metrics = metrics_table(G, partition, pagerank(G))
    reach = reach_summary(G)
    progress("render")
    subtitle = _subtitle(reach, G, tables)
    html = render_html(map_payload(G, partition, positions, PageText(options.title, subtitle)))
    return MapResult(html, G, partition, positions, metrics, reach, tables.issues, tables.relationship_rows)


def _subtitle(reach: ReachSummary, G: nx.DiGraph, tables: LoadedTables) -> str:
    parts = [f"{reach.accounts:,} accounts", f"{G.number_of_edges():,} links"]
    if reach.platforms:
        parts.append(f"{reach.platforms} platforms")
    parts.append(f"potential reach {reach.potential_reach:,.0f} followers")
    files = tables.accounts_file + (f" + {tables.relationships_file}" if tables.relationships_file else "")
    return " · ".join(parts) + f" · from {files}"
