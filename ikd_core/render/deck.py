"""The Rakorda deck as plain data: slides with titles, bullets, chart data, a talking point and speaker notes.

Built once from a selection (regions, indicator, projection and scenario inputs, as a link carries them) and drawn
three ways from the same data: on screen in presenter mode, as a PowerPoint file with native charts, and as a
self-contained HTML briefing. Every number comes from the same core views as the dashboard pages.

The story: where regions stand (the title's headline numbers, then the ranking), how many people are still needed,
a projection per region (at national scale, the regions furthest behind, worst first), the scenario when the link
changes something, and the sources. Long lists become counts that point to the Excel file and the Data page; every
text area is filled only as far as its measured budget (`Frame`), and what does not fit goes onto a continuation
slide, never off the edge.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from dateutil.rrule import MONTHLY, rrule

from ikd_core import i18n
from ikd_core.domain.metrics import Metrics
from ikd_core.domain.scenario import STATUSES, Result, Status
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.views.compare import CompareView, Row, compare, status_text
from ikd_core.views.display import (
    base_label,
    estimate_note,
    figure_notes,
    marked_phrase,
    percent_text,
    show_value,
    source_label,
    without_estimate,
)
from ikd_core.views.overview import main_indicator
from ikd_core.views.palette import label_shade
from ikd_core.views.whatif import Setup, numbers, reach_text, region_scenario, scenario_inputs, what_if

MAX_RANKED = 10  # bars a slide can show legibly from the back of a room (18 pt names in PowerPoint)
MAX_PROJECTIONS = 6  # one slide per region: more would make the deck a catalogue
MAX_NAMES = 5  # a list of more region names than this becomes a count and a pointer to the Excel file
GREY = "#595959"  # the baseline: 7,0:1 on white
BLACK = "#000000"
NBSP = "\u00a0"


@dataclass(frozen=True)
class Frame:
    """A slide's text area as a budget: characters on a line and lines in the area, the smaller of the on-screen
    presenter at its tightest (1280×720: 24 px text, the floor the presenter keeps) and the PowerPoint box at 18 pt
    (20 pt without a chart), 0,6 em a character (DejaVu Sans averages 0,53 em on this text).

    Measured (docs/visuals.md): beside a chart, the presenter's column holds 40 characters of 24 px text a line and
    15,7 lines; the PowerPoint box (5,6 × 5,3 in) 36 characters and 17,3 lines. A slide without a chart: 116 and
    15,7 on screen, 70 and 15,3 in PowerPoint (12,1 × 5,2 in). A bullet costs its wrapped lines plus 0,3 of a line
    (the gap under it)."""

    chars: int
    lines: float


SIDE = Frame(36, 15.0)
FULL = Frame(70, 14.0)
TITLE_CHARS = 50  # one line: 41,8 px bold on a 1.190 px wide screen slide; 26 pt bold on a 12,3 in PowerPoint box
SUBTITLE_CHARS = 100
BULLET_GAP = 0.3


def wrapped(text: str, chars: int) -> int:
    """Lines a paragraph takes when wrapped at word boundaries to `chars` characters (a word longer than a line
    is broken). A line's last character is kept for the space a wrap swallows, so a paragraph never counts fewer
    lines than its length over `chars`."""
    chars = max(1, chars - 1)
    lines, current = 1, 0
    for word in (w for w in text.split(" ") if w):  # a no-break space (U+00A0) holds its words together
        while len(word) > chars:  # a long word (a URL) breaks across lines
            if current:
                lines, current = lines + 1, 0
            word = word[chars:]
            lines += 1
        need = len(word) + (1 if current else 0)
        if current + need > chars:
            lines, current = lines + 1, len(word)
        else:
            current += need
    return lines


def cost(bullets: list[str], frame: Frame) -> float:
    return sum(wrapped(b, frame.chars) + BULLET_GAP for b in bullets)


def fits(bullets: list[str], frame: Frame) -> bool:
    return cost(bullets, frame) <= frame.lines


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    labels: list[str]  # the data label of each point, formatted for the deck's language ("" = none)
    color: str
    style: Literal["bar", "solid", "dash", "dot", "dashdot", "markers", "band_low", "band_high"] = "solid"
    point_colors: list[str] = field(default_factory=list)  # bars: one colour per region
    legend: str = ""  # a screen legend's label when it differs from the name (a band is one entry, not two)
    label_position: Literal["above", "below"] = "above"  # where its labels sit: never on another series' label

    @property
    def text_color(self) -> str:
        """The colour of its labels: the line's hue, dark enough to read on white."""
        return label_shade(self.color)


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
    deadline: dt.date | None = None  # line charts: the deadline, drawn as a vertical line
    deadline_label: str = ""


@dataclass(frozen=True)
class Slide:
    key: str  # title, ranking, needed, projection:<region>, scenario, sources:<n>; "<key>+<n>" a continuation
    title: str
    subtitle: str
    bullets: list[str]
    chart: ChartData | None
    notes: list[str]  # speaker notes: sources, as-of dates, method
    talk: str = ""  # one talking point in plain words, read first in the speaker notes


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
    """Slides in the Rakorda order: title with the headline numbers, ranking, people still needed, one projection
    per region (the furthest behind when they are too many), the what-if scenario against the baseline when it
    changes something, and sources with data notes. `params` are typed link values (`selection.typed`): regions,
    indicator, deadline, method, window, region and the scenario inputs.

    Built once per file version, language and selection, and shared: at national scale a deck takes half a second
    of the one core a server has, and every presenter's rerun (a key press to the next slide) asked for it again."""
    key = ("deck", lang, tuple(sorted((k, repr(v)) for k, v in params.items())))
    return snapshot.memo(key, lambda: _build_deck(snapshot, params, lang))  # type: ignore[return-value]


def _build_deck(snapshot: Snapshot, params: Mapping[str, object], lang: Lang) -> Deck:
    indicator, regions = pick(params, snapshot)
    name = getattr(snapshot.indicators[indicator].name, lang)
    ranking = compare(snapshot, lang, regions, indicator, "percent")
    rows = [r for r in ranking.rows if r.value is not None]
    slides = [_title_slide(snapshot, ranking, name, lang), _ranking_slide(snapshot, ranking, name, lang),
              _needed_slide(snapshot, regions, indicator, name, lang)]
    given = params.get("deadline")
    deadline = given if isinstance(given, dt.date) else None
    method = str(params.get("method") or "last_two")
    window = int(params.get("window") or 3)  # type: ignore[call-overload]
    for place, r, setup in _projected(snapshot, rows, indicator, lang, deadline, method, window):
        slides.append(_projection_slide(snapshot, setup, r, lang, place, len(rows)))
    scenario = _scenario_slide(snapshot, params, indicator, rows, lang)
    if scenario is not None:
        slides.append(scenario)
    slides += _source_slides(snapshot, ranking, rows, lang)
    slides = [part for s in slides for part in _fitted(s, lang)]
    return Deck(lang, slides[0].title, indicator, [r.region_id for r in rows], slides)


def _projected(snapshot: Snapshot, rows: list[Row], indicator: str, lang: Lang, deadline: dt.date | None,
               method: str, window: int) -> list[tuple[int, Row, Setup]]:
    """The regions that get a projection slide, with their place from the bottom of the ranking (1 = lowest):
    every region in ranking order when they fit; else the MAX_PROJECTIONS furthest behind (lowest percent first),
    never regions already at the target."""
    def setup_of(r: Row) -> Setup | None:
        return region_scenario(snapshot, r.region_id, indicator, lang, deadline, method, window)

    if len(rows) <= MAX_PROJECTIONS:
        found = [(len(rows) - k, r, setup_of(r)) for k, r in enumerate(rows)]
        return [(place, r, s) for place, r, s in found if s is not None]
    chosen: list[tuple[int, Row, Setup]] = []
    for place, r in enumerate(reversed(rows), start=1):
        if r.status == "tercapai":
            continue
        setup = setup_of(r)
        if setup is not None:
            chosen.append((place, r, setup))
        if len(chosen) == MAX_PROJECTIONS:
            break
    return chosen


def _fitted(s: Slide, lang: Lang) -> list[Slide]:
    """The slide, and continuation slides (no chart, full width) for the bullets its frame cannot hold."""
    frame = SIDE if s.chart is not None else FULL
    if fits(s.bullets, frame) or len(s.bullets) <= 1:
        return [s]
    kept: list[str] = []
    for bullet in s.bullets:
        if kept and not fits([*kept, bullet], frame):
            break
        kept.append(bullet)
    rest = s.bullets[len(kept):]
    first = replace(s, bullets=kept)
    more = Slide(f"{s.key}+", i18n.t("deck.continued", lang, title=_short_title(s.title)), s.subtitle, rest, None,
                 s.notes, i18n.t("deck.talk.continued", lang))
    return [first, *(replace(m, key=f"{s.key}+{n}") for n, m in enumerate(_fitted(more, lang), start=1))]


def _short_title(title: str) -> str:
    limit = TITLE_CHARS - 12  # room for " (lanjutan)"
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"


def _title(lang: Lang, key: str, **params: object) -> str:
    """The slide title, or its short form (key + '_short') when it would not fit on one line."""
    full = i18n.t(key, lang, **params)
    return full if len(full) <= TITLE_CHARS else i18n.t(f"{key}_short", lang, **params)


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
    return (f"{r.name}: {percent_text(r.metrics, lang) if r.metrics.percent else r.value_text} "
            f"({base_label(r.metrics, lang)}), {i18n.t('hover.as_of', lang).lower()} "
            f"{i18n.date(r.metrics.as_of, lang)}. {i18n.t('hover.source', lang)}: "
            f"{source_label(snapshot, obs.source, lang)}{url}. “{obs.quotes[0]}”{notes}")


def _source_notes(snapshot: Snapshot, rows: list[Row], lang: Lang) -> list[str]:
    """The source of every figure on a slide; at national scale a pointer to the Excel sheet instead."""
    if len(rows) > MAX_RANKED:
        return [i18n.t("deck.notes.sources_excel", lang, n=i18n.number(len(rows), lang))]
    return [_source_note(snapshot, r, lang) for r in rows]


def _counts(rows: list[Row]) -> dict[Status, int]:
    return {status: sum(r.status == status for r in rows) for status in STATUSES}


def _status_line(rows: list[Row], lang: Lang) -> str:
    """'✔ tercapai: 0 · ● sesuai jalur: 1 · ▲ berisiko: 0 · ✖ tertinggal: 4' (unknown only when there is one)."""
    counts = _counts(rows)
    shown = [s for s in STATUSES if s != "tidak_diketahui" or counts[s]]
    return " · ".join(f"{status_text(s, lang)}: {i18n.number(counts[s], lang)}".replace(" ", NBSP) for s in shown)


def _median(rows: list[Row]) -> float | None:
    """The median of exact percents, as the overview's: a bound ("> 51%") is not a value."""
    known = [r.value for r in rows if r.value is not None and not r.bound]
    return statistics.median(known) if known else None


def _title_slide(snapshot: Snapshot, view: CompareView, name: str, lang: Lang) -> Slide:
    rows = [r for r in view.rows if r.value is not None]
    target = rows[0].outlook.target_percent if rows else None
    median = _median(rows)
    bullets = []
    if target is not None:
        bullets.append(i18n.t("deck.target", lang, target=i18n.percent(target, lang),
                              year=rows[0].outlook.deadline.year))
    if rows:
        bullets.append(_status_line(view.rows, lang))
    if median is not None:
        bullets.append(f"{i18n.t('kpi.median', lang)}: {i18n.percent(median, lang)}")
    bullets.append(i18n.t("deck.data_dates", lang, dates=_as_of_range(rows, lang)))
    bullets.append(i18n.t("deck.made", lang, date=i18n.date_of(snapshot.today, lang)))
    counts = _counts(view.rows)
    talk = i18n.t("deck.talk.title", lang, n=i18n.number(len(view.rows), lang), indicator=name,
                  target=i18n.percent(target, lang) if target is not None else "—",
                  reached=i18n.number(counts["tercapai"], lang), on_track=i18n.number(counts["sesuai_jalur"], lang),
                  behind=i18n.number(counts["berisiko"] + counts["tertinggal"], lang),
                  median=i18n.percent(median, lang) if median is not None else "—")
    notes = [i18n.t("deck.notes.sources", lang), *_source_notes(snapshot, rows, lang)]
    return Slide("title", i18n.t("deck.title", lang, indicator=name),
                 i18n.t("deck.subtitle", lang, n=i18n.number(len(view.rows), lang)), bullets, None, notes, talk)


def _bar_label(r: Row, lang: Lang) -> str:
    """A bar's label, short enough to stay inside the chart: a percent that contradicts its own count and base
    shows the computed value with a ⚠ (the reported one is in the slide's bullets and the hover)."""
    if r.metric == "percent" and r.metrics.computed_percent is not None:
        return f"{show_value(r.metrics.computed_percent, lang, 'percent')} ⚠"
    return r.value_text


def _bar(view: CompareView, title: str, lang: Lang, rows: list[Row]) -> ChartData:
    percent = view.metric in ("percent", "percent_of_target")
    target = view.target_line
    return ChartData(
        "bar", title, [r.name for r in rows],
        [Series(i18n.t(f"chart.axis.{view.metric}", lang), [r.value for r in rows], [_bar_label(r, lang) for r in rows],
                rows[0].color if rows else GREY, "bar", [r.color for r in rows])],
        percent, i18n.t(f"chart.axis.{view.metric}", lang), target,
        i18n.t("chart.target_line", lang, target=i18n.percent(target, lang)) if target is not None else "",
    )


def _ranking_slide(snapshot: Snapshot, view: CompareView, name: str, lang: Lang) -> Slide:
    rows = [r for r in view.rows if r.value is not None]
    target = i18n.percent(view.target_line, lang) if view.target_line is not None else "—"
    title = _title(lang, "deck.ranking", indicator=name, target=target)
    if len(rows) <= MAX_RANKED:
        shown = rows
        bullets = []
        for r in rows:
            mismatch = f" · {percent_text(r.metrics, lang)}" if r.metrics.computed_percent is not None else ""
            bullets.append(f"{r.name}: {status_text(r.status, lang)} · {r.sublabel}{mismatch}")
        subtitle = i18n.t("deck.ranking_sub", lang)
    else:  # a national deck: the laggards, the statuses counted, the full list pointed to
        shown = rows[-MAX_RANKED:]
        bullets = [f"{status_text(s, lang)}: {i18n.number(n, lang)}" for s, n in _counts(view.rows).items()
                   if s != "tidak_diketahui" or n]
        median = _median(rows)
        if median is not None:
            bullets.append(f"{i18n.t('kpi.median', lang)}: {i18n.percent(median, lang)}")
        bullets.append(i18n.t("deck.bottom_only", lang, shown=len(shown), total=i18n.number(len(rows), lang)))
        # Each bar's own base and date, as the seed deck gives them: they continue on the next slide when needed.
        bullets += [f"{r.name}: {status_text(r.status, lang)} · {r.sublabel}" for r in shown]
        subtitle = i18n.t("deck.ranking_sub_bottom", lang, shown=len(shown), total=i18n.number(len(rows), lang))
    talk = ""
    if rows:
        top, bottom = rows[0], rows[-1]
        talk = i18n.t("deck.talk.ranking", lang, top=top.name, top_value=_bar_label(top, lang), bottom=bottom.name,
                      bottom_value=_bar_label(bottom, lang))
    notes = list(view.notes) + _source_notes(snapshot, shown, lang)
    return Slide("ranking", title, subtitle, bullets, _bar(view, i18n.t("chart.axis.percent", lang), lang, shown),
                 notes, talk)


def _names(names: list[str], key: str, key_n: str, lang: Lang) -> str:
    """A handful of region names, listed; more than MAX_NAMES, counted, with the Excel sheet named."""
    if len(names) <= MAX_NAMES:
        return i18n.t(key, lang, regions=", ".join(names))
    return i18n.t(key_n, lang, n=i18n.number(len(names), lang))


def _needed_slide(snapshot: Snapshot, regions: list[str], indicator: str, name: str, lang: Lang) -> Slide:
    view = compare(snapshot, lang, regions, indicator, "still_needed")
    positive = [r for r in view.rows if r.value is not None and r.value > 0]
    counted = positive[:MAX_RANKED]
    reached = [r.name for r in view.rows if r.status == "tercapai"]
    unknown = [r.name for r in view.rows if r.value is None]
    national = len(positive) > len(counted)
    bullets = [f"{r.name}: {r.value_text}" for r in counted[:3 if national else MAX_NAMES]]
    if national:  # room for the counts below: three names, the rest on the chart
        bullets.append(i18n.t("deck.needed_top", lang, shown=len(counted), total=i18n.number(len(positive), lang)))
    if reached:
        bullets.append(_names(reached, "deck.needed_reached", "deck.needed_reached_n", lang))
    if unknown:
        bullets.append(_names(unknown, "deck.needed_unknown", "deck.needed_unknown_n", lang))
    talk = (i18n.t("deck.talk.needed", lang, region=counted[0].name, value=counted[0].value_text)
            if counted else i18n.t("deck.talk.needed_none", lang))
    notes = [i18n.t("deck.needed_how", lang), *_source_notes(snapshot, counted, lang)]
    return Slide("needed", i18n.t("deck.needed", lang, indicator=name), i18n.t("deck.needed_sub", lang), bullets,
                 _bar(view, i18n.t("chart.axis.still_needed", lang), lang, counted) if counted else None, notes, talk)


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


@dataclass(frozen=True)
class Observed:
    """A region's figures as a slide draws them: the checked percent (or the count), and the latest one's label with
    its marks (≈ * (perkiraan))."""

    dates: list[dt.date]
    values: list[float]
    label: str


def observed(setup: Setup, lang: Lang) -> Observed:
    people = setup.line.unit == "people"
    figures: list[Metrics] = list(setup.plan.figures)
    values = [(m.count if people else m.checked_percent) for m in figures]
    pairs = [(m.as_of.reference, v) for m, v in zip(figures, values, strict=True) if v is not None]
    last = values[-1] if values else None
    label = show_value(last, lang, "count" if people else "percent") if last is not None else ""
    return Observed([d for d, _ in pairs], [v.value for _, v in pairs], label)


def _line_chart(title: str, lang: Lang, lines: list[tuple[str, str, Result, bool]], seen: Observed,
                color: str, observed_name: str) -> ChartData:
    """Observed figures (the latest labelled), then per result its projection labelled at the deadline (and, when
    asked, its band and the pace needed). Labels that would meet are put on opposite sides of their lines."""
    results = [r for _, _, r, _ in lines]
    first = min(seen.dates + [r.start.date for r in results])
    last = max([r.curve[-1][0] for r in results if r.curve] + [r.scenario.deadline for r in results])
    dates = sorted(set(seen.dates) | {r.start.date for r in results} | {r.scenario.deadline for r in results}
                   | {r.reach_date for r in results if r.reach_date} | {r.today for r in results}
                   | set(_months(first, last)))
    percent = results[0].unit == "percent"
    if percent:
        pct = lambda v: i18n.percent(v, lang, 1) if v is not None else ""  # noqa: E731
    else:
        pct = lambda v: i18n.number(v, lang) if v is not None else ""  # noqa: E731
    deadline = results[0].scenario.deadline
    ends = [_at(r.curve, r.scenario.deadline, 2) for r in results]
    # The highest line at the deadline is labelled above it, the others below; the latest figure below its marker.
    # When every projection ends under the latest figure (a flat or falling line) the two swap: the figure's label
    # above, the projections' below, so no two labels share a spot.
    highest = max(range(len(results)), key=lambda k: -math.inf if ends[k] is None else ends[k])  # type: ignore
    last_seen = seen.values[-1] if seen.values else None
    falling = last_seen is not None and all(e is not None and e < last_seen for e in ends)
    series = [Series(observed_name,
                     [seen.values[seen.dates.index(d)] if d in seen.dates else None for d in dates],
                     [seen.label if seen.dates and d == seen.dates[-1] else "" for d in dates],
                     color, "markers", label_position="above" if falling else "below")]
    proj = i18n.t("chart.projection", lang)
    for k, (name, line_color, result, detailed) in enumerate(lines):
        prefix = f"{name}: " if name else ""
        mid = [_at(result.curve, d, 2) if d >= result.start.date else None for d in dates]
        labels = [pct(v) if d == result.scenario.deadline else "" for d, v in zip(dates, mid, strict=True)]
        if detailed:
            band = f"{prefix}{i18n.t('chart.band', lang)}"
            low, high = [_at(result.curve, d, 1) for d in dates], [_at(result.curve, d, 3) for d in dates]
            series.append(Series(f"{band} ({i18n.t('chart.band_low', lang)})", low, [""] * len(dates), line_color,
                                 "band_low"))
            series.append(Series(f"{band} ({i18n.t('chart.band_high', lang)})", high, [""] * len(dates), line_color,
                                 "band_high", legend=band))
        # The baseline dash-dot, as on Simulasi; the scenario (or the one projection) dashed; the pace needed dotted.
        style: Literal["dash", "dashdot"] = "dashdot" if len(lines) > 1 and k == 0 else "dash"
        series.append(Series(f"{prefix}{proj}", mid, labels, line_color, style,
                             label_position="above" if k == highest and not falling else "below"))
        path = result.required_path
        if detailed and path is not None and path[1][1] > path[0][1]:  # already above the target: nothing needed
            series.append(Series(f"{prefix}{i18n.t('chart.required', lang)}", [_required(result, d) for d in dates],
                                 [""] * len(dates), line_color, "dot"))
    target = results[0].target
    axis = i18n.t("chart.axis.percent" if percent else "chart.axis.people", lang)
    shown = "" if target is None else i18n.percent(target, lang) if percent else i18n.number(target, lang)
    label = "" if target is None else i18n.t("chart.target_line", lang, target=shown)
    return ChartData("line", title, dates, series, percent, axis, target, label, deadline,
                     i18n.t("in.deadline", lang))  # the date is in the slide's title


def _pick_numbers(setup: Setup, result: Result, lang: Lang) -> list[str]:
    """The projection page's numbers, as it shows them. A reach date the projection puts in the past while the
    figures do not show the target reached is not said as a date: the slide says the target is not shown reached."""
    rows = numbers(result, lang)
    keys = ("today", "projected", "reach", "still_needed", "required_working", "status")
    out = []
    for k in keys:
        label, value = rows[k]
        if k == "today" and value == "—":
            continue
        if k == "reach" and result.status != "tercapai" and result.reach_date and result.reach_date <= result.today:
            latest = setup.plan.latest
            figure = latest.checked_percent if result.unit == "percent" else latest.count
            target = i18n.percent(result.scenario.target_percent, lang)
            out.append(i18n.t("deck.reach_unconfirmed", lang, target=target,
                              value=show_value(figure, lang, "percent" if result.unit == "percent" else "count"),
                              date=i18n.date(latest.as_of, lang)))
            continue
        out.append(f"{label}: {value}")
    return out


def _projection_slide(snapshot: Snapshot, setup: Setup, row: Row, lang: Lang, place: int, total: int) -> Slide:
    result = setup.line.result
    seen = observed(setup, lang)
    chart = _line_chart(i18n.t("chart.axis.percent", lang), lang, [("", setup.color, result, True)], seen,
                        setup.color, i18n.t("chart.observed", lang))
    date = i18n.date_of(result.scenario.deadline, lang)
    title = _title(lang, "deck.projection", region=setup.name, date=date)
    parts = [base_label(row.metrics, lang), f"{i18n.t('hover.as_of', lang)} {i18n.date(row.metrics.as_of, lang)}"]
    if title == i18n.t("deck.projection_short", lang, region=setup.name, date=date):
        parts.insert(0, i18n.t("deck.projection_to", lang, date=date))
    if total > MAX_PROJECTIONS:
        parts.append(i18n.t("deck.lowest", lang, n=place, total=i18n.number(total, lang)))
    rows = numbers(result, lang)
    talk = i18n.t("deck.talk.projection", lang, region=setup.name, projected=rows["projected"][1], date=date,
                  status=status_text(result.status, lang))
    if result.required_per_working_day:
        talk += " " + i18n.t("deck.talk.projection_need", lang, per_day=rows["required_working"][1])
    return Slide(f"projection:{setup.region_id}", title, " · ".join(parts), _pick_numbers(setup, result, lang),
                 chart, [setup.line.method, _source_note(snapshot, row, lang)], talk)


def _scenario_slide(snapshot: Snapshot, params: Mapping[str, object], indicator: str, rows: list[Row],
                    lang: Lang) -> Slide | None:
    """The scenario against the region as it is, when the link changes something; None (no slide) otherwise."""
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
    if not changed or _same(setup.result, setup.line.result):  # a default filled in that moves nothing is no change
        return None
    bullets = list(changed)
    for title_key, result in (("sim.baseline", setup.result), ("sim.scenario", setup.line.result)):
        bullets.append(f"{i18n.t(title_key, lang)}: {_projected_text(result, lang)}; {reach_text(result, lang)}")
    chart = _line_chart(i18n.t("chart.axis.percent", lang), lang,
                        [(i18n.t("sim.baseline", lang), GREY, setup.result, False),
                         (i18n.t("sim.scenario", lang), setup.color, setup.line.result, False)],
                        observed(setup, lang), setup.color, i18n.t("chart.observed", lang))
    notes = [setup.line.method] + [f"{label}: {value}" for label, value in after.items()]
    notes.append(_source_note(snapshot, row, lang))
    talk = i18n.t("deck.talk.scenario", lang, changes="; ".join(changed), region=setup.name,
                  scenario=_projected_text(setup.line.result, lang), baseline=_projected_text(setup.result, lang))
    return Slide("scenario", _title(lang, "deck.scenario", region=setup.name), i18n.t("deck.scenario_sub", lang),
                 bullets, chart, notes, talk)


def _same(a: Result, b: Result) -> bool:
    """Two runs that project and reach alike: the same curve, reach date, deadline and target."""
    return (a.curve == b.curve and a.reach_date == b.reach_date and a.scenario.deadline == b.scenario.deadline
            and a.scenario.target_percent == b.scenario.target_percent)


def _projected_text(result: Result, lang: Lang) -> str:
    if result.projected_percent is None:
        return "—"
    v = result.start.carried(result.projected_percent)  # marked as the figure it is projected from
    text = i18n.t("deck.projected", lang, percent=marked_phrase(i18n.percent(v.value, lang, 1),
                                                              without_estimate(v), lang),
                  date=i18n.date_of(result.scenario.deadline, lang))
    return text + estimate_note(v, lang)


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
    chunks: list[list[str]] = [[]]
    for line in lines:
        if chunks[-1] and not fits([*chunks[-1], line], FULL):
            chunks.append([])
        chunks[-1].append(line)
    notes = _source_notes(snapshot, rows, lang)
    stale = sum(1 for r in rows if any(f.code == "stale" for f in snapshot.findings_for(r.metrics.observation.id)))
    talk = i18n.t("deck.talk.sources", lang, dates=_as_of_range(rows, lang), stale=i18n.number(stale, lang))
    out = []
    for n, chunk in enumerate(chunks, start=1):
        title = i18n.t("deck.sources", lang)
        if len(chunks) > 1:
            title += f" ({n}/{len(chunks)})"
        out.append(Slide(f"sources:{n}", title, i18n.t("deck.sources_sub", lang), chunk, None, notes,
                         talk if n == 1 else i18n.t("deck.talk.continued", lang)))
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

