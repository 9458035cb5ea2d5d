"""What every command prints besides its result: problems, warnings, which columns were read, slow stages.

One place, so that a problem is one line on stderr (file, row, column,
message) and exit status 2 whichever command met it: bad input is never a
traceback.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from typing import NoReturn

import click

from ..errors import SocialMapError, summarised
from ..words import count_of

__all__ = ["INPUT_ERROR", "StageReporter", "refuse", "say_columns", "stop", "warn"]

INPUT_ERROR = 2


class StageReporter:
    """Prints each stage on a terminal once a build has taken more than a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()

    def __call__(self, stage: str) -> None:
        elapsed = time.perf_counter() - self.started
        if self.enabled and elapsed > 1.0:
            click.echo(f"  {elapsed:5.1f} s  {stage}…", err=True)


def refuse(error: SocialMapError, outcome: str) -> NoReturn:
    """Every problem on its own line, then what did not happen, then exit status 2."""
    for issue in error.issues:
        click.echo(str(issue), err=True)
    click.echo(f"socialmap: {outcome}.", err=True)
    sys.exit(INPUT_ERROR)


def stop(error: SocialMapError, what: str) -> NoReturn:
    """Every problem on its own line, a count, then exit status 2: no ``what`` (map, trend) was written."""
    count = len(error.issues)
    refuse(error, f"{count} problem{'s' if count != 1 else ''} in the input; no {what} was written")


_WARNING_LINES = 12  # with the count line above them, a screenful


def warn(issues, note: str = "", *, prefix: str = "", verbose: bool = False) -> int:
    """Print the warnings among ``issues`` after a line that counts them, alike ones as one line each
    (``verbose``: every one); their count."""
    warnings_ = [issue for issue in issues if not issue.is_error]
    if warnings_:
        click.echo(f"{prefix}{count_of(len(warnings_), 'warning')}{' ' + note if note else ''}:", err=True)
        lines = summarised(warnings_, verbose=verbose)
        shown = lines if verbose or len(lines) <= _WARNING_LINES else lines[:_WARNING_LINES - 1]
        for line in shown:
            click.echo(f"  {line}", err=True)
        if len(shown) < len(lines):
            click.echo(f"  ... and {count_of(len(lines) - len(shown), 'more kind')} of warning "
                       "(--verbose lists every warning)", err=True)
    return len(warnings_)


def say_columns(columns) -> None:
    """Last, one line per way of reading: which heading was read as which field, and the headings not used.

    Files read the same way (a trend's snapshots) share a line.
    """
    files: dict[object, list[str]] = {}
    for read in columns:
        files.setdefault(replace(read, file=""), []).append(read.file)
    for read, names in files.items():
        more = f" and {len(names) - 1} more" if len(names) > 2 else (f" and {names[1]}" if len(names) == 2 else "")
        click.echo(replace(read, file=names[0] + more).line())
