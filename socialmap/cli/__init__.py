"""The ``socialmap`` command: parse options, call the library, write files.

One module per command (build, compare, trend, snapshots; app and sample to try
it); flags.py holds the options several share and say.py what they all print:
bad input never shows a traceback, each problem is one line on stderr (file,
row, column, message) and the exit status is 2.
"""

from __future__ import annotations

import sys
import warnings

import click

from ..console import make_streams_safe
from .app import app, sample
from .build import build
from .compare import compare
from .snapshots import snapshots
from .trend import trend

__all__ = ["main"]


@click.group()
@click.version_option(package_name="socialmap")
def main() -> None:
    """Turn a spreadsheet of social media accounts into an offline, interactive map."""
    make_streams_safe()
    if not sys.warnoptions:  # libraries' own warnings (openpyxl's, with their paths) are not for the user
        warnings.simplefilter("ignore")


main.add_command(build)
main.add_command(trend)
main.add_command(compare)
main.add_command(snapshots)
main.add_command(app)
main.add_command(sample)
