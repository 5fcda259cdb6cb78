"""Plotly figures built from the core's views (graph objects only: plotly.express is slow per rerun)."""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio
from dateutil.rrule import MONTHLY, rrule

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.render.deck import ChartData
from ikd_core.views.compare import CompareView, status_text
from ikd_core.views.palette import BAND_ALPHA, label_shade
from ikd_core.views.plain import markup
from ikd_core.views.region import RegionView
from ikd_core.views.whatif import Line

FONT = "DejaVu Sans, Arial, sans-serif"  # installed locally: no web fonts
# The camera button's PNG: 3x for slides.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3},
}


# plotly_white's look, without the 3D, polar, geo and colour-scale parts these charts never use: assigning the
# full template by name deep-copies it into every figure, about 12 ms of each rerun.
_WHITE = pio.templates["plotly_white"].layout.to_plotly_json()
TEMPLATE = go.layout.Template(layout={k: v for k, v in _WHITE.items() if k in (
    "autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor", "xaxis",
    "yaxis", "shapedefaults", "annotationdefaults", "title")})
# Tick labels stand off their axes, so the first date under the plot and the "0%" beside it do not meet in the corner
# ("0%" was printed over "Okt 2024").
TEMPLATE.layout.xaxis.ticklabelstandoff = 8
TEMPLATE.layout.yaxis.ticklabelstandoff = 6


# Page charts: every axis, tick, legend and label text at least 16 px (the browser's body size), titles 18 px. Text is
# near-black (#222, 16:1 on white); a series' own colour, when a label carries it, is darkened to 4,5:1 (text_shade).
FONT_SIZE = 16
TITLE_SIZE = 18
INK = "#222222"
# A title longer than this many characters breaks onto the next line: plotly never wraps, and a phone's chart is
# about 360 px wide, some 34 characters of 18 px text.
TITLE_CHARS = 34
LEGEND_CHARS = 32  # a legend entry longer than this breaks after its colon (or a space), for the same reason


def wrap(text: str, width: int) -> str:
    """Plain text, escaped, broken into lines of at most `width` characters where it has spaces. Each break keeps
    its space (" <br>"), so the chart's text still reads as the sentence it was (copied, or read by a screen
    reader)."""
    return " <br>".join(markup(line) for line in textwrap.wrap(text, width, break_long_words=False)) if text else ""


def legend_name(text: str) -> str:
    """A legend entry, escaped, broken after "Region:" when too long for a phone."""
    if len(text) <= LEGEND_CHARS:
        return markup(text)
    head, sep, tail = text.partition(": ")
    if sep and len(head) < len(text) - 2:
        return markup(head + ":") + " <br>" + wrap(tail, LEGEND_CHARS)
    return wrap(text, LEGEND_CHARS)


def title_lines(title: str, wrapped: bool = True) -> int:
    if not title:
        return 0
    return len(textwrap.wrap(title, TITLE_CHARS, break_long_words=False)) if wrapped else 1


def base_layout(lang: Lang, title: str, above: int = 30, wrapped: bool = True) -> dict:
    """The page charts' common layout: the title at the top of the chart, wrapped for a phone (unless `wrapped` is
    off: the ranking, which a phone shows as a list), `above` pixels kept between it and the plot for labels drawn
    over the plot (the target, the deadline)."""
    lines = title_lines(title, wrapped)
    return {
        "title": {"text": wrap(title, TITLE_CHARS) if wrapped else markup(title), "x": 0, "xanchor": "left",
                  "y": 1, "yref": "container",
                  # plotly sets a title of several lines half a line higher than yanchor "top" says (measured:
                  # 12,6 px at 18 px, whatever the count of lines): the padding takes it back inside the chart.
                  "yanchor": "top", "pad": {"t": 10 if lines <= 1 else 23}, "font": {"size": TITLE_SIZE, "color": INK}},
        "separators": i18n.PLOTLY_SEPARATORS[lang],
        "font": {"family": FONT, "size": FONT_SIZE, "color": INK},
        "template": TEMPLATE,
        "legend": {"font": {"size": FONT_SIZE}},
        "margin": {"l": 10, "r": 20, "t": 14 + 24 * lines + above, "b": 40},
    }


def nice_ticks(top: float, most: int = 6) -> list[float]:
    """0 and round steps (1, 2, 2,5 or 5 × a power of ten) up to `top`, at most `most` + 1 ticks."""
    top = top if top > 0 else 1
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    return [round(k * step, 9) for k in range(int(top / step + 1e-9) + 1)]


def tick_text(value: float, lang: Lang, unit: str = "number", top: float = 0) -> str:
    """A tick label in the language's own format, plotly's English SI prefixes replaced: '200 rb', '1,2 jt',
    '1.000', '25%' (English '200k', '1.2M', '1,000', '25%'). Thousands are abbreviated on an axis reaching 10.000."""
    if unit == "percent":
        return i18n.percent(value, lang)

    def short(x: float) -> str:
        return i18n.number(x, lang, 0 if float(x).is_integer() else 1 if float(x * 10).is_integer() else 2)

    if abs(value) >= 1_000_000:
        return i18n.t("chart.tick.millions", lang, n=short(value / 1_000_000))
    if abs(value) >= 1000 and top >= 10_000:
        return i18n.t("chart.tick.thousands", lang, n=short(value / 1000))
    return short(value)


def value_axis(top: float, lang: Lang, unit: str = "number", most: int = 6) -> dict:
    """An axis from 0 to `top` with its ticks and their texts set here (plotly's read '200k' and '1000')."""
    ticks = nice_ticks(top, most)
    return {"range": [0, top], "tickvals": ticks, "ticktext": [tick_text(v, lang, unit, top) for v in ticks]}


def ranking_title(view: CompareView, indicator_name: str, lang: Lang) -> str:
    target = i18n.percent(view.target_line, lang) if view.target_line is not None else "—"
    return i18n.t(f"chart.title.{view.metric}", lang, indicator=indicator_name, target=target)


def ranking_bars(view: CompareView, indicator_name: str, lang: Lang) -> go.Figure:
    """Horizontal bars, best first; each region's name sits over its status, base and as-of date."""
    return figure_of(ranking_spec(view, indicator_name, lang))


BAR_TEXT_CHARS = 12  # a bar's value text wraps past this many characters


def ranking_spec(view: CompareView, indicator_name: str, lang: Lang) -> dict:
    """The ranking as plotly's plain figure dictionary (see ranking_bars)."""
    rows = [r for r in reversed(view.rows) if r.value is not None]  # plotly draws the first category lowest
    labels = [
        f"<b>{markup(r.name)}</b> {markup(status_text(r.status, lang))}"
        f"<br><span style='color:#555'>{markup(r.sublabel)}</span>"
        for r in rows
    ]
    # A long value ("29,92%* ⚠ dilaporkan ≈30,06%") goes on lines of its own beside the bar, and the axis then leaves
    # room for its longest line (3,5% of the axis per character: a 1280-px page leaves the plot about 280 px), so
    # none is cut.
    texts = [wrap(r.value_text, BAR_TEXT_CHARS) for r in rows]
    # The axis reaches past each such bar by its text: value / (1 - 0,035 × characters of its longest line).
    ends = [r.value / (1 - 0.035 * max(map(len, t.split(" <br>")))) for r, t in zip(rows, texts, strict=True)
            if " <br>" in t and r.value is not None]
    bars = {
        "type": "bar", "x": [r.value for r in rows], "y": labels, "orientation": "h",
        "text": texts, "textposition": "outside", "cliponaxis": False,
        "textfont": {"size": FONT_SIZE, "color": INK},
        "hovertext": [r.hover for r in rows], "hoverinfo": "text", "name": "",
        "marker": {
            "color": [r.color for r in rows],
            "line": {"color": "#222", "width": 1},
            # Approximate or derived figures are hatched, so the difference survives greyscale projectors.
            # Projections get a cross-hatch of their own: a projection must never look like data.
            "pattern": {"shape": [_pattern(r) for r in rows]},
        },
    }
    unit = "percent" if view.metric in ("percent", "percent_of_target") else "number"
    top = max([r.value for r in rows if r.value is not None] + [view.target_line or 0] + [1])
    layout = {**base_layout(lang, ranking_title(view, indicator_name, lang), wrapped=False),
              "height": 140 + 70 * max(1, len(rows)),
              "showlegend": False,
              "xaxis": {"title": {"text": i18n.t(f"chart.axis.{view.metric}", lang)},
                        **value_axis(max([top * 1.2, *ends]), lang, unit)},
              "yaxis": {"automargin": True}}
    if view.target_line is not None:
        _target_vline(layout, view.target_line, lang)
    return {"data": [bars], "layout": layout}


def _pattern(r) -> str:
    return "x" if r.projected else "." if r.bound else "/" if r.hatched else ""


def ranking_html(view: CompareView, indicator_name: str, lang: Lang, title: str | None = None) -> str:
    """The ranking for a phone, as HTML: a list in which every region's name, status, value and as-of line wrap
    within the width, over a bar drawn to scale with the target marked (the same rows, colours and hatching as
    ranking_spec; the page shows this one below 640 px and the chart above)."""
    rows = [r for r in view.rows if r.value is not None]
    top = max([r.value for r in rows if r.value is not None] + [view.target_line or 0] + [1]) * 1.05
    title = title or ranking_title(view, indicator_name, lang)
    target = ""
    if view.target_line is not None:
        target = (f"<p class='ikd-rank-key'><span class='ikd-rank-tick'></span> "
                  f"{markup(i18n.t('chart.target_line', lang, target=i18n.percent(view.target_line, lang)))}</p>")
    items = []
    for r in rows:
        width = 100 * max(r.value or 0, 0) / top
        fill = {"x": f"repeating-linear-gradient(45deg,{r.color} 0 3px,#fff 3px 6px),"
                     f"repeating-linear-gradient(-45deg,{r.color} 0 3px,#fff 3px 6px)",
                ".": f"radial-gradient({r.color} 40%,#fff 45%) 0 0/6px 6px",
                "/": f"repeating-linear-gradient(45deg,{r.color} 0 4px,#fff 4px 7px)",
                "": r.color}[_pattern(r)]
        tick = (f"<span class='ikd-rank-tick' style='left:{100 * view.target_line / top:.2f}%'></span>"
                if view.target_line is not None else "")
        items.append(
            f"<li><p class='ikd-rank-head'><span><b>{markup(r.name)}</b> {markup(status_text(r.status, lang))}"
            f"</span> <span class='ikd-rank-value'>{markup(r.value_text)}</span></p>"
            f"<div class='ikd-rank-track' aria-hidden='true'><span class='ikd-rank-bar' "
            f"style='width:{width:.2f}%;background:{fill}'></span>{tick}</div>"
            f"<p class='ikd-rank-sub'>{markup(r.sublabel)}</p></li>")
    return (f"<div class='ikd-rank'><p class='ikd-rank-title'>{markup(title)}</p>{target}"
            f"<ol>{''.join(items)}</ol></div>")


def _target_vline(layout: dict, target: float, lang: Lang, font: dict | None = None) -> None:
    """The target as a dashed vertical line labelled above the plot: what add_vline(annotation_position="top")
    adds, without its cost (add_vline alone was a quarter of the overview's chart time)."""
    layout["shapes"] = [{"type": "line", "xref": "x", "x0": target, "x1": target, "yref": "y domain", "y0": 0, "y1": 1,
                         "line": {"color": "#000", "width": 3, "dash": "dash"}}]
    layout["annotations"] = [{"text": i18n.t("chart.target_line", lang, target=i18n.percent(target, lang)),
                              "showarrow": False, "xref": "x", "x": target, "xanchor": "center", "yref": "y domain",
                              "y": 1, "yanchor": "bottom", "font": font or {"size": FONT_SIZE, "color": "#000"}}]


def figure_of(spec: dict) -> go.Figure:
    """A figure from a spec this module built. Plotly's validation is skipped (it was most of the time of the
    charts redrawn on each rerun); tests/test_charts_spec.py validates every spec kind instead."""
    return go.Figure(spec, _validate=False)


_TEMPLATE_JSON = TEMPLATE.to_plotly_json()


def spec_json(spec: dict, uirevision: str | None = None) -> str:
    """A spec this module built as plotly.js's figure JSON, the same as the figure's own to_json: without building
    the figure, whose to_json deep-copies it (together most of the time a Simulasi slider move spent on its chart).
    `uirevision`: what the viewer zoomed or hid stays while it does not change (Plotly.react)."""
    layout = {**spec["layout"], "template": _TEMPLATE_JSON}
    if uirevision is not None:
        layout["uirevision"] = uirevision
    return pio.json.to_json_plotly({"data": spec["data"], "layout": layout})


def date_ticks(first: dt.date, last: dt.date, lang: Lang, most: int = 8,
               years: bool = False) -> tuple[list[dt.date], list[str]]:
    """Tick positions and labels for a date axis in the language's month names (plotly's are English only).
    With `years`, ticks a year or more apart read '2026', not 'Jan 2026' (short enough for a phone)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= most)
    start_month = (first.month - 1) // step * step + 1 if step <= 12 else 1
    ticks = [t.date() for t in rrule(MONTHLY, interval=step, dtstart=dt.date(first.year, start_month, 1), until=last)]
    if years and step >= 12:
        return ticks, [str(t.year) for t in ticks]
    return ticks, [i18n.month(t, lang) for t in ticks]


# Page charts' date axes: at most this many ticks, so that they fit a phone's 270 px plot without turning.
DATE_TICKS = 5


def region_history(view: RegionView, lang: Lang) -> go.Figure:
    """Every observation of one region over time: markers (one shape per indicator), hover with source and quote."""
    fig = go.Figure()
    people = any(s.unit == "people" for s in view.series)
    percents = any(s.unit == "percent" for s in view.series)
    dates = [d for s in view.series for d in s.dates]
    first, last = min(dates), max(dates)
    pad = dt.timedelta(days=max(45, (last - first).days // 10))
    top = max([p for s in view.series if s.unit == "percent" for p in s.values] or [1])
    counted = max([p for s in view.series if s.unit == "people" for p in s.values] or [1])
    labelled = history_labels(view, first - pad, last + pad, top * 1.15 if percents else counted * 1.15,
                              counted * 1.15)
    for s in view.series:
        axis = "y2" if s.unit == "people" and percents else "y"
        fig.add_trace(go.Scatter(
            # Every figure is in its hover; only each series' latest is written, and only where it has room: a
            # label per point printed 35-54 pairs over each other at national scale. The legend says the latest.
            x=s.dates, y=s.values, mode="lines+markers+text", name=legend_name(f"{s.name}: {s.texts[-1]}"),
            text=[""] * (len(s.texts) - 1) + [s.texts[-1] if s.indicator in labelled else ""], yaxis=axis,
            textposition="top left", hovertext=s.hovers, hoverinfo="text",
            textfont={"size": FONT_SIZE, "color": INK},
            # The region's own colour on every page; indicators differ by marker shape.
            marker={"symbol": s.symbol, "size": 14, "color": view.color, "line": {"color": "#222", "width": 1}},
            line={"color": view.color},
        ))
    ticks, labels = date_ticks(first - pad, last + pad, lang, DATE_TICKS, years=True)
    title = i18n.t("region.chart_title", lang, region=view.name)
    layout = base_layout(lang, title, above=10)  # nothing is written over this plot
    layout["legend"] = {"orientation": "h", "y": -0.2, "yanchor": "top", "font": {"size": FONT_SIZE}}
    fig.update_layout(**layout, height=460 + 24 * title_lines(title))
    fig.update_xaxes(range=[first - pad, last + pad], tickvals=ticks, ticktext=labels,
                     title=i18n.t("chart.axis.as_of", lang))
    if percents:
        fig.update_yaxes(title=i18n.t("chart.axis.percent", lang), **value_axis(max(top * 1.15, 1), lang, "percent"))
    else:
        fig.update_yaxes(title=i18n.t("chart.axis.people", lang), **value_axis(counted * 1.15, lang))
    if people and percents:  # counts without a base: their own axis on the right, never read as percents
        fig.update_layout(yaxis2={"title": {"text": i18n.t("chart.axis.people", lang)}, "overlaying": "y",
                                  "side": "right", **value_axis(counted * 1.15, lang), "showgrid": False})
    return fig


# A written value in px on the smallest plot it is drawn in (a phone's, about 260 × 300 px): its box, up and to the
# left of its marker ("top left").
HISTORY_PLOT_PX = (260, 300)
HISTORY_LABEL_PX = (64, 22)


def history_labels(view: RegionView, start: dt.date, end: dt.date, left_top: float, right_top: float) -> set[str]:
    """The series (by indicator) whose latest value is written beside its last marker: highest first, each only if
    its label's box would not cover one already placed. `left_top`/`right_top` are the axes' upper ends."""
    width, height = HISTORY_PLOT_PX
    span = max((end - start).days, 1)
    placed: list[tuple[float, float]] = []
    out: set[str] = set()
    percents = any(s.unit == "percent" for s in view.series)
    for s in sorted(view.series, key=lambda s: -s.values[-1]):
        axis_top = right_top if s.unit == "people" and percents else left_top
        x = (s.dates[-1] - start).days / span * width
        y = s.values[-1] / max(axis_top, 1e-9) * height
        if all(abs(x - px) >= HISTORY_LABEL_PX[0] or abs(y - py) >= HISTORY_LABEL_PX[1] for px, py in placed):
            placed.append((x, y))
            out.add(s.indicator)
    return out


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


PROJECTION_HEIGHT = 540  # and LEGEND_LINE_PX more per line of legend: a phone stacks the legend in one column
PROJECTION_BOTTOM = 120  # the date axis and the legend under the plot (plotly widens it when the legend needs more)
LEGEND_LINE_PX = 16
PHONE_LEGEND_LINE_PX = 25  # a legend line on a phone, where it takes the whole width: measured in Chromium
LABEL_GAP_PX = 22  # one 16 px label's line: end labels closer than this overlap
# Line styles, so that the lines differ without their colours (greyscale projector, colour-blind reader):
BASELINE_DASH = "dashdot"  # Simulasi's "as it is"
PROJECTION_DASH = "dash"  # a region's projection or the scenario
REQUIRED_DASH = "dot"  # the pace the target needs


def spread(values: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label heights as near `values` as they can be, each at least `gap` from its neighbours and within
    [low, high] (as far as room allows): end labels that would print over each other are moved apart."""
    order = sorted(range(len(values)), key=values.__getitem__)
    placed = list(values)
    below: float | None = None
    for i in order:
        placed[i] = max(values[i], low) if below is None else max(values[i], below + gap)
        below = placed[i]
    above: float | None = None
    for i in reversed(order):  # pushed past the top: bring the top label down and the others below it
        placed[i] = min(placed[i], high) if above is None else min(placed[i], above - gap)
        above = placed[i]
    return placed


def _side(fraction: float) -> str:
    """Which way a label beside a point at `fraction` of the plot's width runs, so it stays inside the plot (a
    trace's textposition: "left" runs leftwards from the point)."""
    return "left" if fraction > 0.75 else "right" if fraction < 0.25 else "center"


def _anchor(fraction: float) -> str:
    """Where an annotation beside a point at `fraction` of the plot's width is anchored, so it stays inside: text
    from the left third runs right, from the right third runs left."""
    return "left" if fraction < 0.34 else "right" if fraction > 0.66 else "center"


def projection_spec(lines: list[Line], lang: Lang, title: str) -> dict:
    """The projection chart as plotly's plain figure dictionary: observations as solid markers; each projection
    dashed with its band; target, deadline, reach point and the required-pace line drawn and labelled, so a
    projection never looks like data. Lines in people (regions whose figures are counts without a base) and lines
    in percent are never drawn on one axis: give one kind.

    A plain dictionary, validated in the tests, not trace by trace (add_trace, add_hline, update_layout costs four
    times as much): Simulasi's fragment redraws it on every slider move (ui/live_chart.py, charts.spec_json)."""
    proj = i18n.t("chart.projection", lang)
    percent = not lines or lines[0].unit == "percent"
    show = (lambda v: i18n.percent(v, lang, 1)) if percent else (lambda v: i18n.number(v, lang))  # noqa: E731
    baseline_name = i18n.t("sim.baseline", lang)
    data: list[dict] = []
    required: set[tuple] = set()  # a required-pace line the same as one already drawn would hide under it
    reaches: list[tuple[dt.date, dict]] = []
    ends: list[tuple[dt.date, float, str, str]] = []  # (deadline, value there, text, colour) per line
    for line in lines:
        r, s = line.result, line.result.scenario
        dates = [c[0] for c in r.curve]
        low, mid, high = ([c[k] for c in r.curve] for k in (1, 2, 3))
        name = markup(line.name)
        ink = label_shade(line.color)  # its labels sit inside its band
        group = f"{line.region_id}/{line.name}"  # the baseline and the scenario of one region toggle apart
        dash = BASELINE_DASH if line.name == baseline_name else PROJECTION_DASH
        data += [
            {"type": "scatter", "x": dates + dates[::-1], "y": high + low[::-1], "fill": "toself", "mode": "lines",
             "line": {"width": 0}, "fillcolor": _rgba(line.color, BAND_ALPHA), "hoverinfo": "skip",
             "name": legend_name(f"{line.name}: {i18n.t('chart.band', lang)}"), "legendgroup": group},
            {"type": "scatter", "x": dates, "y": mid, "mode": "lines",
             "line": {"color": line.color, "width": 3, "dash": dash}, "name": legend_name(f"{line.name}: {proj}"),
             "legendgroup": group, "hoverinfo": "text",
             "hovertext": [f"{name} · {proj}<br>{i18n.date_of(d, lang)}: {show(m)} ({show(lo)}–{show(hi)})"
                           for d, lo, m, hi in r.curve]},
        ]
        if r.projected is not None and r.curve and r.curve[0][0] <= s.deadline:  # an estimate: "≈"
            ends.append((s.deadline, r.projected.mid, f"≈{show(r.projected.mid)}", ink))
        path = r.required_path
        if path is not None and path not in required:
            required.add(path)
            data.append({"type": "scatter", "x": [path[0][0], path[1][0]], "y": [path[0][1], path[1][1]],
                         "mode": "lines", "line": {"color": line.color, "width": 2, "dash": REQUIRED_DASH},
                         "legendgroup": group, "hoverinfo": "skip",
                         "name": legend_name(f"{line.name}: {i18n.t('chart.required', lang)}")})
        if r.at_today is not None and r.today > r.start.date and line.observed_dates:
            # Where the region probably is today: an estimate, drawn hollow so it never looks like a figure.
            region = markup(line.region_name or line.name)
            data.append({"type": "scatter", "x": [r.today], "y": [r.at_today.mid], "mode": "markers",
                         "name": legend_name(f"{line.region_name or line.name}: {i18n.t('chart.today', lang)}"),
                         "legendgroup": group,
                         "marker": {"color": "#fff", "size": 14, "symbol": "circle-open-dot",
                                    "line": {"color": line.color, "width": 3}},
                         "hoverinfo": "text", "hovertext": [
                             f"{region} · {i18n.t('chart.today', lang)}<br>{i18n.date_of(r.today, lang)}: "
                             f"≈{show(r.at_today.mid)} ({show(r.at_today.low)}–{show(r.at_today.high)})"]})
        if line.observed_dates:
            data.append({"type": "scatter", "x": line.observed_dates, "y": line.observed_values, "mode": "markers",
                         "name": legend_name(line.observed_name or f"{line.name}: {i18n.t('chart.observed', lang)}"),
                         "marker": {"color": line.color, "size": 14, "symbol": "circle",
                                    "line": {"color": "#000", "width": 2}},
                         "hovertext": line.observed_hovers, "hoverinfo": "text", "legendgroup": group})
        if r.reach_date and r.reach_date > r.start.date and r.target is not None:
            trace = {
                "type": "scatter", "x": [r.reach_date], "y": [r.target], "mode": "markers+text",
                "legendgroup": group, "showlegend": False, "hoverinfo": "text",
                "marker": {"symbol": "star", "size": 18, "color": line.color, "line": {"color": "#000", "width": 1}},
                "text": [i18n.date_of(r.reach_date, lang)], "textposition": "top center",
                "textfont": {"size": FONT_SIZE, "color": ink},
                "hovertext": [f"{name}: {i18n.t('chart.reach', lang)} {i18n.date_of(r.reach_date, lang)}"],
            }
            data.append(trace)
            reaches.append((r.reach_date, trace))
    deadlines = sorted({d for d, *_ in ends} | {ln.result.scenario.deadline for ln in lines})
    layout = {**base_layout(lang, title, above=48 * max(1, len(deadlines)) + 4),
              # The legend under the plot, a column per line, and the margins it and the axes take set up front:
              # plotly then draws once instead of drawing, growing the margins and drawing again (a quarter of
              # each slider move in the browser). Labels that need more still get it (autoexpand stays on).
              # No title under the date axis: the years say what it is, and a title there is where plotly, once a
              # phone's legend has widened the margin, draws the legend over it (measured).
              "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "font": {"size": FONT_SIZE}}}
    legend_lines = sum(1 + t["name"].count("<br>") for t in data if t.get("showlegend", True))
    layout["height"] = PROJECTION_HEIGHT + 24 * title_lines(title) + LEGEND_LINE_PX * legend_lines
    layout["margin"] = {**layout["margin"], "l": 70, "r": 20, "b": PROJECTION_BOTTOM}
    # The plot's height on a phone, the smallest it gets (the legend in one column under it): labels kept apart
    # there are apart everywhere.
    plot_height = layout["height"] - layout["margin"]["t"] - 40 - PHONE_LEGEND_LINE_PX * legend_lines
    if lines:
        first_result = lines[0].result
        target = first_result.target
        first = min([d for ln in lines for d in ln.observed_dates] + [ln.result.curve[0][0] for ln in lines])
        last = max(ln.result.curve[-1][0] for ln in lines)
        # Room right of the last deadline for its end labels: with the deadline at the plot's right edge they ran
        # leftwards over a monthly series' latest markers (national scale).
        last = max(last, first + (max(deadlines) - first) / 0.7)
        days = max(1, (last - first).days)

        def where(d: dt.date) -> float:
            return (d - first).days / days

        # What add_hline and add_vline would add: the target across the plot, each deadline and today up it.
        layout["shapes"], layout["annotations"] = [], []
        for k, deadline in enumerate(deadlines):
            # Over the plot, on two lines ("tenggat / 31 Desember 2026", some 150 px), running away from the nearer
            # edge: on one line and centred it ran past the edge of a phone's chart.
            date = i18n.date_of(deadline, lang)
            layout["shapes"].append({"type": "line", "xref": "x", "x0": deadline, "x1": deadline, "yref": "y domain",
                                     "y0": 0, "y1": 1, "line": {"color": "#333", "width": 2.5}})
            layout["annotations"].append({
                "text": " <br>".join(markup(part.strip()) for part in i18n.t("chart.deadline", lang, date=date)
                                     .partition(date) if part.strip()), "showarrow": False,
                "x": deadline, "xanchor": _anchor(where(deadline)), "yref": "paper", "y": 1, "yanchor": "bottom",
                "yshift": 48 * k, "align": "left", "font": {"color": "#000"}})
        layout["shapes"].append({"type": "line", "xref": "x", "x0": first_result.today, "x1": first_result.today,
                                 "yref": "y domain", "y0": 0, "y1": 1, "line": {"color": "#999", "width": 1}})
        layout["annotations"].append({"text": i18n.t("chart.today_line", lang), "showarrow": False,
                                      "x": first_result.today, "yref": "paper", "y": 0, "yanchor": "bottom",
                                      "xanchor": "right", "font": {"color": "#555"}})
        if target is not None:
            layout["shapes"].insert(0, {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y",
                                        "y0": target, "y1": target, "line": {"color": "#000", "width": 2,
                                                                              "dash": "dash"}})
            shown = i18n.percent(target, lang) if percent else i18n.number(target, lang)
            layout["annotations"].insert(0, {"text": i18n.t("chart.target_line", lang, target=shown),
                                             "showarrow": False, "xref": "x domain", "x": 0, "xanchor": "left",
                                             "yref": "y", "y": target, "yanchor": "bottom",
                                             "font": {"color": "#000"}})
        ticks, labels = date_ticks(first, last, lang, DATE_TICKS, years=True)
        margin = dt.timedelta(days=round(days * 0.02))  # a marker at either end stays whole
        layout["xaxis"] = {"tickvals": ticks, "ticktext": labels, "range": [first - margin, last + margin]}
        top = max([target or 0] + [c[3] for ln in lines for c in ln.result.curve]
                  + [v for ln in lines for v in ln.observed_values] + [1])
        if percent:
            axis_top = min(100, top * 1.1) if top <= 100 else top * 1.1
            layout["yaxis"] = {**value_axis(axis_top, lang, "percent"),
                               "title": {"text": i18n.t("chart.axis.percent", lang)}}
        else:
            axis_top = top * 1.1
            layout["yaxis"] = {**value_axis(axis_top, lang), "title": {"text": i18n.t("chart.axis.people", lang)}}
        gap = LABEL_GAP_PX * axis_top / max(plot_height, 1)
        first_try = [(_end_column(where(n["x"])), n["y"]) for n in _end_labels(ends, where, axis_top, plot_height)]
        stars = _place_reach_labels(reaches, where, first_try, gap)
        layout["annotations"] += _end_labels(ends, where, axis_top, plot_height, stars)
    return {"data": data, "layout": layout}


# The column beside a deadline where its end labels are written, as a share of the plot's width (a phone's label
# "≈34,4%" or a date is some 70-120 px of a 290 px plot).
END_LABEL_COLUMN = 0.3


MARKER_WIDTH = 0.04  # a star's half width and a label's offset from its line, as a share of a phone's plot


def _end_column(deadline_at: float) -> tuple[float, float]:
    """Where a deadline's end labels run (rightwards from it, or leftwards near the right edge), widened by a
    marker's width on both sides."""
    if deadline_at <= 0.75:
        return deadline_at - MARKER_WIDTH, deadline_at + END_LABEL_COLUMN + MARKER_WIDTH
    return deadline_at - END_LABEL_COLUMN - MARKER_WIDTH, deadline_at + MARKER_WIDTH


def _text_span(at: float) -> tuple[float, float]:
    """The stretch of the plot's width a reach date written beside a star at `at` takes (see _side)."""
    side = _side(at)
    width = END_LABEL_COLUMN
    return (at - width, at) if side == "left" else (at, at + width) if side == "right" else \
        (at - width / 2, at + width / 2)


def _place_reach_labels(reaches: list[tuple[dt.date, dict]], where,
                        end_notes: list[tuple[tuple[float, float], float]], gap: float) -> list[tuple[float, float]]:
    """The dates the lines reach the target, all on the target line: each kept inside the plot at its ends, a
    date close to the one before it (within 30% of the width) put under the line instead of over it, and a date
    already written not written again. A date whose text would run into a deadline's end label (`end_notes`: the
    column and height of each) keeps its star and hover but is not written: at national scale "6 Januari 2027"
    printed over "≈34,4%". Stars inside a column are returned, (x, y) in plot fraction and data, for the end labels
    to keep clear of ("≈29,9%" was printed over one)."""
    previous: tuple[float, str] | None = None
    seen: set[dt.date] = set()
    in_columns: list[tuple[float, float]] = []
    for date, trace in sorted(reaches, key=lambda r: r[0]):
        at, y = where(date), trace["y"][0]
        if any(low <= at <= high for (low, high), _ in end_notes):
            in_columns.append((at, y))
        start, end = _text_span(at)
        if any(start < high and low < end and abs(note - y) < 2 * gap for (low, high), note in end_notes):
            trace["text"] = [""]
            continue
        if date in seen:  # the baseline and an unchanged scenario reach on one day: its date is written once
            trace["text"] = [""]
            continue
        seen.add(date)
        vertical = "top"
        if previous is not None and at - previous[0] < 0.3 and previous[1] == "top":
            vertical = "bottom"
        trace["textposition"] = f"{vertical} {_side(at)}"
        previous = (at, vertical)
    return in_columns


def _end_labels(ends: list[tuple[dt.date, float, str, str]], where, axis_top: float,
                plot_height: float, stars: Sequence[tuple[float, float]] = ()) -> list[dict]:
    """Each line's value at its deadline, written beside the deadline line in the line's (darkened) colour, moved
    apart where two would overlap and off any star in its column; a label the same as one already there at the
    same deadline is dropped."""
    kept: list[tuple[dt.date, float, str, str]] = []
    for end in ends:
        if not any(k[0] == end[0] and k[2] == end[2] for k in kept):
            kept.append(end)
    gap = LABEL_GAP_PX * axis_top / max(plot_height, 1)
    notes = []
    for deadline in sorted({k[0] for k in kept}):
        here = [k for k in kept if k[0] == deadline]
        low, high = _end_column(where(deadline))
        wanted = [k[1] for k in here]
        for at, y in stars:  # a star in the column: a label near its height goes above or below it
            if low <= at <= high:
                wanted = [y + gap if y <= v < y + gap else y - gap if y - gap < v < y else v for v in wanted]
        heights = spread(wanted, gap, gap / 2, axis_top - gap / 2)
        right = where(deadline) <= 0.75
        for (_, _, text, ink), y in zip(here, heights, strict=True):
            notes.append({"text": text, "showarrow": False, "x": deadline, "xanchor": "left" if right else "right",
                          "xshift": 6 if right else -6, "y": y, "yanchor": "middle",
                          "font": {"size": FONT_SIZE, "color": ink}})
    return notes


_DASHES = {"solid": "solid", "dash": "dash", "dot": "dot", "dashdot": "dashdot", "band_low": "solid",
           "band_high": "solid"}
_SLIDE_TEXT = 24  # px: the smallest text of a presenter chart (axes, legend, labels), legible from the back
_DEADLINE = "#444444"  # 9,7:1 on white


def _slide_range(values: list[float], labels: list[str], top: float, text: int, plot_px: float) -> float:
    """A bar axis's end that leaves each bar's label room beyond it: a label of n characters takes about
    0,6 × n × text px of a plot `plot_px` wide."""
    need = [v / max(0.3, 1 - (len(t) * 0.6 * text + 12) / plot_px) for v, t in zip(values, labels, strict=True)]
    return max([top * 1.15, *need])


def slide_figure(chart: ChartData, lang: Lang, font_size: int = 20, height: int | None = None,
                 min_text: int = _SLIDE_TEXT) -> go.Figure:
    """A deck chart for a screen or the HTML briefing: the same data the PowerPoint chart gets, drawn large. Every
    text is at least `min_text` px (24 px in presenter mode; the phone briefing asks for less); labels are in a
    shade of their line's colour with at least 4,5:1 contrast on white, on the side of their line the deck chose
    (so two labels never share a spot); the baseline is dash-dotted and the scenario dashed, the deadline a vertical
    line."""
    text = max(font_size, min_text)
    fig = go.Figure()
    if chart.kind == "bar":
        s = chart.series[0]
        order = list(range(len(chart.categories)))[::-1]  # plotly draws the first category lowest
        fig.add_trace(go.Bar(
            x=[s.values[k] for k in order], y=[markup(chart.categories[k]) for k in order], orientation="h",
            text=[markup(s.labels[k]) for k in order], textposition="outside", cliponaxis=False,
            textfont={"size": text, "color": "#000"}, hoverinfo="x+y", name="",
            marker={"color": [(s.point_colors or [s.color] * len(order))[k] for k in order],
                    "line": {"color": "#000", "width": 1.5}},
        ))
        values = [v or 0 for v in s.values]
        top = max(values + [chart.target or 0] + [1])
        names = max((len(c) for c in chart.categories), default=0) * 0.6 * text
        end = _slide_range(values, s.labels, top, text, max(200.0, 600 - names))  # a phone's 610 px or wider
        axis = {"range": [0, end], "ticksuffix": "%"} if chart.percent else value_axis(end, lang, "number", 4)
        fig.update_xaxes(**axis, title={"text": markup(chart.axis_title)})
        fig.update_yaxes(automargin=True)
        if chart.target is not None:
            fig.add_vline(x=chart.target, line={"color": "#000", "width": 3, "dash": "dash"},
                          # over the plot, ending at the line: centred on it, it ran past a phone's right edge
                          annotation={"text": markup(chart.target_label), "font": {"size": text, "color": "#000"},
                                      "xanchor": "right"}, annotation_position="top")
    else:
        for s in chart.series:
            mode = "markers+text" if s.style == "markers" else "lines+text"
            band = s.style.startswith("band")
            fig.add_trace(go.Scatter(
                x=chart.categories, y=s.values, mode="lines" if band else mode, name=markup(s.legend or s.name),
                text=[markup(t) for t in s.labels],
                # the latest figure's label runs right, away from the figures before it (centred under it, it lay
                # on the markers of a monthly series)
                textposition="top center" if s.label_position == "above" else
                "bottom right" if s.style == "markers" else "bottom center",
                textfont={"size": text, "color": s.text_color}, connectgaps=False, cliponaxis=False,
                fill="tonexty" if s.style == "band_high" else None, fillcolor=_rgba(s.color, BAND_ALPHA),
                line={"color": s.color, "width": 0.5 if band else 4, "dash": _DASHES.get(s.style, "solid")},
                marker={"color": s.color, "size": 18, "line": {"color": "#000", "width": 2}},
                showlegend=s.style != "band_low",
            ))
        first, last = chart.categories[0], chart.categories[-1]
        ticks, labels = date_ticks(first, last, lang, most=5, years=True)
        fig.update_xaxes(tickvals=ticks, ticktext=labels)
        top = max([chart.target or 0] + [v for s in chart.series for v in s.values if v is not None]) * 1.15
        axis = {"range": [0, top], "ticksuffix": "%"} if chart.percent else value_axis(top, lang, "number", 5)
        fig.update_yaxes(**axis, title={"text": markup(chart.axis_title)})
        if chart.target is not None:
            # A legend entry, not a label on the line: a label there collides with the projections' own labels.
            fig.add_trace(go.Scatter(x=[chart.categories[0], chart.categories[-1]], y=[chart.target] * 2,
                                     mode="lines", name=markup(chart.target_label), hoverinfo="skip",
                                     line={"color": "#000", "width": 3, "dash": "dash"}))
        if chart.deadline is not None:  # named at its top, inside the plot (add_vline fails on a date axis)
            fig.add_shape(type="line", xref="x", x0=chart.deadline, x1=chart.deadline, yref="y domain", y0=0, y1=1,
                          line={"color": _DEADLINE, "width": 3, "dash": "longdash"})
            # On the side of the line with more room, so it never sits on the value axis's ticks.
            left = (chart.deadline - first).days > (last - first).days / 2
            fig.add_annotation(text=markup(chart.deadline_label), showarrow=False, xref="x", x=chart.deadline,
                               xanchor="right" if left else "left", yref="y domain", y=1, yanchor="top",
                               font={"size": text, "color": _DEADLINE})
    # The legend over the plot, each entry as wide as its text (about two a row): under it, it covered the ticks.
    entries = sum(1 for s in chart.series if s.style != "band_low") + (chart.target is not None)
    # a bar chart's target is named over the plot: a row of its own, clear of the top bar's two-line label
    rows = math.ceil(entries / 2) if chart.kind == "line" else int(chart.target is not None)
    layout = base_layout(lang, "")
    layout.update(title=None, font={"family": FONT, "size": text, "color": "#000"},
                  margin={"l": 10, "r": 30, "t": 10 + round(text * 1.45) * rows + text * 2, "b": 10},
                  showlegend=chart.kind == "line",
                  legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "yref": "paper", "entrywidth": 0,
                          "entrywidthmode": "pixels", "font": {"size": text}})
    if height:
        layout["height"] = height
    fig.update_layout(**layout)
    fig.update_xaxes(showgrid=True, gridcolor="#bbb", linecolor="#000", tickfont={"size": text},
                     title_font={"size": text})
    fig.update_yaxes(gridcolor="#bbb", linecolor="#000", tickfont={"size": text}, title_font={"size": text})
    return fig


def distribution(view: CompareView, indicator_name: str, lang: Lang) -> go.Figure:
    """How many regions stand at each percent (1-point bins), one stacked colour per base, the target marked:
    the whole country at a glance, where a ranking of hundreds of bars is unreadable."""
    return figure_of(distribution_spec(view, indicator_name, lang))


def distribution_spec(view: CompareView, indicator_name: str, lang: Lang) -> dict:
    """The distribution as plotly's plain figure dictionary (see distribution)."""
    by_base: dict[str, list[float]] = {}
    for r in view.rows:
        if r.value is not None:
            by_base.setdefault(r.metrics.base_kind, []).append(r.value)
    data = [{"type": "histogram", "x": values, "xbins": {"start": 0, "size": 1},
             "name": markup(i18n.base_kind(kind, lang)),
             "marker": {"color": ("#0072B2", "#E69F00", "#009E73", "#CC79A7")[k % 4],
                        "line": {"color": "#222", "width": 0.5}}}
            for k, (kind, values) in enumerate(sorted(by_base.items()))]
    target = i18n.percent(view.target_line, lang) if view.target_line is not None else "—"
    title = i18n.t("scale.distribution", lang, indicator=indicator_name, target=target)
    top = math.floor(max([v for values in by_base.values() for v in values] + [view.target_line or 0, 1])) + 1
    layout = {**base_layout(lang, title),
              "barmode": "stack", "height": 380 + 24 * title_lines(title),
              "legend": {"orientation": "h", "y": -0.3, "font": {"size": FONT_SIZE}},
              "xaxis": {"title": {"text": i18n.t("scale.distribution_axis", lang)},
                        **value_axis(top, lang, "percent")},
              "yaxis": {"title": {"text": i18n.t("scale.regions_axis", lang)}}}
    if view.target_line is not None:
        _target_vline(layout, view.target_line, lang)
    return {"data": data, "layout": layout}
