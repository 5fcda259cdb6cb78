"""Comparing regions on one indicator and one metric: rows, notes on fairness, and a like-for-like subset."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from ikd_core import i18n
from ikd_core.domain.checks import comparison_findings
from ikd_core.domain.metrics import Metrics, Value
from ikd_core.domain.projection import Outlook, Status, outlook, plan, year_end
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.display import (
    base_count_text,
    base_label,
    figure_notes,
    marked_phrase,
    percent_text,
    show_value,
    source_label,
)
from ikd_core.views.palette import region_colors
from ikd_core.views.plain import markup

METRICS = ("percent", "percent_of_target", "still_needed", "age_days")
STATUS_GLYPH = {"tercapai": "✔", "sesuai_jalur": "●", "berisiko": "▲", "tertinggal": "✖", "tidak_diketahui": "?"}


@dataclass(frozen=True)
class Row:
    region_id: str
    name: str
    level: str
    province: str
    color: str
    metrics: Metrics
    outlook: Outlook
    value: float | None  # the chosen metric
    value_text: str
    sublabel: str  # base and as-of date, shown under the name on every bar
    hover: str
    projected: bool = False  # the value is a projection to a common date, not a reported figure
    metric: str = "percent"

    @property
    def status(self) -> Status:
        return self.outlook.status

    @property
    def bound(self) -> bool:
        """The value is a bound ("lebih dari 51 persen"): drawn with a pattern of its own, never in a median."""
        v = self.metrics.percent_of_target if self.metric == "percent_of_target" else self.metrics.percent
        return v is not None and not v.exact and self.metric in ("percent", "percent_of_target")

    @property
    def hatched(self) -> bool:
        """Approximate, derived or estimated: drawn hatched so it survives a greyscale projector."""
        percent = self.metrics.checked_percent
        return percent is not None and (percent.approximate or percent.derived)


@dataclass(frozen=True)
class CompareView:
    indicator: str
    metric: str
    rows: list[Row]
    target_line: float | None
    notes: list[str]
    like_for_like: tuple[str, ...] | None  # region ids sharing base and level, when the selection mixes them
    missing: list[str]  # names of selected regions with no figure for this indicator


def status_text(status: Status, lang: Lang) -> str:
    return f"{STATUS_GLYPH[status]} {i18n.t(f'status.{status}', lang)}"


def _metric_value(m: Metrics, metric: str) -> Value | None:
    if metric == "age_days":
        return Value(m.age_days, "derived")
    if metric in ("percent", "percent_of_target"):  # checked against the figure's own count and base
        return m.checked_percent if metric == "percent" else m.checked_percent_of_target
    return getattr(m, metric)


def metric_text(m: Metrics, metric: str, lang: Lang) -> str:
    if metric == "age_days":
        return i18n.t("age.days", lang, days=i18n.number(m.age_days, lang))
    if metric == "percent":
        return percent_text(m, lang)
    kind = "percent" if metric in ("percent", "percent_of_target") else "count"
    return show_value(_metric_value(m, metric), lang, kind)


def hover(snapshot: Snapshot, m: Metrics, lang: Lang) -> str:
    """Hover text; plotly renders it as HTML, so everything from the data file is escaped."""
    region = snapshot.regions[m.observation.region]
    quote = _short(m.observation.quotes[0], 90)
    notes = [f"<i>{markup(_short(note, 120))}</i>" for note in figure_notes(m, lang)]
    kind = "percent" if m.percent is not None else "count"
    return "<br>".join([
        f"<b>{markup(region.name)}</b>",
        f"{percent_text(m, lang) if kind == 'percent' else show_value(m.count, lang)} · {markup(base_label(m, lang))}",
        f"{i18n.t('hover.count', lang)}: {show_value(m.count, lang)}",
        f"{i18n.t('hover.as_of', lang)}: {i18n.date(m.as_of, lang)}",
        f"{i18n.t('hover.source', lang)}: {markup(source_label(snapshot, m.observation.source, lang))}",
        f"<i>“{markup(quote)}”</i>",
        *notes,
    ])


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _like_for_like(rows: list[Row]) -> tuple[str, ...]:
    groups = Counter((r.metrics.base_kind, r.level) for r in rows)
    # The largest group; ties go to the group of the highest-ranked row.
    best = max(groups, key=lambda g: (groups[g], -next(i for i, r in enumerate(rows)
                                                        if (r.metrics.base_kind, r.level) == g)))
    return tuple(r.region_id for r in rows if (r.metrics.base_kind, r.level) == best)


PROJECTABLE = ("percent", "percent_of_target")


def compare(snapshot: Snapshot, lang: Lang, region_ids: list[str], indicator: str = "ikd",
            metric: str = "percent", project_to: dt.date | None = None) -> CompareView:
    """Rows of the chosen regions' latest figures; with `project_to`, percents are projected to that one date
    (each at its own current pace) so that figures from different moments can be ranked together. Computed once
    per file version and selection (a national ranking projects every region)."""
    key = ("compare", lang, tuple(region_ids), indicator, metric, project_to)
    return snapshot.memo(key, lambda: _compare(snapshot, lang, region_ids, indicator, metric, project_to))  # type: ignore[return-value]


RANKING_LIMIT = 20  # more bars than this are unreadable: show the top and bottom instead


def window(view: CompareView, lang: Lang, query: str = "", provinces: list[str] | None = None,
           n: int = 10) -> CompareView:
    """The rows a ranking can show legibly: those matching a name search and province filter; of more than
    RANKING_LIMIT, the top n and bottom n, with a note saying how many are left out."""
    rows = [r for r in view.rows if (not query.strip() or query.strip().casefold() in r.name.casefold())
            and (not provinces or r.province in provinces)]
    notes = list(view.notes)
    if query.strip() or provinces:
        notes.insert(0, i18n.t("scale.filtered", lang, shown=i18n.number(len(rows), lang),
                               total=i18n.number(len(view.rows), lang)))
    ranked = [r for r in rows if r.value is not None]
    if len(ranked) > RANKING_LIMIT and len(ranked) > 2 * n:
        hidden = len(ranked) - 2 * n
        rows = ranked[:n] + ranked[-n:]
        notes.insert(0, i18n.t("scale.top_bottom", lang, n=n, total=i18n.number(len(ranked), lang),
                               hidden=i18n.number(hidden, lang)))
    return replace(view, rows=rows, notes=notes)


def _compare(snapshot: Snapshot, lang: Lang, region_ids: list[str], indicator: str, metric: str,
             project_to: dt.date | None) -> CompareView:
    regions = snapshot.regions
    ind = snapshot.indicators[indicator]
    colors = region_colors(list(regions))
    wanted = [r for r in region_ids if r in regions]
    latest_of = snapshot.latest_of(indicator)
    project = project_to is not None and metric in PROJECTABLE
    deadline = project_to if project_to is not None and project else year_end(snapshot.today.year)
    rows = []
    for rid in wanted:
        m = latest_of.get(rid)
        if m is None:
            continue
        value = _metric_value(m, metric)
        region = regions[rid]
        look = outlook(plan(snapshot, rid, indicator, deadline))  # type: ignore[arg-type]
        number, text = (value.value if value else None), metric_text(m, metric, lang)
        sublabel = f"{base_label(m, lang)} · {i18n.date(m.as_of, lang)}"
        if project:
            number, text, sublabel = _projected(look, metric, m, sublabel, lang)
        rows.append(Row(
            region_id=rid, name=region.name, level=region.level, province=region.province, color=colors[rid],
            metrics=m, outlook=look, value=number, value_text=text, sublabel=sublabel,
            hover=hover(snapshot, m, lang), projected=project and number is not None, metric=metric,
        ))
    rows.sort(key=lambda r: (r.value is None, -(r.value or 0)))
    levels = {rid: r.level for rid, r in regions.items()}
    findings = comparison_findings([r.metrics for r in rows], levels)
    if project:  # projected to one date: the moments no longer differ; each bar says where it started
        findings = [f for f in findings if f.code != "different_dates"]
    notes = [i18n.finding(f.code, f.params, lang) for f in findings]
    mixed = any(f.code in ("mixed_bases", "mixed_levels") for f in findings)
    missing = [regions[rid].name for rid in wanted if rid not in latest_of]
    counts_only = [r for r in rows if r.metrics.percent is None and metric in PROJECTABLE]
    if counts_only:  # listed, not dropped: a count without a base has no place on a percent axis
        notes.append(i18n.t("compare.counts_only", lang, regions="; ".join(
            f"{r.name} ({show_value(r.metrics.count, lang)}, {i18n.date(r.metrics.as_of, lang)})"
            for r in counts_only)))
    if missing:
        notes.append(i18n.t("compare.missing", lang, regions=", ".join(missing),
                            indicator=getattr(ind.name, lang)))
    if project:
        notes.insert(0, i18n.t("compare.projected_note", lang, date=i18n.date_of(deadline, lang)))
    target_line = None
    if metric == "percent" and rows:
        target_line = rows[0].outlook.target_percent
    elif metric == "percent_of_target":
        target_line = 100.0
    return CompareView(indicator, metric, rows, target_line, notes, _like_for_like(rows) if mixed else None, missing)


def _projected(look: Outlook, metric: str, m: Metrics, sublabel: str, lang: Lang):
    """The value, its text and its sub-label when a row is projected to the common date."""
    result = look.result
    if result is None or result.projected_percent is None:
        return None, "—", sublabel
    number = result.projected_percent
    if metric == "percent_of_target" and look.target_percent:
        number = number / look.target_percent * 100
    # marked as the figure it is projected from: Balikpapan's ≈8,5% projects to '≈10,8%* (proyeksi)'
    text = marked_phrase(i18n.percent(number, lang, 1), result.start.carried(number), lang,
                         tail=f" ({i18n.t('chart.projection', lang)})")
    since = i18n.t("compare.projected_from", lang, date=i18n.date(m.as_of, lang))
    return number, text, f"{base_label(m, lang)} · {since}"


def table_rows(view: CompareView, snapshot: Snapshot, lang: Lang) -> list[dict[str, object]]:
    """The table view of a comparison; `progress` is numeric, for a progress-bar column. Formatted once per file
    version, language and set of rows (552 rows took 100 ms of every overview visit); treat it as read-only."""
    key = ("table_rows", lang, tuple((r.region_id, r.metrics.observation.id, r.status) for r in view.rows))
    return snapshot.memo(key, lambda: _table_rows(view, snapshot, lang))  # type: ignore[return-value]


def _table_rows(view: CompareView, snapshot: Snapshot, lang: Lang) -> list[dict[str, object]]:
    c = lambda key: i18n.t(key, lang)  # noqa: E731
    out: list[dict[str, object]] = []
    for r in view.rows:
        m = r.metrics
        findings = snapshot.findings_for(m.observation.id)
        out.append({
            c("col.region"): r.name,
            c("col.level"): i18n.level(r.level, lang),
            c("col.status"): status_text(r.status, lang),
            c("col.percent"): percent_text(m, lang),
            c("col.progress"): round(m.checked_percent_of_target.value, 1) if m.checked_percent_of_target else None,
            c("col.base"): base_label(m, lang),
            c("col.base_count"): base_count_text(m, lang),
            c("col.count"): show_value(m.count, lang),
            c("col.still_needed"): show_value(m.still_needed, lang),
            c("col.as_of"): i18n.date(m.as_of, lang),
            c("col.age"): i18n.t("age.days", lang, days=i18n.number(m.age_days, lang)),
            c("col.source"): source_label(snapshot, m.observation.source, lang),
            c("col.warnings"): "; ".join(i18n.t(f"short.{f.code}", lang) for f in findings),
            c("col.note"): " · ".join(figure_notes(m, lang)),
        })
    return out


def filter_regions(snapshot: Snapshot, levels: list[str] | None = None,
                   provinces: list[str] | None = None) -> list[str]:
    """Region ids (in file order) at these levels and in these provinces; empty filters keep everything."""
    return [
        r.id for r in snapshot.dataset.regions
        if (not levels or r.level in levels) and (not provinces or r.province in provinces)
    ]


def provinces(snapshot: Snapshot) -> list[str]:
    return sorted({r.province for r in snapshot.dataset.regions})
