"""Account lists of the shapes real users bring, made by a seeded generator.

Names, areas and platforms read like a council's list (invented); every
choice comes from ``random.Random(seed)``, so the same arguments give the
same accounts. Links, when asked for, mostly join accounts of one area, as
local accounts follow each other.
"""

from __future__ import annotations

import random

import pandas as pd

PLACES = ("Derby", "Belper", "Matlock", "Ilkeston", "Chesterfield", "Buxton", "Glossop", "Ripley", "Heanor",
          "Swadlincote", "Ashbourne", "Bakewell", "Long Eaton", "Alfreton", "Dronfield", "Bolsover")
PLACE_AT = {"Derby": (52.922, -1.476), "Belper": (53.024, -1.482), "Matlock": (53.138, -1.558),
            "Ilkeston": (52.970, -1.309), "Chesterfield": (53.235, -1.421), "Buxton": (53.259, -1.911),
            "Glossop": (53.443, -1.949), "Ripley": (53.050, -1.407), "Heanor": (53.014, -1.354),
            "Swadlincote": (52.774, -1.557), "Ashbourne": (53.016, -1.731), "Bakewell": (53.214, -1.676),
            "Long Eaton": (52.898, -1.271), "Alfreton": (53.097, -1.385), "Dronfield": (53.302, -1.475),
            "Bolsover": (53.229, -1.290)}
ORGANISATIONS = {
    "council": ("Town Council", "Council News", "Recycling", "Libraries", "Parks Team"),
    "police": ("Police", "Safer Neighbourhoods", "Rural Crime Team"),
    "health": ("Health Centre", "NHS Talking Therapies", "Community Nurses"),
    "community": ("Food Bank", "Community Choir", "Neighbourhood Watch", "Youth Club", "Men's Shed"),
    "school": ("Primary School", "Academy", "College"),
    "sport": ("Cricket Club", "Parkrun", "Swimming Club", "Football Club"),
    "media": ("Gazette", "Community Radio", "What's On"),
}
PLATFORMS = ("Facebook", "Twitter/X", "Instagram", "YouTube", "LinkedIn")


def accounts_table(count: int, *, seed: int, followers: bool = True) -> pd.DataFrame:
    """``count`` accounts with name, platform, area, category and (if asked) a follower count."""
    rng = random.Random(seed)
    places = PLACES[:max(3, min(len(PLACES), count // 8))]
    rows, seen = [], set()
    for n in range(count):
        area = rng.choice(places)
        category = rng.choice(sorted(ORGANISATIONS))
        name = f"{area} {rng.choice(ORGANISATIONS[category])}"
        platform = rng.choice(PLATFORMS)
        handle = "@" + "".join(ch for ch in name.lower() if ch.isalnum())[:12] + str(n)
        row = {"id": handle, "name": name, "platform": platform, "area": area, "category": category}
        if followers:
            row["followers"] = int(rng.lognormvariate(7, 1.6))
        seen.add(name)
        rows.append(row)
    return pd.DataFrame(rows)


def links_table(accounts: pd.DataFrame, *, seed: int, per_account: float = 3.0) -> pd.DataFrame:
    """Links that mostly stay within an area (about ``per_account`` per account)."""
    rng = random.Random(seed + 1)
    ids, areas = list(accounts["id"]), list(accounts["area"])
    by_area: dict[str, list[str]] = {}
    for account, area in zip(ids, areas):
        by_area.setdefault(area, []).append(account)
    pairs = set()
    for _ in range(int(len(ids) * per_account)):
        source = rng.randrange(len(ids))
        pool = by_area[areas[source]] if rng.random() < 0.8 else ids
        target = rng.choice(pool)
        if target != ids[source]:
            pairs.add((ids[source], target))
    return pd.DataFrame(sorted(pairs), columns=["source", "target"])


def areas_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """A place for each area of the accounts (the geo layout's --areas file)."""
    return pd.DataFrame([{"area": area, "lat": PLACE_AT[area][0], "lon": PLACE_AT[area][1], "population": 10_000}
                         for area in sorted(set(accounts["area"]))])
