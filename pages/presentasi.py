"""Presentasi: the Rakorda deck from the current selection, shown full screen, or downloaded to share."""

import streamlit as st

from ikd_core import i18n
from ikd_core.render.deck import build_deck
from ikd_core.render.exports import FORMATS, export_bytes, file_name
from ikd_core.views import links
from ikd_core.views.compare import RANKING_LIMIT
from ikd_core.views.scenario_params import KEYS as SCENARIO_KEYS
from ui.presenter import show_slide
from ui.shell import page_context, page_link
from ui.text import literal
from ui.urlstate import bound, shared_now
from ui.widgets import SEARCH, indicator_picker

# A phone (under 640 px) cannot hold a 16:9 slide of 24 px text (the box would be 390 × 219 px): there the slide
# becomes a page that scrolls, its text sized for the hand, and its chart laid out 1,67 times as wide and shown at
# 0,6 (CSS zoom), so its 24 px presenter text reads as 14 px and its labels stay inside the width. The zoomed box
# still counts its unzoomed width for scrolling (the page scrolled 227 px sideways onto nothing): the slide clips
# it. Placed after the presenter's own style, so it wins where both apply.
PHONE_CSS = """
<style>
@media (max-width: 640px) {
  html, body, [data-testid="stApp"], [data-testid="stMain"] { overflow: auto !important; }
  .st-key-slide { width: 100vw !important; height: auto !important; min-height: 100vh; overflow-x: clip;
    overflow-y: visible; padding: 12px 14px !important; font-size: 18px; }
  .st-key-slide p, .st-key-slide li { font-size: 18px !important; }
  .st-key-slide h1, .st-key-slide-title-only h1 { font-size: 26px !important; line-height: 1.2 !important; }
  .st-key-slide h1 * { font-size: inherit !important; line-height: inherit !important; }
  .st-key-slide-sub p { font-size: 16px !important; }
  .st-key-slide > div, .st-key-slide-title-only > div { flex-shrink: 0 !important; }
  .st-key-slide-body { height: auto !important; overflow: visible; display: flow-root; }
  .st-key-slide-body [data-testid="stColumn"] > div > [data-testid="stElementContainer"]:has(.js-plotly-plot) {
    zoom: 0.6; width: 166.67% !important; max-width: none !important; margin-bottom: -400px; }
  /* plotly takes its height from the zoomed box as seen (1.000 × 0,6 = 600 px, drawn at 0,6: 360 px on screen);
     the negative margin gives back the 240 px the box would leave empty under it */
  .st-key-slide-body [data-testid="stPlotlyChart"] { height: 1000px !important; }
  .st-key-slide [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
  .st-key-slide-nav { flex-wrap: wrap; }
  .st-key-slide-nav button, .st-key-slide-nav p { font-size: 16px !important; }
}
</style>
"""
# What a deck reads besides the shared regions and indicator: the projection and scenario inputs a link carries.
DECK_KEYS = ("region", "method", "window", *SCENARIO_KEYS)
presenting = st.session_state.get("slide") is not None
ctx = page_context("present.heading", heading=not presenting)
lang, snapshot = ctx.lang, ctx.snapshot


def go(delta: int, total: int) -> None:
    st.session_state["slide"] = min(max(1, (st.session_state.get("slide") or 1) + delta), total)


def leave() -> None:
    st.session_state["slide"] = None


def params() -> dict[str, object]:
    """The selection as the widgets hold it now, else as the link gave it."""
    url = {k: st.query_params.get_all(k) for k in st.query_params}
    return links.typed({**url, **shared_now(),
                            **{k: [str(st.session_state[k])] for k in DECK_KEYS
                               if st.session_state.get(k) is not None}})


if snapshot is not None:
    bound("slide", None)
    link = links.typed({k: st.query_params.get_all(k) for k in st.query_params})
    for key in DECK_KEYS:  # carried through this page's URL untouched, so every slide's link keeps the scenario
        if presenting and st.session_state.get(key) is None and key in link:
            st.session_state[key] = link[key]
        bound(key, None)
    if not presenting:
        cols = st.columns([3, 1, 2])
        ids = list(snapshot.regions)
        national = len(ids) > RANKING_LIMIT  # hundreds of chips are unreadable: empty means every region
        default = [] if national else ids
        cols[0].multiselect(i18n.t("pick.regions", lang), ids, default=default, key=bound("regions", default),
                            format_func=lambda r: snapshot.regions[r].name,
                            placeholder=i18n.t("scale.all_regions" if national else "pick.regions_placeholder", lang),
                            **SEARCH)
        indicator_picker(snapshot, lang, cols[1])
        cols[2].selectbox(i18n.t("present.scenario_region", lang), [None, *ids],
                          format_func=lambda r: snapshot.regions[r].name if r else "—", key="region")
    chosen = params()
    deck = build_deck(snapshot, chosen, lang)
    if presenting:
        show_slide(deck, min(int(st.session_state["slide"]), len(deck.slides)), lang, go, leave)
        st.html(PHONE_CSS)
    else:
        st.caption(i18n.t("present.help", lang))
        st.button(i18n.t("present.start", lang), type="primary", icon=":material/slideshow:", on_click=go,
                  args=(0, len(deck.slides)))
        page_link("simulasi", i18n.t("present.edit_scenario", lang),
                  **{k: str(v) for k, v in chosen.items() if k in DECK_KEYS})
        st.subheader(i18n.t("present.slides", lang, n=len(deck.slides)))
        st.markdown("\n".join(f"{n}. {literal(s.title)}" for n, s in enumerate(deck.slides, start=1)))
        st.subheader(i18n.t("present.downloads", lang))
        # Two a row: four in one row cut "Ringkasan HTML (satu berkas)" to "Ringkasan HTML (satu…" at 1280 px.
        cells = [cell for _ in range(0, len(FORMATS), 2) for cell in st.columns(2)][:len(FORMATS)]
        for col, fmt in zip(cells, FORMATS, strict=True):
            # Built when clicked, not on every rerun: the HTML embeds plotly.js (4,6 MB).
            col.download_button(i18n.t(f"present.download_{fmt}", lang),
                                lambda fmt=fmt: export_bytes(snapshot, chosen, lang, fmt),
                                file_name(fmt, snapshot.today), FORMATS[fmt][1], icon=":material/download:",
                                on_click="ignore", key=f"download-{fmt}")
        st.caption(i18n.t("present.cli", lang))
        # Plain text: bash syntax colours were 2,7–3,9:1 on the grey box.
        st.code(links.cli_command(chosen, "pptx", file_name("pptx", snapshot.today), lang), language=None)
