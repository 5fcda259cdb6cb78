"""Presenter mode: one slide of the deck filling a 16:9 screen, Streamlit's chrome hidden, keys to move."""

from __future__ import annotations

import streamlit as st

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.render import charts
from ikd_core.render.deck import Deck
from ui.text import literal

SLIDE = "slide"
# The slide is the largest 16:9 box the window holds; text scales with its height (24 px at 720 px, 36 px at
# 1080 px), black on white with heavy rules for washed-out projectors. Streamlit's header, sidebar, toolbar and
# page padding are hidden.
CSS = """
<style>
header[data-testid="stHeader"], section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer,
.st-key-present-keys { display: none !important; }
:root { --slide-h: min(100vh, 56.25vw); --slide-w: min(100vw, calc(100vh * 16 / 9)); }
html, body, [data-testid="stApp"], [data-testid="stMain"] { background: #fff !important; overflow: hidden; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
.st-key-slide { width: var(--slide-w) !important; height: var(--slide-h) !important; margin: 0 auto;
  overflow: hidden; flex: none !important;
  padding: calc(var(--slide-h) * 0.035) calc(var(--slide-w) * 0.035) calc(var(--slide-h) * 0.02);
  color: #000; font-size: max(24px, calc(var(--slide-h) * 0.034)); gap: calc(var(--slide-h) * 0.012);
  border-top: calc(var(--slide-h) * 0.012) solid #000; }
.st-key-slide p, .st-key-slide li { font-size: max(24px, calc(var(--slide-h) * 0.03)) !important;
  line-height: 1.3 !important; color: #000 !important; }
.st-key-slide li { margin-bottom: 0.35em; }
.st-key-slide h1 { font-size: max(32px, calc(var(--slide-h) * 0.058)) !important; line-height: 1.15;
  padding: 0 !important; margin: 0 !important; font-weight: 800; }
.st-key-slide-sub p { font-size: max(24px, calc(var(--slide-h) * 0.03)) !important; color: #222 !important; }
.st-key-slide-body { height: calc(var(--slide-h) * 0.68) !important; flex: none !important; overflow: hidden; }
.st-key-slide-body [data-testid="stPlotlyChart"] { height: calc(var(--slide-h) * 0.66) !important; }
.st-key-slide-title-only { flex: 1 !important; justify-content: center !important; }
.st-key-slide-nav { margin-top: auto !important; }
.st-key-slide-title-only h1 { font-size: max(40px, calc(var(--slide-h) * 0.08)) !important; }
.st-key-slide-nav button { font-size: max(20px, calc(var(--slide-h) * 0.024)) !important; min-height: 0; }
.st-key-slide-nav p { font-size: max(20px, calc(var(--slide-h) * 0.024)) !important; }
</style>
"""


def _bullets(lines: list[str]) -> None:
    st.markdown("\n".join(f"- {literal(line)}" for line in lines))


def show_slide(deck: Deck, n: int, lang: Lang, go, leave) -> None:
    """Slide n (1-based) with the navigation row; `go(delta, total)` and `leave()` are the buttons' callbacks."""
    st.html(CSS)
    total = len(deck.slides)
    s = deck.slides[n - 1]
    with st.container(key=SLIDE):
        if s.key == "title":
            with st.container(key="slide-title-only"):
                st.markdown(f"# {literal(s.title)}")
                with st.container(key="slide-sub"):
                    st.markdown(literal(s.subtitle))
                _bullets(s.bullets)
        else:
            st.markdown(f"# {literal(s.title)}")
            with st.container(key="slide-sub"):
                st.markdown(literal(s.subtitle))
            with st.container(key="slide-body"):
                if s.chart is not None:
                    left, right = st.columns([3, 2], gap="large")
                    left.plotly_chart(charts.slide_figure(s.chart, lang, font_size=20), width="stretch",
                                      height="stretch", theme=None, config={"displayModeBar": False},
                                      key=f"slide-chart-{n}")
                    with right:
                        _bullets(s.bullets)
                else:
                    _bullets(s.bullets)
        with st.container(key="slide-nav", horizontal=True, vertical_alignment="center"):
            st.button(i18n.t("present.prev", lang), icon=":material/arrow_back:", shortcut="Left",
                      disabled=n <= 1, on_click=go, args=(-1, total), key="slide-prev")
            st.markdown(f"**{i18n.t('present.counter', lang, n=n, total=total)}**")
            st.button(i18n.t("present.next", lang), icon=":material/arrow_forward:", shortcut="Right",
                      disabled=n >= total, on_click=go, args=(1, total), key="slide-next")
            st.space("stretch")
            st.button(i18n.t("present.exit", lang), icon=":material/close:", shortcut="Esc", on_click=leave,
                      key="slide-exit", type="tertiary")
    # Clickers send PageUp/PageDown; these buttons only carry those keys (hidden by the CSS above).
    with st.container(key="present-keys"):
        st.button("PageUp", shortcut="PageUp", on_click=go, args=(-1, total), key="slide-pgup")
        st.button("PageDown", shortcut="PageDown", on_click=go, args=(1, total), key="slide-pgdn")
