"""Servers the tests start: a free localhost port, and waiting until the app answers."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

__all__ = ["free_port", "wait_until_healthy", "served_app"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(server: subprocess.Popen, port: int, *, seconds: float = 120, log=None) -> None:
    """Return once Streamlit on ``port`` says it is healthy; fail if the server stops or the time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            if log is not None:
                log.seek(0)
            raise AssertionError(f"the server stopped with status {server.returncode}:\n"
                                 f"{log.read() if log is not None else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not answer within {seconds:.0f} s")
        time.sleep(0.25)


@contextlib.contextmanager
def served_app(folder: Path, **settings: str):
    """The app served by `streamlit run` on a free localhost port, as `socialmap app` serves it; yields
    (server process, url) and stops the server after. ``settings`` are extra Streamlit settings."""
    from socialmap.app import SCRIPT, streamlit_flags

    port = free_port()
    log = (folder / "server.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(SCRIPT),
                               *streamlit_flags(port, **settings)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(server, port, seconds=120, log=log)
        yield server, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
