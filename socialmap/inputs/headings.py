"""What each input table's headings were read as: the "Columns of ..." line every command ends with.

A user whose heading was missed (a ``Followers`` column read as nothing, an
id read from the wrong column) sees it at once in one line per file, and can
name the column with ``--column``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .sheets import Sheet
from .wide import ORGANISATION, WideList

__all__ = ["ColumnsRead", "SHAPES", "accounts_read", "links_read"]

_LISTED = 12  # headings named in a columns line before "and N more"
SHAPES = {  # Inputs.shape -> words for the columns line
    "accounts": "one row per account", "wide": "a column per platform: one account per filled cell",
    "nodexl": "a NodeXL workbook", "kumu": "a Kumu export", "links": "links alone: every id named is an account",
}


@dataclass(frozen=True)
class ColumnsRead:
    """Which heading of one table was read as which field, and which were not: the "Columns" line.

    ``read``: (field, heading) pairs; ``other``: headings kept as they are
    (shown in hover texts); ``unused``: headings not read at all.
    """

    file: str
    shape: str
    read: tuple[tuple[str, str], ...]
    other: tuple[str, ...] = ()
    unused: tuple[str, ...] = ()

    def line(self) -> str:
        """``Columns of accounts.csv (one row per account): id <- Twitter handle, name <- Account Name; ...``"""
        def listed(headings: tuple[str, ...]) -> str:
            more = len(headings) - _LISTED
            return ", ".join(headings[:_LISTED]) + (f" and {more} more" if more > 0 else "")

        text = f"Columns of {self.file} ({self.shape}): "
        text += ", ".join(field if heading == field else f"{field} <- {heading}"
                          for field, heading in self.read) or "none read"
        if self.other:
            text += f"; other columns, shown as written: {listed(self.other)}"
        if self.unused:
            text += f"; not used: {listed(self.unused)}"
        return text


def _headings(sheet: Sheet) -> list[str]:
    return [str(heading) for heading in sheet.frame.columns]


def accounts_read(accounts: Sheet, wide: WideList | None, columns: dict[str, str], ignored: frozenset[str],
                  shape: str) -> ColumnsRead:
    """What the accounts table's headings were read as."""
    if wide is not None:
        used = {h for _, h in wide.read} | {c.heading for c in wide.channels} | set(wide.unused)
        used |= {h.strip() for _, listed in wide.read for h in listed.split(",")}
        kept = tuple(h for h in _headings(wide.sheet) if h not in columns.values() and h != ORGANISATION)
        return ColumnsRead(accounts.file, SHAPES[shape], wide.read, tuple(h for h in kept if h not in used),
                           wide.unused)
    read = tuple((name, heading) for name, heading in columns.items() if heading)
    used = {heading for _, heading in read}
    other = tuple(h for h in _headings(accounts) if h not in used and h not in ignored)
    return ColumnsRead(accounts.file, SHAPES.get(shape, shape), read, other,
                       tuple(h for h in _headings(accounts) if h in ignored and h not in used))


def links_read(sheet: Sheet, columns: dict[str, str]) -> ColumnsRead:
    """What a relationships table's headings were read as; its other columns are not used."""
    read = tuple((name, heading) for name, heading in columns.items() if heading)
    used = {heading for _, heading in read}
    return ColumnsRead(sheet.file, "one row per link", read, (), tuple(h for h in _headings(sheet) if h not in used))
