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
from ui.widgets import indicator_picker

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
                            placeholder=i18n.t("scale.all_regions" if national else "pick.regions_placeholder", lang))
        indicator_picker(snapshot, lang, cols[1])
        cols[2].selectbox(i18n.t("present.scenario_region", lang), [None, *ids],
                          format_func=lambda r: snapshot.regions[r].name if r else "—", key="region")
    chosen = params()
    deck = build_deck(snapshot, chosen, lang)
    if presenting:
        show_slide(deck, min(int(st.session_state["slide"]), len(deck.slides)), lang, go, leave)
    else:
        st.caption(i18n.t("present.help", lang))
        st.button(i18n.t("present.start", lang), type="primary", icon=":material/slideshow:", on_click=go,
                  args=(0, len(deck.slides)))
        page_link("simulasi", i18n.t("present.edit_scenario", lang),
                  **{k: str(v) for k, v in chosen.items() if k in DECK_KEYS})
        st.subheader(i18n.t("present.slides", lang, n=len(deck.slides)))
        st.markdown("\n".join(f"{n}. {literal(s.title)}" for n, s in enumerate(deck.slides, start=1)))
        st.subheader(i18n.t("present.downloads", lang))
        row = st.columns(len(FORMATS))
        for col, fmt in zip(row, FORMATS, strict=True):
            # Built when clicked, not on every rerun: the HTML embeds plotly.js (4,6 MB).
            col.download_button(i18n.t(f"present.download_{fmt}", lang),
                                lambda fmt=fmt: export_bytes(snapshot, chosen, lang, fmt),
                                file_name(fmt, snapshot.today), FORMATS[fmt][1], icon=":material/download:",
                                on_click="ignore", key=f"download-{fmt}")
        st.caption(i18n.t("present.cli", lang))
        st.code(links.cli_command(chosen, "pptx", file_name("pptx", snapshot.today), lang), language="bash")
