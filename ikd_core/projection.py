"""Pace, projection, required pace and status: "will we make it by 31 December, and what would it take"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ikd_core.dates import FuzzyDate
from ikd_core.metrics import Metrics, target_for
from ikd_core.models import Indicator

PaceMethod = Literal["last_two", "since_opening"]
Status = Literal["tercapai", "sesuai_jalur", "berisiko", "tertinggal", "tidak_diketahui"]
STATUSES: tuple[Status, ...] = ("tercapai", "sesuai_jalur", "berisiko", "tertinggal", "tidak_diketahui")
# The status rule, in words (also in the README): reached; else on track when the current pace is at least the
# required pace; at risk when the required pace is at most twice the current one; otherwise behind.
AT_RISK_FACTOR = 2.0


@dataclass(frozen=True)
class Pace:
    """Percentage points of the base per day, and exactly what produced it."""

    per_day: float
    method: PaceMethod
    start: dt.date
    end: dt.date
    observation_ids: tuple[str, ...]


@dataclass(frozen=True)
class Outlook:
    metrics: Metrics
    pace: Pace | None
    deadline: dt.date
    target_percent: float | None
    projected_percent: float | None  # at the deadline, at the current pace
    required_per_day: float | None  # percentage points per day needed from the as-of date to the deadline
    status: Status


def series(metrics: list[Metrics], region: str, indicator: str) -> list[Metrics]:
    """One region's observations of one indicator that share the latest observation's base, oldest first."""
    own = sorted(
        (m for m in metrics if m.observation.region == region and m.observation.indicator == indicator
         and m.percent is not None),
        key=lambda m: m.as_of.reference,
    )
    if not own:
        return []
    kind = own[-1].base_kind
    return [m for m in own if m.base_kind == kind]


def estimate_pace(points: list[Metrics], opening: FuzzyDate | None) -> Pace | None:
    """Between the last two observations; with one, the average since the program opened to the public."""
    if not points:
        return None
    last = points[-1]
    if len(points) >= 2:
        prev = points[-2]
        days = (last.as_of.reference - prev.as_of.reference).days
        if days > 0:
            per_day = (last.percent.value - prev.percent.value) / days  # type: ignore[union-attr]
            return Pace(per_day, "last_two", prev.as_of.reference, last.as_of.reference,
                        (prev.observation.id, last.observation.id))
    if opening is None:
        return None
    days = (last.as_of.reference - opening.reference).days
    if days <= 0:
        return None
    return Pace(last.percent.value / days, "since_opening", opening.reference,  # type: ignore[union-attr]
                last.as_of.reference, (last.observation.id,))


def project(percent: float, since: dt.date, pace: Pace, when: dt.date) -> float:
    """The percent at `when` if the pace holds (a constant pace)."""
    return percent + pace.per_day * (when - since).days


def required_per_day(percent: float, since: dt.date, target: float, deadline: dt.date) -> float | None:
    """Percentage points per day needed to reach `target` by `deadline`; None when the deadline has passed."""
    days = (deadline - since).days
    if percent >= target:
        return 0.0
    return (target - percent) / days if days > 0 else None


def classify(percent: float, target: float, pace: float | None, required: float | None) -> Status:
    if percent >= target:
        return "tercapai"
    if pace is None or required is None:
        return "tidak_diketahui"
    if pace >= required:
        return "sesuai_jalur"
    if pace * AT_RISK_FACTOR >= required:
        return "berisiko"
    return "tertinggal"


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def outlook(metrics: list[Metrics], latest: Metrics, indicator: Indicator, opening: FuzzyDate | None,
            deadline: dt.date) -> Outlook:
    """Where `latest` stands against the target in force at `deadline`, at its region's current pace."""
    chosen = target_for(indicator, deadline.year)
    target = chosen[1] if chosen else None
    points = series(metrics, latest.observation.region, latest.observation.indicator)
    pace = estimate_pace(points, opening) if latest in points else None
    if latest.percent is None or target is None:
        return Outlook(latest, pace, deadline, target, None, None, "tidak_diketahui")
    since, pct = latest.as_of.reference, latest.percent.value
    projected = project(pct, since, pace, deadline) if pace else None
    required = required_per_day(pct, since, target, deadline)
    return Outlook(latest, pace, deadline, target, projected, required,
                   classify(pct, target, pace.per_day if pace else None, required))
