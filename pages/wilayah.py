"""Wilayah (region detail): one region's observations over time, its facts, warnings, parent and children."""

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.render import charts
from ikd_core.views.region import region_view
from ui.shell import page_context, page_link, shared_params
from ui.text import literal
from ui.urlstate import bound

ctx = page_context("region.heading")
lang, snapshot = ctx.lang, ctx.snapshot

if snapshot is not None:
    ids = list(snapshot.regions)
    preferred = shared_params().get("regions", ids)[0]
    region_id = st.selectbox(i18n.t("pick.region", lang), ids, index=ids.index(preferred),
                             format_func=lambda r: snapshot.regions[r].name, key=bound("region", None))
    view = region_view(snapshot, region_id, lang)
    st.subheader(literal(view.name))
    st.caption(literal(view.subtitle))
    if view.parent or view.children:
        cols = st.columns(2)
        if view.parent:
            with cols[0]:
                st.markdown(i18n.t("region.parent", lang))
                page_link("wilayah", literal(view.parent[1]), region=view.parent[0])
        if view.children:
            with cols[1]:
                st.markdown(i18n.t("region.children", lang))
                for child_id, child_name in view.children:
                    page_link("wilayah", literal(child_name), region=child_id)
    st.markdown(f"#### {i18n.t('region.latest', lang)}")
    st.dataframe(pd.DataFrame(view.latest), hide_index=True, width="stretch")
    if view.series:
        st.plotly_chart(charts.region_history(view, lang), width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
    st.markdown(f"#### {i18n.t('region.facts', lang)}")
    if view.facts:
        st.dataframe(pd.DataFrame(view.facts), hide_index=True, width="stretch")
    else:
        st.caption(i18n.t("region.no_facts", lang))
    for note in view.notes + view.figure_notes:
        st.info(literal(note), icon=":material/sticky_note_2:")
    st.markdown(f"#### {i18n.t('region.warnings', lang)}")
    for warning in view.warnings:
        st.warning(literal(warning))
    if not view.warnings:
        st.success(i18n.t("region.no_warnings", lang))
