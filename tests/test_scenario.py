"""The projection and what-if engine: hand-computed cases and properties that must always hold."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikd_core.domain.pace import Pace
from ikd_core.domain.scenario import Result, Scenario, Start, working_days
from ikd_core.domain.scenario import simulate as engine

MONDAY = dt.date(2026, 11, 23)
END = dt.date(2026, 12, 31)


def pace(per_day: float, unit: str = "points") -> Pace:
    return Pace(per_day, unit, "since_opening", dt.date(2023, 2, 14), MONDAY, ("x",))  # type: ignore[arg-type]


def simulate(start: Start, p: Pace, s: Scenario, today: dt.date | None = None) -> Result:
    """The engine as of `today`; by default the day of the figure itself, as the hand-worked cases are."""
    return engine(start, p, s, today or start.date)


def test_blitar_19_percent_of_about_123000_still_needs_13530_for_36900():
    # Blitar: 19% of 123.000 on 15 Nov 2025 (the middle of Q4 2025), at its average since the opening on
    # 14 Feb 2023 (1.005 days): 19 / 1.005 points a day = 23,25 people a day.
    start = Start(dt.date(2025, 11, 15), 19, 123_000)
    result = simulate(start, pace(19 / 1005), Scenario(deadline=END, target_percent=30))
    # 19% of 123.000 = 23.370 activated; 30% = 36.900; 36.900 − 23.370 = 13.530 in the 411 days to 31 Dec 2026
    assert start.level == pytest.approx(23_370)
    assert result.target_people == 36_900 and result.still_needed == pytest.approx(13_530)
    assert result.required_per_day == pytest.approx(32.9197, abs=1e-4)  # 13.530 / 411
    # 23,25 a day is short of 32,92 but at least half of it: at risk
    assert result.status == "berisiko"


def test_required_pace_per_working_day_and_per_service_point_as_on_paper():
    # 20% of 100.000 on Monday 23 Nov 2026; 30% by 31 Dec 2026 = 30.000: 10.000 people in 38 days.
    # Mon-Fri working days after 23 Nov: 24-27 Nov (4) + 30 Nov (1) + December's 23 = 28.
    start = Start(MONDAY, 20, 100_000, service_points=34)
    result = simulate(start, pace(0.1), Scenario(deadline=END, target_percent=30))
    assert result.required_per_day == pytest.approx(263.158, abs=1e-3)  # 10.000 / 38
    assert working_days(MONDAY, END, 5) == 28
    assert result.required_per_working_day == pytest.approx(357.143, abs=1e-3)  # 10.000 / 28
    assert result.required_per_point_per_working_day == pytest.approx(10.504, abs=1e-3)  # 357,143 / 34
    # a six-day week adds the Saturdays 28 Nov and 5, 12, 19, 26 Dec: 33 days
    assert working_days(MONDAY, END, 6) == 33
    six = simulate(start, pace(0.1), Scenario(deadline=END, target_percent=30, working_days_per_week=6))
    assert six.required_per_working_day == pytest.approx(303.030, abs=1e-3)  # 10.000 / 33


def test_extra_service_points_and_outreach_add_people_a_day():
    start = Start(MONDAY, 20, 100_000)
    base = simulate(start, pace(0.01), Scenario(deadline=END, target_percent=30))  # 10 people a day
    more = simulate(start, pace(0.01), Scenario(deadline=END, target_percent=30, extra_points=10,
                                                per_point_per_working_day=7, outreach_per_week=2,
                                                per_outreach_event=35))
    # 10 points × 7 a working day × 5 days / 7 = 50 a day; 2 events × 35 / 7 = 10 a day
    assert base.people_per_day == pytest.approx(10)
    assert more.people_per_day == pytest.approx(70)
    # 38 days × 70 = 2.660 more people on 20.000 of 100.000: 22.660, that is 22,66%
    assert more.projected_percent == pytest.approx(22.66)


def test_a_growing_base_raises_the_people_needed_balikpapan_style():
    start = Start(dt.date(2026, 2, 18), 8.5, 766_000)
    flat = simulate(start, pace(0.0077), Scenario(deadline=END, target_percent=30))
    grows = simulate(start, pace(0.0077), Scenario(deadline=END, target_percent=30, growth_per_year=8_000))
    # 18 Feb → 31 Dec 2026 is 316 days; 8.000 a year × 316 / 365,25 = 6.921,3 more people in the base.
    # Flat: 30% of 766.000 = 229.800. Growing: 30% of 772.921,3 = 231.876,4 → 231.877 (rounded up).
    assert flat.target_people == 229_800
    assert grows.target_people == 231_877
    assert grows.projected_percent < flat.projected_percent


def test_the_band_brackets_the_projection_and_the_reach_dates():
    result = simulate(Start(MONDAY, 20, 100_000), pace(0.05), Scenario(deadline=END, target_percent=30, band=0.3))
    assert result.projected.low < result.projected.mid < result.projected.high
    assert result.reach_earliest < result.reach_date < result.reach_latest
    # 10 points at 0,05 a day = 200 days; at 0,065 a day 154 days; at 0,035 a day 286 days
    assert (result.reach_date - MONDAY).days == 200
    assert (result.reach_earliest - MONDAY).days == 154
    assert (result.reach_latest - MONDAY).days == 286


def test_a_pace_too_slow_for_ten_years_has_no_reach_date_and_is_behind():
    # 29 points at 0,0001 a day would take 290.000 days; 0,1 person a day against 29.000 / 38 = 763 needed
    result = simulate(Start(MONDAY, 1, 100_000), pace(0.0001), Scenario(deadline=END, target_percent=30))
    assert result.reach_date is None and result.status == "tertinggal"


def test_saturating_curve_starts_at_the_pace_and_never_passes_its_ceiling():
    s = Scenario(deadline=END, target_percent=30, model="saturating", ceiling_percent=40)
    start = Start(MONDAY, 20, None)
    one_day = Scenario(**{**s.__dict__, "deadline": MONDAY + dt.timedelta(days=1)})
    assert simulate(start, pace(0.05), one_day).projected.mid == pytest.approx(20.05, abs=1e-3)
    far = Scenario(**{**s.__dict__, "deadline": MONDAY + dt.timedelta(days=100_000)})
    assert simulate(start, pace(0.05), far).projected.mid <= 40
    # 20 points of room closing at 0,05 / 20 = 0,25% a day: half of it (30%) after ln 2 / 0,0025 = 277,3 days
    assert (simulate(start, pace(0.05), s).reach_date - MONDAY).days == 278


def test_without_a_base_the_engine_works_in_percentage_points():
    result = simulate(Start(MONDAY, 20, None), pace(0.1), Scenario(deadline=END, target_percent=30))
    assert result.people_per_day is None and result.target_people is None
    assert result.required_per_day == pytest.approx(0.26316, abs=1e-5)  # 10 points / 38 days
    assert result.projected_percent == pytest.approx(23.8)  # 20 + 0,1 × 38


def test_a_target_touched_for_less_than_a_week_still_has_a_reach_date():
    # 26% of 1.000 people; 10 outreach events a week × 40 = 57,14 people a day = 5,714 points a day; the saturating
    # curve closes the 15 points of room to its 41% ceiling at 5,714 / 15 = 0,381 a day, while the base grows by
    # 5.737 / 365,25 = 15,71 people a day. Share of the grown base, 41 − 15 × e^(−0,381 d) over 1.000 + 15,71 d:
    #   day 5: 38,767% of 1.000 = 387,67 / 1.078,54 = 35,94%
    #   day 6: 39,474% of 1.000 = 394,74 / 1.094,24 = 36,07%  ← at the 36,05% target
    #   day 7: 39,958% of 1.000 = 399,58 / 1.109,95 = 36,00%, and falling from then on
    s = Scenario(deadline=END, target_percent=36.05, outreach_per_week=10, per_outreach_event=40,
                 growth_per_year=5_737, model="saturating", ceiling_percent=41, band=0.0)
    result = simulate(Start(MONDAY, 26, 1_000), pace(0.0), s)
    assert result.reach_date == MONDAY + dt.timedelta(days=6)  # Sunday 29 November 2026


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
    faster = simulate(start, pace(p.per_day * (1 + more)), s)
    assert faster.projected_percent >= slower.projected_percent - 1e-9


def model_percent(start: Start, per_day: float, s: Scenario, days: int, factor: float = 1.0) -> float:
    """Reference model, from the method as the README states it: the current pace (times the multiplier) plus the
    new service points and outreach events in people a day (only with a known base), scaled by `factor` for the
    band; straight, or closing the gap to the ceiling at that initial pace; over a base growing by the year."""
    if days <= 0:
        return start.percent
    points = per_day * s.pace_multiplier
    if start.base:
        extra = (s.extra_points * s.per_point_per_working_day * s.working_days_per_week
                 + s.outreach_per_week * s.per_outreach_event) / 7
        points += extra / start.base * 100
    points *= factor
    if s.model == "saturating" and s.ceiling_percent > start.percent:
        gap = s.ceiling_percent - start.percent
        percent = s.ceiling_percent - gap * math.exp(-points / gap * days)
    else:
        percent = start.percent + points * days
    if not start.base:
        return percent
    return percent * start.base / (start.base + s.growth_per_year * days / 365.25)


TEN_YEARS = 3652  # days: int(10 × 365,25)


@settings(max_examples=60, deadline=None)
@given(starts, scenarios, paces)
def test_the_reach_dates_are_the_first_days_the_model_is_at_the_target(start, s, p):
    result = simulate(start, p, s)
    target, tol = s.target_percent, 1e-9
    for reach, factor in ((result.reach_date, 1), (result.reach_earliest, 1 + s.band),
                          (result.reach_latest, 1 - s.band)):
        if start.percent >= target:
            assert reach == start.date
        elif reach is None:  # not within ten years
            if s.model == "saturating" and s.growth_per_year and start.base:
                continue  # the share may peak and fall: see test_a_target_touched_for_less_than_a_week_...
            assert all(model_percent(start, p.per_day, s, d, factor) < target + tol for d in range(1, TEN_YEARS + 1))
        else:
            day = (reach - start.date).days
            assert model_percent(start, p.per_day, s, day, factor) >= target - tol
            assert model_percent(start, p.per_day, s, day - 1, factor) < target + tol


@settings(max_examples=60, deadline=None)
@given(starts, scenarios, paces)
def test_the_projection_and_its_band_at_the_deadline_follow_the_model(start, s, p):
    result = simulate(start, p, s)
    days = (s.deadline - start.date).days
    for projected, factor in ((result.projected.mid, 1), (result.projected.low, 1 - s.band),
                              (result.projected.high, 1 + s.band)):
        assert projected == pytest.approx(model_percent(start, p.per_day, s, days, factor), rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(starts, scenarios.map(lambda s: Scenario(deadline=s.deadline, target_percent=s.target_percent)))
def test_a_zero_pace_stays_where_it_is_and_is_behind(start, s):
    result = simulate(start, pace(0.0), s)
    assert result.projected_percent == pytest.approx(start.percent)  # no pace, no extras, no growth
    if start.percent < s.target_percent:
        # something is still needed (the deadline is after the start), and nothing comes in
        assert result.reach_date is None and result.status == "tertinggal"
    else:
        assert result.status == "tercapai"


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


# --- from today: where the region probably is now, what it takes from now, and changes never in the past --------
KALTIM_DAY = dt.date(2024, 11, 12)


def test_an_old_figure_is_carried_to_today_and_the_pace_needed_runs_from_today():
    # Kaltim-like: 5,77% of 2.878.769 on 12 Nov 2024, at 0,0095 points a day (5,77 over the 607 days since the
    # opening). Today, 23 Nov 2026, is 741 days later: 5,77 + 0,0095 × 741 = 12,8095% by the estimate.
    start = Start(KALTIM_DAY, 5.77, 2_878_769)
    result = simulate(start, pace(0.0095), Scenario(deadline=END, target_percent=30), today=MONDAY)
    assert result.at_today.mid == pytest.approx(12.8095)
    assert result.at_today.low == pytest.approx(5.77 + 0.0095 * 0.7 * 741)  # the band: pace × 0,7 … × 1,3
    # From there to 30% of 2.878.769 = 863.630,7 → 863.631 people by 31 Dec 2026, 38 days after today:
    # 12,8095% of 2.878.769 = 368.756,7 people today, so 494.874,3 still needed, 13.023 a day.
    assert result.still_needed == pytest.approx(863_631 - 0.128095 * 2_878_769, abs=0.5)
    assert result.required_per_day == pytest.approx((863_631 - 0.128095 * 2_878_769) / 38, rel=1e-6)
    # Working days from today: the 28 Mon-Fri days of the 38.
    assert result.required_per_working_day == pytest.approx((863_631 - 0.128095 * 2_878_769) / 28, rel=1e-6)


def test_a_what_if_change_acts_from_today_never_in_the_past():
    start = Start(KALTIM_DAY, 5.77, 2_878_769)
    plain = Scenario(deadline=END, target_percent=30)
    more = Scenario(**{**plain.__dict__, "extra_points": 100, "per_point_per_working_day": 70})
    base, scenario = (simulate(start, pace(0.0095), s, today=MONDAY) for s in (plain, more))
    # The 741 days between the figure and today are the same in both: where the region is today does not move.
    assert scenario.at_today == base.at_today
    for day, _, mid, _ in scenario.curve:
        if day <= MONDAY:  # the scenario's curve up to today is the plain pace: 5,77 + 0,0095 a day
            assert mid == pytest.approx(5.77 + 0.0095 * (day - KALTIM_DAY).days)
    # From today, 100 points × 70 a working day × 5 / 7 = 5.000 people a day more, for 38 days: 190.000 people,
    # 190.000 / 2.878.769 = 6,6% more at the deadline.
    assert scenario.projected.mid - base.projected.mid == pytest.approx(190_000 / 2_878_769 * 100)
    assert scenario.changes_from == MONDAY


def test_changes_can_start_on_a_later_day_the_user_picks_but_not_an_earlier_one():
    start = Start(MONDAY, 20, 100_000)
    later = Scenario(deadline=END, target_percent=30, pace_multiplier=2, changes_from=dt.date(2026, 12, 11))
    earlier = Scenario(deadline=END, target_percent=30, pace_multiplier=2, changes_from=dt.date(2025, 1, 1))
    # 10 people a day (0,01 points of 100.000) until 11 Dec (18 days), then 20 a day for the last 20 days:
    # 180 + 400 = 580 people, 20,58% at the deadline.
    assert simulate(start, pace(0.01), later).projected.mid == pytest.approx(20.58)
    # A start in the past is moved to today: 20 a day for all 38 days, 760 people, 20,76%.
    past = simulate(start, pace(0.01), earlier)
    assert past.changes_from == MONDAY and past.projected.mid == pytest.approx(20.76)


def test_at_risk_means_twice_the_pace_from_today_would_do_not_twice_the_past():
    # 10% of 100.000 a year before today at 0,02 points a day: 17,3% today (10 + 0,02 × 365). 30% by the deadline
    # (38 days) needs 12,7 points, 0,334 a day: neither the pace (0,02) nor twice it (0,04) is enough: behind.
    # Doubling the past as well would put the region at 24,6% today and wrongly make it "at risk" or better.
    start = Start(MONDAY - dt.timedelta(days=365), 10, 100_000)
    result = simulate(start, pace(0.02), Scenario(deadline=END, target_percent=30), today=MONDAY)
    assert result.at_today.mid == pytest.approx(17.3)
    assert result.status == "tertinggal"


def test_a_count_without_a_base_is_projected_in_people_and_judged_only_against_a_target_count():
    start = Start(MONDAY, None, None, people=19_000)
    no_target = simulate(start, pace(50, "people"), Scenario(deadline=END, target_percent=30))
    # 19.000 + 50 a day × 38 days = 20.900 people at the deadline; no base, no target count: no verdict.
    assert no_target.unit == "people" and no_target.projected.mid == pytest.approx(20_900)
    assert no_target.target is None and no_target.reach_date is None and no_target.status == "tidak_diketahui"
    # With the source's target count of 21.000 (for 30%): 2.000 still needed in 38 days, 52,6 a day: behind pace,
    # but twice the pace (100 a day, 3.800) would make it: at risk.
    counted = Start(MONDAY, None, None, people=19_000, target_people=21_000, target_for=30)
    result = simulate(counted, pace(50, "people"), Scenario(deadline=END, target_percent=30))
    assert result.still_needed == pytest.approx(2_000) and result.required_per_day == pytest.approx(2_000 / 38)
    assert result.status == "berisiko"
    assert (result.reach_date - MONDAY).days == 40  # 2.000 / 50


def test_the_source_own_target_count_is_the_target_even_when_rounded_down():
    # 30% of 511.434 is 153.430,2; the source wrote 153.430: that is the target, not 153.431.
    start = Start(MONDAY, 20, 511_434, people=102_286.8, target_people=153_430, target_for=30)
    result = simulate(start, pace(0.01), Scenario(deadline=END, target_percent=30))
    assert result.target_people == 153_430
    other_target = simulate(start, pace(0.01), Scenario(deadline=END, target_percent=25))
    assert other_target.target_people == 127_859  # 25% of 511.434 = 127.858,5, rounded up: not the source's count
