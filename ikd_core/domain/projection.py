"""The one route to a projection: what a region's projection rests on (its plan), and where it stands (its outlook).

Every page, the deck and the exports build a region's plan here, from the snapshot: its latest figure, the exact
figures a pace may rest on, the pace, the starting point, the target in force at the deadline, its base growth and
service points. The status on the overview and the numbers on the projection and what-if pages are the same engine
run on the same plan, so they always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ikd_core.domain.metrics import Metrics, target_for
from ikd_core.domain.models import Indicator, Region
from ikd_core.domain.pace import Pace, PaceMethod, estimate_pace, series
from ikd_core.domain.scenario import STATUSES, Result, Scenario, Start, Status, simulate, start_of
from ikd_core.domain.snapshot import Snapshot

__all__ = ["STATUSES", "Outlook", "Plan", "Status", "outlook", "plan", "year_end"]


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@dataclass(frozen=True)
class Plan:
    """Everything one region's projection of one indicator rests on."""

    region: Region
    indicator: Indicator
    latest: Metrics  # the latest figure, exact or a bound
    figures: list[Metrics]  # the exact figures a pace may rest on, oldest first
    pace: Pace | None
    start: Start | None  # None when the latest figure is a bound
    target_percent: float | None  # in force at the deadline; None when the indicator has no target
    baseline: Scenario | None  # the region as it is; None without a target
    deadline: dt.date
    today: dt.date


def plan(snapshot: Snapshot, region_id: str, indicator: str, deadline: dt.date | None = None,
         method: PaceMethod = "last_two", window: int = 3) -> Plan | None:
    """The plan of one region and indicator; None when the region has no figure of it. Computed once per file
    version and choice (the overview plans every region)."""
    key = ("plan", region_id, indicator, deadline, method, window)
    return snapshot.memo(key, lambda: _plan(snapshot, region_id, indicator, deadline, method, window))  # type: ignore


def _plan(snapshot: Snapshot, region_id: str, indicator: str, deadline: dt.date | None, method: PaceMethod,
          window: int) -> Plan | None:
    latest = snapshot.latest_of(indicator).get(region_id)
    if latest is None:
        return None
    region, ind = snapshot.regions[region_id], snapshot.indicators[indicator]
    deadline = deadline or year_end(snapshot.today.year)
    figures = series(snapshot.metrics_of(region_id), region_id, indicator)
    opening = snapshot.dataset.program.public_opening.date if snapshot.dataset.program else None
    pace = estimate_pace(figures, opening, method, window) if figures else None
    points = region.facts.service_points
    start = start_of(latest, int(points.value) if points else None)
    chosen = target_for(ind, deadline.year)
    target = chosen[1] if chosen else None
    growth = region.facts.population_growth_per_year
    baseline = Scenario(deadline=deadline, target_percent=target,
                        growth_per_year=growth.value if growth else 0.0) if target is not None else None
    return Plan(region, ind, latest, figures, pace, start, target, baseline, deadline, snapshot.today)


@dataclass(frozen=True)
class Outlook:
    """Where a plan stands at its deadline under one scenario (the baseline unless changes are given)."""

    plan: Plan
    result: Result | None

    @property
    def metrics(self) -> Metrics:
        return self.plan.latest

    @property
    def deadline(self) -> dt.date:
        return self.plan.deadline

    @property
    def target_percent(self) -> float | None:
        return self.plan.target_percent

    @property
    def pace(self) -> Pace | None:
        return self.plan.pace

    @property
    def status(self) -> Status:
        if self.result is not None:
            return self.result.status
        # No projection (a bound, or no target): a lower bound at or above the target is reached all the same.
        if self.plan.target_percent is not None and self.plan.latest.reached:
            return "tercapai"
        return "tidak_diketahui"


def outlook(p: Plan, **changes: object) -> Outlook:
    """The plan under its baseline, or under the baseline with `changes` (Scenario fields)."""
    if p.start is None or p.baseline is None:
        return Outlook(p, None)
    scenario = dataclasses.replace(p.baseline, **changes) if changes else p.baseline  # type: ignore[arg-type]
    return Outlook(p, simulate(p.start, p.pace, scenario, p.today))
