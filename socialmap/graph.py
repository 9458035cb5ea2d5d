"""Build the networkx graph of accounts and relationships."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .compiled import CompiledGraph, compile_arrays, paused_gc

__all__ = ["build_graph", "build_compiled_graph", "ACCOUNT_ATTRIBUTES"]

ACCOUNT_ATTRIBUTES = (
    "id", "name", "platform", "area", "category", "followers", "posts_per_week",
    "url", "description", "lat", "lon", "extra", "placeholder",
)


@dataclass(frozen=True)
class _Links:
    """Directed pairs as vertex numbers, sorted, with summed weights and listed kinds."""

    sources: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    kinds: list[str]


def build_graph(accounts: pd.DataFrame, relationships: pd.DataFrame | None = None) -> nx.DiGraph:
    """A new DiGraph: one node per account key, one edge per directed pair.

    Nodes are added in sorted key order so that everything downstream is
    deterministic. Repeated pairs add their weights and collect their types.
    An endpoint missing from ``accounts`` becomes a node with
    ``placeholder=True``, shown under the first spelling seen, on the
    platform the relationships file gave it there (if any).
    """
    with paused_gc():
        return _graph_and_links(accounts, relationships)[0]


def build_compiled_graph(
    accounts: pd.DataFrame, relationships: pd.DataFrame | None = None
) -> tuple[nx.DiGraph, CompiledGraph]:
    """:func:`build_graph`'s graph and its igraph copies, made from the same integer codes.

    The analysis stages share the copies (socialmap.compiled): making them
    here, from numpy arrays, costs a fraction of walking the finished
    graph's edges.
    """
    with paused_gc():
        G, keys, links = _graph_and_links(accounts, relationships)
        return G, compile_arrays(keys, links.sources, links.targets, links.weights)


def _graph_and_links(
    accounts: pd.DataFrame, relationships: pd.DataFrame | None
) -> tuple[nx.DiGraph, list[str], _Links]:
    """The graph, its node keys in order, and its links as arrays of node numbers.

    Called with the cyclic garbage collector paused: its passes over the
    growing graph took over half of the graph stage at 100,000 accounts.
    """
    ends = _ends(relationships)
    keys, attributes = _nodes(accounts, ends)
    links = _links(relationships, ends, pd.Index(keys, dtype=object))
    G = nx.DiGraph()
    G.add_nodes_from(zip(keys, attributes))
    if len(links.sources):
        names = np.asarray(keys, dtype=object)
        G.add_edges_from(zip(
            names[links.sources].tolist(), names[links.targets].tolist(),
            [{"weight": weight, "type": kind} for weight, kind in zip(links.weights.tolist(), links.kinds)],
        ))
    return G, keys, links


@dataclass(frozen=True)
class _Ends:
    """Every link's endpoints (sources, then targets) as codes into the distinct keys, in order seen."""

    codes: np.ndarray
    keys: np.ndarray
    handles: np.ndarray  # the first spelling seen of each key
    platforms: np.ndarray  # the platform the relationships file gave it there ("" when none)


def _ends(relationships: pd.DataFrame | None) -> _Ends:
    if relationships is None or not len(relationships):
        nothing = np.empty(0, dtype=object)
        return _Ends(np.empty(0, dtype=np.int64), nothing, nothing, nothing)
    keys = np.concatenate([relationships["source"].to_numpy(dtype=object),
                           relationships["target"].to_numpy(dtype=object)])
    handles = np.concatenate([relationships["source_id"].to_numpy(dtype=object),
                              relationships["target_id"].to_numpy(dtype=object)])
    codes, distinct = pd.factorize(keys)  # numbered in order seen, so a code's first row is its first spelling
    first = np.unique(codes, return_index=True)[1]
    if "source_platform" in relationships and "target_platform" in relationships:
        platforms = np.concatenate([relationships["source_platform"].to_numpy(dtype=object),
                                    relationships["target_platform"].to_numpy(dtype=object)])[first]
    else:
        platforms = np.full(len(first), "", dtype=object)
    return _Ends(codes.astype(np.int64), np.asarray(distinct, dtype=object), handles[first], platforms)


def _nodes(accounts: pd.DataFrame, ends: _Ends) -> tuple[list[str], list[dict]]:
    """Every key in sorted order, with its node attributes (accounts, then placeholders, merged)."""
    accounts = accounts.drop_duplicates("key", keep="last")  # as a {key: row} dict would keep
    columns = {name: _known(accounts[name]) for name in ACCOUNT_ATTRIBUTES if name != "placeholder"}
    columns["placeholder"] = np.full(len(accounts), False, dtype=object)
    keys = accounts["key"].to_numpy(dtype=object)
    ghost = pd.Index(keys, dtype=object).get_indexer(ends.keys) < 0
    if ghost.any():
        handles = ends.handles[ghost]
        count = len(handles)
        blank = np.full(count, "", dtype=object)
        unknown = np.full(count, None, dtype=object)
        empty = np.empty(count, dtype=object)
        empty[:] = [{} for _ in range(count)]
        ghosts = {"id": handles, "name": handles, "platform": ends.platforms[ghost], "area": blank, "category": blank,
                  "followers": unknown, "posts_per_week": unknown, "url": unknown, "description": blank,
                  "lat": unknown, "lon": unknown, "extra": empty, "placeholder": np.full(count, True, dtype=object)}
        columns = {name: np.concatenate([values, ghosts[name]]) for name, values in columns.items()}
        keys = np.concatenate([keys, ends.keys[ghost]])
    order = np.argsort(keys, kind="stable")  # object arrays compare as Python strings, like sorted()
    ordered = [columns[name][order].tolist() for name in ACCOUNT_ATTRIBUTES]
    return keys[order].tolist(), [dict(zip(ACCOUNT_ATTRIBUTES, row)) for row in zip(*ordered)]


def _known(column: pd.Series) -> np.ndarray:
    """The column as objects, NaN (unknown) as None, so graph attributes never hold NaN."""
    values = column.to_numpy(dtype=object, copy=True)
    missing = np.flatnonzero(pd.isna(values))
    if len(missing):
        values[missing] = [None if isinstance(value, float) else value for value in values[missing]]
    return values


def _links(relationships: pd.DataFrame | None, ends: _Ends, nodes: pd.Index) -> _Links:
    """Each directed pair once, sorted by node order: weights summed, kinds listed once.

    Keys become node numbers, so that pairs are summed with numpy rather
    than grouped by strings: 800,000 links in well under a second.
    """
    if relationships is None or not len(relationships):
        return _Links(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0), [])
    count = len(relationships)
    codes = nodes.get_indexer(ends.keys).astype(np.int64)[ends.codes]
    pairs, inverse = np.unique(codes[:count] * len(nodes) + codes[count:], return_inverse=True)
    inverse = inverse.ravel()
    weights = np.bincount(inverse, weights=relationships["weight"].to_numpy(dtype=float), minlength=len(pairs))
    kinds = np.full(len(pairs), "", dtype=object)
    joined = _kinds_per_pair(inverse, relationships["type"].to_numpy(dtype=object))
    kinds[np.fromiter(joined, dtype=np.int64, count=len(joined))] = np.array(list(joined.values()), dtype=object)
    sources, targets = np.divmod(pairs, len(nodes))
    return _Links(sources, targets, weights, kinds.tolist())


def _kinds_per_pair(pair_index: np.ndarray, kinds: np.ndarray) -> dict[int, str]:
    """Each pair's kinds of link, sorted and listed once ("follows, mentions")."""
    typed = kinds != ""
    if not typed.any():
        return {}
    table = pd.DataFrame({"pair": pair_index[typed], "type": kinds[typed]}).drop_duplicates()
    table = table.sort_values(["pair", "type"])
    several = table["pair"].duplicated(keep=False)
    joined = dict(zip(table.loc[~several, "pair"].tolist(), table.loc[~several, "type"].tolist()))
    if several.any():  # usually few: one pair linked in several ways
        joined.update(table[several].groupby("pair", sort=False)["type"].agg(", ".join).to_dict())
    return joined
