"""The deck as a PowerPoint file: native, editable charts (not pictures), sources in the speaker notes.

Data labels carry the deck language's number format as text ("10,8%", "697.526"), because a number format code
follows the viewer's Windows locale and would show "10.8%" on an English laptop.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.render.charts import FONT
from ikd_core.render.deck import BLACK, ChartData, Deck, Series, Slide

FONT_NAME = FONT.split(",")[0]
# Month names in the deck's language whatever the viewer's locale: Excel/PowerPoint locale tags.
_DATE_FORMAT = {"id": "[$-421]mmm yyyy", "en": "[$-409]mmm yyyy"}
_DASH = {"dash": MSO_LINE_DASH_STYLE.DASH, "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
         "band_low": MSO_LINE_DASH_STYLE.SQUARE_DOT, "band_high": MSO_LINE_DASH_STYLE.SQUARE_DOT}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(frame, lines: list[str], size: int, bold: bool = False, color: str = BLACK) -> None:
    frame.word_wrap = True
    for k, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.space_after = Pt(size * 0.5)
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT_NAME
            run.font.color.rgb = _rgb(color)


def _box(slide, left: float, top: float, width: float, height: float, lines: list[str], size: int,
         bold: bool = False, color: str = BLACK, anchor=MSO_ANCHOR.TOP):
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    shape.text_frame.vertical_anchor = anchor
    _text(shape.text_frame, lines, size, bold, color)
    return shape


def _bar_chart(slide, chart: ChartData, box: tuple[float, float, float, float], lang: Lang) -> None:
    data = CategoryChartData(number_format='0.0"%"' if chart.percent else "#,##0")
    data.categories = chart.categories
    series = chart.series[0]
    data.add_series(series.name, series.values)
    shape = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *(Inches(v) for v in box), data)
    c = shape.chart
    _title(c, chart.title + (f" · {chart.target_label}" if chart.target_label else ""))
    c.has_legend = False
    c.category_axis.reverse_order = True  # the best region on top, as on screen
    c.category_axis.tick_labels.font.size = Pt(14)
    value_axis = c.value_axis
    top = max([v for v in series.values if v is not None] + [chart.target or 0] + [1])
    value_axis.minimum_scale, value_axis.maximum_scale = 0, top * 1.25
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.font.size = Pt(12)
    plot = c.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    for k, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(series.point_colors[k] if series.point_colors else series.color)
        point.format.line.color.rgb = _rgb("#222222")
        _label(point, series.labels[k], XL_LABEL_POSITION.OUTSIDE_END)


def _label(point, text: str, position) -> None:
    if not text:
        return
    label = point.data_label
    label.has_text_frame = True
    label.text_frame.text = text
    label.position = position
    for run in label.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(14), True


def _title(c, text: str) -> None:
    c.has_title = True
    c.chart_title.text_frame.text = text
    for run in c.chart_title.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(16), True


def _line_chart(slide, chart: ChartData, box: tuple[float, float, float, float], lang: Lang) -> None:
    data = CategoryChartData(number_format='0.0"%"')
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    target = None
    if chart.target is not None:
        target = Series(chart.target_label, [chart.target] * len(chart.categories), [], BLACK, "dash")
        data.add_series(target.name, target.values)
    shape = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *(Inches(v) for v in box), data)
    c = shape.chart
    _title(c, chart.title)
    c.has_legend = True
    c.legend.position, c.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    c.legend.font.size = Pt(11)
    axis = c.category_axis
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = _DATE_FORMAT[lang], False
    axis.tick_labels.font.size = Pt(12)
    c.value_axis.minimum_scale = 0
    c.value_axis.has_major_gridlines = True
    c.value_axis.tick_labels.font.size = Pt(12)
    styles = chart.series + ([target] if target else [])
    for style, plotted in zip(styles, c.plots[0].series, strict=True):
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
            line.width = Pt(1.25 if style.style.startswith("band") else 2.5)
            if style.style in _DASH:
                line.dash_style = _DASH[style.style]
        for k, text in enumerate(style.labels):
            _label(plotted.points[k], text, XL_LABEL_POSITION.ABOVE)


def _slide(prs, s: Slide, n: int, total: int, lang: Lang) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    if s.key == "title":
        _box(slide, 0.8, 1.6, 11.7, 1.6, [s.title], 40, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _box(slide, 0.8, 3.3, 11.7, 0.7, [s.subtitle], 24, color="#333333")
        _box(slide, 0.8, 4.3, 11.7, 2.5, s.bullets, 20)
    else:
        _box(slide, 0.5, 0.3, 12.3, 0.9, [s.title], 30, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _box(slide, 0.5, 1.15, 12.3, 0.5, [s.subtitle], 16, color="#333333")
        if s.chart is not None:
            box = (0.4, 1.75, 8.2, 5.35)
            (_bar_chart if s.chart.kind == "bar" else _line_chart)(slide, s.chart, box, lang)
            _box(slide, 8.8, 1.85, 4.1, 5.2, s.bullets, 15)
        else:
            _box(slide, 0.8, 1.9, 11.7, 5.0, s.bullets, 22)
    _box(slide, 11.3, 7.0, 1.8, 0.4, [i18n.t("present.counter", lang, n=n, total=total)], 12, color="#333333")
    slide.notes_slide.notes_text_frame.text = "\n".join(s.notes)


def to_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(Inches(13.333)), Emu(Inches(7.5))  # 16:9
    for n, s in enumerate(deck.slides, start=1):
        _slide(prs, s, n, len(deck.slides), deck.lang)
    prs.core_properties.title = deck.title
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
