"""Options that several commands share, and the checks on what they are given.

Each is a click decorator or callback: a flag becomes a typed value here, and
the commands hand those values to the library unchanged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..graphfiles import GRAPH_FORMATS
from ..inputs.columns import ACCOUNT_FIELD_NAMES, RELATIONSHIP_FIELD_NAMES, ColumnMap
from ..inputs.dates import parse_date
from ..options import METHODS, MapOptions
from ..poster import FORMATS as POSTER_FORMATS, PAPER_NAMES

__all__ = ["output_format", "checked_output", "checked_page", "page_output_option", "date_option", "column_options",
           "community_options", "max_size_option", "verbose_option", "paper_option", "strict_option", "seed_option",
           "resolution_option"]


def output_format(path: Path) -> str:
    """html, gexf, graphml, svg, pdf or pptx, from the output's extension."""
    suffix = path.suffix.lower().lstrip(".")
    return "html" if suffix in ("html", "htm") else suffix


def checked_output(path: Path) -> Path:
    """A map's output: a page, a graph file, a poster or slides."""
    if output_format(path) not in ("html", *GRAPH_FORMATS, *POSTER_FORMATS):
        raise click.BadParameter(f"{path.name} must end in .html, .gexf, .graphml, .svg, .pdf or .pptx")
    return path


def checked_page(path: Path) -> Path:
    """A trend or change output: a page, or a poster or slides."""
    if output_format(path) not in ("html", *POSTER_FORMATS):
        raise click.BadParameter(f"{path.name} must end in .html, {', '.join('.' + f for f in POSTER_FORMATS[:-1])} or "
                                 f".{POSTER_FORMATS[-1]}")
    return path


def page_output_option(default: str, what: str):
    """``-o`` of a command that writes a page (compare, trend): .html, or an .svg or .pdf poster, or .pptx slides;
    its format is checked before any work is done."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path(default),
                        show_default=True, callback=lambda context, parameter, path: checked_page(path),
                        help=f"{what} to write: .html (the page), .svg or .pdf (a poster), .pptx (slides).")


def date_option(text: str | None) -> dt.date | None:
    """A date typed on the command line, ISO or day first."""
    if text is None:
        return None
    try:
        return parse_date(text, what="the date")
    except ValueError as error:
        raise click.BadParameter(str(error).removeprefix("the date: ")) from None


def _column_map(fields: tuple[str, ...]):
    """A click callback: repeated FIELD=HEADING options as one ColumnMap."""
    def parse(context, parameter, texts: tuple[str, ...]) -> ColumnMap:
        try:
            return ColumnMap.parse(texts, fields=fields)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
    return parse


def column_options(command):
    """``--column`` and ``--link-column``: which heading holds which field, for build, compare, trend and snapshots."""
    command = click.option(
        "--link-column", "relationship_columns", multiple=True, metavar="FIELD=HEADING",
        callback=_column_map(RELATIONSHIP_FIELD_NAMES),
        help=f"The relationships file's column holding FIELD ({', '.join(RELATIONSHIP_FIELD_NAMES)}); "
             "FIELD= says there is none. Repeat for more.")(command)
    return click.option(
        "--column", "account_columns", multiple=True, metavar="FIELD=HEADING",
        callback=_column_map(ACCOUNT_FIELD_NAMES),
        help="The accounts file's column holding FIELD (id, name, platform, area, category, followers, "
             "posts_per_week, url, description, lat, lon), e.g. --column id=\"Twitter handle\"; FIELD= says the "
             "file has no such column. Repeat for more.")(command)


def community_options(command):
    """``--communities N`` and ``--method``: how communities are found, for build and compare."""
    command = click.option(
        "--method", type=click.Choice(METHODS), default=None,
        help="How communities are found: louvain, or leiden (every community connected). Default: louvain, "
             "or leiden with --communities.")(command)
    return click.option(
        "--communities", type=click.IntRange(1, 1000), default=None, metavar="N",
        help="About how many communities (of 3 or more accounts) to find: the resolution is then fitted "
             "and --resolution is not used.")(command)


max_size_option = click.option(
    "--max-size", "max_bytes", type=click.FloatRange(min=0, min_open=True), default=MapOptions.max_bytes / 2**20,
    show_default=True, callback=lambda context, parameter, megabytes: max(1, round(megabytes * 2**20)),
    help="Largest input file to read, in MB.")
verbose_option = click.option("--verbose", is_flag=True, help="List every warning on its own line, with its row.")
strict_option = click.option("--strict", is_flag=True, help="Treat every warning as an error.")
paper_option = click.option(
    "--paper", type=click.Choice(PAPER_NAMES, case_sensitive=False), default="A3", show_default=True,
    callback=lambda context, parameter, text: text.upper(),
    help="Paper of an .svg or .pdf poster (landscape; slides are 16:9).")
seed_option = click.option("--seed", default=42, show_default=True, type=click.IntRange(min=0),
                           help="Seed for every random choice: the same seed gives the same map.")
resolution_option = click.option(
    "--resolution", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True, max=100),
    help="Community resolution: higher gives more, smaller communities.")
