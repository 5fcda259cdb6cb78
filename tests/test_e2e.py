"""The app in Debian's Chromium, driven by Playwright: what only a browser shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e_helpers import (
    PLOTLY,
    context,  # noqa: F401 (a fixture: pytest-playwright's page, with every wait from WAIT_MS)
    screenshot,
    track_requests,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

REGIONS = ["Padang", "Blitar", "Balikpapan", "Kalimantan Timur", "Denpasar"]


def test_overview_draws_the_chart_and_lists_all_five_regions(page: Page, server):
    seen = track_requests(page, server.url)
    page.goto(server.url + "/")
    wait_for_app(page)
    expect(page.locator("h1")).to_have_text("Aktivasi IKD terbaru per wilayah")
    chart = page.locator(PLOTLY + " .js-plotly-plot .main-svg").first
    expect(chart).to_be_visible()
    expect(page.locator(PLOTLY + " .bars path")).to_have_count(5)
    # tick labels carry the Indonesian-formatted base and date under each region's name (by hand from the fixture:
    # Kalimantan Timur's figure is of wajib KTP, as of 2024-11-12; Padang's 203.479 / 680.160 = 29,916% is 99,72% of
    # the 30% target, with its decimal comma, in the table's first columns: the wider ones scroll, undrawn)
    expect(page.locator(PLOTLY).get_by_text("wajib KTP · 12 November 2024")).to_be_visible()
    table = page.locator("[data-testid=stDataFrame] table").first
    for region in REGIONS:
        expect(table).to_contain_text(region)
    expect(table).to_contain_text("99,72%*")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "overview")
    assert seen["external"] == [], f"requests left the machine: {seen['external']}"
    assert seen["failed"] == []


def test_a_page_url_as_the_first_request_after_start_opens_inside_the_app(page: Page, start_server):
    server = start_server()
    page.goto(server.url + "/data")  # the very first page request this server gets
    wait_for_app(page)
    expect(page.locator("h1")).to_have_text("Semua observasi dan sumbernya")
    # app.py framed it: our navigation (every page, our titles) and the language switch are there
    nav = page.locator("[data-testid=stSidebar] [data-testid=stPageLink]")
    expect(nav).to_have_count(7)
    expect(nav.first).to_contain_text("Ringkasan")
    expect(page.get_by_text("Bahasa / Language")).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert page.url.endswith("/data")
    screenshot(page, "data-cold-deep-link")
    # and the other page still works after it
    nav.first.click()
    wait_for_app(page)
    expect(page.locator("h1")).to_have_text("Aktivasi IKD terbaru per wilayah")


def test_invalid_data_file_shows_the_error_line_in_the_browser(page: Page, start_server, data_copy):
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(text.replace("level: kota", "level: kotamadya", 1), encoding="utf-8")
    line = text.splitlines().index("    level: kota") + 1  # Balikpapan's, regions[1]
    server = start_server(data_copy)
    page.goto(server.url + "/")
    wait_for_app(page)
    expect(page.locator("[data-testid=stAlert]").first).to_contain_text("Berkas data tidak valid")
    # column 12 by hand: four spaces and "level: " are 11 characters, the value starts after them
    expect(page.locator("[data-testid=stCode]")).to_contain_text(f"regions.yaml:{line}:12: regions[1].level:")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "invalid-data-file")
