"""The comparison core: metrics, fairness notes, like-for-like, statuses, links, exports, region detail."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from ikd_core.domain.loading import load_path
from ikd_core.domain.pace import estimate_pace, series
from ikd_core.domain.projection import outlook, plan
from ikd_core.domain.snapshot import build
from ikd_core.render.exports import observation_records, selected_metrics, to_csv, to_xlsx
from ikd_core.views.compare import compare, filter_regions, table_rows
from ikd_core.views.links import allowed_values, clean
from ikd_core.views.region import region_view

from conftest import DATA, TODAY

ALL = ["kaltim", "balikpapan", "blitar", "denpasar", "padang"]


@pytest.fixture(scope="module")
def snap():
    return build(load_path(DATA, today=TODAY), TODAY)


def test_ranking_is_best_first_with_the_target_of_the_current_year(snap):
    view = compare(snap, "id", ALL, "ikd", "percent")
    assert [r.region_id for r in view.rows] == ["padang", "blitar", "balikpapan", "kaltim", "denpasar"]
    assert view.target_line == 30


def test_percent_of_target_metric_draws_the_100_percent_line(snap):
    view = compare(snap, "id", ["blitar"], "ikd", "percent_of_target")
    assert view.rows[0].value == pytest.approx(63.333, abs=0.001)  # 19% of a 30% target: 19 / 30 = 63,33%
    assert view.rows[0].value_text == "≈63,33%*"
    assert view.target_line == 100


def test_data_age_metric_counts_days_from_the_period_midpoint(snap):
    view = compare(snap, "id", ["denpasar"], "ikd", "age_days")
    # April 2024's midpoint is 15 April 2024; 15 April 2024 → 23 November 2026 = 952 days
    assert view.rows[0].value == 952 and view.rows[0].value_text == "952 hari"


def test_mixed_bases_and_levels_offer_the_largest_like_for_like_group(snap):
    view = compare(snap, "id", ALL, "ikd", "percent")
    assert view.like_for_like == ("padang", "denpasar")  # both kota, both of perekaman KTP-el
    assert any("mencampur dasar" in n for n in view.notes)
    same = compare(snap, "id", ["padang", "denpasar"], "ikd", "percent")
    assert same.like_for_like is None and not any("mencampur" in n for n in same.notes)


def test_regions_without_the_indicator_are_named_not_silently_dropped(snap):
    view = compare(snap, "en", ALL, "akta_kelahiran", "percent")
    assert [r.name for r in view.rows] == ["Kalimantan Timur"]
    assert view.missing == ["Balikpapan", "Blitar", "Denpasar", "Padang"]
    assert "No Birth certificate figure for: Balikpapan, Blitar, Denpasar, Padang." in view.notes


def test_unknown_region_ids_are_ignored_by_the_core(snap):
    assert [r.region_id for r in compare(snap, "id", ["nowhere", "padang"], "ikd").rows] == ["padang"]


def test_filters_by_level_and_province(snap):
    assert filter_regions(snap, ["provinsi"]) == ["kaltim"]
    assert filter_regions(snap, [], ["Kalimantan Timur"]) == ["kaltim", "balikpapan"]
    assert filter_regions(snap, ["kota"], ["Kalimantan Timur"]) == ["balikpapan"]
    assert filter_regions(snap) == ALL


def test_table_rows_keep_a_numeric_progress_and_formatted_text(snap):
    rows = table_rows(compare(snap, "id", ["kaltim"], "kia"), snap, "id")
    assert rows[0]["Capaian thd target (%)"] == pytest.approx(127.0)  # 76,17 / 60 × 100 = 126,95 → 127,0
    assert rows[0]["Persen"] == "76,17%" and rows[0]["Status"] == "✔ tercapai"


def test_each_region_keeps_its_colour_from_a_colour_blind_safe_palette(snap):
    # Padang is the fifth region in the file: the fifth Okabe-Ito colour (black left out), vermillion #D55E00,
    # whichever regions are on the chart with it.
    views = [compare(snap, "id", ids, "ikd") for ids in (ALL, ["padang"], ["denpasar", "padang"])]
    assert {r.color for v in views for r in v.rows if r.region_id == "padang"} == {"#D55E00"}
    assert [r.color for r in views[0].rows] == ["#D55E00", "#009E73", "#56B4E9", "#E69F00", "#0072B2"]


# --- status and pace ---------------------------------------------------------------------------------------------
def test_single_observation_pace_is_the_average_since_the_public_opening(snap):
    points = series(snap.metrics, "kaltim", "ikd")
    pace = estimate_pace(points, snap.dataset.program.public_opening.date)
    # Q1 2023's midpoint is 14 February 2023; 5,77% of 2.878.769 = 166.105 people over the 637 days to 12 November
    # 2024 (a pace in people, since the figure's count is known)
    assert pace.method == "since_opening" and pace.start == dt.date(2023, 2, 14) and pace.reason == "one_figure"
    assert pace.unit == "people" and pace.per_day == pytest.approx(166_105 / 637)


def test_blitar_is_behind_by_31_december_2026_counting_from_today(snap):
    out = next(r for r in compare(snap, "id", ["blitar"]).rows).outlook
    # pace: 19% of 123.000 = 23.370 people over 1.005 days (14 Feb 2023 → 15 Nov 2025) = 23,25 a day.
    # Today (23 Nov 2026) is 373 days after its figure: probably 23.370 + 23,25 × 373 = 32.043,6 people now.
    # Needed from today: 36.900 − 32.043,6 = 4.856,4 people in the 38 days to 31 Dec 2026 = 127,8 a day.
    # At its pace it reaches 23.370 + 23,25 × 411 = 32.927 by the deadline; at twice that pace from today (the
    # past cannot be doubled) 32.043,6 + 46,5 × 38 = 33.810,6: short of 36.900 both ways, so behind. (Read from
    # its figure's date, as before, twice the pace over 411 days would have made it "at risk".)
    assert out.pace.per_day == pytest.approx(23_370 / 1005) and out.pace.unit == "people"
    assert out.result.people_per_day == pytest.approx(23_370 / 1005)
    assert out.result.at_today.mid / 100 * 123_000 == pytest.approx(23_370 + 23_370 / 1005 * 373)
    assert out.result.required_per_day == pytest.approx((36_900 - 23_370 - 23_370 / 1005 * 373) / 38)
    assert out.status == "tertinggal"


def test_without_a_target_in_force_the_status_is_unknown_and_nothing_projects_against_a_made_up_one(snap):
    import dataclasses

    from ikd_core.views.whatif import region_scenario

    indicators = [i.model_copy(update={"targets": []}) if i.id == "ikd" else i for i in snap.dataset.indicators]
    loaded = dataclasses.replace(snap.loaded, dataset=snap.dataset.model_copy(update={"indicators": indicators}))
    untargeted = build(loaded, TODAY)
    assert outlook(plan(untargeted, "padang", "ikd")).status == "tidak_diketahui"  # type: ignore[arg-type]
    assert {r.status for r in compare(untargeted, "id", ALL, "ikd").rows} == {"tidak_diketahui"}
    assert region_scenario(untargeted, "padang", "ikd", "id") is None


# --- links ---------------------------------------------------------------------------------------------------------
def test_link_values_the_data_does_not_know_are_rejected_and_others_kept(snap):
    kept, rejected = clean({"regions": ["padang", "nowhere"], "lang": ["fr"], "utm_source": ["wa"],
                            "metric": ["still_needed"]}, allowed_values(snap))
    assert kept == {"regions": ["padang"], "utm_source": ["wa"], "metric": ["still_needed"]}
    assert rejected == [("regions", "nowhere"), ("lang", "fr")]


def test_without_data_only_language_metric_and_level_are_checked():
    kept, rejected = clean({"lang": ["en"], "regions": ["anything"]}, allowed_values(None))
    assert kept == {"lang": ["en"], "regions": ["anything"]} and rejected == []


# --- exports -------------------------------------------------------------------------------------------------------
def test_csv_has_a_bom_language_headers_and_every_selected_observation(snap):
    records = observation_records(snap, "id", selected_metrics(snap, ["kaltim"]))
    data = to_csv(records)
    assert data.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(frame) == 4 and "jumlah_dasar" in frame.columns
    assert set(frame["id_observasi"]) == {"kaltim-ikd-2024-11-12", "kaltim-ktp-el-2024-11-12",
                                          "kaltim-kia-2024-11-12", "kaltim-akta-2024-11-12"}
    kia = frame.set_index("id_observasi").loc["kaltim-kia-2024-11-12"]
    assert (kia["jumlah"], kia["jumlah_dasar"], kia["persen"]) == (912264, 1197605, 76.17)


def test_excel_round_trips_to_the_same_records(snap):
    records = observation_records(snap, "en", selected_metrics(snap))
    book = pd.read_excel(io.BytesIO(to_xlsx({"Observations": records})), sheet_name=None)
    frame = book["Observations"]
    back = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert list(frame.columns) == list(records[0])
    assert back == records
    # The seed file has 8 observations: Kaltim's four, and one IKD figure for each of the four cities.
    assert len(back) == 8
    denpasar = next(r for r in back if r["observation_id"] == "denpasar-ikd-2024-04")
    assert (denpasar["count"], denpasar["base_count"], denpasar["percent"]) == (11000, 500000, 2.2)
    assert denpasar["still_needed"] == 139000  # 30% of 500.000 = 150.000, less 11.000


def test_export_marks_derived_figures_apart_from_reported_ones(snap):
    (record,) = observation_records(snap, "en", selected_metrics(snap, ["blitar"]))
    assert record["count"] is None and record["derived_count"] == 23370
    assert record["percent"] == 19 and record["derived_percent"] is None


def test_spreadsheet_formulas_in_data_text_are_neutralised():
    data = to_csv([{"quote": "=HYPERLINK(\"http://x\")", "n": 1}]).decode("utf-8-sig")
    assert "'=HYPERLINK" in data


def test_search_finds_quotes_publishers_and_indicator_names(snap):
    assert [m.observation.id for _, m in selected_metrics(snap, query="bisnis bali")] == ["denpasar-ikd-2024-04"]
    assert len(selected_metrics(snap, query="KIA")) == 1
    assert len(selected_metrics(snap, indicator_ids=["ikd"])) == 5


# --- region detail -------------------------------------------------------------------------------------------------
def test_region_detail_has_parent_children_facts_and_history(snap):
    balikpapan = region_view(snap, "balikpapan", "id")
    assert balikpapan.parent == ("kaltim", "Kalimantan Timur") and balikpapan.children == []
    assert [f["Fakta"] for f in balikpapan.facts] == [
        "Jumlah penduduk", "Pertambahan penduduk per tahun", "Titik layanan aktivasi IKD",
        "…di antaranya didanai APBD murni"]
    assert balikpapan.facts[1]["Nilai"] == "≈8.000"
    kaltim = region_view(snap, "kaltim", "id")
    assert kaltim.children == [("balikpapan", "Balikpapan")] and kaltim.parent is None
    assert [s.indicator for s in kaltim.series] == ["ikd", "ktp_el", "kia", "akta_kelahiran"]
    assert len({s.symbol for s in kaltim.series}) == 4  # shapes, not only colours


def test_region_detail_latest_table_has_status_and_target_per_indicator(snap):
    rows = {r["Indicator"]: r for r in region_view(snap, "kaltim", "en").latest}
    assert rows["KTP-el recording"]["Target"] == "99.4%" and rows["KTP-el recording"]["Status"] == "✔ reached"
    assert rows["IKD activation"]["Status"] == "✖ behind"


def test_region_history_is_drawn_in_the_regions_own_colour_with_a_shape_per_indicator(snap):
    from ikd_core.render.charts import region_history

    figure = region_history(region_view(snap, "kaltim", "id"), "id")
    assert {trace.marker.color for trace in figure.data} == {"#E69F00"}  # Kaltim is first in the file: orange
    assert len({trace.marker.symbol for trace in figure.data}) == 4
    # All four figures are of 12 November 2024, drawn with 45 days either side (28 Sep – 27 Dec 2024): a tick a
    # month, in Indonesian month names.
    assert list(figure.layout.xaxis.ticktext) == ["Sep 2024", "Okt 2024", "Nov 2024", "Des 2024"]


def test_region_history_writes_only_the_latest_values_that_have_room_and_names_each_in_the_legend(snap):
    from ikd_core.render.charts import region_history

    figure = region_history(region_view(snap, "kaltim", "id"), "id")
    written = {trace.name: [t for t in trace.text if t] for trace in figure.data}
    # All four figures on 12 November 2024, on an axis to 99,65 × 1,15 = 114,6%: 99,65% and 99% lie 0,65 points
    # (under 2 px) apart, so only the higher is written; 76,17% and 5,77% are far from both. The legend names all four.
    assert written == {"Aktivasi IKD: 5,77%": ["5,77%"], "Perekaman KTP-el: 99,65%": ["99,65%"],
                       "KIA: 76,17%": ["76,17%"], "Akta kelahiran: 99%": []}
