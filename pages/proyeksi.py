"""Proyeksi: will the chosen regions reach the target by the deadline, at their current pace?"""

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.render import charts
from ikd_core.views.whatif import by_unit, mixed_bases, projections, results_table
from ui.live_chart import live_chart
from ui.shell import page_context
from ui.text import literal
from ui.urlstate import bound
from ui.widgets import SEARCH, indicator_picker, projection_controls

ctx = page_context("projection.heading")
lang, snapshot = ctx.lang, ctx.snapshot

if snapshot is not None:
    ids = list(snapshot.regions)
    cols = st.columns([3, 1])
    regions = cols[0].multiselect(i18n.t("pick.regions", lang), ids, default=ids[:2], key=bound("regions", ids[:2]),
                                  format_func=lambda r: snapshot.regions[r].name, **SEARCH)
    indicator = indicator_picker(snapshot, lang, cols[1])
    controls = projection_controls(snapshot, lang)
    setups, missing = projections(snapshot, regions, indicator, lang, controls["deadline"], controls["method"],
                                  controls["window"], **controls["changes"])
    for reason in missing:
        st.info(literal(reason))
    if not setups and not missing:
        st.info(i18n.t("projection.empty", lang))
    if setups:
        if mixed_bases(setups):
            st.caption(i18n.t("projection.mixed", lang))
        title = i18n.t("projection.chart_title", lang, indicator=getattr(snapshot.indicators[indicator].name, lang),
                       date=i18n.date_of(controls["deadline"], lang))
        for group in by_unit(setups):
            live_chart(charts.projection_spec([s.line for s in group], lang, title), f"projection_{group[0].line.unit}",
                       lang, view="/".join([indicator, *regions]))
        st.subheader(i18n.t("projection.results", lang))
        st.dataframe(pd.DataFrame(results_table(setups, lang)), width="stretch")
        for s in setups:
            st.markdown(f"**{literal(s.name)}.** {literal(s.line.method)}")
