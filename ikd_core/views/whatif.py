"""Views for the projection and what-if pages: lines to draw, numbers side by side, the method in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ikd_core import i18n
from ikd_core.domain.metrics import Metrics
from ikd_core.domain.projection import Plan, outlook, plan
from ikd_core.domain.scenario import Result, Scenario
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.compare import hover, status_text
from ikd_core.views.display import base_label, estimate_note, marked_phrase, show_value, source_label, without_estimate
from ikd_core.views.palette import region_colors
from ikd_core.views.scenario_params import changes


@dataclass(frozen=True)
class Line:
    """One region on the projection chart: what was observed, and what the scenario projects."""

    region_id: str
    name: str
    color: str
    observed_dates: list[dt.date]
    observed_values: list[float]  # percents, or people for a region whose figures are counts without a base
    observed_hovers: list[str]
    result: Result
    method: str  # the pace's figures, method, window and assumptions, in words
    observed_name: str | None = None  # the observations' legend entry, when not "<name>: data"
    region_name: str = ""  # the region's own name, when `name` is a scenario's

    @property
    def unit(self) -> str:
        return self.result.unit


@dataclass(frozen=True)
class Setup:
    """A region's plan, run as it is (the baseline) and under a scenario."""

    region_id: str
    name: str
    color: str
    base_kind: str
    plan: Plan
    baseline: Scenario
    result: Result  # the baseline's result
    line: Line  # the scenario's

    def side_by_side(self, lang: Lang) -> list[Line]:
        """The baseline (grey) and the scenario (the region's colour) as two lines for one chart. Both start from
        the same observations, so they are drawn once, under the region's name."""
        return [replace(self.line, name=i18n.t("sim.baseline", lang), color="#595959", result=self.result,
                        observed_dates=[], observed_values=[], observed_hovers=[]),
                replace(self.line, name=i18n.t("sim.scenario", lang),
                        observed_name=f"{self.name}: {i18n.t('chart.observed', lang)}")]


@dataclass(frozen=True)
class _Observed:
    dates: list[dt.date]
    values: list[float]
    hovers: list[str]


def _observed(snapshot: Snapshot, p: Plan, lang: Lang) -> _Observed:
    """What a region's line draws of its figures: the same on every slider move, so computed once per file version
    (the hover texts alone were most of a Simulasi rerun at national scale)."""
    def compute() -> _Observed:
        people = p.start is not None and p.start.unit == "people"
        # The percent every other surface draws (Padang's point is its 29,92%, where its projection starts, not the
        # reported ≈30,06% that contradicts its own count and base). A figure without the line's quantity (a count
        # beside a percent of the same day) is not a point on it.
        drawn = [(m, v) for m in p.figures if (v := m.count if people else m.checked_percent) is not None]
        return _Observed([m.as_of.reference for m, _ in drawn], [v.value for _, v in drawn],
                         [hover(snapshot, m, lang) for m, _ in drawn])
    key = ("observed", p.region.id, p.indicator.id, lang, p.pace.observation_ids if p.pace else ())
    return snapshot.memo(key, compute)  # type: ignore[return-value]


def region_scenario(snapshot: Snapshot, region_id: str, indicator: str, lang: Lang,
                    deadline: dt.date | None = None, method: str = "last_two", window: int = 3,
                    **changes: object) -> Setup | None:
    """The baseline of one region, and the same with `changes` applied (the scenario); None when the region has no
    exact figure of the indicator, or the indicator no target."""
    p = plan(snapshot, region_id, indicator, deadline, method, window)  # type: ignore[arg-type]
    if p is None or p.start is None or p.baseline is None:
        return None
    base, scenario = outlook(p).result, outlook(p, **changes).result
    assert base is not None and scenario is not None  # a plan with a start and a baseline always projects
    seen = _observed(snapshot, p, lang)
    color = region_colors(list(snapshot.regions))[region_id]
    line = Line(region_id, p.region.name, color, seen.dates, seen.values, seen.hovers, scenario,
                method_text(snapshot, p, scenario, lang), region_name=p.region.name)
    return Setup(region_id, p.region.name, color, p.latest.base_kind, p, p.baseline, base, line)


def what_if(snapshot: Snapshot, base: Setup, given: Mapping[str, object], lang: Lang) -> Setup:
    """The one baseline-then-scenario sequence (Simulasi, the deck, the command line): the link's or the sliders'
    values `given` (`points=10`, `deadline=...`; what is not given is the baseline's) applied to the region as it is
    (`base`, from `region_scenario` without changes)."""
    fields = changes(base.baseline, base.result, given)
    deadline = fields.pop("deadline")
    setup = region_scenario(snapshot, base.region_id, base.plan.indicator.id, lang,
                            deadline, **fields)  # type: ignore[arg-type]  # fields: Scenario's, typed by changes()
    assert setup is not None  # the same region and indicator as `base`
    return setup


def no_projection(snapshot: Snapshot, region_id: str, indicator: str, lang: Lang) -> str:
    """Why a region has no projection of an indicator, in words."""
    p = plan(snapshot, region_id, indicator)
    name, ind = snapshot.regions[region_id].name, getattr(snapshot.indicators[indicator].name, lang)
    if p is None:
        return i18n.t("projection.none.no_figure", lang, region=name, indicator=ind)
    if p.baseline is None:
        return i18n.t("projection.none.no_target", lang, region=name, indicator=ind)
    return i18n.t("projection.none.bound", lang, region=name, value=show_value(p.latest.percent or p.latest.count,
                                                                                lang, "percent" if p.latest.percent
                                                                                else "count"),
                  date=i18n.date(p.latest.as_of, lang))


def projections(snapshot: Snapshot, region_ids: list[str], indicator: str, lang: Lang, deadline: dt.date,
                method: str = "last_two", window: int = 3, **changes: object) -> tuple[list[Setup], list[str]]:
    """The chosen regions' projections, and for those without one, why, in words."""
    setups, missing = [], []
    for rid in region_ids:
        setup = region_scenario(snapshot, rid, indicator, lang, deadline, method, window, **changes)
        if setup is None:
            missing.append(no_projection(snapshot, rid, indicator, lang))
        else:
            setups.append(setup)
    return setups, missing


def by_unit(setups: list[Setup]) -> list[list[Setup]]:
    """Projections in percent, then those in people (counts without a base): one chart each, never one axis."""
    groups = [[s for s in setups if s.line.unit == unit] for unit in ("percent", "people")]
    return [g for g in groups if g]


def results_table(setups: list[Setup], lang: Lang) -> dict[str, dict[str, str]]:
    """Region name -> (output label -> value), for the projection page's table: one row per output, whatever unit
    each region is counted in."""
    tables = [numbers(s.line.result, lang) for s in setups]
    labels = {key: label for key, (label, _) in tables[0].items()} if tables else {}
    return {s.name: {labels[key]: value for key, (_, value) in table.items()} for s, table in zip(setups, tables,
                                                                                               strict=True)}


def mixed_bases(setups: list[Setup]) -> bool:
    """Whether the projected regions' percents are of different bases (their levels are then not comparable)."""
    return len({s.base_kind for s in setups}) > 1


def _figure(snapshot: Snapshot, m: Metrics, lang: Lang) -> str:
    """One figure a pace rests on, as the method text names it: date, value and source."""
    value = show_value(m.percent, lang, "percent") if m.percent is not None else show_value(m.count, lang)
    return i18n.t("method.figure", lang, date=i18n.date(m.as_of, lang), value=value,
                  source=source_label(snapshot, m.observation.source, lang))


def method_text(snapshot: Snapshot, p: Plan, result: Result, lang: Lang) -> str:
    """How the pace and the projection were made, and on which figures, in one paragraph a presenter can read."""
    pace, s = p.pace, result.scenario
    figures = {m.observation.id: m for m in p.figures}
    parts = []
    if pace is None:
        parts.append(i18n.t("method.no_pace", lang))
    else:
        named = "; ".join(_figure(snapshot, figures[i], lang) for i in pace.observation_ids if i in figures)
        unit = i18n.t(f"method.unit.{pace.unit}", lang)
        amount = i18n.number(pace.per_day, lang, 1 if pace.unit == "people" else 4)
        parts.append(i18n.t(f"method.pace.{pace.method}", lang, start=i18n.date_of(pace.start, lang),
                            end=i18n.date_of(pace.end, lang), n=len(pace.observation_ids), figures=named,
                            days=i18n.number(pace.window_days, lang), amount=amount, unit=unit))
        if pace.reason:
            parts.append(i18n.t(f"method.reason.{pace.reason}", lang, days=i18n.number(pace.closest_days, lang),
                                minimum=30))
        if pace.bases_differ:
            parts.append(i18n.t("method.bases_differ", lang))
    if result.people_per_day is not None and pace is not None and pace.unit == "points" and result.start.base:
        parts.append(i18n.t("method.people", lang, people=i18n.number(result.rate_before, lang, 1),
                            base=base_label(p.latest, lang)))
    if result.unit == "people":
        parts.append(i18n.t("method.count_only", lang))
    parts.append(i18n.t(f"method.model.{s.model}", lang, ceiling=i18n.percent(s.ceiling_percent, lang)))
    parts.append(i18n.t("method.band", lang, band=i18n.percent(s.band * 100, lang)))
    if s.growth_per_year:
        parts.append(i18n.t("method.growth", lang, growth=i18n.number(s.growth_per_year, lang)))
    if result.at_today is not None and result.today > result.start.date:
        parts.append(i18n.t("method.today", lang, date=i18n.date_of(result.today, lang),
                            value=_value_text(result.at_today.mid, result, lang),
                            low=_value_text(result.at_today.low, result, lang),
                            high=_value_text(result.at_today.high, result, lang),
                            data=i18n.date_of(result.start.date, lang)))
    parts.append(i18n.t("method.required", lang, date=i18n.date_of(max(result.today, result.start.date), lang),
                        days=s.working_days_per_week))
    if result.changes_from > result.start.date and (result.rate_after != result.rate_before):
        parts.append(i18n.t("method.changes_from", lang, date=i18n.date_of(result.changes_from, lang)))
    return " ".join(parts)


def _value_text(value: float, result: Result, lang: Lang) -> str:
    return i18n.percent(value, lang, 1) if result.unit == "percent" else i18n.number(value, lang)


def reach_text(result: Result, lang: Lang) -> str:
    """'12 Maret 2027 (antara … dan …)', or 'tidak dalam 10 tahun'."""
    if result.status == "tercapai":
        return i18n.t("status.tercapai", lang)
    if result.target is None:
        return "—"
    if result.reach_date is None:
        return i18n.t("reach.never", lang)
    if result.reach_date <= result.today:  # projected into the past: no figure has shown it yet
        return i18n.t("reach.past", lang, date=i18n.date_of(result.reach_date, lang),
                      data=i18n.date_of(result.start.date, lang))
    late = i18n.date_of(result.reach_latest, lang) if result.reach_latest else i18n.t("reach.never_short", lang)
    return i18n.t("reach.range", lang, date=i18n.date_of(result.reach_date, lang),
                  early=i18n.date_of(result.reach_earliest or result.reach_date, lang), late=late)


def headline(result: Result, lang: Lang) -> tuple[str, str, str]:
    """The projected value at the deadline for a big number: label, value, and its band in words."""
    label = i18n.t("out.projected", lang, date=i18n.date_of(result.scenario.deadline, lang))
    if result.projected is None:
        return label, "—", ""
    band = i18n.t("out.band", lang, low=_value_text(result.projected.low, result, lang),
                  high=_value_text(result.projected.high, result, lang))
    # A big number stays short ('≈11,5%*'); that it rests on an estimate goes with its band.
    v = result.start.carried(result.projected.mid)
    value = marked_phrase(_value_text(result.projected.mid, result, lang), without_estimate(v), lang)
    band += estimate_note(v, lang)
    return label, value if result.unit == "percent" else i18n.t("unit.people", lang, n=value), band


def _amount(value: float | None, result: Result, lang: Lang, decimals: int = 0) -> str:
    """People ('≈4.856* orang'), or percentage points of an unknown base ('20,33* poin persen'), with the unit and
    the marks of the figures it is computed from."""
    if value is None:
        return "—"
    if result.unit == "people" or result.start.base is not None:
        return _marked(i18n.number(value, lang, decimals), value, result, lang, "unit.people")
    return _marked(i18n.number(value, lang, 3 if value < 1 else 2), value, result, lang, "unit.points")


def _marked(text: str, value: float, result: Result, lang: Lang, unit: str | None = None, tail: str = "") -> str:
    """A computed number as every surface shows it, with the marks of the figure it is projected from: ≈ when that
    is approximate, then * (derived), or ', perkiraan' after the whole phrase when it rests on an estimate
    (Balikpapan's estimated ≈8,5% projects to '≈10,8% (10,1%–11,6%), perkiraan', not '10,8% (…)')."""
    if value == 0:  # nothing more needed: no estimate about it
        return (i18n.t(unit, lang, n=text) if unit else text) + tail
    return marked_phrase(text, result.start.carried(value), lang, unit, tail)


def numbers(result: Result, lang: Lang) -> dict[str, tuple[str, str]]:
    """The outputs a Rakorda asks for, by name: (label, value with its unit), in the order they are read. Labels
    are the same for every region, so regions counted in people and in percent share one table."""
    s = result.scenario
    dash = "—"
    band = result.at_today
    today = (i18n.t("out.today_value", lang, value=_value_text(band.mid, result, lang),
                    low=_value_text(band.low, result, lang), high=_value_text(band.high, result, lang))
             if band is not None and result.today > result.start.date else dash)
    projected = result.projected
    current = result.people_per_day if result.people_per_day is not None else result.points_per_day
    target = (i18n.percent(s.target_percent, lang) if result.unit == "percent"
              else i18n.number(result.target, lang) if result.target is not None else None)
    reach_label = i18n.t("out.reach", lang, target=target) if target else i18n.t("out.reach_unknown", lang)
    return {
        "today": (i18n.t("out.today", lang, date=i18n.date_of(result.today, lang)), today),
        "projected": (i18n.t("out.projected", lang, date=i18n.date_of(s.deadline, lang)),
                      _marked(_value_text(projected.mid, result, lang), projected.mid, result, lang,
                              tail=f" ({_value_text(projected.low, result, lang)}–"
                                   f"{_value_text(projected.high, result, lang)})") if projected is not None else dash),
        "reach": (reach_label, reach_text(result, lang)),
        "still_needed": (i18n.t("out.still_needed_today", lang), _amount(result.still_needed, result, lang)),
        "current": (i18n.t("out.current", lang), _amount(current, result, lang)),
        "required": (i18n.t("out.required", lang), _amount(result.required_per_day, result, lang)),
        "required_working": (i18n.t("out.required_working", lang, days=s.working_days_per_week),
                             _amount(result.required_per_working_day, result, lang)),
        "required_point": (i18n.t("out.required_point", lang),
                           _amount(result.required_per_point_per_working_day, result, lang, 1)),
        "status": (i18n.t("out.status", lang), status_text(result.status, lang)),
    }


def comparison_table(named: list[tuple[str, Result]], lang: Lang) -> list[dict[str, str]]:
    """Baseline and kept scenarios in one table: one row per output, one column per scenario."""
    columns = {name: dict(numbers(result, lang).values()) for name, result in named}
    labels = [label for label, _ in numbers(named[0][1], lang).values()] if named else []
    # Scenario inputs first, so the table says what each column assumed.
    inputs = {name: scenario_inputs(result.scenario, lang, result.changes_from) for name, result in named}
    input_labels = list(next(iter(inputs.values()))) if inputs else []
    return ([{i18n.t("col.item", lang): label, **{n: inputs[n][label] for n in inputs}} for label in input_labels]
            + [{i18n.t("col.item", lang): label, **{n: columns[n].get(label, "—") for n in columns}}
               for label in labels])


def scenario_inputs(s: Scenario, lang: Lang, changes_from: dt.date | None = None) -> dict[str, str]:
    out = {
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
    if changes_from is not None:
        out[i18n.t("in.changes_from", lang)] = i18n.date_of(changes_from, lang)
    return out
