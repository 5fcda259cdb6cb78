"""Ringkasan (overview): each region's latest IKD figure against the target."""

import pandas as pd
import streamlit as st

from ikd_core import charts, i18n
from ikd_core.overview import overview
from ui.shell import page_context

ctx = page_context("overview.heading")
lang, snapshot = ctx.lang, ctx.state.snapshot
st.caption(i18n.t("app.caption", lang))

if snapshot is not None:
    view = overview(snapshot, lang)
    if not view.bars:
        st.info(i18n.t("overview.no_data", lang))
    else:
        if view.notes:
            st.warning("\n".join(f"- {note}" for note in view.notes), icon=":material/info:")
        st.plotly_chart(charts.overview_bars(view, lang), width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
        st.caption(i18n.t("overview.method", lang))
        st.subheader(i18n.t("overview.table_heading", lang))
        st.dataframe(pd.DataFrame(view.rows), hide_index=True, width="stretch")
