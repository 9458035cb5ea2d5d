"""The app under Streamlit's AppTest: a fresh run with empty caches, and a rerun that must raise nothing."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from socialmap.app import SCRIPT

__all__ = ["app", "run", "as_shown"]


@pytest.fixture
def app():
    """A fresh run of the app's script, with empty caches."""
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(SCRIPT), default_timeout=120).run()


def run(at) -> AppTest:
    """Run the app (``at`` may be the AppTest or a widget just set) and check it raised nothing."""
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def as_shown(markdown: str) -> str:
    """What Streamlit shows for a Markdown string the app escaped: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)
