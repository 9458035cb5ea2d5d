"""The app under Streamlit's AppTest: a fresh run with empty caches, and a rerun that must raise nothing.

AppTest has no browser, so nothing draws the map: :func:`opened` starts a session as one whose browser has drawn
its first map (socialmap/app/firstview.py), so that its first run shows the whole page, figures and all.
tests/test_app_firstview.py checks the first run of a session before that.
"""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from socialmap.app import SCRIPT
from socialmap.app.firstview import DRAWN

__all__ = ["app", "opened", "run", "as_shown"]


def opened(query: dict | None = None, *, timeout: float = 120) -> AppTest:
    """The app's script in a new session (not yet run) whose browser has drawn its first map; ``query`` is the
    address's query string."""
    at = AppTest.from_file(str(SCRIPT), default_timeout=timeout)
    at.session_state[DRAWN] = True
    at.query_params.update(query or {})
    return at


@pytest.fixture
def app():
    """A fresh run of the app's script, with empty caches."""
    st.cache_data.clear()
    st.cache_resource.clear()
    return opened().run()


def run(at) -> AppTest:
    """Run the app (``at`` may be the AppTest or a widget just set) and check it raised nothing."""
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def as_shown(markdown: str) -> str:
    """What Streamlit shows for a Markdown string the app escaped: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)
