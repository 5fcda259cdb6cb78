"""The presenter deck at national scale (the 552-region synthetic file) in Debian's Chromium: every slide at
1920×1080 and 1280×720, and the first four on a 390×844 phone, with no text cut off or outside its box, chart text
of 24 px or more on the projector, labels at 4,5:1 or more on white and never printed over each other.

Screenshots: tests/artifacts/slide-national-<n>-<width>.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_e2e_present import COUNTER, chart_problems, layout_problems

from e2e_helpers import ARTIFACTS, open_context, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def national(national_file: Path) -> Path:
    return national_file  # generated once per run (conftest)


def total_of(page: Page) -> int:
    return int(page.locator(COUNTER).inner_text().split("/")[1])


def at_slide(page: Page, n: int) -> None:
    expect(page.locator(COUNTER)).to_have_text(re.compile(rf"^{n} / \d+$"))
    wait_for_app(page)
    if page.locator(".st-key-slide [data-testid=stPlotlyChart]").count():
        expect(page.locator(".st-key-slide .main-svg").first).to_be_visible()


def test_every_national_slide_fits_projector_laptop_and_phone(browser: Browser, start_server, national) -> None:
    server = start_server(data=national)
    for width, height in ((1920, 1080), (1280, 720), (390, 844)):
        context = open_context(browser, viewport={"width": width, "height": height}, locale="id-ID")
        page = context.new_page()
        page.goto(f"{server.url}/presentasi?slide=1")
        wait_for_app(page)
        at_slide(page, 1)
        total = total_of(page)
        # Title, ranking and its bars' bases and dates, people needed, six projections of the furthest behind, the
        # sources: no scenario slide.
        assert 11 <= total <= 13
        for n in range(1, (total if width >= 640 else 5) + 1):
            if n > 1:
                page.keyboard.press("ArrowRight")
                at_slide(page, n)
            page.screenshot(path=str(ARTIFACTS / f"slide-national-{n}-{width}.png"), full_page=width < 640)
            assert layout_problems(page) == [], f"slide {n} at {width}"
            assert chart_problems(page, 24 if width >= 640 else 14) == [], f"slide {n} at {width}"
            if n == 5:  # the first projection: the region furthest behind, not one already at the target
                expect(page.locator(".st-key-slide-sub")).to_contain_text("terendah ke-1 dari 552")
        expect(page.locator("[data-testid=stException]")).to_have_count(0)
        context.close()
