"""Change and trend for the app: one call each from uploaded files, and the tables it offers to download.

The app keeps each stage in its own cache (an earlier snapshot is analysed
like the current one, and the change map reuses the current map's layout);
these functions are the glue between those stages and socialmap.changemap
and socialmap.trend, kept out of app.py so they can be tested without
Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from .change import ChangeSummary
from .changemap import Comparison, change_map_options, snapshot_mentions
from .inputs.columns import ColumnMap
from .inputs.files import InputFile
from .options import ChangeOptions, MapOptions
from .pipeline import Analysis
from .trend import headline as trend_headline
from .trend import load_snapshots, trend_table
from .trendpage import trend_page

__all__ = ["change_map_options", "change_options", "change_headline", "change_downloads", "account_rows", "mentions_of",
           "dates_list", "trend_of", "trend_headline", "trend_rows", "TREND_HEADINGS"]

TREND_HEADINGS = {"label": "Snapshot", "accounts": "Accounts", "potential_reach": "Potential reach",
                  "weekly_otv": "Weekly OTV", "potential_reach_pct_from_first": "Reach, % since first",
                  "weekly_otv_pct_from_first": "OTV, % since first"}


def trend_rows(overall: pd.DataFrame) -> pd.DataFrame:
    """The trend table as the app shows it: one row per snapshot in TREND_HEADINGS' words, with nothing (not 0%)
    as the first snapshot's change since the first."""
    rows = overall[list(TREND_HEADINGS)].reset_index(drop=True)
    changes = [column for column in TREND_HEADINGS if column.endswith("_from_first")]
    rows[changes] = rows[changes].astype("Float64")
    rows.loc[0, changes] = pd.NA
    return rows.rename(columns=TREND_HEADINGS)


def change_options(options: MapOptions, *, growth: str, old_label: str | None = None,
                   new_label: str | None = None) -> ChangeOptions:
    """How the app compares: the current map's look, the chosen growth scale and the snapshots' names."""
    return ChangeOptions(map=replace(change_map_options(options), title=f"What changed: {options.title}",
                                     subtitle=None),
                         growth=growth, old_label=old_label, new_label=new_label)


def _compact_signed(value: float | None, unit: str = "") -> str | None:
    if value is None or pd.isna(value):
        return None
    return f"{value:+,.1f}{unit}" if unit else f"{value:+,.0f}"


def change_headline(summary: ChangeSummary) -> list[tuple[str, str, str | None]]:
    """(label, value now, change) of each headline figure of a comparison, for the app's metric boxes."""
    return [
        ("Accounts", f"{summary.accounts_new:,}", _compact_signed(summary.accounts_new - summary.accounts_old)),
        ("Added / removed", f"+{summary.added:,} / \u2212{summary.removed:,}", None),
        ("Potential reach", f"{summary.potential_reach_new:,.0f}", _compact_signed(summary.reach_change_pct, "%")),
        ("Weekly OTV", f"{summary.weekly_otv_new:,.0f}", _compact_signed(summary.otv_change_pct, "%")),
    ]


def account_rows(comparison: Comparison) -> pd.DataFrame:
    """The per-account table as the app shows it: added first, then by the change in followers."""
    order = {"added": 0, "removed": 1, "kept": 2}
    changes = comparison.changes.drop(columns=["key"])
    ranked = changes.assign(_order=changes["status"].map(order)).sort_values(
        ["_order", "followers_change", "id"], ascending=[True, False, True], na_position="last", kind="stable")
    return ranked.drop(columns=["_order"]).reset_index(drop=True)


_DOWNLOAD_LABELS = {"": "Changes per account (CSV)", "-by-group": "Changes by group (CSV)",
                    "-mentions": "Mentions (CSV)"}


def change_downloads(comparison: Comparison, mentions: pd.DataFrame | None = None) -> list[tuple[str, str, pd.DataFrame]]:
    """(file-name suffix, button label, table) of each CSV the CLI's ``--report`` writes, in its order
    (``mentions``: the mentions table shown, when other accounts or periods were picked)."""
    return [(suffix, _DOWNLOAD_LABELS[suffix], table) for suffix, table in comparison.reports(mentions).items()]


def mentions_of(old: Analysis, new: Analysis, summary: ChangeSummary, accounts: tuple[str, ...],
                per: str) -> pd.DataFrame:
    """The mentions table of a comparison for other accounts or periods (``compare`` counts the defaults)."""
    return snapshot_mentions(old, new, old_label=summary.old_label, new_label=summary.new_label, accounts=accounts,
                             per=per)


def dates_list(text: str | None) -> tuple[str, ...] | None:
    """``"2026-08-31, 2026-09-30"`` as its parts; blank: None (each file's name gives its date)."""
    parts = tuple(part.strip() for part in (text or "").split(",") if part.strip())
    return parts or None


def trend_of(files: Sequence[InputFile], dates: str | None, options: MapOptions,
             columns: Sequence[ColumnMap] | None = None) -> tuple[pd.DataFrame, str]:
    """The trend table and page of several accounts files (at least two); raises SocialMapError for bad
    files or dates. ``columns``: each file's column picks, where they are not ``options.account_columns``."""
    each = [replace(options, account_columns=picks) for picks in columns] if columns else options
    table = trend_table(load_snapshots(list(files), dates=dates_list(dates), options=each))
    return table, trend_page(table, title=f"Trend: {options.title}")
