"""Nothing leaves the machine: `socialmap app`, traced, connects to nothing but itself.

Streamlit looks up the machine's external address at start (a UDP connect to a public address and
DNS lookups) unless it listens on localhost only; reading the settings is not enough, so the server
is run under strace and every socket connect it makes is read back.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT
from tests.servers import free_port

ON_THIS_MACHINE = re.compile(r"sa_family=AF_(?:UNIX|UNSPEC|NETLINK)|"
                      r'inet_addr\("127\.\d+\.\d+\.\d+"\)|inet_pton\(AF_INET6, "::1"|sun_path=')


def test_socialmap_app_connects_only_to_this_machine_from_start_to_first_page(tmp_path):
    port, trace = free_port(), tmp_path / "connect.log"
    server = subprocess.Popen(
        ["strace", "-f", "-e", "trace=connect", "-o", str(trace),
         sys.executable, "-m", "socialmap", "app", "--port", str(port), "--no-browser"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "socialmap app stopped"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert b"<html" in page.read().lower()
                    break
            except OSError:
                assert time.monotonic() < deadline, "the app did not answer within 120 s"
                time.sleep(0.5)
        time.sleep(3)  # Streamlit's start-up work (and any lookup it would make) is done by now
    finally:
        _stop_group(server)
    connects = [line for line in trace.read_text().splitlines() if "connect(" in line and "resumed" not in line]
    assert any(f"htons({port})" in line for line in connects), "the trace saw no connect at all"
    elsewhere = [line for line in connects if not ON_THIS_MACHINE.search(line)]
    assert not elsewhere, "\n".join(elsewhere)


def _stop_group(server: subprocess.Popen) -> None:
    """Stop strace, socialmap app and Streamlit, which share a process group; leave none running.

    A Ctrl+C makes strace detach and exit, and the signal it was holding for the traced launcher is lost,
    so the launcher and Streamlit are then told again, with a TERM.
    """
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    for stop in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, stop)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.killpg(server.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
