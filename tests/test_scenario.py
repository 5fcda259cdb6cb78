"""The projection and what-if engine: hand-computed cases and properties that must always hold."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikd_core.pace import Pace
from ikd_core.scenario import Scenario, Start, percent_at, simulate, working_days

MONDAY = dt.date(2026, 11, 23)
END = dt.date(2026, 12, 31)


def pace(per_day: float) -> Pace:
    return Pace(per_day, "since_opening", dt.date(2023, 2, 14), MONDAY, ("x",))


def test_blitar_19_percent_of_about_123000_still_needs_13530_for_36900():
    start = Start(dt.date(2025, 11, 15), 19, 123_000)
    result = simulate(start, pace(19 / 1005), Scenario(deadline=END, target_percent=30))
    assert start.people == pytest.approx(23_370)
    assert result.target_people == 36_900 and result.still_needed == pytest.approx(13_530)


def test_required_pace_per_working_day_and_per_service_point_as_on_paper():
    # 20% of 100.000 on Monday 23 Nov 2026; 30% by 31 Dec 2026 = 30.000: 10.000 people in 38 days.
    # Mon-Fri working days after 23 Nov: 24-27 Nov (4) + 30 Nov (1) + December's 23 = 28.
    start = Start(MONDAY, 20, 100_000, service_points=34)
    result = simulate(start, pace(0.1), Scenario(deadline=END, target_percent=30))
    assert result.required_per_day == pytest.approx(10_000 / 38)
    assert working_days(MONDAY, END, 5) == 28
    assert result.required_per_working_day == pytest.approx(10_000 / 28)  # 357,14
    assert result.required_per_point_per_working_day == pytest.approx(10_000 / 28 / 34)  # 10,50
    # a six-day week adds the Saturdays 28 Nov and 5, 12, 19, 26 Dec: 33 days
    six = simulate(start, pace(0.1), Scenario(deadline=END, target_percent=30, working_days_per_week=6))
    assert six.required_per_working_day == pytest.approx(10_000 / 33)


def test_extra_service_points_and_outreach_add_people_a_day():
    start = Start(MONDAY, 20, 100_000)
    base = simulate(start, pace(0.01), Scenario(deadline=END, target_percent=30))  # 10 people a day
    more = simulate(start, pace(0.01), Scenario(deadline=END, target_percent=30, extra_points=10,
                                                per_point_per_working_day=7, outreach_per_week=2,
                                                per_outreach_event=35))
    # 10 points × 7 a working day × 5 days / 7 = 50 a day; 2 events × 35 / 7 = 10 a day
    assert base.people_per_day == pytest.approx(10)
    assert more.people_per_day == pytest.approx(70)
    assert more.projected_percent == pytest.approx(20 + 70 * 38 / 1000)


def test_a_growing_base_raises_the_people_needed_balikpapan_style():
    start = Start(dt.date(2026, 2, 18), 8.5, 766_000)
    flat = simulate(start, pace(0.0077), Scenario(deadline=END, target_percent=30))
    grows = simulate(start, pace(0.0077), Scenario(deadline=END, target_percent=30, growth_per_year=8_000))
    # 316 days of 8.000 a year: the base grows by 6.921,3; 30% of it is 2.077 more people
    assert grows.target_people - flat.target_people == pytest.approx(0.3 * 8000 * 316 / 365.25, abs=1)
    assert grows.projected_percent < flat.projected_percent


def test_the_band_brackets_the_projection_and_the_reach_dates():
    result = simulate(Start(MONDAY, 20, 100_000), pace(0.05), Scenario(deadline=END, target_percent=30, band=0.3))
    assert result.projected_low < result.projected_percent < result.projected_high
    assert result.reach_earliest < result.reach_date < result.reach_latest
    # 10 points at 0,05 a day = 200 days; at 0,065 a day 154 days; at 0,035 a day 286 days
    assert (result.reach_date - MONDAY).days == 200
    assert (result.reach_earliest - MONDAY).days == 154
    assert (result.reach_latest - MONDAY).days == 286


def test_a_pace_too_slow_for_ten_years_is_never_not_a_date():
    result = simulate(Start(MONDAY, 1, 100_000), pace(0.0001), Scenario(deadline=END, target_percent=30))
    assert result.reach_date is None and result.status == "tertinggal"


def test_saturating_curve_starts_at_the_pace_and_never_passes_its_ceiling():
    s = Scenario(deadline=END, target_percent=30, model="saturating", ceiling_percent=40)
    start = Start(MONDAY, 20, None)
    assert percent_at(start, s, 0.05, None, 1) == pytest.approx(20.05, abs=1e-3)
    assert percent_at(start, s, 0.05, None, 100_000) <= 40
    assert simulate(start, pace(0.05), s).reach_date is not None


def test_without_a_base_the_engine_works_in_percentage_points():
    result = simulate(Start(MONDAY, 20, None), pace(0.1), Scenario(deadline=END, target_percent=30))
    assert result.people_per_day is None and result.target_people is None
    assert result.required_per_day == pytest.approx(10 / 38)  # points a day
    assert result.projected_percent == pytest.approx(23.8)


# --- properties ----------------------------------------------------------------------------------------------------
starts = st.builds(
    Start,
    date=st.dates(dt.date(2023, 1, 1), dt.date(2026, 11, 1)),
    percent=st.floats(0, 99, allow_nan=False),
    base=st.one_of(st.none(), st.integers(1_000, 50_000_000).map(float)),
    service_points=st.one_of(st.none(), st.integers(1, 200)),
)
scenarios = st.builds(
    Scenario,
    deadline=st.dates(dt.date(2026, 11, 2), dt.date(2030, 12, 31)),
    target_percent=st.floats(1, 100, allow_nan=False),
    pace_multiplier=st.floats(0, 5, allow_nan=False),
    extra_points=st.integers(0, 50),
    per_point_per_working_day=st.floats(0, 100, allow_nan=False),
    outreach_per_week=st.floats(0, 10, allow_nan=False),
    per_outreach_event=st.floats(0, 500, allow_nan=False),
    working_days_per_week=st.sampled_from([5, 6]),
    growth_per_year=st.floats(0, 100_000, allow_nan=False),
    band=st.floats(0, 0.9, allow_nan=False),
    model=st.sampled_from(["constant", "saturating"]),
    ceiling_percent=st.floats(1, 100, allow_nan=False),
)
paces = st.floats(0, 0.5, allow_nan=False).map(pace)


@settings(max_examples=60, deadline=None)
@given(starts, scenarios, paces, st.floats(0, 4, allow_nan=False))
def test_projected_percent_never_decreases_as_the_pace_grows(start, s, p, more):
    slower = simulate(start, p, s)
    faster = simulate(start, Pace(p.per_day * (1 + more), p.method, p.start, p.end, p.observation_ids), s)
    assert faster.projected_percent >= slower.projected_percent - 1e-9


@settings(max_examples=60, deadline=None)
@given(starts, scenarios, paces)
def test_the_reach_date_agrees_with_the_projection(start, s, p):
    result = simulate(start, p, s)
    if result.reach_date is None or result.reach_date == start.date:
        return
    day = (result.reach_date - start.date).days
    points, people = result.points_per_day, result.people_per_day
    assert percent_at(start, s, points, people, day) >= s.target_percent
    assert percent_at(start, s, points, people, day - 1) < s.target_percent


@settings(max_examples=40, deadline=None)
@given(starts, scenarios.map(lambda s: Scenario(deadline=s.deadline, target_percent=s.target_percent)))
def test_a_zero_pace_gives_never_not_an_error(start, s):
    result = simulate(start, pace(0.0), s)
    if start.percent < s.target_percent:
        assert result.reach_date is None and result.status in ("tertinggal", "berisiko", "sesuai_jalur")
        assert result.status == "tertinggal" or result.required_per_day == 0


@settings(max_examples=40, deadline=None)
@given(starts, scenarios, paces)
def test_a_target_already_reached_is_tercapai(start, s, p):
    s = Scenario(**{**s.__dict__, "target_percent": max(0.5, start.percent * 0.9)})
    if start.percent >= s.target_percent:
        assert simulate(start, p, s).status == "tercapai"


@settings(max_examples=60, deadline=None)
@given(starts.filter(lambda s: s.base is not None), scenarios, paces, st.floats(1, 100_000, allow_nan=False))
def test_a_growing_base_never_lowers_the_people_still_needed(start, s, p, growth):
    flat = simulate(start, p, Scenario(**{**s.__dict__, "growth_per_year": 0.0}))
    grows = simulate(start, p, Scenario(**{**s.__dict__, "growth_per_year": growth}))
    assert grows.still_needed >= flat.still_needed
