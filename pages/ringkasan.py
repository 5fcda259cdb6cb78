"""Ringkasan (overview): who is ahead, who is behind and by how many people, against the target."""

import streamlit as st

from ikd_core import i18n
from ikd_core.render import charts
from ikd_core.views.compare import RANKING_LIMIT, provinces, window
from ikd_core.views.links import scale
from ikd_core.views.overview import overview
from ui.shell import page_context
from ui.text import literal
from ui.urlstate import bound
from ui.widgets import SEARCH, comparison_table, notes_box
from ui.widgets import ranking as ranking_chart

ctx = page_context("overview.heading")
lang, snapshot = ctx.lang, ctx.snapshot
st.caption(i18n.t("app.caption", lang))

if snapshot is not None:
    view = overview(snapshot, lang)
    if not view.ranking.rows:
        st.info(i18n.t("overview.no_data", lang))
    else:
        for column, kpi in zip(st.columns(len(view.kpis)), view.kpis, strict=True):
            column.metric(literal(kpi.label), kpi.value, help=literal(kpi.help), border=True)
        name = view.indicator_name
        ranking = view.ranking
        if len(ranking.rows) > RANKING_LIMIT:  # national scale: the distribution, then a readable ranking
            st.plotly_chart(charts.distribution(ranking, name, lang), width="stretch", theme=None,
                            config=charts.PLOTLY_CONFIG)
            cols = st.columns([2, 2, 1])
            query = cols[0].text_input(i18n.t("scale.search", lang), key=bound("q", ""))
            chosen = cols[1].multiselect(i18n.t("pick.province", lang), provinces(snapshot), key=bound("province", []),
                                         placeholder=i18n.t("pick.all", lang), **SEARCH)
            top = scale("top")  # the link contract's range
            n = cols[2].number_input(i18n.t("scale.top_n", lang), int(top.low), int(top.high), 10, key=bound("top", 10))
            ranking = window(ranking, lang, query, chosen, int(n))
        notes_box(ranking.notes)
        ranking_chart(ranking, name, lang)
        st.caption(i18n.t("overview.method", lang))
        st.caption(i18n.t("status.rule", lang, year=view.ranking.rows[0].outlook.deadline.year))
        st.subheader(i18n.t("overview.table_heading", lang))
        comparison_table(view.ranking, snapshot, lang)
