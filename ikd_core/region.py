"""One region in detail: its facts, every observation over time, its warnings, its parent and children."""

from __future__ import annotations

from dataclasses import dataclass

from ikd_core import i18n
from ikd_core.compare import hover, status_text
from ikd_core.display import base_label, show_value, source_label
from ikd_core.i18n import Lang
from ikd_core.metrics import Value, latest
from ikd_core.palette import region_colors
from ikd_core.projection import outlook, year_end
from ikd_core.snapshot import Snapshot

FACTS = ("population", "population_growth_per_year", "service_points", "service_points_apbd", "outreach_per_week")


@dataclass(frozen=True)
class Series:
    indicator: str
    name: str
    dates: list  # as-of reference dates
    percents: list[float]
    texts: list[str]
    hovers: list[str]
    symbol: str  # marker shape per indicator, so the series differ without colour


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
    opening = snapshot.dataset.program.public_opening.date if snapshot.dataset.program else None
    deadline = year_end(snapshot.today.year)
    latest_rows = []
    for ind in snapshot.dataset.indicators:
        for m in latest(own, ind.id):
            out = outlook(own, m, ind, region, opening, deadline)
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
        points = sorted((m for m in own if m.observation.indicator == ind.id and m.percent is not None),
                        key=lambda m: m.as_of.reference)
        if points:
            series.append(Series(
                ind.id, getattr(ind.name, lang), [m.as_of.reference for m in points],
                [m.percent.value for m in points],  # type: ignore[union-attr]
                [show_value(m.percent, lang, "percent") for m in points],
                [hover(snapshot, m, lang) for m in points], SYMBOLS[k % len(SYMBOLS)],
            ))

    warnings = [i18n.finding(f.code, f.params, lang) for m in own for f in snapshot.findings_for(m.observation.id)]
    notes = [n.text for n in region.notes]
    return RegionView(
        region.id, region.name, f"{i18n.level(region.level, lang)} · {region.province}",
        region_colors(list(regions))[region.id], parent, children, facts, latest_rows, series, warnings, notes,
    )
