"""Tables as CSV text, safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

__all__ = ["escape_formula", "table_csv"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(table: pd.DataFrame) -> str:
    """CSV text (UTF-8, header row, no index) with every text cell escaped."""
    escaped = table.copy()
    for column in escaped.columns:
        if escaped[column].dtype == object or pd.api.types.is_string_dtype(escaped[column]):
            escaped[column] = escaped[column].map(escape_formula)
    return escaped.to_csv(index=False, lineterminator="\n")
