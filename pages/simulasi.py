"""Simulasi: what would it take? Sliders drive a scenario, shown beside the region as it is."""

import pandas as pd
import streamlit as st

from ikd_core import i18n
from ikd_core.render import charts
from ikd_core.views.scenario_params import KEYS as SCENARIO_KEYS
from ikd_core.views.whatif import comparison_table, headline, no_projection, numbers, region_scenario, what_if
from ui.live_chart import live_chart
from ui.shell import page_context, page_link, shared_params
from ui.text import literal
from ui.urlstate import bound, link_values, start_fragment, write_url
from ui.widgets import indicator_picker, scenario_sliders

ctx = page_context("sim.heading")
lang, snapshot = ctx.lang, ctx.snapshot
KEPT = "kept_scenarios"


@st.fragment
def scenario_panel(region_id: str, indicator: str) -> None:
    """Only this part reruns when a slider moves."""
    start_fragment()
    base = region_scenario(snapshot, region_id, indicator, lang)
    given = scenario_sliders(base.baseline, base.result, lang)
    setup = what_if(snapshot, base, given, lang)
    if setup.result.start.base is None and setup.result.unit == "percent":
        st.caption(i18n.t("sim.no_base", lang))
    left, right = st.columns(2)
    for column, title, result in ((left, "sim.baseline", setup.result), (right, "sim.scenario", setup.line.result)):
        with column:
            st.markdown(f"#### {i18n.t(title, lang)}")
            label, value, band = headline(result, lang)
            column.metric(label, value, border=True)
            st.caption(band)
            rows = [row for key, row in numbers(result, lang).items() if key != "projected"]
            st.table(pd.DataFrame(rows, columns=[i18n.t("col.item", lang), i18n.t("col.value", lang)]).set_index(
                i18n.t("col.item", lang)))
    title = i18n.t("sim.chart_title", lang, region=setup.name)
    live_chart(charts.projection_spec(setup.side_by_side(lang), lang, title), key="sim_chart", lang=lang,
               view=f"{region_id}/{indicator}")
    st.caption(literal(setup.line.method))
    kept = st.session_state.setdefault(KEPT, [])
    b1, b2 = st.columns(2)
    # Callbacks, not return values: they run before the rerun, so a click is never lost.
    b1.button(i18n.t("sim.keep", lang), disabled=len(kept) >= 3, icon=":material/bookmark_add:",
              on_click=kept.append, args=((region_id, indicator, dict(given)),))
    b2.button(i18n.t("sim.clear", lang), disabled=not kept, icon=":material/delete:", on_click=kept.clear)
    if len(kept) >= 3:
        st.caption(i18n.t("sim.kept_full", lang))
    named = [(i18n.t("sim.baseline", lang), setup.result), (i18n.t("sim.scenario", lang), setup.line.result)]
    for n, (rid, ind, values) in enumerate(kept, start=1):
        if (kept_base := region_scenario(snapshot, rid, ind, lang)) is None:
            continue  # the data file changed under it: that region has no projection now
        other = what_if(snapshot, kept_base, values, lang)
        named.append((f"{i18n.t('sim.kept_name', lang, n=n)} · {other.name}", other.line.result))
    st.markdown(f"#### {i18n.t('sim.table', lang)}")
    st.dataframe(pd.DataFrame(comparison_table(named, lang)), hide_index=True, width="stretch")
    page_link("presentasi", i18n.t("present.present_this", lang), region=region_id, **link_values(SCENARIO_KEYS))
    write_url(only=True)


if snapshot is not None:
    ids = list(snapshot.regions)
    preferred = shared_params().get("regions", ids)[0]
    cols = st.columns([3, 1])
    region_id = cols[0].selectbox(i18n.t("pick.region", lang), ids, index=ids.index(preferred),
                                  format_func=lambda r: snapshot.regions[r].name, key=bound("region", None))
    indicator = indicator_picker(snapshot, lang, cols[1])
    if region_scenario(snapshot, region_id, indicator, lang) is None:
        st.info(literal(no_projection(snapshot, region_id, indicator, lang)))
    else:
        scenario_panel(region_id, indicator)
