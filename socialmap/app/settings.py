"""The app's view settings: which widgets the page's address keeps, and the settings file users save and load.

Every setting below is a widget key bound to the address's query string (``bind="query-params"``), so a reload
or a bookmark brings the view back. "Save settings" writes them, with the column picks, as a small JSON file
for next month's upload; :func:`read_settings` reads one back and refuses a bad or foreign file with one
sentence, before anything is changed. No Streamlit here: main.py applies what this returns.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

__all__ = ["VIEW_SETTINGS", "SettingsError", "Settings", "settings_json", "read_settings"]

MARK = "socialmap settings"
VERSION = 1
LARGEST = 100_000  # bytes: a settings file is a few hundred; anything this big is not one

_TEXT, _WHOLE, _NUMBER, _YES_NO = "text", "a whole number", "a number", "true or false"
_TEXTS, _DATES = "a list", "dates"

# widget key -> the kind of value it holds (None is allowed where a widget can be empty)
VIEW_SETTINGS: dict[str, str] = {
    "title": _TEXT, "layout": _TEXT, "branch": _TEXT, "region": _TEXT, "aggregate": _TEXT,
    "colour": _TEXT, "size": _TEXT, "focus": _TEXT, "steps": _WHOLE,
    "platform": _TEXTS, "area": _TEXTS, "category": _TEXTS, "min_followers": _NUMBER, "dates": _DATES,
    "view": _TEXT, "top_by": _TEXT, "growth": _TEXT,
    "seed": _WHOLE, "resolution": _NUMBER, "groups": _WHOLE, "min_size": _WHOLE, "strict": _YES_NO,
}
COLUMN_KINDS = ("accounts", "relationships")


class SettingsError(ValueError):
    """A settings file that cannot be used; its message says why, in a sentence for the user."""


@dataclass(frozen=True)
class Settings:
    """What a settings file holds: widget values by key, and the column picks of each kind of file."""

    view: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)  # "accounts" / "relationships" -> {field: heading ("" = none)}


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def settings_json(view: dict, columns: dict) -> str:
    """The settings file's text: the view settings present in ``view`` and the column picks."""
    return json.dumps({
        "what": MARK, "version": VERSION,
        "view": {key: _plain(view[key]) for key in VIEW_SETTINGS if key in view},
        "columns": {kind: dict(columns.get(kind, {})) for kind in COLUMN_KINDS},
    }, indent=2, ensure_ascii=False)


def _checked(key: str, value):
    kind = VIEW_SETTINGS[key]
    if value is None and kind in (_TEXT, _NUMBER):
        return None
    if kind == _TEXT and isinstance(value, str):
        return value
    if kind == _YES_NO and isinstance(value, bool):
        return value
    if kind == _WHOLE and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == _NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind == _TEXTS and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    if kind == _DATES and isinstance(value, list) and len(value) in (0, 2):
        try:
            return tuple(dt.date.fromisoformat(item) for item in value)
        except (TypeError, ValueError):
            pass
    raise SettingsError(f'Its setting "{key}" should be {"two dates" if kind == _DATES else kind}, '
                        f"not {json.dumps(value)}.")


def read_settings(data: bytes) -> Settings:
    """The settings in a file :func:`settings_json` wrote; SettingsError if it is not one or is damaged.

    Settings this version does not know are ignored (a newer app may add some); a known one of the wrong
    kind refuses the whole file, so that a file is either used as saved or not at all.
    """
    if len(data) > LARGEST:
        raise SettingsError("This file is far too big to be a socialmap settings file.")
    try:
        saved = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise SettingsError("This is not a socialmap settings file: it is not JSON text.") from None
    if not isinstance(saved, dict) or saved.get("what") != MARK:
        raise SettingsError('This is not a socialmap settings file (one is saved with "Save settings").')
    if not isinstance(saved.get("version"), int) or saved["version"] > VERSION:
        raise SettingsError("This settings file was saved by a newer socialmap: update socialmap to use it.")
    view, columns = saved.get("view", {}), saved.get("columns", {})
    if not isinstance(view, dict) or not isinstance(columns, dict):
        raise SettingsError("This settings file is damaged: its view or columns are not a list of settings.")
    picks = {}
    for kind in COLUMN_KINDS:
        chosen = columns.get(kind, {})
        if not isinstance(chosen, dict) or not all(isinstance(v, str) for v in chosen.values()):
            raise SettingsError(f"This settings file is damaged: its {kind} columns are not headings.")
        picks[kind] = dict(chosen)
    return Settings({key: _checked(key, value) for key, value in view.items() if key in VIEW_SETTINGS}, picks)
