"""Issue 21: the package as a user installs it. A wheel built from this checkout, installed
without ``-e`` into a fresh virtual environment, builds maps in every layout, answers
``--version``, ships its sample and serves its app.

The environment sees this one's libraries (``--system-site-packages``) so that nothing is
downloaded, but imports socialmap from the wheel alone: every check runs in a folder outside
the checkout, without PYTHONPATH, and asserts where socialmap was imported from.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import sys
import venv
from pathlib import Path

import pytest

from socialmap.options import LAYOUTS
from tests.conftest import ROOT
from tests.servers import free_port, wait_until_healthy

CLEAN_ENV = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "PYTHONHOME")}
SKIPPED = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "tests", "bench", "out")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh virtual environment holding socialmap installed from a wheel of this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=SKIPPED)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--wheel-dir", str(work / "dist"), str(source)], check=True, capture_output=True)
    wheel, = (work / "dist").glob("socialmap-*.whl")
    venv.create(work / "env", system_site_packages=True, with_pip=False)
    bin_folder = work / "env" / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(bin_folder / "python"), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True, capture_output=True)
    return bin_folder


def _run(installed: Path, *command: str, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(installed / command[0]), *command[1:]], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=CLEAN_ENV)
    assert done.returncode == 0, done.stderr
    return done


def test_the_wheel_imports_every_subpackage_from_itself(installed, tmp_path):
    done = _run(installed, "python", "-c",
                "import pkgutil, socialmap, socialmap.layout, socialmap.app, socialmap.assets, socialmap.sample\n"
                "print(socialmap.__file__)\n"
                "print(sorted(m.name for m in pkgutil.walk_packages(socialmap.__path__, 'socialmap.')"
                " if m.ispkg))", cwd=tmp_path)
    where, packages = done.stdout.splitlines()
    assert Path(where).is_relative_to(installed.parent), f"socialmap came from {where}, not the wheel"
    in_tree = sorted("socialmap." + ".".join(init.parent.relative_to(ROOT / "socialmap").parts)
                     for init in (ROOT / "socialmap").rglob("__init__.py") if init.parent != ROOT / "socialmap")
    assert eval(packages) == in_tree  # noqa: S307 - our own repr of a list of names


def test_version_answers_from_the_module_and_the_command(installed, tmp_path):
    from socialmap import __version__
    assert _run(installed, "python", "-m", "socialmap", "--version", cwd=tmp_path).stdout.split()[-1] == __version__
    assert _run(installed, "socialmap", "--version", cwd=tmp_path).stdout.split()[-1] == __version__


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_installed_tool_maps_its_own_sample_in_every_layout(installed, tmp_path, layout):
    _run(installed, "socialmap", "sample", "sample", cwd=tmp_path)
    sample = tmp_path / "sample"
    done = _run(installed, "socialmap", "build", "sample/accounts.csv", "sample/relationships.csv",
                "--areas", "sample/areas.csv", "--layout", layout, "-o", "map.html", cwd=tmp_path)
    assert "223 accounts" in done.stdout
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "vis.Network" in page and "Content-Security-Policy" in page
    assert len(list((sample / "snapshots").glob("accounts-2026-*.csv"))) == 4


def test_the_installed_tool_prints_a_pdf_poster_with_the_font_it_ships(installed, tmp_path):
    """The poster's face (socialmap/assets/fonts) is in the wheel, and a Welsh name prints from it."""
    (tmp_path / "accounts.csv").write_text("id,name,platform,followers\n@DwrCymru,Dŵr Cymru,Twitter,58000\n",
                                           encoding="utf-8")
    _run(installed, "socialmap", "build", "accounts.csv", "-o", "poster.pdf", cwd=tmp_path)
    assert b"DejaVuSans" in (tmp_path / "poster.pdf").read_bytes()
    assert list(installed.parent.rglob("site-packages/socialmap/assets/fonts/LICENSE")), "the font's licence with it"


def test_the_installed_app_runs_on_its_sample(installed, tmp_path):
    script = ("from streamlit.testing.v1 import AppTest\n"
              "import socialmap.app as app\n"
              "at = AppTest.from_file(str(app.SCRIPT), default_timeout=180).run()\n"
              "assert not at.exception, [e.value for e in at.exception]\n"
              "print(app.SCRIPT)\n"
              "print(at.caption[0].value)\n")
    where, notice = _run(installed, "python", "-c", script, cwd=tmp_path).stdout.splitlines()[-2:]
    assert Path(where).is_relative_to(installed.parent)
    assert "invented sample" in notice


def test_socialmap_app_serves_on_localhost(installed, tmp_path):
    port = free_port()
    server = subprocess.Popen([str(installed / "socialmap"), "app", "--port", str(port), "--no-browser"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=CLEAN_ENV)
    try:
        wait_until_healthy(server, port)
        line = server.stdout.readline()
        while "socialmap app:" not in line:
            line = server.stdout.readline()
        assert f"http://localhost:{port}" in line and "this machine only" in line
    finally:
        server.terminate()  # the launcher stops its Streamlit child
        server.wait(timeout=30)
    assert not _streamlit_children_of(port), "Streamlit outlived socialmap app"


def _streamlit_children_of(port: int) -> list[str]:
    """Command lines of running Streamlit servers on ``port`` (none should outlive the launcher)."""
    time.sleep(1)
    found = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if "streamlit run" in line and f"--server.port {port}" in line]
