"""The overview: each region's latest figure, as chart bars and table rows ready to lay out."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ikd_core import i18n
from ikd_core.checks import comparison_findings
from ikd_core.i18n import Lang
from ikd_core.display import base_label, show_value, source_label
from ikd_core.metrics import Metrics, latest, target_for
from ikd_core.palette import region_colors
from ikd_core.snapshot import Snapshot


@dataclass(frozen=True)
class Bar:
    region_id: str
    label: str
    sublabel: str  # base and date, shown under the region's name
    percent: float
    text: str
    hover: str
    color: str
    approximate: bool
    derived: bool


@dataclass(frozen=True)
class OverviewView:
    bars: list[Bar]
    target_percent: float | None
    rows: list[dict[str, str]]
    notes: list[str]


def _hover(snapshot: Snapshot, m: Metrics, lang: Lang) -> str:
    # Plotly renders hover text as HTML: escape everything that came from the data file.
    region = snapshot.regions[m.observation.region]
    lines = [
        f"<b>{html.escape(region.name)}</b>",
        f"{show_value(m.percent, lang, 'percent')} · {html.escape(base_label(m, lang))}",
        f"{i18n.t('hover.count', lang)}: {show_value(m.count, lang)}",
        f"{i18n.t('hover.as_of', lang)}: {i18n.date(m.as_of, lang)}",
        f"{i18n.t('hover.source', lang)}: {html.escape(source_label(snapshot, m.observation.source, lang))}",
        f"<i>“{html.escape(_shorten(m.observation.quotes[0]))}”</i>",
    ]
    return "<br>".join(lines)


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overview(snapshot: Snapshot, lang: Lang, indicator: str = "ikd") -> OverviewView:
    rows_metrics = sorted(
        (m for m in latest(snapshot.metrics, indicator) if m.percent is not None),
        key=lambda m: m.percent.value,  # type: ignore[union-attr]
        reverse=True,
    )
    regions = snapshot.regions
    colors = region_colors([r.id for r in snapshot.dataset.regions])
    ind = snapshot.indicators.get(indicator)
    current = target_for(ind, snapshot.today.year) if ind else None
    bars, rows = [], []
    for m in rows_metrics:
        region = regions[m.observation.region]
        pct = show_value(m.percent, lang, "percent")
        bars.append(Bar(
            region_id=region.id, label=region.name, percent=m.percent.value,  # type: ignore[union-attr]
            sublabel=f"{base_label(m, lang)} · {i18n.date(m.as_of, lang)}", text=pct,
            hover=_hover(snapshot, m, lang), color=colors[region.id],
            approximate=m.percent.approximate, derived=m.percent.derived,  # type: ignore[union-attr]
        ))
        findings = snapshot.findings_for(m.observation.id)
        rows.append({
            i18n.t("col.region", lang): region.name,
            i18n.t("col.level", lang): i18n.level(region.level, lang),
            i18n.t("col.percent", lang): pct,
            i18n.t("col.base", lang): base_label(m, lang),
            i18n.t("col.base_count", lang): show_value(m.base, lang),
            i18n.t("col.count", lang): show_value(m.count, lang),
            i18n.t("col.still_needed", lang): show_value(m.still_needed, lang),
            i18n.t("col.as_of", lang): i18n.date(m.as_of, lang),
            i18n.t("col.source", lang): source_label(snapshot, m.observation.source, lang),
            i18n.t("col.warnings", lang): "; ".join(i18n.t(f"short.{f.code}", lang) for f in findings),
        })
    levels = {r.id: r.level for r in snapshot.dataset.regions}
    notes = [i18n.finding(f.code, f.params, lang) for f in comparison_findings(rows_metrics, levels)]
    return OverviewView(bars, current[1] if current else None, rows, notes)
