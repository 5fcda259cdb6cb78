"""Shared fixtures: the repo, a fixed 'today', and a real Streamlit server for the browser tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The frozen fixture every test of figures, statuses and counts uses: the seed file and its articles as they were
# on 23 November 2026 (also the backward-compatibility fixture: it must stay valid and mean the same).
FIXTURE = ROOT / "tests" / "fixtures" / "seed"
DATA = FIXTURE / "regions.yaml"
# The file the analysts maintain. Only two kinds of test read it: it validates, and every quote is in its article.
LIVE_DATA = ROOT / "data" / "regions.yaml"
ARTIFACTS = ROOT / "tests" / "artifacts"
# The one "today" of the whole suite (a Monday).
TODAY = dt.date(2026, 11, 23)
CHROMIUM = "/usr/bin/chromium"
# Browser waits come from one constant: generous, because a loaded 2-core runner is slow (a 30 s wait failed once
# with the load average at 35). IKD_WAIT_MARGIN scales them all on a slower machine.
WAIT_MARGIN = float(os.environ.get("IKD_WAIT_MARGIN", "1"))
WAIT_MS = int(60_000 * WAIT_MARGIN)
# The one clock and the one data file: AppTest, the command line and every server the tests start read "today" and
# the data file from here, never from the wall clock or the live file.
os.environ["IKD_TODAY"] = TODAY.isoformat()
os.environ["IKD_DATA"] = str(DATA)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture(scope="session")
def national_file(tmp_path_factory) -> Path:
    """The 552-region synthetic national file (`python -m ikd_core.synth`, seed 1), generated once per test run and
    shared read-only by every module that needs national scale."""
    path = tmp_path_factory.mktemp("national") / "national.yaml"
    done = subprocess.run([sys.executable, "-m", "ikd_core.synth", "--regions", "552", "--months", "36", "--seed", "1",
                           "--out", str(path)], env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "552 regions" in done.stdout
    return path


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture's folder (file and articles), so a test can edit the file the app serves."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target / "regions.yaml"


# --- Playwright in Debian's Chromium (never a downloaded browser) ---------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/ensure-debian-packages.sh chromium` (make test does).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "id-ID"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `streamlit run app.py` on a free port; `url` is its root."""

    def __init__(self, data: Path | None = None, extra_env: dict | None = None):
        self.port = _free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, **(extra_env or {})}
        if data is not None:
            env["IKD_DATA"] = str(data)
        self.log = ARTIFACTS / f"server-{self.port}.log"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self._log = self.log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()}")
            try:
                # The health endpoint does not run any page, so the app's first *page* request is the test's.
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


@pytest.fixture
def start_server() -> Iterator:
    servers: list[Server] = []

    def start(data: Path | None = None, **env: str) -> Server:
        server = Server(data, env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One server per test module on the real data file, for tests that do not need a cold start."""
    s = Server()
    yield s
    s.stop()
