"""The optional areas table: each area's centroid and population.

Columns: ``area`` (required; also name, ward, district, place), ``lat`` and
``lon`` (centroid), ``population`` (optional). The sample's is
socialmap/sample/areas.csv. Used by the geo layout and for audience ranges.
"""

from __future__ import annotations

import math

import pandas as pd

from .errors import Issue, SocialMapError
from .inputs.files import Source, source_name
from .inputs.sheets import pick_sheet, read_sheets
from .inputs.schema import Field, match_columns
from .inputs.values import parse_number

__all__ = ["read_areas", "AREA_FIELDS"]

AREA_FIELDS = (
    Field("area", ("name", "ward", "district", "place", "locality", "region"), required=True),
    Field("lat", ("latitude",), kind="latitude"),
    Field("lon", ("lng", "long", "longitude"), kind="longitude"),
    Field("population", ("people", "residents"), kind="number"),
)
_BOUNDS = {"lat": (-90, 90), "lon": (-180, 180), "population": (0, None)}


def read_areas(source: Source) -> pd.DataFrame:
    """A clean areas table (area, lat, lon, population; NaN where unknown), or SocialMapError."""
    file = source_name(source, "areas")
    sheet = pick_sheet(read_sheets(source, name=file), None, file)
    raw = sheet.frame
    matched = match_columns([str(h) for h in raw.columns], AREA_FIELDS)
    if "area" not in matched:
        found = ", ".join(f'"{h}"' for h in raw.columns) or "none"
        raise SocialMapError(file, None, None, f"no area column (columns found: {found})",
                             "name one of them: area, name, ward, district, place")
    issues, rows = [], []
    for index, record in enumerate(raw.to_dict("records")):
        row = {"area": str(record[matched["area"]]).strip()}
        for name, (low, high) in _BOUNDS.items():
            try:
                row[name] = parse_number(str(record[matched[name]]), minimum=low, maximum=high) if name in matched else math.nan
            except ValueError as error:
                issues.append(Issue(file, sheet.header_row + 1 + index, matched[name], str(error)))
        if row["area"]:
            rows.append(row)
    if issues:
        raise SocialMapError.from_issues(issues)
    return pd.DataFrame(rows, columns=["area", "lat", "lon", "population"])
