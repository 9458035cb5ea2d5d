"""The first view of a session: the map first, its reach figures under it once the browser has drawn it.

Streamlit's front end draws every element of a run in one pass, and the map's frame waits for all of them: with
the reach panel's metrics, charts and tables in the same pass, the sample map took 3 to 4.5 s to appear instead
of about 2 (bench/app.py --browser, bench/RESULTS.md). So a session's first run sends the map without its reach
panel, with a small watcher that tells the server when the map in its frame says it is drawn (the page sets
``data-socialmap-ready``); that starts a rerun, which adds the panel below. From then on every run draws the
whole page at once. If the map never says so (a script error in it), the watcher gives up waiting after
``LONGEST_WAIT_MS`` and the figures come anyway.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["DRAWN", "map_drawn", "tell_when_drawn"]

DRAWN = "map_drawn"  # session state: the browser has drawn this session's first map
LONGEST_WAIT_MS = 8000

# Our own code, with no data in it: it reads the map frame's ready mark in the app's own page, nothing else.
_WATCHER_JS = """
export default function ({ setTriggerValue }) {
  const started = performance.now();
  function drawn() {
    for (const frame of document.querySelectorAll(".st-key-map_frame iframe")) {
      try {
        if (frame.contentDocument?.documentElement?.dataset.socialmapReady === "true") { return true; }
      } catch (error) { /* a frame we may not read: wait for the time limit */ }
    }
    return false;
  }
  let timer = setInterval(function () {
    if (drawn() || performance.now() - started > %d) {
      clearInterval(timer);
      timer = null;
      setTriggerValue("drawn", true);
    }
  }, 50);
  return function () { if (timer !== null) { clearInterval(timer); } };
}
""" % LONGEST_WAIT_MS

_watcher = st.components.v2.component("socialmap_map_drawn", js=_WATCHER_JS)


def map_drawn() -> bool:
    """True once this session's first map has been drawn: the page can then be drawn whole."""
    return bool(st.session_state.get(DRAWN))


def _note_drawn() -> None:
    st.session_state[DRAWN] = True


def tell_when_drawn() -> None:
    """An element of no size that reruns the script once the map is drawn (the page's last element: a gap
    after it shows nowhere)."""
    _watcher(key="map_drawn_watch", height=0, on_drawn_change=_note_drawn)
