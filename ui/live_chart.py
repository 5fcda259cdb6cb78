"""A Plotly chart that a rerun updates in place (Plotly.react on the same element), for charts that sliders redraw.

Streamlit 1.67's st.plotly_chart gives a chart an id hashed from its whole figure, so every slider move remounts
it: the chart is drawn from nothing and the viewer's zoom is lost. This element is a components-v2 component with a
fixed key: Streamlit keeps it mounted and hands it each new figure, which Plotly.react diffs into the drawing, keeping
zoom and pan (layout.uirevision).

plotly.js is Streamlit's own: the chunk its st.plotly_chart loads, which sets window.Plotly. So these charts are
drawn by the same plotly.js as every other chart of the app, a tab that has shown any chart has it already, and
otherwise it comes from Streamlit's static files (cached by the browser for a year, never compressed per request).
A Streamlit without that chunk gets st.plotly_chart.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import streamlit as st

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.render import charts

# Streamlit's frontend build; served under /static/ (with server.baseUrlPath before it).
FRONTEND = Path(st.__file__).parent / "static"
CHUNKS = "static/js/PlotlyChart.*.js"

# Redrawn to the width of its column when the window changes, as st.plotly_chart's are.
CONFIG = {**charts.PLOTLY_CONFIG, "responsive": True}

log = logging.getLogger(__name__)

_JS = """
async function plotlyLoaded(src) {
  // Importing Streamlit's chunk (the same module its own charts import) runs plotly.js, which sets window.Plotly.
  if (!window.Plotly) await import(new URL(src, window.location.origin).href);
  if (!window.Plotly) throw new Error("plotly.js did not load from " + src);
  return window.Plotly;
}

export default function ({ data, parentElement }) {
  const holder = parentElement.querySelector(".ikd-live-chart");
  const plot = holder.firstElementChild;
  // Draws run one after another, and a draw that finds a newer figure waiting skips to it.
  holder.ikdLatest = data;
  holder.ikdDrawing = (holder.ikdDrawing || Promise.resolve()).then(async () => {
    const latest = holder.ikdLatest;
    if (!latest || latest.drawn) return;
    latest.drawn = true;
    const Plotly = await plotlyLoaded(latest.src);
    const figure = JSON.parse(latest.figure);
    const start = performance.now();
    await Plotly.react(plot, figure.data, figure.layout, latest.config);
    holder.querySelector(".ikd-live-chart-note")?.remove();
    // For the tests and make bench: how many figures this element has drawn, and how long the last one took.
    holder.dataset.draws = String(Number(holder.dataset.draws || 0) + 1);
    holder.dataset.drawMs = (performance.now() - start).toFixed(1);
  }).catch((error) => {
    // Said in the page's language where the chart would be; the next figure tries again.
    let note = holder.querySelector(".ikd-live-chart-note");
    if (!note) holder.append(note = Object.assign(document.createElement("p"), {className: "ikd-live-chart-note"}));
    note.textContent = holder.ikdLatest.notDrawn;
    console.error(error);
  });
  // Called when the element leaves the page (not between figures): plotly's window listeners go with it.
  return () => { if (window.Plotly) window.Plotly.purge(plot); };
}
"""

# The element keeps its box; plotly.js draws into the inner <div> (as in st.plotly_chart's element).
_HTML = '<div class="ikd-live-chart"><div></div></div>'
_CSS = ".ikd-live-chart { width: 100%; }"


@cache
def plotly_chunk() -> str | None:
    """The path, under Streamlit's static route, of the chunk that carries plotly.js; None if there is not
    exactly one (another Streamlit build), and then charts are drawn by st.plotly_chart."""
    found = sorted(FRONTEND.glob(CHUNKS))
    if len(found) != 1:
        log.warning("Streamlit's plotly.js chunk (%s) not found once but %d times under %s: charts remount on "
                    "each rerun", CHUNKS, len(found), FRONTEND)
        return None
    return found[0].relative_to(FRONTEND).as_posix()


@cache
def _component():
    # Not in a shadow root: plotly.js puts its styles (mode bar, hover) in the page's <head>.
    return st.components.v2.component("ikd_live_chart", html=_HTML, js=_JS, css=_CSS, isolate_styles=False)


def _src(chunk: str) -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part for part in (base, chunk) if part)


def live_chart(spec: dict, key: str, lang: Lang, view: str = "") -> None:
    """The chart of `spec` (a figure dictionary from ikd_core.render.charts), drawn once and then updated in place
    on every rerun that shows it under the same `key`. The viewer's zoom and pan stay while `view` (what the chart
    is of, e.g. the region) does not change."""
    chunk = plotly_chunk()
    if chunk is None:
        st.plotly_chart(charts.figure_of(spec), width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
        return
    _component()(key=key, data={"figure": charts.spec_json(spec, uirevision=f"{key}/{view}"), "config": CONFIG,
                                "src": _src(chunk), "notDrawn": i18n.t("chart.not_drawn", lang)}, height="content")
