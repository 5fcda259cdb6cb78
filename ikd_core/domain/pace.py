"""The current pace of a region: from its exact figures, over a window long enough to mean something, with the
method, the window, the figures and the reason stated.

A pace is in people a day when every figure it rests on has a count (so figures with different base counts are
compared in people), otherwise in percentage points of the base a day. Bounds ("lebih dari 51 persen") never
enter a pace. Two figures closer than MIN_WINDOW_DAYS do not make a trend: the pace then reaches back to an older
figure, or, with none, to the program's public opening, and says so.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Literal

from ikd_core.domain.dates import FuzzyDate
from ikd_core.domain.metrics import Metrics

PaceMethod = Literal["last_two", "least_squares", "since_opening"]
METHODS: tuple[PaceMethod, ...] = ("last_two", "least_squares", "since_opening")
Unit = Literal["people", "points"]
# Why a pace is not what the method asked for (a catalogue key `pace.reason.<reason>` says it in words).
Reason = Literal["", "one_figure", "short_window", "reached_back"]
MIN_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Pace:
    """A pace and exactly what produced it."""

    per_day: float  # in `unit` a day
    unit: Unit
    method: PaceMethod
    start: dt.date
    end: dt.date
    observation_ids: tuple[str, ...]  # the figures it rests on, oldest first
    reason: Reason = ""
    closest_days: int = 0  # with reason "short_window"/"reached_back": the days between the two latest figures
    bases_differ: bool = False  # a pace in points between figures whose base counts differ or are not all known

    @property
    def window_days(self) -> int:
        return (self.end - self.start).days


def exact(m: Metrics) -> bool:
    """A figure a pace may rest on: an exact percent or an exact count."""
    return (m.percent is not None and m.percent.exact) or (m.count is not None and m.count.exact)


def series(metrics: list[Metrics], region: str, indicator: str) -> list[Metrics]:
    """One region's exact figures of one indicator, oldest first: those with a percent sharing the latest one's base,
    or, when its latest figure is a count without a base, its counts."""
    own = sorted((m for m in metrics if m.observation.region == region and m.observation.indicator == indicator
                  and exact(m)), key=lambda m: m.as_of.reference)
    if not own:
        return []
    last = own[-1]
    if last.percent is None or not last.percent.exact:
        return [m for m in own if m.count is not None and m.count.exact]
    return [m for m in own if m.percent is not None and m.percent.exact and m.base_kind == last.base_kind]


def unit_of(points: list[Metrics]) -> Unit:
    return "people" if all(m.count is not None and m.count.exact for m in points) else "points"


def _value(m: Metrics, unit: Unit) -> float:
    return m.count.value if unit == "people" else m.percent.value  # type: ignore[union-attr]


def _pace(chosen: list[Metrics], method: PaceMethod, reason: Reason = "", closest: int = 0) -> Pace | None:
    unit = unit_of(chosen)
    days = [(m.as_of.reference - chosen[0].as_of.reference).days for m in chosen]
    values = [_value(m, unit) for m in chosen]
    if days[-1] <= 0:
        return None
    if method == "least_squares" and len(chosen) > 2:
        per_day = statistics.linear_regression(days, values).slope
    else:
        per_day = (values[-1] - values[0]) / days[-1]
    bases = {m.base.value if m.base is not None else None for m in chosen}
    return Pace(per_day, unit, method, chosen[0].as_of.reference, chosen[-1].as_of.reference,
                tuple(m.observation.id for m in chosen), reason, closest, unit == "points" and len(bases) > 1)


def estimate_pace(points: list[Metrics], opening: FuzzyDate | None, method: PaceMethod = "last_two",
                  window: int = 3, min_days: int = MIN_WINDOW_DAYS) -> Pace | None:
    """The pace by `method` over at least `min_days`; with one figure, or all of them closer together than that,
    the average since the public opening. None when there is nothing to go on."""
    if not points:
        return None
    last = points[-1]
    closest = (last.as_of.reference - points[-2].as_of.reference).days if len(points) >= 2 else 0
    if len(points) >= 2 and method != "since_opening":
        if method == "least_squares":
            chosen = points[-max(2, window):]
            if (last.as_of.reference - chosen[0].as_of.reference).days >= min_days:
                return _pace(chosen, "least_squares")
        else:
            # The latest figure and the most recent one at least `min_days` before it.
            older = [m for m in points[:-1] if (last.as_of.reference - m.as_of.reference).days >= min_days]
            if older:
                reason: Reason = "reached_back" if older[-1] is not points[-2] else ""
                return _pace([older[-1], last], "last_two", reason, closest if reason else 0)
    return _since_opening(last, opening, "one_figure" if len(points) == 1 else "short_window", closest)


def _since_opening(last: Metrics, opening: FuzzyDate | None, reason: Reason, closest: int) -> Pace | None:
    if opening is None:
        return None
    days = (last.as_of.reference - opening.reference).days
    if days <= 0:
        return None
    unit = unit_of([last])
    return Pace(_value(last, unit) / days, unit, "since_opening", opening.reference, last.as_of.reference,
                (last.observation.id,), reason, closest)
