"""Bandingkan (compare): chosen regions side by side on one indicator and one metric, fairness stated."""

import streamlit as st

from ikd_core import i18n
from ikd_core.domain.projection import year_end
from ikd_core.views.compare import METRICS, PROJECTABLE, RANKING_LIMIT, compare, window
from ikd_core.views.tables import like_for_like_offer, projected_title
from ui.shell import page_context
from ui.text import literal
from ui.urlstate import bound
from ui.widgets import comparison_table, notes_box, ranking, region_picker

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
        # Every bar at the chosen date: the title says which, not "terbaru". Below 640 px the ranking is a list.
        title = projected_title(view, name, at, lang) if common and metric in PROJECTABLE else None
        ranking(drawn, name, lang, chart_tab, title=title)
        chart_tab.caption(i18n.t("overview.method", lang))
        with table_tab:
            comparison_table(view, snapshot, lang)
