"""Wide channel lists: one row per organisation, a column per platform.

The commonest council layout: a row per organisation or person and a column
per platform (``Twitter``, ``Facebook``, ``YouTube``...) holding handles or
profile links. :func:`channel_columns` finds those columns and
:func:`to_long` turns the sheet into the long table the rest of the input
stage reads: one row per filled channel cell, with its platform, its handle
(``https://www.facebook.com/DerbyCC`` gives DerbyCC), the row's other
columns (name, area, category...) and an ``organisation`` column holding
the row's name. Per-platform figures (``Twitter followers``, ``Facebook
likes``) go to that platform's account only; a figure for the whole row goes
to the row's account when the row has one, and to none (with a warning) when
it has several: copied to each, it would count the same followers twice.
Numeric columns (``twitter_id``, counts under a platform's name) are not handles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from ..errors import WARNING, Issue
from .sheets import Sheet
from .schema import ACCOUNT_FIELDS, PLATFORMS, field_of, heading_words, holds, match_columns
from .values import UNKNOWN_WORDS

__all__ = ["Channel", "WideList", "channel_columns", "is_wide", "to_long", "parse_channel", "ORGANISATION",
           "HANDLE", "PLATFORM", "renumbered", "profile_link"]

ORGANISATION = "organisation"  # the column (and extra field) holding the row's name
HANDLE, PLATFORM = "handle", "platform"  # the long table's id and platform columns

_HANDLE_WORDS = frozenset({"handle", "username", "user", "account", "page", "profile", "channel", "name", "id",
                           "screen", "feed", "acc"})
_LINK_WORDS = frozenset({"url", "link", "links", "address", "web"})
_ANOTHER = frozenset({"second", "third", "fourth", "2nd", "3rd", "4th", "other", "another", "alt", "alternative",
                      "extra", "additional"})  # "Instagram - second account": another account of the platform
_FIGURES = ("followers", "posts_per_week")  # for the whole row: its account's, when the row has only one
_SHARED_FIELDS = ("name", "area", "category", "description", "lat", "lon")
_NOT_A_HANDLE = UNKNOWN_WORDS | {"no", "nil", "tbc", "tba", "\u2014", "\u2013", "x", "n", "not applicable"}
_HOSTS = {  # host (without www., m. or mobile.) -> platform
    "twitter.com": "Twitter/X", "x.com": "Twitter/X", "facebook.com": "Facebook", "fb.com": "Facebook",
    "fb.me": "Facebook", "instagram.com": "Instagram", "youtube.com": "YouTube", "youtu.be": "YouTube",
    "tiktok.com": "TikTok", "linkedin.com": "LinkedIn", "threads.net": "Threads", "threads.com": "Threads",
    "bsky.app": "Bluesky", "nextdoor.co.uk": "Nextdoor", "nextdoor.com": "Nextdoor",
}
_PROFILE_LINKS = {  # platform -> the profile link of a bare handle
    "Twitter/X": "https://x.com/{}", "Facebook": "https://www.facebook.com/{}",
    "Instagram": "https://www.instagram.com/{}/", "YouTube": "https://www.youtube.com/@{}",
    "TikTok": "https://www.tiktok.com/@{}", "Threads": "https://www.threads.net/@{}",
    "Bluesky": "https://bsky.app/profile/{}",
}
_PATH_PREFIXES = {"company", "in", "school", "showcase", "channel", "c", "user", "pages", "pg", "profile", "people",
                  "groups", "agency-detail", "page", "pages-detail"}
_PLAIN_HANDLE = re.compile(r"^[A-Za-z0-9_.\-]+$")
_DIGITS = re.compile(r"^[\d\s,.]+$")
_MASTODON = re.compile(r"^@?(?P<user>[A-Za-z0-9_.\-]+)@(?P<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)$")


@dataclass(frozen=True)
class Channel:
    """One platform column: the platform it stands for and its heading."""

    platform: str
    heading: str


@dataclass(frozen=True)
class WideList:
    """A wide channel list read as a long table.

    ``sheet``: one row per filled channel cell. ``rows``: the spreadsheet
    row of each. ``origins``: for the long table's handle and per-platform
    columns, the heading each row's value came from (for messages).
    ``columns``: field -> heading of the long table, complete (a field
    absent is ""). ``read``: what was read from which headings, for the
    columns line; ``unused``: headings left out.
    """

    sheet: Sheet
    rows: tuple[int, ...]
    origins: Mapping[str, tuple[str, ...]]
    columns: Mapping[str, str]
    read: tuple[tuple[str, str], ...]
    unused: tuple[str, ...]
    channels: tuple[Channel, ...]


def _platform_in(words: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """The platform a heading names and the rest of its words."""
    best = None
    for platform, names in PLATFORMS:
        for name in names:
            phrase = tuple(name.split())
            if holds(words, phrase) and (best is None or len(phrase) > len(best[1])):
                best = (platform, phrase)
    if best is None:
        return None
    platform, phrase = best
    start = next(i for i in range(len(words)) if words[i:i + len(phrase)] == phrase)
    return platform, words[:start] + words[start + len(phrase):]


def _filled(frame: pd.DataFrame, heading: str) -> list[str]:
    return [value.strip() for value in frame[heading].tolist() if value.strip().lower() not in _NOT_A_HANDLE]


def _numeric(values: list[str]) -> bool:
    return bool(values) and sum(1 for value in values if _DIGITS.match(value)) >= 0.8 * len(values)


@dataclass(frozen=True)
class _Layout:
    channels: tuple[Channel, ...]
    figures: tuple[tuple[str, str, str], ...]  # (platform, field, heading)
    numeric: tuple[str, ...]  # headings under a platform's name holding numbers: not handles


def _layout(sheet: Sheet) -> _Layout:
    """The channel columns, the per-platform figure columns and the numeric platform columns."""
    handles, links, figures, numeric = [], [], [], []
    for heading in map(str, sheet.frame.columns):
        found = _platform_in(heading_words(heading))
        if found is None:
            continue
        platform, rest = found
        rest = tuple(word for word in rest if word not in _ANOTHER and not word.isdigit())  # "Facebook 2"
        kind = "handle" if set(rest) <= _HANDLE_WORDS else ("link" if set(rest) <= _HANDLE_WORDS | _LINK_WORDS
                                                              else None)
        if platform == "Website" and rest:
            kind = None  # "Website visits", "Web address" of the row: not a channel
        if kind is not None:
            values = _filled(sheet.frame, heading)
            if _numeric(values):
                numeric.append(heading)
            elif values:
                (handles if kind == "handle" else links).append(Channel(platform, heading))
            continue
        matched = field_of(" ".join(rest), ACCOUNT_FIELDS) if rest else None
        if matched is not None and matched[0] not in ("id", "platform", "name"):
            figures.append((platform, matched[0], heading))
    with_handles = {channel.platform for channel in handles}
    channels = handles + [channel for channel in links if channel.platform not in with_handles]
    figures += [(channel.platform, "url", channel.heading) for channel in links if channel.platform in with_handles]
    return _Layout(tuple(channels), tuple(figures), tuple(numeric))


def channel_columns(sheet: Sheet) -> tuple[Channel, ...]:
    """The sheet's platform columns holding handles or links (none for most long sheets)."""
    return _layout(sheet).channels


def is_wide(sheet: Sheet, fixed: Mapping[str, str] | None = None) -> bool:
    """Whether a sheet is a wide channel list.

    It is when it has no platform column, the user named no id or platform column, and
    it has columns of handles for two platforms, or for one and no other
    column that could hold the id. A sheet of website addresses alone is not.
    """
    fixed = fixed or {}
    if sheet.is_empty or fixed.get("id") or fixed.get("platform"):
        return False  # the user named the id or platform column: one row per account
    layout = _layout(sheet)
    platforms = {channel.platform for channel in layout.channels}
    if not platforms - {"Website"}:
        return False
    taken = {channel.heading for channel in layout.channels} | {h for *_, h in layout.figures} | set(layout.numeric)
    rest = match_columns([h for h in map(str, sheet.frame.columns) if h not in taken], ACCOUNT_FIELDS)
    if "platform" in rest:
        return False
    return len(layout.channels) >= 2 or "id" not in rest


def _host(netloc: str) -> str:
    host = netloc.lower().split("@")[-1].split(":")[0]
    for prefix in ("www.", "m.", "mobile.", "uk.", "en-gb.", "business."):
        host = host.removeprefix(prefix)
    return host


def parse_channel(cell: str, platform: str) -> tuple[str, str]:
    """(handle, profile link) of a channel cell; ("", "") when it holds none.

    ``https://www.facebook.com/DerbyCC`` -> ``("DerbyCC", the link)``;
    ``@DerbyCC`` -> ``("@DerbyCC", "https://x.com/DerbyCC")`` on Twitter/X;
    ``youtube.com/@derbycc``, ``linkedin.com/company/derby-cc`` and
    ``https://mastodon.social/@derby`` (``@derby@mastodon.social``) likewise.
    A website's handle is its address without ``https://www.``.
    """
    text = cell.strip()
    if text.lower() in _NOT_A_HANDLE:
        return "", ""
    mastodon = _MASTODON.match(text)
    if mastodon:
        return f"@{mastodon['user']}@{mastodon['host']}", f"https://{mastodon['host']}/@{mastodon['user']}"
    looks_like_link = "://" in text or re.match(r"^(www\.)?[a-z0-9\-]+(\.[a-z0-9\-]+)+(/|$)", text, re.IGNORECASE)
    if looks_like_link:
        link = text if "://" in text else f"https://{text}"
        parts = urlsplit(link)
        host = _host(parts.netloc)
        if "://" not in text and host not in _HOSTS and platform not in ("Website", "Mastodon"):
            looks_like_link = False  # a handle that is a domain: derbycc.bsky.social
    if looks_like_link:
        if platform == "Website" or (host not in _HOSTS and platform != "Mastodon"):
            shown = host + parts.path.rstrip("/")
            return shown, link if parts.scheme in ("http", "https") else ""
        path = [segment for segment in parts.path.split("/") if segment]
        if platform == "Mastodon" and path and path[0].startswith("@"):
            return f"{path[0]}@{host}", link
        if path and path[0] == "profile.php":
            return parse_qs(parts.query).get("id", [""])[0], link
        if parts.scheme in ("http", "https"):
            link = f"{parts.scheme}://{parts.netloc}{parts.path}"  # without ?lang=en, #tracking
        while len(path) > 1 and path[0].lower() in _PATH_PREFIXES:
            path = path[1:]
        if host in ("bsky.app", "nextdoor.co.uk", "nextdoor.com") and path:
            path = path[-1:]
        handle = path[0] if path else ""
        return handle.lstrip("@") if handle.startswith("@") else handle, link
    handle = text
    bare = handle.lstrip("@")
    pattern = _PROFILE_LINKS.get(platform)
    link = pattern.format(bare) if pattern and _PLAIN_HANDLE.match(bare) else ""
    return handle, link


_BARE_SITE_PATH = re.compile(r"^(www\.)?[a-z0-9\-]+(\.[a-z0-9\-]+)+/", re.IGNORECASE)


def profile_link(cell: str) -> tuple[str, str]:
    """(handle, platform) of a profile link on a platform socialmap knows; ("", "") for anything else.

    ``https://twitter.com/DerbyCC`` -> ``("DerbyCC", "Twitter/X")``, read as :func:`parse_channel` reads a
    channel cell; a bare handle, a website or a link to another site is no profile link.
    """
    text = cell.strip()
    if "/" not in text:  # a handle: the common case, decided without a pattern (link ends are many)
        return "", ""
    if "://" not in text and not _BARE_SITE_PATH.match(text):
        return "", ""
    platform = _HOSTS.get(_host(urlsplit(text if "://" in text else f"https://{text}").netloc))
    if platform is None:
        return "", ""
    handle = parse_channel(text, platform)[0]
    return (handle, platform) if handle else ("", "")


def to_long(sheet: Sheet, fixed: Mapping[str, str] | None = None) -> tuple[WideList, list[Issue]]:
    """One row per filled channel cell, with the row's other columns; the warnings found.

    ``fixed`` (field -> heading of the wide sheet) says which shared column
    holds a field, as ``--column`` does; "" says there is none.
    """
    frame, fixed = sheet.frame, dict(fixed or {})
    layout = _layout(sheet)
    channels = layout.channels
    taken = {c.heading for c in channels} | {h for *_, h in layout.figures} | set(layout.numeric)
    shared = [h for h in map(str, frame.columns) if h not in taken]
    filled = {h: sum(1 for v in frame[h].tolist() if v.strip()) for h in shared}
    matched = match_columns(shared, ACCOUNT_FIELDS, fixed, filled)
    unused = list(layout.numeric)
    row_fields = {name: matched[name] for name in (*_SHARED_FIELDS, *_FIGURES) if name in matched}
    per_platform = sorted({name for _, name, _ in layout.figures} | {"url"} | (set(_FIGURES) & set(row_fields)))
    kept = [h for h in shared if h not in unused and h not in per_platform and h not in (HANDLE, PLATFORM, ORGANISATION)]
    figure_of = {(platform, name): heading for platform, name, heading in layout.figures}
    cells = {heading: frame[heading].tolist() for heading in frame.columns}
    names = [value.strip() for value in cells[row_fields["name"]]] if "name" in row_fields else [""] * len(frame)
    columns: dict[str, list[str]] = {HANDLE: [], PLATFORM: [], **{h: [] for h in kept}, ORGANISATION: [],
                                     **{name: [] for name in per_platform}}
    origins: dict[str, list[str]] = {HANDLE: [], **{name: [] for name in per_platform}}
    rows, issues = [], []
    for i in range(len(frame)):
        row = sheet.header_row + 1 + i
        accounts = []
        for channel in channels:
            cell = cells[channel.heading][i].strip()
            if cell.lower() in _NOT_A_HANDLE:  # blank, n/a, none...
                continue
            handle, link = parse_channel(cell, channel.platform)
            if not handle:
                issues.append(Issue(sheet.file, row, channel.heading, f'"{cell}" is not a handle or a link; '
                                    "no account for it", severity=WARNING))
                continue
            accounts.append((channel, handle, link))
        shared_figures = len(accounts) == 1  # the row's figures are its one account's
        if len(accounts) > 1:
            issues += _figures_for_none(sheet, row, {name: row_fields[name] for name in _FIGURES if name in row_fields},
                                        cells, i)
        for channel, handle, link in accounts:
            rows.append(row)
            columns[HANDLE].append(handle)
            columns[PLATFORM].append(channel.platform)
            origins[HANDLE].append(channel.heading)
            for heading in kept:
                columns[heading].append(cells[heading][i])
            columns[ORGANISATION].append(names[i])
            for name in per_platform:
                source = figure_of.get((channel.platform, name),
                                       row_fields.get(name) if shared_figures or name not in _FIGURES else None)
                value = cells[source][i] if source is not None else ""
                if name == "url" and not value.strip():
                    value, source = link, channel.heading
                columns[name].append(value)
                origins[name].append(source or name)
        if not accounts and not any(cells[h][i].strip() for h in frame.columns):
            issues.append(Issue(sheet.file, row, None, "blank row skipped", severity=WARNING))
        elif not accounts:
            listed = ", ".join(c.heading for c in channels[:4]) + (", ..." if len(channels) > 4 else "")
            issues.append(Issue(sheet.file, row, None, f"no handle or link in any platform column ({listed}); "
                                "row skipped", severity=WARNING))
    long = pd.DataFrame({heading: pd.Series(values, dtype=object) for heading, values in columns.items()})
    mapping = {field.name: "" for field in ACCOUNT_FIELDS}
    mapping.update({"id": HANDLE, "platform": PLATFORM})
    mapping.update({name: row_fields[name] for name in _SHARED_FIELDS if name in row_fields})
    mapping.update({name: name for name in per_platform})
    read = [("handles", ", ".join(c.heading if c.heading == c.platform else f"{c.heading} ({c.platform})"
                                  for c in channels))]
    read += [(name, row_fields[name]) for name in (*_SHARED_FIELDS, *_FIGURES) if name in row_fields]
    read += [(f"{name} per platform", ", ".join(h for _, n, h in layout.figures if n == name))
             for name in sorted({n for _, n, _ in layout.figures})]
    result = WideList(
        sheet=Sheet(long, sheet.file, sheet.name, 0, sheet.issues),
        rows=tuple(rows), origins={k: tuple(v) for k, v in origins.items()}, columns=mapping,
        read=tuple(read), unused=tuple(unused), channels=channels,
    )
    return result, issues


def _figures_for_none(sheet: Sheet, row: int, figures: dict[str, str], cells: dict[str, list[str]],
                      i: int) -> list[Issue]:
    """A warning for each figure written for a whole row that has several accounts: whose is it?"""
    issues = []
    for name, heading in figures.items():
        value, figure = cells[heading][i].strip(), name.replace("_", " ")
        if value and value.lower() not in UNKNOWN_WORDS:
            issues.append(Issue(sheet.file, row, heading, f'"{value}" is for the whole row, which has several '
                                f"accounts: given to none of them, as copying it to each would count it "
                                f"more than once", hint=f'give each account its {figure} in a column of its own, '
                                f'such as "Facebook {figure}"', severity=WARNING))
    return issues


_ROW_IN_MESSAGE = re.compile(r"\brow (\d+)\b")


def renumbered(issues: list[Issue], frame: pd.DataFrame, wide: WideList) -> tuple[list[Issue], pd.DataFrame]:
    """Issues and accounts of the long table, told in the wide sheet's rows and headings.

    The long table is validated with its header as row 0, so its row ``r``
    is ``wide.rows[r - 1]``; a column the long table made up (handle,
    followers per platform) is named by the heading the value came from.
    """
    def row_of(number: int) -> int:
        return wide.rows[number - 1] if 1 <= number <= len(wide.rows) else number

    out = []
    for issue in issues:
        if issue.file != wide.sheet.file or issue.row is None:
            out.append(issue)
            continue
        column = issue.column
        if column in wide.origins:
            column = wide.origins[column][issue.row - 1]
        message = _ROW_IN_MESSAGE.sub(lambda m: f"row {row_of(int(m.group(1)))}", issue.message)
        out.append(Issue(issue.file, row_of(issue.row), column, message, issue.hint, issue.severity))
    if "row" in frame.columns and len(frame):
        frame = frame.copy()
        frame["row"] = pd.Series([row_of(int(r)) for r in frame["row"].tolist()], dtype=object, index=frame.index)
    return out, frame
