"""Seeded generator of realistic, invented social media maps for benchmarks.

Accounts fall into planted communities whose sizes follow a power law. Each
community has a home area and a main category, so areas and categories are
correlated with communities the way they are in real local maps. Follower
counts are lognormal (about 8% blank), posting rates lognormal (about 15%
blank). Relationships: about 8 per account, about 85% inside the source's
community, aimed more often at the community's larger accounts; types are
follows, mentions and partner, weights 1 to 5; no self-links and no repeated
(source, target) pair.

Everything is vectorised numpy/pandas: 100,000 accounts and 800,000
relationships take a few seconds. Same ``n`` and ``seed``, same files.

    python bench/generate.py 1000 10000 --out bench/data
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "generate", "generate_map", "GeneratedMap", "write", "GeneratorConfig", "ACCOUNT_COLUMNS", "RELATIONSHIP_COLUMNS",
]

ACCOUNT_COLUMNS = ["id", "name", "platform", "area", "category", "followers", "posts_per_week", "url", "description"]
RELATIONSHIP_COLUMNS = ["source", "target", "type", "weight"]

PLATFORMS = np.array(["Facebook", "Twitter/X", "Instagram", "YouTube", "Blog", "LinkedIn", "Nextdoor", "TikTok"])
PLATFORM_SHARES = np.array([0.38, 0.24, 0.14, 0.06, 0.05, 0.05, 0.04, 0.04])
AT_PLATFORMS = {"Twitter/X", "Instagram", "TikTok"}  # handles written with a leading @
CATEGORIES = np.array([
    "community group", "culture", "charity", "business", "sport", "news", "faith",
    "council", "education", "blogger", "police", "NHS",
])
CATEGORY_NOUNS = np.array([
    "Residents Group", "Arts Collective", "Food Bank", "Traders", "Football Club", "Gazette", "Church",
    "Council", "Academy", "Diaries", "Police SNT", "Health Centre",
])
PLACE_WORDS = np.array([
    "Oak", "Ash", "Brook", "Mill", "Ford", "Green", "Hill", "Vale", "Moor", "Bridge", "Field", "Stone",
    "Well", "Cross", "Lea", "Wood", "Marsh", "Holme", "Dale", "Thorn",
])
PLACE_ENDINGS = np.array(["ley", "ton", "field", "worth", "by", "ham", "stead", "over", "ston", "wick"])
TYPES = np.array(["follows", "mentions", "partner"])
TYPE_SHARES = np.array([0.6, 0.3, 0.1])
WEIGHT_SHARES = np.array([0.40, 0.25, 0.17, 0.11, 0.07])  # weights 1..5


@dataclass(frozen=True)
class GeneratorConfig:
    """Knobs of a generated map (defaults give a realistic local map)."""

    links_per_account: float = 8.0
    within_share: float = 0.88  # before dropping repeats; about 85% remain
    min_community: int = 8
    community_shape: float = 1.1  # Pareto (Lomax) tail index of community sizes
    max_community_share: float = 0.1  # no community above this share of accounts
    home_area_share: float = 0.7
    main_category_share: float = 0.5
    blank_followers: float = 0.08
    blank_posts: float = 0.15
    accounts_per_area: int = 40
    max_areas: int = 200


@dataclass(frozen=True)
class _Communities:
    """Planted communities: accounts 0.. are grouped by community, contiguously."""

    sizes: np.ndarray
    starts: np.ndarray
    of_account: np.ndarray


def community_sizes(n: int, rng: np.random.Generator, config: GeneratorConfig) -> np.ndarray:
    """Power-law community sizes that add up to exactly ``n``."""
    smallest = min(config.min_community, n)
    largest = max(smallest, int(n * config.max_community_share))
    draws = smallest * (1 + rng.pareto(config.community_shape, size=n // smallest + 1))
    sizes = np.minimum(draws.astype(np.int64), largest)
    count = int(np.searchsorted(np.cumsum(sizes), n)) + 1
    sizes = sizes[:count]
    sizes[-1] -= sizes.sum() - n
    if len(sizes) > 1 and sizes[-1] < smallest:  # fold a small remainder into the previous community
        sizes[-2] += sizes[-1]
        sizes = sizes[:-1]
    return sizes


def _plant_communities(n: int, rng: np.random.Generator, config: GeneratorConfig) -> _Communities:
    sizes = community_sizes(n, rng, config)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    return _Communities(sizes, starts, np.repeat(np.arange(len(sizes)), sizes))


def area_names(count: int) -> np.ndarray:
    """Invented place names, all distinct: ``Oakley``, ``Ashton``, ``Oakley 2``..."""
    base = np.char.add(np.repeat(PLACE_WORDS, len(PLACE_ENDINGS)), np.tile(PLACE_ENDINGS, len(PLACE_WORDS)))
    rounds = np.arange(count) // len(base)
    names = base[np.arange(count) % len(base)].astype(object)
    suffix = np.where(rounds > 0, " " + (rounds + 1).astype(str).astype(object), "")
    return (names + suffix).astype(str)


def _correlated_choice(
    rng: np.random.Generator, of_account: np.ndarray, community_value: np.ndarray, share: float, options: int
) -> np.ndarray:
    """Each account takes its community's value with probability ``share``, else a random one."""
    keep = rng.random(len(of_account)) < share
    return np.where(keep, community_value[of_account], rng.integers(0, options, size=len(of_account)))


def _followers(rng: np.random.Generator, n: int) -> np.ndarray:
    """Lognormal follower counts (median ~1,100, a few over a million)."""
    return np.round(rng.lognormal(mean=7.0, sigma=1.8, size=n)).astype(np.int64)


def _posts_per_week(rng: np.random.Generator, n: int) -> np.ndarray:
    """Lognormal posting rates rounded to half a post, at least 0.5."""
    return np.maximum(np.round(rng.lognormal(mean=1.0, sigma=1.1, size=n) * 2) / 2, 0.5)


def _text(values: np.ndarray) -> pd.Series:
    """A numpy string array as an object Series, for fast vectorised concatenation."""
    return pd.Series(values, dtype=object)


def _slug(values: np.ndarray, drop: str) -> pd.Series:
    return _text(np.char.lower(np.char.replace(values, drop, "")))


def _accounts_frame(
    rng: np.random.Generator, communities: _Communities, config: GeneratorConfig
) -> tuple[pd.DataFrame, np.ndarray]:
    """Accounts in community order (most-followed first inside each) and their follower counts."""
    n = len(communities.of_account)
    count = len(communities.sizes)
    areas = area_names(min(config.max_areas, max(4, n // config.accounts_per_area)))
    area_popularity = 1 / np.arange(1, len(areas) + 1)  # a few busy areas, many quiet ones
    home_area = rng.choice(len(areas), size=count, p=area_popularity / area_popularity.sum())
    area = areas[_correlated_choice(rng, communities.of_account, home_area, config.home_area_share, len(areas))]
    main_category = rng.integers(0, len(CATEGORIES), size=count)
    kind = _correlated_choice(rng, communities.of_account, main_category, config.main_category_share, len(CATEGORIES))
    platform = PLATFORMS[rng.choice(len(PLATFORMS), size=n, p=PLATFORM_SHARES)]
    followers = _followers(rng, n)
    followers = followers[np.lexsort((-followers, communities.of_account))]  # links favour the first
    posts = _posts_per_week(rng, n)
    handle = _slug(area, " ") + "_" + _slug(CATEGORIES[kind], " ") + "_" + _text(np.arange(n).astype(str))
    frame = pd.DataFrame({
        "id": np.where(np.isin(platform, list(AT_PLATFORMS)), "@" + handle, handle.str.replace("_", "-")),
        "name": _text(area) + " " + _text(CATEGORY_NOUNS[kind]),
        "platform": platform,
        "area": area,
        "category": CATEGORIES[kind],
        "followers": pd.array(np.where(rng.random(n) < config.blank_followers, pd.NA, followers), dtype="Int64"),
        "posts_per_week": np.where(rng.random(n) < config.blank_posts, np.nan, posts),
        "url": "https://www.example.com/" + _slug(platform, "/") + "/" + handle,
        "description": "Invented " + _text(CATEGORIES[kind]) + " account in " + _text(area)
        + ", for testing; not a real account.",
    })
    return frame[ACCOUNT_COLUMNS], followers


def _pick_within(rng: np.random.Generator, communities: _Communities, sources: np.ndarray) -> np.ndarray:
    """A member of each source's community, favouring its first (most-followed) members."""
    community = communities.of_account[sources]
    rank = np.floor(communities.sizes[community] * rng.random(len(sources)) ** 2).astype(np.int64)
    return communities.starts[community] + rank


def _draw_links(
    rng: np.random.Generator, communities: _Communities, followers: np.ndarray, count: int, config: GeneratorConfig
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` candidate (source, target) pairs, possibly with repeats and self-links."""
    n = len(communities.of_account)
    activity = rng.lognormal(0.0, 0.8, size=n)
    sources = rng.choice(n, size=count, p=activity / activity.sum())
    pull = np.sqrt(followers + 1.0)
    across = rng.choice(n, size=count, p=pull / pull.sum())
    within = rng.random(count) < config.within_share
    targets = np.where(within, _pick_within(rng, communities, sources), across)
    return sources, targets


def _unique_links(
    rng: np.random.Generator, communities: _Communities, followers: np.ndarray, wanted: int, config: GeneratorConfig
) -> tuple[np.ndarray, np.ndarray]:
    """``wanted`` distinct directed pairs without self-links (fewer only if the graph is too small)."""
    n = len(communities.of_account)
    wanted = min(wanted, n * (n - 1))
    sources = np.empty(0, dtype=np.int64)
    targets = np.empty(0, dtype=np.int64)
    for _ in range(10):  # top up: repeats are common in small communities
        more_sources, more_targets = _draw_links(rng, communities, followers, int(wanted * 1.25) + 16, config)
        sources = np.concatenate([sources, more_sources])
        targets = np.concatenate([targets, more_targets])
        keep = sources != targets
        sources, targets = sources[keep], targets[keep]
        _, first = np.unique(sources * n + targets, return_index=True)
        first.sort()
        sources, targets = sources[first], targets[first]
        if len(sources) >= wanted:
            break
    return sources[:wanted], targets[:wanted]


@dataclass(frozen=True)
class GeneratedMap:
    """Generated input tables and the planted community of each account row."""

    accounts: pd.DataFrame
    relationships: pd.DataFrame
    planted: np.ndarray


def generate_map(n_accounts: int, *, seed: int = 0, config: GeneratorConfig = GeneratorConfig()) -> GeneratedMap:
    """Like :func:`generate`, also giving the planted community of each account."""
    if n_accounts < 2:
        raise ValueError("n_accounts must be at least 2")
    rng = np.random.default_rng(seed)
    communities = _plant_communities(n_accounts, rng, config)
    accounts, followers = _accounts_frame(rng, communities, config)
    sources, targets = _unique_links(
        rng, communities, followers, int(round(n_accounts * config.links_per_account)), config
    )
    ids = accounts["id"].to_numpy()
    relationships = pd.DataFrame({
        "source": ids[sources],
        "target": ids[targets],
        "type": TYPES[rng.choice(len(TYPES), size=len(sources), p=TYPE_SHARES)],
        "weight": rng.choice(np.arange(1, 6), size=len(sources), p=WEIGHT_SHARES),
    })[RELATIONSHIP_COLUMNS]
    shuffled = rng.permutation(n_accounts)  # file order says nothing about communities
    accounts = accounts.iloc[shuffled].reset_index(drop=True)
    return GeneratedMap(accounts, relationships, communities.of_account[shuffled])


def generate(
    n_accounts: int, *, seed: int = 0, config: GeneratorConfig = GeneratorConfig()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (accounts, relationships) frames with the socialmap input columns."""
    generated = generate_map(n_accounts, seed=seed, config=config)
    return generated.accounts, generated.relationships


def file_names(n: int) -> tuple[str, str]:
    """Names of the two files written for ``n`` accounts."""
    return f"accounts-{n}.csv", f"relationships-{n}.csv"


def write(folder: str | Path, n: int, *, seed: int = 0) -> tuple[Path, Path]:
    """Write accounts-{n}.csv and relationships-{n}.csv into ``folder``; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    accounts, relationships = generate(n, seed=seed)
    accounts_path, relationships_path = (folder / name for name in file_names(n))
    accounts.to_csv(accounts_path, index=False, float_format="%g", lineterminator="\n")
    relationships.to_csv(relationships_path, index=False, lineterminator="\n")
    return accounts_path, relationships_path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+", help="numbers of accounts")
    parser.add_argument("--out", default="bench/data", help="folder for the CSV files (default bench/data)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for n in args.sizes:
        started = time.perf_counter()
        accounts_path, relationships_path = write(args.out, n, seed=args.seed)
        print(f"{accounts_path}, {relationships_path}: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
