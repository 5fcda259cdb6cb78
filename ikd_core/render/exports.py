"""Downloads: the observations with their provenance, as CSV and Excel, headers in the chosen language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import pickle  # noqa: S403 - our own sheets, to our own child
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ikd_core import i18n
from ikd_core.domain.metrics import Metrics
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang

# Excel and LibreOffice run a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def matches(snapshot: Snapshot, m: Metrics, query: str) -> bool:
    """Whether an observation mentions `query` (case-insensitive) in its region, indicator, source or quotes."""
    if not query.strip():
        return True
    obs = m.observation
    src = snapshot.sources[obs.source]
    ind = snapshot.indicators[obs.indicator]
    haystack = " ".join([snapshot.regions[obs.region].name, obs.id, ind.name.id, ind.name.en,
                         src.publisher or "", src.title or "", *obs.quotes]).casefold()
    return query.strip().casefold() in haystack


def selected_metrics(snapshot: Snapshot, region_ids: Iterable[str] | None = None,
                     indicator_ids: Iterable[str] | None = None, query: str = "") -> list[tuple[int, Metrics]]:
    """(position in the file, metrics) of the observations that pass the filters; empty filters keep all."""
    regions = set(region_ids) if region_ids else None
    indicators = set(indicator_ids) if indicator_ids else None
    return [
        (i, m) for i, m in enumerate(snapshot.metrics)
        if (regions is None or m.observation.region in regions)
        and (indicators is None or m.observation.indicator in indicators)
        and matches(snapshot, m, query)
    ]


def observation_records(snapshot: Snapshot, lang: Lang, chosen: list[tuple[int, Metrics]]) -> list[dict[str, object]]:
    """One record per observation: reported figures, derived figures (marked), and full provenance. The column
    names are looked up once, not once per cell (a national file has 20.000 rows of 32 columns)."""
    names = [i18n.t(f"export.{key}", lang) for key in _OBSERVATION_COLUMNS]
    out = []
    for i, m in chosen:
        obs, region = m.observation, snapshot.regions[m.observation.region]
        src = snapshot.sources[obs.source]
        base = obs.base
        out.append(dict(zip(names, (
            obs.id,  # observation_id
            region.name,  # region
            i18n.level(region.level, lang),  # level
            region.province,  # province
            getattr(snapshot.indicators[obs.indicator].name, lang),  # indicator
            obs.as_of.to_yaml(),  # as_of
            obs.as_of.precision,  # as_of_precision
            obs.count,  # count
            obs.count_approximate,  # count_approximate
            obs.percent,  # percent
            obs.percent_of,  # percent_of
            obs.percent_approximate,  # percent_approximate
            base.kind if base else None,  # base_kind
            base.count if base else None,  # base_count
            base.approximate if base else None,  # base_approximate
            base.estimate if base else None,  # base_estimate
            base.note if base else None,  # base_note
            obs.count_bound,  # count_bound
            obs.percent_bound,  # percent_bound
            obs.percent_of_target,  # percent_of_target
            obs.note,  # note
            obs.percent_of_note,  # percent_of_note
            round(m.percent.value, 4) if m.percent and m.percent.derived else None,  # derived_percent
            m.count.value if m.count and m.count.derived else None,  # derived_count
            m.still_needed.value if m.still_needed else None,  # still_needed
            m.target_percent,  # target_percent
            src.publisher,  # publisher
            src.title,  # title
            src.date_published.to_yaml() if src.date_published else None,  # published
            str(src.url) if src.url else None,  # url
            " | ".join(obs.quotes),  # quotes
            snapshot.line_of(("observations", i)),  # line
        ), strict=True)))
    return out


_OBSERVATION_COLUMNS = (
    "observation_id", "region", "level", "province", "indicator", "as_of", "as_of_precision", "count",
    "count_approximate", "percent", "percent_of", "percent_approximate", "base_kind", "base_count",
    "base_approximate", "base_estimate", "base_note", "count_bound", "percent_bound", "percent_of_target", "note",
    "percent_of_note", "derived_percent", "derived_count", "still_needed", "target_percent", "publisher", "title",
    "published", "url", "quotes", "line",
)


def _safe(value: object) -> object:
    # Text from a data file must never turn into a spreadsheet formula.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(records: list[dict[str, object]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Indonesian text correctly."""
    buffer = io.StringIO()
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows({k: _safe(v) for k, v in row.items()} for row in records)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: dict[str, list[dict[str, object]]]) -> bytes:
    """One sheet per table, header row bold and frozen, columns sized to their content."""
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, records in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        if not records:
            continue
        headers = list(records[0])
        sheet.append(headers)
        for row in records:
            sheet.append([_safe(row[h]) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for col, header in enumerate(headers, start=1):
            width = max(len(str(header)), *(len(str(r[header] or "")) for r in records))
            sheet.column_dimensions[get_column_letter(col)].width = min(60, width + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Format -> (file extension, MIME type). Every export of a selection goes through `export_bytes`, from the
# Presentasi page and from `python -m ikd_core export` alike.
FORMATS = {
    "pptx": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "html": ("html", "text/html"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv", "text/csv"),
}


def selection_tables(snapshot: Snapshot, params: Mapping[str, object],
                     lang: Lang) -> dict[str, list[dict[str, object]]]:
    """The comparison table, the observations and the sources of a selection, sheet name -> records."""
    from ikd_core.render.deck import pick
    from ikd_core.views.compare import compare, table_rows
    from ikd_core.views.tables import source_rows

    indicator, regions = pick(params, snapshot)
    comparison = table_rows(compare(snapshot, lang, regions, indicator, "percent"), snapshot, lang)
    chosen = selected_metrics(snapshot, regions)
    used = {m.observation.source for _, m in chosen}
    sources = [row for row, src in zip(source_rows(snapshot, lang), snapshot.dataset.sources, strict=True)
               if src.id in used]
    return {i18n.t("export.sheet_comparison", lang): comparison,
            i18n.t("export.sheet_observations", lang): observation_records(snapshot, lang, chosen),
            i18n.t("export.sheet_sources", lang): sources}


def export_bytes(snapshot: Snapshot, params: Mapping[str, object], lang: Lang, fmt: str) -> bytes:
    """The file for one format: the deck (pptx, html) or the tables (xlsx; csv = the comparison table). Built once
    per file version, selection, language and format, and shared (Snapshot.memo, `file=True`)."""
    key = ("export", fmt, lang, tuple(sorted((k, repr(v)) for k, v in params.items())))
    return snapshot.memo(key, lambda: _export_bytes(snapshot, params, lang, fmt), file=True)  # type: ignore[return-value]


# Rows from which a file is written in a child process: openpyxl is pure Python, and a national file's 40.000 rows
# held the server's interpreter (every viewer's rerun) for about 8 s; a national CSV for 0,4 s. In a child they use
# the other core, and the server only pickles the rows (0,04 s for a national CSV's).
ASIDE_ROWS = 5_000


def xlsx_aside(sheets: dict[str, list[dict[str, object]]]) -> bytes:
    """to_xlsx, in a child process when the sheets are large (in this process when they are small)."""
    if sum(len(rows) for rows in sheets.values()) < ASIDE_ROWS:
        return to_xlsx(sheets)
    return _in_child("xlsx", sheets)


def csv_aside(records: list[dict[str, object]]) -> bytes:
    """to_csv, in a child process when the records are many (in this process when they are few)."""
    if len(records) < ASIDE_ROWS:
        return to_csv(records)
    return _in_child("csv", records)


def _in_child(fmt: str, payload: object) -> bytes:
    """`python -m ikd_core.render.exports`: the format and its rows pickled in, the file out."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "ikd_core.render.exports"], input=pickle.dumps((fmt, payload)),
                          capture_output=True, env=env, cwd=root, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the {fmt} writer failed: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout


def observations_file(snapshot: Snapshot, lang: Lang, chosen: list, fmt: str) -> bytes:
    """The Data page's download of the chosen observations: CSV, or Excel with the warnings and sources beside them.
    Built once per file version, choice, language and format: a national Excel takes 6 s of pure Python, and ten
    built at once held the server's one core (and every other viewer) for 35 s."""
    from ikd_core.views.tables import source_rows, warning_rows

    def build() -> bytes:
        records = observation_records(snapshot, lang, chosen)
        if fmt == "csv":
            return csv_aside(records)
        sheets: dict[str, list[dict[str, object]]] = {
            i18n.t("data_page.sheet_observations", lang): records,
            i18n.t("data_page.sheet_warnings", lang): cast(list[dict[str, object]], warning_rows(snapshot, lang)),
            i18n.t("data_page.sheet_sources", lang): cast(list[dict[str, object]], source_rows(snapshot, lang))}
        return xlsx_aside(sheets)

    key = ("observations", fmt, lang, tuple(m.observation.id for _, m in chosen))
    return snapshot.memo(key, build, file=True)  # type: ignore[return-value]


def _export_bytes(snapshot: Snapshot, params: Mapping[str, object], lang: Lang, fmt: str) -> bytes:
    if fmt in ("pptx", "html"):
        from ikd_core.render.deck import build_deck

        deck = build_deck(snapshot, params, lang)
        if fmt == "pptx":
            from ikd_core.render.pptx_deck import to_pptx

            return to_pptx(deck)
        from ikd_core.render.briefing import to_html

        return to_html(deck, i18n.date_of(snapshot.today, lang)).encode("utf-8")
    tables = selection_tables(snapshot, params, lang)
    if fmt == "xlsx":
        return xlsx_aside(tables)
    if fmt == "csv":
        return to_csv(next(iter(tables.values())))
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(fmt: str, today: dt.date) -> str:
    """ikd-rakorda-2026-11-23.pptx: dated, so a second export never replaces the first in Downloads."""
    return f"ikd-rakorda-{today.isoformat()}.{FORMATS[fmt][0]}"


if __name__ == "__main__":  # the child of _in_child: the format and its rows pickled in, the file out
    _fmt, _rows = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from our own parent
    sys.stdout.buffer.write(to_xlsx(_rows) if _fmt == "xlsx" else to_csv(_rows))
