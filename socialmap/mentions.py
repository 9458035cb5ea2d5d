"""Dated mentions of chosen accounts, per snapshot or per month, and who made them.

For monitoring what is said about an organisation: a relationships file's
rows of type ``mentions`` with a ``date`` (see :mod:`socialmap.inputs.dates`).
Pure functions over the relationships tables that loading gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .inputs.values import id_key

__all__ = ["MENTION_COLUMNS", "mention_counts", "most_mentioned"]

MENTION_COLUMNS = ["account", "name", "period", "mentions", "by_accounts", "made_by"]


def _mentions(relationships: pd.DataFrame | None) -> pd.DataFrame:
    """The dated mentions of a relationships table (type "mention(s)", with a date)."""
    if relationships is None or relationships.empty:
        return pd.DataFrame(columns=["source", "target", "source_id", "target_id", "date"])
    kinds = relationships["type"].fillna("").astype(str).str.strip().str.casefold()
    return relationships[kinds.isin(("mentions", "mention")) & relationships["date"].notna()]


def most_mentioned(relationships: Mapping[str, pd.DataFrame | None], *, count: int = 3) -> list[str]:
    """The keys of the accounts that received the most dated mentions over every table (ties by key)."""
    targets = pd.concat([_mentions(frame)["target"] for frame in relationships.values()], ignore_index=True)
    if targets.empty:
        return []
    counts = targets.value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [key for key, _ in ranked[:count]]


def mention_counts(
    relationships: Mapping[str, pd.DataFrame | None], accounts: Sequence[str], *, per: str = "snapshot",
    accounts_known: Mapping[str, tuple[str, str]] | None = None, top: int = 5,
) -> pd.DataFrame:
    """Dated mentions of each chosen account per period, and who made them.

    ``relationships``: {label: relationships table} in time order (the old
    and new snapshot's files); ``accounts``: ids or keys; ``per``:
    "snapshot" (one period per table, its label) or "month" (calendar
    months; a month's mentions are taken from the newest table that has
    any in that month, so a file that repeats older mentions does not
    count them twice). Each dated row of
    type mentions is one mention (its weight is a strength, not a count).
    ``accounts_known``: {key: (id, name)} of the accounts files, to show
    each account as its file writes it. Columns: account (its id), name,
    period, mentions, by_accounts (how
    many accounts made them) and made_by (the ``top`` most frequent, with
    counts: ``"@bob (3); cat (2)"``). Every chosen account has a row for
    every period, 0 when it was not mentioned.
    """
    if per not in ("snapshot", "month"):
        raise ValueError(f"per must be snapshot or month, not {per!r}")
    known = dict(accounts_known or {})
    frames = []
    for number, (label, frame) in enumerate(relationships.items()):
        mentions = _mentions(frame)
        months = mentions["date"].dt.strftime("%Y-%m") if len(mentions) else []
        frames.append(mentions.assign(period=label if per == "snapshot" else months, table=number))
    everything = pd.concat(frames, ignore_index=True) if frames else _mentions(None).assign(period=[], table=[])
    if per == "month":  # a month's mentions come from the newest table that has any in that month
        newest = everything.groupby("period")["table"].max()
        everything = everything[everything["table"] == everything["period"].map(newest)]
        periods = sorted(newest.index)
    else:
        periods = list(relationships)
    rows = []
    for account in accounts:
        key = id_key(account)
        received = everything[everything["target"] == key]
        shown, name = known.get(key) or (received["target_id"].iloc[0] if len(received) else account, "")
        for period in periods:
            made = received[received["period"] == period]
            by = made.groupby("source", sort=False)["source_id"].agg(["first", "size"])
            by = by.sort_values(["size", "first"], ascending=[False, True])
            rows.append({
                "account": shown, "name": name, "period": period, "mentions": len(made), "by_accounts": len(by),
                "made_by": "; ".join(f"{first} ({size})" for first, size in by.head(top).itertuples(index=False)),
            })
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)
