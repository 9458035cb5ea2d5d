"""Generate four invented monthly snapshots of the sample map, for compare and trend.

Everything written here is INVENTED for illustration, like the rest of
socialmap/sample/. November 2026 is the sample itself (accounts.csv, relationships.csv
with a date on each mention); August to October are made by walking back
from it: some accounts had not yet joined, a few accounts that later closed
were still there, follower counts were a little lower (a few were higher),
and fewer mentions were made.

Run from the repository root, after generate_sample.py:

    python socialmap/sample/generate_snapshots.py

It writes socialmap/sample/snapshots/accounts-2026-MM.csv and relationships-2026-MM.csv
and prints the counts that socialmap/sample/README.md quotes. The only randomness is
``random.Random(2026)``, so repeated runs give byte-identical files.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 2026
HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "snapshots"
MONTHS = ("2026-08", "2026-09", "2026-10", "2026-11")
DAYS_RECORDED = {"2026-08": 31, "2026-09": 30, "2026-10": 31, "2026-11": 24}  # November's copy was taken on the 24th
JOINED = {"2026-09": 6, "2026-10": 8, "2026-11": 10}  # accounts first seen in that month
MENTION_SHARE = {"2026-08": 0.55, "2026-09": 0.65, "2026-10": 0.8}  # November has every mention in relationships.csv
NEWCOMER_CATEGORIES = {"community group", "culture", "blogger", "sport", "charity", "faith", "business", "education"}

# Invented accounts that existed earlier and had closed by a later month: (last month seen, row).
CLOSED = [
    ("2026-08", {"id": "normanton-summer-fair-2026", "name": "Normanton Summer Fair 2026", "platform": "Facebook",
                 "area": "Normanton", "category": "community group", "followers": "1840", "posts_per_week": "6",
                 "description": "Invented page for a one-off summer fair; closed after the event."}),
    ("2026-08", {"id": "@ChaddesdenPopUpCinema", "name": "Chaddesden Park Pop-up Cinema", "platform": "Instagram",
                 "area": "Chaddesden", "category": "culture", "followers": "960", "posts_per_week": "4",
                 "description": "Invented account for open-air film nights, summer only."}),
    ("2026-09", {"id": "@AlvastonRoadworksWatch", "name": "Alvaston Roadworks Watch", "platform": "Twitter/X",
                 "area": "Alvaston", "category": "community group", "followers": "412", "posts_per_week": "9",
                 "description": "Invented residents' feed about a road scheme; stopped when the works ended."}),
    ("2026-10", {"id": "littleover-helping-hands", "name": "Littleover Helping Hands", "platform": "Facebook",
                 "area": "Littleover", "category": "charity", "followers": "2310", "posts_per_week": "",
                 "description": "Invented volunteer group that merged into another; page closed."}),
    ("2026-10", {"id": "belper-makers-market-blog", "name": "Belper Makers' Market", "platform": "Blog",
                 "area": "Amber Valley", "category": "business", "followers": "", "posts_per_week": "1",
                 "description": "Invented market blog, no longer updated & taken down."}),
]
ACCOUNT_COLUMNS = ["id", "name", "platform", "area", "category", "followers", "posts_per_week", "url", "description"]


def key(raw: str) -> str:
    """How socialmap matches ids: case-insensitive, a leading @ ignored."""
    return raw.strip().lstrip("@").casefold()


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def closed_url(row: dict) -> str:
    folder = row["platform"].split("/")[0].lower()
    return f"https://www.example.com/{folder}/{row['id'].lstrip('@')}"


def joining_month(accounts: list[dict], rng: random.Random) -> dict[str, str]:
    """Which month each newcomer account first appears (the rest were there from August)."""
    candidates = [a["id"] for a in accounts if a["category"] in NEWCOMER_CATEGORIES]
    chosen = rng.sample(candidates, sum(JOINED.values()))
    joined, start = {}, 0
    for month, count in JOINED.items():
        for account in chosen[start:start + count]:
            joined[key(account)] = month
        start += count
    return joined


def monthly_growth(rng: random.Random) -> float:
    """One account's follower growth over a month: mostly a little up, some flat, a few down."""
    draw = rng.random()
    if draw < 0.12:
        return 0.0
    if draw < 0.22:
        return -rng.uniform(0.005, 0.03)
    return rng.uniform(0.002, 0.045)


def walk_back(accounts: list[dict], rng: random.Random) -> dict[str, list[dict]]:
    """Each month's accounts, from November's backwards (followers divided by that month's growth)."""
    joined = joining_month(accounts, rng)
    got_a_figure = {key(a["id"]) for a in rng.sample([a for a in accounts if a["followers"]], 3)}
    by_month = {MONTHS[-1]: [dict(a) for a in accounts]}
    later = by_month[MONTHS[-1]]
    for month, next_month in zip(reversed(MONTHS[:-1]), reversed(MONTHS[1:])):
        rows = []
        for account in later:
            if joined.get(key(account["id"])) == next_month:
                continue
            row = dict(account)
            if row["followers"]:
                row["followers"] = str(max(1, round(int(row["followers"]) / (1 + monthly_growth(rng)))))
            if month == "2026-09" and key(row["id"]) in got_a_figure:
                row["followers"] = ""  # unknown until October
            rows.append(row)
        by_month[month] = rows
        later = rows
    for month in MONTHS[:-1]:  # a closed account is in every month up to the last it was seen
        by_month[month] += [{**closed, "url": closed_url(closed)} for last_seen, closed in CLOSED if month <= last_seen]
    return by_month


def closed_links(rng: random.Random, accounts: list[dict]) -> list[dict]:
    """Follows to and from each closed account, within its area."""
    links = []
    for _, closed in CLOSED:
        neighbours = sorted((a["id"] for a in accounts if a["area"] == closed["area"]), key=key)
        for target in rng.sample(neighbours, min(3, len(neighbours))):
            links.append({"source": closed["id"], "target": target, "type": "follows", "weight": "2", "date": ""})
        for source in rng.sample(neighbours, min(2, len(neighbours))):
            links.append({"source": source, "target": closed["id"], "type": "follows", "weight": "1", "date": ""})
    return links


def month_relationships(month: str, accounts: list[dict], links: list[dict], rng: random.Random) -> list[dict]:
    """The follows and partnerships standing at the month's end, and the mentions made in it (dated)."""
    present = {key(a["id"]) for a in accounts}
    year, number = (int(part) for part in month.split("-"))
    rows = []
    for link in links:
        if key(link["source"]) not in present or key(link["target"]) not in present:
            continue
        row = dict(link, date="")
        if link["type"] == "mentions":
            if month != MONTHS[-1] and rng.random() >= MENTION_SHARE[month]:
                continue
            day = rng.randint(1, DAYS_RECORDED[month])
            row["date"] = f"{day:02d}/{number:02d}/{year}" if month == MONTHS[-1] else f"{year}-{number:02d}-{day:02d}"
        rows.append(row)
    return rows


def summary(by_month: dict[str, list[dict]]) -> list[str]:
    """Added, removed and follower changes between each month and the next, and August to November."""
    lines = []
    pairs = list(zip(MONTHS[:-1], MONTHS[1:])) + [(MONTHS[0], MONTHS[-1])]
    for old, new in pairs:
        before = {key(a["id"]): a for a in by_month[old]}
        after = {key(a["id"]): a for a in by_month[new]}
        kept = before.keys() & after.keys()
        known = [k for k in kept if before[k]["followers"] and after[k]["followers"]]
        grew = sum(int(after[k]["followers"]) > int(before[k]["followers"]) for k in known)
        shrank = sum(int(after[k]["followers"]) < int(before[k]["followers"]) for k in known)
        lines.append(
            f"{old} -> {new}: {len(before)} -> {len(after)} accounts; added {len(after.keys() - before.keys())}, "
            f"removed {len(before.keys() - after.keys())}, kept {len(kept)} "
            f"(followers known in both {len(known)}: grew {grew}, shrank {shrank}, same {len(known) - grew - shrank})"
        )
    return lines


def main() -> None:
    rng = random.Random(SEED)
    accounts = read_rows(HERE / "accounts.csv")
    by_month = walk_back(accounts, rng)
    links = read_rows(HERE / "relationships.csv") + closed_links(rng, accounts)
    OUT_DIR.mkdir(exist_ok=True)
    for month in MONTHS:
        write_rows(OUT_DIR / f"accounts-{month}.csv", ACCOUNT_COLUMNS, by_month[month])
        relationships = month_relationships(month, by_month[month], links, rng)
        write_rows(OUT_DIR / f"relationships-{month}.csv", ["source", "target", "type", "weight", "date"], relationships)
        mentions = sum(r["type"] == "mentions" for r in relationships)
        print(f"{month}: {len(by_month[month])} accounts, {len(relationships)} relationships ({mentions} dated mentions)")
    print("\n".join(summary(by_month)))


if __name__ == "__main__":
    main()
