"""National-scale benchmark (`make bench`, not part of `make test`): prints a table, writes benchmarks/results.json.

Everything is measured in one run on this machine, and each figure against a baseline measured in the same run:
1. loading and validating the seed file and a synthetic 552-region file, against a bare `yaml.load(CSafeLoader)`;
2. each page's server-side script time on the 552-region file (AppTest reruns), median and p95;
3. in Debian's Chromium: navigation to the overview fully drawn, and a Simulasi slider move to the chart redrawn,
   against the same two for a bare Streamlit app with one slider and one Plotly bar chart (baseline_app.py),
   the two apps taking turns (7 visits and 21 slider moves each);
4. the server's memory with 1 and with 10 sessions open.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

from browser_runs import Runs, settled  # noqa: E402
from load import CHROMIUM, free_port, rss_mb  # noqa: E402

from ikd_core.domain.clock import today as _today  # noqa: E402
from ikd_core.domain.loading import load_path  # noqa: E402
from ikd_core.domain.snapshot import build  # noqa: E402
from ikd_core.synth import write  # noqa: E402

TODAY = _today()
PAGES = ["ringkasan", "bandingkan", "wilayah", "proyeksi", "simulasi", "data", "presentasi"]
DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const charts = document.querySelectorAll('[data-testid=stPlotlyChart], .ikd-live-chart');
  return app && app.getAttribute('data-test-script-state') === 'notRunning' && charts.length > 0 &&
         [...charts].every(c => c.querySelector('.main-svg'));
}"""
# The last change to any chart on the page, wherever it is: a remounted chart is a new element (an observer on the
# old one would stop at its removal, before the new one is drawn), a chart updated in place is the same one.
WATCH_CHART = """() => {
  window.__last = null;
  const charts = ':is([data-testid=stPlotlyChart], .ikd-live-chart)';
  new MutationObserver((records) => {
    if (records.some((r) => r.target.closest && r.target.closest(charts))) window.__last = performance.now();
  }).observe(document.querySelector('[data-testid=stMain]'), {subtree: true, childList: true, attributes: true});
  window.__t0 = performance.now();
}"""


def timed(f, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        out.append(time.perf_counter() - t)
    return out


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, -(-len(s) * 95 // 100) - 1)]


def loading(path: Path, runs: int) -> dict:
    def bare() -> None:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def ours() -> None:
        load_path(str(path), today=TODAY)

    def with_checks() -> None:
        build(load_path(str(path), today=TODAY), TODAY)

    b, o, c = med(timed(bare, runs)), med(timed(ours, runs)), med(timed(with_checks, runs))
    return {"bytes": path.stat().st_size, "bare_csafeloader_s": round(b, 4), "load_validate_s": round(o, 4),
            "ratio": round(o / b, 2), "with_metrics_and_checks_s": round(c, 4), "ratio_with_checks": round(c / b, 2)}


def page_times(path: Path, reruns: int) -> dict:
    os.environ["IKD_DATA"] = str(path)
    from apptest_helpers import open_page

    out = {}
    for page in PAGES:
        at = open_page(f"pages/{page}.py")
        times = timed(at.run, reruns)
        assert not at.exception, at.exception
        out[page] = {"median_ms": round(med(times) * 1000), "p95_ms": round(p95(times) * 1000)}
    os.environ.pop("IKD_DATA")
    return out


class Server:
    """A Streamlit server on a free port. It reads the .streamlit/config.toml of the folder it starts in: ours
    starts at the project root (its deployed settings), the baseline in benchmarks/ (Streamlit's defaults)."""

    def __init__(self, script: str, data: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, **({"IKD_DATA": str(data)} if data else {}))
        path = ROOT / script
        self.proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", path.name, "--server.port",
                                      str(self.port), "--server.headless", "true", "--server.runOnSave", "false"],
                                     cwd=ROOT if path.parent == ROOT else path.parent, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(240):
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=1)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"{script} did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


async def visits(browser, url: str, count: int = 1) -> list[float]:
    """Seconds from navigation to every chart drawn, for `count` visits in one fresh browser context: the first with
    nothing cached, the next with Streamlit's scripts (plotly.js among them) from the browser's cache."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    out = []
    for _ in range(count):
        t = time.perf_counter()
        await page.goto(url)
        await page.wait_for_function(DRAWN, timeout=120_000, polling=20)
        out.append(time.perf_counter() - t)
    await context.close()
    return out


class SliderPage:
    """A page with a slider, open in its own browser context, whose first slider can be moved and timed."""

    def __init__(self, page, counted: Runs) -> None:
        self.page, self.counted = page, counted
        self.slider = page.locator("[data-testid=stSlider]").first.get_by_role("slider")
        self.moves = 0
        self.react_ms: list[float | None] = []  # Plotly.react's time per move, for a chart updated in place

    @classmethod
    async def open(cls, browser, url: str) -> SliderPage:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        counted = Runs(page)
        await page.goto(url)
        await page.wait_for_function(DRAWN, timeout=120_000)
        await settled(page)
        return cls(page, counted)

    async def move(self) -> tuple[float, float]:
        """One arrow-key step (right, then back left next time): seconds until the chart's last change, and
        until the server's script_finished message reached the tab (the server's share)."""
        page = self.page
        await self.slider.focus()
        await page.evaluate(WATCH_CHART)
        before, pressed = self.counted.finished, time.perf_counter()
        await page.keyboard.press("ArrowRight" if self.moves % 2 == 0 else "ArrowLeft")
        self.moves += 1
        await self.counted.after(before)
        finished = time.perf_counter() - pressed
        await settled(page)
        await page.wait_for_timeout(300)  # let plotly finish: the last change to the chart ends the redraw
        last, t0, drawn = await page.evaluate(
            "() => [window.__last, window.__t0, document.querySelector('.ikd-live-chart')?.dataset.drawMs]")
        assert last is not None, "the chart did not change"
        self.react_ms.append(float(drawn) if drawn else None)
        return (last - t0) / 1000, finished

    async def close(self) -> None:
        await self.page.context.close()


async def memory(browser, server: Server) -> dict:
    contexts = []

    async def open_one() -> None:
        context = await browser.new_context(viewport={"width": 1200, "height": 800})
        page = await context.new_page()
        await page.goto(server.url + "/")
        await page.wait_for_function(DRAWN, timeout=180_000)
        contexts.append(context)

    await open_one()
    await asyncio.sleep(2)
    one = rss_mb([server.proc.pid])
    for _ in range(9):
        await open_one()
    await asyncio.sleep(2)
    ten = rss_mb([server.proc.pid])
    for c in contexts:
        await c.close()
    return {"rss_1_session_mb": round(one, 1), "rss_10_sessions_mb": round(ten, 1),
            "mb_per_extra_session": round((ten - one) / 9, 1)}


async def browser_part(national: Path, runs: int) -> dict:
    ours, base = Server("app.py", national), Server("benchmarks/baseline_app.py")
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            await visits(browser, ours.url + "/")  # warm: the first visit parses the national file
            await visits(browser, base.url + "/")
            # Ours and the baseline take turns, so a slow spell of this shared machine hits both alike.
            draw_ours, draw_base = [], []
            for _ in range(runs):
                draw_ours += await visits(browser, ours.url + "/")
                draw_base += await visits(browser, base.url + "/")
            sim_visits, bare_visits = ([], []), ([], [])
            for _ in range(runs):
                for into, url in ((sim_visits, ours.url + "/simulasi"), (bare_visits, base.url + "/")):
                    cold, warm = await visits(browser, url, 2)
                    into[0].append(cold)
                    into[1].append(warm)
            sim = await SliderPage.open(browser, ours.url + "/simulasi")
            bare = await SliderPage.open(browser, base.url + "/")
            moves = {"ours": [], "base": []}
            for _ in range(3 * runs):
                moves["ours"].append(await sim.move())
                moves["base"].append(await bare.move())
            react_ms = [ms for ms in sim.react_ms if ms is not None]
            await sim.close()
            await bare.close()
            slide_ours, server_ours = [m[0] for m in moves["ours"]], [m[1] for m in moves["ours"]]
            slide_base, server_base = [m[0] for m in moves["base"]], [m[1] for m in moves["base"]]
            mem = await memory(browser, ours)
            await browser.close()
    finally:
        ours.stop()
        base.stop()
    return {
        "overview_drawn": {"visits": len(draw_ours), "ours_ms": round(med(draw_ours) * 1000),
                           "baseline_ms": round(med(draw_base) * 1000),
                           "ratio": round(med(draw_ours) / med(draw_base), 2)},
        "simulasi_first_visit": {
            "visits": len(sim_visits[0]),
            "first_ours_ms": round(med(sim_visits[0]) * 1000), "first_baseline_ms": round(med(bare_visits[0]) * 1000),
            "first_ratio": round(med(sim_visits[0]) / med(bare_visits[0]), 2),
            "again_ours_ms": round(med(sim_visits[1]) * 1000), "again_baseline_ms": round(med(bare_visits[1]) * 1000),
            "again_ratio": round(med(sim_visits[1]) / med(bare_visits[1]), 2)},
        "slider_to_chart": {"moves": len(slide_ours),
                            "ours_ms": round(med(slide_ours) * 1000), "baseline_ms": round(med(slide_base) * 1000),
                            "ratio": round(med(slide_ours) / med(slide_base), 2),
                            "of_which_until_rerun_finished_ours_ms": round(med(server_ours) * 1000),
                            "of_which_until_rerun_finished_baseline_ms": round(med(server_base) * 1000),
                            "in_place": bool(react_ms),
                            "plotly_react_ms": round(med(react_ms)) if react_ms else None},
        "memory": mem,
    }


def main() -> int:
    os.chdir(ROOT)
    national = Path(tempfile.mkdtemp(prefix="ikd-bench-")) / "national.yaml"
    write(national, 552, 36, 1)
    results = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "loading": {"seed": loading(ROOT / "data" / "regions.yaml", 15), "national_552": loading(national, 3)},
        "page_script_national": page_times(national, 5),
    }
    results.update(asyncio.run(browser_part(national, 7)))
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    load, b = results["loading"], results
    rows = [
        ("load+validate seed / bare CSafeLoader", f"{load['seed']['ratio']}×", "≤ 2×"),
        ("load+validate 552 regions / bare CSafeLoader",
         f"{load['national_552']['ratio']}× ({load['national_552']['load_validate_s']} s / "
         f"{load['national_552']['bare_csafeloader_s']} s)", "≤ 2×"),
        *[(f"page script {name} (median, p95)", f"{v['median_ms']} ms, {v['p95_ms']} ms", "< 300 ms")
          for name, v in b["page_script_national"].items()],
        ("overview drawn / baseline", f"{b['overview_drawn']['ratio']}× ({b['overview_drawn']['ours_ms']} ms / "
         f"{b['overview_drawn']['baseline_ms']} ms)", "≤ 1.5×"),
        ("simulasi first visit / baseline", f"{b['simulasi_first_visit']['first_ratio']}× "
         f"({b['simulasi_first_visit']['first_ours_ms']} ms / {b['simulasi_first_visit']['first_baseline_ms']} ms)",
         "reported"),
        ("simulasi visited again / baseline", f"{b['simulasi_first_visit']['again_ratio']}× "
         f"({b['simulasi_first_visit']['again_ours_ms']} ms / {b['simulasi_first_visit']['again_baseline_ms']} ms)",
         "reported"),
        ("slider to chart / baseline", f"{b['slider_to_chart']['ratio']}× ({b['slider_to_chart']['ours_ms']} ms / "
         f"{b['slider_to_chart']['baseline_ms']} ms)", "≤ 1.0×"),
        ("memory per extra session", f"{b['memory']['mb_per_extra_session']} MB "
         f"({b['memory']['rss_1_session_mb']} → {b['memory']['rss_10_sessions_mb']} MB)", "≤ 30 MB"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<40}  target {target}")
    print("written to benchmarks/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
