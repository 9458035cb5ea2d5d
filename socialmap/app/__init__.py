"""The Streamlit app, shipped in the package: ``socialmap app`` starts it with the settings below.

main.py is the Streamlit script (widgets -> options -> one view) and views.py its cached
stages and views; importing this package does not import Streamlit. The settings are the
app's whole configuration, given to Streamlit as flags so that an installed copy behaves as
a clone does, whatever folder it is started from.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SCRIPT", "SETTINGS", "streamlit_flags"]

SCRIPT = Path(__file__).resolve().parent / "main.py"

SETTINGS: dict[str, str] = {
    # Nothing leaves the machine: no usage statistics, and listening on localhost only, which
    # also stops Streamlit looking up the machine's external address at start.
    "browser.gatherUsageStats": "false",
    "server.address": "localhost",
    # socialmap opens the browser itself once the server answers; Streamlit's own opening
    # (headless false) first asks for an e-mail address on the terminal.
    "server.headless": "true",
    # Megabytes per file. 100,000 accounts are about 20 MB and their 800,000 relationships
    # about 45 MB; anything bigger is refused with a clear message before it is read.
    "server.maxUploadSize": "100",
    "server.fileWatcherType": "none",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "false",
}


def streamlit_flags(port: int | None = None, **overrides: str) -> list[str]:
    """``--name value`` flags for ``streamlit run``: the settings, a port, and any overrides."""
    settings = {**SETTINGS, **({"server.port": str(port)} if port is not None else {}), **overrides}
    return [part for name, value in settings.items() for part in (f"--{name}", value)]
