"""Several workers behind nginx, started by scripts/serve.py's Cluster (what `make serve WORKERS=2` runs) on a private
copy of the seed fixture: a browser stays on one worker for its page, assets, websocket session and downloads;
browsers spread over the workers; a save of the data file reaches the pages open on every worker."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response

from scripts.serve import Cluster, free_port

from conftest import ARTIFACTS, FIXTURE, WAIT_MARGIN, WAIT_MS
from e2e_helpers import open_context, wait_for_app

pytestmark = pytest.mark.e2e

WORKER = "x-ikd-worker"  # the response header nginx adds: the worker ($upstream_addr) that answered
COOKIE = "ikd_worker"
# Each new browser lands on a worker by the hash of a random id: with two workers, sixteen fresh browsers all on one
# worker happens once in 32.768 runs. A look costs one request, not a page.
MAX_BROWSERS = 16
# As tests/test_e2e_live.py: every open page shows a save within 3 s of its end (scaled like the waits).
SHOWN_WITHIN = 3.0 * WAIT_MARGIN
SEEN = """name => [...document.querySelectorAll('svg text, h1, h2, h3, [data-testid=stHeading]')]
    .some(e => e.textContent.includes(name))"""
LOGS = ARTIFACTS / "workers"


@pytest.fixture(scope="module")
def data_file(tmp_path_factory) -> Path:
    """A private copy of the fixture's folder for the whole module (conftest's data_copy, once for all three tests)."""
    target = tmp_path_factory.mktemp("workers") / "data"
    shutil.copytree(FIXTURE, target)
    return target / "regions.yaml"


@pytest.fixture(scope="module")
def cluster(data_file: Path) -> Iterator[Cluster]:
    shutil.rmtree(LOGS, ignore_errors=True)
    with Cluster(workers=2, port=free_port(), address="127.0.0.1", data=data_file, first_worker_port=None,
                 logs=LOGS) as running:
        yield running


def _worker(context: BrowserContext, cluster: Cluster) -> str:
    """The worker this browser is kept on: one request through nginx, which sets the cookie on a first visit."""
    response = context.request.get(f"{cluster.url}/_stcore/health")
    assert response.ok, response.status
    return response.headers[WORKER]


@pytest.fixture(scope="module")
def browsers(browser: Browser, cluster: Cluster) -> Iterator[dict[str, BrowserContext]]:
    """One browser (context, with its own cookies) on each worker: fresh browsers until both workers were seen."""
    found: dict[str, BrowserContext] = {}
    opened: list[BrowserContext] = []
    while len(found) < 2 and len(opened) < MAX_BROWSERS:
        context = open_context(browser, viewport={"width": 1280, "height": 900}, locale="id-ID")
        opened.append(context)
        found.setdefault(_worker(context, cluster), context)
    assert sorted(found) == sorted(cluster.upstreams), f"{len(opened)} fresh browsers all landed on {list(found)}"
    for context in opened:
        if context not in found.values():
            context.close()
    yield found
    for context in found.values():
        context.close()


def _cookie(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def _record(page: Page, cluster: Cluster) -> list[tuple[str, str, str]]:
    """(url, worker, kind) of every response through nginx that this page receives from now on."""
    seen: list[tuple[str, str, str]] = []

    def on_response(response: Response) -> None:
        if response.url.startswith(cluster.url):
            seen.append((response.url, response.headers.get(WORKER, ""), response.request.resource_type))

    page.on("response", on_response)
    return seen


def _access_log(cluster: Cluster) -> list[dict[str, str]]:
    """nginx's log lines: request, status, upstream (the worker), sticky (the browser's cookie)."""
    pattern = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) upstream=(?P<upstream>\S*) sticky=(?P<sticky>\S*)')
    text = (LOGS / "nginx-access.log").read_text(encoding="utf-8")
    return [m.groupdict() for m in pattern.finditer(text)]


def test_each_browser_stays_on_its_worker_for_pages_assets_reruns_and_its_websocket(cluster, browsers):
    assert _cookie(browsers[cluster.upstreams[0]]) != _cookie(browsers[cluster.upstreams[1]])
    for worker, context in browsers.items():
        page = context.new_page()
        seen = _record(page, cluster)
        page.goto(cluster.url + "/wilayah?region=blitar")
        wait_for_app(page)  # the script ran: the websocket session is up
        page.locator("[data-testid=stSidebar] [data-testid=stPageLink]").filter(has_text="Proyeksi").click()
        page.wait_for_url(re.compile(r"/proyeksi"))
        wait_for_app(page)  # a rerun in the same session
        page.reload()  # a new session, the same cookie
        wait_for_app(page)
        assert [url for url, _, kind in seen if kind == "document"] == [
            cluster.url + "/wilayah?region=blitar", cluster.url + "/proyeksi"], seen
        assert any("/static/" in url for url, _, _ in seen), seen  # the page's scripts came through nginx too
        others = [(url, w) for url, w, _ in seen if w != worker]
        assert not others, f"a browser kept on {worker} was answered by another worker: {others}"
        page.close()  # closes its websockets, so nginx writes their log lines
    # Everything nginx passed on for each browser, websocket included, went to that browser's worker.
    expected = {_cookie(context): worker for worker, context in browsers.items()}
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        lines = [line for line in _access_log(cluster) if line["sticky"] in expected]
        sockets = [line for line in lines if "/_stcore/stream" in line["request"] and line["status"] == "101"]
        if len(sockets) >= 2 * len(expected) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(sockets) >= 2 * len(expected), sockets  # two sessions per browser (before and after the reload)
    wrong = [line for line in lines if line["upstream"] != expected[line["sticky"]]]
    assert not wrong, wrong


def test_a_download_on_the_data_page_comes_from_the_sessions_own_worker(cluster, browsers, tmp_path):
    worker, other = cluster.upstreams
    page = browsers[worker].new_page()
    seen = _record(page, cluster)
    page.goto(cluster.url + "/data")
    wait_for_app(page)
    box = page.get_by_label("Cari (wilayah, sumber, kutipan)")
    box.fill("Padang")
    box.press("Enter")
    page.get_by_text("1 dari 8 observasi").wait_for()  # a rerun; the download below is of its rows
    with page.expect_download() as info:
        page.locator("[data-testid=stDownloadButton]").filter(has_text="Unduh CSV").get_by_role("button").click()
    download = info.value
    assert download.failure() is None
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert "padang-ikd-2024-11-01" in text and "blitar" not in text.lower(), text[:300]
    # The download's response event can reach us after the download itself: let Playwright deliver it first.
    deadline = time.monotonic() + WAIT_MS / 1000
    while not any(url.startswith(cluster.url + "/media/") for url, _, _ in seen) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    media = [(url, w) for url, w, _ in seen if url.startswith(cluster.url + "/media/")]
    assert media and all(w == worker for _, w in media), seen
    # The file exists only in the worker that made it: the other worker does not know it.
    elsewhere = browsers[other].request.get(media[0][0])
    assert elsewhere.headers[WORKER] == other and elsewhere.status == 404, (elsewhere.status, elsewhere.headers)
    page.close()


def test_a_save_of_the_data_file_reaches_open_pages_on_both_workers(cluster, browsers, data_file):
    pages: dict[str, Page] = {}
    for worker, context in browsers.items():
        page = context.new_page()
        page.goto(cluster.url + "/wilayah?region=blitar")
        wait_for_app(page)
        page.wait_for_function(SEEN, arg="Blitar")
        pages[worker] = page
    original = data_file.read_text(encoding="utf-8")
    assert original.count("    name: Blitar\n") == 1
    name = "Blitar Dua Pekerja"
    temporary = data_file.with_name(f".{data_file.name}.swp")  # an editor's save: write aside, rename over
    temporary.write_text(original.replace("    name: Blitar\n", f"    name: {name}\n"), encoding="utf-8")
    os.replace(temporary, data_file)
    saved = time.monotonic()
    shown: dict[str, float] = {}
    while len(shown) < len(pages) and time.monotonic() - saved < WAIT_MS / 1000:
        for worker, page in pages.items():
            if worker not in shown and page.evaluate(SEEN, name):
                shown[worker] = round(time.monotonic() - saved, 2)
        time.sleep(0.1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "workers-live-reload.json").write_text(json.dumps(shown, indent=1), encoding="utf-8")
    assert sorted(shown) == sorted(pages), f"the save never reached the page on {set(pages) - set(shown)}"
    assert max(shown.values()) <= SHOWN_WITHIN, shown
    for page in pages.values():
        assert page.locator("[data-testid=stException]").count() == 0
        page.close()
