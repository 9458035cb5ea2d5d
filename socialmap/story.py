"""The words around the map: the reach summary and how the map was made.

A map emailed to a senior manager has to explain itself without the app:
these functions turn the figures and the loading report into short plain
sentences and small tables (plain data; the template escapes them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from .change import ChangeSummary
from .errors import Issue
from .importance import by_followers
from .gaps import Gap
from .metrics import OUTCOME_CAVEAT, REACH_CAVEAT, UNKNOWN_REACH, ReachSummary, reach_by, unknown_followers_sentence
from .shape import Shape
from .words import count_of

__all__ = ["ReachPanel", "reach_panel", "change_panel", "how_it_was_made", "how_change_was_made", "LAYOUT_WORDS"]

METHOD_NAMES = {"louvain": "Louvain method", "leiden": "Leiden method (every community connected)"}
LAYOUT_WORDS = {
    "force": "Accounts that link to each other are drawn close together, and each community has its own patch.",
    "communities": "Each box holds one group of the key (a community; for a list without links, one colour), "
                   "as large as its accounts need.",
    "mindmap": "The region is in the centre, its areas around it, each area's branches around the area, "
               "and each branch's accounts around the branch, largest nearest.",
    "geo": "Each area's accounts sit round the area's place on the map, north at the top; "
           "crowded places are nudged apart.",
}


@dataclass(frozen=True)
class ReachPanel:
    """Headline figures with their caveats, the top accounts and reach by area and by platform."""

    headline: list[tuple[str, str]]
    caveats: list[str]
    top: list[dict] = field(default_factory=list)
    by_area: list[dict] = field(default_factory=list)
    by_platform: list[dict] = field(default_factory=list)
    heading: str = "Reach"  # the panel's title ("Change since ..." on a change map)
    top_heading: str = ""  # the top list's title (default: "Top N accounts by followers")
    top_column: str = "Followers"  # what its last column shows
    button: str = "Reach"  # the button that opens it ("What changed" on a change map)
    shape: str = ""  # the network's shape in one sentence
    shape_figures: str = ""  # the figures behind it
    gaps: list[str] = field(default_factory=list)  # "A and B: 3 links between 32 and 11 accounts; X links to both"


def _figure(value) -> str:
    return "unknown" if pd.isna(value) else f"{value:,}"


def _rows(table: pd.DataFrame, column: str, limit: int) -> list[dict]:
    return [
        {"name": row[column], "accounts": f"{row['accounts']:,}", "reach": _figure(row["potential_reach"]),
         "otv": _figure(row["weekly_otv"])}
        for _, row in table.head(limit).iterrows()
    ]


def reach_panel(reach: ReachSummary, metrics: pd.DataFrame, *, top: int = 10, rows: int = 8,
                shape: Shape | None = None, gaps: tuple[Gap, ...] = ()) -> ReachPanel:
    """The reach summary of the accounts shown: its top list is the most important accounts (most
    followed, or most linked when most accounts have no follower count); the whole network's ``shape``
    and ``gaps``, when given."""
    accounts = metrics[~metrics["placeholder"].astype(bool)]
    ranked = accounts.sort_values("importance", kind="stable").head(top)
    caveats = [REACH_CAVEAT, reach.visibility.sentence(), OUTCOME_CAVEAT]
    if reach.assumed_one_post and not reach.followers_unknown:
        caveats.insert(1, f"{count_of(reach.assumed_one_post, 'account')} give no posting rate and "
                          f"{'is' if reach.assumed_one_post == 1 else 'are'} counted at one post a week.")
    if reach.unknown_followers and not reach.followers_unknown:
        caveats.insert(1, unknown_followers_sentence(reach.unknown_followers, "these figures"))
    if reach.followers_unknown:
        caveats.insert(0, f"Potential reach and weekly opportunities to view: {UNKNOWN_REACH}. Accounts are sized "
                          "and listed by their links.")
    linked = not by_followers(len(accounts) - int(accounts["followers"].isna().sum()), len(accounts),
                              int(metrics["degree"].sum()) // 2)
    return ReachPanel(
        headline=[
            ("Accounts", f"{reach.accounts:,}"),
            ("Platforms", f"{reach.platforms:,}"),
            ("Potential reach (followers)", "unknown" if reach.followers_unknown else f"{reach.potential_reach:,.0f}"),
            ("Weekly opportunities to view", "unknown" if reach.followers_unknown else f"{reach.weekly_otv:,.0f}"),
            ("Likely impressions a week (estimate)",
             "unknown" if reach.followers_unknown else f"{reach.likely_impressions:,.0f}"),
        ],
        caveats=caveats,
        top=[
            {"name": row["name"] or row["id"], "platform": row["platform"], "area": row["area"],
             "followers": f"{row['degree']:,}" if linked else
             "unknown" if pd.isna(row["followers"]) else f"{row['followers']:,}"}
            for _, row in ranked.iterrows()
        ],
        by_area=_rows(reach_by(accounts, "area"), "area", rows),
        by_platform=_rows(reach_by(accounts, "platform"), "platform", rows),
        top_heading=(f"Top {len(ranked)} accounts by links (PageRank: a link from a well-linked account counts "
                     "for more)" if linked
                     else f"Top {len(ranked)} accounts by followers"),
        top_column="Links" if linked else "Followers",
        shape=f"{shape.sentence}." if shape is not None else "",
        shape_figures=f"Measured: {shape.evidence()}." if shape is not None and shape.evidence() else "",
        gaps=[gap.sentence() + "." for gap in gaps],
    )


def _warning_kinds(issues: tuple[Issue, ...]) -> list[str]:
    """What loading skipped or repaired, counted by kind, in words."""
    kinds: Counter = Counter()
    for issue in issues:
        message = issue.message
        if "blank row" in message:
            kinds["blank rows skipped"] += 1
        elif "merged" in message:
            kinds["repeated accounts merged"] += 1
        elif "placeholder" in message:
            kinds["accounts named only in the relationships, added as placeholders"] += 1
        elif "link dropped" in message:
            kinds["links that were not web addresses dropped"] += 1
        elif "skipped" in message:
            kinds["rows skipped"] += 1
        else:
            kinds["other warnings"] += 1
    return [f"{count:,} {kind}" for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))]


def how_it_was_made(
    *,
    files: list[str],
    data_date: str | None,
    accounts: int,
    relationships: int,
    communities: int,
    colour: str,
    size: str,
    layout: str,
    issues: tuple[Issue, ...],
    seed: int,
    method: str = "louvain",
    resolution: float = 1.0,
    asked: int | None = None,
    shape: Shape | None = None,
) -> list[str]:
    """A few plain sentences: the data, what colour, size and position mean, and what was repaired."""
    dated = f", dated {data_date}" if data_date else ""
    sentences = [
        f"Made with socialmap from {' and '.join(files)}{dated}: {count_of(accounts, 'account')}"
        + (f" and {count_of(relationships, 'relationship')} between them." if relationships
           else ", with no relationships."),
        f"{colour} {size}",
        LAYOUT_WORDS.get(layout, ""),
    ]
    if relationships:
        if asked is None:
            fitted = f"at resolution {resolution:.3g}"
        elif asked == communities:
            fitted = f"{asked:,} were asked for, and resolution {resolution:.3g} gives them"
        else:
            fitted = f"{asked:,} were asked for; resolution {resolution:.3g} came nearest"
        sentences.append(
            f"Communities ({communities:,}) were found with the {METHOD_NAMES.get(method, method)} on the links "
            f"({fitted}), with a fixed seed ({seed}), so the same data always gives the same map; communities of "
            "fewer than three accounts are grouped as Other."
        )
    if shape is not None:
        sentences.append(shape.described())  # "Community clusters: ...", with its figures
    unplaced = [issue.message for issue in issues if " no place: " in issue.message]  # from the geo layout
    sentences.extend(f"{message}." for message in unplaced)
    repaired = _warning_kinds(tuple(issue for issue in issues if issue.message not in unplaced))
    sentences.append(
        "On loading: " + "; ".join(repaired) + "." if repaired else "Every row of the files was read as it was."
    )
    return [sentence for sentence in sentences if sentence]


def _with_change(value: float, change: float | None, percent: float | None = None) -> str:
    """``"1,234 (+56, +4.8%)"``: a figure now and how it changed (parts that are known)."""
    parts = []
    if change is not None and not pd.isna(change):
        parts.append(f"+{change:,.0f}" if change >= 0 else f"\u2212{-change:,.0f}")
    if percent is not None and not pd.isna(percent):
        parts.append(f"+{percent:,.1f}%" if percent >= 0 else f"\u2212{-percent:,.1f}%")
    return f"{value:,.0f}" + (f" ({', '.join(parts)})" if parts else "")


def _signed_percent(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    return f"+{value:,.1f}%" if value >= 0 else f"\u2212{-value:,.1f}%"


def _change_rows(groups: pd.DataFrame, limit: int) -> list[dict]:
    return [
        {"name": row["group"],
         "accounts": _with_change(row["accounts_new"], row["accounts_new"] - row["accounts_old"]),
         "reach": _with_change(row["potential_reach_new"], None, row["followers_change_pct"]),
         "otv": _with_change(row["weekly_otv_new"], None, row["weekly_otv_change_pct"])}
        for _, row in groups.head(limit).iterrows()
    ]


def change_panel(summary: ChangeSummary, changes: pd.DataFrame, by_area: pd.DataFrame, by_platform: pd.DataFrame,
                 *, top: int = 10, rows: int = 8) -> ReachPanel:
    """The change summary: headline figures with their caveats, the largest accounts now, and change by
    area and by platform (``change.group_changes`` tables; % changes are like for like)."""
    present = changes[changes["status"] != "removed"]
    ranked = present.sort_values(["followers_new", "id"], ascending=[False, True], na_position="last").head(top)
    caveats = [summary.headline() + ".", *summary.sentences()[1:]]
    caveats.append("Percentages in the tables are like for like: accounts whose follower count is known in each "
                   "snapshot they are in.")
    caveats += [REACH_CAVEAT, OUTCOME_CAVEAT]  # as the map's reach panel says them
    return ReachPanel(
        headline=[
            ("Accounts", f"{summary.accounts_old:,} \u2192 {summary.accounts_new:,} (+{summary.added:,} new, "
                         f"\u2212{summary.removed:,} removed)"),
            ("Potential reach", f"{_signed_percent(summary.reach_change_pct)} (like for like "
                                f"{_signed_percent(summary.followers_change_pct)})"),
            ("Weekly opportunities to view", f"{_signed_percent(summary.otv_change_pct)} (like for like "
                                             f"{_signed_percent(summary.weekly_otv_change_pct)})"),
            ("In both: grew / same / shrank", f"{summary.grew:,} / {summary.same:,} / {summary.shrank:,}"),
        ],
        caveats=caveats,
        top=[
            {"name": row["name"] or row["id"], "platform": row["platform"], "area": row["area"],
             "followers": "unknown" if pd.isna(row["followers_new"]) else _with_change(
                 row["followers_new"], row["followers_change"] if row["status"] == "kept" else None,
                 row["followers_change_pct"])}
            for _, row in ranked.iterrows()
        ],
        by_area=_change_rows(by_area, rows),
        by_platform=_change_rows(by_platform, rows),
        heading=f"Change since {summary.old_label}",
        button="What changed",
    )


def how_change_was_made(*, summary: ChangeSummary, files: list[str], colour: str, size: str, layout: str,
                        seed: int) -> list[str]:
    """A few plain sentences on a change map: the snapshots, matching, and what colour, size and place mean."""
    return [sentence for sentence in (
        f"Made with socialmap by comparing {summary.old_label} with {summary.new_label} ({' and '.join(files)}).",
        "Accounts are matched by id, ignoring case and a leading @. The map is the newer snapshot's, laid out with "
        f"a fixed seed ({seed}); a removed account is drawn faded near the accounts it was linked to, which are "
        "still there (or at the edge when none are).",
        f"{colour} {size}",
        LAYOUT_WORDS.get(layout, ""),
        *summary.sentences(),
    ) if sentence]
