"""The change map: the newer snapshot's map, coloured and sized by what changed.

New accounts stand out in their own colour; accounts in both snapshots are
coloured by whether they grew, stayed the same or shrank, and sized by how
much (followers gained or lost, or the % change); removed accounts are
drawn pale near the accounts they were linked to that are still there. The
page is the normal map page (``payload.map_payload`` / ``render.render_html``:
offline, escaped, same Content-Security-Policy) with a change summary in
place of the reach panel.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .change import ChangeSummary, account_changes, change_summary, change_tables, group_changes
from .channels import ColourChannel, SizeChannel
from .community import Partition
from .areas import read_areas
from .layout import Layout
from .layout.base import NODE_SPACING
from .inputs.files import Source
from .mentions import mention_counts, most_mentioned
from .errors import SocialMapError
from .filters import NoSuchAccount, find_account
from .options import ChangeOptions, MapOptions
from .pipeline import Analysis, analyse, arrange_view, load_tables
from .payload import map_payload
from .render import PageText, render_html
from .story import change_panel, how_change_was_made
from .trend import date_in_name

__all__ = ["Comparison", "ChangeResult", "compare", "change_page", "build_change", "removed_positions", "snapshot_label",
           "snapshot_mentions", "change_map_options", "draw_change", "CHANGE_COLOURS"]

Progress = Callable[[str], None]

# Paul Tol's colour-blind-safe "vibrant" scheme, plus pale grey for what is gone.
CHANGE_COLOURS = {
    "added": "#EE3377", "grew": "#0077BB", "same": "#BBBBBB", "shrank": "#EE7733", "unknown": "#DDCC77",
    "removed": "#E3E6EA", "placeholder": "#FFFFFF",
}


@dataclass(frozen=True)
class Comparison:
    """What changed: per account, per group, the headline, and mentions of the chosen accounts."""

    changes: pd.DataFrame  # change.account_changes
    groups: pd.DataFrame  # change.change_tables: by, group, ...
    summary: ChangeSummary
    mentions: pd.DataFrame  # change.mention_counts

    def by(self, column: str) -> pd.DataFrame:
        """Totals and changes per area, platform, category or community."""
        return group_changes(self.changes, column)

    def reports(self, mentions: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
        """The tables ``--report`` writes, by file-name suffix: per account, by group and, when there are any,
        the mentions (``mentions``: another count of them than this comparison's own)."""
        mentions = self.mentions if mentions is None else mentions
        tables = {"": self.changes.drop(columns=["key"]), "-by-group": self.groups}
        return {**tables, "-mentions": mentions} if len(mentions) else tables


@dataclass(frozen=True)
class ChangeResult:
    """A finished comparison: the page and the figures behind it."""

    html: str
    comparison: Comparison
    old: Analysis
    new: Analysis
    payload: dict | None = None  # what the change map draws, for posters and slides
    text: PageText | None = None  # its words


def snapshot_label(file: str) -> str:
    """What to call a snapshot: the date in its file name, as the trend reads it (accounts-2026-10.csv ->
    2026-10, accounts 31-10-2026.csv -> 2026-10-31), else the name."""
    name = Path(file).name
    try:
        found = date_in_name(name)
    except SocialMapError:  # two dates, or a date-shaped non-date: a label is no place to stop for it
        found = None
    return found.iso if found else name


def _known(*analyses: Analysis) -> dict[str, tuple[str, str]]:
    """{key: (id, name)} over the accounts of every analysis (the later ones win)."""
    known = {}
    for analysis in analyses:
        for node, data in analysis.graph.nodes(data=True):
            known[node] = (data["id"], data["name"] or "")
    return known


def compare(old: Analysis, new: Analysis, *, options: ChangeOptions = ChangeOptions()) -> Comparison:
    """Compare two analysed snapshots (``pipeline.analyse``): accounts, groups, headline and mentions."""
    old_label = options.old_label or snapshot_label(old.tables.accounts_file)
    new_label = options.new_label or snapshot_label(new.tables.accounts_file)
    changes = account_changes(old.metrics.assign(key=list(old.graph)), new.metrics.assign(key=list(new.graph)))
    mentions = snapshot_mentions(old, new, old_label=old_label, new_label=new_label, accounts=options.mentions_of,
                                 per=options.mentions_per)
    summary = change_summary(changes, old_label=old_label, new_label=new_label)
    # the totals each map prints (summed exactly, rounded once), not sums of the rounded per-account figures
    summary = replace(summary, potential_reach_old=old.reach.potential_reach, potential_reach_new=new.reach.potential_reach,
                      weekly_otv_old=old.reach.weekly_otv, weekly_otv_new=new.reach.weekly_otv)
    return Comparison(changes, change_tables(changes), summary, mentions)


def snapshot_mentions(old: Analysis, new: Analysis, *, old_label: str, new_label: str,
                      accounts: tuple[str, ...] = (), per: str = "snapshot") -> pd.DataFrame:
    """Dated mentions of ``accounts`` (default: the three most mentioned) in each snapshot or month, and who
    made them (:func:`socialmap.mentions.mention_counts`)."""
    relationships = {old_label: old.tables.relationships, new_label: new.tables.relationships}
    if old_label == new_label:
        relationships = {f"{old_label} (old)": old.tables.relationships, f"{new_label} (new)": new.tables.relationships}
    chosen = [_account_key(text, new, old) for text in accounts] or most_mentioned(relationships)
    return mention_counts(relationships, chosen, per=per, accounts_known=_known(old, new))


def _account_key(text: str, *analyses: Analysis) -> str:
    """The account ``text`` names, as ``--focus`` finds it (a handle on several platforms: "KBFoodbank (Facebook)",
    else the one with the most followers), in the first snapshot that has it; else ``text`` itself."""
    for analysis in analyses:
        try:
            return find_account(analysis.graph, text)
        except NoSuchAccount:
            continue
    return text


def build_change(
    old_accounts: Source,
    new_accounts: Source,
    old_relationships: Source | None = None,
    new_relationships: Source | None = None,
    *,
    areas: Source | pd.DataFrame | None = None,
    options: ChangeOptions = ChangeOptions(),
    progress: Progress = lambda stage: None,
) -> ChangeResult:
    """Load, analyse and compare two snapshots and draw the change map. Raises SocialMapError for bad input.

    ``areas`` places the areas for the geo layout, as for ``build_map``.
    """
    def older(stage: str) -> None:
        progress(f"{stage} (older snapshot)")

    old = analyse(load_tables(old_accounts, old_relationships, options=options.map, progress=older),
                  options=options.map, progress=older)
    new = analyse(load_tables(new_accounts, new_relationships, options=options.map, progress=progress),
                  options=options.map, progress=progress)
    progress("layout")
    arranged = arrange_view(new, change_map_options(options.map), read_areas(areas) if areas is not None else None)
    progress("render")
    return draw_change(old, new, arranged[1], options=options)


def draw_change(old: Analysis, new: Analysis, layout: Layout, *, options: ChangeOptions = ChangeOptions()
                ) -> ChangeResult:
    """Compare two analysed snapshots and draw the change on the new map's ``layout`` (the app caches each)."""
    comparison = compare(old, new, options=options)
    payload, text = change_content(old, new, comparison, layout, options=options)
    return ChangeResult(render_html(payload, text), comparison, old, new, payload, text)


def change_map_options(options: MapOptions) -> MapOptions:
    """The new map's options, without the overview or filters: a change map shows every account."""
    return replace(options, aggregate=None, only_platforms=(), only_areas=(), only_categories=(),
                   min_followers=None, focus=None, focus_steps=1)


def removed_positions(old: nx.DiGraph, removed: list[str], positions: dict[str, tuple[float, float]], *,
                      seed: int) -> dict[str, tuple[float, float]]:
    """Where to draw each removed account: the centroid of its old neighbours still on the map, jittered
    (seeded); with none there, on a ring just outside the map, evenly spaced."""
    rng = np.random.default_rng(seed)
    placed, lost = {}, []
    for node in removed:
        around = [positions[n] for n in (*old.predecessors(node), *old.successors(node)) if n in positions]
        if around:
            x, y = np.mean(around, axis=0) + rng.uniform(-1, 1, 2) * NODE_SPACING / 2
            placed[node] = (round(float(x), 1), round(float(y), 1))
        else:
            lost.append(node)
    if lost:
        points = np.array(list(positions.values()) or [(0.0, 0.0)])
        centre = points.mean(axis=0)
        radius = float(np.max(np.hypot(*(points - centre).T))) + 2 * NODE_SPACING
        for i, node in enumerate(lost):
            angle = 2 * math.pi * i / len(lost) + math.pi / 2
            placed[node] = (round(float(centre[0] + radius * math.cos(angle)), 1),
                            round(float(centre[1] + radius * math.sin(angle)), 1))
    return placed


def _growth_text(row: pd.Series, old_label: str) -> str:
    """One account's change, for its hover text."""
    def count(value: float) -> str:
        return "unknown" if pd.isna(value) else f"{value:,.0f}"

    status = row["status"]
    if status == "added":
        return f"new since {old_label}"
    if status == "removed":
        return f"removed since {old_label} (had {count(row['followers_old'])} followers)"
    text = f"{row['growth']}: {count(row['followers_old'])} \u2192 {count(row['followers_new'])} followers"
    if row["in_growth"]:
        change, percent = row["followers_change"], row["followers_change_pct"]
        sign = "+" if change >= 0 else "\u2212"
        text += f" ({sign}{abs(change):,.0f}" + ("" if pd.isna(percent) else f", {sign}{abs(percent):,.1f}%") + ")"
    return text


def _change_channels(graph: nx.DiGraph, changes: pd.DataFrame, *, growth: str, old_label: str
                     ) -> tuple[ColourChannel, SizeChannel]:
    """Colour by status and growth; size by the change in followers (absolute, log scale) or the % change."""
    by_key = changes.set_index("key")
    kinds = {}
    for node, data in graph.nodes(data=True):
        if data["placeholder"]:
            kinds[node] = "placeholder"
        else:
            row = by_key.loc[node]
            kinds[node] = row["status"] if row["status"] != "kept" else row["growth"]
    labels = {
        "added": f"New since {old_label}", "grew": "Grew", "same": "Same followers", "shrank": "Shrank",
        "unknown": "Followers unknown in one snapshot", "removed": f"Removed since {old_label} (pale, near its old place)",
        "placeholder": "Named in a relationship only",
    }
    counts = pd.Series(list(kinds.values())).value_counts()
    order = [kind for kind in CHANGE_COLOURS if counts.get(kind, 0)]
    legend = tuple({"label": labels[kind], "color": CHANGE_COLOURS[kind], "count": int(counts[kind])} for kind in order)
    colour = ColourChannel(legend, {node: order.index(kind) for node, kind in kinds.items()},
                           f"Colour: new since {old_label}, grew, same or shrank (followers), or removed.")
    column = "followers_change" if growth == "absolute" else "followers_change_pct"
    raw = {node: by_key.loc[node, column] if node in by_key.index else math.nan for node in graph}
    if growth == "absolute":
        value = {node: 0.0 if pd.isna(v) else math.log10(1 + abs(v)) for node, v in raw.items()}
        words = (f"Size: followers gained or lost since {old_label} (log scale; a new account's whole following "
                 "is a gain, a removed one's a loss); smallest = unknown.")
    else:
        known = [abs(v) for v in raw.values() if not pd.isna(v)]
        middle = float(np.median(known)) if known else 0.0
        value = {node: min(abs(v), 100.0) if not pd.isna(v) else
                 (middle if kinds[node] in ("added", "removed") else 0.0) for node, v in raw.items()}
        words = (f"Size: % change in followers since {old_label} (up to 100%); new and removed accounts at the "
                 "middle size; smallest = unknown.")
    return colour, SizeChannel({node: round(v, 6) for node, v in value.items()}, words)


def change_page(old: Analysis, new: Analysis, comparison: Comparison, layout: Layout, *,
                options: ChangeOptions = ChangeOptions()) -> str:
    """The change map page, on the new map's layout (``pipeline.arrange_view(new, ...)[1]``)."""
    return render_html(*change_content(old, new, comparison, layout, options=options))


def change_content(old: Analysis, new: Analysis, comparison: Comparison, layout: Layout, *,
                   options: ChangeOptions = ChangeOptions()) -> tuple[dict, PageText]:
    """The change map's payload and words (what :func:`change_page` renders; posters and slides draw them too)."""
    summary, changes = comparison.summary, comparison.changes
    graph = new.graph.copy()
    removed = [key for key in changes.loc[changes["status"] == "removed", "key"] if key in old.graph]
    positions = {node: layout.positions[node] for node in new.graph}
    positions.update(removed_positions(old.graph, removed, positions, seed=options.map.seed))
    membership = dict(new.partition.membership)
    names = list(new.partition.names)
    for key in removed:
        graph.add_node(key, **old.graph.nodes[key])
        name = old.partition.names[old.partition.membership[key]]
        if name not in names:
            names.append(name)
        membership[key] = names.index(name)
    by_key = changes.set_index("key")
    for node in graph:
        if node in by_key.index:
            data = graph.nodes[node]
            data["extra"] = {f"Change since {summary.old_label}": _growth_text(by_key.loc[node], summary.old_label),
                             **(data["extra"] or {})}
    colour, size = _change_channels(graph, changes, growth=options.growth, old_label=summary.old_label)
    files = [f for f in (old.tables.accounts_file, old.tables.relationships_file, new.tables.accounts_file,
                         new.tables.relationships_file) if f]
    map_options = options.map
    text = PageText(
        map_options.title,
        map_options.subtitle if map_options.subtitle is not None else
        f"{summary.old_label} \u2192 {summary.new_label}: {summary.headline()}",
        source=map_options.source or "",
        data_date=map_options.data_date or "",
        about=tuple(how_change_was_made(summary=summary, files=files, colour=colour.description,
                                        size=size.description, layout=map_options.layout, seed=map_options.seed)),
        reach=change_panel(summary, changes, comparison.by("area"), comparison.by("platform")),
    )
    partition = Partition(membership, tuple(names), new.partition.other)
    payload = map_payload(graph, partition, replace(layout, positions=positions), text, colour=colour, size=size,
                          faint_links=map_options.layout == "mindmap", overview_above=map_options.overview_above)
    order = {node: i for i, node in enumerate(graph)}
    payload["nodes"]["faded"] = [order[key] for key in removed]  # drawn see-through where the page supports it
    return payload, text
