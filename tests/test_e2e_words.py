"""Indonesian everywhere we control, in a real browser (issue 14): unknown addresses, the region picker's Enter, no
English main menu or "Select all", and a province's page with its regions as one compact table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import Server
from e2e_helpers import PLOTLY, open_context, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = open_context(browser, viewport={"width": 1280, "height": 720}, locale="id-ID")
    yield context.new_page()
    context.close()


def test_unknown_addresses_open_ringkasan_in_indonesian_not_page_not_found(tab: Page, server: Server):
    # "/ringkasan" first, on a fresh server (Streamlit's legacy pages/ mode), then an address that is nothing
    for path, note in (("/ringkasan", False), ("/foo", True), ("/foo?regions=padang", True)):
        tab.goto(server.url + path)
        wait_for_app(tab)
        expect(tab.get_by_role("heading", name="Aktivasi IKD terbaru per wilayah")).to_be_visible()
        expect(tab.get_by_text("Page not found")).to_have_count(0)
        assert tab.locator("[role=dialog]").count() == 0
        assert tab.url.split("?")[0] == server.url + "/"  # the address now says where we are
        assert tab.get_by_text("Alamat /foo bukan halaman dasbor ini").count() == (1 if note else 0)
    assert tab.url.endswith("?regions=padang")  # the link's own parameters came along
    screenshot(tab, "words-unknown-path-seed-1280")


def test_region_picker_enter_adds_only_the_regions_that_match(tab: Page, server: Server):
    tab.goto(server.url + "/data")
    wait_for_app(tab)
    picker = tab.locator("[data-testid=stMultiSelect]").first
    picker.locator("input").fill("ba")  # Balikpapan contains "ba"; Blitar only has b…a, a fuzzy match
    options = tab.locator("[role=option]")
    expect(options.first).to_be_visible()
    assert not any(word in " ".join(options.all_inner_texts()) for word in ("Select", "matches", "Blitar"))
    picker.locator("input").press("Enter")
    chips = picker.locator(".react-aria-ComboBox [data-tag]")
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text("Balikpapan")
    tab.keyboard.press("Escape")
    wait_for_app(tab)
    expect(tab).to_have_url(re.compile(r"regions=balikpapan$"))
    expect(tab.get_by_text("Select all")).to_have_count(0)
    assert tab.locator("[data-testid=stMainMenu]").count() == 0  # no English menu (client.toolbarMode minimal)


@pytest.fixture(scope="module")
def national_server(national_file: Path) -> Iterator[Server]:
    s = Server(national_file)
    yield s
    s.stop()


def test_a_province_shows_its_figures_before_its_86_regions_and_the_button_names_a_group(tab: Page,
                                                                                          national_server: Server):
    tab.goto(national_server.url + "/wilayah?region=prov-01")
    wait_for_app(tab)
    chart = tab.locator(PLOTLY).first
    expect(chart).to_be_visible()
    main = tab.locator("[data-testid=stMain]")
    top = chart.bounding_box()["y"] + main.evaluate("e => e.scrollTop")
    assert top < 1000, top  # was below a 3.000 px column of 86 links
    expect(tab.get_by_text("Wilayah di dalamnya (86)", exact=False)).to_be_visible()
    screenshot(tab, "words-wilayah-national-1280-test")

    tab.goto(national_server.url + "/bandingkan")
    wait_for_app(tab)
    button = tab.get_by_role("button", name=re.compile("^Bandingkan yang setara saja")).first
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["height"] < 60, box  # one line: it named 370 regions in 8.659 characters
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    screenshot(tab, "words-bandingkan-national-1280-test")
