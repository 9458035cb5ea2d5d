"""Turn the page's plain data into one self-contained HTML page.

:func:`socialmap.payload.map_payload` makes the data (JSON-ready records:
ids, positions, colours, sizes, labels, groups, the overview); ``render_html``
puts it into the one template, assets/map.html.j2 (autoescape on), with vis-network (the
build pyvis ships), the page script and styles inlined. Data reaches the
page only as JSON in a non-executed script element; a Content-Security-Policy
allows just the two inline scripts (by hash) and no network at all.

This module imports no analysis (graph, communities, layout, figures): it
draws what it is handed, so the page can change without touching them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:  # plain data made by story.py; the page needs no analysis to draw it
    from .story import ReachPanel

__all__ = ["render_html", "tooltip_text", "PageText"]

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_UNUSED_VIS = re.compile(r"vis-(?:navigation|manipulation|edit-mode|close|configuration|color-picker)")
PAGE_SCRIPTS = ("labels.js", "map.js", "controls.js", "print.js", "pictures.js", "view.js", "start.js")  # one inline script, in this order


@dataclass(frozen=True)
class PageText:
    """The words on the page around the map (plain text: the template escapes it)."""

    title: str
    subtitle: str = ""
    source: str = ""
    data_date: str = ""
    about: tuple[str, ...] = ()
    reach: ReachPanel | None = None


def _format_count(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.0f}"


def tooltip_text(data: dict, community: str, *, kind: str = "community") -> str:
    """The hover text of one account (or, in an overview, one group): plain text, one fact a line.

    ``kind`` is what the groups are ("community", or "area" in the per-area
    overview, whose nodes are areas), and names the line of the group.

    The page does not carry these texts (they were most of a large map's
    bytes): map.js's ``tooltipOf`` builds the same words from the payload's
    columns, and tests/browser checks that the two agree. One difference:
    the page lists extra columns in the file's order, where an account
    merged from repeated rows lists them here in merge order.
    """
    lines = [data["name"] or data["id"]]
    lines.append(" · ".join(part for part in (data["id"], data["platform"], data["area"]) if part))
    if data["placeholder"]:
        lines.append("Not in the accounts file: named in a relationship only")
    else:
        if data["category"]:
            lines.append(f"Category: {data['category']}")
        lines.append(f"Followers: {_format_count(data['followers'])}")
        if data["posts_per_week"] is not None:
            lines.append(f"Posts a week: {data['posts_per_week']:g}")
    lines.append(f"{kind.capitalize()}: {community}")
    if data["description"]:
        lines.append("")
        lines.append(data["description"])
    for heading, value in (data["extra"] or {}).items():
        lines.append(f"{heading}: {value}")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: _asset_text(name))
    environment = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    # |tojson without the space after each comma: a million numbers, a megabyte less
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return environment


def _asset_text(name: str) -> str:
    return resources.files("socialmap.assets").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_files() -> tuple[str, str]:
    """vis-network's script and style, from pyvis's package folder (found, not imported:
    importing pyvis pulls in IPython, 0.4 s)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: socialmap inlines the vis-network it ships")
    folder = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
    return ((folder / "vis-network.min.js").read_text(encoding="utf-8"),
            _used_vis_rules((folder / "vis-network.css").read_text(encoding="utf-8")))


def _used_vis_rules(css: str) -> str:
    """vis-network's style without the rules of the parts the page never turns on (navigation and editing
    buttons, the configurator, the colour picker): 207 kB of its 220 kB, mostly button pictures as data URIs,
    which every map would carry and every browser parse for nothing. A stylesheet of another shape than the flat
    one pyvis ships (an @media block, say) is kept whole: bigger, never broken."""
    rules = re.findall(r"[^{}]+\{[^{}]*\}", css)
    if "".join(rules).strip() != css.strip() or "@" in css:
        return css
    return "".join(rule for rule in rules if not _UNUSED_VIS.search(rule.split("{", 1)[0]))


def _inline(code: str, tag: str) -> Markup:
    """Our own (trusted) script or style, checked so it cannot close its element early."""
    if f"</{tag}" in code.lower():
        raise ValueError(f"an inlined {tag} contains '</{tag}', which would end it early")
    return Markup(code)


def _csp_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(payload: dict, text: PageText | None = None) -> str:
    """The complete page for a payload from :func:`socialmap.payload.map_payload`, with its words."""
    text = text or PageText(payload["title"], payload["subtitle"])
    from . import __version__

    vis_js, vis_css = _vis_files()
    page_js = "\n".join(_asset_text(name) for name in PAGE_SCRIPTS)
    return _environment().get_template("map.html.j2").render(
        title=payload["title"],
        subtitle=payload["subtitle"],
        key=payload["key"],
        text=text,
        version=__version__,
        payload=payload,
        vis_js=_inline(vis_js, "script"),
        page_js=_inline(page_js, "script"),
        vis_css=_inline(vis_css, "style"),
        page_css=_inline(_asset_text("map.css"), "style"),
        script_sources=Markup(" ".join((_csp_hash(vis_js), _csp_hash(page_js)))),
    )
