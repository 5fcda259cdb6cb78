"""The Rakorda deck as plain data: slides with titles, bullets, chart data and speaker notes.

Built once from a selection (regions, indicator, projection and scenario inputs, as a link carries them) and drawn
three ways from the same data: on screen in presenter mode, as a PowerPoint file with native charts, and as a
self-contained HTML briefing. Every number comes from the same core views as the dashboard pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from dateutil.rrule import MONTHLY, rrule

from ikd_core import i18n
from ikd_core.domain.scenario import Result
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.compare import CompareView, Row, compare, status_text
from ikd_core.views.display import base_label, figure_notes, source_label
from ikd_core.views.overview import main_indicator
from ikd_core.views.whatif import Setup, numbers, reach_text, region_scenario, scenario_inputs, what_if

MAX_RANKED = 15  # bars a slide can show legibly from the back of a room
MAX_PROJECTIONS = 6  # one slide per region: more would make the deck a catalogue
LINES_PER_NOTES_SLIDE = 7  # 24 px text on a 16:9 slide
GREY = "#777777"
BLACK = "#000000"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    labels: list[str]  # the data label of each point, formatted for the deck's language ("" = none)
    color: str
    style: Literal["bar", "solid", "dash", "dot", "markers", "band_low", "band_high"] = "solid"
    point_colors: list[str] = field(default_factory=list)  # bars: one colour per region
    legend: str = ""  # a screen legend's label when it differs from the name (a band is one entry, not two)


@dataclass(frozen=True)
class ChartData:
    kind: Literal["bar", "line"]
    title: str
    categories: list  # region names (bar) or dates (line)
    series: list[Series]
    percent: bool  # values are percents
    axis_title: str
    target: float | None = None
    target_label: str = ""


@dataclass(frozen=True)
class Slide:
    key: str  # title, ranking, needed, projection:<region>, scenario, sources:<n>
    title: str
    subtitle: str
    bullets: list[str]
    chart: ChartData | None
    notes: list[str]  # speaker notes: sources, as-of dates, method


@dataclass(frozen=True)
class Deck:
    lang: Lang
    title: str
    indicator: str
    regions: list[str]
    slides: list[Slide]


def pick(params: Mapping[str, object], snapshot: Snapshot) -> tuple[str, list[str]]:
    """The indicator and regions of a selection: those asked for, else IKD and every region with a figure."""
    indicator = str(params.get("indicator") or main_indicator(snapshot))
    with_data = snapshot.latest_of(indicator)
    asked = params.get("regions")
    chosen = [r for r in asked if r in snapshot.regions] if isinstance(asked, list) else []
    return indicator, chosen or [r for r in snapshot.regions if r in with_data]


def build_deck(snapshot: Snapshot, params: Mapping[str, object], lang: Lang) -> Deck:
    """Slides in the Rakorda order: title, ranking, people still needed, one projection per region, the what-if
    scenario against the baseline, and sources with data notes. `params` are typed link values
    (`selection.typed`): regions, indicator, deadline, method, window, region and the scenario inputs."""
    indicator, regions = pick(params, snapshot)
    name = getattr(snapshot.indicators[indicator].name, lang)
    ranking = compare(snapshot, lang, regions, indicator, "percent")
    rows = [r for r in ranking.rows if r.value is not None]
    slides = [_title_slide(snapshot, ranking, name, lang), _ranking_slide(snapshot, ranking, name, lang),
              _needed_slide(snapshot, regions, indicator, name, lang)]
    deadline = params.get("deadline") if isinstance(params.get("deadline"), dt.date) else None
    method = str(params.get("method") or "last_two")
    window = int(params.get("window") or 3)  # type: ignore[call-overload]
    for r in rows[:MAX_PROJECTIONS]:
        setup = region_scenario(snapshot, r.region_id, indicator, lang, deadline, method, window)  # type: ignore[arg-type]
        if setup is not None:
            slides.append(_projection_slide(snapshot, setup, r, lang))
    scenario = _scenario_slide(snapshot, params, indicator, rows, lang)
    if scenario is not None:
        slides.append(scenario)
    slides += _source_slides(snapshot, ranking, rows, lang)
    return Deck(lang, slides[0].title, indicator, [r.region_id for r in rows], slides)


def _as_of_range(rows: list[Row], lang: Lang) -> str:
    if not rows:
        return "—"
    dates = sorted((r.metrics.as_of for r in rows), key=lambda d: d.reference)
    first, last = i18n.date(dates[0], lang), i18n.date(dates[-1], lang)
    return first if first == last else f"{first} – {last}"


def _source_note(snapshot: Snapshot, r: Row, lang: Lang) -> str:
    obs = r.metrics.observation
    src = snapshot.sources[obs.source]
    url = f" {src.url}" if src.url else ""
    notes = "".join(f" {note}." for note in figure_notes(r.metrics, lang))
    return (f"{r.name}: {r.value_text} ({base_label(r.metrics, lang)}), {i18n.t('hover.as_of', lang).lower()} "
            f"{i18n.date(r.metrics.as_of, lang)}. {i18n.t('hover.source', lang)}: "
            f"{source_label(snapshot, obs.source, lang)}{url}. “{obs.quotes[0]}”{notes}")


def _title_slide(snapshot: Snapshot, view: CompareView, name: str, lang: Lang) -> Slide:
    rows = [r for r in view.rows if r.value is not None]
    target = rows[0].outlook.target_percent if rows else None
    bullets = [i18n.t("deck.data_dates", lang, dates=_as_of_range(rows, lang))]
    if target is not None:
        bullets.append(i18n.t("deck.target", lang, target=i18n.percent(target, lang),
                              year=rows[0].outlook.deadline.year))
    bullets.append(i18n.t("deck.made", lang, date=i18n.date_of(snapshot.today, lang)))
    notes = [i18n.t("deck.notes.sources", lang)] + [_source_note(snapshot, r, lang) for r in rows]
    return Slide("title", i18n.t("deck.title", lang, indicator=name),
                 i18n.t("deck.subtitle", lang, n=len(rows)), bullets, None, notes)


def _bar(view: CompareView, title: str, lang: Lang, rows: list[Row]) -> ChartData:
    percent = view.metric in ("percent", "percent_of_target")
    target = view.target_line
    return ChartData(
        "bar", title, [r.name for r in rows],
        [Series(i18n.t(f"chart.axis.{view.metric}", lang), [r.value for r in rows], [r.value_text for r in rows],
                rows[0].color if rows else GREY, "bar", [r.color for r in rows])],
        percent, i18n.t(f"chart.axis.{view.metric}", lang), target,
        i18n.t("chart.target_line", lang, target=i18n.percent(target, lang)) if target is not None else "",
    )


def _ranking_slide(snapshot: Snapshot, view: CompareView, name: str, lang: Lang) -> Slide:
    rows = [r for r in view.rows if r.value is not None]
    shown = rows[:MAX_RANKED]
    target = i18n.percent(view.target_line, lang) if view.target_line is not None else "—"
    bullets = [f"{r.name}: {status_text(r.status, lang)} · {r.sublabel}" for r in shown[:LINES_PER_NOTES_SLIDE]]
    if len(rows) > len(shown):
        bullets.append(i18n.t("deck.top_only", lang, shown=len(shown), total=len(rows)))
    return Slide("ranking", i18n.t("deck.ranking", lang, indicator=name, target=target),
                 i18n.t("deck.ranking_sub", lang), bullets,
                 _bar(view, i18n.t("chart.axis.percent", lang), lang, shown),
                 view.notes + [_source_note(snapshot, r, lang) for r in rows])


def _needed_slide(snapshot: Snapshot, regions: list[str], indicator: str, name: str, lang: Lang) -> Slide:
    view = compare(snapshot, lang, regions, indicator, "still_needed")
    counted = [r for r in view.rows if r.value is not None and r.value > 0][:MAX_RANKED]
    reached = [r.name for r in view.rows if r.status == "tercapai"]
    unknown = [r.name for r in view.rows if r.value is None]
    bullets = [f"{r.name}: {r.value_text}" for r in counted[:LINES_PER_NOTES_SLIDE - 2]]
    if reached:
        bullets.append(i18n.t("deck.needed_reached", lang, regions=", ".join(reached)))
    if unknown:
        bullets.append(i18n.t("deck.needed_unknown", lang, regions=", ".join(unknown)))
    notes = [i18n.t("deck.needed_how", lang)] + [_source_note(snapshot, r, lang) for r in view.rows]
    return Slide("needed", i18n.t("deck.needed", lang, indicator=name), i18n.t("deck.needed_sub", lang), bullets,
                 _bar(view, i18n.t("chart.axis.still_needed", lang), lang, counted) if counted else None, notes)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first of every month (or every 2nd, 3rd, 6th, 12th) between two dates: at most 40 points."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24) if months / s <= 40)
    return [d.date() for d in rrule(MONTHLY, interval=step, dtstart=first.replace(day=1), until=last)
            if d.date() > first]


def _at(curve: list[tuple[dt.date, float, float, float]], d: dt.date, k: int) -> float | None:
    """Column k (1 low, 2 mid, 3 high) of the curve at date d, interpolated; None outside it."""
    if not curve or d < curve[0][0] or d > curve[-1][0]:
        return None
    days = [point[0].toordinal() for point in curve]
    column = [(low, mid, high)[k - 1] for _, low, mid, high in curve]
    return float(np.interp(d.toordinal(), days, column))


def _required(result: Result, d: dt.date) -> float | None:
    """The pace needed: the straight line from where the region probably is today to the target at the deadline."""
    path = result.required_path
    if path is None or not path[0][0] <= d <= path[1][0]:
        return None
    (begin, now), (end, target) = path
    return now + (target - now) * (d - begin).days / (end - begin).days


def _line_chart(title: str, lang: Lang, lines: list[tuple[str, str, Result, bool]],
                observed: tuple[str, list[dt.date], list[float], str]) -> ChartData:
    """Observed figures, then per result its projection (and, when asked, its band and the pace needed)."""
    obs_name, obs_dates, obs_values, obs_color = observed
    results = [r for _, _, r, _ in lines]
    first = min(obs_dates + [r.start.date for r in results])
    last = max([r.curve[-1][0] for r in results if r.curve] + [r.scenario.deadline for r in results])
    dates = sorted(set(obs_dates) | {r.start.date for r in results} | {r.scenario.deadline for r in results}
                   | {r.reach_date for r in results if r.reach_date} | {r.today for r in results}
                   | set(_months(first, last)))
    percent = results[0].unit == "percent"
    if percent:
        pct = lambda v: i18n.percent(v, lang, 1) if v is not None else ""  # noqa: E731
    else:
        pct = lambda v: i18n.number(v, lang) if v is not None else ""  # noqa: E731
    series = [Series(obs_name, [obs_values[obs_dates.index(d)] if d in obs_dates else None for d in dates],
                     [pct(obs_values[obs_dates.index(d)]) if d in obs_dates else "" for d in dates],
                     obs_color, "markers")]
    proj = i18n.t("chart.projection", lang)
    for name, color, result, detailed in lines:
        mid = [_at(result.curve, d, 2) if d >= result.start.date else None for d in dates]
        # Label the projection where it matters: at the deadline.
        labels = [pct(v) if d == result.scenario.deadline else "" for d, v in zip(dates, mid, strict=True)]
        if detailed:
            band = f"{name}: {i18n.t('chart.band', lang)}"
            low, high = [_at(result.curve, d, 1) for d in dates], [_at(result.curve, d, 3) for d in dates]
            series.append(Series(f"{band} ({i18n.t('chart.band_low', lang)})", low, [""] * len(dates), color,
                                 "band_low"))
            series.append(Series(f"{band} ({i18n.t('chart.band_high', lang)})", high, [""] * len(dates), color,
                                 "band_high", legend=band))
        series.append(Series(f"{name}: {proj}", mid, labels, color, "dash"))
        if detailed:
            series.append(Series(f"{name}: {i18n.t('chart.required', lang)}", [_required(result, d) for d in dates],
                                 [""] * len(dates), color, "dot"))
    target = results[0].target
    axis = i18n.t("chart.axis.percent" if percent else "chart.axis.people", lang)
    shown = "" if target is None else i18n.percent(target, lang) if percent else i18n.number(target, lang)
    label = "" if target is None else i18n.t("chart.target_line", lang, target=shown)
    return ChartData("line", title, dates, series, percent, axis, target, label)


def _pick_numbers(result: Result, lang: Lang) -> list[str]:
    rows = numbers(result, lang)
    keys = ("today", "projected", "reach", "still_needed", "required_working", "status")
    return [f"{rows[k][0]}: {rows[k][1]}" for k in keys if k != "today" or rows[k][1] != "—"]


def _projection_slide(snapshot: Snapshot, setup: Setup, row: Row, lang: Lang) -> Slide:
    result, line = setup.line.result, setup.line
    chart = _line_chart(i18n.t("chart.axis.percent", lang), lang, [(setup.name, setup.color, result, True)],
                        (i18n.t("chart.observed", lang), line.observed_dates, line.observed_values, setup.color))
    subtitle = f"{base_label(row.metrics, lang)} · {i18n.t('hover.as_of', lang)} {i18n.date(row.metrics.as_of, lang)}"
    return Slide(f"projection:{setup.region_id}",
                 i18n.t("deck.projection", lang, region=setup.name,
                        date=i18n.date_of(result.scenario.deadline, lang)),
                 subtitle, _pick_numbers(result, lang), chart,
                 [line.method, _source_note(snapshot, row, lang)])


def _scenario_slide(snapshot: Snapshot, params: Mapping[str, object], indicator: str, rows: list[Row],
                    lang: Lang) -> Slide | None:
    wanted = params.get("region")
    row = next((r for r in rows if r.region_id == wanted), rows[0] if rows else None)
    if row is None:
        return None
    base = region_scenario(snapshot, row.region_id, indicator, lang)
    if base is None:
        return None
    setup = what_if(snapshot, base, params, lang)
    before, after = scenario_inputs(setup.result.scenario, lang), scenario_inputs(setup.line.result.scenario, lang)
    changed = [f"{label}: {before[label]} → {after[label]}" for label in after if after[label] != before[label]]
    bullets = changed or [i18n.t("deck.no_changes", lang)]
    for title_key, result in (("sim.baseline", setup.result), ("sim.scenario", setup.line.result)):
        bullets.append(f"{i18n.t(title_key, lang)}: {_projected(result, lang)}; {reach_text(result, lang)}")
    chart = _line_chart(i18n.t("chart.axis.percent", lang), lang,
                        [(i18n.t("sim.baseline", lang), GREY, setup.result, False),
                         (i18n.t("sim.scenario", lang), setup.color, setup.line.result, False)],
                        (i18n.t("chart.observed", lang), setup.line.observed_dates, setup.line.observed_values,
                         setup.color))
    notes = [setup.line.method] + [f"{label}: {value}" for label, value in after.items()]
    notes.append(_source_note(snapshot, row, lang))
    return Slide("scenario", i18n.t("deck.scenario", lang, region=setup.name), i18n.t("deck.scenario_sub", lang),
                 bullets, chart, notes)


def _projected(result: Result, lang: Lang) -> str:
    if result.projected_percent is None:
        return "—"
    return i18n.t("deck.projected", lang, percent=i18n.percent(result.projected_percent, lang, 1),
                  date=i18n.date_of(result.scenario.deadline, lang))


def _source_slides(snapshot: Snapshot, view: CompareView, rows: list[Row], lang: Lang) -> list[Slide]:
    if len(rows) > MAX_RANKED:  # a national deck: a summary, not a slide per handful of regions
        lines = _summary_lines(snapshot, view, rows, lang)
    else:
        lines = [f"{r.name}: {i18n.t('hover.as_of', lang).lower()} {i18n.date(r.metrics.as_of, lang)} "
                 f"({i18n.t('age.days', lang, days=i18n.number(r.metrics.age_days, lang))}) · "
                 f"{source_label(snapshot, r.metrics.observation.source, lang)}" for r in rows]
        lines += view.notes
        for r in rows:
            for f in snapshot.findings_for(r.metrics.observation.id):
                if f.code == "stale":  # the age is on the region's line above
                    continue
                lines.append(f"{r.name}: {i18n.finding(f.code, f.params, lang)}")
    if not lines:
        lines = [i18n.t("deck.no_notes", lang)]
    chunks = [lines[k:k + LINES_PER_NOTES_SLIDE] for k in range(0, len(lines), LINES_PER_NOTES_SLIDE)]
    notes = [_source_note(snapshot, r, lang) for r in rows]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        title = i18n.t("deck.sources", lang)
        if len(chunks) > 1:
            title += f" ({n}/{len(chunks)})"
        out.append(Slide(f"sources:{n}", title, i18n.t("deck.sources_sub", lang), chunk, None, notes))
    return out


def _summary_lines(snapshot: Snapshot, view: CompareView, rows: list[Row], lang: Lang) -> list[str]:
    """Dates, staleness, sources and warnings of many regions, counted."""
    stale = sum(1 for r in rows if any(f.code == "stale" for f in snapshot.findings_for(r.metrics.observation.id)))
    publishers = {snapshot.sources[r.metrics.observation.source].publisher for r in rows}
    lines = [i18n.t("scale.summary_regions", lang, n=i18n.number(len(rows), lang), dates=_as_of_range(rows, lang)),
             i18n.t("scale.summary_stale", lang, n=i18n.number(stale, lang)),
             i18n.t("scale.summary_sources", lang, n=i18n.number(len(publishers), lang))]
    lines += [n for n in view.notes if n]
    kinds: dict[str, int] = {}
    for r in rows:
        for f in snapshot.findings_for(r.metrics.observation.id):
            if f.code != "stale":
                kinds[f.code] = kinds.get(f.code, 0) + 1
    lines += [i18n.t("scale.summary_warnings", lang, n=i18n.number(count, lang), kind=i18n.t(f"short.{code}", lang))
              for code, count in sorted(kinds.items(), key=lambda kv: -kv[1])]
    return lines
