"""Live reload in Chromium: an analyst saves the served file; open pages follow within seconds, no restart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import DATA
from e2e_helpers import (
    PLOTLY,
    context,  # noqa: F401 (a fixture: pytest-playwright's page, with every wait from WAIT_MS)
    open_context,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.e2e


def test_saving_the_data_file_updates_breaks_and_recovers_an_open_page(page: Page, start_server, data_copy):
    server = start_server(data_copy)
    page.goto(server.url + "/")
    wait_for_app(page)
    chart = page.locator(PLOTLY).first
    expect(chart.get_by_text("≈19%", exact=True)).to_be_visible()
    good = data_copy.read_text(encoding="utf-8")

    # 1. An edit shows up by itself: Blitar's 19% (the fixture's only "percent: 19") becomes 21%.
    edited = good.replace("    percent: 19\n", "    percent: 21\n")
    data_copy.write_text(edited, encoding="utf-8")
    expect(chart.get_by_text("≈21%", exact=True)).to_be_visible()

    # 2. A broken save: the banner names the line, and the last good chart stays on screen.
    lines = edited.splitlines()
    line = lines.index("    percent: 21") + 1
    data_copy.write_text(edited.replace("    percent: 21\n", "    percent: [21\n"), encoding="utf-8")
    banner = page.locator("[data-testid=stCode]")
    expect(banner).to_contain_text(f"regions.yaml:{line}:")  # the line with the unclosed [
    expect(page.locator("[data-testid=stAlert]").filter(has_text="Menampilkan data valid terakhir")).to_be_visible()
    expect(chart.get_by_text("≈21%", exact=True)).to_be_visible()
    screenshot(page, "reload-broken-file")

    # 3. Fixing it clears the banner by itself.
    data_copy.write_text(edited, encoding="utf-8")
    expect(banner).to_have_count(0)
    expect(chart.get_by_text("≈21%", exact=True)).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def test_a_draft_upload_previews_for_this_session_only(page: Page, browser, server, tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(DATA.read_text(encoding="utf-8").replace("    percent: 19\n", "    percent: 25\n"),
                     encoding="utf-8")
    page.goto(server.url + "/data")
    wait_for_app(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(draft))
    page.get_by_role("button", name="Tampilkan pratinjau").click()
    expect(page.get_by_text("Pratinjau draf draft.yaml")).to_be_visible()
    page.locator("[data-testid=stSidebar] [data-testid=stPageLink]").first.click()
    wait_for_app(page)
    expect(page.locator(PLOTLY).first.get_by_text("≈25%", exact=True)).to_be_visible()
    # another session still sees the served file
    other = open_context(browser).new_page()
    other.goto(server.url + "/")
    wait_for_app(other)
    expect(other.locator(PLOTLY).first.get_by_text("≈19%", exact=True)).to_be_visible()
    other.context.close()
    page.get_by_role("button", name="Tutup pratinjau, kembali ke data resmi").click()
    expect(page.locator(PLOTLY).first.get_by_text("≈19%", exact=True)).to_be_visible()
