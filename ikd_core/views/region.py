"""One region in detail: its facts, every observation over time, its warnings, its parent and children."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ikd_core import i18n
from ikd_core.domain.metrics import Value, latest
from ikd_core.domain.projection import outlook, plan, year_end
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.compare import compare, hover, status_text
from ikd_core.views.display import base_label, figure_notes, percent_text, show_value, source_label
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
    # The regions inside this one as a table, furthest behind first on the first indicator; ids in the same order.
    children_table: list[dict[str, str]] = field(default_factory=list)
    children_order: list[str] = field(default_factory=list)


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
                c("col.percent"): percent_text(m, lang),
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

    warnings = region_warnings(snapshot, own, lang)
    notes = [n.text for n in region.notes]
    figure_notes_ = [f"{getattr(snapshot.indicators[m.observation.indicator].name, lang)}, {i18n.date(m.as_of, lang)}: "
                     f"{note}" for m in own for note in figure_notes(m, lang)]
    return RegionView(
        region.id, region.name, f"{i18n.level(region.level, lang)} · {region.province}",
        region_colors(list(regions))[region.id], parent, children, facts, latest_rows, series, warnings, notes,
        figure_notes_, *children_table(snapshot, [cid for cid, _ in children], lang),
    )


def children_table(snapshot: Snapshot, child_ids: list[str], lang: Lang) -> tuple[list[dict[str, str]], list[str]]:
    """The regions inside one region, one row each, furthest behind first on the first indicator (the same values
    and statuses as Bandingkan), those without a figure last; and their ids in that order."""
    if not child_ids or not snapshot.dataset.indicators:
        return [], []
    indicator = snapshot.dataset.indicators[0]
    view = compare(snapshot, lang, child_ids, indicator.id, "percent")
    ranked = sorted(view.rows, key=lambda r: (r.value is None, r.value or 0))
    c = lambda key: i18n.t(key, lang)  # noqa: E731
    rows = [{
        c("col.region"): r.name,
        c("col.level"): i18n.level(r.level, lang),
        c("col.status"): status_text(r.status, lang),
        c("col.percent"): r.value_text,
        c("col.base"): base_label(r.metrics, lang),
        c("col.as_of"): i18n.date(r.metrics.as_of, lang),
    } for r in ranked]
    order = [r.region_id for r in ranked]
    for cid in child_ids:
        if cid not in order:
            rows.append({c("col.region"): snapshot.regions[cid].name,
                         c("col.level"): i18n.level(snapshot.regions[cid].level, lang),
                         c("col.status"): status_text("tidak_diketahui", lang), c("col.percent"): "—",
                         c("col.base"): "—", c("col.as_of"): "—"})
            order.append(cid)
    return rows, order


def join_words(items: Sequence[str], lang: Lang) -> str:
    """'A', 'A dan B', 'A, B dan C' ('and' in English)."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {i18n.t('words.and', lang)} {items[-1]}"


def region_warnings(snapshot: Snapshot, own: list, lang: Lang) -> list[str]:
    """One region's warnings in words, each saying which indicator and date it is about; the same warning about
    several figures is one line naming them all, and old data is one line naming every indicator it concerns."""
    names = {i.id: getattr(i.name, lang) for i in snapshot.dataset.indicators}
    stale: list = []
    grouped: dict[str, list] = {}
    for m in own:
        for f in snapshot.findings_for(m.observation.id):
            if f.code == "stale":
                stale.append((m, f))
            else:
                grouped.setdefault(i18n.finding(f.code, f.params, lang), []).append(m)
    out = []
    if stale:
        age = lambda f: i18n.t("age.days", lang, days=i18n.number(f.params["days"], lang))  # noqa: E731
        same = len({f.params["days"] for _, f in stale}) == 1
        ages = age(stale[0][1]) if same else "; ".join(f"{names[m.observation.indicator]} {age(f)}" for m, f in stale)
        out.append(i18n.t("warn.stale_grouped", lang, indicators=join_words([names[m.observation.indicator]
                                                                              for m, _ in stale], lang),
                          limit=i18n.number(stale[0][1].params["limit"], lang), ages=ages))
    for text, figures in grouped.items():
        out.append(f"{_places(figures, names, lang)}: {text}")
    return out


def _places(figures: list, names: dict[str, str], lang: Lang) -> str:
    """'Akta kelahiran · 12 November 2024'; for a warning several figures share, each indicator once, with its date,
    or its number of figures and their first and last dates ('Aktivasi IKD, 36 angka dari November 2023 sampai
    Oktober 2026'), never a list of 36 dates."""
    dates = {i18n.date(m.as_of, lang) for m in figures}
    if len(dates) == 1:
        indicators = list(dict.fromkeys(names[m.observation.indicator] for m in figures))
        return f"{join_words(indicators, lang)} · {dates.pop()}"
    by_indicator: dict[str, list] = {}
    for m in figures:
        by_indicator.setdefault(m.observation.indicator, []).append(m)
    parts = []
    for indicator, mine in by_indicator.items():
        mine = sorted(mine, key=lambda m: m.as_of.start)
        if len(mine) == 1:
            parts.append(f"{names[indicator]} · {i18n.date(mine[0].as_of, lang)}")
        else:
            parts.append(i18n.t("region.figures_span", lang, indicator=names[indicator], n=len(mine),
                                first=i18n.date(mine[0].as_of, lang), last=i18n.date(mine[-1].as_of, lang)))
    return join_words(parts, lang)
