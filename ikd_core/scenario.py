"""Projections and the what-if model: the same engine for the baseline and for every scenario.

Figures are modelled in people when the base is known (activations A over a base B that may grow), otherwise in
percentage points of an unknown base. Time runs in days from the latest observation's as-of date.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Literal

from ikd_core.metrics import Metrics, people_for_percent
from ikd_core.pace import Pace

Model = Literal["constant", "saturating"]
Status = Literal["tercapai", "sesuai_jalur", "berisiko", "tertinggal", "tidak_diketahui"]
STATUSES: tuple[Status, ...] = ("tercapai", "sesuai_jalur", "berisiko", "tertinggal", "tidak_diketahui")
# The status rule, in words (also in the README): reached; else on track when the current pace is at least the
# required pace; at risk when the required pace is at most twice the current one; otherwise behind.
AT_RISK_FACTOR = 2.0
HORIZON_YEARS = 10
DAYS_PER_YEAR = 365.25


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


@dataclass(frozen=True)
class Start:
    """Where a projection starts: the latest observation."""

    date: dt.date
    percent: float
    base: float | None  # people; None when the source gives no base
    service_points: int | None = None

    @property
    def people(self) -> float | None:
        return self.percent * self.base / 100 if self.base else None


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    start: Start
    pace: Pace | None
    people_per_day: float | None  # the pace in people (with the scenario's extras); None without a base
    points_per_day: float  # the pace in percentage points of the starting base
    projected_percent: float | None  # at the deadline
    projected_low: float | None
    projected_high: float | None
    reach_date: dt.date | None  # the day the target is reached, at the scenario's pace
    reach_earliest: dt.date | None  # at the band's high pace
    reach_latest: dt.date | None  # at the band's low pace; None = not within the horizon
    target_people: int | None  # at the deadline, on the grown base
    still_needed: float | None  # people still needed from the start to reach the target by the deadline
    required_per_day: float | None  # people a day (percentage points a day without a base)
    required_per_working_day: float | None
    required_per_point_per_working_day: float | None
    status: Status
    curve: list[tuple[dt.date, float, float, float]] = field(default_factory=list)  # date, low, mid, high


def working_days(start: dt.date, end: dt.date, per_week: int) -> int:
    """Working days after `start` up to and including `end`, Monday first (5: Mon-Fri, 6: Mon-Sat)."""
    if end <= start:
        return 0
    days = (end - start).days
    full, rest = divmod(days, 7)
    count = full * per_week
    first = (start.weekday() + 1) % 7
    count += sum(1 for k in range(rest) if (first + k) % 7 < per_week)
    return count


def extra_people_per_day(s: Scenario) -> float:
    """Activations a calendar day from new service points and outreach events."""
    return (s.extra_points * s.per_point_per_working_day * s.working_days_per_week + s.outreach_per_week
            * s.per_outreach_event) / 7


def percent_at(start: Start, s: Scenario, points_per_day: float, people_per_day: float | None, days: float) -> float:
    """The percent `days` after the start, for one pace (constant, or saturating towards the ceiling)."""
    if days <= 0:
        return start.percent
    if s.model == "saturating" and s.ceiling_percent > start.percent:
        room = s.ceiling_percent - start.percent
        rate = points_per_day / room
        percent = s.ceiling_percent - room * math.exp(-rate * days)
        if not start.base:
            return percent
        people = percent * start.base / 100
    elif start.base and people_per_day is not None:
        people = start.people + people_per_day * days  # type: ignore[operator]
    else:
        return start.percent + points_per_day * days
    grown = start.base + s.growth_per_year * days / DAYS_PER_YEAR
    return 100 * people / grown


def _reach(start: Start, s: Scenario, points: float, people: float | None) -> dt.date | None:
    """The first day the percent is at the target within the horizon, or None."""
    if start.percent >= s.target_percent:
        return start.date
    horizon = int(HORIZON_YEARS * DAYS_PER_YEAR)
    if s.model == "constant":
        day = _constant_reach(start, s, points, people)
        if day is None or day > horizon:
            return None
        # The closed form in floating point may land a day off: settle it on the same function the chart draws.
        while day > 1 and percent_at(start, s, points, people, day - 1) >= s.target_percent:
            day -= 1
        while percent_at(start, s, points, people, day) < s.target_percent:
            day += 1
            if day > horizon:
                return None
        return start.date + dt.timedelta(days=day)
    # A saturating curve over a growing base rises, then falls: it may touch the target for a day or two only.
    for day in range(1, horizon + 1):
        if percent_at(start, s, points, people, day) >= s.target_percent:
            return start.date + dt.timedelta(days=day)
    return None


def _constant_reach(start: Start, s: Scenario, points: float, people: float | None) -> int | None:
    """The constant pace's first day at the target, in closed form: the percent is (L + p·d) / (B + g·d) in people,
    or P + p·d in percentage points, so the crossing solves a linear inequality."""
    if start.base and people is not None:
        gain = 100 * people - s.target_percent * s.growth_per_year / DAYS_PER_YEAR
        shortfall = s.target_percent * start.base - 100 * start.people  # type: ignore[operator]
    else:
        gain, shortfall = points, s.target_percent - start.percent
    days = shortfall / gain if gain > 0 else math.inf
    if days > HORIZON_YEARS * DAYS_PER_YEAR:  # a pace too slow to get there (it may be a denormal float)
        return None
    return max(1, math.ceil(days))


def simulate(start: Start, pace: Pace | None, s: Scenario, today: dt.date | None = None) -> Result:
    """Project `start` with `pace` under scenario `s`: the numbers a Rakorda asks for, and the curve to draw."""
    base_points = (pace.per_day if pace else 0.0) * s.pace_multiplier
    extra = extra_people_per_day(s)
    if start.base:
        people = base_points * start.base / 100 + extra
        points = people / start.base * 100
    else:
        people, points = None, base_points
    days = (s.deadline - start.date).days

    def at(factor: float, d: float) -> float:
        return percent_at(start, s, points * factor, people * factor if people is not None else None, d)

    projected = low = high = None
    if pace is not None or extra:
        projected, low, high = at(1, days), at(1 - s.band, days), at(1 + s.band, days)
    reach = reach_early = reach_late = None
    if pace is not None or extra:
        reach = _reach(start, s, points, people)
        reach_early = _reach(start, s, points * (1 + s.band), people * (1 + s.band) if people is not None else None)
        reach_late = _reach(start, s, points * (1 - s.band), people * (1 - s.band) if people is not None else None)

    target_people = still = required = None
    if start.base:
        grown = start.base + s.growth_per_year * max(days, 0) / DAYS_PER_YEAR
        target_people = people_for_percent(s.target_percent, grown)
        still = max(0.0, target_people - start.people)  # type: ignore[operator]
        required = still / days if days > 0 else None
    elif days > 0:
        required = max(0.0, s.target_percent - start.percent) / days
    work = working_days(start.date, s.deadline, s.working_days_per_week)
    per_working = required * days / work if required is not None and work else None
    points_total = (start.service_points or 0) + s.extra_points
    per_point = per_working / points_total if per_working is not None and points_total else None

    current = people if start.base else points
    status = classify(start.percent, s.target_percent, current if (pace or extra) else None, required)
    curve_end = max(s.deadline, (today or start.date), reach or start.date)
    curve = _curve(start, s, points, people, (curve_end - start.date).days)
    return Result(s, start, pace, people, points, projected, low, high, reach, reach_early, reach_late,
                  target_people, still, required, per_working, per_point, status, curve)


def classify(percent: float, target: float, pace: float | None, required: float | None) -> Status:
    """The status rule: reached; on track (pace >= required); at risk (required <= 2 x pace); behind."""
    if percent >= target:
        return "tercapai"
    if pace is None or required is None:
        return "tidak_diketahui"
    if pace >= required:
        return "sesuai_jalur"
    if pace * AT_RISK_FACTOR >= required:
        return "berisiko"
    return "tertinggal"


def _curve(start: Start, s: Scenario, points: float, people: float | None, days: int, steps: int = 60):
    days = max(days, 1)
    out = []
    for k in range(steps + 1):
        d = round(days * k / steps)
        scaled = (lambda f: people * f) if people is not None else (lambda f: None)  # noqa: E731
        out.append((start.date + dt.timedelta(days=d),
                    percent_at(start, s, points * (1 - s.band), scaled(1 - s.band), d),
                    percent_at(start, s, points, people, d),
                    percent_at(start, s, points * (1 + s.band), scaled(1 + s.band), d)))
    return out


def start_of(m: Metrics, service_points: int | None = None) -> Start | None:
    """The projection's starting point from a region's latest metrics; None without a percent.

    When the source states both the count and the base exactly, they decide the percent: a rounded or
    "sekitar" percent that disagrees with them (Padang's 30,06% for 29,92%) must not declare a target reached.
    """
    if m.percent is None:
        return None
    percent = m.percent.value
    count, base = m.count, m.base
    if (count and base and count.origin == "reported" and base.origin == "reported"
            and not count.approximate and not base.approximate):
        percent = count.value / base.value * 100
    return Start(m.as_of.reference, percent, base.value if base else None, service_points)

