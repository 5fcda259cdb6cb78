"""Wilayah (region detail): one region's observations over time, its facts, warnings, parent and children."""

from functools import partial

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.render import charts
from ikd_core.views.region import region_view
from ui.shell import page_context, page_link, shared_params
from ui.text import literal
from ui.urlstate import bound

ctx = page_context("region.heading")


def open_child(key: str, order: list[str]) -> None:
    """A row chosen in the table of regions within: open that region (before the picker is drawn)."""
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["region"] = order[rows[0]]
lang, snapshot = ctx.lang, ctx.snapshot

if snapshot is not None:
    ids = list(snapshot.regions)
    preferred = shared_params().get("regions", ids)[0]
    region_id = st.selectbox(i18n.t("pick.region", lang), ids, index=ids.index(preferred),
                             format_func=lambda r: snapshot.regions[r].name, key=bound("region", None))
    view = region_view(snapshot, region_id, lang)
    st.subheader(literal(view.name))
    st.caption(literal(view.subtitle))
    if view.parent:
        st.markdown(i18n.t("region.parent", lang))
        page_link("wilayah", literal(view.parent[1]), region=view.parent[0])
    st.markdown(f"#### {i18n.t('region.latest', lang)}")
    st.dataframe(pd.DataFrame(view.latest), hide_index=True, width="stretch")
    if view.series:
        st.plotly_chart(charts.region_history(view, lang), width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
    if view.children_table:
        # After the region's own figures, as one compact ranked table (a province has up to 86 cities and
        # regencies: as links they were a column 3.000 px tall); choosing a row opens that region.
        first = getattr(snapshot.dataset.indicators[0].name, lang)
        st.markdown(f"#### {i18n.t('region.children_heading', lang, n=len(view.children_table), indicator=first)}")
        st.caption(i18n.t("region.children_help", lang))
        key = f"children-{region_id}"  # one table per region: a row chosen here is not chosen on the next
        st.dataframe(pd.DataFrame(view.children_table), hide_index=True, width="stretch", key=key,
                     on_select=partial(open_child, key, view.children_order), selection_mode="single-row")
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
