"""Where a region stands against the target at a deadline: its baseline scenario, run through the one engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ikd_core.dates import FuzzyDate
from ikd_core.metrics import Metrics, target_for
from ikd_core.models import Indicator, Region
from ikd_core.pace import PaceMethod, estimate_pace, series
from ikd_core.scenario import STATUSES, Result, Scenario, Status, classify, simulate, start_of  # noqa: F401

__all__ = ["Outlook", "STATUSES", "Status", "baseline", "classify", "outlook", "year_end"]


@dataclass(frozen=True)
class Outlook:
    metrics: Metrics
    result: Result | None
    deadline: dt.date
    target_percent: float | None

    @property
    def status(self) -> Status:
        return self.result.status if self.result else "tidak_diketahui"

    @property
    def pace(self):
        return self.result.pace if self.result else None


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def baseline(region: Region, target: float, deadline: dt.date) -> Scenario:
    """The region as it is: current pace, its stated base growth, a 5-day working week."""
    growth = region.facts.population_growth_per_year
    return Scenario(deadline=deadline, target_percent=target, growth_per_year=growth.value if growth else 0.0)


def outlook(metrics: list[Metrics], latest: Metrics, indicator: Indicator, region: Region,
            opening: FuzzyDate | None, deadline: dt.date, method: PaceMethod = "last_two") -> Outlook:
    """Where `latest` stands against the target in force at `deadline`, at its region's current pace."""
    chosen = target_for(indicator, deadline.year)
    target = chosen[1] if chosen else None
    start = start_of(latest, _service_points(region))
    if start is None or target is None:
        return Outlook(latest, None, deadline, target)
    points = series(metrics, latest.observation.region, latest.observation.indicator)
    pace = estimate_pace(points, opening, method) if latest in points else None
    return Outlook(latest, simulate(start, pace, baseline(region, target, deadline)), deadline, target)


def _service_points(region: Region) -> int | None:
    points = region.facts.service_points
    return int(points.value) if points else None
