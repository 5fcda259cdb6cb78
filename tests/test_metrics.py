"""Derived metrics and data checks, each expected value worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import datetime as dt

import pytest

from ikd_core import i18n
from ikd_core.domain.checks import comparison_findings, count_interval, observation_findings
from ikd_core.domain.dates import FuzzyDate
from ikd_core.domain.loading import load_path
from ikd_core.domain.metrics import Value, decimals, derive, latest, people_for_percent, percent_interval, target_for
from ikd_core.domain.models import Indicator, Observation
from ikd_core.domain.snapshot import build

from conftest import DATA as DATA_FILE
from conftest import TODAY


@pytest.fixture(scope="module")
def loaded():
    return load_path(DATA_FILE, today=TODAY)


@pytest.fixture(scope="module")
def snap(loaded):
    return build(loaded, TODAY)


def metric(snap, region: str, indicator: str):
    found = [m for m in snap.metrics if m.observation.region == region and m.observation.indicator == indicator]
    assert len(found) == 1
    return found[0]


# The eight observation ids of the seed file (tests/fixtures/seed/regions.yaml), sorted.
ALL_OBSERVATIONS = ["balikpapan-ikd-2026-02-18", "blitar-ikd-2025-q4", "denpasar-ikd-2024-04", "kaltim-akta-2024-11-12",
                    "kaltim-ikd-2024-11-12", "kaltim-kia-2024-11-12", "kaltim-ktp-el-2024-11-12",
                    "padang-ikd-2024-11-01"]


def codes(findings, subject: str | None = None) -> list[str]:
    return sorted(f.code for f in findings if subject is None or f.subject == subject)


# A self-contained IKD indicator with the national targets the articles state: 25% (2023), then 30%.
IKD = Indicator.model_validate({
    "id": "ikd", "name": {"id": "Aktivasi IKD", "en": "IKD activation"}, "base": "wajib_ktp",
    "targets": [{"year": y, "percent": p, "source": "s", "quote": "q"}
                for y, p in ((2023, 25), (2024, 30), (2025, 30), (2026, 30))],
})


def make_obs(**fields) -> Observation:
    data = {"id": "synthetic", "region": "somewhere", "indicator": "ikd", "as_of": "2024-11-12", "source": "s",
            "quotes": ["q"]}
    data.update(fields)
    return Observation.model_validate(data)


# --- Blitar: a share of an approximate wajib-KTP base -------------------------------------------------------------


def test_blitar_target_is_30_percent_of_123000_that_is_36900(snap):
    m = metric(snap, "blitar", "ikd")
    # The article states "sekitar 36.900": kept as reported, and it agrees with 30 × 123.000 / 100 = 36.900
    # (float gives 36.899,999…; must not round up to 36.901).
    assert (m.target_year, m.target_percent) == (2025, 30)
    assert m.target_count == Value(36_900, "reported", approximate=True)


def test_blitar_19_percent_of_123000_is_about_23370_activated_derived(snap):
    m = metric(snap, "blitar", "ikd")
    # 19 × 123.000 / 100 = 23.370
    assert m.count == Value(23_370, "derived", approximate=True)
    assert m.percent == Value(19, "reported", approximate=True)
    assert m.base == Value(123_000, "reported", approximate=True)


def test_blitar_still_needs_13530_for_the_30_percent_target(snap):
    m = metric(snap, "blitar", "ikd")
    # 36.900 − 23.370 = 13.530
    assert m.still_needed == Value(13_530, "derived", approximate=True)
    assert m.reached is False


def test_blitar_percent_of_target_is_19_over_30_that_is_63_33(snap):
    m = metric(snap, "blitar", "ikd")
    # 19 / 30 × 100 = 63,333…
    assert m.percent_of_target.value == pytest.approx(63.3333333, abs=1e-6)
    assert (m.percent_of_target.origin, m.percent_of_target.approximate) == ("derived", True)


def test_blitar_reported_36900_agrees_with_30_percent_of_about_123_ribu(snap):
    # "123 ribu" stands for 122.500 … 123.500, so 30% of it is 36.750 … 37.050; "sekitar 36.900" is ±50.
    assert count_interval(123_000, True) == (122_500, 123_500)
    assert (people_for_percent(30, 122_500), people_for_percent(30, 123_500)) == (36_750, 37_050)
    assert count_interval(36_900, True) == (36_850, 36_950)
    assert "target_count_mismatch" not in codes(snap.findings, "blitar-ikd-2025-q4")


# --- Kaltim: exact figures from the provincial Rakorda ---------------------------------------------------------------


def test_kaltim_kia_912264_of_1197605_is_76_17_percent_and_raises_no_mismatch(snap):
    m = metric(snap, "kaltim", "kia")
    # 912.264 / 1.197.605 × 100 = 76,1740… → 76,17 when written with two decimals: the reported figure agrees
    assert m.percent == Value(76.17, "reported")
    assert m.count == Value(912_264, "reported") and m.base == Value(1_197_605, "reported")
    assert codes(snap.findings, m.observation.id) == ["stale"]  # no percent_mismatch


def test_kaltim_kia_76_17_percent_is_above_the_60_percent_target(snap):
    m = metric(snap, "kaltim", "kia")
    # 76,17 / 60 × 100 = 126,95 % of target; 60% of 1.197.605 = 718.563 (exactly), already exceeded
    assert m.percent_of_target.value == pytest.approx(126.95)
    assert m.target_count == Value(718_563, "derived")
    assert m.still_needed == Value(0, "derived")
    assert m.reached is True


def test_kaltim_akta_98_78_percent_is_within_rounding_of_reported_99(snap):
    m = metric(snap, "kaltim", "akta_kelahiran")
    # 1.234.871 / 1.250.088 × 100 = 98,7827…; "99%" (no decimals) stands for 98,5 … 99,5 → agrees
    assert percent_interval(99) == (98.5, 99.5)
    # No mismatch, but the reported 99% meets the 99% target while the count is 2.717 short: said so.
    assert codes(snap.findings, m.observation.id) == ["reached_but_short", "stale"]


def test_kaltim_akta_still_needs_2717_children_for_the_99_percent_target(snap):
    m = metric(snap, "kaltim", "akta_kelahiran")
    # 99% × 1.250.088 = 1.237.587,12 → 1.237.588 children (rounded up); 1.237.588 − 1.234.871 = 2.717
    assert (m.target_year, m.target_percent) == (2024, 99)
    assert m.target_count == Value(1_237_588, "derived")
    assert m.still_needed == Value(2_717, "derived")


def test_kaltim_ikd_5_77_percent_of_2878769_is_166105_derived(snap):
    m = metric(snap, "kaltim", "ikd")
    # 5,77 × 2.878.769 / 100 = 166.104,97 → 166.105
    assert m.count == Value(166_105, "derived", approximate=False)
    # 30% × 2.878.769 = 863.630,7 → 863.631; 863.631 − 166.105 = 697.526; 5,77 / 30 = 19,233 % of target
    assert m.target_count == Value(863_631, "derived")
    assert m.still_needed == Value(697_526, "derived")
    assert m.percent_of_target.value == pytest.approx(19.2333333)


def test_kaltim_ktp_el_99_65_percent_exceeds_the_99_40_target(snap):
    m = metric(snap, "kaltim", "ktp_el")
    # 99,65 × 2.878.769 / 100 = 2.868.693,3 → 2.868.693 recorded; 99,40% → 2.861.496,4 → 2.861.497 needed
    assert m.count == Value(2_868_693, "derived")
    assert m.target_count == Value(2_861_497, "derived")
    assert m.still_needed == Value(0, "derived")
    assert m.reached is True


# --- Padang: the article's own figures disagree -----------------------------------------------------------------------


def test_padang_203479_of_680160_is_29_92_not_the_reported_30_06(snap):
    # 203.479 / 680.160 × 100 = 29,9163…; "30,06" stands for 30,055 … 30,065 → mismatch
    [finding] = [f for f in snap.findings if f.code == "percent_mismatch"]
    padang = metric(snap, "padang", "ikd")
    assert finding.subject == padang.observation.id
    assert finding.path == ("observations", 7, "percent")  # Padang is the 8th observation in the file
    assert finding.params["percent"] == 30.06
    assert (finding.params["count"], finding.params["base"]) == (203_479, 680_160)
    assert finding.params["computed_percent"] == pytest.approx(29.9163, abs=1e-4)


def test_padang_still_needs_569_for_the_30_percent_target(snap):
    m = metric(snap, "padang", "ikd")
    # 30% × 680.160 = 204.048 (exactly); 204.048 − 203.479 = 569
    assert m.target_count == Value(204_048, "derived")
    assert m.still_needed == Value(569, "derived")
    # 30,06 / 30 × 100 = 100,2 % of target, by the (inconsistent) reported percent
    assert m.percent_of_target.value == pytest.approx(100.2)


# --- Denpasar: approximate count and base -----------------------------------------------------------------------------


def test_denpasar_11000_of_500000_is_2_2_percent_and_raises_no_mismatch(snap):
    m = metric(snap, "denpasar", "ikd")
    # 11.000 / 500.000 × 100 = 2,2 exactly: the reported percent agrees
    assert m.percent == Value(2.2, "reported")
    assert m.count == Value(11_000, "reported", approximate=True)
    assert codes(snap.findings, m.observation.id) == ["stale"]
    # 30% of 500.000 = 150.000; 150.000 − 11.000 = 139.000, approximate since both inputs are
    assert m.target_count == Value(150_000, "derived", approximate=True)
    assert m.still_needed == Value(139_000, "derived", approximate=True)


def test_denpasar_approximate_intervals():
    # "11 ribu" → 10.500 … 11.500; "500 ribuan" → 450.000 … 550.000; "2,2" → 2,15 … 2,25
    assert count_interval(11_000, True) == (10_500, 11_500)
    assert count_interval(500_000, True) == (450_000, 550_000)
    assert percent_interval(2.2) == pytest.approx((2.15, 2.25))


@pytest.mark.parametrize(("percent", "mismatch"), [(1.8, True), (2.0, False), (2.5, False), (2.7, True)])
def test_about_11_ribu_of_about_500_ribu_tolerates_percents_from_1_9_to_2_56(percent, mismatch):
    # The implied share runs from 10.500 / 550.000 = 1,909% to 11.500 / 450.000 = 2,556%.
    # 1,8 (1,75 … 1,85) is below it and 2,7 (2,65 … 2,75) above it; 2,0 and 2,5 (2,45 … 2,55) overlap it.
    obs = make_obs(count=11_000, count_approximate=True, percent=percent, percent_of="perekaman_ktp_el",
                   base={"kind": "perekaman_ktp_el", "count": 500_000, "approximate": True})
    found = codes(observation_findings(derive(obs, IKD, dt.date(2024, 11, 13)), 0))
    assert ("percent_mismatch" in found) is mismatch


def test_exact_counts_have_no_interval_and_unrounded_approximate_ones_half_a_person():
    assert count_interval(203_479, False) == (203_479, 203_479)
    assert count_interval(36_901, True) == (36_900.5, 36_901.5)  # no trailing zero: ±0,5


# --- the seed data as a whole -----------------------------------------------------------------------------------------


def test_seed_data_warns_only_of_staleness_the_padang_mismatch_and_targets_reached_only_by_percent(snap):
    by_code = {}
    for f in snap.findings:
        by_code.setdefault(f.code, []).append(f.subject)
    assert set(by_code) == {"stale", "percent_mismatch", "reached_but_short"}
    assert by_code["percent_mismatch"] == ["padang-ikd-2024-11-01"]
    # Padang's "30,06%" and Kaltim's akta "99%" meet their targets, but 569 and 2.717 people are still missing.
    assert sorted(by_code["reached_but_short"]) == ["kaltim-akta-2024-11-12", "padang-ikd-2024-11-01"]
    # Every figure is more than 180 days old on 23 November 2026 (the newest, Balikpapan's of 18 Feb 2026, is 278).
    assert sorted(by_code["stale"]) == ALL_OBSERVATIONS


def test_balikpapan_derived_figures_are_marked_estimate(snap):
    m = metric(snap, "balikpapan", "ikd")
    # 8,5 × 766.000 / 100 = 65.110, on an analyst's estimated base
    assert m.count == Value(65_110, "estimate", approximate=True)
    assert m.base == Value(766_000, "estimate", approximate=True)
    # 30% × 766.000 = 229.800; 229.800 − 65.110 = 164.690
    assert m.target_count == Value(229_800, "estimate", approximate=True)
    assert m.still_needed == Value(164_690, "estimate", approximate=True)
    assert m.base_kind == "unspecified"
    assert (m.target_year, m.target_percent) == (2026, 30)


def test_latest_gives_one_ikd_figure_per_region(snap):
    assert sorted(m.observation.region for m in latest(snap.metrics, "ikd")) == [
        "balikpapan", "blitar", "denpasar", "kaltim", "padang"]
    assert [m.observation.indicator for m in latest(snap.metrics, "kia")] == ["kia"]


def test_latest_prefers_the_most_recent_reference_date():
    older = derive(make_obs(id="a", as_of="2025-Q4", percent=19, percent_of="wajib_ktp"), IKD, TODAY)
    newer = derive(make_obs(id="b", as_of="2025-12-01", percent=21, percent_of="wajib_ktp"), IKD, TODAY)
    # Q4 2025 stands for its midpoint, 15 November 2025, which is before 1 December 2025
    assert [m.observation.id for m in latest([newer, older], "ikd")] == ["b"]
    assert [m.observation.id for m in latest([older, newer], "ikd")] == ["b"]


# --- percent of target, and synthetic observations --------------------------------------------------------------------


def test_18_25_percent_of_the_national_target_is_5_475_percent_of_base():
    obs = make_obs(percent=18.25, percent_of="target", base={"kind": "wajib_ktp", "count": 100_000})
    m = derive(obs, IKD, TODAY)
    # 18,25% of a 30% target = 18,25 × 30 / 100 = 5,475% of wajib KTP
    assert m.percent.value == pytest.approx(5.475)
    assert (m.percent.origin, m.base_kind) == ("derived", "wajib_ktp")
    assert m.percent_of_target == Value(18.25, "reported")
    # 5,475% × 100.000 = 5.475 people; 30% × 100.000 = 30.000; 30.000 − 5.475 = 24.525
    assert m.count == Value(5_475, "derived")
    assert m.target_count == Value(30_000, "derived")
    assert m.still_needed == Value(24_525, "derived")


def test_percent_of_target_uses_the_target_of_the_observation_year():
    m = derive(make_obs(as_of="2023-06", percent=40, percent_of="target"), IKD, TODAY)
    # 40% of the 2023 target of 25% = 10%
    assert (m.target_year, m.target_percent) == (2023, 25)
    assert m.percent.value == pytest.approx(10)
    assert m.count is None and m.target_count is None  # no base, nothing to count
    assert m.base_kind == "unspecified"


def test_a_percent_of_target_is_not_checked_against_count_over_base():
    obs = make_obs(percent=18.25, percent_of="target", count=5_475, base={"kind": "wajib_ktp", "count": 100_000})
    # 5.475 / 100.000 = 5,475% of base, not 18,25 — but 18,25 is a percent of the target, so no mismatch
    assert "percent_mismatch" not in codes(observation_findings(derive(obs, IKD, TODAY), 0))


def test_percent_of_target_is_percent_over_target():
    m = derive(make_obs(percent=19, percent_of="wajib_ktp"), IKD, TODAY)
    # 19 / 30 × 100 = 63,33…
    assert m.percent_of_target.value == pytest.approx(63.33, abs=0.005)
    assert m.percent_of_target.origin == "derived"


def test_count_and_base_without_percent_derive_the_percent():
    m = derive(make_obs(count=250, base={"kind": "anak", "count": 1_000}), IKD, TODAY)
    # 250 / 1.000 × 100 = 25%; 30% of 1.000 = 300; 300 − 250 = 50
    assert m.percent == Value(25, "derived")
    assert m.base_kind == "anak"
    assert m.still_needed == Value(50, "derived")


def test_target_for_uses_that_year_else_the_latest_earlier_else_the_earliest():
    assert target_for(IKD, 2023) == (2023, 25)
    assert target_for(IKD, 2024) == (2024, 30)
    assert target_for(IKD, 2030) == (2026, 30)
    assert target_for(IKD, 2020) == (2023, 25)
    assert target_for(IKD.model_copy(update={"targets": []}), 2024) is None


def test_people_for_percent_rounds_up_without_float_noise():
    # 0,07% of 10.000 is 7 people, but in floats 0.07 * 10000 / 100 = 7.000000000000001, whose ceiling is 8
    assert people_for_percent(0.07, 10_000) == 7
    assert people_for_percent(30, 123_000) == 36_900
    assert people_for_percent(30, 680_160) == 204_048
    assert people_for_percent(99, 1_250_088) == 1_237_588  # 1.237.587,12 rounded up
    assert people_for_percent(60, 1) == 1  # 0,6 person is one person


# --- data checks on synthetic observations ----------------------------------------------------------------------------


def test_count_above_base_is_flagged():
    m = derive(make_obs(count=120, base={"kind": "wajib_ktp", "count": 100}), IKD, dt.date(2024, 11, 13))
    assert codes(observation_findings(m, 0)) == ["count_above_base"]


def test_percent_above_100_is_flagged_with_its_reason():
    obs = make_obs(percent=105, percent_of="wajib_ktp", over_100_reason="non-residents activate here")
    [f] = observation_findings(derive(obs, IKD, dt.date(2024, 11, 13)), 3)
    assert (f.code, f.path, f.params["reason"]) == ("percent_above_100", ("observations", 3, "percent"),
                                                    "non-residents activate here")


def test_target_count_mismatch_respects_approximate_wording():
    base = {"kind": "wajib_ktp", "count": 123_000}
    exact = derive(make_obs(percent=19, percent_of="wajib_ktp", base=base, target_count=37_000), IKD, TODAY)
    # 30% of exactly 123.000 is 36.900, not 37.000
    assert "target_count_mismatch" in codes(observation_findings(exact, 0))
    fine = derive(make_obs(percent=19, percent_of="wajib_ktp", base=base, target_count=36_900), IKD, TODAY)
    assert "target_count_mismatch" not in codes(observation_findings(fine, 0))


def test_quote_not_found_ignores_whitespace_and_case_only():
    m = derive(make_obs(percent=19, percent_of="wajib_ktp", quotes=["capaian kami masih  sekitar\n19 persen",
                                                                   "capaian kami masih 91 persen"]),
               IKD, dt.date(2024, 11, 13))
    article = "Dari target 30 persen, Capaian kami masih sekitar 19 persen."
    [f] = observation_findings(m, 0, article, check_quotes=True)
    assert (f.code, f.path) == ("quote_not_found", ("observations", 0, "quotes", 1))


def test_decimals_as_written():
    assert (decimals(30.06), decimals(8.5), decimals(99), decimals(99.65), decimals(0.25)) == (2, 1, 0, 2, 2)


def test_decimals_of_tiny_percents_as_yaml_reads_them():
    # YAML reads `percent: 0.00001` as the float 1e-05, whose repr() has no "." at all, and 0.000015 as
    # 1.5e-05 (repr "1.5e-05"). Written, they have 5 and 6 decimal places.
    assert decimals(0.00001) == 5
    assert decimals(0.000015) == 6


def test_a_tiny_reported_percent_does_not_crash_the_checks():
    # 1 of 10.000.000 is 0,00001% — a valid observation, and a consistent one.
    obs = make_obs(count=1, percent=0.00001, percent_of="wajib_ktp", base={"kind": "wajib_ktp", "count": 10_000_000})
    m = derive(obs, IKD, dt.date(2024, 11, 13))
    assert "percent_mismatch" not in codes(observation_findings(m, 0))


# --- data age and staleness -------------------------------------------------------------------------------------------


def test_age_in_days_of_a_day_precision_date(snap):
    # 12 Nov 2024 → 12 Nov 2026 = 365 + 365 = 730 days (no 29 February in between); + 11 days to 23 Nov = 741
    assert metric(snap, "kaltim", "ikd").age_days == 741
    # 1 Nov 2024 → 23 Nov 2026 = 741 + 11 = 752
    assert metric(snap, "padang", "ikd").age_days == 752


def test_age_in_days_of_a_month_precision_date_counts_from_its_midpoint(snap):
    # April 2024 = 1…30 April; midpoint 1 April + 29 // 2 = 14 days = 15 April 2024.
    # 15 Apr 2024 → 15 Apr 2026 = 730; → 15 Nov 2026 = +214 (30+31+30+31+31+30+31); → 23 Nov = +8: 952
    assert FuzzyDate.parse("2024-04").reference == dt.date(2024, 4, 15)
    assert metric(snap, "denpasar", "ikd").age_days == 952
    m = derive(make_obs(as_of="2024-04", percent=2, percent_of="wajib_ktp"), IKD, dt.date(2024, 5, 15))
    assert m.age_days == 30  # 15 April → 15 May


def test_age_in_days_of_a_quarter_precision_date_counts_from_its_midpoint(snap):
    # Q4 2025 = 1 Oct … 31 Dec (91 days between); midpoint 1 Oct + 45 = 15 Nov 2025; → 23 Nov 2026 = 365 + 8 = 373
    assert FuzzyDate.parse("2025-Q4").reference == dt.date(2025, 11, 15)
    assert metric(snap, "blitar", "ikd").age_days == 373


def test_stale_warning_only_after_180_days():
    obs = make_obs(as_of="2024-11-12", percent=5.77, percent_of="wajib_ktp")
    day180 = dt.date(2024, 11, 12) + dt.timedelta(days=180)
    assert "stale" not in codes(observation_findings(derive(obs, IKD, day180), 0))
    [f] = observation_findings(derive(obs, IKD, day180 + dt.timedelta(days=1)), 0)
    assert (f.code, f.params) == ("stale", {"days": 181, "limit": 180})


def test_a_fresh_snapshot_warns_only_about_older_figures(loaded):
    # On 1 March 2026 the Balikpapan figure (18 Feb 2026) is 11 days old and Blitar's (Q4 2025 = 15 Nov 2025)
    # 16 + 31 + 31 + 28 = 106 days; the 2024 figures are all older than 180 days.
    fresh = build(loaded, dt.date(2026, 3, 1))
    assert metric(fresh, "balikpapan", "ikd").age_days == 11
    assert metric(fresh, "blitar", "ikd").age_days == 106
    stale = {f.subject for f in fresh.findings if f.code == "stale"}
    assert stale == set(ALL_OBSERVATIONS) - {"balikpapan-ikd-2026-02-18", "blitar-ikd-2025-q4"}


# --- comparisons ------------------------------------------------------------------------------------------------------


def test_comparing_kaltim_with_padang_warns_of_bases_levels_and_dates(snap):
    levels = {r.id: r.level for r in snap.dataset.regions}
    kaltim, padang = metric(snap, "kaltim", "ikd"), metric(snap, "padang", "ikd")
    found = {f.code: f.params for f in comparison_findings([kaltim, padang], levels)}
    assert found["mixed_bases"] == {"kinds": ["perekaman_ktp_el", "wajib_ktp"]}
    assert found["mixed_levels"] == {"levels": ["kota", "provinsi"]}
    assert found["different_dates"]["first"] == FuzzyDate.parse("2024-11-01")
    assert found["different_dates"]["last"] == FuzzyDate.parse("2024-11-12")
    assert comparison_findings([kaltim], levels) == []


# --- formatting -------------------------------------------------------------------------------------------------------


def test_numbers_are_formatted_with_indonesian_and_english_separators():
    assert i18n.number(2_878_769) == "2.878.769"
    assert i18n.number(2_878_769, "en") == "2,878,769"
    assert i18n.number(569) == "569"
    assert i18n.number(1_234.5, "id", decimals=1) == "1.234,5"


def test_percents_are_formatted_with_decimal_comma_in_indonesian():
    assert i18n.percent(8.5) == "8,5%"
    assert i18n.percent(8.5, "en") == "8.5%"
    assert i18n.percent(30.06) == "30,06%"
    assert i18n.percent(99.65, "en") == "99.65%"
    assert i18n.percent(30) == "30%"
    assert i18n.percent(63.3333333) == "63,33%"
    assert i18n.percent(8.5, decimals=2) == "8,50%"
    assert i18n.percent(30.06, decimals=0) == "30%"


def test_dates_are_formatted_at_their_own_precision():
    assert i18n.date(FuzzyDate.parse("2024-11-12")) == "12 November 2024"
    assert i18n.date(FuzzyDate.parse("2024-11-12"), "en") == "12 November 2024"
    assert i18n.date(FuzzyDate.parse("2026-02-18")) == "18 Februari 2026"
    assert i18n.date(FuzzyDate.parse("2026-02-18"), "en") == "18 February 2026"
    assert i18n.date(FuzzyDate.parse("2024-04")) == "April 2024"
    assert i18n.date(FuzzyDate.parse("2024-05"), "en") == "May 2024"
    assert i18n.date(FuzzyDate.parse("2024-05")) == "Mei 2024"
    assert i18n.date(FuzzyDate.parse("2025-Q4")) == "Triwulan IV 2025"
    assert i18n.date(FuzzyDate.parse("2025-Q4"), "en") == "Q4 2025"
    assert i18n.date(FuzzyDate.parse(2025)) == i18n.date(FuzzyDate.parse(2025), "en") == "2025"


def test_findings_are_worded_with_formatted_numbers(snap):
    [f] = [f for f in snap.findings if f.code == "percent_mismatch"]
    text = i18n.finding(f.code, f.params)
    assert "30,06%" in text and "203.479" in text and "680.160" in text and "29,92%" in text
    text_en = i18n.finding(f.code, f.params, "en")
    assert "30.06%" in text_en and "203,479" in text_en and "29.92%" in text_en
