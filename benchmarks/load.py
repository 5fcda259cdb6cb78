"""Load test: N concurrent sessions speaking Streamlit's own websocket protocol to a real server (`make load`).

Why a protocol client and not browsers: with 30 Chromium tabs on a 2-core machine, the tabs drawing Plotly charts
took the CPU and the measurement was of the browsers, not of the server (0,13 cores busy on the server while
interactions took seconds). Here each session is a few kilobytes of Python that does what the frontend does on the
wire, so hundreds of sessions fit beside the server and what is timed is the server's work.

The protocol (Streamlit 1.67, Starlette/uvicorn): a websocket to /_stcore/stream with the subprotocols
["streamlit", <xsrf token or a placeholder>]; binary BackMsg protobufs up, ForwardMsg protobufs down (both from the
installed `streamlit.proto`). Opening a link is BackMsg.rerun_script with page_name = the URL path and its query
string; a page-link click is rerun_script with the target's page_script_hash; a slider move in Simulasi's fragment
is rerun_script with fragment_id and *every* widget value the page holds (a select_slider's value is the
string_array_value of its formatted label). A run ends with script_finished 0, 1 or 3 (success, compile error,
fragment success); 2 means "stopped early for a rerun" and is not the end. The query string follows the server's
page_info_changed, as the browser's address bar does. A download on the Data page is
backend_operation_request(deferred_file) -> backend_operation_response(url) -> HTTP GET /media/....

Each session opens a link (/simulasi?region=<random region>, /wilayah?region=..., /bandingkan, /), then, after
5-10 s of reading each time, moves a Simulasi slider, switches page, opens another link (a new connection, as a
pasted link does) or downloads the Data page's CSV or Excel. Every interaction is timed from the message sent to
its script_finished (a download to the end of the HTTP body; an open from the websocket handshake) and checked:
a slider move must change what the fragment shows and the link; a page must show its own h1; no exception may
appear. Errors are exceptions on the page, compile errors, timeouts, disconnects and failed downloads.

It serves a *copy* of the app (app.py, pages/, ui/, ikd_core/, .streamlit/) on a free port, so editing the checkout
during a run cannot reload modules under it, on the seed fixture (IKD_TODAY=2026-11-23), the synthetic national
file (--national: 552 regions) or --data FILE; or it targets a running server (--url, e.g. several workers behind
nginx), whose CPU and memory it reads only with --pids. It reports per kind of interaction the count, errors,
median, p95, p99 and max; the server's CPU (cores busy, from /proc/PID/stat) and RSS (idle, peak, per extra
session); the machine's load average before and after, since other work may share it; and its own CPU and event
loop lag, to show when the client rather than the server is the bottleneck. --sweep 10,30,60,100 runs several N,
a fresh server each, and names the largest N with no errors and, for opens, switches and slider moves each, p95
under 1 s and p99 under 2 s (downloads are reported but not held to it: a national Excel file takes seconds).
--pages leaves pages out, to see what one costs the others.
--browser-check adds one check with real browsers: 3 Chromium tabs and a protocol session open the same Simulasi
link and must show the same projected numbers.

Not part of `make test`: it is a measurement, not a pass/fail check (it exits 1 when there were errors).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import hashlib
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
import tomllib
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import websockets
import yaml
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection
from websockets.typing import Origin, Subprotocol

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SEED = ROOT / "tests" / "fixtures" / "seed" / "regions.yaml"
SEED_TODAY = "2026-11-23"  # the day the seed fixture's figures are read against (as in the tests)
APP_PARTS = ("app.py", "pages", "ui", "ikd_core", ".streamlit")

# A run ends with one of these; FINISHED_EARLY_FOR_RERUN (2) is followed by the rerun it made way for.
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
         ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
SIDEBAR = 1  # delta paths start with the root container: 0 main, 1 sidebar, 2 event, 3 bottom
# Page url path -> catalogue key of its h1 (ui/shell.py PAGES; "" is Ringkasan, the default page).
HEADINGS = {"": "overview.heading", "bandingkan": "compare.heading", "wilayah": "region.heading",
            "proyeksi": "projection.heading", "simulasi": "sim.heading", "data": "data_page.heading",
            "presentasi": "present.heading"}
SIM_SLIDERS = ("mult", "target", "growth", "events")  # Simulasi sliders that always change the projection
KINDS = ("open", "switch", "slider", "download")
WEIGHTS = {"open": 1, "switch": 3, "slider": 4, "download": 1}  # what an official does after reading a page
LIMITS = {"p95": 1.0, "p99": 2.0}  # seconds: what --sweep requires of every kind that reruns a page, with no errors
# Downloads are left out of the limits (not of the errors): building a national Excel file takes seconds even
# alone, and an official expects a file to take a moment. Their times are reported all the same.
LIMITED = ("open", "switch", "slider")


class InteractionError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- measuring helpers

# Extra `streamlit run` options for the served copy (--server-arg), e.g. "--server.fileWatcherType=poll" for the
# A/B of Streamlit's own file watcher against the app's (issue 16).
SERVER_ARGS: list[str] = []

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes and their children, in MB."""
    total = 0
    for p in [q for pid in pids for q in (pid, *_children(pid))]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes (all their threads) have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def streamlit_config(app: Path) -> dict[str, Any]:
    """The settings that decide what a rerun costs, from the served copy's .streamlit/config.toml."""
    import streamlit

    config = tomllib.loads((app / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server, runner = config.get("server", {}), config.get("runner", {})
    return {"streamlit": streamlit.__version__, "fileWatcherType": server.get("fileWatcherType", "auto"),
            "runOnSave": server.get("runOnSave", False), "postScriptGC": runner.get("postScriptGC", True),
            "headless": server.get("headless", False)}


def region_ids(data: Path) -> list[str]:
    """The data file's region ids, for the links the sessions open."""
    with data.open(encoding="utf-8") as f:
        parsed = yaml.load(f, Loader=yaml.CSafeLoader)
    return [r["id"] for r in parsed.get("regions") or []]


def headings() -> dict[str, str]:
    """Each page's h1 in Indonesian (the default language), from the catalogue."""
    with (ROOT / "ikd_core" / "locales" / "id.yaml").open(encoding="utf-8") as f:
        catalogue = yaml.load(f, Loader=yaml.CSafeLoader)
    return {path: str(catalogue[key]) for path, key in HEADINGS.items()}


# ---------------------------------------------------------------------------------------------- one session

@dataclass
class Run:
    """What the server sent for one rerun, up to its final script_finished."""

    done: asyncio.Future[float]
    msgs: list[ForwardMsg] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    compile_error: bool = False


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # opens and switches
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    bytes_in: int = 0
    no_projection: int = 0  # Simulasi links to a region without a projection (no sliders): not an error
    # The timeline: (start, end) in seconds from the first session, kind, page or "", ok; with the server's CPU per
    # second (see measure) it shows whether slow answers follow busy cores or a stall.
    events: list[tuple[float, float, str, str, bool]] = field(default_factory=list)
    t0: float = 0.0

    def error(self, kind: str, why: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 20:
            self.error_samples.append(f"{kind}: {why}")


class Session:
    """One viewer: a websocket with the state a browser tab keeps (widget values, query string, page, cache)."""

    def __init__(self, n: int, base: str, stats: Stats, timeout: float, titles: dict[str, str]) -> None:
        self.n, self.base, self.stats, self.timeout, self.titles = n, base.rstrip("/"), stats, timeout, titles
        parts = urlsplit(self.base)
        self.ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path}/_stcore/stream"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.ws: ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        # The cookie a proxy sets to keep this browser on one worker (`make serve`: ikd_worker), sent back on the
        # websocket and on downloads as a browser does; empty against a single server.
        self.cookie = ""
        self.reset()

    def reset(self) -> None:
        self.session_id = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page_script_hash, from the `navigation` message
        self.query_string = ""  # the browser's location.search, kept in step by page_info_changed
        self.widget_values: dict[str, WidgetState] = {}  # what the tab holds and sends with every rerun
        self.elements: dict[tuple[int, ...], tuple[str, Any, str]] = {}  # delta path -> (type, proto, fragment)
        self.cache: dict[str, list[Any]] = {}  # the ForwardMsg cache: hash -> [bytes, run count, fragment id]
        self.run_count = 0
        self.max_cache_age = 2
        self.run: Run | None = None
        self.backend_waiters: dict[str, asyncio.Future[Any]] = {}
        self.closed = asyncio.Event()

    # -------------------------------------------------------------------------------------- connection
    async def connect(self) -> None:
        await self.close()
        self.reset()
        if not self.cookie:  # a browser loads the page first, and keeps what the proxy sets
            self.cookie = await asyncio.to_thread(first_cookie, self.base + "/", self.timeout)
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=[Subprotocol("streamlit"), Subprotocol("PLACEHOLDER_AUTH_TOKEN")],
            origin=Origin(self.origin), max_size=None, open_timeout=self.timeout, compression=None,
            additional_headers={"Cookie": self.cookie} if self.cookie else None)
        self.reader = asyncio.create_task(self.read_loop())

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
            try:
                await self.reader
            except BaseException:  # noqa: B036 - the reader is finished either way
                pass
        self.ws, self.reader = None, None

    async def read_loop(self) -> None:
        assert self.ws is not None
        try:
            async for data in self.ws:
                raw = data if isinstance(data, bytes) else data.encode()
                self.stats.bytes_in += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self.handle(msg, raw)
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()
            err = InteractionError("websocket closed")
            if self.run is not None and not self.run.done.done():
                self.run.done.set_exception(err)
            for fut in self.backend_waiters.values():
                if not fut.done():
                    fut.set_exception(err)

    def handle(self, msg: ForwardMsg, raw: bytes) -> None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":  # the server relied on our cache (we sent cached_message_hashes)
            entry = self.cache.get(msg.ref_hash)
            if entry is None:
                if self.run is not None:
                    self.run.exceptions.append(f"cache miss {msg.ref_hash}")
                return
            entry[1] = self.run_count
            metadata = msg.metadata
            msg = ForwardMsg()
            msg.ParseFromString(entry[0])
            msg.metadata.CopyFrom(metadata)
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = [raw, self.run_count, msg.delta.fragment_id if kind == "delta" else ""]
        run = self.run
        if run is not None:
            run.msgs.append(msg)
        if kind == "new_session":
            ns = msg.new_session
            if ns.HasField("initialize"):
                self.session_id = ns.initialize.session_id or self.session_id
            if ns.config.max_cached_message_age:
                self.max_cache_age = ns.config.max_cached_message_age
            self.page_hash = ns.page_script_hash
            if not msg.metadata.run.fragment_ids:  # a full run redraws everything
                self.elements.clear()
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            if msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta":
            self.handle_delta(msg)
        elif kind == "session_event":
            if msg.session_event.HasField("script_compilation_exception") and run is not None:
                run.compile_error = True
                run.exceptions.append("compile: " + msg.session_event.script_compilation_exception.message)
        elif kind == "backend_operation_response":
            fut = self.backend_waiters.pop(msg.backend_operation_response.request_id, None)
            if fut is not None and not fut.done():
                fut.set_result(msg.backend_operation_response)
        elif kind == "script_finished":
            if run is not None:
                run.statuses.append(msg.script_finished)
            if msg.script_finished in FINAL:
                self.run_count += 1
                self.expire_cache(list(msg.metadata.run.fragment_ids))
                if run is not None and not run.done.done():
                    run.done.set_result(time.perf_counter())

    def handle_delta(self, msg: ForwardMsg) -> None:
        d = msg.delta
        if d.WhichOneof("type") != "new_element" or (etype := d.new_element.WhichOneof("type")) is None:
            return
        proto = getattr(d.new_element, etype)
        self.elements[tuple(msg.metadata.delta_path)] = (etype, proto, d.fragment_id)
        if etype == "exception" and not proto.is_warning and self.run is not None:
            self.run.exceptions.append(f"{proto.type}: {proto.message[:200]}")
        if etype == "slider" and proto.set_value and proto.id in self.widget_values and proto.raw_value:
            held = self.widget_values[proto.id]  # the server set the value (from the link): the tab adopts it
            del held.string_array_value.data[:]
            held.string_array_value.data.extend(proto.raw_value)

    def expire_cache(self, fragment_ids: list[str]) -> None:
        for h, (_, last, frag) in list(self.cache.items()):
            if fragment_ids and frag not in fragment_ids:
                continue
            if self.run_count - last > self.max_cache_age:
                del self.cache[h]

    # -------------------------------------------------------------------------------------- sending
    def rerun_msg(self, *, page_hash: str = "", page_name: str = "", query: str | None = None,
                  fragment_id: str = "", widgets: list[WidgetState] | None = None) -> BackMsg:
        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query_string if query is None else query
        cs.page_script_hash, cs.page_name, cs.fragment_id = page_hash, page_name, fragment_id
        cs.widget_states.SetInParent()
        cs.widget_states.widgets.extend(self.widget_values.values() if widgets is None else widgets)
        cs.cached_message_hashes.extend(self.cache.keys())
        info = cs.context_info
        info.timezone, info.timezone_offset, info.locale = "Asia/Jakarta", -420, "id-ID"
        path = "/" + (page_name or self.path_of(page_hash))
        info.url = self.base + path + (f"?{cs.query_string}" if cs.query_string else "")
        info.is_embedded, info.color_scheme = False, "light"
        return back

    def path_of(self, page_hash: str) -> str:
        return next((p for p, h in self.pages.items() if h == page_hash), "")

    @property
    def here(self) -> str:
        return self.path_of(self.page_hash)

    async def rerun(self, back: BackMsg) -> Run:
        if self.ws is None or self.closed.is_set():
            raise InteractionError("websocket closed")
        run = Run(asyncio.get_running_loop().create_future())
        self.run = run
        try:
            await self.ws.send(back.SerializeToString())
            await asyncio.wait_for(asyncio.shield(run.done), self.timeout)
        except TimeoutError:
            raise InteractionError(f"timeout after {self.timeout:.0f} s (statuses so far {run.statuses})") from None
        finally:
            self.run = None
        if run.compile_error or ForwardMsg.FINISHED_WITH_COMPILE_ERROR in run.statuses:
            raise InteractionError("compile error: " + "; ".join(run.exceptions))
        if run.exceptions:
            raise InteractionError("exception on the page: " + "; ".join(run.exceptions))
        return run

    # -------------------------------------------------------------------------------------- interactions
    async def open(self, path: str, query: str) -> float:
        """A link opened in the tab: a new connection and its first rerun_script, by URL path."""
        t0 = time.perf_counter()
        await self.connect()
        run = await self.rerun(self.rerun_msg(page_name=path, query=query, widgets=[]))
        self.check_heading(run, path)
        return run.done.result() - t0

    async def switch(self, path: str, query: str) -> float:
        """A page-link click: the target's page_script_hash, the link's query string, and the widget values that
        outlive the page (the sidebar's)."""
        target = self.pages.get(path)
        if target is None:
            raise InteractionError(f"no page {path!r} in the navigation ({sorted(self.pages)})")
        keep = [ws for wid, ws in self.widget_values.items() if self.widget_root(wid) == SIDEBAR]
        self.widget_values = {ws.id: ws for ws in keep}
        self.query_string = query
        t0 = time.perf_counter()
        run = await self.rerun(self.rerun_msg(page_hash=target, query=query, widgets=keep))
        if self.page_hash != target:
            raise InteractionError(f"ran page {self.here!r}, wanted {path!r}")
        self.check_heading(run, path)
        return run.done.result() - t0

    def check_heading(self, run: Run, path: str) -> None:
        h1 = [m.delta.new_element.heading.body for m in run.msgs if m.WhichOneof("type") == "delta"
              and m.delta.new_element.WhichOneof("type") == "heading" and m.delta.new_element.heading.tag == "h1"]
        if self.titles[path] not in h1:
            raise InteractionError(f"/{path}: h1 {h1!r}, wanted {self.titles[path]!r}")

    def widget_root(self, wid: str) -> int | None:
        return next((path[0] for path, (_, proto, _) in self.elements.items() if getattr(proto, "id", None) == wid),
                    None)

    def sliders(self) -> dict[str, tuple[Any, str]]:
        """The fragment's sliders by link key (a widget id ends with -<key>) -> (Slider proto, fragment id)."""
        return {proto.id.rsplit("-", 1)[-1]: (proto, frag) for etype, proto, frag in self.elements.values()
                if etype == "slider" and frag}

    def metric_values(self) -> list[str]:
        return [proto.body for _, (etype, proto, _) in sorted(self.elements.items()) if etype == "metric"]

    def fragment_fingerprint(self, fragment_id: str) -> str:
        """A hash of what the fragment shows, its widgets left out: a real move must change it."""
        h = hashlib.sha1()
        for path in sorted(self.elements):
            etype, proto, frag = self.elements[path]
            if frag == fragment_id and (etype == "plotly_chart" or not getattr(proto, "id", "")):
                h.update(etype.encode())
                h.update(proto.SerializeToString(deterministic=True))
        return h.hexdigest()

    async def move_slider(self, rnd: random.Random) -> float:
        sliders = self.sliders()
        if not sliders:
            raise InteractionError("no slider on this page")
        key = rnd.choice([k for k in SIM_SLIDERS if k in sliders] or sorted(sliders))
        proto, frag = sliders[key]
        held = self.widget_values.get(proto.id)
        now = list(held.string_array_value.data) if held is not None else [proto.options[int(i)] for i in proto.default]
        new = rnd.choice([o for o in proto.options if [o] != now])
        state = WidgetState(id=proto.id)
        state.string_array_value.data.append(new)  # a select_slider sends its formatted label
        self.widget_values[proto.id] = state
        before = self.fragment_fingerprint(frag)
        t0 = time.perf_counter()
        run = await self.rerun(self.rerun_msg(page_hash=self.page_hash, fragment_id=frag))
        if ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY not in run.statuses:
            raise InteractionError(f"{key}={new!r}: not a fragment run (statuses {run.statuses})")
        # What the fragment shows must change, and the link must carry the value unless it is the default
        # (the app writes the fragment's values to the URL, defaults left out).
        if self.fragment_fingerprint(frag) == before:
            raise InteractionError(f"{key}={new!r}: the fragment did not change")
        default = proto.options[int(proto.default[0])] if proto.default else None
        if (key in parse_qs(self.query_string)) != (new != default):
            raise InteractionError(f"{key}={new!r}: the link {self.query_string!r} does not follow")
        return run.done.result() - t0

    async def download(self, rnd: random.Random) -> float:
        buttons = [p for _, (t, p, _) in sorted(self.elements.items()) if t == "download_button"]
        if not buttons:
            raise InteractionError("no download button on this page")
        button = rnd.choice(buttons)
        t0 = time.perf_counter()
        url = button.url
        if button.deferred_file_id:  # built on click: ask the server for it, then fetch what it names
            if self.ws is None or self.closed.is_set():
                raise InteractionError("websocket closed")
            request_id = str(uuid.uuid4())
            fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            self.backend_waiters[request_id] = fut
            back = BackMsg()
            op = back.backend_operation_request
            op.request_id, op.session_id = request_id, self.session_id
            op.deferred_file.file_id = button.deferred_file_id
            await self.ws.send(back.SerializeToString())
            try:
                response = await asyncio.wait_for(fut, self.timeout)
            except TimeoutError:
                self.backend_waiters.pop(request_id, None)
                raise InteractionError("deferred file: no backend_operation_response") from None
            if response.error_msg or not response.deferred_file.url:
                raise InteractionError(f"deferred file: {response.error_msg!r}")
            url = response.deferred_file.url
        full = url if url.startswith("http") else self.base + "/" + url.lstrip("/")
        size = await asyncio.wait_for(asyncio.to_thread(http_get, full, self.timeout, self.cookie), self.timeout)
        if size <= 0:
            raise InteractionError(f"empty download {full}")
        return time.perf_counter() - t0


def first_cookie(url: str, timeout: float) -> str:
    """The cookie the server sets on the page's first request ('name=value'), or ''."""
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        resp.read()
        sets = resp.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in sets)


def http_get(url: str, timeout: float, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=timeout) as resp:
        if resp.status != 200:
            raise InteractionError(f"HTTP {resp.status} for {url}")
        return len(resp.read())


# ---------------------------------------------------------------------------------------------- the script

def random_link(rnd: random.Random, regions: list[str], allowed: set[str]) -> tuple[str, str]:
    """A link an official might be sent: (url path, query string)."""
    region = rnd.choice(regions)
    choices = [("simulasi", f"region={region}"), ("simulasi", f"region={region}"), ("wilayah", f"region={region}"),
               ("bandingkan", ""), ("", "")]
    return rnd.choice([c for c in choices if c[0] in allowed] or [("simulasi", f"region={region}")])


def switch_target(rnd: random.Random, regions: list[str], here: str, allowed: set[str]) -> tuple[str, str]:
    """A sidebar or page link to another page, with the query string such a link carries."""
    region = rnd.choice(regions)
    choices = [("", ""), ("bandingkan", ""), ("wilayah", f"region={region}"), ("proyeksi", f"regions={region}"),
               ("simulasi", f"region={region}"), ("data", ""), ("presentasi", "")]
    return rnd.choice([c for c in choices if c[0] != here and c[0] in allowed] or [("simulasi", f"region={region}")])


async def timed(stats: Stats, s: Session, kind: str, interaction: Any, page: str | None = None) -> bool:
    start = time.perf_counter() - stats.t0
    try:
        seconds = await interaction
    except (InteractionError, websockets.ConnectionClosed, websockets.InvalidHandshake, OSError, TimeoutError) as exc:
        stats.error(kind, f"session {s.n}: {type(exc).__name__}: {exc}" + (f" (/{page})" if page is not None else ""))
        stats.events.append((round(start, 3), round(time.perf_counter() - stats.t0, 3), kind, page or "", False))
        return False
    stats.events.append((round(start, 3), round(time.perf_counter() - stats.t0, 3), kind, page or "", True))
    stats.times[kind].append(seconds)
    if page is not None:
        stats.by_page["/" + page].append(seconds)
    return True


async def go(stats: Stats, s: Session, kind: str, path: str, query: str) -> bool:
    """An open or a switch, timed and filed under its page too."""
    return await timed(stats, s, kind, s.open(path, query) if kind == "open" else s.switch(path, query), path)


async def simulasi_with_sliders(stats: Stats, s: Session, rnd: random.Random, regions: list[str],
                                think: tuple[float, float]) -> bool:
    """Go to Simulasi for a region with a projection (some have none: the page says so and shows no sliders)."""
    for _ in range(5):
        if not await go(stats, s, "switch", "simulasi", f"region={rnd.choice(regions)}"):
            return False
        if s.sliders():
            await asyncio.sleep(rnd.uniform(*think))
            return True
        stats.no_projection += 1
    return False


async def viewer(n: int, args: argparse.Namespace, base: str, regions: list[str], titles: dict[str, str],
                 stats: Stats, start_at: float, stop_at: float) -> None:
    rnd = random.Random(args.seed * 1000 + n)
    think = (args.think_min, args.think_max)
    allowed = {"" if p == "ringkasan" else p for p in args.pages.split(",")}
    weights = {k: w for k, w in WEIGHTS.items() if k != "download" or "data" in allowed}
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    s = Session(n, base, stats, args.timeout, titles)
    try:
        while time.perf_counter() < stop_at:
            if s.ws is None or s.closed.is_set():
                if s.ws is not None:
                    stats.error("disconnect", f"session {n}: the server closed the websocket")
                if not await go(stats, s, "open", *random_link(rnd, regions, allowed)):
                    await s.close()
                    await asyncio.sleep(rnd.uniform(*think))
                    continue
            await asyncio.sleep(rnd.uniform(*think))  # a person reads before the next click
            if time.perf_counter() >= stop_at:
                break
            kind = rnd.choices(list(weights), weights=list(weights.values()))[0]
            if kind == "open":
                await go(stats, s, "open", *random_link(rnd, regions, allowed))
            elif kind == "switch":
                await go(stats, s, "switch", *switch_target(rnd, regions, s.here, allowed))
            elif kind == "slider":
                if s.sliders() or await simulasi_with_sliders(stats, s, rnd, regions, think):
                    await timed(stats, s, "slider", s.move_slider(rnd))
            else:
                if s.here != "data":
                    if not await go(stats, s, "switch", "data", ""):
                        continue
                    await asyncio.sleep(rnd.uniform(*think))
                await timed(stats, s, "download", s.download(rnd))
    finally:
        await s.close()


# ---------------------------------------------------------------------------------------------- the server

@dataclass
class Served:
    base: str
    pids: list[int]
    data: str
    config: dict[str, Any]
    process: subprocess.Popen[bytes] | None = None
    app: Path | None = None


def snapshot_of_app(into: Path) -> Path:
    """A copy of the app to serve: editing the checkout during a run must not reload modules under it."""
    for name in APP_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)
    return into


def prepare_data(args: argparse.Namespace, scratch: Path) -> Path:
    """The data file to serve, copied (with its sources/) so that saving the original cannot live-reload it."""
    if args.national:
        out = scratch / "national.yaml"
        if not out.exists():
            subprocess.run([sys.executable, "-m", "ikd_core.synth", "--regions", "552", "--months", "36", "--seed",
                            "1", "--out", str(out)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        return out
    source = Path(args.data).resolve() if args.data else SEED
    copy = scratch / "data"
    if not copy.exists():
        copy.mkdir()
        shutil.copy2(source, copy / source.name)
        if (source.parent / "sources").is_dir():
            shutil.copytree(source.parent / "sources", copy / "sources")
    return copy / source.name


def start_server(data: Path, today: str | None, log_path: Path) -> Served:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = snapshot_of_app(Path(tempfile.mkdtemp(prefix="ikd-load-")))
    env = dict(os.environ, IKD_DATA=str(data))
    env.pop("IKD_TODAY", None)
    if today:
        env["IKD_TODAY"] = today
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                "--server.headless", "true", *SERVER_ARGS], cwd=app, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    log.close()
    for _ in range(240):
        try:
            urllib.request.urlopen(base + "/_stcore/health", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}; see {log_path}") from None
            time.sleep(0.5)
    else:
        raise RuntimeError(f"the server did not answer /_stcore/health in 2 minutes; see {log_path}")
    config = streamlit_config(app)
    config["served_with"] = " ".join(["--server.headless true", *SERVER_ARGS])
    return Served(base, [process.pid], str(data), config, process, app)


def stop_server(served: Served) -> None:
    if served.process is not None:
        served.process.terminate()
        try:
            served.process.wait(15)
        except subprocess.TimeoutExpired:
            served.process.kill()
    if served.app is not None:
        shutil.rmtree(served.app, ignore_errors=True)


async def warm_up(base: str, titles: dict[str, str], timeout: float) -> None:
    """One session opens every page once, so that the data file is loaded and memoised before the clock starts."""
    s = Session(-1, base, Stats(), max(timeout, 120), titles)
    try:
        await s.open("", "")
        for path in ("bandingkan", "data", "simulasi"):
            await s.switch(path, "")
    finally:
        await s.close()


# ---------------------------------------------------------------------------------------------- one measured run

async def measure(args: argparse.Namespace, sessions: int, served: Served, regions: list[str],
                  titles: dict[str, str], load_at_start: list[float]) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    # Downloads read their HTTP body in threads: enough of them that none waits for another's.
    loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(max_workers=max(8, sessions)))
    await warm_up(served.base, titles, args.timeout)
    await asyncio.sleep(2)
    pids = served.pids
    idle = rss_mb(pids) if pids else None
    stats = Stats()
    samples: list[tuple[float, float, float]] = []  # (time, server CPU seconds, RSS MB)
    lags: list[float] = []

    async def sample() -> None:
        while True:
            samples.append((time.perf_counter(), cpu_seconds(pids), rss_mb(pids)))
            await asyncio.sleep(1)

    async def lag() -> None:  # how late the client's own event loop wakes up: the client's saturation
        while True:
            t = time.perf_counter()
            await asyncio.sleep(0.1)
            lags.append(time.perf_counter() - t - 0.1)

    load_before = loadavg()
    sampler = asyncio.create_task(sample()) if pids else None
    lagger = asyncio.create_task(lag())
    client_cpu0, t0 = time.process_time(), time.perf_counter()
    stats.t0 = t0
    stop_at = t0 + args.ramp + args.duration
    await asyncio.gather(*(viewer(n, args, served.base, regions, titles, stats,
                                  t0 + args.ramp * n / max(1, sessions), stop_at) for n in range(sessions)))
    wall, client_cpu = time.perf_counter() - t0, time.process_time() - client_cpu0
    await asyncio.sleep(2)  # every session has closed: what the server keeps afterwards
    for task in (sampler, lagger):
        if task is not None:
            task.cancel()
    load_after = loadavg()

    kinds: dict[str, Any] = {}
    for kind in [*KINDS, "disconnect"]:
        t = [x * 1000 for x in stats.times.get(kind, [])]
        if not t and not stats.errors.get(kind):
            continue
        med = statistics.median(t) if t else None
        kinds[kind] = {"count": len(t), "errors": stats.errors.get(kind, 0),
                       "median_ms": _r(med), "p50_ms": _r(med), "p95_ms": _r(percentile(t, 95)),
                       "p99_ms": _r(percentile(t, 99)), "max_ms": _r(max(t) if t else None)}
    every = [x * 1000 for k in KINDS for x in stats.times.get(k, [])]
    server: dict[str, Any] = {"pids": pids}
    if pids and samples:
        (ta, ca, _), (tb, cb, _) = samples[0], samples[-1]
        window = [(samples[i + 5][1] - samples[i][1]) / (samples[i + 5][0] - samples[i][0])
                  for i in range(len(samples) - 5)]
        peak = max(r for _, _, r in samples)
        server |= {"cpu_s": round(cb - ca, 1), "cores_busy": round((cb - ca) / (tb - ta), 2) if tb > ta else None,
                   "cores_busy_peak_5s": round(max(window), 2) if window else None,
                   "rss_idle_mb": _r(idle, 1), "rss_peak_mb": _r(peak, 1),
                   "mb_per_extra_session": _r((peak - idle) / sessions if idle is not None and sessions else None, 2),
                   "rss_after_sessions_closed_mb": _r(rss_mb(pids), 1)}
    errors = sum(stats.errors.values())
    return {
        "sessions": sessions, "duration_s": args.duration, "ramp_s": args.ramp, "wall_s": round(wall, 1),
        "think_s": [args.think_min, args.think_max], "pages": args.pages, "data": served.data, "regions": len(regions),
        "url": served.base, "commit": git_commit(), "streamlit_config": served.config,
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "interactions": len(every), "errors": errors, "error_samples": stats.error_samples,
        "all": {"median_ms": _r(statistics.median(every) if every else None), "p95_ms": _r(percentile(every, 95)),
                "p99_ms": _r(percentile(every, 99))},
        "kinds": kinds, "server": server,
        "timeline": {"interactions": stats.events,
                     "server_cores_per_second": [(round(b[0] - t0, 1), round((b[1] - a[1]) / (b[0] - a[0]), 2))
                                                 for a, b in zip(samples, samples[1:], strict=False)]},
        "by_page": {page: {"count": len(t), "median_ms": _r(1000 * statistics.median(t)),
                           "p95_ms": _r(1000 * (percentile(t, 95) or 0)), "max_ms": _r(1000 * max(t))}
                    for page, t in sorted(stats.by_page.items())},
        "loadavg": {"at_start": load_at_start, "before_sessions": load_before, "after_sessions": load_after},
        "client": {"cpu_s": round(client_cpu, 1), "cores_busy": round(client_cpu / wall, 2),
                   "loop_lag_p95_ms": _r(1000 * (percentile(lags, 95) or 0)),
                   "loop_lag_max_ms": _r(1000 * max(lags, default=0)),
                   "received_mb": round(stats.bytes_in / 1e6, 1)},
        "simulasi_links_without_projection": stats.no_projection,
        "meets_limits": errors == 0 and all(
            k["count"] and k["p95_ms"] < LIMITS["p95"] * 1000 and k["p99_ms"] < LIMITS["p99"] * 1000
            for name, k in kinds.items() if name in LIMITED),
    }


def _r(x: float | None, digits: int = 0) -> float | None:
    if x is None:
        return None
    return round(x, digits) if digits else round(x)


# ---------------------------------------------------------------------------------------------- the browser check

async def browser_check(base: str, regions: list[str], titles: dict[str, str], timeout: float) -> dict[str, Any]:
    """3 Chromium tabs and a protocol session open the same Simulasi link: all must show the same numbers.

    The link is made the way an official makes one: a protocol session opens Simulasi for a region with a
    projection, moves a slider, and takes the query string the app wrote."""
    from playwright.async_api import async_playwright

    rnd = random.Random(7)
    maker, stats = Session(-2, base, Stats(), timeout, titles), Stats()
    try:
        for region in rnd.sample(regions, min(len(regions), 20)):
            await maker.open("simulasi", f"region={region}")
            if maker.sliders():
                break
        else:
            raise RuntimeError("no region with a projection among 20")
        await maker.move_slider(rnd)
        link = f"/simulasi?{maker.query_string}"
        expected = maker.metric_values()
    finally:
        await maker.close()
    seen: dict[str, list[str]] = {}
    reader = Session(-3, base, stats, timeout, titles)
    try:
        await reader.open("simulasi", link.partition("?")[2])
        seen["protocol session"] = reader.metric_values()
    finally:
        await reader.close()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            tabs = [await browser.new_page(viewport={"width": 1280, "height": 900}) for _ in range(3)]
            await asyncio.gather(*(tab.goto(base + link, timeout=120_000) for tab in tabs))
            for i, tab in enumerate(tabs):
                await tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=120_000)
                await tab.wait_for_function(
                    "() => document.querySelectorAll('[data-testid=stMetricValue]').length >= 2"
                    " && !document.querySelector('[data-testid=stSkeleton]')", timeout=120_000)
                seen[f"Chromium tab {i + 1}"] = [
                    (await v.inner_text()).strip() for v in await tab.query_selector_all("[data-testid=stMetricValue]")]
        finally:
            await browser.close()
    same = all(values == expected for values in seen.values()) and bool(expected)
    return {"link": link, "expected": expected, "seen": seen, "same": same}


# ---------------------------------------------------------------------------------------------- main

def print_run(r: dict[str, Any]) -> None:
    load = r["loadavg"]
    print(f"\n{r['sessions']} sessions for {r['duration_s']:.0f} s (+{r['ramp_s']:.0f} s ramp) on {r['data']} "
          f"({r['regions']} regions), commit {r['commit']}")
    print(f"{'kind':10} {'count':>6} {'errors':>6} {'median':>8} {'p95':>8} {'p99':>8} {'max':>8}  (ms)")
    for kind, k in r["kinds"].items():
        cells = [("-" if k[c] is None else f"{k[c]:.0f}") for c in ("median_ms", "p95_ms", "p99_ms", "max_ms")]
        print(f"{kind:10} {k['count']:6d} {k['errors']:6d} " + " ".join(f"{c:>8}" for c in cells))
    print("opens and switches by page: " + ", ".join(
        f"{page} {p['count']}x median {p['median_ms']} p95 {p['p95_ms']}" for page, p in r["by_page"].items()))
    server = r["server"]
    if "cores_busy" in server:
        print(f"server: {server['cores_busy']} cores busy (peak 5 s: {server['cores_busy_peak_5s']}), "
              f"RSS {server['rss_idle_mb']} MB idle -> {server['rss_peak_mb']} MB peak "
              f"({server['mb_per_extra_session']} MB per session), {server['rss_after_sessions_closed_mb']} MB "
              "after they closed")
    else:
        print("server: CPU and memory not measured (give --pids with --url)")
    client = r["client"]
    print(f"client: {client['cores_busy']} cores busy, event loop lag p95 {client['loop_lag_p95_ms']} ms, "
          f"{client['received_mb']} MB received")
    print(f"load average (1, 5, 15 min): {load['at_start']} at start, {load['before_sessions']} before sessions, "
          f"{load['after_sessions']} after")
    print(f"errors: {r['errors']}" + "".join(f"\n  {e}" for e in r["error_samples"]))


async def run_once(args: argparse.Namespace, sessions: int, data: Path | None, regions: list[str],
                   titles: dict[str, str]) -> dict[str, Any]:
    label = ("synthetic national file (python -m ikd_core.synth --regions 552 --months 36 --seed 1)"
             if args.national else str(Path(args.data).resolve()) if args.data
             else f"{SEED.relative_to(ROOT)} (the seed fixture)")
    load_at_start = loadavg()
    if args.url:
        pids = [int(p) for p in args.pids.split(",")] if args.pids else []
        served = Served(args.url.rstrip("/"), pids, f"{label}, as far as --data tells",
                        {"note": "the remote server's own; not read"})
    else:
        assert data is not None
        today = args.today if args.today is not None else (SEED_TODAY if not args.national and not args.data else "")
        served = start_server(data, today or None, ROOT / "benchmarks" / "load-server.log")
        served.data = label + (f", IKD_TODAY={today}" if today else "")
    try:
        result = await measure(args, sessions, served, regions, titles, load_at_start)
        if args.browser_check:
            result["browser_check"] = await browser_check(served.base, regions, titles, args.timeout)
        return result
    finally:
        stop_server(served)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60, help="seconds of interactions after the ramp")
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which the sessions start")
    parser.add_argument("--think-min", type=float, default=5)
    parser.add_argument("--think-max", type=float, default=10)
    parser.add_argument("--timeout", type=float, default=60, help="seconds before an interaction is an error")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--national", action="store_true", help="the synthetic 552-region file")
    source.add_argument("--data", help="a data file (its sources/ folder is copied beside it)")
    parser.add_argument("--today", help="IKD_TODAY for the server (default: 2026-11-23 on the seed file)")
    parser.add_argument("--url", help="a running server instead of starting one (--data names its file)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="an extra `streamlit run` option for the served copy, "
                        "e.g. --server-arg=--server.fileWatcherType=poll")
    parser.add_argument("--pids", help="with --url: comma-separated server pids whose CPU and RSS to read")
    parser.add_argument("--sweep", help="comma-separated session counts, a fresh server each, e.g. 10,30,60,100")
    parser.add_argument("--browser-check", action="store_true",
                        help="afterwards, 3 Chromium tabs and a protocol session must show the same Simulasi numbers")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the sessions' choices")
    parser.add_argument("--pages", default="ringkasan,bandingkan,wilayah,proyeksi,simulasi,data,presentasi",
                        help="the pages sessions visit (leave one out to see what it costs the others); "
                        "downloads need data")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "load-results.json"))
    args = parser.parse_args()
    SERVER_ARGS.extend(args.server_arg)

    scratch = Path(tempfile.mkdtemp(prefix="ikd-load-data-"))
    try:
        data = prepare_data(args, scratch) if not args.url or args.data or args.national else SEED
        regions, titles = region_ids(data), headings()
        counts = [int(n) for n in args.sweep.split(",")] if args.sweep else [args.sessions]
        runs = []
        for n in counts:
            result = asyncio.run(run_once(args, n, data, regions, titles))
            print_run(result)
            runs.append(result)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out: dict[str, Any] = runs[0] if len(runs) == 1 else {"runs": runs}
    if args.sweep:
        passing = [r["sessions"] for r in runs if r["meets_limits"]]
        out["largest_n_within_limits"] = max(passing) if passing else None
        out["limits"] = {"p95_s": LIMITS["p95"], "p99_s": LIMITS["p99"], "errors": 0, "kinds": list(LIMITED)}
        print(f"\nlargest N with p95 < {LIMITS['p95']} s and p99 < {LIMITS['p99']} s for each of {', '.join(LIMITED)}, "
              "and no errors: "
              f"{out['largest_n_within_limits']}")
        for r in runs:
            print(f"  N={r['sessions']:4d}: errors {r['errors']}, all p95 {r['all']['p95_ms']} ms, "
                  f"p99 {r['all']['p99_ms']} ms, server {r['server'].get('cores_busy')} cores -> "
                  f"{'within' if r['meets_limits'] else 'over'}")
    failed_check = False
    for r in runs:
        check = r.get("browser_check")
        if check:
            failed_check |= not check["same"]
            print(f"\nbrowser check {check['link']}: " + ("the same numbers everywhere" if check["same"] else "DIFFER"))
            for who, values in check["seen"].items():
                print(f"  {who:18} {values}")
    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 1 if failed_check or any(r["errors"] for r in runs) else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
