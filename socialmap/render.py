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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import numpy as np
import pandas as pd
from markupsafe import Markup

from .channels import ColourChannel, SizeChannel
from .community import Partition
from .layout import Layout
from .overview import OVERVIEW_ABOVE, community_overview, largest_accounts, main_group
from .story import ReachPanel

__all__ = ["map_payload", "render_html", "tooltip_text", "PageText", "OVERVIEW_ABOVE"]

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
PAGE_SCRIPTS = ("map.js", "controls.js", "start.js")  # one inline script, in this order


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
    """The hover text of one account: plain text, one fact a line.

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
    overview_above: int = OVERVIEW_ABOVE,
) -> dict:
    """Everything the page needs, as plain columns (one list per field, to keep the file small).

    The page builds each account's hover text from these columns (the
    wording of :func:`tooltip_text`) when the account is first drawn.
    Text that repeats (platform, area, category, descriptions...) goes as
    an index into its distinct values; positions are whole canvas units,
    sizes three significant figures. Links go as each account's number of
    links out, then the target of each (the graph lists links by source).
    With more than ``overview_above`` accounts the page opens on the
    community overview (:mod:`socialmap.overview`).
    """
    nodes = list(G.nodes)
    records = [data for _, data in G.nodes(data=True)]
    edges = _link_columns(G, nodes)
    columns = _account_columns(nodes, records, partition, layout, colour, size)
    payload = {
        "title": text.title,
        "subtitle": text.subtitle,
        "legend": list(colour.legend),
        "key": [colour.description, size.description],
        "communities": list(partition.names),
        "nodes": columns,
        "edges": edges,
        "faintLinks": faint_links,
        "hubs": [{"key": h.key, "label": h.label, "kind": h.kind, "x": _whole(h.x), "y": _whole(h.y),
                  "room": _whole(h.room)} for h in layout.hubs],
        "tree": {"from": [a for a, _ in layout.tree_links], "to": [b for _, b in layout.tree_links]},
        "regions": [{"label": r.label, "x": _whole(r.x), "y": _whole(r.y), "width": _whole(r.width),
                     "height": _whole(r.height)} for r in layout.regions],
    }
    if len(nodes) > overview_above:
        payload["overview"] = _overview(columns, records, edges, len(partition.names), len(colour.legend))
    return payload


def _account_columns(nodes: list[str], records: list[dict], partition: Partition, layout: Layout,
                     colour: ColourChannel, size: SizeChannel) -> dict:
    """One list per field of the accounts, in graph order."""
    points = np.array([layout.positions[node] for node in nodes], dtype=float).reshape(-1, 2)
    return {
        "key": nodes,
        "handle": [r["id"] for r in records],
        "label": [r["name"] or r["id"] for r in records],
        "x": _whole_numbers(points[:, 0]),
        "y": _whole_numbers(points[:, 1]),
        "value": _significant([size.value[node] for node in nodes]),
        "group": [colour.entry[node] for node in nodes],
        "community": [partition.membership[node] for node in nodes],
        "platform": _text_column([r["platform"] for r in records]),
        "area": _text_column([r["area"] for r in records]),
        "category": _text_column([r["category"] for r in records]),
        "followers": _counts([r["followers"] for r in records]),
        "posts": _rates([r["posts_per_week"] for r in records]),
        "description": _text_column([r["description"] for r in records]),
        "extra": _extra_columns(records),
        "url": _url_column([r["url"] or "" for r in records]),
        "placeholder": [i for i, r in enumerate(records) if r["placeholder"]],
        "major": _major_accounts(nodes, [r["name"] or r["id"] for r in records], colour, size),
    }


def _link_columns(G: nx.DiGraph, nodes: list[str]) -> dict:
    """Links as {out: links out per account, to: target index per link[, weight]}.

    G lists its links source by source in node order, so sources need no
    list of their own. Weights are left out when every link weighs 1.
    """
    position = {node: i for i, node in enumerate(nodes)}
    adjacency = [neighbours for _, neighbours in G.adjacency()]
    targets = [target for neighbours in adjacency for target in neighbours]
    weights = np.array([d.get("weight", 1.0) for neighbours in adjacency for d in neighbours.values()], dtype=float)
    columns = {
        "out": [len(neighbours) for neighbours in adjacency],
        "to": [position[target] for target in targets],
    }
    if len(weights) and not (weights == 1.0).all():
        columns["weight"] = _whole_numbers(weights) if (weights == np.round(weights)).all() else _significant(weights)
    return columns


def _overview(columns: dict, records: list[dict], edges: dict, communities: int, groups: int) -> dict:
    """The community overview's nodes and links (see :mod:`socialmap.overview`)."""
    community = np.array(columns["community"], dtype=np.int64)
    followers = np.array([np.nan if r["followers"] is None else r["followers"] for r in records], dtype=float)
    sources = np.repeat(np.arange(len(community)), edges["out"])
    targets = np.array(edges["to"], dtype=np.int64)
    weights = np.array(edges.get("weight", np.ones(len(targets))), dtype=float)
    summary = community_overview(community, np.array(columns["x"], dtype=float), np.array(columns["y"], dtype=float),
                                 followers, sources, targets, weights, communities=communities)
    main = main_group(community, np.array(columns["group"], dtype=np.int64), communities=communities, groups=groups)
    largest = largest_accounts(community, followers, communities=communities)
    a, b, summed = summary.links
    return {
        "community": summary.community.tolist(),
        "x": _whole_numbers(summary.x),
        "y": _whole_numbers(summary.y),
        "accounts": summary.accounts.tolist(),
        "followers": _whole_numbers(summary.followers),
        "group": main[summary.community].tolist(),
        "largest": [largest[number] for number in summary.community.tolist()],
        "links": {"from": a.tolist(), "to": b.tolist(), "weight": _significant(summed)},
    }


def _whole(value: float) -> int:
    return int(round(value))


def _whole_numbers(values) -> list[int]:
    """Whole canvas units (a dot is 12 or more units wide): short JSON, nothing visible lost."""
    return np.rint(np.asarray(values, dtype=float)).astype(np.int64).tolist()


def _significant(values, digits: int = 3) -> list[float | int]:
    """Numbers to ``digits`` significant figures (sizes and widths: the eye sees no more).

    Rounded as a whole number of the last kept digit, then scaled back by
    an exact power of ten, so the JSON holds the short form (3.49, not 3.4899999).
    """
    array = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = digits - 1 - np.floor(np.log10(np.abs(array)))
    shift = np.where(np.isfinite(shift), shift, 0).astype(np.int64)
    up = np.power(10.0, np.maximum(shift, 0))
    down = np.power(10.0, np.maximum(-shift, 0))
    rounded = (np.rint(array * up / down) * down / up).tolist()
    return [int(v) if v.is_integer() else v for v in rounded]


def _counts(values: list) -> list[int | None]:
    """Follower counts as whole numbers (the hover text shows them so), None where unknown."""
    return [None if v is None else int(round(v)) for v in values]


def _rates(values: list) -> list[float | int | None]:
    """Posts a week to the six significant figures the hover text shows (Python's ``:g``)."""
    shown = [None if v is None else float(f"{v:g}") for v in values]
    return [int(v) if v is not None and v.is_integer() else v for v in shown]


def _text_column(values: list) -> list | dict:
    """A text column as it is, or, when values repeat (platforms, areas), {values, index}: each
    row's index into the distinct values in first-seen order, -1 for none."""
    distinct: dict[str, int] = {}
    index = [-1 if value is None else distinct.setdefault(value, len(distinct)) for value in values]
    if 2 * len(distinct) > len(values):
        return values
    return {"values": list(distinct), "index": index}


def _extra_columns(records: list[dict]) -> list[dict]:
    """The other columns of the accounts file: [{heading, values}] in the order first seen."""
    headings: dict[str, None] = {}
    for r in records:
        headings.update(dict.fromkeys(r["extra"] or {}))
    return [{"heading": h, "values": _text_column([(r["extra"] or {}).get(h) for r in records])} for h in headings]


def _url_column(urls: list[str]) -> dict:
    """Links as {prefix, rest}: everything up to the last "/" (shared by a platform's links) as a
    text column, and the rest."""
    cut = [url.rfind("/") + 1 for url in urls]
    return {"prefix": _text_column([url[:at] for url, at in zip(urls, cut)]),
            "rest": [url[at:] for url, at in zip(urls, cut)]}


def _major_accounts(nodes: list[str], labels: list[str], colour: ColourChannel, size: SizeChannel,
                    per_group: int = 3) -> list[int]:
    """Positions of each colour group's largest accounts: their labels show at every zoom.

    A name is labelled once, at its largest account: an organisation on five
    platforms would otherwise write its name five times over one spot.
    """
    accounts = pd.DataFrame({"group": [colour.entry[node] for node in nodes], "label": labels,
                             "value": [size.value[node] for node in nodes], "at": range(len(nodes))})
    largest_first = accounts.sort_values(["value", "at"], ascending=[False, True], kind="stable")
    named_once = largest_first.drop_duplicates("label")
    return sorted(named_once.groupby("group", sort=False).head(per_group)["at"].tolist())


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
