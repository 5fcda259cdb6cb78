"""Views for the projection and what-if pages: lines to draw, numbers side by side, the method in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ikd_core import i18n
from ikd_core.compare import hover, status_text
from ikd_core.display import base_label
from ikd_core.i18n import Lang
from ikd_core.metrics import target_for
from ikd_core.pace import Pace, PaceMethod, estimate_pace, series
from ikd_core.palette import region_colors
from ikd_core.projection import baseline, year_end
from ikd_core.scenario import Result, Scenario, simulate, start_of
from ikd_core.snapshot import Snapshot


@dataclass(frozen=True)
class Line:
    """One region on the projection chart: what was observed, and what the scenario projects."""

    region_id: str
    name: str
    color: str
    observed_dates: list[dt.date]
    observed_percents: list[float]
    observed_hovers: list[str]
    result: Result
    method: str  # the pace's method, window and assumptions, in words
    observed_name: str | None = None  # the observations' legend entry, when not "<name>: data"


@dataclass(frozen=True)
class Setup:
    """The region's latest figure and pace, ready to run scenarios against."""

    region_id: str
    name: str
    color: str
    base_kind: str
    baseline: Scenario
    result: Result  # the baseline's result
    line: Line  # the scenario's

    def side_by_side(self, lang: Lang) -> list[Line]:
        """The baseline (grey) and the scenario (the region's colour) as two lines for one chart. Both start from
        the same observations, so they are drawn once, under the region's name (a grey set under the coloured
        one had a legend entry for markers nobody could see)."""
        return [replace(self.line, name=i18n.t("sim.baseline", lang), color="#777777", result=self.result,
                        observed_dates=[], observed_percents=[], observed_hovers=[]),
                replace(self.line, name=i18n.t("sim.scenario", lang),
                        observed_name=f"{self.name}: {i18n.t('chart.observed', lang)}")]


@dataclass(frozen=True)
class _Observed:
    dates: list[dt.date]
    percents: list[float]
    hovers: list[str]
    pace: Pace | None


def _observed(snapshot: Snapshot, region_id: str, indicator: str, lang: Lang, method: PaceMethod,
              window: int) -> _Observed:
    """What a region's line draws of its observations, and its pace: the same on every slider move, so computed
    once per file version (the hover texts alone were most of a Simulasi rerun at national scale)."""
    def compute() -> _Observed:
        points = series(snapshot.metrics_of(region_id), region_id, indicator)
        opening = snapshot.dataset.program.public_opening.date if snapshot.dataset.program else None
        return _Observed([p.as_of.reference for p in points], [p.percent.value for p in points],  # type: ignore[union-attr]
                         [hover(snapshot, p, lang) for p in points], estimate_pace(points, opening, method, window))
    return snapshot.memo(("observed", region_id, indicator, lang, method, window), compute)  # type: ignore[return-value]


def region_scenario(snapshot: Snapshot, region_id: str, indicator: str, lang: Lang,
                    deadline: dt.date | None = None, method: PaceMethod = "last_two", window: int = 3,
                    **changes: object) -> Setup | None:
    """The baseline of one region, and the same with `changes` applied (the scenario); None without data."""
    region = snapshot.regions[region_id]
    ind = snapshot.indicators[indicator]
    m = snapshot.latest_of(indicator).get(region_id)
    if m is None or m.percent is None:
        return None
    deadline = deadline or year_end(snapshot.today.year)
    target = target_for(ind, deadline.year)
    seen = _observed(snapshot, region_id, indicator, lang, method, window)
    service = int(region.facts.service_points.value) if region.facts.service_points else None
    start = start_of(m, service)
    base = baseline(region, target[1] if target else 30.0, deadline)
    scenario = Scenario(**{**base.__dict__, **changes})
    result = simulate(start, seen.pace, scenario, snapshot.today)  # type: ignore[arg-type]
    color = region_colors(list(snapshot.regions))[region_id]
    line = Line(region_id, region.name, color, seen.dates, seen.percents, seen.hovers, result,
                method_text(result, m, lang))
    return Setup(region_id, region.name, color, m.base_kind, base,
                 simulate(start, seen.pace, base, snapshot.today), line)  # type: ignore[arg-type]


def mixed_bases(setups: list[Setup]) -> bool:
    """Whether the projected regions' percents are of different bases (their levels are then not comparable)."""
    return len({s.base_kind for s in setups}) > 1


def method_text(result: Result, m, lang: Lang) -> str:
    """How the pace and the projection were made, in one paragraph a presenter can read aloud."""
    p, s = result.pace, result.scenario
    parts = []
    if p is None:
        parts.append(i18n.t("method.no_pace", lang))
    else:
        parts.append(i18n.t(f"method.pace.{p.method}", lang, start=i18n.date_of(p.start, lang),
                            end=i18n.date_of(p.end, lang), n=len(p.observation_ids),
                            points=i18n.number(p.per_day, lang, 4)))
    if result.people_per_day is not None:
        parts.append(i18n.t("method.people", lang, people=i18n.number(result.people_per_day, lang, 1),
                            base=base_label(m, lang)))
    parts.append(i18n.t(f"method.model.{s.model}", lang, ceiling=i18n.percent(s.ceiling_percent, lang)))
    parts.append(i18n.t("method.band", lang, band=i18n.percent(s.band * 100, lang)))
    if s.growth_per_year:
        parts.append(i18n.t("method.growth", lang, growth=i18n.number(s.growth_per_year, lang)))
    parts.append(i18n.t("method.required", lang, date=i18n.date_of(result.start.date, lang),
                        days=s.working_days_per_week))
    return " ".join(parts)


def reach_text(result: Result, lang: Lang) -> str:
    """'12 Maret 2027 (antara … dan …)', or 'tidak dalam 10 tahun'."""
    if result.start.percent >= result.scenario.target_percent:
        return i18n.t("status.tercapai", lang)
    if result.reach_date is None:
        return i18n.t("reach.never", lang)
    late = i18n.date_of(result.reach_latest, lang) if result.reach_latest else i18n.t("reach.never_short", lang)
    return i18n.t("reach.range", lang, date=i18n.date_of(result.reach_date, lang),
                  early=i18n.date_of(result.reach_earliest or result.reach_date, lang), late=late)


def headline(result: Result, lang: Lang) -> tuple[str, str, str]:
    """The projected percent at the deadline for a big number: label, value, and its band in words."""
    label = i18n.t("out.projected", lang, date=i18n.date_of(result.scenario.deadline, lang))
    projected, low, high = result.projected_percent, result.projected_low, result.projected_high
    if projected is None or low is None or high is None:
        return label, "—", ""
    band = i18n.t("out.band", lang, low=i18n.percent(low, lang, 1), high=i18n.percent(high, lang, 1))
    return label, i18n.percent(projected, lang, 1), band


def numbers(result: Result, lang: Lang) -> list[tuple[str, str]]:
    """The outputs a Rakorda asks for, labelled, in the order they are read."""
    s = result.scenario
    unit = "people" if result.people_per_day is not None else "points"
    fmt = (lambda v: i18n.number(v, lang)) if unit == "people" else (lambda v: i18n.number(v, lang, 3))  # noqa
    dash = "—"
    projected, low, high = result.projected_percent, result.projected_low, result.projected_high
    rows = [
        (i18n.t("out.projected", lang, date=i18n.date_of(s.deadline, lang)),
         f"{i18n.percent(projected, lang, 1)} ({i18n.percent(low, lang, 1)}–{i18n.percent(high, lang, 1)})"
         if projected is not None and low is not None and high is not None else dash),
        (i18n.t("out.reach", lang, target=i18n.percent(s.target_percent, lang)), reach_text(result, lang)),
        (i18n.t("out.still_needed", lang), i18n.number(result.still_needed, lang) if result.still_needed is not None
         else dash),
        (i18n.t(f"out.current.{unit}", lang), fmt(result.people_per_day if unit == "people"
                                                   else result.points_per_day)),
        (i18n.t(f"out.required.{unit}", lang), fmt(result.required_per_day) if result.required_per_day is not None
         else dash),
        (i18n.t(f"out.required_working.{unit}", lang, days=s.working_days_per_week),
         fmt(result.required_per_working_day) if result.required_per_working_day is not None else dash),
        (i18n.t("out.required_point", lang), i18n.number(result.required_per_point_per_working_day, lang, 1)
         if result.required_per_point_per_working_day is not None else dash),
        (i18n.t("out.status", lang), status_text(result.status, lang)),
    ]
    return rows


def comparison_table(named: list[tuple[str, Result]], lang: Lang) -> list[dict[str, str]]:
    """Baseline and kept scenarios in one table: one row per output, one column per scenario."""
    columns = {name: dict(numbers(result, lang)) for name, result in named}
    labels = [label for label, _ in numbers(named[0][1], lang)] if named else []
    # Scenario inputs first, so the table says what each column assumed.
    inputs = {name: scenario_inputs(result.scenario, lang) for name, result in named}
    input_labels = list(next(iter(inputs.values()))) if inputs else []
    return ([{i18n.t("col.item", lang): label, **{n: inputs[n][label] for n in inputs}} for label in input_labels]
            + [{i18n.t("col.item", lang): label, **{n: columns[n][label] for n in columns}} for label in labels])


def scenario_inputs(s: Scenario, lang: Lang) -> dict[str, str]:
    return {
        i18n.t("in.multiplier", lang): f"{i18n.number(s.pace_multiplier, lang, 2)}×",
        i18n.t("in.extra_points", lang): i18n.number(s.extra_points, lang),
        i18n.t("in.per_point", lang): i18n.number(s.per_point_per_working_day, lang),
        i18n.t("in.outreach", lang): i18n.number(s.outreach_per_week, lang),
        i18n.t("in.per_event", lang): i18n.number(s.per_outreach_event, lang),
        i18n.t("in.working_days", lang): str(s.working_days_per_week),
        i18n.t("in.target", lang): i18n.percent(s.target_percent, lang),
        i18n.t("in.deadline", lang): i18n.date_of(s.deadline, lang),
        i18n.t("in.growth", lang): i18n.number(s.growth_per_year, lang),
    }
