"""Data & sumber: every observation with its provenance, every warning with its line, and downloads."""

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.domain import clock
from ikd_core.domain.store import preview, too_large
from ikd_core.render.exports import observations_file, selected_metrics
from ikd_core.views.tables import PAGE_ROWS, TABLE_ROWS, observation_rows, page_slice, pages, source_rows, warning_rows
from ui.shell import PREVIEW, page_context
from ui.urlstate import bound
from ui.widgets import SEARCH, table_page

ctx = page_context("data_page.heading")
lang, snapshot = ctx.lang, ctx.state.snapshot

if snapshot is not None:
    names = {i.id: getattr(i.name, lang) for i in snapshot.dataset.indicators}
    cols = st.columns([2, 2, 3])
    regions = cols[0].multiselect(i18n.t("pick.regions", lang), list(snapshot.regions), key=bound("regions", []),
                                  format_func=lambda r: snapshot.regions[r].name, placeholder=i18n.t("pick.all", lang),
                                  **SEARCH)
    indicators = cols[1].multiselect(i18n.t("data_page.filter_indicators", lang), list(names),
                                     format_func=names.get, key=bound("indicators", []),
                                     placeholder=i18n.t("pick.all", lang), **SEARCH)
    query = cols[2].text_input(i18n.t("data_page.filter_query", lang), key=bound("q", ""))
    chosen = selected_metrics(snapshot, regions, indicators, query)
    st.caption(i18n.t("data_page.count", lang, shown=len(chosen), total=len(snapshot.metrics)))
    first, last = page_slice(len(chosen), st.session_state.get("page", 1))
    if len(chosen) > PAGE_ROWS:  # a national file: one page of rows at a time, formatted only when shown
        cols = st.columns([1, 4])
        if "page" in st.session_state:  # fewer pages after a filter: stay on the last one
            st.session_state["page"] = page_slice(len(chosen), st.session_state["page"])[0] // PAGE_ROWS + 1
        cols[0].number_input(i18n.t("scale.page", lang), 1, pages(len(chosen)), 1, key=bound("page", 1))
        first, last = page_slice(len(chosen), st.session_state["page"])
        cols[1].caption(i18n.t("scale.rows_shown", lang, first=i18n.number(first + 1, lang),
                               last=i18n.number(last, lang), total=i18n.number(len(chosen), lang)))
    st.dataframe(pd.DataFrame(observation_rows(snapshot, lang, chosen[first:last])), hide_index=True, width="stretch")

    warnings, sources = warning_rows(snapshot, lang), source_rows(snapshot, lang)
    # Built when clicked: a national file's Excel takes seconds, and most reruns download nothing.
    down = st.columns(2)
    down[0].download_button(i18n.t("data_page.download_csv", lang),
                            lambda: observations_file(snapshot, lang, chosen, "csv"), "ikd-observasi.csv",
                            "text/csv", icon=":material/download:", on_click="ignore")
    down[1].download_button(
        i18n.t("data_page.download_xlsx", lang), lambda: observations_file(snapshot, lang, chosen, "xlsx"),
        "ikd-observasi.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", on_click="ignore",
    )
    st.subheader(i18n.t("data_page.warnings", lang))
    if warnings:  # every row in view, TABLE_ROWS a page: a national file's thousands, sent whole, were 5,4 MB a visit
        start, end = page_slice(len(warnings), table_page(len(warnings), lang, "warnings_page"), TABLE_ROWS)
        st.dataframe(pd.DataFrame(warnings[start:end]), hide_index=True, width="stretch", height="content")
    else:
        st.success(i18n.t("data_page.no_warnings", lang))
    st.subheader(i18n.t("data_page.sources", lang))
    st.dataframe(pd.DataFrame(sources), hide_index=True, width="stretch")
    with st.expander(i18n.t("data_page.edit_heading", lang)):
        st.markdown(i18n.t("data_page.edit_note", lang))

st.subheader(i18n.t("preview.heading", lang))
st.caption(i18n.t("preview.help", lang))
upload = st.file_uploader(i18n.t("preview.upload", lang), type=["yaml", "yml"], max_upload_size=2,
                          key="draft_upload", help=i18n.t("preview.upload_help", lang))


def open_preview() -> None:
    draft = st.session_state.get("draft_upload")
    if draft is not None:
        # The size is checked before the bytes are read (the server also refuses bodies over server.maxUploadSize).
        st.session_state[PREVIEW] = (too_large(draft.name, draft.size)
                                     or preview(draft.getvalue(), draft.name, clock.today()))


st.button(i18n.t("preview.open", lang), icon=":material/preview:", disabled=upload is None, on_click=open_preview)
