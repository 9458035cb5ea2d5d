"""What NodeXL and Kumu write in their cells, made plain for socialmap.

- Kumu keeps a field with several values in one cell, separated by ``|``
  (``public sector|comms``). They are kept as several, written
  ``public sector | comms`` (:data:`MULTI_VALUE`): colour and filters count
  each (:func:`values_of`). An element's id, name, description and link are
  single values, whatever they hold.
- NodeXL computes top items for a Twitter network ("Top URLs in Tweet by
  Count", "Top Word Pairs in Tweet by Salience", "Top Replied-To in
  Tweet"...): long lists of words that would run a hover text off the
  screen, so they are not shown. Its Twitter importers put the account's
  page in ``Custom Menu Item Action``: the account's link where ``Web`` is
  blank.
- People paste profile links where a handle goes (a "Handle/URL" column):
  ``https://www.facebook.com/DerbyCC`` is the account DerbyCC on Facebook,
  with that link as its page (:func:`ids_from_profile_links`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from .sheets import Sheet
from .schema import ACCOUNT_FIELDS, match_columns
from .wide import profile_link

__all__ = ["MULTI_VALUE", "values_of", "kumu_lists", "is_nodexl_top_items", "with_profile_links",
           "ids_from_profile_links"]

MULTI_VALUE = " | "
_NODEXL_TOP_ITEMS = re.compile(r"^top\b.*\bin (tweets?|posts?)\b", re.IGNORECASE)
_NODEXL_PROFILE = "custom menu item action"


def values_of(text: str) -> list[str]:
    """The values a cell holds: ``"public sector | comms"`` -> ``["public sector", "comms"]``; one for most cells."""
    return [part.strip() for part in text.split(MULTI_VALUE)] if MULTI_VALUE in text else [text]


def kumu_lists(accounts: Sheet, columns: Mapping[str, str]) -> Sheet:
    """Kumu's multi-value fields (``green|volunteers||green``) as ``green | volunteers``: blanks and repeats
    dropped. ``columns`` (field -> heading) says which columns are the id, name, description and link."""
    matched = match_columns([str(h) for h in accounts.frame.columns], ACCOUNT_FIELDS, columns)
    single = {matched.get(name) for name in ("id", "name", "description", "url")}
    frame = accounts.frame.copy()
    changed = False
    for heading in frame.columns:
        cells = frame[heading]
        if heading in single or not cells.str.contains("|", regex=False).any():
            continue
        frame[heading] = [MULTI_VALUE.join(dict.fromkeys(p.strip() for p in cell.split("|") if p.strip()))
                          if "|" in cell else cell for cell in cells.tolist()]
        changed = True
    return replace(accounts, frame=frame) if changed else accounts


def is_nodexl_top_items(heading: str) -> bool:
    """Whether a heading is one of NodeXL's computed "Top ... in Tweet" columns."""
    return bool(_NODEXL_TOP_ITEMS.match(heading.strip()))


def with_profile_links(accounts: Sheet) -> tuple[Sheet, dict[str, str]]:
    """A NodeXL Vertices sheet whose blank ``Web`` cells take the Twitter page in Custom Menu Item Action,
    and the column to read as the link (that one, when there is no Web column); other sheets as they are."""
    headings = [str(h) for h in accounts.frame.columns]
    action = next((h for h in headings if h.strip().lower() == _NODEXL_PROFILE), None)
    if action is None:
        return accounts, {}
    links = accounts.frame[action].where(accounts.frame[action].str.strip().str.match(r"(?i)https?://"), "")
    web = match_columns(headings, ACCOUNT_FIELDS).get("url")
    if web is None:
        return accounts, {"url": action}
    frame = accounts.frame.copy()
    frame[web] = frame[web].where(frame[web].str.strip() != "", links)
    return replace(accounts, frame=frame), {}


def ids_from_profile_links(accounts: Sheet, columns: Mapping[str, str]) -> tuple[Sheet, dict[str, str]]:
    """An accounts sheet whose id cells holding a profile link on a known platform hold its handle instead, the
    link's platform and the link itself filling that row's blank platform and link cells; and the columns to
    read (a platform or link column the sheet lacked is added, named after the id's heading). Same sheet and
    columns when no id cell is a profile link. ``columns``: field -> heading ("" for none)."""
    heading = columns.get("id")
    if not heading:
        return accounts, dict(columns)
    found = [profile_link(cell) for cell in accounts.frame[heading].tolist()]
    if not any(handle for handle, _ in found):
        return accounts, dict(columns)
    frame, columns = accounts.frame.copy(), dict(columns)
    cells = frame[heading].tolist()
    for field, made in (("platform", f"{heading} (platform)"), ("url", f"{heading} (link)")):
        if not columns.get(field):
            frame[made] = ""
            columns[field] = made
    platforms, links = frame[columns["platform"]].tolist(), frame[columns["url"]].tolist()
    for row, (handle, platform) in enumerate(found):
        if handle:
            links[row] = links[row] if links[row].strip() else cells[row].strip()
            platforms[row] = platforms[row] if platforms[row].strip() else platform
            cells[row] = handle
    frame[heading], frame[columns["platform"]], frame[columns["url"]] = cells, platforms, links
    return replace(accounts, frame=frame), columns
