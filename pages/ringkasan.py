"""Ringkasan (overview): who is ahead, who is behind and by how many people, against the target."""

import streamlit as st

from ikd_core import charts, i18n
from ikd_core.compare import table_rows
from ikd_core.overview import overview
from ui.text import literal
from ui.shell import page_context
from ui.widgets import comparison_table, notes_box

ctx = page_context("overview.heading")
lang, snapshot = ctx.lang, ctx.state.snapshot
st.caption(i18n.t("app.caption", lang))

if snapshot is not None:
    view = overview(snapshot, lang)
    if not view.ranking.rows:
        st.info(i18n.t("overview.no_data", lang))
    else:
        for column, kpi in zip(st.columns(len(view.kpis)), view.kpis, strict=True):
            column.metric(literal(kpi.label), kpi.value, help=literal(kpi.help), border=True)
        notes_box(view.ranking.notes)
        name = snapshot.indicators["ikd"].name
        st.plotly_chart(charts.ranking_bars(view.ranking, getattr(name, lang), lang), width="stretch", theme=None,
                        config=charts.PLOTLY_CONFIG)
        st.caption(i18n.t("overview.method", lang))
        st.caption(i18n.t("status.rule", lang, year=view.ranking.rows[0].outlook.deadline.year))
        st.subheader(i18n.t("overview.table_heading", lang))
        comparison_table(table_rows(view.ranking, snapshot, lang), lang)
