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
_ROW_NUMBER = re.compile(r"\b(rows?) \d+\b")

# Repeated warnings of one kind, said once for all of them: (the message with its quoted values
# as "…" and row numbers as "row N", the sentence for a count). A kind not listed here is said
# with the general form, "12 rows: <the message>".
_PLURAL = (
    (r'"…" links to itself; row skipped', "{n} rows link an account to itself and were skipped"),
    (r'"…" lists itself; that link is skipped', "{n} cells list their own account; those links were skipped"),
    (r"blank row skipped", "{n} blank rows skipped"),
    (r"no id; row skipped", "{n} rows have no id and were skipped"),
    (r"no source account; row skipped", "{n} rows have no source account and were skipped"),
    (r"no target account; row skipped", "{n} rows have no target account and were skipped"),
    (r'"…"(?P<where> on .+)? repeats the account in row N; merged into it',
     "{n} rows repeat an account{where} above them and were merged into it"),
    (r'"…" names several platforms; read as one account on "…"',
     "{n} rows name several platforms in one cell; each was read as one account on all of them"),
    (r'account "…" is not in (?P<file>.+); added as a placeholder',
     "{n} accounts are not in {file} and were added as placeholders"),
)


def _kind(issue: Issue) -> str:
    """The message with what differs between alike problems (quoted values, row numbers) taken out."""
    return _ROW_NUMBER.sub(r"\1 N", _QUOTED.sub('"…"', issue.message))


def _plural(kind: str, count: int) -> str:
    for singular, plural in _PLURAL:
        match = re.fullmatch(singular, kind)
        if match:
            return plural.format(n=f"{count:,}", **{k: v or "" for k, v in match.groupdict().items()})
    return f"{count:,} rows: {kind}"


def _rows(rows: list[int], show: int) -> str:
    listed = ", ".join(str(row) for row in rows[:show])
    return f"rows {listed}" + (f" ... ({len(rows) - show:,} more)" if len(rows) > show else "")


def summarised(issues: Iterable[Issue], *, show: int = 8, verbose: bool = False) -> list[str]:
    """One line per problem, but alike problems (same file, column and wording but for quoted
    values and row numbers) as one line with their count and first ``show`` rows, so that a file
    with a thousand self-links says so in one line: ``Edges, column Vertex 2: 536 rows link an
    account to itself and were skipped: rows 3, 4, 7 ...``. ``verbose``: every problem on its own line.
    """
    issues = list(issues)
    if verbose:
        return [str(issue) for issue in issues]
    groups: dict[tuple, list[Issue]] = {}
    for issue in issues:
        groups.setdefault((issue.file, issue.column, _kind(issue), issue.severity), []).append(issue)
    lines = []
    for (file, column, kind, _), alike in groups.items():
        rows = [issue.row for issue in alike if issue.row is not None]
        if len(alike) == 1 or len(rows) != len(alike):
            lines.extend(str(issue) for issue in alike)
            continue
        where = file + (f", column {column}" if column else "")
        hint = f" ({alike[0].hint})" if alike[0].hint else ""
        lines.append(f"{where}: {_plural(kind, len(alike))}: {_rows(rows, show)}{hint}")
    return lines
