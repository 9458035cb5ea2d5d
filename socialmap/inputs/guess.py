"""The app's column step: which heading is read as which field, and a guess for each required one none matched.

A file whose id column has an unusual heading ("Who", "Profile") is not
refused in the app: :func:`column_plan` guesses the column from what
handles look like, and the user confirms or changes each pick.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from ..errors import SocialMapError
from .columns import ColumnMap
from .files import DEFAULT_MAX_BYTES, InputFile
from .schema import ACCOUNT_FIELDS, Field, match_columns, normalise_heading
from .sheets import Sheet, read_table
from .wide import is_wide, to_long

__all__ = ["ColumnPlan", "column_plan", "guess_heading", "NOT_IN_FILE", "FIELD_LABELS", "RELATIONSHIP_LABELS"]

NOT_IN_FILE = "(not in this file)"
FIELD_LABELS = {
    "id": "Account id or handle (required)", "name": "Name shown on the map", "platform": "Platform",
    "area": "Area", "category": "Category", "followers": "Followers", "posts_per_week": "Posts a week",
    "url": "Web link", "description": "Description",
}
RELATIONSHIP_LABELS = {
    "source": "Who follows or mentions (required)", "target": "Whom (required)", "type": "Kind of link",
    "weight": "Strength (weight)", "date": "Date of a mention",
}


@dataclass(frozen=True)
class ColumnPlan:
    """How the accounts file's headings are read, and a guess for each required field that none matched.

    The app shows one select box per field of FIELD_LABELS, set to
    :meth:`preset`, and passes :meth:`overrides` of the user's picks on as
    ``MapOptions.account_columns``.
    """

    headings: tuple[str, ...]
    matched: tuple[tuple[str, str], ...]  # (field, heading) found automatically
    missing: tuple[str, ...]  # required fields no heading matched
    guesses: tuple[tuple[str, str], ...]  # (field, heading): the best guess for each missing field
    required: tuple[str, ...] = ("id",)  # fields that cannot be left out
    note: str = ""  # how the file is read, when it is not one row per account (a wide channel list)

    def guess(self, field: str) -> str | None:
        return dict(self.guesses).get(field)

    def options(self, field: str) -> list[str]:
        """What a field's select box offers: the headings, and NOT_IN_FILE where the field may be left out."""
        can_leave_out = field not in self.required and field not in self.missing
        return [NOT_IN_FILE, *self.headings] if can_leave_out else list(self.headings)

    def preset(self, field: str) -> str:
        """The heading read for the field (or guessed for a missing one), else NOT_IN_FILE."""
        return dict(self.matched).get(field) or self.guess(field) or NOT_IN_FILE

    def overrides(self, picks: dict[str, str]) -> ColumnMap:
        """The picks that differ from what automatic matching reads: ``MapOptions.account_columns``.

        A field read automatically but set to NOT_IN_FILE is fixed to "" (the file has no such column).
        """
        automatic = dict(self.matched)
        return ColumnMap(tuple(
            (field, "" if heading == NOT_IN_FILE else heading) for field, heading in picks.items()
            if (heading in self.headings and heading != automatic.get(field))
            or (heading == NOT_IN_FILE and field in automatic)
        ))


def _share(values: list[str], test) -> float:
    return sum(1 for value in values if test(value)) / len(values)


_ID_WORDS = frozenset({"id", "handle", "user", "username", "account", "profile", "page", "twitter", "x",
                       "instagram", "facebook", "tiktok", "youtube", "linkedin", "threads", "bluesky", "mastodon"})


_HANDLE_FIELDS = frozenset({"id", "source", "target"})  # columns of handles: scored on what their values look like


def guess_heading(raw: pd.DataFrame, field: Field, taken: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The heading most likely to hold ``field``, among those not ``taken``; None if every column is blank.

    A heading scores for looking like the field's name or an alias. For the
    id it also scores for what handles look like: every value different
    (above all), letters, no spaces, a leading ``@``, and a heading that
    names a platform or says handle, user, account...; earlier columns win
    ties.
    """
    best, best_score = None, float("-inf")
    names = [normalise_heading(name) for name in (field.name, *field.aliases)]
    for position, heading in enumerate(str(heading) for heading in raw.columns):
        if heading in taken:
            continue
        values = [value for value in (str(value).strip() for value in raw[heading].tolist()) if value]
        if not values:
            continue
        score = max(difflib.SequenceMatcher(None, normalise_heading(heading), name).ratio() for name in names)
        if field.name in _HANDLE_FIELDS:
            score = 0.5 * score + 3 * len(set(values)) / len(values)
            score += _share(values, lambda v: any(c.isalpha() for c in v))
            score += 0.5 * _share(values, lambda v: " " not in v)
            score += _share(values, lambda v: v.startswith("@"))
            score += 0.5 * bool(_ID_WORDS & set(re.split(r"[^a-z0-9]+", heading.casefold())))
        score -= 0.01 * position
        if score > best_score:
            best, best_score = heading, score
    return best


def column_plan(file: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES,
                fields: tuple[Field, ...] = ACCOUNT_FIELDS) -> ColumnPlan | None:
    """A file's headings, what they match and guesses for the rest; None if it cannot be read.

    ``fields``: ACCOUNT_FIELDS for an accounts file, RELATIONSHIP_FIELDS for a
    relationships file. A file that cannot be read is reported by the build
    itself, with the reason.
    """
    try:
        raw = read_table(file, max_bytes=max_bytes)
    except SocialMapError:
        return None
    headings = tuple(str(heading) for heading in raw.columns)
    required = tuple(f.name for f in fields if f.required)
    if fields is ACCOUNT_FIELDS and is_wide(Sheet(raw, file.name)):
        wide, _ = to_long(Sheet(raw, file.name))
        shared = tuple((name, heading) for name, heading in wide.read if name in FIELD_LABELS)
        platforms = ", ".join(c.heading for c in wide.channels)
        return ColumnPlan(headings, (("id", wide.channels[0].heading), *shared), (), (), required,
                          f"Read as a list with a column per platform ({platforms}): one account per filled cell, "
                          "with its row's name, area and category. Choose another id column to read one row per "
                          "account instead.")
    matched = match_columns(headings, fields, filled={h: int((raw[h] != "").sum()) for h in headings})
    missing = tuple(f.name for f in fields if f.required and f.name not in matched)
    if not headings or not len(raw):
        missing = ()  # nothing to choose from: the build says what is wrong
    taken = set(matched.values())
    guesses = []
    for field in (f for f in fields if f.name in missing):
        heading = guess_heading(raw, field, taken)
        if heading is not None:
            guesses.append((field.name, heading))
            taken.add(heading)
    return ColumnPlan(headings, tuple(matched.items()), missing, tuple(guesses), required)
