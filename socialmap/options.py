"""Options of a map build, checked once, in one place, for the CLI and the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .community import METHODS
from .impressions import DEFAULT_VISIBILITY, Visibility
from .inputs.columns import ACCOUNT_FIELD_NAMES, RELATIONSHIP_FIELD_NAMES, ColumnMap
from .inputs.files import DEFAULT_MAX_BYTES
from .overview import OVERVIEW_ABOVE

LAYOUTS = ("auto", "force", "communities", "mindmap", "geo")
BRANCHES = ("platform", "category", "organisation")
AGGREGATES = ("community", "area")

__all__ = ["MapOptions", "ChangeOptions", "LAYOUTS", "METHODS", "BRANCHES", "AGGREGATES", "GROWTH_SCALES",
           "MENTION_PERIODS"]


GROWTH_SCALES = ("absolute", "percent")
MENTION_PERIODS = ("snapshot", "month")


@dataclass(frozen=True)
class MapOptions:
    """How to build a map.

    title: shown at the top of the page. seed: every random choice (same seed,
    same map). strict: warnings fail the build. resolution: Louvain resolution
    (higher gives more, smaller communities). min_community_size: smaller
    communities are merged into one "other" group. max_bytes: largest input
    file read. layout: one of LAYOUTS ("auto": force with links, else a box per
    colour). branch: what the mind map branches
    on below areas (platform or category). colour_by: "auto" (community when
    there are links, else category, else platform), "community", or any text
    column. size_by: followers, weekly_otv, pagerank, degree, betweenness, or
    any numeric column. aggregate: draw one node per "community" or "area"
    instead of one per account. region: the mind map's centre (default: title).
    only_platforms, only_areas, only_categories, min_followers: show only the
    accounts that match (empty: all). focus: show one account (id or name)
    and those within focus_steps (1 or 2) links of it. account_columns:
    (field, heading) pairs that say which column of the accounts file holds
    a field (a :class:`ColumnMap`, or (field, heading) pairs; a heading of
    "" says there is none), where the automatic matching should not decide
    (``--column``, the app's column step); relationship_columns, the same
    for the relationships file (source, target, type, weight, date). subtitle
    (default: the counts), source (a line crediting where the data came
    from) and data_date are printed under the title. sheet, relationships_sheet: which sheets of a workbook to read
    (default: found from their headings). mentions_from, mentions_to
    (dates, inclusive): keep only the dated relationships (a relationships
    file's ``date`` column, such as mentions) within this range; undated
    ones, such as follows, always stay. overview_above: above this many
    accounts the page opens on one node per community, each expanding into
    its accounts on double-click (0: always). communities: about how many
    communities to find (of min_community_size or more accounts; the
    resolution is then fitted and ``resolution`` not used; None: use
    ``resolution``). method: "louvain" or "leiden" (None: Louvain at a given
    resolution, Leiden when a number of communities is asked, which
    recovered known groups better, README "Communities"). visibility: the
    factors that turn weekly OTV into likely impressions (an estimate;
    :mod:`socialmap.impressions`).
    """

    title: str = "Social media map"
    seed: int = 42
    strict: bool = False
    resolution: float = 1.0
    min_community_size: int = 3
    max_bytes: int = DEFAULT_MAX_BYTES
    layout: str = "auto"
    branch: str = "platform"
    colour_by: str = "auto"
    size_by: str = "followers"
    aggregate: str | None = None
    region: str | None = None
    only_platforms: tuple[str, ...] = ()
    only_areas: tuple[str, ...] = ()
    only_categories: tuple[str, ...] = ()
    min_followers: float | None = None
    focus: str | None = None
    focus_steps: int = 1
    account_columns: ColumnMap = ColumnMap()
    relationship_columns: ColumnMap = ColumnMap()
    subtitle: str | None = None
    source: str | None = None
    data_date: str | None = None
    sheet: str | None = None
    relationships_sheet: str | None = None
    mentions_from: dt.date | None = None
    mentions_to: dt.date | None = None
    overview_above: int = OVERVIEW_ABOVE
    communities: int | None = None
    method: str | None = None
    visibility: Visibility = DEFAULT_VISIBILITY

    def __post_init__(self) -> None:
        problems = []
        for name, fields in (("account_columns", ACCOUNT_FIELD_NAMES), ("relationship_columns", RELATIONSHIP_FIELD_NAMES)):
            try:
                columns = ColumnMap(getattr(self, name))
            except ValueError as error:
                problems.append(f"{name}: {error}")
                continue
            object.__setattr__(self, name, columns)
            problems += columns.problems(fields, name)
        if not isinstance(self.title, str):
            problems.append("title must be text")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0:
            problems.append(f"seed must be a whole number of 0 or more, not {self.seed!r}")
        if not isinstance(self.resolution, int | float) or not 0 < self.resolution <= 100:
            problems.append(f"resolution must be a number above 0 and at most 100, not {self.resolution!r}")
        if not isinstance(self.min_community_size, int) or self.min_community_size < 1:
            problems.append(f"min_community_size must be a whole number of 1 or more, not {self.min_community_size!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            problems.append(f"max_bytes must be a positive whole number, not {self.max_bytes!r}")
        if self.layout not in LAYOUTS:
            problems.append(f"layout must be one of {', '.join(LAYOUTS)}, not {self.layout!r}")
        if self.branch not in BRANCHES:
            problems.append(f"branch must be one of {', '.join(BRANCHES)}, not {self.branch!r}")
        if self.aggregate not in (None, *AGGREGATES):
            problems.append(f"aggregate must be one of {', '.join(AGGREGATES)}, not {self.aggregate!r}")
        for name in ("only_platforms", "only_areas", "only_categories"):
            if not isinstance(getattr(self, name), tuple):
                problems.append(f"{name} must be a tuple of names")
        if self.min_followers is not None and (not isinstance(self.min_followers, int | float) or self.min_followers < 0):
            problems.append(f"min_followers must be a number of 0 or more, not {self.min_followers!r}")
        if self.focus_steps not in (1, 2):
            problems.append(f"focus_steps must be 1 or 2, not {self.focus_steps!r}")
        for name in ("colour_by", "size_by"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                problems.append(f"{name} must name a column")
        for name in ("sheet", "relationships_sheet"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                problems.append(f"{name} must name a sheet, not {value!r}")
        problems += _date_range_problems(self.mentions_from, self.mentions_to)
        if not isinstance(self.overview_above, int) or isinstance(self.overview_above, bool) or self.overview_above < 0:
            problems.append(f"overview_above must be a whole number of 0 or more, not {self.overview_above!r}")
        if self.communities is not None and (not isinstance(self.communities, int) or isinstance(self.communities, bool)
                                             or not 1 <= self.communities <= 1000):
            problems.append(f"communities must be a whole number from 1 to 1000, not {self.communities!r}")
        if not isinstance(self.visibility, Visibility):
            problems.append(f"visibility must be a Visibility (socialmap.impressions), not {self.visibility!r}")
        if self.method not in (None, *METHODS):
            problems.append(f"method must be one of {', '.join(METHODS)}, not {self.method!r}")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def community_method(self) -> str:
        """The method used: the one asked for, else Leiden for a number of communities and Louvain otherwise."""
        return self.method or ("leiden" if self.communities is not None else "louvain")

    @property
    def limits_dates(self) -> bool:
        """Whether dated relationships are limited to a range."""
        return self.mentions_from is not None or self.mentions_to is not None

    @property
    def filters_anything(self) -> bool:
        """Whether some accounts may be left out of the drawing."""
        return bool(self.only_platforms or self.only_areas or self.only_categories
                    or self.min_followers is not None or self.focus)


def _date_range_problems(start: object, end: object) -> list[str]:
    problems = [f"{name} must be a date, not {value!r}" for name, value in (("mentions_from", start), ("mentions_to", end))
                if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime))]
    if not problems and start is not None and end is not None and start > end:
        problems.append(f"mentions_from ({start.isoformat()}) must not be after mentions_to ({end.isoformat()})")
    return problems


@dataclass(frozen=True)
class ChangeOptions:
    """How to compare two snapshots (``socialmap compare``).

    map: how to load and lay out the new map (title, seed, layout...;
    filters and the overview are not used). growth: what size shows for
    accounts in both snapshots, the "absolute" change in followers or the
    "percent" change. mentions_of: accounts (id, handle or name as in the
    relationships) whose dated mentions to count; empty: the most mentioned.
    mentions_per: "snapshot" (the old file's mentions against the new
    file's) or "month". old_label, new_label: what to call the snapshots
    (default: their accounts files' names).
    """

    map: MapOptions = MapOptions(title="What changed")
    growth: str = "absolute"
    mentions_of: tuple[str, ...] = ()
    mentions_per: str = "snapshot"
    old_label: str | None = None
    new_label: str | None = None

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.map, MapOptions):
            problems.append("map must be a MapOptions")
        if self.growth not in GROWTH_SCALES:
            problems.append(f"growth must be one of {', '.join(GROWTH_SCALES)}, not {self.growth!r}")
        if not isinstance(self.mentions_of, tuple) or not all(isinstance(a, str) and a.strip() for a in self.mentions_of):
            problems.append("mentions_of must be a tuple of account ids")
        if self.mentions_per not in MENTION_PERIODS:
            problems.append(f"mentions_per must be one of {', '.join(MENTION_PERIODS)}, not {self.mentions_per!r}")
        for name in ("old_label", "new_label"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                problems.append(f"{name} must be text, not {value!r}")
        if problems:
            raise ValueError("; ".join(problems))
