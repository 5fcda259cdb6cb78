"""Tables of observations, sources and warnings, with provenance, ready for a page or an export."""

from __future__ import annotations

import datetime as dt

from ikd_core import i18n
from ikd_core.domain.checks import Finding
from ikd_core.domain.errors import format_path
from ikd_core.domain.metrics import Metrics
from ikd_core.domain.snapshot import Snapshot, by_line
from ikd_core.i18n import Lang
from ikd_core.views.compare import CompareView
from ikd_core.views.display import base_count_text, base_label, figure_notes, percent_text, show_value, source_label


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
            c("col.percent"): percent_text(m, lang),  # the computed one first when the source contradicts itself
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
    """Every warning in the file's order, saying in words which region, indicator (or fact, note, target) and date
    it is about; the line and the field path stay last, for the analyst who edits the file. Computed once per file
    version and language (20.034 warnings of a national file took 0,44 s of every Data page visit); read-only."""
    return snapshot.memo(("warning_rows", lang), lambda: _warning_rows(snapshot, lang))  # type: ignore[return-value]


def _warning_rows(snapshot: Snapshot, lang: Lang) -> list[dict[str, str]]:
    file, c = snapshot.loaded.path, (lambda key: i18n.t(key, lang))
    rows = []
    for f in by_line(snapshot):
        region, about, when = finding_place(snapshot, f, lang)
        rows.append({
            c("col.region"): region,
            c("col.about"): about,
            c("col.as_of"): when,
            c("col.warnings"): i18n.finding(f.code, f.params, lang),
            c("col.line"): f"{file}:{snapshot.line_of(f.path)}",
            c("col.field"): format_path(f.path),
        })
    return rows


def finding_place(snapshot: Snapshot, f: Finding, lang: Lang) -> tuple[str, str, str]:
    """(region, what, date) of a warning, in words: ('Padang', 'Aktivasi IKD', '1 November 2024') for a figure,
    ('Balikpapan', 'Fakta: Jumlah penduduk', '') for a fact's quote, ('', 'Target Aktivasi IKD', '') for a target's."""
    by_id: dict = snapshot.memo("observations_by_id", lambda: {  # type: ignore[assignment]
        m.observation.id: m.observation for m in snapshot.metrics})
    obs = by_id.get(f.subject) if f.subject else None
    if obs is not None:
        indicator = snapshot.indicators.get(obs.indicator)
        return (snapshot.regions[obs.region].name if obs.region in snapshot.regions else obs.region,
                getattr(indicator.name, lang) if indicator else obs.indicator, i18n.date(obs.as_of, lang))
    path = f.path
    if path[:1] == ("regions",) and len(path) > 2:
        region = snapshot.dataset.regions[path[1]]
        if path[2] == "facts" and len(path) > 3:
            return region.name, f"{i18n.t('col.fact', lang)}: {i18n.t(f'fact.{path[3]}', lang)}", ""
        return region.name, i18n.t("notes.note", lang), ""
    if path[:1] == ("indicators",) and len(path) > 3:
        indicator = snapshot.dataset.indicators[path[1]]
        target = indicator.targets[path[3]]
        return "", f"{i18n.t('col.target', lang)} {getattr(indicator.name, lang)}", str(target.year)
    return "", "", ""


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


# --- Bandingkan: the like-for-like offer, the title on a common date, and the table a page at a time ------------
TABLE_ROWS = 50  # comparison rows per page of the table: all shown at their full height, no inner scroll
NAMES_IN_HELP = 12


def like_for_like_offer(view: CompareView, lang: Lang) -> tuple[str, str] | None:
    """The button that limits a mixed comparison to one level and base: its label names the group and its size
    (never its members: 370 names made an 8.659-character button), its help lists the first few members."""
    if not view.like_for_like:
        return None
    rows = {r.region_id: r for r in view.rows}
    first = rows[view.like_for_like[0]]
    label = i18n.t("compare.like_for_like", lang, n=i18n.number(len(view.like_for_like), lang),
                   level=i18n.level(first.level, lang), base=i18n.base_kind(first.metrics.base_kind, lang))
    names = [rows[r].name for r in view.like_for_like[:NAMES_IN_HELP]]
    if len(view.like_for_like) > NAMES_IN_HELP:
        names.append(i18n.t("compare.like_for_like_more", lang,
                            n=i18n.number(len(view.like_for_like) - NAMES_IN_HELP, lang)))
    return label, i18n.t("compare.like_for_like_help", lang, regions=", ".join(names))


def projected_title(view: CompareView, indicator_name: str, at: dt.date, lang: Lang) -> str:
    """The ranking's title when every region is projected to one date: that date, never 'terbaru'."""
    target = i18n.percent(view.target_line, lang) if view.target_line is not None else "—"
    return i18n.t("compare.title_projected", lang, indicator=indicator_name, date=i18n.date_of(at, lang),
                  target=target)


def comparison_table_page(rows: list[dict[str, object]], view: CompareView, lang: Lang,
                          page: object = 1) -> tuple[list[dict[str, object]], int, int]:
    """One page of a comparison's table rows ([first, last) of all), each with its progress to the target also in
    words, with its decimals and marks ('2,5%', '≈100,2%*'), beside the bar (whose own number is a rounded one)."""
    first, last = page_slice(len(rows), page, TABLE_ROWS)
    progress, text = i18n.t("col.progress", lang), i18n.t("col.of_target", lang)
    out = []
    for row, r in zip(rows[first:last], view.rows[first:last], strict=True):
        m = r.metrics
        value = getattr(m, "checked_percent_of_target", m.percent_of_target)
        shown: dict[str, object] = {}
        for key, cell in row.items():
            if key == progress:
                shown[text] = show_value(value, lang, "percent")
            shown[key] = cell
        out.append(shown)
    return out, first, last
