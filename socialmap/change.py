"""What changed between two snapshots of the accounts: pure functions over DataFrames.

Accounts are matched as loading matches them: an account is a platform and
a handle (:mod:`socialmap.inputs.identity`; case, a leading ``@`` and accents
ignored), and a blank platform matches any. An account is added,
removed or kept; a kept account grew, shrank or stayed the same.

Two growth figures are given side by side. The change in potential reach
and weekly OTV compares the totals each map shows (what ``socialmap build``
and ``socialmap trend`` print for each file). The like-for-like change
counts only the accounts whose follower count is known in each snapshot
they are in (an added account's whole following is a gain, a removed one's
a loss): an account going from "unknown" to 5,000 adds to the totals but is
not growth. Every summary says how many accounts were left out of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .caveats import POSSIBLE_IMPRESSIONS, UPPER_BOUND
from .inputs.identity import platform_key
from .inputs.values import id_key

__all__ = [
    "CHANGE_COLUMNS", "GROUP_COLUMNS", "GROUPINGS", "ChangeSummary", "account_changes", "group_changes",
    "change_tables", "change_summary",
]

GROUPINGS = ("area", "platform", "category", "community")
_KEPT_TEXT = ("name", "platform", "area", "category", "community", "url")
CHANGE_COLUMNS = [
    "id", "name", "platform", "area", "category", "community", "status", "growth",
    "followers_old", "followers_new", "followers_change", "followers_change_pct",
    "weekly_otv_old", "weekly_otv_new", "weekly_otv_change", "weekly_otv_change_pct", "in_growth", "url", "key",
]
GROUP_COLUMNS = [
    "by", "group", "accounts_old", "accounts_new", "added", "removed", "kept", "grew", "same", "shrank",
    "not_in_growth", "potential_reach_old", "potential_reach_new", "followers_change", "followers_change_pct",
    "weekly_otv_old", "weekly_otv_new", "weekly_otv_change", "weekly_otv_change_pct",
]


def _accounts(metrics: pd.DataFrame) -> pd.DataFrame:
    """Real accounts (no placeholders) with the columns a comparison needs.

    ``key`` is the node key when the table has one (``compare`` adds it),
    else the id's matching key; ``handle`` and ``platform_key`` are what
    accounts are matched by.
    """
    accounts = metrics[~metrics["placeholder"].astype(bool)]
    handles = [id_key(str(value)) for value in accounts["id"]]
    frame = pd.DataFrame({
        "key": accounts["key"].tolist() if "key" in accounts else handles,
        "handle": handles,
        "platform_key": [platform_key(value) for value in accounts["platform"]],
        "id": accounts["id"].tolist(),
        **{name: accounts[name].fillna("").astype(str).tolist() for name in _KEPT_TEXT},
        "followers": accounts["followers"].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
        "weekly_otv": accounts["weekly_otv"].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
    })
    return frame.drop_duplicates("key").reset_index(drop=True)


def _matched(before: pd.DataFrame, after: pd.DataFrame) -> tuple[list[int], list[int]]:
    """A match number for each account of each snapshot: the same number for the same account.

    An account is a platform and a handle, as loading reads it: the same
    handle and platform match; an account with a blank platform matches the
    other snapshot's only account of its handle not matched yet, or the one
    of those with the most followers.
    """
    numbers_before, numbers_after = [-1] * len(before), [-1] * len(after)
    exact: dict[tuple[str, str], int] = {}
    for i, identity in enumerate(zip(before["handle"], before["platform_key"])):
        exact.setdefault(identity, i)
    count = 0
    for j, identity in enumerate(zip(after["handle"], after["platform_key"])):
        i = exact.pop(identity, None)
        if i is not None:
            numbers_before[i] = numbers_after[j] = count
            count += 1
    for mine, theirs, mine_numbers, their_numbers in ((after, before, numbers_after, numbers_before),
                                                      (before, after, numbers_before, numbers_after)):
        open_by_handle: dict[str, list[int]] = {}
        for i, handle in enumerate(theirs["handle"]):
            if their_numbers[i] < 0:
                open_by_handle.setdefault(handle, []).append(i)
        for j, (handle, platform) in enumerate(zip(mine["handle"], mine["platform_key"])):
            candidates = open_by_handle.get(handle, [])
            if platform:  # only an account with no platform can match one with a platform
                candidates = [i for i in candidates if not theirs["platform_key"][i]]
            if mine_numbers[j] >= 0 or not candidates:
                continue
            followers = theirs["followers"]
            i = min(candidates, key=lambda i: (-followers[i] if not np.isnan(followers[i]) else np.inf, i))
            open_by_handle[handle].remove(i)
            mine_numbers[j] = their_numbers[i] = count
            count += 1
    for numbers in (numbers_before, numbers_after):
        for position, number in enumerate(numbers):
            if number < 0:
                numbers[position] = count
                count += 1
    return numbers_before, numbers_after


def _percent(change: pd.Series, base: pd.Series) -> pd.Series:
    """100 x change / base, rounded to 0.1; NaN where the base is unknown or zero."""
    base = base.astype(float)
    return (100 * change.astype(float) / base.where(base != 0)).round(1)


def account_changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per account in either snapshot: status, growth and the change in followers and weekly OTV.

    ``old`` and ``new`` are metrics tables (``MapResult.metrics`` or
    ``Analysis.metrics``; placeholders are left out). Rows: the new
    snapshot's accounts in its order, then the removed ones in the old
    order. Text columns (name, area, community...) come from the new
    snapshot, or the old one for a removed account. ``growth`` is grew,
    same, shrank or unknown for a kept account, blank otherwise;
    ``in_growth`` says whether the account counts in growth figures (its
    follower count is known in each snapshot it is in). Changes and %
    changes are blank (NaN) where they cannot be told; an added account's
    change is its whole following, a removed one's minus its last.

    Examples
    --------
    >>> old = pd.DataFrame({"id": ["@a", "b"], "name": ["A", "B"], "platform": "", "area": "", "category": "",
    ...                     "community": "", "url": "", "followers": [100, 50], "weekly_otv": [100, 50],
    ...                     "placeholder": False})
    >>> new = old.assign(id=["A", "c"], followers=[120, 10], weekly_otv=[120, 10])
    >>> account_changes(old, new)[["id", "status", "growth", "followers_change"]].values.tolist()
    [['A', 'kept', 'grew', 20], ['c', 'added', '', 10], ['b', 'removed', '', -50]]
    """
    before, after = _accounts(old), _accounts(new)
    matches_before, matches_after = _matched(before, after)
    before, after = before.assign(match=matches_before), after.assign(match=matches_after)
    both = after.merge(before, on="match", how="outer", suffixes=("", "_old"), indicator=True, sort=False)
    order: dict[int, int] = {}
    for match in (*after["match"], *before["match"]):
        order.setdefault(match, len(order))
    both = both.iloc[np.argsort([order[match] for match in both["match"]], kind="stable")].reset_index(drop=True)
    status = both["_merge"].map({"both": "kept", "left_only": "added", "right_only": "removed"}).astype(str)
    removed = status == "removed"
    for name in ("id", "key", *_KEPT_TEXT):
        both[name] = both[name].where(~removed, both[f"{name}_old"])
    # a removed account keyed like a new one (a handle that moved platform): keys stay unique
    clash = removed & both["key"].isin(set(after["key"]))
    both.loc[clash, "key"] = [f"{key} ({platform}, removed)" for key, platform in
                              zip(both.loc[clash, "key"], both.loc[clash, "platform_key_old"])]
    old_f, new_f = both["followers_old"].astype(float), both["followers"].astype(float)
    known_old, known_new = old_f.notna(), new_f.notna()
    in_growth = np.select([status == "kept", status == "added"], [known_old & known_new, known_new], known_old)
    result = both[["id", *_KEPT_TEXT[:5]]].copy()
    result["status"] = status
    kept_known = (status == "kept") & in_growth
    result["growth"] = np.where(status != "kept", "", np.where(
        ~kept_known, "unknown", np.where(new_f > old_f, "grew", np.where(new_f < old_f, "shrank", "same"))))
    for figure in ("followers", "weekly_otv"):
        before_value = both[f"{figure}_old"].astype(float)
        after_value = both[figure].astype(float)
        change = after_value.fillna(0) - before_value.fillna(0)
        result[f"{figure}_old"] = before_value
        result[f"{figure}_new"] = after_value
        result[f"{figure}_change"] = change.where(in_growth)
        result[f"{figure}_change_pct"] = _percent(change, before_value).where(kept_known)
    for name in ("followers_old", "followers_new", "followers_change", "weekly_otv_old", "weekly_otv_new",
                 "weekly_otv_change"):
        result[name] = result[name].round().astype("Int64")
    result["in_growth"] = in_growth.astype(bool)
    result["url"] = both["url"]
    result["key"] = both["key"]
    return result[CHANGE_COLUMNS]


def _group(changes: pd.DataFrame, column: str) -> pd.DataFrame:
    """Counts and totals per value of ``column`` (blank is "Not given")."""
    frame = changes.assign(group=changes[column].replace("", "Not given").fillna("Not given"))
    counted = frame.assign(
        in_old=frame["status"] != "added", in_new=frame["status"] != "removed",
        added=frame["status"] == "added", removed=frame["status"] == "removed", kept=frame["status"] == "kept",
        grew=frame["growth"] == "grew", same=frame["growth"] == "same", shrank=frame["growth"] == "shrank",
        not_in_growth=~frame["in_growth"],
        reach_old=frame["followers_old"].fillna(0), reach_new=frame["followers_new"].fillna(0),
        otv_old=frame["weekly_otv_old"].fillna(0), otv_new=frame["weekly_otv_new"].fillna(0),
        base_followers=frame["followers_old"].where(frame["in_growth"]).fillna(0),
        base_otv=frame["weekly_otv_old"].where(frame["in_growth"]).fillna(0),
    )
    sums = counted.groupby("group", sort=True)[[
        "in_old", "in_new", "added", "removed", "kept", "grew", "same", "shrank", "not_in_growth", "reach_old",
        "reach_new", "followers_change", "base_followers", "otv_old", "otv_new", "weekly_otv_change", "base_otv",
    ]].sum()
    table = pd.DataFrame({
        "by": column, "group": sums.index,
        "accounts_old": sums["in_old"].astype(int), "accounts_new": sums["in_new"].astype(int),
        **{name: sums[name].astype(int) for name in ("added", "removed", "kept", "grew", "same", "shrank",
                                                      "not_in_growth")},
        "potential_reach_old": sums["reach_old"].round().astype("int64"),
        "potential_reach_new": sums["reach_new"].round().astype("int64"),
        "followers_change": sums["followers_change"].round().astype("int64"),
        "followers_change_pct": _percent(sums["followers_change"], sums["base_followers"]),
        "weekly_otv_old": sums["otv_old"].round().astype("int64"),
        "weekly_otv_new": sums["otv_new"].round().astype("int64"),
        "weekly_otv_change": sums["weekly_otv_change"].round().astype("int64"),
        "weekly_otv_change_pct": _percent(sums["weekly_otv_change"], sums["base_otv"]),
    })
    return table.reset_index(drop=True)[GROUP_COLUMNS]


def group_changes(changes: pd.DataFrame, column: str) -> pd.DataFrame:
    """Totals and changes per area, platform, category or community, largest potential reach now first.

    potential_reach_old/new are the sums of known followers each map
    showed; followers_change and its % are like for like (accounts in
    growth only), so they can differ from the difference of the two
    totals; not_in_growth says how many accounts were left out.
    """
    table = _group(changes, column)
    return table.sort_values(["potential_reach_new", "group"], ascending=[False, True]).reset_index(drop=True)


def change_tables(changes: pd.DataFrame) -> pd.DataFrame:
    """Every grouping (area, platform, category, community) in one long table, plus an "all" row first."""
    total = _group(changes.assign(everything="All accounts"), "everything").assign(by="all")
    return pd.concat([total, *(group_changes(changes, column) for column in GROUPINGS)], ignore_index=True)


@dataclass(frozen=True)
class ChangeSummary:
    """The headline figures of a comparison, with the counts their caveats need."""

    old_label: str
    new_label: str
    accounts_old: int
    accounts_new: int
    added: int
    removed: int
    kept: int
    grew: int
    same: int
    shrank: int
    not_in_growth: int  # counted as accounts, left out of the growth figures
    potential_reach_old: float
    potential_reach_new: float
    weekly_otv_old: float
    weekly_otv_new: float
    followers_change: float
    followers_change_pct: float | None
    kept_followers_change_pct: float | None  # the accounts in both snapshots alone
    weekly_otv_change: float
    weekly_otv_change_pct: float | None

    @property
    def reach_change_pct(self) -> float | None:
        """The change in potential reach, from total to total (as each map and the trend show it)."""
        return _total_change_pct(self.potential_reach_old, self.potential_reach_new)

    @property
    def otv_change_pct(self) -> float | None:
        """The change in weekly opportunities to view, from total to total."""
        return _total_change_pct(self.weekly_otv_old, self.weekly_otv_new)

    def headline(self) -> str:
        """``+24 accounts, −5 removed, potential reach +8.1% (like for like +7.1%), weekly opportunities to
        view +6.4% (like for like +5.2%)``."""
        return (f"+{_accounts_text(self.added)}, \u2212{self.removed:,} removed, potential reach "
                f"{_signed_pct(self.reach_change_pct)} (like for like {_signed_pct(self.followers_change_pct)}), "
                f"weekly opportunities to view {_signed_pct(self.otv_change_pct)} "
                f"(like for like {_signed_pct(self.weekly_otv_change_pct)})")

    def sentences(self) -> list[str]:
        """The figures in words, each with its caveat, for the CLI and the page."""
        lines = [
            f"Accounts: {self.accounts_old:,} in {self.old_label}, {self.accounts_new:,} in {self.new_label} "
            f"({self.added:,} added, {self.removed:,} removed, {self.kept:,} in both).",
            f"Potential reach was {self.potential_reach_old:,.0f} and is {self.potential_reach_new:,.0f} "
            f"({_signed(self.potential_reach_new - self.potential_reach_old)}, {_signed_pct(self.reach_change_pct)}): "
            f"sums of followers, each {UPPER_BOUND}. Like for like, counting only follower counts known in each snapshot "
            f"(added and removed accounts included): {_signed(self.followers_change)} "
            f"({_signed_pct(self.followers_change_pct)}); the {_accounts_text(self.kept)} in both changed by "
            f"{_signed_pct(self.kept_followers_change_pct)} ({self.grew:,} grew, {self.same:,} stayed the same, "
            f"{self.shrank:,} shrank).",
            f"Weekly opportunities to view were {self.weekly_otv_old:,.0f} and are {self.weekly_otv_new:,.0f} "
            f"({_signed_pct(self.otv_change_pct)}; like for like {_signed(self.weekly_otv_change)}, "
            f"{_signed_pct(self.weekly_otv_change_pct)}): {POSSIBLE_IMPRESSIONS}.",
        ]
        if self.not_in_growth:
            lines.append(f"{self.not_in_growth:,} account{'s have' if self.not_in_growth != 1 else ' has'} no follower "
                         "count in one or both snapshots: counted as accounts, left out of the growth figures.")
        return lines


def _accounts_text(count: int) -> str:
    return f"{count:,} account{'' if count == 1 else 's'}"


def _signed(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    return f"+{value:,.0f}" if value >= 0 else f"\u2212{-value:,.0f}"


def _signed_pct(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "unknown %"
    return f"+{value:,.1f}%" if value >= 0 else f"\u2212{-value:,.1f}%"


def _total_change_pct(old: float, new: float) -> float | None:
    return round(100 * (new - old) / old, 1) if old else None


def _none_if_nan(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def change_summary(changes: pd.DataFrame, *, old_label: str = "the old snapshot",
                   new_label: str = "the new snapshot") -> ChangeSummary:
    """The headline figures over every account of an :func:`account_changes` table."""
    total = _group(changes.assign(everything="all"), "everything").iloc[0]
    kept = changes[(changes["status"] == "kept") & changes["in_growth"]]
    kept_pct = _percent(pd.Series([float(kept["followers_change"].sum())]),
                        pd.Series([float(kept["followers_old"].sum())]))[0]
    return ChangeSummary(
        old_label, new_label, int(total["accounts_old"]), int(total["accounts_new"]), int(total["added"]),
        int(total["removed"]), int(total["kept"]), int(total["grew"]), int(total["same"]), int(total["shrank"]),
        int(total["not_in_growth"]), float(total["potential_reach_old"]), float(total["potential_reach_new"]),
        float(total["weekly_otv_old"]), float(total["weekly_otv_new"]),
        float(total["followers_change"]), _none_if_nan(total["followers_change_pct"]), _none_if_nan(kept_pct),
        float(total["weekly_otv_change"]), _none_if_nan(total["weekly_otv_change_pct"]),
    )
