"""Projection and what-if in Debian's Chromium: sliders moved by hand, bookmarked scenarios opened cold."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e_helpers import screenshot, track_requests, wait_for_app

pytestmark = pytest.mark.e2e
SCENARIO = "/simulasi?region=balikpapan&points=10&per_point=20"


def scenario_value(page: Page):
    return page.locator("[data-testid=stMetricValue]").nth(1)


def test_dragging_a_slider_on_simulasi_changes_the_projected_percent_and_the_chart(page: Page, server):
    seen = track_requests(page, server.url)
    page.goto(server.url + "/simulasi?region=blitar")
    wait_for_app(page)
    expect(scenario_value(page)).to_have_text("26,8%")
    chart = page.locator("[data-testid=stPlotlyChart]").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    before = chart.locator(".scatterlayer").inner_html()
    widget = page.locator("[data-testid=stSlider]").filter(has_text="Pengali laju sekarang")
    thumb = widget.get_by_role("slider")
    track = widget.bounding_box()
    knob = thumb.bounding_box()
    # Drag the thumb with the mouse from 1,0× to about 2,0× (the scale runs 0–5×).
    page.mouse.move(knob["x"] + knob["width"] / 2, knob["y"] + knob["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.4, knob["y"] + knob["height"] / 2, steps=12)
    page.mouse.up()
    expect(widget).not_to_contain_text("1,0×")
    expect(scenario_value(page)).not_to_have_text("26,8%", timeout=15_000)
    wait_for_app(page)
    assert re.fullmatch(r"\d+,\d%", scenario_value(page).inner_text())
    assert chart.locator(".scatterlayer").inner_html() != before
    expect(page).to_have_url(re.compile(r"mult=\d"))
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    # The link to the presentation, redrawn by the fragment alone, carries the moved slider.
    present = page.get_by_role("link", name="Presentasikan skenario ini")
    expect(present).to_have_attribute("href", re.compile(r"presentasi\?.*region=blitar.*mult=\d"))
    screenshot(page, "page-simulasi")
    assert seen["external"] == [] and seen["failed"] == []


def test_a_bookmarked_scenario_opened_as_the_first_request_shows_the_same_numbers(page: Page, start_server):
    server = start_server()
    page.goto(server.url + SCENARIO)  # the cold server's very first page request
    wait_for_app(page)
    expect(page.locator("h1")).to_have_text("Simulasi: bagaimana kalau…")
    expect(scenario_value(page)).to_have_text("16,7%")
    expect(page.locator("[data-testid=stSlider]").filter(has_text="Titik layanan tambahan")).to_contain_text("10")
    expect(page.locator("[data-testid=stSidebar] [data-testid=stPageLink]")).to_have_count(7)
    expect(page).to_have_url(re.compile(r"points=10"))
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def test_projection_page_draws_projections_apart_from_observations(page: Page, server):
    page.goto(server.url + "/proyeksi?regions=blitar&regions=kaltim")
    wait_for_app(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.get_by_text("Blitar: proyeksi")).to_be_visible()
    expect(chart.get_by_text("tenggat 31 Desember 2026", exact=True)).to_be_visible()
    dashed = chart.locator(".scatterlayer .js-line[style*='stroke-dasharray']")
    assert dashed.count() >= 4  # two projections and two required-pace lines
    screenshot(page, "page-proyeksi")
