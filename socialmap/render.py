"""Turn a laid-out graph into one self-contained HTML page.

``map_payload`` makes plain data (JSON-ready); ``render_html`` puts it into
the one template, assets/map.html.j2 (autoescape on), with vis-network (the
build pyvis ships), the page script and styles inlined. Data reaches the
page only as JSON in a non-executed script element; a Content-Security-Policy
allows just the two inline scripts (by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup

from .channels import ColourChannel, SizeChannel
from .community import Partition
from .layout import Layout
from .story import ReachPanel

__all__ = ["map_payload", "render_html", "tooltip_text", "PageText"]

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
PAGE_SCRIPTS = ("map.js", "controls.js")  # one inline script, in this order


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


def tooltip_text(data: dict, community: str) -> str:
    """The hover text of one account: plain text, one fact a line."""
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
    lines.append(f"Community: {community}")
    if data["description"]:
        lines.append("")
        lines.append(data["description"])
    for heading, value in (data["extra"] or {}).items():
        lines.append(f"{heading}: {value}")
    return "\n".join(lines)


def map_payload(
    G: nx.DiGraph,
    partition: Partition,
    layout: Layout,
    text: PageText,
    *,
    colour: ColourChannel,
    size: SizeChannel,
    faint_links: bool = False,
) -> dict:
    """Everything the page needs, as plain lists (columnar, to keep the file small)."""
    nodes = list(G.nodes)
    index = {node: position for position, node in enumerate(nodes)}
    columns: dict[str, list] = {name: [] for name in ("key", "handle", "label", "x", "y", "value", "group", "title", "url")}
    placeholders = []
    for position, (node, data) in enumerate(G.nodes(data=True)):
        x, y = layout.positions[node]
        columns["key"].append(node)
        columns["handle"].append(data["id"])
        columns["label"].append(data["name"] or data["id"])
        columns["x"].append(x)
        columns["y"].append(y)
        columns["value"].append(size.value[node])
        columns["group"].append(colour.entry[node])
        columns["title"].append(tooltip_text(data, partition.names[partition.membership[node]]))
        columns["url"].append(data["url"] or "")
        if data["placeholder"]:
            placeholders.append(position)
    columns["placeholder"] = placeholders
    columns["major"] = _major_accounts(nodes, colour, size)
    edges = {"from": [], "to": [], "weight": []}
    for source, target, weight in G.edges(data="weight", default=1.0):
        edges["from"].append(index[source])
        edges["to"].append(index[target])
        edges["weight"].append(weight)
    return {
        "title": text.title,
        "subtitle": text.subtitle,
        "legend": list(colour.legend),
        "key": [colour.description, size.description],
        "nodes": columns,
        "edges": edges,
        "faintLinks": faint_links,
        "hubs": [{"key": h.key, "label": h.label, "kind": h.kind, "x": h.x, "y": h.y, "room": h.room}
                 for h in layout.hubs],
        "tree": {"from": [a for a, _ in layout.tree_links], "to": [b for _, b in layout.tree_links]},
        "regions": [{"label": r.label, "x": r.x, "y": r.y, "width": r.width, "height": r.height}
                    for r in layout.regions],
    }


def _major_accounts(nodes: list[str], colour: ColourChannel, size: SizeChannel, per_group: int = 3) -> list[int]:
    """Positions of each colour group's largest accounts: their labels show at every zoom."""
    ranked = sorted(range(len(nodes)), key=lambda i: (colour.entry[nodes[i]], -size.value[nodes[i]], i))
    major, seen = [], Counter()
    for i in ranked:
        group = colour.entry[nodes[i]]
        if seen[group] < per_group:
            major.append(i)
            seen[group] += 1
    return sorted(major)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: _asset_text(name))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


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
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (folder / "vis-network.css").read_text(encoding="utf-8")


def _inline(code: str, tag: str) -> Markup:
    """Our own (trusted) script or style, checked so it cannot close its element early."""
    if f"</{tag}" in code.lower():
        raise ValueError(f"an inlined {tag} contains '</{tag}', which would end it early")
    return Markup(code)


def _csp_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(payload: dict, text: PageText | None = None) -> str:
    """The complete page for a payload from :func:`map_payload`, with its words."""
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
