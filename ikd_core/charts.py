"""Plotly figures built from the core's views (graph objects only: plotly.express is slow per rerun)."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.overview import OverviewView

FONT = "DejaVu Sans, Arial, sans-serif"  # installed locally: no web fonts
# The camera button's PNG: 3x for slides.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3},
}


def base_layout(lang: Lang, title: str) -> dict:
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "separators": i18n.PLOTLY_SEPARATORS[lang],
        "font": {"family": FONT, "size": 14},
        "template": "plotly_white",
        "margin": {"l": 10, "r": 20, "t": 60, "b": 40},
    }


def overview_bars(view: OverviewView, lang: Lang) -> go.Figure:
    """Horizontal bars of each region's latest percent, with the target as a vertical line."""
    bars = list(reversed(view.bars))  # plotly draws the first category at the bottom
    fig = go.Figure(
        go.Bar(
            x=[b.percent for b in bars],
            # Region name over its base and date: every bar carries its own denominator and moment.
            y=[f"<b>{html.escape(b.label)}</b><br><span style='font-size:12px'>{html.escape(b.sublabel)}</span>"
               for b in bars],
            orientation="h",
            text=[b.text for b in bars],
            textposition="outside",
            cliponaxis=False,
            hovertext=[b.hover for b in bars],
            hoverinfo="text",
            marker={
                "color": [b.color for b in bars],
                "line": {"color": "#222", "width": 1},
                # Approximate or derived figures are hatched, so the difference survives greyscale projectors.
                "pattern": {"shape": ["/" if (b.approximate or b.derived) else "" for b in bars]},
            },
            name="",
        )
    )
    target = view.target_percent
    title = i18n.t("overview.chart_title", lang, target=i18n.percent(target, lang)) if target else ""
    fig.update_layout(**base_layout(lang, title), height=120 + 70 * max(1, len(bars)), showlegend=False)
    top = max([b.percent for b in bars] + [target or 0])
    fig.update_xaxes(title=i18n.t("overview.axis_percent", lang), range=[0, top * 1.25 + 1], ticksuffix="%")
    fig.update_yaxes(automargin=True)
    if target:
        fig.add_vline(
            x=target, line={"color": "#000", "width": 3, "dash": "dash"},
            annotation={"text": i18n.t("overview.target_line", lang, target=i18n.percent(target, lang)),
                        "font": {"size": 14}},
            annotation_position="top",
        )
    return fig
