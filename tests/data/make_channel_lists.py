"""Write tests/data/council_channels.csv, the same bytes every time.

    python tests/data/make_channel_lists.py

A wide channel list as councils keep them (issue 14, item 2): one row per
organisation, a column per platform holding a bare handle or a profile link
written any of the ways people paste them, blank cells, per-platform
follower columns (``Twitter followers``, ``Facebook likes``...), a numeric
``twitter_id`` column, a few rows with no channel at all and two blank rows.
Every organisation, handle and figure is invented (seeded random choices).
"""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 14
ROWS = 320

TOWNS = ["Derby", "Chesterfield", "Matlock", "Buxton", "Belper", "Ripley", "Ilkeston", "Long Eaton", "Glossop",
         "Ashbourne", "Bakewell", "Swadlincote", "Alfreton", "Heanor", "Dronfield", "Bolsover"]
KINDS = [("Town Council", "council"), ("Parish Council", "council"), ("Library", "library"),
         ("Community Centre", "community group"), ("Food Bank", "charity"), ("Primary School", "school"),
         ("Medical Practice", "NHS"), ("Safer Neighbourhood Team", "police"), ("Fire Station", "fire"),
         ("Museum", "culture"), ("Youth Club", "community group"), ("Cricket Club", "sport"),
         ("News", "news"), ("Residents Association", "community group"), ("Leisure Centre", "leisure")]
HEADINGS = ["Organisation", "Type", "Town", "Twitter", "Twitter followers", "twitter_id", "Facebook",
            "Facebook likes", "Instagram", "Instagram followers", "YouTube", "YouTube subscribers", "TikTok",
            "LinkedIn", "Website", "Notes"]
# platform column -> (chance a row has it, its follower column)
CHANNELS = {"Twitter": (0.7, "Twitter followers"), "Facebook": (0.85, "Facebook likes"),
            "Instagram": (0.45, "Instagram followers"), "YouTube": (0.2, "YouTube subscribers"),
            "TikTok": (0.1, None), "LinkedIn": (0.25, None), "Website": (0.6, None)}


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name.title())


def _cell(platform: str, handle: str, rng: random.Random) -> str:
    """The handle as people paste it: bare, @-prefixed or as one of the profile links."""
    forms = {
        "Twitter": [f"@{handle}", handle, f"https://twitter.com/{handle}", f"https://x.com/{handle}",
                    f"twitter.com/{handle}", f"http://www.twitter.com/{handle}/"],
        "Facebook": [f"https://www.facebook.com/{handle}", f"facebook.com/{handle}", f"https://m.facebook.com/{handle}/",
                     handle],
        "Instagram": [f"@{handle}", f"https://www.instagram.com/{handle}/", f"instagram.com/{handle}"],
        "YouTube": [f"https://www.youtube.com/@{handle}", f"youtube.com/@{handle}", f"@{handle}"],
        "TikTok": [f"@{handle}", f"https://www.tiktok.com/@{handle}"],
        "LinkedIn": [f"https://www.linkedin.com/company/{handle.lower()}/", f"linkedin.com/company/{handle.lower()}"],
        "Website": [f"https://www.{handle.lower()}.org.uk", f"www.{handle.lower()}.org.uk/"],
    }[platform]
    return rng.choice(forms)


def _figure(rng: random.Random) -> str:
    """A follower count written as people write them."""
    count = int(rng.lognormvariate(6.5, 1.4))
    style = rng.random()
    if count >= 10_000 and style < 0.3:
        return f"{count / 1000:.1f}K"
    return f"{count:,}" if style < 0.6 else str(count)


def rows(seed: int = SEED) -> list[list[str]]:
    """The sheet, headings first."""
    rng = random.Random(seed)
    used: set[tuple[str, str]] = set()
    names: set[str] = set()
    table = [HEADINGS]
    for number in range(ROWS):
        if number in (40, 41):  # two blank rows in the middle, as sheets have
            table.append([""] * len(HEADINGS))
        town = rng.choice(TOWNS)
        kind, category = rng.choice(KINDS)
        name = f"{town} {kind}"
        while name in names:
            name = f"{town} {rng.choice(['North', 'South', 'East', 'West', 'Central', 'Old', 'New'])} {kind}"
            if name in names:
                name += f" {rng.randint(2, 99)}"
        names.add(name)
        row = dict.fromkeys(HEADINGS, "")
        row.update(Organisation=name, Type=category, Town=town)
        same_everywhere = rng.random() < 0.35  # one handle on every platform, as organisations often do
        base = _slug(name)[:15]
        no_channel = number % 80 == 7  # a few organisations with no account yet
        for platform, (chance, figures) in CHANNELS.items():
            if no_channel or rng.random() > chance:
                continue
            handle = base if same_everywhere else f"{base[:12]}{platform[:2]}"
            while (platform, handle.lower()) in used:
                handle += str(rng.randint(0, 9))
            used.add((platform, handle.lower()))
            row[platform] = _cell(platform, handle, rng)
            if figures and rng.random() < 0.85:
                row[figures] = _figure(rng)
            if platform == "Twitter":
                row["twitter_id"] = str(rng.randint(10**17, 10**18))
        if rng.random() < 0.08:
            row["Notes"] = rng.choice(["checked Nov 2026", "ask comms team", "new account"])
        table.append([row[heading] for heading in HEADINGS])
    return table


def main() -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows())
    (HERE / "council_channels.csv").write_text(text.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
