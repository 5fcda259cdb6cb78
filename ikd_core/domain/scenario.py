"""Projections and the what-if model: the same engine for the baseline and for every scenario.

A region is projected from its latest exact figure (the start), in one of three units:
- `percent` with a known base: activations in people over a base that may grow;
- `percent` without a base: percentage points of an unknown base;
- `people` for a count with no base (no percent can be said, only people; the target only when the source gave
  a target count).
Until `changes_from` (today, unless the user picks a later day) the region goes on at its current pace; a
scenario's changes (a pace multiplier, service points, outreach) act only from then on: never in the past. Where
the region probably is *today* and the pace needed *from today* to the deadline are part of every result.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ikd_core.domain.metrics import Metrics, Value, combine
from ikd_core.domain.pace import Pace

Model = Literal["constant", "saturating"]
Status = Literal["tercapai", "sesuai_jalur", "berisiko", "tertinggal", "tidak_diketahui"]
STATUSES: tuple[Status, ...] = ("tercapai", "sesuai_jalur", "berisiko", "tertinggal", "tidak_diketahui")
# The status rule, in words (also in the README): reached; else on track when, at the current pace, the target is
# reached by the deadline; at risk when it would be at twice that pace; otherwise behind. (For a constant pace this
# is: the current pace is at least the pace needed, or at least half of it.)
AT_RISK_FACTOR = 2.0
HORIZON_YEARS = 10
DAYS_PER_YEAR = 365.25
CURVE_STEPS = 60


@dataclass(frozen=True)
class Scenario:
    """Every input the sliders drive. The baseline is a Scenario too: multiplier 1, nothing extra."""

    deadline: dt.date
    target_percent: float
    pace_multiplier: float = 1.0
    extra_points: int = 0
    per_point_per_working_day: float = 0.0
    outreach_per_week: float = 0.0
    per_outreach_event: float = 0.0
    working_days_per_week: int = 5
    growth_per_year: float = 0.0  # people added to the base each year
    band: float = 0.3  # the low-high band: pace x (1 - band) ... pace x (1 + band)
    model: Model = "constant"
    ceiling_percent: float = 80.0  # the saturating curve's ceiling
    changes_from: dt.date | None = None  # the day the changes start; None: the day the projection is made


@dataclass(frozen=True)
class Start:
    """Where a projection starts: the latest exact figure."""

    date: dt.date
    percent: float | None  # of the base; None for a count without a base
    base: float | None  # people; None when the source gives no base count
    people: float | None = None  # activations, when known
    service_points: int | None = None
    target_people: float | None = None  # the target count the source gave with this figure, if any
    target_for: float | None = None  # ... and the target percent it is a count of
    inputs: tuple[Value, ...] = ()  # the figure's values it rests on: their marks (≈, estimate) carry over

    def carried(self, value: float) -> Value:
        """A number computed from this start (a projection, a pace needed) as a derived Value: approximate when a
        figure it rests on is, an estimate when one is."""
        return combine(value, *self.inputs)

    @property
    def unit(self) -> Literal["percent", "people"]:
        return "percent" if self.percent is not None else "people"

    @property
    def level(self) -> float:
        """Where the region stands in the engine's own terms: people with a base, else points or people."""
        if self.base and self.percent is not None:
            return self.people if self.people is not None else self.percent * self.base / 100
        return self.percent if self.percent is not None else (self.people or 0.0)


@dataclass(frozen=True)
class Band:
    low: float
    mid: float
    high: float


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    start: Start
    pace: Pace | None
    today: dt.date
    changes_from: dt.date  # the day the scenario's changes start acting
    unit: Literal["percent", "people"]  # what `value`s are: a percent of the base, or people
    rate_before: float  # the engine's level a day until `changes_from` (people, or points without a base)
    rate_after: float  # ... and from then on
    people_per_day: float | None  # the pace from `changes_from` in people, when people can be counted
    points_per_day: float | None  # the same in percentage points of the starting base, when there is a percent
    target: float | None  # at the deadline, in `unit`
    target_people: int | None  # at the deadline, on the grown base
    at_today: Band | None  # where the region probably is today: an estimate, not data
    projected: Band | None  # at the deadline
    reach_date: dt.date | None  # the day the target is reached, at the scenario's pace
    reach_earliest: dt.date | None  # at the band's high pace
    reach_latest: dt.date | None  # at the band's low pace; None = not within the horizon
    still_needed: float | None  # from today's estimate to the target at the deadline, in people (or points)
    required_per_day: float | None  # from today to the deadline
    required_per_working_day: float | None
    required_per_point_per_working_day: float | None
    status: Status
    curve: list[tuple[dt.date, float, float, float]] = field(default_factory=list)  # date, low, mid, high

    @property
    def projected_percent(self) -> float | None:
        return self.projected.mid if self.projected else None

    @property
    def required_path(self) -> tuple[tuple[dt.date, float], tuple[dt.date, float]] | None:
        """The pace needed, as a straight line from where the region probably is today to the target at the
        deadline."""
        begin = max(self.today, self.start.date)
        if self.target is None or self.scenario.deadline <= begin:
            return None
        if self.at_today is not None:
            now = self.at_today.mid
        else:
            now = self.start.percent if self.unit == "percent" else (self.start.people or 0.0)  # type: ignore
        return (begin, now), (self.scenario.deadline, self.target)


def working_days(start: dt.date, end: dt.date, per_week: int) -> int:
    """Working days after `start` up to and including `end`, Monday first (5: Mon-Fri, 6: Mon-Sat)."""
    if end <= start:
        return 0
    import numpy as np

    mask = [1] * per_week + [0] * (7 - per_week)
    return int(np.busday_count(start + dt.timedelta(days=1), end + dt.timedelta(days=1), weekmask=mask))


def extra_people_per_day(s: Scenario) -> float:
    """Activations a calendar day from new service points and outreach events."""
    return (s.extra_points * s.per_point_per_working_day * s.working_days_per_week + s.outreach_per_week
            * s.per_outreach_event) / 7


@dataclass(frozen=True)
class _Engine:
    """The level of one region over time, for one pair of rates (before and after the changes)."""

    start: Start
    s: Scenario
    before: float
    after: float
    switch: int  # days from the start to `changes_from`

    def level(self, days: float) -> float:
        """The engine's level (people with a base, else points or people) `days` after the start."""
        level0 = self.start.level
        if days <= 0:
            return level0
        first, rest = min(days, self.switch), max(0.0, days - self.switch)
        if self.s.model == "saturating" and self.start.percent is not None:
            ceiling = self.s.ceiling_percent * (self.start.base or 100) / 100
            room = ceiling - level0
            if room > 0:
                at_switch = ceiling - room * math.exp(-self.before / room * first)
                return ceiling - (ceiling - at_switch) * math.exp(-self.after / room * rest)
        return level0 + self.before * first + self.after * rest

    def value(self, days: float) -> float:
        """A percent of the grown base (or of the unknown base), or people for a count without a base."""
        level = self.level(days)
        if self.start.base and self.start.percent is not None:
            return 100 * level / (self.start.base + self.s.growth_per_year * max(days, 0) / DAYS_PER_YEAR)
        return level


def _target_people(start: Start, s: Scenario, days: int) -> int | None:
    """The target in people at the deadline: the source's own target count when it is for this target percent (a
    source may round 153.430,2 down), else the percent of the base, rounded up; plus the target's share of the
    people the base gains by then."""
    target = Decimal(repr(float(s.target_percent)))
    if start.target_people is not None and start.target_for == s.target_percent:
        now = Decimal(repr(float(start.target_people)))
    elif start.base:
        now = target * Decimal(repr(float(start.base))) / 100
    else:
        return None
    gained = Decimal(repr(s.growth_per_year * max(days, 0) / DAYS_PER_YEAR)) if start.base else Decimal(0)
    return math.ceil(now + target * gained / 100)


def simulate(start: Start, pace: Pace | None, s: Scenario, today: dt.date) -> Result:
    """Project `start` with `pace` under scenario `s`: the numbers a Rakorda asks for, and the curve to draw."""
    changes_from = max(s.changes_from or today, today, start.date)
    switch = (changes_from - start.date).days
    days_to_deadline = (s.deadline - start.date).days
    days_to_today = max(0, (today - start.date).days)
    per_day = _in_engine_units(start, pace)
    extra = _extra_in_engine_units(start, s)
    before, after = per_day or 0.0, (per_day or 0.0) * s.pace_multiplier + extra
    has_pace = per_day is not None or extra > 0

    def engine(factor: float) -> _Engine:
        return _Engine(start, s, before * factor, after * factor, switch)

    mid, low, high = engine(1), engine(1 - s.band), engine(1 + s.band)
    # At risk: the target would be reached at twice the pace from the day changes can start (not in the past).
    double = _Engine(start, s, before, after * AT_RISK_FACTOR, switch)
    target_people = _target_people(start, s, days_to_deadline)
    if start.unit == "people":
        target = float(target_people) if target_people is not None else None
    else:
        target = s.target_percent
    at_today = projected = None
    if has_pace:
        at_today = Band(low.value(days_to_today), mid.value(days_to_today), high.value(days_to_today))
        projected = Band(low.value(days_to_deadline), mid.value(days_to_deadline), high.value(days_to_deadline))
    reach = early = late = None
    if has_pace and target is not None:
        reach, early, late = (_reach(e, target, start.date) for e in (mid, high, low))

    # What it takes from today: from where the region probably is today to the target at the deadline.
    still = required = None
    days_left = (s.deadline - max(today, start.date)).days
    level_today = mid.level(days_to_today) if has_pace else start.level
    if start.base and start.percent is not None and target_people is not None:
        still = max(0.0, target_people - level_today)
    elif start.unit == "people" and target_people is not None:
        still = max(0.0, target_people - level_today)
    elif start.percent is not None:
        still = max(0.0, s.target_percent - level_today)
    if still is not None and days_left > 0:
        required = still / days_left
    work = working_days(max(today, start.date), s.deadline, s.working_days_per_week)
    per_working = required * days_left / work if required is not None and work else None
    points_total = (start.service_points or 0) + s.extra_points
    per_point = per_working / points_total if per_working is not None and points_total else None

    status = _status(start, s, target, has_pace, mid, double, days_to_deadline)
    people = after if start.base or start.unit == "people" else None
    points = after / start.base * 100 if start.base and start.percent is not None else (
        after if start.unit == "percent" else None)
    curve_end = max(s.deadline, today, reach or start.date, start.date + dt.timedelta(days=1))
    return Result(
        scenario=s, start=start, pace=pace, today=today, changes_from=changes_from, unit=start.unit,
        rate_before=before, rate_after=after, people_per_day=people, points_per_day=points, target=target,
        target_people=target_people, at_today=at_today, projected=projected, reach_date=reach, reach_earliest=early,
        reach_latest=late, still_needed=still, required_per_day=required, required_per_working_day=per_working,
        required_per_point_per_working_day=per_point, status=status,
        curve=_curve(low, mid, high, start.date, (curve_end - start.date).days, switch),
    )


def _in_engine_units(start: Start, pace: Pace | None) -> float | None:
    """The pace in the engine's level a day: people with a base, else points (or people for a count)."""
    if pace is None:
        return None
    if start.base and start.percent is not None:
        return pace.per_day if pace.unit == "people" else pace.per_day * start.base / 100
    if start.unit == "percent":
        return pace.per_day if pace.unit == "points" else None  # people cannot become points without a base
    return pace.per_day if pace.unit == "people" else None


def _extra_in_engine_units(start: Start, s: Scenario) -> float:
    extra = extra_people_per_day(s)
    if start.unit == "people" or (start.base and start.percent is not None):
        return extra
    return 0.0  # people added to an unknown base cannot be turned into points


def _status(start: Start, s: Scenario, target: float | None, has_pace: bool, mid: _Engine, double: _Engine,
            days: int) -> Status:
    reached = start.percent >= s.target_percent if start.percent is not None else (
        target is not None and start.people is not None and start.people >= target)
    if reached:
        return "tercapai"
    if not has_pace or target is None or days <= 0:
        return "tidak_diketahui"
    if mid.value(days) >= target:
        return "sesuai_jalur"
    if double.value(days) >= target:
        return "berisiko"
    return "tertinggal"


def _reach(e: _Engine, target: float, start: dt.date) -> dt.date | None:
    """The first day the value is at the target, within the horizon; None otherwise."""
    if e.value(0) >= target:
        return start
    horizon = int(HORIZON_YEARS * DAYS_PER_YEAR)
    if e.s.model == "constant" or e.start.percent is None:
        day = _linear_reach(e, target, horizon)
        return start + dt.timedelta(days=day) if day is not None else None
    # A saturating curve over a growing base rises, then falls: it may touch the target for a day or two only.
    for day in range(1, horizon + 1):
        if e.value(day) >= target:
            return start + dt.timedelta(days=day)
    return None


def _linear_reach(e: _Engine, target: float, horizon: int) -> int | None:
    """Closed form, segment by segment: the level is linear in days (L + r·d), and the percent is that over a base
    growing linearly (B + g·d), so each crossing solves a linear inequality. Settled on `value` to the day."""
    grows = bool(e.start.base and e.start.percent is not None)
    growth = e.s.growth_per_year / DAYS_PER_YEAR if grows else 0.0
    for first, last, rate in ((0, e.switch, e.before), (e.switch, horizon, e.after)):
        if last <= first:
            continue
        level = e.level(first)
        if grows:  # 100·(level + rate·(d − first)) ≥ target·(B + g·d)
            gain = 100 * rate - target * growth
            shortfall = target * (e.start.base + growth * first) - 100 * level  # type: ignore[operator]
        else:
            gain, shortfall = rate, target - level
        if gain <= 0:
            if shortfall <= 0:
                return max(1, first)
            continue
        wait = shortfall / gain
        if wait > last - first:  # not within this segment (the pace may be as slow as a denormal float)
            continue
        day = max(first, 1, first + math.ceil(wait))
        while day > max(1, first) and e.value(day - 1) >= target:
            day -= 1
        while day <= last and e.value(day) < target:
            day += 1
        if day <= last:
            return day
    return None


def _curve(low: _Engine, mid: _Engine, high: _Engine, start: dt.date, days: int, switch: int,
           steps: int = CURVE_STEPS) -> list[tuple[dt.date, float, float, float]]:
    marks = sorted({round(days * k / steps) for k in range(steps + 1)} | ({switch} if 0 < switch < days else set()))
    return [(start + dt.timedelta(days=d), low.value(d), mid.value(d), high.value(d)) for d in marks]


def start_of(m: Metrics, service_points: int | None = None) -> Start | None:
    """The projection's starting point from a region's latest figure; None for a bound, or nothing exact.

    When the source states both the count and the base exactly, they decide the percent: a rounded or
    "sekitar" percent that disagrees with them (Padang's 30,06% for 29,92%) must not declare a target reached.
    """
    percent = m.percent.value if m.percent is not None and m.percent.exact else None
    people = m.count.value if m.count is not None and m.count.exact else None
    if percent is None and people is None:
        return None
    count, base = m.count, m.base
    inputs = [v for v in (m.percent if percent is not None else None, m.count if people is not None else None)
              if v is not None]
    if (count and base and count.exact and count.origin == "reported" and base.origin == "reported"
            and not count.approximate and not base.approximate):
        percent = count.value / base.value * 100
        inputs = [count, base]
    if percent is None and m.percent is not None:
        return None  # a bound on the percent: the count alone would hide that the source gave more
    if base is not None and percent is not None and base not in inputs:
        inputs.append(base)
    reported = m.target_count if m.target_count is not None and m.target_count.origin == "reported" else None
    return Start(m.as_of.reference, percent, base.value if base and percent is not None else None, people,
                 service_points, reported.value if reported else None, m.target_percent if reported else None,
                 tuple(inputs))
