"""Gephi and Cytoscape files: write the map as drawn (reading one is :mod:`socialmap.inputs.graphread`).

GEXF carries positions, colours and sizes in its ``viz`` elements, so Gephi
opens the map as socialmap drew it; GraphML has no such elements, so the
same facts travel as attributes (x, y, size, color, r, g, b) that Cytoscape
can map. Every account attribute and figure goes along.

XML 1.0 cannot hold most control characters (a bell or a vertical tab
pasted into a description), and a file holding one is not well-formed:
neither Gephi nor socialmap could read it back. They are written as
U+FFFD, with one warning per field saying how many accounts had them.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .channels import ColourChannel, SizeChannel
from .community import Partition
from .errors import WARNING, Issue
from .words import count_of
from .layout import Layout

__all__ = ["GRAPH_FORMATS", "GraphFile", "graph_file"]

GRAPH_FORMATS = ("gexf", "graphml")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FIGURES = ("degree", "in_degree", "out_degree", "pagerank", "betweenness", "bridge", "weekly_otv",
            "posts_per_week_assumed")


def _plain(value: object) -> object | None:
    """A value GEXF/GraphML can hold (str, int, float, bool), or None to leave it out."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if pd.isna(value):
        return None
    try:
        return value.item()  # numpy and pandas scalars
    except AttributeError:
        return str(value)


@dataclass(frozen=True)
class GraphFile:
    """A GEXF or GraphML file's bytes, and the warnings about text it could not hold as written."""

    data: bytes
    issues: tuple[Issue, ...] = ()


def _xml_safe(attributes: dict[str, object], replaced: Counter) -> dict[str, object]:
    """The attributes with characters XML cannot hold written as U+FFFD, counting the fields changed."""
    safe = {}
    for key, value in attributes.items():
        if isinstance(value, str) and _NOT_XML.search(value):
            value = _NOT_XML.sub("\ufffd", value)
            replaced[key] += 1
        safe[key] = value
    return safe


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _export_graph(
    G: nx.DiGraph, partition: Partition, layout: Layout, colour: ColourChannel, size: SizeChannel,
    metrics: pd.DataFrame, *, viz: bool, replaced: Counter,
) -> nx.DiGraph:
    figures = {name: metrics[name].tolist() for name in _FIGURES if name in metrics.columns}
    out = nx.DiGraph()
    for position, (node, data) in enumerate(G.nodes(data=True)):
        entry = colour.legend[colour.entry[node]]
        red, green, blue = _rgb(entry["color"])
        x, y = layout.positions[node]
        attributes = {
            "label": data["name"] or data["id"], "handle": data["id"], "platform": data["platform"],
            "area": data["area"], "category": data["category"], "followers": data["followers"],
            "posts_per_week": data["posts_per_week"], "url": data["url"], "description": data["description"],
            "lat": data["lat"], "lon": data["lon"], "placeholder": data["placeholder"],
            "community": partition.names[partition.membership[node]],
            "community_id": partition.membership[node], "colour_group": entry["label"],
            **{name: values[position] for name, values in figures.items()},
            **{f"extra: {heading}": value for heading, value in (data["extra"] or {}).items()},
        }
        if viz:
            # GEXF's y axis points up; the page's points down
            attributes["viz"] = {"position": {"x": x, "y": -y, "z": 0.0}, "size": size.value[node] * 10 + 5,
                                 "color": {"r": red, "g": green, "b": blue, "a": 1.0}}
        else:
            attributes.update(x=x, y=y, size=size.value[node], color=entry["color"], r=red, g=green, b=blue)
        plain = {k: v for k, v in ((k, _plain(v)) if k != "viz" else (k, v)
                                   for k, v in attributes.items()) if v is not None}
        out.add_node(_NOT_XML.sub("\ufffd", node), **_xml_safe(plain, replaced))
    for source, target, data in G.edges(data=True):
        out.add_edge(_NOT_XML.sub("\ufffd", source), _NOT_XML.sub("\ufffd", target),
                     weight=float(data.get("weight", 1.0)),
                     **_xml_safe({"relation": data.get("type", "")}, replaced))
    return out


def graph_file(
    fmt: str, G: nx.DiGraph, partition: Partition, layout: Layout, colour: ColourChannel, size: SizeChannel,
    metrics: pd.DataFrame,
) -> GraphFile:
    """The map as a GEXF or GraphML file (UTF-8 bytes), with a warning per field whose text XML could not hold."""
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"graph format must be one of {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
    replaced: Counter = Counter()
    out = _export_graph(G, partition, layout, colour, size, metrics, viz=fmt == "gexf", replaced=replaced)
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(out, buffer, version="1.2draft")
    else:
        nx.write_graphml(out, buffer)
    issues = tuple(
        Issue(f"{fmt.upper()} output", None, field,
              f"{count_of(count, 'value')} held control characters that XML cannot hold; they are written as \ufffd",
              severity=WARNING)
        for field, count in sorted(replaced.items()))
    return GraphFile(buffer.getvalue(), issues)
