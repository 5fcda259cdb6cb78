"""Presentasi through AppTest: the deck from the selection, slide links, the buttons, and the downloads."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from apptest_helpers import open_page, spec, url

PAGE = "pages/presentasi.py"


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_setup_lists_the_slides_offers_four_downloads_and_the_command() -> None:
    at = open_page(PAGE, regions=["blitar", "padang"])
    body = text(at)
    assert "1. Aktivasi IKD: capaian dan proyeksi" in body
    # Projections best first whatever the link's order: Padang (30,06%) before Blitar (19%).
    assert "4. Padang: proyeksi sampai 31 Desember 2026" in body and "5. Blitar: proyeksi" in body
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["PowerPoint (.pptx)", "Ringkasan HTML (satu berkas)", "Excel (.xlsx)", "CSV perbandingan"]
    command = at.code[0].value
    assert command.startswith("python -m ikd_core export --format pptx --out ikd-rakorda-")
    assert "--regions blitar,padang" in command


def test_a_slide_link_opens_that_slide_full_screen() -> None:
    at = open_page(PAGE, slide="3", regions=["blitar", "padang"])
    body = text(at)
    # 6 slides: title, ranking, people needed, two projections, one sources slide (two regions' dates, the
    # mixed-bases and different-dates notes, Padang's two warnings: 6 bullets of 81 to 141 characters, 13 lines of
    # 70 with their gaps, within the 14 a slide holds). No scenario slide: the link changes nothing.
    assert "# Aktivasi IKD: orang yang masih dibutuhkan" in body and "**3 / 6**" in body
    assert not at.title  # the slide has its own heading; the page's is hidden
    chart = spec(at)
    assert chart["data"][0]["type"] == "bar" and chart["data"][0]["orientation"] == "h"
    # Bottom to top: Padang 569 (204.048 − 203.479), Blitar 13.530 (36.900 − 23.370), the largest on top.
    assert chart["data"][0]["x"] == [569, 13_530]
    assert [b.key for b in at.button][:3] == ["slide-prev", "slide-next", "slide-exit"]


def test_next_previous_and_exit_move_through_the_deck_and_keep_the_link() -> None:
    at = open_page(PAGE, slide="1", regions=["blitar"], region="blitar", points="5")
    assert button(at, "slide-prev").disabled
    button(at, "slide-next").click().run()
    assert "**2 / " in text(at) and url(at, "slide") == ["2"]
    assert url(at, "points") == ["5"] and url(at, "region") == ["blitar"]  # the scenario travels with the slides
    button(at, "slide-pgdn").click().run()
    assert url(at, "slide") == ["3"]
    button(at, "slide-pgup").click().run()
    button(at, "slide-prev").click().run()
    assert url(at, "slide") == ["1"]
    button(at, "slide-exit").click().run()
    assert url(at, "slide") == [] and at.title[0].value == "Presentasi untuk Rakorda"
    assert url(at, "points") == ["5"]


def test_a_slide_past_the_end_shows_the_last_and_next_is_disabled() -> None:
    at = open_page(PAGE, slide="99", regions=["blitar"])
    assert "Sumber dan catatan data" in text(at)
    assert button(at, "slide-next").disabled


def test_the_scenario_slide_shows_the_simulasi_link_scenario() -> None:
    at = open_page(PAGE, slide="6", regions=["balikpapan", "blitar"], region="balikpapan", points="10",
                   per_point="20")
    body = text(at)
    # 11,5% = (65.110 + 59,19 × 316 + 10 × 20 × 5/7 × 38 days from today) / 772.921 people by 31 Dec 2026
    # (test_deck works it).
    assert "# Balikpapan: skenario dibandingkan kondisi sekarang" in body
    assert "Titik layanan tambahan: 0 → 10" in body and "Skenario: ≈11,5% pada 31 Desember 2026, perkiraan" in body


def test_english_deck() -> None:
    at = open_page(PAGE, slide="2", lang="en", regions=["blitar"])
    # The full title, "IKD activation: where regions stand against the 30% target" (59 characters), would take two
    # lines at 41,8 px on a 1280 px slide: the short form keeps it to one.
    assert "# IKD activation: against the 30% target" in text(at)


def test_simulasi_links_its_scenario_to_the_presentation() -> None:
    at = open_page("pages/simulasi.py", region="balikpapan", points="10", per_point="20")
    link = next(link for link in at.get("page_link") if link.proto.label == "Presentasikan skenario ini")
    assert link.proto.page == "presentasi"
    assert link.proto.query_string == "region=balikpapan&points=10&per_point=20"
    # ... and that link opens a deck whose scenario slide is that scenario.
    deck = open_page(PAGE, slide="6", regions=["balikpapan", "blitar"], region="balikpapan", points="10",
                     per_point="20")
    assert "Skenario: ≈11,5% pada 31 Desember 2026, perkiraan" in text(deck)
