"""Figures derived from what was reported, each labelled with where it came from."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ikd_core.dates import FuzzyDate
from ikd_core.models import Dataset, Indicator, Observation

Origin = Literal["reported", "derived", "estimate"]


@dataclass(frozen=True)
class Value:
    """A number and its provenance: reported by the source, derived by us, or an analyst's estimate."""

    value: float
    origin: Origin
    approximate: bool = False

    @property
    def derived(self) -> bool:
        return self.origin != "reported"


def _combine(value: float, *inputs: Value) -> Value:
    origin: Origin = "estimate" if any(v.origin == "estimate" for v in inputs) else "derived"
    return Value(value, origin, any(v.approximate for v in inputs))


@dataclass(frozen=True)
class Metrics:
    observation: Observation
    as_of: FuzzyDate
    base_kind: str  # what the percent is of: a base kind, or "unspecified"
    percent: Value | None  # percent of base
    count: Value | None
    base: Value | None
    target_year: int | None
    target_percent: float | None
    percent_of_target: Value | None
    target_count: Value | None
    still_needed: Value | None
    age_days: int

    @property
    def reached(self) -> bool | None:
        if self.percent is None or self.target_percent is None:
            return None
        return self.percent.value >= self.target_percent


def target_for(indicator: Indicator, year: int) -> tuple[int, float] | None:
    """The target in force in `year`: that year's, else the latest earlier one, else the earliest."""
    if not indicator.targets:
        return None
    ordered = sorted(indicator.targets, key=lambda t: t.year)
    earlier = [t for t in ordered if t.year <= year]
    chosen = earlier[-1] if earlier else ordered[0]
    return chosen.year, chosen.percent


def people_for_percent(percent: float, base: float) -> int:
    """People needed for `percent` of `base`, rounded up: 30% of 123.000 is 36.900."""
    # Exact decimal arithmetic on the percent as written: binary floats turn 30% of 123000 into 36900.000001.
    return math.ceil(Decimal(repr(float(percent))) * Decimal(repr(float(base))) / 100)


def derive(obs: Observation, indicator: Indicator, today: dt.date) -> Metrics:
    """Every metric of one observation that its reported figures allow."""
    base = None
    if obs.base is not None:
        base = Value(obs.base.count, "estimate" if obs.base.estimate else "reported", obs.base.approximate)
    count = Value(obs.count, "reported", obs.count_approximate) if obs.count is not None else None
    target = target_for(indicator, obs.as_of.reference.year)
    target_year, target_percent = target if target else (None, None)

    percent = None
    base_kind = obs.percent_of or (obs.base.kind if obs.base else "unspecified")
    if obs.percent is not None:
        reported = Value(obs.percent, "reported", obs.percent_approximate)
        if obs.percent_of == "target":
            base_kind = obs.base.kind if obs.base else "unspecified"
            if target_percent is not None:
                percent = Value(obs.percent * target_percent / 100, "derived", obs.percent_approximate)
        else:
            percent = reported
    elif count is not None and base is not None and obs.base is not None:
        percent = _combine(count.value / base.value * 100, count, base)
        base_kind = obs.base.kind

    if count is None and percent is not None and base is not None:
        count = _combine(round(percent.value * base.value / 100), percent, base)

    percent_of_target = None
    if obs.percent is not None and obs.percent_of == "target":
        percent_of_target = Value(obs.percent, "reported", obs.percent_approximate)
    elif percent is not None and target_percent:
        percent_of_target = _combine(percent.value / target_percent * 100, percent)

    target_count = still_needed = None
    if obs.target_count is not None:
        target_count = Value(obs.target_count, "reported", obs.target_count_approximate)
    elif base is not None and target_percent is not None:
        target_count = _combine(people_for_percent(target_percent, base.value), base)
    if target_count is not None and count is not None:
        still_needed = _combine(max(0, target_count.value - count.value), target_count, count)

    return Metrics(
        observation=obs, as_of=obs.as_of, base_kind=base_kind, percent=percent, count=count, base=base,
        target_year=target_year, target_percent=target_percent, percent_of_target=percent_of_target,
        target_count=target_count, still_needed=still_needed,
        age_days=(today - obs.as_of.reference).days,
    )


def all_metrics(ds: Dataset, today: dt.date) -> list[Metrics]:
    indicators = {i.id: i for i in ds.indicators}
    return [derive(o, indicators[o.indicator], today) for o in ds.observations]


def latest(metrics: list[Metrics], indicator: str) -> list[Metrics]:
    """Each region's most recent observation of `indicator`."""
    best: dict[str, Metrics] = {}
    for m in metrics:
        if m.observation.indicator != indicator:
            continue
        current = best.get(m.observation.region)
        if current is None or m.as_of.reference > current.as_of.reference:
            best[m.observation.region] = m
    return list(best.values())
