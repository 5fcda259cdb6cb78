"""No input brings the server down, in a real server and a real browser: oversized uploads, hostile drafts, hostile
links, and a data file that vanishes, turns into a folder or is replaced while pages are open."""

from __future__ import annotations

import http.client
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import WAIT_MS
from e2e_helpers import (
    PLOTLY,
    context,  # noqa: F401 (a fixture: pytest-playwright's page, with every wait from WAIT_MS)
    open_context,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.e2e
BIG = 150 * 2**20


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def upload_url(page: Page, server, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """The upload endpoint of a live session and the headers that pass its XSRF check, as the browser uses them
    for a real (small) draft."""
    page.goto(server.url + "/data")
    wait_for_app(page)
    small = tmp_path / "small.yaml"
    small.write_text("version: 1\n", encoding="utf-8")
    with page.expect_request(lambda r: "/_stcore/upload_file/" in r.url) as request:
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(small))
    sent = request.value.all_headers()
    return request.value.url, {k: v for k, v in sent.items() if k.lower() in ("cookie", "x-xsrftoken")}


def put(url: str, headers: dict[str, str], chunked: bool) -> int:
    """PUT a well-formed 150 MB file upload to `url`, with a Content-Length or chunked (no length announced);
    the status, or 0 if the server hung up."""
    parts = url.split("/", 3)
    host, port = parts[2].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=WAIT_MS / 1000)
    head = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.yaml"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n")
    tail = b"\r\n--b--\r\n"
    blocks = [head] + [b"#" * 2**20] * (BIG // 2**20) + [tail]
    try:
        conn.putrequest("PUT", "/" + parts[3])
        if chunked:
            conn.putheader("Transfer-Encoding", "chunked")
        else:
            conn.putheader("Content-Length", str(sum(map(len, blocks))))
        conn.putheader("Content-Type", "multipart/form-data; boundary=b")
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.endheaders()
        for block in blocks:
            conn.send(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
        if chunked:
            conn.send(b"0\r\n\r\n")
        return conn.getresponse().status
    except (ConnectionError, http.client.HTTPException, OSError):
        return 0  # refused mid-body: the server closed the connection
    finally:
        conn.close()


def test_a_150_mb_upload_is_refused_by_the_server_and_memory_stays_flat(page: Page, start_server, tmp_path):
    server = start_server()
    url, headers = upload_url(page, server, tmp_path)
    assert put(url, headers, chunked=False) != 403 and headers, "the XSRF headers were not passed"
    before = rss_mb(server.proc.pid)
    statuses = [put(url, headers, chunked) for chunked in (False, True, False)]
    after = rss_mb(server.proc.pid)
    assert all(s in (0, 413) for s in statuses), statuses  # never 204: nothing was accepted
    assert after - before < 50, f"server memory grew from {before:.0f} to {after:.0f} MB"
    page.reload()
    wait_for_app(page)  # and the server is still there
    expect(page.locator("h1")).to_have_text("Semua observasi dan sumbernya")


def test_a_draft_that_crashed_the_server_is_refused_and_other_tabs_keep_working(page: Page, browser, start_server,
                                                                                tmp_path):
    server = start_server()
    draft = tmp_path / "draft.yaml"
    draft.write_text("x: [a', " + "[" * 150_000 + "]" * 150_001 + "\n", encoding="utf-8")  # 300 KB
    page.goto(server.url + "/data")
    wait_for_app(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(draft))
    page.get_by_role("button", name="Tampilkan pratinjau").click()
    # column 107 by hand: the mapping "x:" is depth 1, the "[" at column 4 depth 2, the "[" at column 9 (after "a', ")
    # depth 3 and one more each column, so depth 101, the first over 100, opens at column 9 + 98 = 107
    refused = "draft.yaml:1:107: ditolak: bersarang lebih dari 100 tingkat"  # in the page's language
    expect(page.locator("[data-testid=stCode]")).to_contain_text(refused)
    assert server.proc.poll() is None, "the server died"
    other = open_context(browser).new_page()
    other.goto(server.url + "/")
    wait_for_app(other)
    expect(other.locator(PLOTLY).first.get_by_text("≈19%", exact=True)).to_be_visible()
    other.context.close()


def test_a_rejected_link_value_is_cut_never_a_link_and_cannot_reverse_the_text(page: Page, server):
    value = "http://evil.example/" + "a" * 20_000
    page.goto(server.url + f"/wilayah?region={value}&metric=%E2%80%AEtcejer")
    wait_for_app(page)
    warning = page.locator("[data-testid=stAlert]").filter(has_text="Tautan ini berisi nilai")
    expect(warning).to_be_visible()
    text = warning.inner_text()
    assert len(text) < 400, len(text)
    assert "(20.020 karakter)" in text  # by hand: "http://evil.example/" is 20 characters, then 20.000 "a"
    assert "⟨U+202E⟩tcejer" in text  # the right-to-left override is shown, not obeyed
    assert warning.locator("a").count() == 0
    screenshot(page, "link-rejected-cut")


@pytest.mark.parametrize("query", ["region=" + "a" * 100_000, "&".join(f"regions=r{i}" for i in range(700))])
def test_a_link_over_the_limit_is_ignored_whole_with_a_friendly_message(page: Page, server, query):
    page.goto(server.url + "/bandingkan?" + query)
    wait_for_app(page)
    expect(page.get_by_text("Tautan ini terlalu panjang")).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "a" * 100 not in page.locator("[data-testid=stMain]").inner_text()


FAULTS = ["missing", "folder", "replaced_invalid", "replaced_valid"]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_file_fault_shows_on_every_open_page_and_the_last_good_data_stays(browser, start_server, data_copy, fault):
    server = start_server(data_copy)
    tabs_context = open_context(browser, viewport={"width": 1280, "height": 900}, locale="id-ID")
    tabs = []
    for path in ("/", "/wilayah?region=blitar", "/data"):
        tab = tabs_context.new_page()
        tab.goto(server.url + path)
        wait_for_app(tab)
        tabs.append(tab)
    text = data_copy.read_text(encoding="utf-8")
    if fault == "missing":
        data_copy.unlink()
        says = "tidak dapat dibaca"
    elif fault == "folder":
        data_copy.unlink()
        data_copy.mkdir()
        says = "ini folder, bukan berkas"
    elif fault == "replaced_invalid":
        other = data_copy.with_name("other.yaml")
        other.write_text(text.replace("level: kota", "level: kotamadya", 1), encoding="utf-8")
        os.replace(other, data_copy)
        says = "Berkas data tidak valid"
    else:
        other = data_copy.with_name("other.yaml")
        other.write_text(text.replace("    name: Blitar\n", "    name: Blitar Baru\n"), encoding="utf-8")
        os.replace(other, data_copy)
        says = "Blitar Baru"
    for tab in tabs:
        # attached, not visible: on the data page the new name is in the table's accessible copy of its cells
        expect(tab.get_by_text(says).first).to_be_attached()
        if fault != "replaced_valid":
            expect(tab.get_by_text("Menampilkan data valid terakhir, dimuat").first).to_be_visible()
        expect(tab.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(tabs[1], f"file-fault-{fault}")
    if fault == "folder":
        shutil.rmtree(data_copy)
    if fault != "replaced_valid":
        data_copy.write_text(text, encoding="utf-8")  # fixed: the banner goes from every tab by itself
        for tab in tabs:
            expect(tab.get_by_text("Menampilkan data valid terakhir, dimuat")).to_have_count(0)
    tabs_context.close()
