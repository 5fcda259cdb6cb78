"""Load test: N concurrent sessions in one Debian Chromium against a real server (`make load`).

Starts its own server on a free port (so it can read the server's memory), opens N browser contexts, and for
DURATION seconds each session switches pages and moves a what-if slider. Reports errors (must be 0), the median
and p95 time from an interaction to the rerun finishing, and the server's idle and peak RSS, with memory per
session. Not part of `make test`: it is a measurement, not a pass/fail check.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import Page, async_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PAGES = ["/", "/bandingkan", "/wilayah", "/proyeksi", "/simulasi", "/data"]
DONE = "[data-testid=stApp][data-test-script-state=notRunning]"
RAMP_SECONDS = 2.0
THINK_SECONDS = (5.0, 10.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children, in MB."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def settled(page: Page, timeout: float = 120_000) -> None:
    await page.wait_for_selector(DONE, timeout=timeout)
    await page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)


class Runs:
    """Counts the reruns the server has *finished* for one browser tab, from its websocket: every run ends with a
    `script_finished` message. (The page's script-state attribute is no use under load: React may apply "running"
    and "notRunning" in one frame, so the DOM never shows the run.)"""

    DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in self.DONE:
            self.finished += 1

    async def after(self, before: int, timeout: float = 120) -> None:
        """Wait until a run has finished since `before` was read (a busy server may take seconds to start it)."""
        deadline = time.monotonic() + timeout
        while self.finished <= before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no rerun finished within {timeout:.0f} s")
            await asyncio.sleep(0.02)


async def session(n: int, browser, url: str, duration: float, timings: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1024, "height": 700}, reduced_motion="reduce")
    page = await context.new_page()
    counted = Runs(page)
    page.on("pageerror", lambda e: errors.append(f"session {n}: page error {e}"))
    rnd = random.Random(n)
    try:
        # Officials open the link over a minute or so, not in the same millisecond; all 30 pages' JavaScript
        # starting at once on a 2-core machine measures Chromium, not the server.
        await asyncio.sleep(n * RAMP_SECONDS)
        await page.goto(url + "/simulasi?region=blitar", timeout=120_000)
        await settled(page, 120_000)
        until = time.monotonic() + duration  # every session interacts for the full duration once it is up
        while time.monotonic() < until:
            await asyncio.sleep(rnd.uniform(*THINK_SECONDS))  # a person reads before the next click
            if rnd.random() < 0.5:
                here = next((p for p in PAGES[1:] if p in page.url), "/")
                target = rnd.choice([p for p in PAGES if p != here])  # another page: a click that must rerun
                before, started = counted.finished, time.perf_counter()
                links = page.locator("[data-testid=stSidebar] [data-testid=stPageLink] a")
                await links.nth(PAGES.index(target)).click()
            else:
                if "simulasi" not in page.url:
                    await page.goto(url + "/simulasi?region=blitar", timeout=120_000)
                    await settled(page, 120_000)
                slider = page.locator("[data-testid=stSlider]").first.get_by_role("slider")
                await slider.focus(timeout=120_000)
                value = await slider.get_attribute("aria-valuenow")
                before, started = counted.finished, time.perf_counter()
                await page.keyboard.press(rnd.choice(["ArrowRight", "ArrowLeft"]))
                if await slider.get_attribute("aria-valuenow") == value:
                    continue  # a slider already at its end: nothing changed, nothing to time
            await counted.after(before)
            await settled(page)
            timings.append(time.perf_counter() - started)
            if await page.locator("[data-testid=stException]").count():
                errors.append(f"session {n}: exception on {page.url}")
    except Exception as exc:  # a timeout or a crash is an error of the run, not of this script
        errors.append(f"session {n}: {type(exc).__name__}: {str(exc).splitlines()[0]} (at {page.url}; "
                      f"{counted.finished} runs finished)")
        try:  # what the official would have seen, for the diagnosis
            await page.screenshot(path=str(ROOT / "benchmarks" / f"load-error-{n}.png"))
        except Exception:
            pass
    finally:
        await context.close()


def snapshot_of_app(into: Path) -> Path:
    """A copy of the app to serve: Streamlit reloads modules when a source file is saved, so editing the
    checkout during a run would otherwise show up as errors of the run."""
    for name in ("app.py", "pages", "ui", "ikd_core", "data", ".streamlit"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)
    return into


async def main_async(args) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(ROOT / "benchmarks" / "load-server.log", "w")
    app = snapshot_of_app(Path(tempfile.mkdtemp(prefix="ikd-load-")))
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true"], cwd=app, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        peak = [0.0]
        timings: list[float] = []
        errors: list[str] = []
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-dev-shm-usage", "--disable-renderer-backgrounding"])
            warm = await browser.new_page()
            await warm.goto(url + "/")
            await settled(warm)
            await warm.close()
            await asyncio.sleep(2)
            idle = rss_mb(server.pid)

            async def watch() -> None:
                while True:
                    peak[0] = max(peak[0], rss_mb(server.pid))
                    await asyncio.sleep(0.5)

            watcher = asyncio.create_task(watch())
            cpu0, wall0 = cpu_seconds(server.pid), time.monotonic()
            await asyncio.gather(*(session(n, browser, url, args.duration, timings, errors)
                                   for n in range(args.sessions)))
            watcher.cancel()
            cpu, wall = cpu_seconds(server.pid) - cpu0, time.monotonic() - wall0
            await browser.close()
        ordered = sorted(timings)
        return {
            "sessions": args.sessions, "duration_s": args.duration, "interactions": len(timings),
            "errors": len(errors), "error_samples": errors[:8],
            "median_ms": round(statistics.median(ordered) * 1000) if ordered else None,
            "p95_ms": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000) if ordered else None,
            "server_rss_idle_mb": round(idle, 1), "server_rss_peak_mb": round(peak[0], 1),
            "mb_per_session": round((peak[0] - idle) / args.sessions, 1),
            # How busy the server was: under 1 core means the time went to the browsers sharing the machine.
            "server_cpu_s": round(cpu, 1), "wall_s": round(wall, 1), "server_cores_busy": round(cpu / wall, 2),
        }
    finally:
        server.terminate()
        server.wait(10)
        log.close()
        shutil.rmtree(app, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60)
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    (ROOT / "benchmarks" / "load-results.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
