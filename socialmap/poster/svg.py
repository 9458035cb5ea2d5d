"""A scene as one SVG file: shapes, text as <text>, nothing to run, nothing to fetch.

Written with xml.etree.ElementTree, which escapes every text and attribute,
so a name such as ``</text><script>`` stays the words of one <text>. The
file has a <title> and <desc> for screen readers, a white background, a
size in millimetres (it prints at the paper's size) and a viewBox in
points. Fonts are named, never linked (see :mod:`.fonts`). A trend
poster's charts are svgchart's own <svg> elements, nested, with the
page's chart styles in one <style> element (no script, no link).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .fonts import SVG_FAMILY
from .scene import Chart, Disc, Label, Rect, Scene, Segment

__all__ = ["scene_svg"]

_MM = 25.4 / 72
_ANCHOR = {"start": "start", "middle": "middle", "end": "end"}


def _n(value: float) -> str:
    """A number with two decimals at most (a hundredth of a point)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def scene_svg(scene: Scene) -> bytes:
    """The scene as UTF-8 SVG bytes."""
    root = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1",
        "width": f"{_n(scene.width * _MM)}mm", "height": f"{_n(scene.height * _MM)}mm",
        "viewBox": f"0 0 {_n(scene.width)} {_n(scene.height)}",
        "font-family": SVG_FAMILY, "role": "img", "aria-labelledby": "sm-title sm-desc",
    })
    ET.SubElement(root, "title", id="sm-title").text = scene.title
    ET.SubElement(root, "desc", id="sm-desc").text = scene.description
    groups: dict[str, ET.Element] = {}
    if any(isinstance(item, Chart) for item in scene.items):
        from .trendposter import CHART_FONT, CHART_STYLE

        ET.SubElement(root, "style").text = CHART_STYLE.replace(CHART_FONT, SVG_FAMILY)

    def group(role: str) -> ET.Element:
        if role not in groups:
            groups[role] = ET.SubElement(root, "g", {"class": f"sm-{role}"})
        return groups[role]

    for item in scene.items:
        if isinstance(item, Segment):
            parent = group("links" if item.role == "link" else item.role)
            attributes = {"d": f"M{_n(item.x1)} {_n(item.y1)}L{_n(item.x2)} {_n(item.y2)}"}
            if item.role != "link":  # links share their group's stroke
                attributes.update(stroke=item.colour, **{"stroke-width": _n(item.width), "stroke-opacity": _n(item.opacity),
                                                          "fill": "none"})
            elif "stroke" not in parent.attrib:
                parent.attrib.update({"stroke": item.colour, "stroke-opacity": _n(item.opacity), "fill": "none",
                                      "stroke-linecap": "round"})
            if item.role == "link":
                attributes["stroke-width"] = _n(item.width)
            ET.SubElement(parent, "path", attributes)
        elif isinstance(item, Rect):
            attributes = {"x": _n(item.x), "y": _n(item.y), "width": _n(item.width), "height": _n(item.height),
                          "fill": item.fill or "none"}
            if item.stroke:
                attributes.update(stroke=item.stroke, **{"stroke-width": _n(item.stroke_width)})
            if item.radius:
                attributes["rx"] = _n(item.radius)
            if item.opacity < 1:
                attributes["opacity"] = _n(item.opacity)
            if item.role:
                attributes["class"] = f"sm-{item.role}"
            ET.SubElement(root, "rect", attributes)
        elif isinstance(item, Disc):
            attributes = {"cx": _n(item.x), "cy": _n(item.y), "r": _n(item.r), "fill": item.fill,
                          "stroke": item.stroke, "stroke-width": _n(item.stroke_width)}
            if item.dashed:
                attributes["stroke-dasharray"] = "1.5 1.5"
            if item.opacity < 1:
                attributes["opacity"] = _n(item.opacity)
            circle = ET.SubElement(group("accounts" if item.role == "account" else item.role), "circle", attributes)
            if item.name:
                ET.SubElement(circle, "title").text = item.name
        elif isinstance(item, Chart):
            root.append(_nested(item))
        elif isinstance(item, Label):
            attributes = {"x": _n(item.x), "y": _n(item.y), "font-size": _n(item.size), "fill": item.colour}
            if item.bold:
                attributes["font-weight"] = "bold"
            if item.anchor != "start":
                attributes["text-anchor"] = _ANCHOR[item.anchor]
            if item.halo:
                attributes.update({"stroke": "#ffffff", "stroke-width": _n(item.size * 0.28), "stroke-opacity": "0.92",
                                   "stroke-linejoin": "round", "paint-order": "stroke"})
            if item.role:
                attributes["class"] = f"sm-{item.role}"
            ET.SubElement(group("names") if item.role == "name" else root, "text", attributes).text = item.text
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _nested(item: Chart) -> ET.Element:
    """A chart's own <svg> (svgchart's markup, already escaped) placed and scaled into the item's box."""
    import defusedxml.ElementTree as SafeET

    chart = SafeET.fromstring(item.svg)
    for element in chart.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]  # the root's namespace covers it
    chart.attrib.update(x=_n(item.x), y=_n(item.y), width=_n(item.width), height=_n(item.height))
    return chart
