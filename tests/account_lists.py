"""Account lists of the shapes real users bring, made here (never downloaded).

The commonest real input is 30 to 100 accounts with no relationships at
all, often without areas or categories; some lists have a few links. Names
are invented but shaped like a county's councils, police, NHS, schools and
community groups, with long area names ("North East Derbyshire") beside
short ones ("Derby").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["account_list", "AREAS", "CATEGORIES"]

AREAS = ("Derby", "Derbyshire Dales", "North East Derbyshire", "Amber Valley", "High Peak", "Erewash",
         "South Derbyshire", "Bolsover", "Chesterfield", "Derbyshire", "Ashbourne and District Villages",
         "Long Eaton")
CATEGORIES = ("council", "police", "health", "school", "community", "library", "business", "charity")
PLATFORMS = ("Twitter/X", "Facebook", "Instagram", "LinkedIn", "YouTube", "Nextdoor")
_KINDS = {
    "council": "{area} Council", "police": "{area} Police SNT", "health": "{area} NHS Health Centre",
    "school": "{area} Academy", "community": "{area} Community Group", "library": "{area} Library",
    "business": "{area} Business Forum", "charity": "{area} Food Bank",
}


def account_list(
    count: int, *, areas: bool = True, categories: bool = True, links: int = 0, followers: bool = True,
    area_count: int = 8, seed: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(accounts, relationships or None): ``count`` accounts, ``links`` random follows among them.

    Areas and categories are drawn unevenly (a few large, many small), as
    in real lists; follower counts are log-normal.
    """
    rng = np.random.default_rng(seed)
    area_names = AREAS[:area_count]
    area_weights = 1 / np.arange(1, len(area_names) + 1)
    category_weights = 1 / np.arange(1, len(CATEGORIES) + 1)
    rows = []
    for number in range(count):
        area = area_names[rng.choice(len(area_names), p=area_weights / area_weights.sum())]
        category = CATEGORIES[rng.choice(len(CATEGORIES), p=category_weights / category_weights.sum())]
        platform = PLATFORMS[rng.choice(len(PLATFORMS), p=[0.35, 0.3, 0.15, 0.1, 0.05, 0.05])]
        row = {"id": f"@acct{number:04d}", "name": _KINDS[category].format(area=area) + f" {number}",
               "platform": platform}
        if areas:
            row["area"] = area
        if categories:
            row["category"] = category
        if followers:
            row["followers"] = int(rng.lognormal(7, 1.6))
        rows.append(row)
    accounts = pd.DataFrame(rows)
    if not links:
        return accounts, None
    pairs = set()
    while len(pairs) < links:
        source, target = rng.integers(0, count, 2)
        if source != target:
            pairs.add((int(source), int(target)))
    relationships = pd.DataFrame([{"source": f"@acct{s:04d}", "target": f"@acct{t:04d}"} for s, t in sorted(pairs)])
    return accounts, relationships
