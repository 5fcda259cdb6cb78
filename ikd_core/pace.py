"""The current pace of a region: from its observations that share a base, with the method and window stated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ikd_core.dates import FuzzyDate
from ikd_core.metrics import Metrics

PaceMethod = Literal["last_two", "least_squares", "since_opening"]
METHODS: tuple[PaceMethod, ...] = ("last_two", "least_squares", "since_opening")


@dataclass(frozen=True)
class Pace:
    """Percentage points of the base per day, and exactly what produced it."""

    per_day: float
    method: PaceMethod
    start: dt.date
    end: dt.date
    observation_ids: tuple[str, ...]


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


def _least_squares(points: list[Metrics]) -> float | None:
    xs = [(m.as_of.reference - points[0].as_of.reference).days for m in points]
    ys = [m.percent.value for m in points]  # type: ignore[union-attr]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def estimate_pace(points: list[Metrics], opening: FuzzyDate | None, method: PaceMethod = "last_two",
                  window: int = 3) -> Pace | None:
    """The pace by `method`; with a single observation, always the average since the public opening."""
    if not points:
        return None
    last = points[-1]
    if len(points) >= 2 and method != "since_opening":
        chosen = points[-2:] if method == "last_two" else points[-max(2, window):]
        if method == "last_two":
            days = (last.as_of.reference - chosen[0].as_of.reference).days
            per_day = (last.percent.value - chosen[0].percent.value) / days if days > 0 else None  # type: ignore
        else:
            per_day = _least_squares(chosen)
        if per_day is not None:
            return Pace(per_day, method, chosen[0].as_of.reference, last.as_of.reference,
                        tuple(m.observation.id for m in chosen))
    if opening is None:
        return None
    days = (last.as_of.reference - opening.reference).days
    if days <= 0:
        return None
    return Pace(last.percent.value / days, "since_opening", opening.reference,  # type: ignore[union-attr]
                last.as_of.reference, (last.observation.id,))
