"""Projection and what-if in Debian's Chromium: sliders moved by hand, bookmarked scenarios opened cold."""

from __future__ import annotations

import re

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
SCENARIO = "/simulasi?region=balikpapan&points=10&per_point=20"

# Expected projections worked by hand from tests/fixtures/seed/regions.yaml, an independent model of the method the
# page states (a single observation: its percent over the days since the public opening, kept up to the deadline,
# 31 December 2026; a quarter or a month stands for its midpoint).
#   Opening 2023-Q1 -> 14 Feb 2023. Blitar: 19% (of 123.000 wajib KTP) in 2025-Q4 -> 15 Nov 2025, 1005 days after
#   the opening; today (23 Nov 2026, IKD_TODAY) is 373 days after its figure and 38 days before the deadline. A
#   scenario acts from today only, so 19% x (1 + (373 + m x 38)/1005) at a pace multiplier m: m = 1 gives 26,77%.
#   Balikpapan: 8,5% of ~766.000 people on 18 Feb 2026, 1100 days after the opening, 316 days before the deadline;
#   65.110 people + 316 x 8,5% x 766.000 / 1100 + 38 days from today x 10 points x 20 a working day x 5/7
#   = 65.110 + 18.704 + 5.429 = 89.243 people, over a base grown by 8.000 a year: 766.000 + 8.000 x 316/365,25
#   = 772.921 -> 11,55% -> "11,5%".
BLITAR_OPENING_TO_OBSERVATION, BLITAR_OBSERVATION_TO_TODAY, TODAY_TO_DEADLINE = 1005, 373, 38


def blitar_projected(multiplier: float) -> float:
    return 19 * (1 + (BLITAR_OBSERVATION_TO_TODAY + multiplier * TODAY_TO_DEADLINE) / BLITAR_OPENING_TO_OBSERVATION)


def shown(percent: float) -> str:
    """27.4853 -> "≈27,5%*": computed (*) from Blitar's "sekitar 19 persen" (≈). No multiplier on the 0-5x scale
    puts Blitar within 0,0005 of a rounding tie."""
    return "≈" + f"{percent:.1f}%".replace(".", ",") + "*"


def baseline_value(page: Page):
    return page.locator("[data-testid=stMetricValue]").nth(0)


def scenario_value(page: Page):
    return page.locator("[data-testid=stMetricValue]").nth(1)


def test_dragging_a_slider_on_simulasi_changes_the_projected_percent_and_the_chart(page: Page, server):
    seen = track_requests(page, server.url)
    page.goto(server.url + "/simulasi?region=blitar")
    wait_for_app(page)
    expect(baseline_value(page)).to_have_text("≈26,8%*")  # blitar_projected(1), by hand above
    expect(scenario_value(page)).to_have_text("≈26,8%*")
    chart = page.locator(PLOTLY).first
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
    expect(scenario_value(page)).not_to_have_text("≈26,8%*")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"mult=\d"))
    multiplier = float(re.search(r"[?&]mult=([\d.]+)", page.url)[1])
    assert 1.5 <= multiplier <= 2.5, page.url  # where the mouse let go
    expect(widget).to_contain_text(f"{multiplier:.1f}×".replace(".", ","))
    # the scenario is the independent model's at the multiplier the link carries
    expect(scenario_value(page)).to_have_text(shown(blitar_projected(multiplier)))
    expect(baseline_value(page)).to_have_text("≈26,8%*")  # the baseline does not move
    assert chart.locator(".scatterlayer").inner_html() != before
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
    expect(scenario_value(page)).to_have_text("≈11,5%")  # by hand, above; ≈ from the estimated ≈766.000 base
    expect(page.locator("[data-testid=stSlider]").filter(has_text="Titik layanan tambahan")).to_contain_text("10")
    expect(page.locator("[data-testid=stSidebar] [data-testid=stPageLink]")).to_have_count(7)
    expect(page).to_have_url(re.compile(r"points=10"))
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def test_projection_page_draws_projections_apart_from_observations(page: Page, server):
    page.goto(server.url + "/proyeksi?regions=blitar&regions=kaltim")
    wait_for_app(page)
    chart = page.locator(PLOTLY).first
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.get_by_text("Blitar: proyeksi")).to_be_visible()
    expect(chart.get_by_text("tenggat 31 Desember 2026", exact=True)).to_be_visible()
    dashed = chart.locator(".scatterlayer .js-line[style*='stroke-dasharray']")
    expect(dashed).to_have_count(4)  # two projections and two required-pace lines
    screenshot(page, "page-proyeksi")


# The x-axis as the viewer sees it: its range and the tick labels drawn.
X_AXIS = """(holder) => {
  const plot = holder.querySelector('.js-plotly-plot');
  return {range: plot.layout.xaxis.range.map(String),
          ticks: [...plot.querySelectorAll('.xtick text')].map((t) => t.textContent)};
}"""


def test_a_slider_move_redraws_the_simulasi_chart_in_place_and_keeps_the_viewers_zoom(page: Page, server):
    page.goto(server.url + "/simulasi?region=blitar")
    wait_for_app(page)
    holder = page.locator(".ikd-live-chart")
    expect(holder.locator(".main-svg").first).to_be_visible()
    expect(holder).to_have_attribute("data-draws", "1")
    holder.scroll_into_view_if_needed()
    holder.evaluate("(el) => { el.ikdFirst = true; }")  # gone if the element is ever replaced
    whole = holder.evaluate(X_AXIS)
    # Zoom by hand: drag across the middle of the plot.
    plot = holder.locator(".nsewdrag").bounding_box()
    page.mouse.move(plot["x"] + plot["width"] * 0.3, plot["y"] + plot["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.6, plot["y"] + plot["height"] * 0.5, steps=8)
    page.mouse.up()
    page.wait_for_function("(before) => document.querySelector('.ikd-live-chart .js-plotly-plot')"
                           ".layout.xaxis.range.map(String).join() !== before", arg=",".join(whole["range"]))
    zoomed = holder.evaluate(X_AXIS)
    lines = holder.locator(".scatterlayer").inner_html()
    thumb = page.locator("[data-testid=stSlider]").filter(has_text="Pengali laju sekarang").get_by_role("slider")
    thumb.focus()
    for _ in range(10):  # 1,0× to 2,0×
        thumb.press("ArrowRight")
    expect(scenario_value(page)).to_have_text(shown(blitar_projected(2.0)))
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('.ikd-live-chart').dataset.draws !== '1'")
    assert holder.evaluate("(el) => el.ikdFirst") is True  # the same element, redrawn by Plotly.react
    assert holder.locator(".scatterlayer").inner_html() != lines  # with the scenario's new line
    assert holder.evaluate(X_AXIS) == zoomed  # and the viewer's zoom kept
    # Another region is another view: the whole range again.
    page.get_by_role("combobox", name="Wilayah").click()
    page.get_by_role("option", name="Padang", exact=True).click()
    wait_for_app(page)
    page.wait_for_function("(zoomed) => document.querySelector('.ikd-live-chart .js-plotly-plot')"
                           ".layout.xaxis.range.map(String).join() !== zoomed", arg=",".join(zoomed["range"]))
    assert holder.evaluate("(el) => el.ikdFirst") is True


def test_a_chart_whose_plotly_js_cannot_load_says_so_in_the_page_language_and_the_numbers_stay(page: Page, server):
    page.route("**/static/js/PlotlyChart.*.js", lambda route: route.abort())  # a proxy that drops it, say
    page.goto(server.url + "/simulasi?region=blitar")  # the first page of the tab: no chart has loaded it
    wait_for_app(page)
    expect(page.locator(".ikd-live-chart-note")).to_have_text(
        "Grafik ini tidak dapat digambar di peramban ini (plotly.js tidak termuat). Angka-angkanya ada di tabel.")
    expect(scenario_value(page)).to_have_text("≈26,8%*")  # blitar_projected(1), by hand above
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
