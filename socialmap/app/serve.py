"""Start the app's Streamlit server on localhost, wait until it answers, open the browser.

Used by ``socialmap app``. Streamlit runs as a child process (``python -m streamlit run``), as
Streamlit advises for starting it from other programs; the child stops when this process is
interrupted (Ctrl+C) or terminated.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable

from . import SCRIPT, streamlit_flags

__all__ = ["DEFAULT_PORT", "serve"]

DEFAULT_PORT = 8501
STARTUP_SECONDS = 120


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


def serve(port: int = DEFAULT_PORT, *, open_browser: bool = True, address: str = "localhost",
          say: Callable[[str], None] = print) -> int:
    """Run the app until it is stopped (Ctrl+C); its exit status. Port in use: status 1 and a message.

    ``address``: where Streamlit listens; anything but localhost serves other machines too, on purpose.
    """
    if not _port_is_free(port):
        say(f"socialmap: port {port} is in use (is the app already running?); choose another with --port.")
        return 1
    url = f"http://localhost:{port}"
    flags = streamlit_flags(port, **{"server.address": address})
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(SCRIPT), *flags])
    stopped_by = signal.signal(signal.SIGTERM, _interrupt)  # a TERM (a service manager, a test) stops Streamlit too
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while server.poll() is None and not _answers(url):
            if time.monotonic() > deadline:
                say(f"socialmap: the app did not answer at {url} within {STARTUP_SECONDS} s.")
                break
            time.sleep(0.3)
        if server.poll() is None:
            where = ("It listens on this machine only." if address in ("localhost", "127.0.0.1", "::1") else
                     f"It listens on {address}: other machines that can reach this one can use it, and upload to it.")
            say(f"socialmap app: open {url} in your browser (Ctrl+C stops it). {where}")
            if open_browser:
                webbrowser.open(url)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        try:
            return server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            return server.wait()
    finally:
        signal.signal(signal.SIGTERM, stopped_by)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
