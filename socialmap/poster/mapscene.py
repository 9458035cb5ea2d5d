"""The map poster as a scene: the page's payload laid out on a sheet of paper.

From :func:`socialmap.payload.map_payload`'s columns (positions, colours,
sizes, importance, hubs, boxes) and the page's words (:class:`PageText`):
the title, subtitle, source and date across the top; the map on the left,
fitted to its room, links thin and light under the discs, discs sized as
the page sizes them (``value`` scaled between the smallest and largest,
6 to 42 canvas units, shrunk where discs would pile up), names placed by
:mod:`.placement`; on the right the key (colours with counts, what size
shows), the headline figures with their caveats, and as much of reach by
area and by platform as the column has room for.

Name sizes follow the page's rule (by importance, smallest to largest in
the ratio 11 : 15) at a size chosen for the paper: 6.5 to 8.9 pt on A3,
readable at arm's length on a wall, so a poster names far more accounts
than a screen.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.spatial import cKDTree

from ..render import PageText
from .fonts import clean, text_width, wrap
from .placement import Box, Wanted, place_names
from .scene import Disc, Label, Rect, Scene, Segment, paper_size

__all__ = ["map_scene", "NAME_SIZES", "disc_radii", "named_radius"]

NAME_SIZES = {"A4": 5.5, "A3": 6.5, "A2": 8.5, "slide": 6.0}  # smallest name in points; the largest is 15/11 of it
_TEXT_SCALE = {"A4": 0.78, "A3": 1.0, "A2": 1.3, "slide": 0.85}  # title, key and figures
INK, MUTED, RULE = "#15191e", "#4a525c", "#c3c9d1"
LINK_COLOUR, TREE_COLOUR = "#9aa1aa", "#5a636e"
_HUB_STYLE = {"region": ("#1b1f24", "#1b1f24", "#ffffff"), "area": ("#ffffff", "#1b1f24", "#1b1f24"),
              "branch": ("#eef1f4", "#8a939e", "#1b1f24")}
_HUB_SIZE = {"region": 18, "area": 15, "branch": 12}  # px on the page, as labels.js
_MOST_NAMES, _TRIES = 3000, 6000


def disc_radii(values: list[float], x: np.ndarray, y: np.ndarray, low: float = 6.0, high: float = 42.0) -> np.ndarray:
    """Each account's radius in canvas units, as the page draws it (map.js ``discSizes``): ``value`` scaled from
    ``low`` to ``high``, all shrunk by the share at which no two discs overlap by more than half the smaller's
    radius (not below an eighth, and only up to 600 accounts, as the page)."""
    v = np.asarray(values, dtype=float)
    if not len(v):
        return v
    spread = v.max() - v.min()
    t = (v - v.min()) / spread if spread > 0 else np.full(len(v), 0.5)
    r = low + t * (high - low)
    if 2 <= len(v) <= 600:
        points = np.column_stack([x, y])
        pairs = cKDTree(points).query_pairs(2 * high * 1.5, output_type="ndarray")
        share = 1.0
        if len(pairs):
            a, b = r[pairs[:, 0]], r[pairs[:, 1]]
            apart = np.hypot(*(points[pairs[:, 0]] - points[pairs[:, 1]]).T)
            share = float(min(1.0, np.min(apart / (a + b - np.minimum(a, b) / 2))))
        r = r * max(share, 0.125)
    return r


def _text_column(column, i: int):
    if isinstance(column, list):
        return column[i]
    at = column["index"][i]
    return None if at < 0 else column["values"][at]


def named_radius(r: np.ndarray) -> float:
    """Discs at least this large (points) are named even over another disc's edge: the larger half."""
    return float(np.median(r)) if len(r) else 0.0


def _levels(nodes: dict, edges: dict) -> np.ndarray:
    """Each account's level, 0 to 1: the share of the others it outscores (followers where at least half have a
    count, else links), as map.js ``importanceOrder``."""
    count = len(nodes["key"])
    degree = np.zeros(count)
    degree += np.asarray(edges["out"], dtype=float)
    np.add.at(degree, np.asarray(edges["to"], dtype=np.int64), 1)
    followers = nodes["followers"]
    known = sum(f is not None for f in followers)
    score = np.array([-1 if f is None else f for f in followers], dtype=float) if 2 * known >= count else degree
    ordered = np.sort(score)
    below = np.searchsorted(ordered, score, side="left")
    return below / (count - 1) if count > 1 else np.zeros(count)


def _header(text: PageText, width: float, margin: float, k: float) -> tuple[list, float]:
    """Title, subtitle and the source and date line; the y below them."""
    items: list = []
    y = margin + 24 * k
    items.append(Label(margin, y, clean(text.title), 24 * k, bold=True, role="title"))
    for line in wrap(text.subtitle, 10.5 * k, width - 2 * margin)[:2]:
        y += 15 * k
        items.append(Label(margin, y, line, 10.5 * k, colour=MUTED, role="subtitle"))
    credit = " · ".join(part for part in (clean(text.source) and f"Source: {clean(text.source)}",
                                          clean(text.data_date) and f"Data as of {clean(text.data_date)}") if part)
    if credit:
        y += 14 * k
        items.append(Label(margin, y, credit, 9.5 * k, colour=MUTED, role="source"))
    return items, y + 10 * k


def _side(payload: dict, text: PageText, left: float, top: float, width: float, bottom: float, k: float) -> list:
    """The key, then the headline figures and their caveats, top down in the right-hand column."""
    items: list = []
    y = top
    small, body, head = 7.5 * k, 8.5 * k, 11 * k

    def heading(words: str) -> None:
        nonlocal y
        y += head * 1.5
        items.append(Label(left, y, clean(words), head, bold=True, role="heading"))
        y += 3 * k

    def para(words: str, size: float, colour: str = MUTED, role: str = "note", limit: int = 6) -> None:
        nonlocal y
        for line in wrap(words, size, width)[:limit]:
            y += size * 1.3
            items.append(Label(left, y, line, size, colour=colour, role=role))

    heading("Key")
    colour_words, size_words = (payload["key"] + ["", ""])[:2]
    para(colour_words, small)
    legend = payload["legend"]
    room = max(int((bottom - y - 200 * k) / (body * 1.55)), 4)
    shown = legend if len(legend) <= room else legend[: room - 1]
    for entry in shown:
        y += body * 1.55
        r = body * 0.45
        items.append(Disc(left + r, y - body * 0.35, r, entry["color"], role="key"))
        count = f"  ({entry['count']:,})" if "count" in entry else ""
        label = _fit(clean(entry["label"]), body, width - 3 * r - text_width(count, body))
        items.append(Label(left + 3 * r, y, label + count, body, colour=INK, role="key-entry"))
    if len(shown) < len(legend):
        para(f"… and {len(legend) - len(shown)} more groups", small)
    y += 4 * k
    para(size_words, small)
    y += 3 * k
    discs_y = y + 12 * k
    x = left
    for r, words in ((2.0 * k, "smaller"), (5.0 * k, ""), (9.0 * k, "larger")):
        items.append(Disc(x + r, discs_y, r, "#d9dde2", role="size-key"))
        x += 2 * r + 6 * k
        if words:
            items.append(Label(x - 4 * k, discs_y + 3 * k, words, small, colour=MUTED, role="size-key"))
            x += text_width(words, small) + 4 * k
    y = discs_y + 10 * k
    reach = text.reach
    if reach is not None:
        heading(reach.heading)
        for name, value in reach.headline:
            y += body * 1.5
            items.append(Label(left, y, clean(name), body, colour=MUTED, role="figure-name"))
            value_text = clean(value)
            if text_width(clean(name), body) + text_width(value_text, body, True) + 8 * k > width:
                y += body * 1.3
            items.append(Label(left + width, y, value_text, body, bold=True, anchor="end", role="figure"))
        y += 4 * k
        for caveat in reach.caveats:
            if y > bottom - small * 3:
                break
            y += 2 * k
            para(caveat, small, role="caveat", limit=max(int((bottom - y) / (small * 1.3)) - 1, 0))
        for noun, rows in (("area", reach.by_area), ("platform", reach.by_platform)):
            if not rows or y + head * 1.5 + 3 * k + body * 1.45 * 3 > bottom:
                break
            heading(f"Potential reach by {noun}")
            for row in rows:
                if y + body * 1.45 > bottom:
                    break
                y += body * 1.45
                reach_text = clean(row["reach"])
                room = width - text_width(reach_text, body) - 8 * k
                items.append(Label(left, y, _fit(clean(row["name"]), body, room), body, colour=INK, role="reach-row"))
                items.append(Label(left + width, y, reach_text, body, anchor="end", role="reach-row"))
    return items


def _fit(text: str, size: float, room: float) -> str:
    """``text`` cut with an ellipsis to fit ``room`` points."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def map_scene(payload: dict, text: PageText, *, paper: str = "A3") -> Scene:
    """The whole poster for one map payload on ``paper`` (A4, A3, A2 landscape, or "slide")."""
    width, height = paper_size(paper)
    k = _TEXT_SCALE[paper]
    margin = 28 * k
    header, top = _header(text, width, margin, k)
    side_width = 250 * k
    side_left = width - margin - side_width
    footer = height - margin
    area = Box(margin, top + 6 * k, side_left - 18 * k, footer - 12 * k)
    items: list = [Rect(0, 0, width, height, fill="#ffffff", role="paper"), *header]
    items.append(Segment(side_left - 9 * k, area.top, side_left - 9 * k, area.bottom, RULE, 0.6, role="rule"))
    items += _side(payload, text, side_left, area.top - 6 * k, side_width, footer - 10 * k, k)
    about = clean(text.about[0]) if text.about else "Made with socialmap"
    items.append(Label(margin, footer, (wrap(about, 6.5 * k, width - 2 * margin) or [""])[0], 6.5 * k, colour=MUTED,
                       role="footer"))
    items += _map(payload, area, paper, k)
    return Scene(width, height, tuple(items), clean(text.title), clean(text.subtitle))


def _map(payload: dict, area: Box, paper: str, k: float) -> list:
    """Boxes, tree lines, links, discs, hubs and names, fitted into ``area``."""
    nodes, edges = payload["nodes"], payload["edges"]
    count = len(nodes["key"])
    x = np.asarray(nodes["x"], dtype=float)
    y = np.asarray(nodes["y"], dtype=float)
    radius = disc_radii(nodes["value"], x, y)
    hubs, regions = payload.get("hubs", []), payload.get("regions", [])
    name_min = NAME_SIZES[paper]
    px = name_min / 11  # points per page pixel, for hubs, titles and line widths
    lows = [*(x - radius), *(h["x"] - 60 for h in hubs), *(r["x"] for r in regions)]
    highs = [*(x + radius), *(h["x"] + 60 for h in hubs), *(r["x"] + r["width"] for r in regions)]
    tops = [*(y - radius), *(h["y"] - 20 for h in hubs), *(r["y"] for r in regions)]
    bottoms = [*(y + radius), *(h["y"] + 20 for h in hubs), *(r["y"] + r["height"] for r in regions)]
    if not lows:
        return []
    pad = 3 * name_min  # room for names at the edge
    span_x, span_y = max(max(highs) - min(lows), 1.0), max(max(bottoms) - min(tops), 1.0)
    scale = min((area.right - area.left - 2 * pad) / span_x, (area.bottom - area.top - 2 * pad) / span_y)
    off_x = (area.left + area.right) / 2 - (min(lows) + max(highs)) / 2 * scale
    off_y = (area.top + area.bottom) / 2 - (min(tops) + max(bottoms)) / 2 * scale
    sx, sy = x * scale + off_x, y * scale + off_y
    r = radius * scale
    largest = 0.035 * (area.bottom - area.top)  # the page keeps its largest disc about this share of the view
    if len(r) and r.max() > largest:
        r = r * largest / r.max()
    r = np.maximum(r, 1.0)
    items: list = []
    taken: list[Box] = []
    for region in regions:
        rx, ry = region["x"] * scale + off_x, region["y"] * scale + off_y
        items.append(Rect(rx, ry, region["width"] * scale, region["height"] * scale, fill="#f6f7f8", stroke=RULE,
                          stroke_width=0.8, role="box"))
    hub_at = {h["key"]: (h["x"] * scale + off_x, h["y"] * scale + off_y) for h in hubs}
    key_at = {key: i for i, key in enumerate(nodes["key"])}
    for a, b in zip(payload.get("tree", {}).get("from", []), payload.get("tree", {}).get("to", [])):
        start = hub_at.get(a) or ((sx[key_at[a]], sy[key_at[a]]) if a in key_at else None)
        end = hub_at.get(b) or ((sx[key_at[b]], sy[key_at[b]]) if b in key_at else None)
        if start and end:
            items.append(Segment(*start, *end, TREE_COLOUR, 1.4 * px, 0.55, role="tree"))
    items += _links(edges, sx, sy, px, 0.18 if payload.get("faintLinks") else 0.45)
    placeholders, faded = set(nodes.get("placeholder", [])), set(nodes.get("faded", []))
    legend = payload["legend"]
    labels = nodes["label"]
    for i in range(count):
        name = clean(labels[i])
        if i in placeholders:
            items.append(Disc(sx[i], sy[i], r[i], "#ffffff", "#6b7280", 0.6, dashed=True, name=name))
        else:
            items.append(Disc(sx[i], sy[i], r[i], legend[nodes["group"][i]]["color"], stroke_width=0.5,
                              opacity=0.35 if i in faded else 1.0, name=name))
    for region in regions:
        size = 13 * px * 1.15
        rx, ry = region["x"] * scale + off_x, region["y"] * scale + off_y
        label = clean(region["label"])
        box = Box(rx + 3, ry + 2, rx + 5 + text_width(label, size, True), ry + 4 + size * 1.3)
        if box.right <= rx + region["width"] * scale:
            items.append(Label(box.left, box.bottom - size * 0.4, label, size, bold=True, colour="#2d333b", role="box-title"))
            taken.append(box)
    kinds = {"region": 0, "area": 1}
    for h in sorted(hubs, key=lambda hub: kinds.get(hub["kind"], 2)):  # as labels.js: region, areas, then branches
        fill, border, ink = _HUB_STYLE.get(h["kind"], _HUB_STYLE["branch"])
        size = _HUB_SIZE.get(h["kind"], 12) * px * 1.1
        hx, hy = hub_at[h["key"]]
        label = clean(h["label"])
        w, tall = text_width(label, size, True) + size * 0.9, size * 1.6
        box = Box(hx - w / 2, hy - tall / 2, hx + w / 2, hy + tall / 2)
        if not box.inside(area) or any(box.crosses(other) for other in taken):  # the spokes still meet at a point
            items.append(Disc(hx, hy, 1.5 * px, border, border, 0.1, role="hub-point"))
            continue
        items.append(Rect(box.left, box.top, w, tall, fill=fill, stroke=border, stroke_width=0.9, radius=tall / 4,
                          role="hub"))
        items.append(Label(hx, hy + size * 0.35, label, size, bold=True, colour=ink, anchor="middle", role="hub"))
        taken.append(box)
    items += _names(nodes, edges, sx, sy, r, area, taken, name_min, placeholders, regions, scale, off_x, off_y)
    return items


def _links(edges: dict, sx: np.ndarray, sy: np.ndarray, px: float, opacity: float) -> list:
    """Every link as a thin straight line, wider for heavier links (0.6 to 4 page px, as the page)."""
    sources = np.repeat(np.arange(len(edges["out"])), edges["out"])
    targets = np.asarray(edges["to"], dtype=np.int64)
    weights = np.asarray(edges.get("weight", np.ones(len(targets))), dtype=float)
    spread = weights.max() - weights.min() if len(weights) else 0
    t = (weights - weights.min()) / spread if spread > 0 else np.zeros(len(weights))
    widths = (0.6 + t * 3.4) * px
    return [Segment(sx[a], sy[a], sx[b], sy[b], LINK_COLOUR, round(float(w), 2), opacity)
            for a, b, w in zip(sources.tolist(), targets.tolist(), widths.tolist()) if a != b]


def _names(nodes, edges, sx, sy, r, area, taken, name_min, placeholders, regions, scale, off_x, off_y) -> list:
    """Names by the page's rule: most important first, sized by level, never over another name."""
    count = len(nodes["key"])
    levels = _levels(nodes, edges)
    name_max = name_min * 15 / 11
    places = nodes.get("importance") or list(range(count))
    order = sorted(range(count), key=lambda i: (places[i], i))
    major = list(nodes.get("major", []))
    busy = count > 60
    boxes = [Box(reg["x"] * scale + off_x + 1, reg["y"] * scale + off_y + 1, (reg["x"] + reg["width"]) * scale + off_x - 1,
                 (reg["y"] + reg["height"]) * scale + off_y - 1) for reg in regions]

    def clip_of(i: int) -> Box | None:
        for box in boxes:
            if box.left <= sx[i] <= box.right and box.top <= sy[i] <= box.bottom:
                return box
        return None

    top_level = 1 - 2 / max(count - 1, 1)
    wanted, seen = [], set()
    sequence = [(i, busy) for i in major] + [(i, rank < 12 and busy) for rank, i in enumerate(order)]
    for i, insist in sequence[:_TRIES]:
        if i in seen:
            continue
        seen.add(i)
        text = clean(nodes["label"][i])
        size = round(name_min + (name_max - name_min) * levels[i] ** 3, 2)
        bold = bool(levels[i] >= top_level and levels[i] > 0)
        wanted.append(Wanted(i, text, float(sx[i]), float(sy[i]), float(r[i]), text_width(text, size, bold) + 1,
                             round(size * 1.25, 2), insist, clip_of(i)))
    discs = [(i, float(sx[i]), float(sy[i]), float(r[i])) for i in range(count)]
    large = [i for i in range(count) if r[i] >= named_radius(r)]
    placed = place_names(wanted[:_MOST_NAMES * 2], discs, area, taken, second=large)
    by_index = {w.index: w for w in wanted}
    labels = []
    for i, box in placed.items():
        w = by_index[i]
        size = round(w.height / 1.25, 2)
        bold = bool(levels[i] >= top_level and levels[i] > 0)
        labels.append(Label(box.left + 0.5, box.bottom - w.height * 0.3, w.text, size, bold=bold, halo=True,
                            role="name"))
    return labels
