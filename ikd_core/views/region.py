"""One region in detail: its facts, every observation over time, its warnings, its parent and children."""

from __future__ import annotations

from dataclasses import dataclass

from ikd_core import i18n
from ikd_core.domain.metrics import Value, latest
from ikd_core.domain.projection import outlook, plan, year_end
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.compare import hover, status_text
from ikd_core.views.display import base_label, figure_notes, show_value, source_label
from ikd_core.views.palette import region_colors

FACTS = ("population", "population_growth_per_year", "service_points", "service_points_apbd", "outreach_per_week")


@dataclass(frozen=True)
class Series:
    indicator: str
    name: str
    dates: list  # as-of reference dates
    values: list[float]  # percents, or people for figures that are counts without a base (`unit`)
    texts: list[str]
    hovers: list[str]
    symbol: str  # marker shape per indicator, so the series differ without colour
    unit: str = "percent"  # "percent" or "people"


@dataclass(frozen=True)
class RegionView:
    id: str
    name: str
    subtitle: str  # level and province
    color: str
    parent: tuple[str, str] | None  # (id, name)
    children: list[tuple[str, str]]
    facts: list[dict[str, str]]
    latest: list[dict[str, str]]
    series: list[Series]
    warnings: list[str]
    notes: list[str]
    figure_notes: list[str]  # the analyst's notes on this region's figures, each with its indicator and date


SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")


def region_view(snapshot: Snapshot, region_id: str, lang: Lang) -> RegionView:
    regions = snapshot.regions
    region = regions[region_id]
    c = lambda key: i18n.t(key, lang)  # noqa: E731
    parent = (region.parent, regions[region.parent].name) if region.parent in regions else None
    children = [(r.id, r.name) for r in snapshot.dataset.regions if r.parent == region_id]

    facts = []
    for name in FACTS:
        fact = getattr(region.facts, name)
        if fact is None:
            continue
        facts.append({
            c("col.fact"): c(f"fact.{name}"),
            c("col.value"): show_value(Value(fact.value, "reported", fact.approximate), lang),
            c("col.source"): source_label(snapshot, fact.source, lang),
            c("col.quote"): fact.quote,
            c("col.note"): fact.note or "",
        })

    own = snapshot.metrics_of(region_id)
    deadline = year_end(snapshot.today.year)
    latest_rows = []
    for ind in snapshot.dataset.indicators:
        for m in latest(own, ind.id):
            out = outlook(plan(snapshot, region_id, ind.id, deadline))  # type: ignore[arg-type]
            latest_rows.append({
                c("col.indicator"): getattr(ind.name, lang),
                c("col.status"): status_text(out.status, lang),
                c("col.percent"): show_value(m.percent, lang, "percent"),
                c("col.base"): base_label(m, lang),
                c("col.target"): i18n.percent(out.target_percent, lang) if out.target_percent else "—",
                c("col.count"): show_value(m.count, lang),
                c("col.still_needed"): show_value(m.still_needed, lang),
                c("col.as_of"): i18n.date(m.as_of, lang),
            })

    series = []
    for k, ind in enumerate(snapshot.dataset.indicators):
        mine = sorted((m for m in own if m.observation.indicator == ind.id), key=lambda m: m.as_of.reference)
        # Percents on the percent axis; counts without a base (no percent can be said) on a people axis beside it.
        for unit, points in (("percent", [m for m in mine if m.percent is not None]),
                             ("people", [m for m in mine if m.percent is None and m.count is not None])):
            if not points:
                continue
            values = [(m.percent if unit == "percent" else m.count) for m in points]
            name = getattr(ind.name, lang) + ("" if unit == "percent" else f" ({i18n.t('chart.axis.people', lang)})")
            series.append(Series(
                ind.id, name, [m.as_of.reference for m in points], [v.value for v in values],  # type: ignore
                [show_value(v, lang, "percent" if unit == "percent" else "count") for v in values],
                [hover(snapshot, m, lang) for m in points], SYMBOLS[k % len(SYMBOLS)], unit,
            ))

    warnings = [i18n.finding(f.code, f.params, lang) for m in own for f in snapshot.findings_for(m.observation.id)]
    notes = [n.text for n in region.notes]
    figure_notes_ = [f"{getattr(snapshot.indicators[m.observation.indicator].name, lang)}, {i18n.date(m.as_of, lang)}: "
                     f"{note}" for m in own for note in figure_notes(m, lang)]
    return RegionView(
        region.id, region.name, f"{i18n.level(region.level, lang)} · {region.province}",
        region_colors(list(regions))[region.id], parent, children, facts, latest_rows, series, warnings, notes,
        figure_notes_,
    )
