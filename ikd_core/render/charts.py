"""Plotly figures built from the core's views (graph objects only: plotly.express is slow per rerun)."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import plotly.io as pio
from dateutil.rrule import MONTHLY, rrule

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.render.deck import ChartData
from ikd_core.views.compare import CompareView, status_text
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


def base_layout(lang: Lang, title: str) -> dict:
    return {
        "title": {"text": markup(title), "x": 0, "xanchor": "left"},
        "separators": i18n.PLOTLY_SEPARATORS[lang],
        "font": {"family": FONT, "size": 14},
        "template": TEMPLATE,
        "margin": {"l": 10, "r": 20, "t": 60, "b": 40},
    }


def ranking_title(view: CompareView, indicator_name: str, lang: Lang) -> str:
    target = i18n.percent(view.target_line, lang) if view.target_line is not None else "—"
    return i18n.t(f"chart.title.{view.metric}", lang, indicator=indicator_name, target=target)


def ranking_bars(view: CompareView, indicator_name: str, lang: Lang) -> go.Figure:
    """Horizontal bars, best first; each region's name sits over its status, base and as-of date."""
    return _figure(ranking_spec(view, indicator_name, lang))


def ranking_spec(view: CompareView, indicator_name: str, lang: Lang) -> dict:
    """The ranking as plotly's plain figure dictionary (see ranking_bars)."""
    rows = [r for r in reversed(view.rows) if r.value is not None]  # plotly draws the first category lowest
    labels = [
        f"<b>{markup(r.name)}</b> <span style='font-size:12px'>{markup(status_text(r.status, lang))}"
        f"</span><br><span style='font-size:12px'>{markup(r.sublabel)}</span>"
        for r in rows
    ]
    bars = {
        "type": "bar", "x": [r.value for r in rows], "y": labels, "orientation": "h",
        "text": [r.value_text for r in rows], "textposition": "outside", "cliponaxis": False,
        "hovertext": [r.hover for r in rows], "hoverinfo": "text", "name": "",
        "marker": {
            "color": [r.color for r in rows],
            "line": {"color": "#222", "width": 1},
            # Approximate or derived figures are hatched, so the difference survives greyscale projectors.
            # Projections get a cross-hatch of their own: a projection must never look like data.
            "pattern": {"shape": ["x" if r.projected else "." if r.bound else "/" if r.hatched else ""
                                  for r in rows]},
        },
    }
    percent_axis = view.metric in ("percent", "percent_of_target")
    top = max([r.value for r in rows if r.value is not None] + [view.target_line or 0] + [1])
    layout = {**base_layout(lang, ranking_title(view, indicator_name, lang)),
              "height": 140 + 70 * max(1, len(rows)), "showlegend": False,
              "xaxis": {"title": {"text": i18n.t(f"chart.axis.{view.metric}", lang)}, "range": [0, top * 1.2],
                        "ticksuffix": "%" if percent_axis else ""},
              "yaxis": {"automargin": True}}
    if view.target_line is not None:
        _target_vline(layout, view.target_line, lang, {"size": 14})
    return {"data": [bars], "layout": layout}


def _target_vline(layout: dict, target: float, lang: Lang, font: dict | None = None) -> None:
    """The target as a dashed vertical line labelled above the plot: what add_vline(annotation_position="top")
    adds, without its cost (add_vline alone was a quarter of the overview's chart time)."""
    layout["shapes"] = [{"type": "line", "xref": "x", "x0": target, "x1": target, "yref": "y domain", "y0": 0, "y1": 1,
                         "line": {"color": "#000", "width": 3, "dash": "dash"}}]
    layout["annotations"] = [{"text": i18n.t("chart.target_line", lang, target=i18n.percent(target, lang)),
                              "showarrow": False, "xref": "x", "x": target, "xanchor": "center", "yref": "y domain",
                              "y": 1, "yanchor": "bottom", **({"font": font} if font else {})}]


def _figure(spec: dict) -> go.Figure:
    """A figure from a spec this module built. Plotly's validation is skipped (it was most of the time of the
    charts redrawn on each rerun); tests/test_charts_spec.py validates every spec kind instead."""
    return go.Figure(spec, _validate=False)


def date_ticks(first: dt.date, last: dt.date, lang: Lang, most: int = 8) -> tuple[list[dt.date], list[str]]:
    """Tick positions and labels for a date axis in the language's month names (plotly's are English only)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= most)
    start_month = (first.month - 1) // step * step + 1 if step <= 12 else 1
    ticks = [t.date() for t in rrule(MONTHLY, interval=step, dtstart=dt.date(first.year, start_month, 1), until=last)]
    return ticks, [i18n.month(t, lang) for t in ticks]


def region_history(view: RegionView, lang: Lang) -> go.Figure:
    """Every observation of one region over time: markers (one shape per indicator), hover with source and quote."""
    fig = go.Figure()
    # Labels of series that share a date take turns around their markers instead of printing over each other.
    positions = ("top center", "bottom center", "middle right", "middle left")
    people = any(s.unit == "people" for s in view.series)
    percents = any(s.unit == "percent" for s in view.series)
    for k, s in enumerate(view.series):
        axis = "y2" if s.unit == "people" and percents else "y"
        fig.add_trace(go.Scatter(
            x=s.dates, y=s.values, mode="lines+markers+text", name=s.name, text=s.texts, yaxis=axis,
            textposition=positions[k % len(positions)], hovertext=s.hovers, hoverinfo="text",
            # The region's own colour on every page; indicators differ by marker shape.
            marker={"symbol": s.symbol, "size": 14, "color": view.color, "line": {"color": "#222", "width": 1}},
            line={"color": view.color},
        ))
    dates = [d for s in view.series for d in s.dates]
    first, last = min(dates), max(dates)
    pad = dt.timedelta(days=max(45, (last - first).days // 10))
    ticks, labels = date_ticks(first - pad, last + pad, lang)
    fig.update_layout(**base_layout(lang, i18n.t("region.chart_title", lang, region=view.name)), height=460,
                      legend={"orientation": "h", "y": -0.2})
    fig.update_xaxes(range=[first - pad, last + pad], tickvals=ticks, ticktext=labels,
                     title=i18n.t("chart.axis.as_of", lang))
    top = max([p for s in view.series if s.unit == "percent" for p in s.values] or [1])
    counted = max([p for s in view.series if s.unit == "people" for p in s.values] or [1])
    if percents:
        fig.update_yaxes(title=i18n.t("chart.axis.percent", lang), range=[0, max(top * 1.15, 1)], ticksuffix="%")
    else:
        fig.update_yaxes(title=i18n.t("chart.axis.people", lang), range=[0, counted * 1.15], tickformat=",.0f")
    if people and percents:  # counts without a base: their own axis on the right, never read as percents
        fig.update_layout(yaxis2={"title": {"text": i18n.t("chart.axis.people", lang)}, "overlaying": "y",
                                  "side": "right", "range": [0, counted * 1.15], "tickformat": ",.0f",
                                  "showgrid": False})
    return fig


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def projection_chart(lines: list[Line], lang: Lang, title: str) -> go.Figure:
    """Observations as solid markers; each projection dashed with its band; target, deadline, reach point and
    the required-pace line drawn and labelled, so a projection never looks like data.

    Built as one plain figure and validated once: trace by trace (add_trace, add_hline, update_layout) costs
    four times as much, and the Simulasi fragment redraws this on every slider move."""
    return _figure(projection_spec(lines, lang, title))


def projection_spec(lines: list[Line], lang: Lang, title: str) -> dict:
    """The projection chart as plotly's plain figure dictionary (see projection_chart). Lines in people (regions
    whose figures are counts without a base) and lines in percent are never drawn on one axis: give one kind."""
    proj = i18n.t("chart.projection", lang)
    percent = not lines or lines[0].unit == "percent"
    show = (lambda v: i18n.percent(v, lang, 1)) if percent else (lambda v: i18n.number(v, lang))  # noqa: E731
    data: list[dict] = []
    required: set[tuple] = set()  # a required-pace line the same as one already drawn would hide under it
    for line in lines:
        r, s = line.result, line.result.scenario
        dates = [c[0] for c in r.curve]
        low, mid, high = ([c[k] for c in r.curve] for k in (1, 2, 3))
        name = markup(line.name)
        group = f"{line.region_id}/{line.name}"  # the baseline and the scenario of one region toggle apart
        data += [
            {"type": "scatter", "x": dates + dates[::-1], "y": high + low[::-1], "fill": "toself", "mode": "lines",
             "line": {"width": 0}, "fillcolor": _rgba(line.color, 0.18), "hoverinfo": "skip",
             "name": f"{name}: {i18n.t('chart.band', lang)}", "legendgroup": group},
            {"type": "scatter", "x": dates, "y": mid, "mode": "lines",
             "line": {"color": line.color, "width": 3, "dash": "dash"}, "name": f"{name}: {proj}",
             "legendgroup": group, "hoverinfo": "text",
             "hovertext": [f"{name} · {proj}<br>{i18n.date_of(d, lang)}: {show(m)} ({show(lo)}–{show(hi)})"
                           for d, lo, m, hi in r.curve]},
        ]
        path = r.required_path
        if path is not None and path not in required:
            required.add(path)
            data.append({"type": "scatter", "x": [path[0][0], path[1][0]], "y": [path[0][1], path[1][1]],
                         "mode": "lines", "line": {"color": line.color, "width": 2, "dash": "dot"},
                         "legendgroup": group, "hoverinfo": "skip",
                         "name": f"{name}: {i18n.t('chart.required', lang)}"})
        if r.at_today is not None and r.today > r.start.date and line.observed_dates:
            # Where the region probably is today: an estimate, drawn hollow so it never looks like a figure.
            region = markup(line.region_name or line.name)
            data.append({"type": "scatter", "x": [r.today], "y": [r.at_today.mid], "mode": "markers",
                         "name": f"{region}: {i18n.t('chart.today', lang)}", "legendgroup": group,
                         "marker": {"color": "#fff", "size": 14, "symbol": "circle-open-dot",
                                    "line": {"color": line.color, "width": 3}},
                         "hoverinfo": "text", "hovertext": [
                             f"{region} · {i18n.t('chart.today', lang)}<br>{i18n.date_of(r.today, lang)}: "
                             f"≈{show(r.at_today.mid)} ({show(r.at_today.low)}–{show(r.at_today.high)})"]})
        if line.observed_dates:
            data.append({"type": "scatter", "x": line.observed_dates, "y": line.observed_values, "mode": "markers",
                         "name": markup(line.observed_name or f"{line.name}: {i18n.t('chart.observed', lang)}"),
                         "marker": {"color": line.color, "size": 14, "symbol": "circle",
                                    "line": {"color": "#000", "width": 2}},
                         "hovertext": line.observed_hovers, "hoverinfo": "text", "legendgroup": group})
        if r.reach_date and r.reach_date > r.start.date and r.target is not None:
            data.append({
                "type": "scatter", "x": [r.reach_date], "y": [r.target], "mode": "markers+text",
                "legendgroup": group, "showlegend": False, "hoverinfo": "text",
                "marker": {"symbol": "star", "size": 18, "color": line.color, "line": {"color": "#000", "width": 1}},
                "text": [i18n.date_of(r.reach_date, lang)], "textposition": "top center",
                "hovertext": [f"{name}: {i18n.t('chart.reach', lang)} {i18n.date_of(r.reach_date, lang)}"],
            })
    layout = {**base_layout(lang, title), "height": 520,
              # The legend under the plot, a column per line, and the margins it and the axes take set up front:
              # plotly then draws once instead of drawing, growing the margins and drawing again (a quarter of
              # each slider move in the browser). Labels that need more still get it (autoexpand stays on).
              "legend": {"orientation": "h", "y": -0.2, "yanchor": "top"},
              "margin": {"l": 70, "r": 20, "t": 60, "b": 150}}
    if lines:
        first_result = lines[0].result
        s, target = first_result.scenario, first_result.target
        # What add_hline and add_vline would add: the target across the plot, the deadline and today up it.
        layout["shapes"] = [
            {"type": "line", "xref": "x", "x0": s.deadline, "x1": s.deadline, "yref": "y domain", "y0": 0, "y1": 1,
             "line": {"color": "#555", "width": 2, "dash": "dot"}},
            {"type": "line", "xref": "x", "x0": first_result.today, "x1": first_result.today, "yref": "y domain",
             "y0": 0, "y1": 1, "line": {"color": "#999", "width": 1}},
        ]
        layout["annotations"] = [
            {"text": i18n.t("chart.deadline", lang, date=i18n.date_of(s.deadline, lang)), "showarrow": False,
             "x": s.deadline, "yref": "paper", "y": 1, "yanchor": "bottom"},
            {"text": i18n.t("chart.today_line", lang), "showarrow": False, "x": first_result.today,
             "yref": "paper", "y": 0, "yanchor": "bottom", "xanchor": "right", "font": {"color": "#555"}},
        ]
        if target is not None:
            layout["shapes"].insert(0, {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y",
                                        "y0": target, "y1": target, "line": {"color": "#000", "width": 2,
                                                                              "dash": "dash"}})
            shown = i18n.percent(target, lang) if percent else i18n.number(target, lang)
            layout["annotations"].insert(0, {"text": i18n.t("chart.target_line", lang, target=shown),
                                             "showarrow": False, "xref": "x domain", "x": 0, "xanchor": "left",
                                             "yref": "y", "y": target, "yanchor": "bottom"})
        first = min([d for ln in lines for d in ln.observed_dates] + [ln.result.curve[0][0] for ln in lines])
        last = max(ln.result.curve[-1][0] for ln in lines)
        ticks, labels = date_ticks(first, last, lang)
        layout["xaxis"] = {"tickvals": ticks, "ticktext": labels, "title": {"text": i18n.t("chart.axis.date", lang)}}
        top = max([target or 0] + [c[3] for ln in lines for c in ln.result.curve]
                  + [v for ln in lines for v in ln.observed_values] + [1])
        if percent:
            layout["yaxis"] = {"range": [0, min(100, top * 1.1) if top <= 100 else top * 1.1], "ticksuffix": "%",
                               "title": {"text": i18n.t("chart.axis.percent", lang)}}
        else:
            layout["yaxis"] = {"range": [0, top * 1.1], "tickformat": ",.0f",
                               "title": {"text": i18n.t("chart.axis.people", lang)}}
    return {"data": data, "layout": layout}


_DASHES = {"solid": "solid", "dash": "dash", "dot": "dot", "band_low": "solid", "band_high": "solid"}


def slide_figure(chart: ChartData, lang: Lang, font_size: int = 20, height: int | None = None) -> go.Figure:
    """A deck chart for a screen or the HTML briefing: the same data the PowerPoint chart gets, drawn large."""
    fig = go.Figure()
    if chart.kind == "bar":
        s = chart.series[0]
        order = list(range(len(chart.categories)))[::-1]  # plotly draws the first category lowest
        fig.add_trace(go.Bar(
            x=[s.values[k] for k in order], y=[markup(chart.categories[k]) for k in order], orientation="h",
            text=[markup(s.labels[k]) for k in order], textposition="outside", cliponaxis=False,
            textfont={"size": font_size}, hoverinfo="x+y", name="",
            marker={"color": [(s.point_colors or [s.color] * len(order))[k] for k in order],
                    "line": {"color": "#000", "width": 1.5}},
        ))
        top = max([v for v in s.values if v is not None] + [chart.target or 0] + [1])
        fig.update_xaxes(range=[0, top * 1.4], ticksuffix="%" if chart.percent else "",
                         tickformat="" if chart.percent else ",.0f",  # 100.000, not plotly's English 100k
                         title={"text": markup(chart.axis_title)})
        fig.update_yaxes(automargin=True)
        if chart.target is not None:
            fig.add_vline(x=chart.target, line={"color": "#000", "width": 3, "dash": "dash"},
                          annotation={"text": markup(chart.target_label), "font": {"size": font_size}},
                          annotation_position="top")
    else:
        for s in chart.series:
            mode = "markers+text" if s.style == "markers" else "lines+text"
            band = s.style.startswith("band")
            fig.add_trace(go.Scatter(
                x=chart.categories, y=s.values, mode="lines" if band else mode, name=markup(s.legend or s.name),
                text=[markup(t) for t in s.labels], textposition="top center",
                textfont={"size": font_size, "color": s.color}, connectgaps=False,
                fill="tonexty" if s.style == "band_high" else None, fillcolor=_rgba(s.color, 0.18),
                line={"color": s.color, "width": 0.5 if band else 4, "dash": _DASHES.get(s.style, "solid")},
                marker={"color": s.color, "size": 18, "line": {"color": "#000", "width": 2}},
                showlegend=s.style != "band_low",
            ))
        ticks, labels = date_ticks(chart.categories[0], chart.categories[-1], lang, most=6)
        fig.update_xaxes(tickvals=ticks, ticktext=labels)
        top = max([chart.target or 0] + [v for s in chart.series for v in s.values if v is not None])
        fig.update_yaxes(range=[0, top * 1.15], ticksuffix="%", title={"text": markup(chart.axis_title)})
        if chart.target is not None:
            # A legend entry, not a label on the line: a label there collides with the projections' own labels.
            fig.add_trace(go.Scatter(x=[chart.categories[0], chart.categories[-1]], y=[chart.target] * 2,
                                     mode="lines", name=markup(chart.target_label), hoverinfo="skip",
                                     line={"color": "#000", "width": 3, "dash": "dash"}))
    layout = base_layout(lang, "")
    layout.update(title=None, font={"family": FONT, "size": font_size, "color": "#000"},
                  margin={"l": 10, "r": 30, "t": 40, "b": 10}, showlegend=chart.kind == "line",
                  legend={"orientation": "h", "y": -0.15, "font": {"size": max(14, font_size - 4)}})
    if height:
        layout["height"] = height
    fig.update_layout(**layout)
    fig.update_xaxes(showgrid=True, gridcolor="#bbb", linecolor="#000", tickfont={"size": font_size})
    fig.update_yaxes(gridcolor="#bbb", linecolor="#000", tickfont={"size": font_size})
    return fig


def distribution(view: CompareView, indicator_name: str, lang: Lang) -> go.Figure:
    """How many regions stand at each percent (1-point bins), one stacked colour per base, the target marked:
    the whole country at a glance, where a ranking of hundreds of bars is unreadable."""
    return _figure(distribution_spec(view, indicator_name, lang))


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
    layout = {**base_layout(lang, i18n.t("scale.distribution", lang, indicator=indicator_name, target=target)),
              "barmode": "stack", "height": 360, "legend": {"orientation": "h", "y": -0.25},
              "xaxis": {"title": {"text": i18n.t("scale.distribution_axis", lang)}, "ticksuffix": "%",
                        "rangemode": "tozero"},
              "yaxis": {"title": {"text": i18n.t("scale.regions_axis", lang)}}}
    if view.target_line is not None:
        _target_vline(layout, view.target_line, lang)
    return {"data": data, "layout": layout}
