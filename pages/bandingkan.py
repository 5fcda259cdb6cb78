"""Bandingkan (compare): chosen regions side by side on one indicator and one metric, fairness stated."""

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.domain.projection import year_end
from ikd_core.render import charts
from ikd_core.views.compare import METRICS, PROJECTABLE, RANKING_LIMIT, compare, table_rows, window
from ikd_core.views.plain import markup
from ikd_core.views.tables import TABLE_ROWS, comparison_table_page, like_for_like_offer, pages, projected_title
from ui.shell import page_context
from ui.text import literal
from ui.urlstate import bound
from ui.widgets import notes_box, region_picker

ctx = page_context("compare.heading")
lang, snapshot = ctx.lang, ctx.snapshot


def limit_to(region_ids: tuple[str, ...]) -> None:
    st.session_state["regions"] = list(region_ids)


if snapshot is not None:
    picked = region_picker(snapshot, lang)
    metric = st.segmented_control(
        i18n.t("pick.metric", lang), list(METRICS), format_func=lambda m: i18n.t(f"metric.{m}", lang),
        default="percent", key=bound("metric", "percent"),
    ) or "percent"
    common_cols = st.columns([2, 1])
    common = common_cols[0].toggle(i18n.t("compare.common", lang), key=bound("common", False),
                                   help=i18n.t("compare.common_help", lang), disabled=metric not in PROJECTABLE)
    at = common_cols[1].date_input(i18n.t("compare.at", lang), year_end(snapshot.today.year), format="DD/MM/YYYY",
                                   key=bound("at", year_end(snapshot.today.year)), disabled=not common)
    view = compare(snapshot, lang, picked.regions, picked.indicator, metric,
                   project_to=at if common and metric in PROJECTABLE else None)
    notes_box(view.notes)
    if (offer := like_for_like_offer(view, lang)) is not None:
        st.button(literal(offer[0]), help=literal(offer[1]), on_click=limit_to, args=(view.like_for_like,),
                  icon=":material/filter_alt:")
    if not view.rows:
        st.info(i18n.t("compare.empty", lang))
    else:
        chart_tab, table_tab = st.tabs([i18n.t("compare.tab_chart", lang), i18n.t("compare.tab_table", lang)])
        name = getattr(snapshot.indicators[picked.indicator].name, lang)
        drawn = window(view, lang) if len(view.rows) > RANKING_LIMIT else view
        if drawn is not view:
            chart_tab.caption(drawn.notes[0])
        figure = charts.ranking_bars(drawn, name, lang)
        if common and metric in PROJECTABLE:  # every bar is at the chosen date: the title says which, not "terbaru"
            figure.update_layout(title_text=markup(projected_title(view, name, at, lang)))
        chart_tab.plotly_chart(figure, width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
        chart_tab.caption(i18n.t("overview.method", lang))
        with table_tab:
            all_rows = table_rows(view, snapshot, lang)
            if len(all_rows) > TABLE_ROWS:  # a national comparison: a page of rows at a time, each page in full
                number = st.number_input(i18n.t("scale.page", lang), 1, pages(len(all_rows), TABLE_ROWS), 1,
                                         key="table_page")
            else:
                number = 1
            shown, first, last = comparison_table_page(all_rows, view, lang, number)
            if len(all_rows) > TABLE_ROWS:
                st.caption(i18n.t("compare.table_rows", lang, first=i18n.number(first + 1, lang),
                                  last=i18n.number(last, lang), total=i18n.number(len(all_rows), lang)))
            progress = i18n.t("col.progress", lang)
            st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch", height="content", column_config={
                # The bar only: its figure, with decimals and marks, is in the column before it.
                progress: st.column_config.ProgressColumn(progress, format=" ", min_value=0, max_value=100)})
