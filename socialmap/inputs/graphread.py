"""Read a Gephi (.gexf) or GraphML file as an accounts table and a relationships table.

Every GEXF that Gephi writes or ships is read: GEXF 1.0 (no namespace),
Gephi's pre-1.1 namespace ``http://www.gephi.org/gexf`` (whose attribute
values say ``<attvalue id=...>``), 1.1draft, 1.2draft and 1.3 (``for=``).
networkx reads only 1.1 and later ("No <graph> element"), and builds a
graph we would only flatten again, so GEXF is read here, element by element
and whatever the namespace: a node is an account (its id, its label as the
name, each attribute under its title, defaults filled in), an edge a
relationship (source, target, its label or kind as the type, its weight,
and its direction: directed, undirected or mutual). GraphML is read by
networkx.

Both are parsed, or first checked, by defusedxml: a file that declares XML
entities (a "billion laughs" bomb expands a few KB to gigabytes; an
external entity reads other files on this computer) is refused with a
message. Gephi and Cytoscape never write entities.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import networkx as nx
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import SocialMapError
from .files import InputFile, NamedTable, source_name

__all__ = ["read_graph_file", "is_graph_file", "graph_file_tables", "EXPORTED_ONLY"]

# What socialmap's own export adds to each node for Gephi, read back as the map's own figures, not data.
EXPORTED_ONLY = frozenset({
    "viz", "x", "y", "size", "color", "r", "g", "b", "colour_group", "community", "community_id", "placeholder",
    "degree", "in_degree", "out_degree", "pagerank", "betweenness", "bridge", "weekly_otv", "posts_per_week_assumed",
})
_CHECK_GEPHI = "check that Gephi or Cytoscape opens it"
# GEXF 1.0 spells the edge types sim, dir and dou; later versions undirected, directed and mutual.
_DIRECTIONS = {"dir": "directed", "directed": "directed", "sim": "undirected", "simple": "undirected",
               "undirected": "undirected", "dou": "mutual", "double": "mutual", "mutual": "mutual"}


def _parse(data: bytes, name: str) -> Element:
    """The XML tree, through defusedxml: entities and external references are refused."""
    try:
        return fromstring(data)
    except DefusedXmlException:
        raise SocialMapError(
            name, None, None,
            "the file declares XML entities, which socialmap does not read: they can "
            "expand a small file to gigabytes or read other files on this computer",
            "export it again from Gephi or Cytoscape, which write none") from None
    except (ParseError, ValueError) as error:
        raise SocialMapError(name, None, None, f"could not read the graph file: {error}", _CHECK_GEPHI) from None


def _local(tag: object) -> str:
    """An element's name without its namespace: ``{http://gexf.net/1.3}node`` -> ``node``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _all(element: Element, name: str) -> list[Element]:
    """Every element of that name below ``element``, in document order (nested nodes too)."""
    return [child for child in element.iter() if _local(child.tag) == name and child is not element]


def _attribute_titles(graph: Element, kind: str) -> tuple[dict[str, str], dict[str, str]]:
    """Attribute id -> title, and title -> default value, for the node or edge attributes."""
    titles: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for block in _children(graph, "attributes"):
        if block.get("class", "node") != kind:
            continue
        for attribute in _children(block, "attribute"):
            key = attribute.get("id") or attribute.get("title") or ""
            title = (attribute.get("title") or key).strip()
            titles[key] = title
            default = next((child.text for child in _children(attribute, "default")), attribute.get("default"))
            if default is not None:
                defaults[title] = default
    return titles, defaults


def _values(element: Element, titles: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    """An element's attribute values by title: ``for=`` (GEXF 1.1 on) or ``id=`` (before), the last of a dynamic one."""
    values = dict(defaults)
    for holder in _children(element, "attvalues"):
        for value in _children(holder, "attvalue"):
            key = value.get("for", value.get("id"))
            if key is not None:
                values[titles.get(key, key)] = value.get("value", "")
    return values


def _read_gexf(root: Element, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    graph = next(iter(_children(root, "graph")), None)
    if graph is None:
        raise SocialMapError(name, None, None, "the GEXF file has no <graph> element", _CHECK_GEPHI)
    default_direction = _DIRECTIONS.get(graph.get("defaultedgetype", graph.get("edges", "")).lower(), "undirected")
    node_titles, node_defaults = _attribute_titles(graph, "node")
    edge_titles, edge_defaults = _attribute_titles(graph, "edge")
    rows, ids = [], {}
    for node in _all(graph, "node"):
        key = node.get("id", "")
        values = _values(node, node_titles, node_defaults)
        handle = values.pop("handle", None) or key  # socialmap's own export keeps the handle apart from the node id
        ids[key] = handle
        row = {"id": handle, "name": node.get("label", "")}
        for title, value in values.items():
            title = title.removeprefix("extra: ")
            if title not in EXPORTED_ONLY and title not in row:
                row[title] = value
        rows.append(row)
    links = []
    for edge in _all(graph, "edge"):
        values = _values(edge, edge_titles, edge_defaults)
        source, target = edge.get("source", ""), edge.get("target", "")
        kind = values.get("relation") or edge.get("label") or edge.get("kind") or ""
        weight = edge.get("weight") or values.get("weight") or edge.get("cardinal") or "1"
        direction = _DIRECTIONS.get((edge.get("type") or "").lower(), default_direction)
        links.append({"source": ids.get(source, source), "target": ids.get(target, target), "type": kind,
                      "weight": weight, "direction": direction})
    accounts = pd.DataFrame(rows, dtype=object).fillna("") if rows else pd.DataFrame({"id": []})
    relationships = pd.DataFrame(links, columns=["source", "target", "type", "weight", "direction"], dtype=object)
    return accounts.astype(str), relationships.astype(str)


def _read_graphml(data: bytes, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    try:
        graph = nx.read_graphml(io.BytesIO(data))
    except Exception as error:  # networkx and the XML parser raise many types
        raise SocialMapError(name, None, None, f"could not read the graph file: {error}", _CHECK_GEPHI) from None
    rows = []
    for node, data_ in graph.nodes(data=True):
        row = {"id": str(data_.get("handle", node))}
        if "label" in data_:
            row["name"] = str(data_["label"])
        for key, value in data_.items():
            if key not in EXPORTED_ONLY and key not in ("handle", "label"):
                row[key.removeprefix("extra: ")] = "" if value is None else str(value)
        rows.append(row)
    accounts = pd.DataFrame(rows).fillna("").astype(str) if rows else pd.DataFrame({"id": []})
    ids = {node: str(graph.nodes[node].get("handle", node)) for node in graph}
    direction = "directed" if graph.is_directed() else "undirected"
    links = [{"source": ids[u], "target": ids[v], "type": str(d.get("relation", "")),
              "weight": str(d.get("weight", 1)), "direction": direction} for u, v, d in graph.edges(data=True)]
    relationships = pd.DataFrame(links, columns=["source", "target", "type", "weight", "direction"]).astype(str)
    return accounts, relationships


def read_graph_file(data: bytes, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An accounts table and a relationships table, as text, from GEXF or GraphML bytes."""
    root = _parse(data, name)  # a GraphML file is checked here too, before networkx parses it
    if _local(root.tag) == "gexf":
        return _read_gexf(root, name)
    if _local(root.tag) == "graphml":
        return _read_graphml(data, name)
    raise SocialMapError(name, None, None,
                         f"this XML file is neither GEXF nor GraphML (its root is <{_local(root.tag)}>)", _CHECK_GEPHI)


def is_graph_file(source: object) -> bool:
    """Whether a path or upload is named like a GEXF or GraphML file."""
    name = source.name if isinstance(source, InputFile) else str(source) if isinstance(source, str | Path) else ""
    return name.lower().endswith((".gexf", ".graphml"))


def graph_file_tables(source: str | Path | InputFile, *, max_bytes: int) -> tuple[NamedTable, NamedTable]:
    """A graph file as an accounts table and a relationships table, named after it for messages.

    The tables go on as they are, never through CSV text: a carriage return in a label written unquoted
    to CSV had started a phantom account and cut the real one's fields off."""
    name = source_name(source, "graph")
    if isinstance(source, InputFile):
        data = source.data
    else:
        path = Path(source)
        if not path.is_file():
            raise SocialMapError(name, None, None, f"no such file: {path}")
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise SocialMapError(name, None, None, f"the file is larger than the limit of {max_bytes // 2**20} MB")
    accounts, relationships = read_graph_file(data, name)
    return NamedTable(f"{name} nodes", accounts), NamedTable(f"{name} edges", relationships)
