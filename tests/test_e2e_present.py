"""Presenter mode and the HTML briefing in Debian's Chromium: keys and clicker keys, slide links as the first
request, every slide at 1920x1080 and 1280x720 with nothing cut off, the downloads, and no network beyond the app.

Screenshots go to tests/artifacts/slide-seed-<n>-<width>.png (1920×1080, 1280×720 and a 390×844 phone) and
briefing-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation

from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import build
from ikd_core.render.exports import export_bytes

from conftest import DATA, TODAY
from e2e_helpers import ARTIFACTS, open_context, track_requests, wait_for_app

pytestmark = pytest.mark.e2e

COUNTER = ".st-key-slide-nav [data-testid=stMarkdownContainer] strong"
SLIDE_TITLE = ".st-key-slide h1"
SCENARIO = "regions=balikpapan&regions=blitar&region=balikpapan&points=10&per_point=20"
TOTAL = 7  # title, ranking, people needed, two projections, the scenario, one sources slide


def deep_link(browser: Browser, url: str, size: tuple[int, int]) -> tuple[Page, dict]:
    """A fresh browser whose *first* request is `url`."""
    context = open_context(browser, viewport={"width": size[0], "height": size[1]}, locale="id-ID")
    page = context.new_page()
    seen = track_requests(page, url.split("/presentasi")[0])
    page.goto(url)
    wait_for_app(page)
    return page, seen


def wait_for_slide(page: Page, n: int) -> None:
    expect(page.locator(COUNTER)).to_have_text(f"{n} / {TOTAL}")
    wait_for_app(page)


def layout_problems(page: Page) -> list[str]:
    """Text or charts that stick out of the 16:9 slide or the window, text that overflows its own box
    (scrollWidth/scrollHeight beyond the client box), or a clipped slide body. On a phone (under 640 px) the slide is
    a page that scrolls down: there only sideways overflow counts."""
    return page.evaluate("""() => {
      const phone = innerWidth < 640;
      const slide = document.querySelector('.st-key-slide').getBoundingClientRect();
      const out = [];
      for (const el of document.querySelectorAll('.st-key-slide h1, .st-key-slide li, .st-key-slide p')) {
        // A heading's box also holds Streamlit's hidden link icon, taller than its 1,15 line: a heading's words
        // are measured across (a title on one line must not run past the slide); its lines by the slide box below.
        const words = el.querySelector('[data-heading-text]');
        const over = words ? words.getBoundingClientRect().right > el.getBoundingClientRect().right + 1
                           : el.scrollWidth > el.clientWidth + 1 || (!phone && el.scrollHeight > el.clientHeight + 1);
        if (over) out.push('text overflows its box: ' + el.textContent.slice(0, 60));
        const r = el.getBoundingClientRect();
        if (phone && (r.left < -1 || r.right > innerWidth + 1))
          out.push('off the phone: ' + el.textContent.slice(0, 60));
      }
      if (phone) {
        if (document.documentElement.scrollWidth > innerWidth + 1) out.push('page scrolls sideways');
        return out;
      }
      if (document.documentElement.scrollHeight > innerHeight + 1) out.push('page scrolls vertically');
      if (document.documentElement.scrollWidth > innerWidth + 1) out.push('page scrolls sideways');
      const within = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 &&
                                 r.bottom <= box.bottom + 1;
      for (const el of document.querySelectorAll('.st-key-slide h1, .st-key-slide li, .st-key-slide p, ' +
                                                 '.st-key-slide button, .st-key-slide .main-svg')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (!within(r, slide)) out.push('outside the slide: ' + el.textContent.slice(0, 60));
      }
      const body = document.querySelector('.st-key-slide-body');
      if (body && body.scrollHeight > body.clientHeight + 2) out.push('slide body clipped');
      for (const el of document.querySelectorAll('.st-key-slide li, .st-key-slide-body p')) {
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 24) out.push(`body text ${size}px: ` + el.textContent.slice(0, 40));
      }
      return out;
    }""")


def test_arrow_and_clicker_keys_move_between_slides(browser: Browser, server) -> None:
    page, seen = deep_link(browser, f"{server.url}/presentasi?slide=1&{SCENARIO}", (1280, 720))
    wait_for_slide(page, 1)
    for key, n in (("ArrowRight", 2), ("ArrowRight", 3), ("PageDown", 4), ("PageUp", 3), ("ArrowLeft", 2)):
        page.keyboard.press(key)
        wait_for_slide(page, n)
        assert re.search(rf"[?&]slide={n}(&|$)", page.url), page.url
        assert "points=10" in page.url  # the scenario stays in every slide's link
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="Presentasi untuk Rakorda")).to_be_visible()
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"slide="))
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert seen["external"] == [] and seen["failed"] == []
    page.context.close()


def test_a_slide_link_opens_that_slide_as_the_first_request(browser: Browser, server) -> None:
    page, seen = deep_link(browser, f"{server.url}/presentasi?slide=6&{SCENARIO}", (1280, 720))
    wait_for_slide(page, 6)
    expect(page.locator(SLIDE_TITLE)).to_have_text("Balikpapan: skenario dibandingkan kondisi sekarang")
    expect(page.locator(".st-key-slide .main-svg").first).to_be_visible()
    # Streamlit's chrome is hidden: no sidebar, no header, no toolbar.
    for hidden in ("[data-testid=stSidebar]", "[data-testid=stHeader]", "[data-testid=stToolbar]"):
        expect(page.locator(hidden)).to_be_hidden()
    assert seen["external"] == [] and seen["failed"] == []
    page.context.close()


def chart_text(page: Page) -> list[dict]:
    """Every text drawn in the slide's chart: its words, size in px, WCAG contrast on white, and box."""
    return page.evaluate("""() => {
      const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
          v = v / 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const out = [];
      for (const t of document.querySelectorAll('.st-key-slide .main-svg text')) {
        const words = t.textContent.trim();
        const r = t.getBoundingClientRect();
        if (!words || r.width === 0) continue;
        const style = getComputedStyle(t);
        out.push({text: words, size: parseFloat(style.fontSize), contrast: 1.05 / (lum(style.fill) + 0.05),
                  label: !!t.closest('.textpoint, .annotation'),
                  box: [r.left, r.top, r.right, r.bottom]});
      }
      return out;
    }""")


def chart_problems(page: Page, smallest: float) -> list[str]:
    """Chart text under `smallest` px, under 4,5:1 on white, or data labels and notes printed over each other."""
    texts = chart_text(page)
    out = [f"{t['text']!r}: {t['size']} px" for t in texts if t["size"] < smallest - 0.01]
    out += [f"{t['text']!r}: contrast {t['contrast']:.2f}" for t in texts if t["contrast"] < 4.5]
    labels = [t for t in texts if t["label"]]
    for k, a in enumerate(labels):
        for b in labels[k + 1:]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if min(r1, r2) - max(l1, l2) > 1 and min(b1, b2) - max(t1, t2) > 1:
                out.append(f"{a['text']!r} over {b['text']!r}")
    return out


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (390, 844)], ids=["1080p", "720p", "phone"])
def test_every_slide_fits_its_screen(browser: Browser, server, size: tuple[int, int]) -> None:
    page, seen = deep_link(browser, f"{server.url}/presentasi?slide=1&{SCENARIO}", size)
    for n in range(1, TOTAL + 1):
        if n > 1:
            page.keyboard.press("ArrowRight")
        wait_for_slide(page, n)
        if page.locator(".st-key-slide [data-testid=stPlotlyChart]").count():
            expect(page.locator(".st-key-slide .main-svg").first).to_be_visible()
        slide = page.locator(".st-key-slide").bounding_box()
        assert slide is not None
        if size[0] >= 640:
            assert abs(slide["width"] / slide["height"] - 16 / 9) < 0.01  # 16:9, filling the window
        assert abs(slide["width"] - size[0]) <= 1
        page.screenshot(path=str(ARTIFACTS / f"slide-seed-{n}-{size[0]}.png"), full_page=size[0] < 640)
        assert layout_problems(page) == [], f"slide {n} at {size}"
        # From the back of the room: 24 px chart text at 1920×1080 (the phone draws it at 0,6), 4,5:1 contrast.
        assert chart_problems(page, 24 if size[0] >= 640 else 14) == [], f"slide {n} at {size}"
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert seen["external"] == [] and seen["failed"] == []
    page.context.close()


def test_powerpoint_download_from_the_page_is_the_deck(browser: Browser, server, tmp_path: Path) -> None:
    page, _ = deep_link(browser, f"{server.url}/presentasi?{SCENARIO}", (1400, 1000))
    with page.expect_download() as download:
        page.get_by_role("button", name="PowerPoint (.pptx)").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "ikd-rakorda-2026-11-23.pptx"  # dated by the suite's "today"
    prs = Presentation(str(target))
    assert len(prs.slides) == TOTAL
    notes = prs.slides[5].notes_slide.notes_text_frame.text
    assert "Titik layanan tambahan: 10" in notes  # the scenario the link carried
    page.context.close()


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["laptop", "phone"])
def test_briefing_html_draws_its_charts_with_the_network_blocked(browser: Browser, tmp_path: Path,
                                                                  size: tuple[int, int]) -> None:
    snapshot = build(load_path(str(DATA), today=TODAY), TODAY)
    params = {"regions": ["balikpapan", "blitar"], "region": "balikpapan", "points": 10, "per_point": 20.0}
    path = tmp_path / "briefing.html"
    path.write_bytes(export_bytes(snapshot, params, "id", "html"))
    context = open_context(browser, viewport={"width": size[0], "height": size[1]})
    attempted: list[str] = []

    def block(route) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    charts = page.locator(".chart .js-plotly-plot")
    expect(charts).to_have_count(5)  # ranking, people needed, two projections, the scenario
    for k in range(5):
        expect(charts.nth(k).locator(".main-svg").first).to_be_attached()
    assert page.locator(".main-svg").count() >= 5
    assert page.evaluate("() => document.documentElement.scrollWidth") <= size[0] + 1  # no sideways scrolling
    page.screenshot(path=str(ARTIFACTS / f"briefing-{size[0]}.png"))
    assert attempted == [] and errors == []
    context.close()
