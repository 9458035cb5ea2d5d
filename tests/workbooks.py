"""Workbooks made in the tests: the bytes of an .xlsx file holding given rows, as openpyxl saves it."""

from __future__ import annotations

import io

import openpyxl


def xlsx(rows: list[list]) -> bytes:
    """An .xlsx file whose first sheet holds ``rows``."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
