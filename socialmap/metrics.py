"""Per-account figures and reach: small pure functions over the graph.

Words as the measurement standards use them (the #SMMStandards, AMEC's
Barcelona Principles 3.0): reach counts unique people, impressions count
times shown. Potential reach is the plain sum of followers: an upper bound
on reach (audiences overlap), not reach. Opportunities to view (OTV) per
week is followers x posts per week, counting one post a week where the rate
is unknown: possible impressions. Likely impressions are OTV x a
visibility factor (:mod:`socialmap.impressions`), an estimate. Placeholders
(accounts only named in a relationship) count nowhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .caveats import OUTCOME_CAVEAT, REACH_CAVEAT
from .community import Partition
from .compiled import CompiledGraph, compile_graph
from .impressions import DEFAULT_VISIBILITY, Visibility, likely_impressions
from .words import count_of
from .importance import NO_FOLLOWERS, Importance, importance as rank_accounts, pagerank

__all__ = [
    "pagerank",
    "betweenness",
    "bridges",
    "opportunities_to_view",
    "metrics_table",
    "ReachSummary",
    "reach_summary",
    "reach_by",
    "reach_tables",
    "reach_file",
    "REACH_GROUPINGS",
    "audience_ranges",
    "METRICS_COLUMNS",
    "REACH_CAVEAT",
    "UNKNOWN_REACH",
    "unknown_followers_sentence",
    "OUTCOME_CAVEAT",
    "EXACT_BETWEENNESS_UP_TO",
]

METRICS_COLUMNS = (
    "id", "name", "platform", "area", "category", "followers", "community", "community_id",
    "degree", "pagerank", "in_degree", "out_degree", "betweenness", "bridge", "posts_per_week",
    "posts_per_week_assumed", "weekly_otv", "placeholder", "url", "organisation", "importance",
    "visibility_factor", "likely_impressions",
)
UNKNOWN_REACH = f"unknown: {NO_FOLLOWERS}"
EXACT_BETWEENNESS_UP_TO = 3000
BETWEENNESS_SAMPLE = 500  # sources, at most; fewer on very large maps
BETWEENNESS_EDGE_BUDGET = 40_000_000  # sources x links: about a second of igraph's time


def betweenness(
    G: nx.DiGraph, *, seed: int = 42, exact_up_to: int = EXACT_BETWEENNESS_UP_TO, compiled: CompiledGraph | None = None
) -> dict[str, float]:
    """Normalised betweenness on the undirected, unweighted view (0..1).

    Exact up to ``exact_up_to`` accounts; above, estimated from shortest paths
    out of a seeded sample of sources and scaled up (Brandes and Pich 2007):
    BETWEENNESS_SAMPLE sources, or fewer (not under 64) so that sources x
    links stays within BETWEENNESS_EDGE_BUDGET, which keeps 100,000 accounts
    to seconds. ``compiled`` is G's igraph copy if the caller has one.
    """
    count = G.number_of_nodes()
    if count < 3:
        return {node: 0.0 for node in G}
    compiled = compiled or compile_graph(G)
    graph = compiled.undirected
    if count <= exact_up_to:
        raw = np.asarray(graph.betweenness(directed=False))
    else:
        sample = int(min(BETWEENNESS_SAMPLE, max(64, BETWEENNESS_EDGE_BUDGET // max(graph.ecount(), 1)), count))
        sources = np.sort(np.random.default_rng(seed).choice(count, size=sample, replace=False))
        raw = np.asarray(graph.betweenness(directed=False, sources=sources.tolist())) * count / sample
    pairs = (count - 1) * (count - 2) / 2
    return dict(zip(compiled.nodes, np.round(raw / pairs, 8).tolist()))


def bridges(G: nx.DiGraph, partition: Partition, *, compiled: CompiledGraph | None = None) -> dict[str, bool]:
    """Bridge: linked (either way) to accounts in at least two communities besides its own.

    Counted over the undirected links' arrays (``compiled``, G's igraph copy,
    is made if not given), not account by account.
    """
    if G.number_of_nodes() == 0:
        return {}
    compiled = compiled or compile_graph(G)
    group = compiled.numbers(partition.membership)
    ends, seen = compiled.pairs.T.ravel(), compiled.pairs[:, ::-1].T.ravel()  # each account and whom it sees
    other = group[seen] != group[ends]
    communities = len(partition.names) + 1
    reached = np.unique(ends[other] * communities + group[seen][other])
    flags = np.bincount(reached // communities, minlength=len(compiled.nodes)) >= 2
    return dict(zip(compiled.nodes, flags.tolist()))


def opportunities_to_view(followers: float | None, posts_per_week: float | None) -> float | None:
    """Weekly OTV of one account; None when followers are unknown."""
    if followers is None:
        return None
    rate = 1.0 if posts_per_week is None else posts_per_week
    return followers * rate


def metrics_table(
    G: nx.DiGraph,
    partition: Partition,
    ranks: dict[str, float],
    between: dict[str, float] | None = None,
    bridging: dict[str, bool] | None = None,
    *,
    importance: Importance | None = None,
    visibility: Visibility = DEFAULT_VISIBILITY,
) -> pd.DataFrame:
    """One row per node, in graph order, with the columns of METRICS_COLUMNS.

    Built column by column (one list per column), not row by row.
    ``importance`` is 1 for the most important account, 2 for the next...
    (:mod:`socialmap.importance`; found from G if not given).
    ``visibility`` gives each account's factor for likely impressions.
    """
    importance = importance or rank_accounts(G)
    between = between or {}
    bridging = bridging or {}
    nodes = list(G.nodes)
    data = [G.nodes[node] for node in nodes]

    def attribute(name: str) -> list:
        return [account[name] for account in data]

    followers, posts = attribute("followers"), attribute("posts_per_week")
    community = [partition.membership[node] for node in nodes]
    otv = [opportunities_to_view(f, p) for f, p in zip(followers, posts)]
    factors = visibility.factors_of(attribute("platform"), followers)
    in_degree = [degree for _, degree in G.in_degree(nodes)]
    out_degree = [degree for _, degree in G.out_degree(nodes)]
    columns = {
        "id": attribute("id"),
        "name": attribute("name"),
        "platform": attribute("platform"),
        "area": attribute("area"),
        "category": attribute("category"),
        "organisation": [(account.get("extra") or {}).get("organisation", "") for account in data],
        "followers": followers,
        "community": [partition.names[number] for number in community],
        "community_id": community,
        "degree": [a + b for a, b in zip(in_degree, out_degree)],
        "pagerank": [round(ranks.get(node, 0.0), 6) for node in nodes],
        "in_degree": in_degree,
        "out_degree": out_degree,
        "betweenness": [between.get(node, 0.0) for node in nodes],
        "bridge": [bridging.get(node, False) for node in nodes],
        "posts_per_week": posts,
        "posts_per_week_assumed": [p is None and f is not None for f, p in zip(followers, posts)],
        "weekly_otv": otv,
        "placeholder": attribute("placeholder"),
        "url": [url or "" for url in attribute("url")],
        "importance": [importance.rank[node] + 1 for node in nodes],
        "visibility_factor": factors,
        "likely_impressions": [likely_impressions(o, f) for o, f in zip(otv, factors)],
    }
    table = pd.DataFrame(columns, columns=list(METRICS_COLUMNS))
    for column in ("followers", "weekly_otv", "likely_impressions"):
        table[column] = table[column].astype("Float64").round().astype("Int64")
    return table


@dataclass(frozen=True)
class ReachSummary:
    """Headline figures over real accounts (placeholders are not counted)."""

    accounts: int
    platforms: int
    potential_reach: float
    weekly_otv: float
    unknown_followers: int
    assumed_one_post: int
    likely_impressions: float = 0.0
    visibility: Visibility = DEFAULT_VISIBILITY

    @property
    def followers_unknown(self) -> bool:
        """No account has a follower count: every reach figure is unknown, not 0."""
        return self.accounts > 0 and self.unknown_followers == self.accounts

    def sentences(self) -> list[str]:
        """The figures in words, each with its caveat, as the CLI and the page say them."""
        if self.followers_unknown:
            return [f"Potential reach: {UNKNOWN_REACH} ({count_of(self.accounts, 'account')}).",
                    f"Weekly opportunities to view: {UNKNOWN_REACH}."]
        lines = [
            f"Potential reach: {self.potential_reach:,.0f} followers across {count_of(self.accounts, 'account')} "
            f"(a sum of followers: an upper bound on reach, the unique people, not reach; audiences overlap)."
        ]
        otv = (f"Weekly opportunities to view: {self.weekly_otv:,.0f} (followers x posts a week: possible "
               "impressions, not people")
        if self.assumed_one_post:
            otv += f"; {count_of(self.assumed_one_post, 'account')} with no posting rate counted at one post a week"
        lines.append(otv + ").")
        lines.append(f"Likely impressions a week (an estimate): {self.likely_impressions:,.0f} "
                     f"(opportunities to view x a visibility factor of {self.visibility.described()}).")
        if self.unknown_followers:
            lines.append(unknown_followers_sentence(self.unknown_followers, "any of these figures"))
        return lines


def unknown_followers_sentence(count: int, figures: str) -> str:
    """``"3 accounts have no follower count and add nothing to either figure."`` (or "1 account has ... adds")."""
    if count == 1:
        return f"1 account has no follower count and adds nothing to {figures}."
    return f"{count:,} accounts have no follower count and add nothing to {figures}."


def reach_summary(G: nx.DiGraph, visibility: Visibility = DEFAULT_VISIBILITY) -> ReachSummary:
    """The headline figures of G's real accounts; likely impressions with ``visibility``'s factors."""
    accounts = [data for _, data in G.nodes(data=True) if not data["placeholder"]]
    known = [a for a in accounts if a["followers"] is not None]
    followers = [a["followers"] for a in known]
    otv = [opportunities_to_view(f, a["posts_per_week"]) for f, a in zip(followers, known)]
    factors = visibility.factors_of([a["platform"] for a in known], followers)
    return ReachSummary(
        accounts=len(accounts),
        platforms=len({a["platform"] for a in accounts if a["platform"]}),
        potential_reach=math.fsum(followers),
        weekly_otv=math.fsum(otv),
        unknown_followers=len(accounts) - len(known),
        assumed_one_post=sum(1 for a in known if a["posts_per_week"] is None),
        likely_impressions=math.fsum(likely_impressions(o, f) for o, f in zip(otv, factors)),
        visibility=visibility,
    )


def reach_by(metrics: pd.DataFrame, column: str, *, top: int = 3) -> pd.DataFrame:
    """Accounts, potential reach, weekly OTV, likely impressions and most important accounts per value of ``column``.

    Rows by potential reach, largest first (then by the group's most
    important account); blank values are "Not given". Placeholders are left
    out. A group none of whose accounts has a follower count has an unknown
    (NA) reach, not 0.
    """
    used = [column, "name", "id", "followers", "weekly_otv", "likely_impressions", "importance"]
    used = [name for name in dict.fromkeys(used) if name in metrics]  # only these are copied and sorted
    accounts = metrics.loc[~metrics["placeholder"].astype(bool), used].copy()
    accounts[column] = accounts[column].replace("", "Not given").fillna("Not given")
    accounts["shown"] = accounts["name"].where(accounts["name"].astype(bool), accounts["id"])
    ranked = accounts.sort_values("importance", kind="stable")
    groups = ranked.groupby(column, sort=True)
    followers = groups["followers"]
    known = followers.count() > 0
    size = groups.size()
    summary = pd.DataFrame({
        "accounts": size,
        "potential_reach": followers.sum().astype("Int64").where(known),
        "weekly_otv": groups["weekly_otv"].sum().astype("Int64").where(known),
        **({"likely_impressions": groups["likely_impressions"].sum().astype("Int64").where(known)}
           if "likely_impressions" in accounts else {}),
        "unknown_followers": size - followers.count(),
        "top_accounts": pd.Series(_top_names(ranked, column, top), dtype="str").reindex(size.index),
        "first": groups["importance"].min(),
    })
    table = summary.rename_axis(column).reset_index()
    table = table.sort_values(["potential_reach", "first"], ascending=[False, True], na_position="last")
    return table.drop(columns="first").reset_index(drop=True)


def _top_names(ranked: pd.DataFrame, column: str, top: int) -> dict:
    """Per value of ``column``, the ``top`` first names shown of ``ranked`` (most important first), "; "-joined.

    From each group's first rows (one pass of pandas), not a Python call per group: 200 areas took 20 ms.
    """
    heads = ranked.groupby(column, sort=False).head(top)
    names: dict = {}
    for value, shown in zip(heads[column].tolist(), heads["shown"].tolist()):
        names.setdefault(value, []).append(shown)
    return {value: "; ".join(shown) for value, shown in names.items()}


REACH_GROUPINGS = ("community", "area", "platform", "category")


def reach_groupings(metrics: pd.DataFrame) -> tuple[str, ...]:
    """REACH_GROUPINGS, and organisation when some account has one (a wide channel list's rows)."""
    if "organisation" in metrics and (metrics["organisation"].fillna("").astype(str) != "").any():
        return (*REACH_GROUPINGS, "organisation")
    return REACH_GROUPINGS


def reach_tables(metrics: pd.DataFrame, gaps: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every reach_by table in one long table: columns by, group, then reach_by's figures
    (:func:`reach_file` of them is what ``--reach`` writes); then ``gaps``
    (:func:`socialmap.gaps.gap_rows`: by "gap", with links_between and bridges), when there are any."""
    table = reach_file({column: reach_by(metrics, column) for column in reach_groupings(metrics)})
    if gaps is None or gaps.empty:
        return table
    both = pd.concat([table.astype(object), gaps.astype(object)], ignore_index=True)
    return both.astype(object).where(both.notna(), "")  # a figure a row has no place for is blank, never 0


def reach_file(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """reach_by tables (by grouping) as one long table, community first, an unknown figure written "unknown",
    never 0 or blank."""
    long = []
    for column in sorted(tables, key=lambda column: (column != "community", column not in REACH_GROUPINGS)):
        table = tables[column].rename(columns={column: "group"})
        table.insert(0, "by", column)
        long.append(table)
    table = pd.concat(long, ignore_index=True)
    for column in ("potential_reach", "weekly_otv", "likely_impressions"):
        if column in table:
            table[column] = table[column].astype(object).where(table[column].notna(), "unknown")
    return table


def audience_ranges(metrics: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """An honest range for the unique audience of each area whose population is known.

    At least the largest single account's followers (everyone following it
    is a distinct person); at most the smaller of the sum of followers and
    the population.
    """
    if "population" not in areas.columns:
        return pd.DataFrame(columns=["area", "population", "audience_at_least", "audience_at_most"])
    population = {str(a).strip().casefold(): p for a, p in zip(areas["area"], pd.to_numeric(areas["population"], errors="coerce"))
                  if pd.notna(p)}
    accounts = metrics[~metrics["placeholder"].astype(bool) & metrics["followers"].notna()]
    rows = []
    for area, group in accounts.groupby("area", sort=True):
        people = population.get(str(area).casefold())
        if not area or people is None:
            continue
        followers = group["followers"].astype(float)
        rows.append({
            "area": area,
            "population": int(people),
            "audience_at_least": int(min(followers.max(), people)),
            "audience_at_most": int(min(followers.sum(), people)),
        })
    return pd.DataFrame(rows, columns=["area", "population", "audience_at_least", "audience_at_most"])
