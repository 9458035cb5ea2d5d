"""Show part of the map: by platform, area, category, followers, or round one account.

Filters pick accounts; they never move anyone. The layout and communities
of the whole map are kept, and what is hidden is simply left out of the
drawing, so changing a filter is cheap and the map does not jump about.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import networkx as nx

from .inputs.toolcells import values_of
from .layout import Layout
from .layout.mindmap import NO_AREA, RELATIONSHIPS_ONLY
from .importance import importance
from .inputs.identity import platform_key
from .inputs.values import id_key

__all__ = ["selected_accounts", "restrict_layout", "find_account", "NoSuchAccount"]


_ON_PLATFORM = re.compile(r"(?P<handle>.+?)\s*\((?P<platform>[^()]+)\)")


class NoSuchAccount(ValueError):
    """The focus account is not on the map."""


def find_account(G: nx.DiGraph, text: str, *, rank: dict[str, int] | None = None) -> str:
    """The node for an id or handle ("@DerbyCC", "derbycc") or an exact name, any case.

    A handle on several platforms is one account per platform: "KBFoodbank
    (Facebook)" picks one, and the handle alone the most important
    (socialmap.importance: followers where most accounts have a count, else
    links; ties by name). Where several accounts share the name, the most
    important of them too. ``rank`` is each account's place in that order
    (computed from G if not given).
    """
    key = id_key(text)
    if key in G:
        return key
    on_platform = _ON_PLATFORM.fullmatch(key)
    same_handle = [node for node, data in G.nodes(data=True) if id_key(str(data["id"])) == key]
    if on_platform:
        handle, platform = id_key(on_platform["handle"]), platform_key(on_platform["platform"])
        same_handle = same_handle or [node for node, data in G.nodes(data=True)
                                      if id_key(str(data["id"])) == handle and platform_key(data["platform"]) == platform]
    if same_handle:
        return _most_important(G, same_handle, rank)
    named = [node for node, data in G.nodes(data=True) if str(data["name"]).casefold() == text.strip().casefold()]
    if named:  # several accounts of one organisation share a name: take the most important
        return _most_important(G, named, rank)
    close = difflib.get_close_matches(text.strip(), [str(d["name"]) for _, d in G.nodes(data=True)], n=3)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    raise NoSuchAccount(f"no account {text!r} on the map{hint}")


def _most_important(G: nx.DiGraph, nodes: list[str], rank: dict[str, int] | None) -> str:
    if len(nodes) == 1:
        return nodes[0]
    rank = rank if rank is not None else importance(G).rank
    return min(nodes, key=lambda node: (rank.get(node, len(rank)), node))


def _matches(value: str, wanted: Iterable[str]) -> bool:
    """Whether the value (any of its values, for a Kumu list) is among those wanted; nothing wanted: all."""
    wanted = {w.casefold() for w in wanted}
    return not wanted or any(one.casefold() in wanted for one in values_of(value or ""))


def selected_accounts(
    G: nx.DiGraph,
    *,
    platforms: tuple[str, ...] = (),
    areas: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    min_followers: float | None = None,
    focus: str | None = None,
    steps: int = 1,
) -> set[str]:
    """The nodes to show. Empty choices mean "all"; an unknown follower count fails a minimum.

    ``focus`` keeps one account and everything within ``steps`` links of it
    (either direction), among the accounts the other filters keep.
    """
    keep = {
        node for node, data in G.nodes(data=True)
        if _matches(data["platform"], platforms)
        and _matches(data["area"], areas)
        and _matches(data["category"], categories)
        and (min_followers is None or (data["followers"] or 0) >= min_followers and data["followers"] is not None)
    }
    if focus is not None:
        centre = find_account(G, focus)
        shown = G.subgraph(keep | {centre}).to_undirected(as_view=True)
        keep = set(nx.single_source_shortest_path_length(shown, centre, cutoff=steps))
    return keep


def _area_group(data: dict) -> str:
    return RELATIONSHIPS_ONLY if data["placeholder"] else (data["area"] or NO_AREA)


def _holds_any(region, positions: dict[str, tuple[float, float]]) -> bool:
    """Whether a box (of a group that is not a community: a colour under "auto") still holds a kept account."""
    return any(region.x <= x <= region.x + region.width and region.y <= y <= region.y + region.height
               for x, y in positions.values())


def restrict_layout(layout: Layout, G: nx.DiGraph, keep: set[str], community_name: dict[str, str]) -> Layout:
    """The layout of the kept accounts: hubs, tree links and boxes only where they still hold someone."""
    positions = {node: point for node, point in layout.positions.items() if node in keep}
    parent = {child: up for up, child in layout.tree_links}
    needed: set[str] = set()
    for node in keep:
        step = parent.get(node)
        while step is not None and step not in needed:
            needed.add(step)
            step = parent.get(step)
    areas = {_area_group(G.nodes[node]) for node in keep}
    communities = {community_name[node] for node in keep}
    hubs = tuple(hub for hub in layout.hubs if hub.key in needed or (hub.group and hub.group in areas))
    links = tuple((a, b) for a, b in layout.tree_links if b in keep or b in needed)
    regions = tuple(region for region in layout.regions
                    if (region.group in communities if region.group else _holds_any(region, positions)))
    return Layout(positions, hubs, links, regions)
