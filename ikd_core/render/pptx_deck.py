"""The deck as a PowerPoint file: native, editable charts (not pictures), a talking point and the sources in the
speaker notes.

Data labels carry the deck language's number format as text ("10,8%", "697.526"), because a number format code
follows the viewer's Windows locale and would show "10.8%" on an English laptop.

Legible from the back of a room: no text under 18 pt (titles 24 pt and more), labels in a shade of their line's
colour with at least 4,5:1 contrast on white. Every text box is measured before it is filled (`fit`): characters a
line from the font size and the box width, lines from the box height; a box shrinks to 18 pt at most, and bullets
that still do not fit go onto a continuation slide, so no text grows below its slide.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, replace

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.render.charts import FONT
from ikd_core.render.deck import BLACK, ChartData, Deck, Series, Slide, wrapped
from ikd_core.views.palette import label_shade

FONT_NAME = FONT.split(",")[0]
# Month names in the deck's language whatever the viewer's locale: Excel/PowerPoint locale tags.
_DATE_FORMAT = {"id": "[$-421]mmm yyyy", "en": "[$-409]mmm yyyy"}
_DASH = {"dash": MSO_LINE_DASH_STYLE.DASH, "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
         "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT, "band_low": MSO_LINE_DASH_STYLE.SQUARE_DOT,
         "band_high": MSO_LINE_DASH_STYLE.SQUARE_DOT}
_POSITION = {"above": XL_LABEL_POSITION.ABOVE, "below": XL_LABEL_POSITION.BELOW}

MIN_PT = 18  # the smallest text anywhere on a slide
TITLE_MIN_PT = 24
CHART_PT = 18  # axes, legend and data labels
CHAR_EM = 0.6  # a character's width in em: DejaVu Sans averages 0,53 em on this text (0,59 em bold)
BOLD_EM = 0.65
LINE_EM = 1.2  # single line spacing
GAP_EM = 0.3  # the space after a paragraph
INSET_X, INSET_Y = 0.1, 0.05  # a text box's default margins, inches

SLIDE_W, SLIDE_H = 13.333, 7.5
TITLE_BOX = (0.5, 0.25, 12.3, 0.95)
SUBTITLE_BOX = (0.5, 1.2, 12.3, 0.75)
CHART_BOX = (0.35, 1.95, 6.95, 5.1)
SIDE_BOX = (7.45, 1.95, 5.6, 5.1)
FULL_BOX = (0.6, 2.0, 12.1, 5.0)
COUNTER_BOX = (11.3, 7.02, 1.8, 0.45)


@dataclass(frozen=True)
class Fit:
    size: int  # points
    kept: int  # paragraphs that fit at that size (all of them, unless even the floor is too large)


def lines_at(paragraphs: list[str], width_in: float, size: float, bold: bool = False) -> int:
    """Lines the paragraphs take in a box `width_in` wide at `size` points: characters a line =
    usable width / (0,6 em, 0,65 em bold), words wrapped."""
    chars = max(1, math.floor((width_in - 2 * INSET_X) * 72 / ((BOLD_EM if bold else CHAR_EM) * size)))
    return sum(wrapped(p, chars) for p in paragraphs)


def height_of(paragraphs: list[str], width_in: float, size: float, bold: bool = False) -> float:
    """Points the paragraphs take: lines × 1,2 em, plus 0,3 em after each paragraph but the last."""
    return (lines_at(paragraphs, width_in, size, bold) * LINE_EM * size
            + max(0, len(paragraphs) - 1) * GAP_EM * size)


def fit(paragraphs: list[str], box: tuple[float, float, float, float], size: int, floor: int = MIN_PT,
        bold: bool = False) -> Fit:
    """The largest size from `size` down to `floor` at which the paragraphs fit the box; at the floor, how many of
    them fit (the rest go elsewhere)."""
    usable = (box[3] - 2 * INSET_Y) * 72
    for s in range(size, floor - 1, -1):
        if height_of(paragraphs, box[2], s, bold) <= usable:
            return Fit(s, len(paragraphs))
    kept = 0
    while kept < len(paragraphs) and height_of(paragraphs[:kept + 1], box[2], floor, bold) <= usable:
        kept += 1
    return Fit(floor, max(1, kept))


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(frame, lines: list[str], size: int, bold: bool = False, color: str = BLACK) -> None:
    frame.word_wrap = True
    for k, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.space_after = Pt(round(size * GAP_EM))
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT_NAME
            run.font.color.rgb = _rgb(color)


def _box(slide, box: tuple[float, float, float, float], lines: list[str], size: int, floor: int = MIN_PT,
         bold: bool = False, color: str = BLACK, anchor=MSO_ANCHOR.TOP):
    """A text box holding the lines at the largest size from `size` to `floor` that fits (callers split first)."""
    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    shape.text_frame.vertical_anchor = anchor
    _text(shape.text_frame, lines, fit(lines, box, size, floor, bold).size, bold, color)
    return shape


def _fonts(c, size: int = CHART_PT) -> None:
    """The chart's default text: every axis, legend and label not sized otherwise."""
    c.font.size, c.font.name = Pt(size), FONT_NAME


def _title(c, text: str) -> None:
    c.has_title = True
    c.chart_title.text_frame.text = text
    for run in c.chart_title.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(20), True


def _label(point, text: str, position, color: str = BLACK) -> None:
    if not text:
        return
    label = point.data_label
    label.has_text_frame = True
    label.text_frame.text = text
    label.position = position
    for run in label.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(CHART_PT), True
        run.font.color.rgb = _rgb(color)


def _manual_layout(c, x: float, y: float, w: float, h: float) -> None:
    """Pin the plot area (inside its axes' labels) to fractions of the chart box, so shapes can be drawn on it."""
    plot_area = c._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = plot_area.makeelement(qn("c:layout"), {})
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = layout.makeelement(qn("c:manualLayout"), {})
    layout.append(manual)
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"), ("x", x), ("y", y),
                       ("w", w), ("h", h)):
        manual.append(manual.makeelement(qn(f"c:{tag}"), {"val": str(round(value, 4)) if isinstance(value, float)
                                                          else value}))


def _bar_chart(slide, chart: ChartData, box: tuple[float, float, float, float], lang: Lang) -> None:
    """Horizontal bars, the best on top, labelled outside their ends in 18 pt; the target as a dashed line across
    the plot, labelled above it (the plot area is pinned, so the line stands exactly at the target)."""
    data = CategoryChartData(number_format='0.0"%"' if chart.percent else "#,##0")
    data.categories = chart.categories
    series = chart.series[0]
    data.add_series(series.name, series.values)
    shape = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *(Inches(v) for v in box), data)
    c = shape.chart
    _fonts(c)
    _title(c, chart.title)
    c.has_legend = False
    c.category_axis.reverse_order = True  # the best region on top, as on screen
    c.category_axis.tick_labels.font.size = Pt(CHART_PT)
    value_axis = c.value_axis
    values = [v or 0 for v in series.values]
    top = max(values + [chart.target or 0] + [1])
    # The plot: right of the names (0,6 em a character), under the title and the target's label, over the ticks.
    names = max((len(n) for n in chart.categories), default=0) * CHAR_EM * CHART_PT / 72 + 0.2
    left, upper, lower = names, 0.95, 0.5
    plot = box[2] - left - 0.15
    # Room for the longest label beyond its bar.
    need = max((v * plot / max(0.3, plot - len(t) * BOLD_EM * CHART_PT / 72 - 0.15)
                for v, t in zip(values, series.labels, strict=True)), default=top)
    maximum = max(top * 1.15, need)
    value_axis.minimum_scale, value_axis.maximum_scale = 0, maximum
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.font.size = Pt(CHART_PT)
    value_axis.tick_labels.number_format = '0"%"' if chart.percent else "#,##0"
    value_axis.tick_labels.number_format_is_linked = False
    # The value axis crosses the reversed category axis at its last category: at the bottom, under the bars.
    value_axis._element.find(qn("c:crosses")).set("val", "max")
    _manual_layout(c, left / box[2], upper / box[3], plot / box[2], (box[3] - upper - lower) / box[3])
    bars = c.plots[0]
    bars.gap_width = 50
    bars.vary_by_categories = False
    for k, point in enumerate(bars.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(series.point_colors[k] if series.point_colors else series.color)
        point.format.line.color.rgb = _rgb("#222222")
        _label(point, series.labels[k], XL_LABEL_POSITION.OUTSIDE_END)
    if chart.target is not None:
        x = box[0] + left + plot * chart.target / maximum
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(x), Inches(box[1] + upper),
                                          Inches(x), Inches(box[1] + box[3] - lower))
        line.line.color.rgb, line.line.width, line.line.dash_style = _rgb(BLACK), Pt(3), MSO_LINE_DASH_STYLE.DASH
        width = len(chart.target_label) * CHAR_EM * CHART_PT / 72 + 0.3
        label = (min(max(box[0], x - width / 2), box[0] + box[2] - width), box[1] + upper - 0.45, width, 0.45)
        _box(slide, label, [chart.target_label], CHART_PT, anchor=MSO_ANCHOR.BOTTOM).text_frame.paragraphs[0] \
            .alignment = PP_ALIGN.CENTER


def serial(d: dt.date) -> float:
    """A date as Excel and PowerPoint store it: days since 30 December 1899."""
    return float((d - dt.date(1899, 12, 30)).days)


def _line_chart(slide, chart: ChartData, box: tuple[float, float, float, float], lang: Lang) -> None:
    """An XY chart over real dates, so the deadline can stand as a vertical line where it falls: observed figures as
    markers, each projection dashed (the baseline dash-dotted), its band, the pace needed, the target and the
    deadline."""
    data = XyChartData(number_format='0.0"%"' if chart.percent else "#,##0")
    drawn: list[tuple[Series, list[int]]] = []  # each series and which of its points were drawn
    for s in chart.series:
        kept = [k for k, v in enumerate(s.values) if v is not None]
        if not kept:
            continue
        plotted = data.add_series(s.legend or s.name)
        for k in kept:
            plotted.add_data_point(serial(chart.categories[k]), s.values[k])
        if len(kept) == 1:  # a lone point twice: LibreOffice draws no marker for a one-point series
            plotted.add_data_point(serial(chart.categories[kept[0]]), s.values[kept[0]])
        drawn.append((s, kept))
    first, last = chart.categories[0], chart.categories[-1]
    top = max([chart.target or 0] + [v for s in chart.series for v in s.values if v is not None] + [1]) * 1.15
    extra: list[tuple[str, str, str]] = []  # name, colour, role of the reference lines
    if chart.target is not None:
        target = data.add_series(chart.target_label)
        target.add_data_point(serial(first), chart.target)
        target.add_data_point(serial(last), chart.target)
        extra.append((chart.target_label, BLACK, "target"))
    if chart.deadline is not None:
        deadline = data.add_series(chart.deadline_label)
        deadline.add_data_point(serial(chart.deadline), 0)
        deadline.add_data_point(serial(chart.deadline), top * 0.94)  # its label sits at the top, in the plot
        extra.append((chart.deadline_label, "#444444", "deadline"))
    shape = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, *(Inches(v) for v in box), data)
    c = shape.chart
    _fonts(c)
    c.has_title = False  # the slide's title says what it shows; the axis says the unit
    c.has_legend = True
    c.legend.position, c.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    c.legend.font.size = Pt(CHART_PT)
    x = c.category_axis
    x.tick_labels.number_format, x.tick_labels.number_format_is_linked = _DATE_FORMAT[lang], False
    x.tick_labels.font.size = Pt(CHART_PT)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (3, 6, 12, 24, 36, 60) if months / s <= 4)  # at most 5 ticks of 18 pt across 5,5 in
    x.minimum_scale = serial(dt.date(first.year, 1 if step >= 12 else (first.month - 1) // step * step + 1, 1))
    x.maximum_scale = serial(last)
    x.major_unit = step * 30.4375
    if step >= 12:  # whole years: "2028" is enough, and leaves room
        x.tick_labels.number_format = "yyyy"
    x.has_major_gridlines = True
    y = c.value_axis
    y.minimum_scale, y.maximum_scale = 0, top
    y.has_major_gridlines = True
    y.tick_labels.font.size = Pt(CHART_PT)
    y.tick_labels.number_format = '0"%"' if chart.percent else "#,##0"
    y.tick_labels.number_format_is_linked = False
    y.has_title = True
    y.axis_title.text_frame.text = chart.axis_title
    for run in y.axis_title.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(CHART_PT), False
    plotted_series = list(c.plots[0].series)
    for (style, kept), plotted in zip(drawn, plotted_series, strict=False):
        plotted.smooth = False
        line = plotted.format.line
        if style.style == "markers":
            line.fill.background()  # observed figures: markers only, never a line
            plotted.marker.style, plotted.marker.size = XL_MARKER_STYLE.CIRCLE, 11
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = _rgb(style.color)
            plotted.marker.format.line.color.rgb = _rgb(BLACK)
        else:
            plotted.marker.style = XL_MARKER_STYLE.NONE
            line.color.rgb = _rgb(style.color)
            line.width = Pt(1.25 if style.style.startswith("band") else 3)
            if style.style in _DASH:
                line.dash_style = _DASH[style.style]
        for n, k in enumerate(kept):
            _label(plotted.points[n], style.labels[k], _POSITION[style.label_position], label_shade(style.color))
    for (name, colour, role), plotted in zip(extra, plotted_series[len(drawn):], strict=True):
        plotted.smooth = False
        plotted.marker.style = XL_MARKER_STYLE.NONE
        plotted.format.line.color.rgb = _rgb(colour)
        plotted.format.line.width = Pt(2.5 if role == "target" else 2)
        plotted.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH if role == "target" else MSO_LINE_DASH_STYLE.LONG_DASH
        if role == "deadline":  # named at its top, inside the plot, instead of in the legend
            _label(plotted.points[1], name, XL_LABEL_POSITION.RIGHT, "#444444")
    hidden = [k for k, (s, _) in enumerate(drawn) if s.style == "band_low"]  # one band entry, not two
    hidden += [len(drawn) + k for k, (_, _, role) in enumerate(extra) if role == "deadline"]
    _hide_legend_entries(c, hidden)


def _hide_legend_entries(c, indexes: list[int]) -> None:
    legend = c.legend._element
    for k in indexes:
        entry = legend.makeelement(qn("c:legendEntry"), {})
        idx = entry.makeelement(qn("c:idx"), {"val": str(k)})
        delete = entry.makeelement(qn("c:delete"), {"val": "1"})
        entry.append(idx)
        entry.append(delete)
        legend.insert(1, entry)  # after c:legendPos, as the schema orders them


def pieces(s: Slide) -> list[Slide]:
    """The slide as PowerPoint holds it: when its bullets do not fit their box at 18 pt, the rest on continuation
    slides (the deck budgets its slides so that this is rare: a safety net, not a layout)."""
    box = SIDE_BOX if s.chart is not None else FULL_BOX
    size = 20 if s.chart is not None else 22
    if s.key == "title":
        return [s]
    kept = fit(s.bullets, box, size).kept
    if kept >= len(s.bullets):
        return [s]
    rest = replace(s, key=f"{s.key}+", chart=None, bullets=s.bullets[kept:])
    return [replace(s, bullets=s.bullets[:kept]), *pieces(rest)]


def _notes(s: Slide) -> str:
    return "\n\n".join([s.talk, "\n".join(s.notes)] if s.talk else ["\n".join(s.notes)])


def _slide(prs, s: Slide, n: int, total: int, lang: Lang) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    if s.key == "title":
        _box(slide, (0.8, 0.6, 11.7, 1.7), [s.title], 44, TITLE_MIN_PT, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _box(slide, (0.8, 2.35, 11.7, 0.7), [s.subtitle], 24, color="#222222")
        _box(slide, (0.8, 3.15, 11.7, 3.75), s.bullets, 28)
    else:
        _box(slide, TITLE_BOX, [s.title], 30, TITLE_MIN_PT, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _box(slide, SUBTITLE_BOX, [s.subtitle], 20, color="#222222")
        if s.chart is not None:
            (_bar_chart if s.chart.kind == "bar" else _line_chart)(slide, s.chart, CHART_BOX, lang)
            _box(slide, SIDE_BOX, s.bullets, 20)
        else:
            _box(slide, FULL_BOX, s.bullets, 22)
    _box(slide, COUNTER_BOX, [i18n.t("present.counter", lang, n=n, total=total)], MIN_PT, color="#333333")
    slide.notes_slide.notes_text_frame.text = _notes(s)


def to_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(Inches(SLIDE_W)), Emu(Inches(SLIDE_H))  # 16:9
    slides = [part for s in deck.slides for part in pieces(s)]
    for n, s in enumerate(slides, start=1):
        _slide(prs, s, n, len(slides), deck.lang)
    prs.core_properties.title = deck.title
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
