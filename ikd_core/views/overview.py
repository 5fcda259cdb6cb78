"""The overview: every region's latest IKD figure, ranked against the target, with three headline numbers."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ikd_core import i18n
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.compare import CompareView, compare
from ikd_core.views.display import show_value


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    help: str


@dataclass(frozen=True)
class OverviewView:
    ranking: CompareView
    kpis: list[Kpi]
    indicator_name: str


def main_indicator(snapshot: Snapshot) -> str:
    """IKD activation when the file has it, else its first indicator (call only when it has indicators)."""
    return "ikd" if "ikd" in snapshot.indicators else next(iter(snapshot.indicators))


def overview(snapshot: Snapshot, lang: Lang, indicator: str | None = None) -> OverviewView:
    indicator = indicator or main_indicator(snapshot)
    view = compare(snapshot, lang, list(snapshot.regions), indicator, "percent")
    name = getattr(snapshot.indicators[indicator].name, lang)
    rows = view.rows
    if not rows:
        return OverviewView(view, [], name)
    target = rows[0].outlook.target_percent
    year = rows[0].outlook.deadline.year
    reached = sum(r.status == "tercapai" for r in rows)
    # The median of exact percents: a count without a base has none, and a bound ("> 51%") is not a value.
    known = [r.value for r in rows if r.value is not None and not r.bound]
    kpis = [
        Kpi(i18n.t("kpi.reached", lang), i18n.t("kpi.n_of_m", lang, n=reached, m=len(rows)),
            i18n.t("kpi.reached_help", lang, target=i18n.percent(target, lang) if target else "—", year=year)),
        Kpi(i18n.t("kpi.median", lang), i18n.percent(statistics.median(known), lang) if known else "—",
            i18n.t("kpi.median_help", lang)),
    ]
    behind = [r for r in rows if r.metrics.still_needed is not None]
    if behind:
        worst = max(behind, key=lambda r: r.metrics.still_needed.value)  # type: ignore[union-attr]
        kpis.append(Kpi(i18n.t("kpi.furthest", lang, region=worst.name),
                        show_value(worst.metrics.still_needed, lang), i18n.t("kpi.furthest_help", lang)))
    return OverviewView(view, kpis, name)
