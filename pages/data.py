"""Data & sumber: every observation with its quote and source, and every data-check warning."""

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.tables import observation_rows, source_rows, warning_rows
from ui.shell import page_context

ctx = page_context("data_page.heading")
lang, snapshot = ctx.lang, ctx.state.snapshot

if snapshot is not None:
    st.dataframe(pd.DataFrame(observation_rows(snapshot, lang)), hide_index=True, width="stretch")
    st.subheader(i18n.t("data_page.warnings", lang))
    warnings = warning_rows(snapshot, lang)
    if warnings:
        st.dataframe(pd.DataFrame(warnings), hide_index=True, width="stretch")
    else:
        st.success(i18n.t("data_page.no_warnings", lang))
    st.subheader(i18n.t("data_page.sources", lang))
    st.dataframe(pd.DataFrame(source_rows(snapshot, lang)), hide_index=True, width="stretch")
