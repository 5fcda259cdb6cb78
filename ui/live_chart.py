"""A Plotly chart that a rerun updates in place (Plotly.react on the same element), for charts that sliders redraw.

Streamlit 1.67's st.plotly_chart gives a chart an id hashed from its whole figure, so every slider move remounts
it: the chart is drawn from nothing and the viewer's zoom is lost. This element is a components-v2 component with a
fixed key: Streamlit keeps it mounted and hands it each new figure, which Plotly.react diffs into the drawing, keeping
zoom and pan (layout.uirevision).

plotly.js is the copy the `plotly` package ships, served by Streamlit's static file serving (with ETag and
Last-Modified, so a browser fetches it once and asks only "changed?" afterwards). Where it cannot be put there (a
read-only install), charts fall back to st.plotly_chart.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import plotly
import streamlit as st
from plotly.offline import get_plotlyjs_version

from ikd_core.render import charts

STATIC = Path(__file__).resolve().parent.parent / "static"
# The version in the name: a new plotly package is a new address, never a stale cached copy.
VENDORED = f"vendor/plotly-{get_plotlyjs_version()}.min.js"

# Redrawn to the width of its column when the window changes, as st.plotly_chart's are.
CONFIG = {**charts.PLOTLY_CONFIG, "responsive": True}

log = logging.getLogger(__name__)

_JS = """
function plotlyLoaded(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.ikdPlotly) {
    window.ikdPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => { window.ikdPlotly = null; reject(new Error("plotly.js did not load from " + src)); };
      document.head.appendChild(script);
    });
  }
  return window.ikdPlotly;
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
    // For the tests and make bench: how many figures this element has drawn, and how long the last one took.
    holder.dataset.draws = String(Number(holder.dataset.draws || 0) + 1);
    holder.dataset.drawMs = (performance.now() - start).toFixed(1);
  }).catch((error) => {
    holder.textContent = String(error);
  });
}
"""

# The element keeps its box; plotly.js draws into the inner <div> (as in st.plotly_chart's element).
_HTML = '<div class="ikd-live-chart"><div></div></div>'
_CSS = ".ikd-live-chart { width: 100%; }"


@cache
def vendored_plotly() -> bool:
    """Put the plotly package's plotly.js under static/ once per process; False where it cannot be."""
    target = STATIC / VENDORED
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    try:
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as part:
                shutil.copyfileobj(source.open("rb"), part)
            os.chmod(part.name, 0o644)
            os.replace(part.name, target)  # whole or not at all, for a browser asking at that moment
        return True
    except OSError as error:
        log.warning("plotly.js could not be put under %s (%s): charts remount on each rerun", STATIC, error)
        return False


@cache
def _component():
    # Not in a shadow root: plotly.js puts its styles (mode bar, hover) in the page's <head>.
    return st.components.v2.component("ikd_live_chart", html=_HTML, js=_JS, css=_CSS, isolate_styles=False)


def _src() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part for part in (base, "app/static", VENDORED) if part)


def live_chart(spec: dict, key: str, view: str = "") -> None:
    """The chart of `spec` (a figure dictionary from ikd_core.render.charts), drawn once and then updated in place
    on every rerun that shows it under the same `key`. The viewer's zoom and pan stay while `view` (what the chart
    is of, e.g. the region) does not change."""
    if not vendored_plotly():
        st.plotly_chart(charts.figure_of(spec), width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
        return
    _component()(key=key, data={"figure": charts.spec_json(spec, uirevision=f"{key}/{view}"), "config": CONFIG,
                                "src": _src()}, height="content")
