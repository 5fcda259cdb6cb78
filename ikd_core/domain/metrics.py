"""Figures derived from what was reported, each labelled with where it came from."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ikd_core.domain.dates import FuzzyDate
from ikd_core.domain.models import Bound, Dataset, Indicator, Observation

Origin = Literal["reported", "derived", "estimate"]


@dataclass(frozen=True)
class Value:
    """A number and its provenance: reported by the source, derived by us, or an analyst's estimate; and whether
    it is only a bound ("lebih dari 51 persen": lower, the figure is above it; "kurang dari": upper)."""

    value: float
    origin: Origin
    approximate: bool = False
    bound: Bound | None = None

    @property
    def derived(self) -> bool:
        return self.origin != "reported"

    @property
    def exact(self) -> bool:
        """A value, not a bound: only these go into medians, paces and projections."""
        return self.bound is None


def combine(value: float, *inputs: Value, bound: Bound | None = None) -> Value:
    origin: Origin = "estimate" if any(v.origin == "estimate" for v in inputs) else "derived"
    return Value(value, origin, any(v.approximate for v in inputs), bound)


_FLIP: dict[Bound | None, Bound | None] = {"lower": "upper", "upper": "lower", None: None}


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
    def computed_percent(self) -> Value | None:
        """The count over its base, when the source states a percent of that same base that they contradict
        beyond the percent's rounding (Padang: "sekitar 30,06 persen", but 203.479 of 680.160 is 29,92%); None
        when they agree, or when either is a bound or an estimate. Then the computed value is the one drawn, ranked
        and compared with the target, so a bar never touches a target that the people counted have not reached;
        the reported percent is shown beside it."""
        obs = self.observation
        if (obs.percent is None or obs.percent_of in (None, "target", "unspecified") or self.percent is None
                or self.count is None or self.base is None or not self.percent.exact or not self.count.exact
                or self.count.approximate or self.base.approximate or self.base.origin != "reported"
                or obs.base is None or obs.base.kind != obs.percent_of or self.base.value <= 0):
            return None
        computed = self.count.value / self.base.value * 100
        low, high = percent_interval(obs.percent)
        return Value(computed, "derived") if not low - 1e-9 <= computed <= high + 1e-9 else None

    @property
    def checked_percent(self) -> Value | None:
        """The percent to draw, rank and compare: the computed one when the reported percent disagrees with its own
        count and base, else the percent."""
        return self.computed_percent or self.percent

    @property
    def checked_percent_of_target(self) -> Value | None:
        computed = self.computed_percent
        if computed is not None and self.target_percent:
            return Value(computed.value / self.target_percent * 100, "derived")
        return self.percent_of_target

    @property
    def reached(self) -> bool | None:
        """Whether the figure is at the target; None when it cannot tell (no percent, or a bound either side)."""
        if self.percent is None or self.target_percent is None:
            return None
        at = self.checked_percent.value >= self.target_percent  # type: ignore[union-attr]
        if self.percent.bound == "lower":
            return True if at else None  # above 51% is above 30%; above 5% says nothing
        if self.percent.bound == "upper":
            return False if self.percent.value <= self.target_percent else None
        return at


def decimals(x: float) -> int:
    """Decimal places as written: 30.06 -> 2, 8.5 -> 1, 99 -> 0, 1e-05 -> 5."""
    exponent = Decimal(repr(float(x))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def percent_interval(value: float) -> tuple[float, float]:
    """The range a percent stands for, as written: 30.06 is 30.055 to 30.065."""
    half = 0.5 * 10 ** -decimals(value)
    return value - half, value + half


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
    """Every metric of one observation that its reported figures allow. A bound stays a bound through every
    derivation (a lower bound on the count is an upper bound on the people still needed)."""
    base = None
    if obs.base is not None and obs.base.count is not None:
        base = Value(obs.base.count, "estimate" if obs.base.estimate else "reported", obs.base.approximate)
    count = Value(obs.count, "reported", obs.count_approximate, obs.count_bound) if obs.count is not None else None
    target = target_for(indicator, obs.as_of.reference.year)
    target_year, target_percent = target if target else (None, None)

    percent = None
    base_kind = obs.percent_of or (obs.base.kind if obs.base else "unspecified")
    if obs.percent is not None:
        reported = Value(obs.percent, "reported", obs.percent_approximate, obs.percent_bound)
        if obs.percent_of == "target":
            base_kind = obs.base.kind if obs.base else "unspecified"
            if target_percent is not None:
                percent = Value(obs.percent * target_percent / 100, "derived", obs.percent_approximate,
                                obs.percent_bound)
        else:
            percent = reported
    elif count is not None and base is not None and obs.base is not None:
        percent = combine(count.value / base.value * 100, count, base, bound=count.bound)
        base_kind = obs.base.kind

    if count is None and percent is not None and base is not None:
        count = combine(round(percent.value * base.value / 100), percent, base, bound=percent.bound)

    percent_of_target = None
    if obs.percent is not None and obs.percent_of == "target":
        percent_of_target = Value(obs.percent, "reported", obs.percent_approximate, obs.percent_bound)
    elif obs.percent_of_target is not None:  # the source gave both: each is kept as written
        percent_of_target = Value(obs.percent_of_target, "reported", obs.percent_of_target_approximate)
    elif percent is not None and target_percent:
        percent_of_target = combine(percent.value / target_percent * 100, percent, bound=percent.bound)

    target_count = still_needed = None
    if obs.target_count is not None:
        target_count = Value(obs.target_count, "reported", obs.target_count_approximate)
    elif base is not None and target_percent is not None:
        target_count = combine(people_for_percent(target_percent, base.value), base)
    if target_count is not None and count is not None:
        gap = target_count.value - count.value
        if count.bound is None or (count.bound == "lower" and gap <= 0):
            still_needed = combine(max(0, gap), target_count, count)  # a lower bound at the target: none needed
        elif count.bound == "lower" or gap > 0:
            still_needed = combine(max(0, gap), target_count, count, bound=_FLIP[count.bound])

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
