"""Figures as regions publish them, in Chromium: a file with counts without a base, bounds, half-years and a
percent of the target beside a percent of the base validates, and every page renders for every region."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT
from e2e_helpers import PLOTLY, context, screenshot, wait_for_app  # noqa: F401

pytestmark = pytest.mark.e2e
PUBLISHED = ROOT / "tests" / "fixtures" / "published"
REGIONS = ["prov-uji", "kota-a", "kota-b", "kab-c", "kab-d", "kab-e"]


@pytest.fixture(scope="module")
def published_server(tmp_path_factory):
    from conftest import Server

    folder = tmp_path_factory.mktemp("published") / "data"
    shutil.copytree(PUBLISHED, folder)
    server = Server(folder / "regions.yaml")
    yield server
    server.stop()


def no_exception(page: Page) -> None:
    wait_for_app(page)
    expect(page.locator("h1").first).to_be_visible()  # the page itself, not the blank moment of a first run
    wait_for_app(page)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "Berkas data tidak valid" not in page.locator("[data-testid=stMain]").inner_text()


@pytest.mark.parametrize("path", ["/", "/bandingkan", "/data", "/presentasi", "/proyeksi?regions=kota-a&regions=kab-d"])
def test_every_page_renders_the_published_figures(page: Page, published_server, path):
    page.goto(published_server.url + path)
    no_exception(page)
    screenshot(page, "published" + path.split("?")[0].replace("/", "-"))


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_renders_on_the_region_projection_and_what_if_pages(page: Page, published_server, region):
    for path in (f"/wilayah?region={region}", f"/proyeksi?regions={region}", f"/simulasi?region={region}"):
        page.goto(published_server.url + path)
        no_exception(page)
    screenshot(page, f"published-simulasi-{region}")


def test_the_count_only_region_is_drawn_in_people_and_the_bound_shown_as_published(page: Page, published_server):
    page.goto(published_server.url + "/wilayah?region=kota-a")
    no_exception(page)
    expect(page.locator(PLOTLY).get_by_text("27.100")).to_be_visible()
    page.goto(published_server.url + "/")
    no_exception(page)
    expect(page.locator(PLOTLY).first.get_by_text("> 51%")).to_be_visible()
    expect(page.get_by_text("Hanya jumlah, tanpa dasar").first).to_be_visible()
