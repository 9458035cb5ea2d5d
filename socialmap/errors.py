"""The one exception type of socialmap, and the problems it reports.

Every problem found in an input file is an :class:`Issue` naming the file,
the 1-based spreadsheet row (the header is row 1) and the column as the user
wrote it. Loading collects all of them before failing, so a user can fix a
file in one go; :class:`SocialMapError` carries that list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Issue", "SocialMapError", "ERROR", "WARNING", "raise_if_errors", "summarised"]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem in one place of an input file.

    ``row`` is the spreadsheet row (header = 1) or None for the whole file;
    ``column`` is the heading as written in the file, or None.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str | None = None
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        """``accounts.csv row 14, column followers`` (the parts that are known)."""
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}" if self.row is not None else f" column {self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_row(self) -> dict[str, object]:
        """The problem as one row of a table: file, row, column, message, severity."""
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        return {"file": self.file, "row": self.row, "column": self.column, "message": message, "severity": self.severity}

    def as_error(self) -> Issue:
        """The same problem, counted as an error (``--strict``)."""
        return Issue(self.file, self.row, self.column, self.message, self.hint, ERROR)


class SocialMapError(Exception):
    """Bad input, with every problem found: file, row, column, message, hint.

    ``SocialMapError("accounts.csv", 14, "followers", '"lots" is not a number')``
    reports one problem; :meth:`from_issues` reports many.
    """

    def __init__(
        self,
        file: str,
        row: int | None,
        column: str | None,
        message: str,
        hint: str | None = None,
    ) -> None:
        self.issues: tuple[Issue, ...] = (Issue(file, row, column, message, hint),)
        super().__init__(str(self.issues[0]))

    @classmethod
    def from_issues(cls, issues: Iterable[Issue]) -> SocialMapError:
        issues = tuple(issues)
        if not issues:
            raise ValueError("SocialMapError needs at least one issue")
        first = issues[0]
        error = cls(first.file, first.row, first.column, first.message, first.hint)
        error.issues = issues
        error.args = ("\n".join(str(issue) for issue in issues),)
        return error

    @property
    def file(self) -> str:
        return self.issues[0].file

    @property
    def row(self) -> int | None:
        return self.issues[0].row

    @property
    def column(self) -> str | None:
        return self.issues[0].column

    @property
    def message(self) -> str:
        return self.issues[0].message

    @property
    def hint(self) -> str | None:
        return self.issues[0].hint


def raise_if_errors(issues: Iterable[Issue], *, strict: bool = False) -> None:
    """Raise one SocialMapError listing every error (and every warning if strict)."""
    issues = list(issues)
    failing = [issue.as_error() for issue in issues] if strict else [i for i in issues if i.is_error]
    if failing:
        raise SocialMapError.from_issues(failing)


_QUOTED = re.compile(r'"[^"]*"')


def summarised(issues: Iterable[Issue], *, show: int = 5) -> list[str]:
    """One line per problem, but past ``show`` alike (same file, column and wording
    but for quoted values) one line that lists the rest of their rows, so that
    a file with a thousand self-links does not bury the other warnings.
    """
    groups: dict[tuple, list[Issue]] = {}
    for issue in issues:
        key = (issue.file, issue.column, _QUOTED.sub('"…"', issue.message), issue.severity)
        groups.setdefault(key, []).append(issue)
    lines = []
    for (file, column, message, _), alike in groups.items():
        lines.extend(str(issue) for issue in alike[:show])
        rest = alike[show:]
        if rest:
            rows = ", ".join(str(issue.row) for issue in rest if issue.row is not None)
            where = f"{file}" + (f", column {column}" if column else "")
            lines.append(f"… and {len(rest):,} more like this in {where}: rows {rows}")
    return lines
