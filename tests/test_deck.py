"""The Rakorda deck as data, and its PowerPoint, Excel and CSV forms, read back the way an official's tools would."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from ikd_core.compare import compare
from ikd_core.deck import LINES_PER_NOTES_SLIDE, MAX_PROJECTIONS, build_deck
from ikd_core.exports import export_bytes, selection_tables
from ikd_core.loading import load_path
from ikd_core.pptx_deck import to_pptx
from ikd_core.snapshot import build

from conftest import DATA, TODAY

SNAPSHOT = build(load_path(str(DATA), today=TODAY), TODAY)
REGIONS = list(SNAPSHOT.regions)
BALIKPAPAN_10 = {"regions": ["balikpapan", "blitar"], "region": "balikpapan", "points": 10, "per_point": 20.0}


def keys(deck) -> list[str]:
    return [s.key for s in deck.slides]


def test_slides_come_in_the_rakorda_order() -> None:
    deck = build_deck(SNAPSHOT, BALIKPAPAN_10, "id")
    assert keys(deck)[:5] == ["title", "ranking", "needed", "projection:blitar", "projection:balikpapan"]
    assert keys(deck)[5] == "scenario"
    assert all(k.startswith("sources:") for k in keys(deck)[6:]) and len(keys(deck)) > 6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=len(REGIONS), unique=True),
       st.sampled_from(["id", "en"]))
def test_slide_count_follows_the_selection(regions: list[str], lang: str) -> None:
    deck = build_deck(SNAPSHOT, {"regions": regions}, lang)  # type: ignore[arg-type]
    with_figure = [r for r in compare(SNAPSHOT, lang, regions, "ikd").rows if r.value is not None]  # type: ignore
    projections = [k for k in keys(deck) if k.startswith("projection:")]
    assert projections == [f"projection:{r.region_id}" for r in with_figure[:MAX_PROJECTIONS]]
    sources = [s for s in deck.slides if s.key.startswith("sources:")]
    assert len(deck.slides) == 3 + len(projections) + 1 + len(sources)
    assert all(len(s.bullets) <= LINES_PER_NOTES_SLIDE for s in sources)
    # Every slide can be read aloud from its notes: the sources or the method are always there.
    assert all(s.notes for s in deck.slides)


def test_ranking_slide_holds_the_comparison_numbers_in_indonesian_format() -> None:
    deck = build_deck(SNAPSHOT, {}, "id")
    chart = deck.slides[1].chart
    rows = [r for r in compare(SNAPSHOT, "id", REGIONS, "ikd").rows if r.value is not None]
    assert chart is not None and chart.kind == "bar"
    assert chart.categories == [r.name for r in rows]
    assert chart.series[0].values == [r.value for r in rows]
    assert chart.target == 30.0
    assert "≈30,06%" in chart.series[0].labels and "2,2%" in chart.series[0].labels


def test_people_needed_slide_names_the_regions_without_a_base_count() -> None:
    needed = build_deck(SNAPSHOT, {}, "id").slides[2]
    values = dict(zip(needed.chart.categories, needed.chart.series[0].values, strict=True))  # type: ignore[union-attr]
    assert values["Blitar"] == pytest.approx(13_530, abs=1)  # 30% of 123.000 wajib KTP, less 23.370 activated
    assert values["Padang"] == 569


def test_scenario_slide_says_what_changed_and_projects_both() -> None:
    scenario = next(s for s in build_deck(SNAPSHOT, BALIKPAPAN_10, "id").slides if s.key == "scenario")
    assert scenario.title.startswith("Balikpapan")
    assert any("0 → 10" in b for b in scenario.bullets) and any("→ 20" in b for b in scenario.bullets)
    # Balikpapan goes from 10,8% to 16,7% by 31 December 2026 with 10 more kelurahan at 20 a working day.
    assert any(b.startswith("Kondisi sekarang: 10,8% pada 31 Desember 2026") for b in scenario.bullets)
    assert any(b.startswith("Skenario: 16,7% pada 31 Desember 2026") for b in scenario.bullets)
    names = [s.name for s in scenario.chart.series]  # type: ignore[union-attr]
    assert names == ["data", "Kondisi sekarang: proyeksi", "Skenario: proyeksi"]


def test_scenario_without_changes_says_so() -> None:
    scenario = next(s for s in build_deck(SNAPSHOT, {"region": "blitar"}, "en").slides if s.key == "scenario")
    assert scenario.bullets[0].startswith("No changes yet")


def test_sources_slides_carry_dates_mixed_bases_and_warnings() -> None:
    text = " ".join(b for s in build_deck(SNAPSHOT, {}, "id").slides if s.key.startswith("sources:")
                    for b in s.bullets)
    assert "Denpasar: per April 2024" in text
    assert "mencampur dasar yang berbeda" in text
    assert "Padang: Persen yang dilaporkan 30,06% tidak cocok" in text


def test_markup_in_the_data_stays_text_in_the_deck(tmp_path) -> None:
    hostile = DATA.read_text(encoding="utf-8").replace("name: Blitar", "name: \"<img src=x onerror=alert(1)>\"")
    path = tmp_path / "regions.yaml"
    path.write_text(hostile, encoding="utf-8")
    snapshot = build(load_path(str(path), today=TODAY), TODAY)
    html = export_bytes(snapshot, {}, "id", "html").decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    prs = Presentation(io.BytesIO(export_bytes(snapshot, {}, "id", "pptx")))
    ranking = next(sh for sh in prs.slides[1].shapes if sh.has_chart)
    assert "<img src=x onerror=alert(1)>" in list(ranking.chart.plots[0].categories)


# --- PowerPoint -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pptx_deck():
    deck = build_deck(SNAPSHOT, BALIKPAPAN_10, "id")
    return deck, Presentation(io.BytesIO(to_pptx(deck)))


def charts_of(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_pptx_has_the_deck_slides_16_by_9(pptx_deck) -> None:
    deck, prs = pptx_deck
    # title, ranking, people needed, Blitar and Balikpapan projections, the scenario, one sources slide
    assert len(prs.slides) == len(deck.slides) == 7
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [next(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
    assert titles == [s.title for s in deck.slides]


def test_pptx_charts_are_native_editable_charts_with_the_core_values(pptx_deck) -> None:
    deck, prs = pptx_deck
    [ranking] = charts_of(prs.slides[1])
    assert ranking.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(ranking.plots[0].categories) == ["Blitar", "Balikpapan"]
    assert list(ranking.plots[0].series[0].values) == [19.0, 8.5]
    [needed] = charts_of(prs.slides[2])
    assert needed.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(needed.plots[0].series[0].values) == deck.slides[2].chart.series[0].values
    for n, slide in enumerate(deck.slides):
        if slide.key.startswith("projection:") or slide.key == "scenario":
            [line] = charts_of(prs.slides[n])
            assert line.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
            plotted = [s.name for s in line.plots[0].series]
            assert plotted == [s.name for s in slide.chart.series] + ["Target 30%"]
            projection = next(s for s in line.plots[0].series if s.name.endswith("proyeksi"))
            expected = next(s for s in slide.chart.series if s.name.endswith("proyeksi"))
            assert list(projection.values) == pytest.approx([v for v in expected.values], nan_ok=True)
    assert not charts_of(prs.slides[0]) and not charts_of(prs.slides[-1])


def test_pptx_data_labels_use_indonesian_numbers(pptx_deck) -> None:
    _, prs = pptx_deck
    [ranking] = charts_of(prs.slides[1])
    labels = [p.data_label.text_frame.text for p in ranking.plots[0].series[0].points]
    assert labels == ["≈19%", "≈8,5%"]
    [needed] = charts_of(prs.slides[2])
    labels = [p.data_label.text_frame.text for p in needed.plots[0].series[0].points]
    assert all(re.fullmatch(r"≈?\d{1,3}(\.\d{3})*\*?( \(perkiraan\))?", t) for t in labels), labels


def test_pptx_speaker_notes_hold_sources_and_dates(pptx_deck) -> None:
    deck, prs = pptx_deck
    for slide, data in zip(prs.slides, deck.slides, strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes == "\n".join(data.notes)
    ranking_notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "Inibalikpapan.com" in ranking_notes and "18 Februari 2026" in ranking_notes
    projection_notes = prs.slides[3].notes_slide.notes_text_frame.text
    assert "Sumber:" in projection_notes and "Laju sekarang" in projection_notes


# --- Excel and CSV ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_xlsx_reads_back_equal_to_the_core_tables(lang: str) -> None:
    params = {"regions": ["blitar", "padang", "denpasar"]}
    tables = selection_tables(SNAPSHOT, params, lang)  # type: ignore[arg-type]
    book = pd.read_excel(io.BytesIO(export_bytes(SNAPSHOT, params, lang, "xlsx")), sheet_name=None)  # type: ignore
    assert list(book) == list(tables)
    assert list(book)[0] == {"id": "Perbandingan", "en": "Comparison"}[lang]
    for name, records in tables.items():
        expected = pd.DataFrame(records)
        got = book[name]
        assert list(got.columns) == list(expected.columns)
        assert len(got) == len(expected)
        for column in expected.columns:
            # An empty text cell reads back as missing; numbers come back as numbers.
            want = [None if v is None or v == "" or pd.isna(v) else v for v in expected[column]]
            have = [None if pd.isna(v) else v for v in got[column]]
            if all(isinstance(v, (int, float)) for v in want if v is not None):
                assert have == pytest.approx(want, nan_ok=True), (name, column)
            else:
                as_text = [[None if v is None else str(v) for v in values] for values in (have, want)]
                assert as_text[0] == as_text[1], (name, column)
    comparison = book[list(book)[0]]
    assert list(comparison.iloc[:, 0]) == ["Padang", "Blitar", "Denpasar"]


def test_csv_is_the_comparison_table() -> None:
    raw = export_bytes(SNAPSHOT, {"regions": ["blitar", "padang"]}, "id", "csv")
    assert raw.startswith("\ufeff".encode())
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert list(table["Wilayah"]) == ["Padang", "Blitar"]
    assert list(table["Persen"]) == ["≈30,06%", "≈19%"]
