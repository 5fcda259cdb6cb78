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


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def settled(page: Page, timeout: float = 120_000) -> None:
    await page.wait_for_selector(DONE, timeout=timeout)
    await page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)


# Counts the runs the page has started, so an interaction is timed from itself to the end of *its* rerun (a
# fixed pause could end before a busy server starts the rerun, and the next click would race it).
COUNT_RUNS = """
window.__runs = 0;
new MutationObserver(() => {
  const app = document.querySelector('[data-testid=stApp]');
  const state = app && app.getAttribute('data-test-script-state');
  if (state === 'running' && window.__lastState !== 'running') window.__runs += 1;
  window.__lastState = state;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state'], childList: true});
"""


async def runs(page: Page) -> int:
    return await page.evaluate("() => window.__runs || 0")


async def rerun_started(page: Page, before: int) -> None:
    """Wait for the rerun the interaction asked for to start (a busy server may take seconds)."""
    await page.wait_for_function(f"() => (window.__runs || 0) > {before}", timeout=120_000)


async def session(n: int, browser, url: str, duration: float, timings: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1024, "height": 700}, reduced_motion="reduce")
    await context.add_init_script(COUNT_RUNS)
    page = await context.new_page()
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
                before, started = await runs(page), time.perf_counter()
                await page.locator("[data-testid=stSidebar] [data-testid=stPageLink] a").nth(PAGES.index(target)).click()
            else:
                if "simulasi" not in page.url:
                    await page.goto(url + "/simulasi?region=blitar", timeout=120_000)
                    await settled(page, 120_000)
                slider = page.locator("[data-testid=stSlider]").first.get_by_role("slider")
                await slider.focus(timeout=120_000)
                value = await slider.get_attribute("aria-valuenow")
                before, started = await runs(page), time.perf_counter()
                await page.keyboard.press(rnd.choice(["ArrowRight", "ArrowLeft"]))
                if await slider.get_attribute("aria-valuenow") == value:
                    continue  # a slider already at its end: nothing changed, nothing to time
            await rerun_started(page, before)
            await settled(page)
            timings.append(time.perf_counter() - started)
            if await page.locator("[data-testid=stException]").count():
                errors.append(f"session {n}: exception on {page.url}")
    except Exception as exc:  # a timeout or a crash is an error of the run, not of this script
        errors.append(f"session {n}: {type(exc).__name__}: {exc} (at {page.url})")
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
            await asyncio.gather(*(session(n, browser, url, args.duration, timings, errors)
                                   for n in range(args.sessions)))
            watcher.cancel()
            await browser.close()
        ordered = sorted(timings)
        return {
            "sessions": args.sessions, "duration_s": args.duration, "interactions": len(timings),
            "errors": len(errors), "error_samples": errors[:5],
            "median_ms": round(statistics.median(ordered) * 1000) if ordered else None,
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000) if ordered else None,
            "server_rss_idle_mb": round(idle, 1), "server_rss_peak_mb": round(peak[0], 1),
            "mb_per_session": round((peak[0] - idle) / args.sessions, 1),
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
