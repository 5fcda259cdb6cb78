"""Tables of observations, sources and warnings, with provenance, ready for a page or an export."""

from __future__ import annotations

from ikd_core import i18n
from ikd_core.domain.errors import format_path
from ikd_core.domain.metrics import Metrics
from ikd_core.domain.snapshot import Snapshot, by_line
from ikd_core.i18n import Lang
from ikd_core.views.display import base_count_text, base_label, figure_notes, show_value, source_label


def observation_rows(snapshot: Snapshot, lang: Lang,
                     chosen: list[tuple[int, Metrics]] | None = None) -> list[dict[str, str]]:
    """Observations as shown on screen; `chosen` is (position in the file, metrics), all by default."""
    regions, indicators, c = snapshot.regions, snapshot.indicators, (lambda key: i18n.t(key, lang))
    rows = []
    for i, m in chosen if chosen is not None else enumerate(snapshot.metrics):
        obs = m.observation
        rows.append({
            c("col.region"): regions[obs.region].name,
            c("col.level"): i18n.level(regions[obs.region].level, lang),
            c("col.indicator"): getattr(indicators[obs.indicator].name, lang),
            c("col.percent"): show_value(m.percent, lang, "percent"),
            c("col.base"): base_label(m, lang),
            c("col.base_count"): base_count_text(m, lang),
            c("col.count"): show_value(m.count, lang),
            c("col.still_needed"): show_value(m.still_needed, lang),
            c("col.as_of"): i18n.date(m.as_of, lang),
            c("col.source"): source_label(snapshot, obs.source, lang),
            c("col.title"): snapshot.sources[obs.source].title or "—",
            c("col.quote"): " … ".join(obs.quotes),
            c("col.note"): " · ".join(figure_notes(m, lang)),
            c("col.line"): str(snapshot.line_of(("observations", i))),
        })
    return rows


def warning_rows(snapshot: Snapshot, lang: Lang) -> list[dict[str, str]]:
    file = snapshot.loaded.path
    return [
        {
            i18n.t("col.line", lang): f"{file}:{snapshot.line_of(f.path)}",
            "id": f.subject,
            i18n.t("col.warnings", lang): i18n.finding(f.code, f.params, lang),
            i18n.t("col.field", lang): format_path(f.path),
        }
        for f in by_line(snapshot)
    ]


def source_rows(snapshot: Snapshot, lang: Lang) -> list[dict[str, object]]:
    unknown = i18n.t("unknown.date", lang)
    return [
        {
            "id": s.id,
            i18n.t("col.publisher", lang): s.publisher or i18n.t("unknown.publisher", lang),
            i18n.t("col.title", lang): s.title or "—",
            i18n.t("col.published", lang): i18n.date(s.date_published, lang) if s.date_published else unknown,
            i18n.t("col.date_note", lang): s.date_note or "",
            i18n.t("col.url", lang): str(s.url) if s.url else "",
        }
        for s in snapshot.dataset.sources
    ]


PAGE_ROWS = 250  # rows of the observations table per page


def pages(total: int, size: int = PAGE_ROWS) -> int:
    return max(1, -(-total // size))


def page_slice(total: int, page: object, size: int = PAGE_ROWS) -> tuple[int, int]:
    """[first, last) of a 1-based page, clamped to the pages there are (a stale link may ask for too many)."""
    try:
        n = min(max(1, int(page)), pages(total, size))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        n = 1
    return (n - 1) * size, min(total, n * size)
