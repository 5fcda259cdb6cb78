"""Widgets shared by several pages, each bound to the URL so a copied link reproduces the view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from ikd_core import i18n
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import Lang
from ikd_core.render import charts
from ikd_core.views.compare import RANKING_LIMIT, CompareView, filter_regions, provinces, table_rows
from ikd_core.views.links import LEVELS, Scale, scale
from ikd_core.views.plain import markup
from ikd_core.views.scenario_params import SCALES, defaults, label, labels
from ikd_core.views.tables import TABLE_ROWS, comparison_table_page, page_slice, pages
from ui.style import RANKING_CSS
from ui.text import literal
from ui.urlstate import bound

# A picker's search keeps only the options that contain what was typed, and offers no "Select N matches" row: with
# fuzzy matching and that row, Enter after "ba" added Blitar (b…a) too.
SEARCH: dict = {"filter_mode": "contains", "select_all": False}


@dataclass(frozen=True)
class Picked:
    regions: list[str]
    indicator: str


def indicator_picker(snapshot: Snapshot, lang: Lang, container=st) -> str:
    names = {i.id: getattr(i.name, lang) for i in snapshot.dataset.indicators}
    options = list(names)
    return container.selectbox(i18n.t("pick.indicator", lang), options, format_func=names.get,
                               key=bound("indicator", options[0]))


def region_picker(snapshot: Snapshot, lang: Lang) -> Picked:
    """Level and province filters, a searchable region multiselect, and the indicator."""
    cols = st.columns([1, 1, 2, 1])
    levels = cols[0].multiselect(i18n.t("pick.level", lang), list(LEVELS), format_func=lambda v: i18n.level(v, lang),
                                 key=bound("level", []), placeholder=i18n.t("pick.all", lang), **SEARCH)
    chosen_provinces = cols[1].multiselect(i18n.t("pick.province", lang), provinces(snapshot),
                                           key=bound("province", []), placeholder=i18n.t("pick.all", lang), **SEARCH)
    options = filter_regions(snapshot, levels, chosen_provinces)
    names = snapshot.regions
    if "regions" in st.session_state:  # a region filtered out of the options must not raise
        st.session_state["regions"] = [r for r in st.session_state["regions"] if r in options]
    # Hundreds of chips are unreadable: past RANKING_LIMIT the box starts empty and empty means every region.
    national = len(options) > RANKING_LIMIT
    default = [] if national else options
    picked = cols[2].multiselect(
        i18n.t("pick.regions", lang), options, default=default, key=bound("regions", default),
        format_func=lambda rid: f"{names[rid].name} ({i18n.level(names[rid].level, lang)})",
        placeholder=i18n.t("scale.all_regions" if national else "pick.regions_placeholder", lang), **SEARCH,
    )
    indicator = indicator_picker(snapshot, lang, cols[3])
    return Picked([r for r in picked if r in options] or (options if national else []), indicator)


def table_page(total: int, lang: Lang, key: str, caption: str = "scale.rows_shown") -> int:
    """The page of TABLE_ROWS rows a table shows: past one page, a page number to pick it and a caption saying
    which rows ("Baris 51–100 dari 20.034"); 1 when every row fits."""
    if total <= TABLE_ROWS:
        return 1
    number = st.number_input(i18n.t("scale.page", lang), 1, pages(total, TABLE_ROWS), 1, key=key)
    first, last = page_slice(total, number, TABLE_ROWS)
    st.caption(i18n.t(caption, lang, first=i18n.number(first + 1, lang), last=i18n.number(last, lang),
                      total=i18n.number(total, lang)))
    return int(number)


def comparison_table(view: CompareView, snapshot: Snapshot, lang: Lang) -> None:
    """The table view of a comparison, every row in full (no inner scroll), 50 rows a page at national scale; progress
    towards the target in words with its decimals and marks ('2,5%', '≈100,2%*') beside a bar that carries no
    number of its own (a '%d%%' bar rounded 2,5 to 2)."""
    import pandas as pd

    all_rows = table_rows(view, snapshot, lang)
    shown, _, _ = comparison_table_page(all_rows, view, lang, table_page(len(all_rows), lang, "table_page",
                                                                         "compare.table_rows"))
    progress = i18n.t("col.progress", lang)
    st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch", height="content", column_config={
        progress: st.column_config.ProgressColumn(progress, format=" ", min_value=0, max_value=100)})


def ranking(view: CompareView, indicator_name: str, lang: Lang, container=None, title: str | None = None) -> None:
    """The ranking: the bar chart from 640 px up; below, on a phone, a list whose names, statuses and values wrap
    within the width (the chart's labels took three quarters of a 390 px screen and cut its values). `title`
    replaces the chart's own (Bandingkan's on a common date)."""
    figure = charts.ranking_bars(view, indicator_name, lang)
    if title:
        figure.update_layout(title_text=markup(title))
    with container if container is not None else st.container():
        st.html(RANKING_CSS)
        with st.container(key="ikd_ranking_chart"):
            st.plotly_chart(figure, width="stretch", theme=None, config=charts.PLOTLY_CONFIG)
        with st.container(key="ikd_ranking_list"):
            st.html(charts.ranking_html(view, indicator_name, lang, title))


def notes_box(notes: list[str]) -> None:
    """Comparison caveats (mixed bases, levels, moments) as one box, not a wall of boxes."""
    if notes:
        st.warning("\n".join(f"- {literal(note)}" for note in notes), icon=":material/info:")


def projection_controls(snapshot: Snapshot, lang: Lang) -> dict:
    """Method, window, model, ceiling, band and deadline for the projection page."""
    from ikd_core.domain.pace import METHODS
    from ikd_core.domain.projection import year_end

    # Two rows of three: six in one row cut their labels ("Jumlah angka terakhir", "Pita ketidakpastian") at 1400 px.
    cols = [*st.columns([3, 2, 3]), *st.columns(3)]
    method = cols[0].selectbox(i18n.t("in.method", lang), list(METHODS[:2]),
                               format_func=lambda m: i18n.t(f"pace.{m}", lang), key=bound("method", "last_two"))
    figures = scale("window")  # the ranges and steps are the link contract's: a link can ask for nothing else
    window = cols[1].number_input(i18n.t("in.window", lang), int(figures.low), int(figures.high), 3,
                                  key=bound("window", 3), disabled=method != "least_squares")
    model = cols[2].segmented_control(i18n.t("in.model", lang), ["constant", "saturating"],
                                      format_func=lambda m: i18n.t(f"model.{m}", lang),
                                      default="constant", key=bound("model", "constant")) or "constant"
    ceiling = number_slider(cols[3], i18n.t("in.ceiling", lang), scale("ceiling"), 80,
                            lambda v: i18n.percent(v, lang), disabled=model != "saturating")
    band = number_slider(cols[4], i18n.t("in.band", lang), scale("band"), 30, lambda v: i18n.percent(v, lang))
    deadline = cols[5].date_input(i18n.t("in.deadline", lang), year_end(snapshot.today.year),
                                  key=bound("deadline", year_end(snapshot.today.year)), format="DD/MM/YYYY")
    return {"method": method, "window": int(window), "deadline": deadline,
            "changes": {"model": model, "ceiling_percent": float(ceiling), "band": band / 100}}


def number_slider(container, label: str, steps: Scale, default: float, show, help: str | None = None,
                  disabled: bool = False) -> float:
    """A slider on a link parameter's scale, its labels formatted by babel (Streamlit's own slider format prints
    8000.00)."""
    key = steps.key
    options, default = steps.steps(), steps.snap(default)  # a derived default lands on the scale
    return container.select_slider(label, options, value=default, format_func=show, key=bound(key, default),
                                   help=help, disabled=disabled)


def scenario_sliders(base, setup_result, lang: Lang) -> dict:
    """A slider for every scenario input, by link key; defaults are the region's baseline, kept out of the URL."""
    d = defaults(base, setup_result)
    names = {"mult": "in.multiplier", "points": "in.extra_points", "per_point": "in.per_point",
             "events": "in.outreach", "per_event": "in.per_event", "target": "in.target", "growth": "in.growth"}
    c1, c2, c3 = st.columns(3)
    where = {"mult": c1, "points": c1, "per_point": c1, "events": c2, "per_event": c2, "target": c3, "growth": c3}
    given: dict[str, object] = {}
    for key in ("mult", "points", "per_point", "events", "per_event"):
        given[key] = _scenario_slider(where[key], key, names[key], d, lang)
    given["wdays"] = c2.radio(i18n.t("in.working_days", lang), [5, 6], horizontal=True, key=bound("wdays", d["wdays"]))
    given["target"] = _scenario_slider(c3, "target", names["target"], d, lang)
    deadline = d["deadline"]
    assert isinstance(deadline, dt.date)
    given["deadline"] = c3.date_input(i18n.t("in.deadline", lang), deadline, key=bound("deadline", deadline),
                                      format="DD/MM/YYYY")
    given["growth"] = _scenario_slider(c3, "growth", names["growth"], d, lang)
    earliest = d["start"]
    assert isinstance(earliest, dt.date)
    given["start"] = c2.date_input(i18n.t("in.changes_from", lang), earliest, min_value=earliest,
                                   key=bound("start", earliest), format="DD/MM/YYYY",
                                   help=i18n.t("in.changes_from_help", lang))
    return given


def _scenario_slider(container, key: str, name: str, d: dict, lang: Lang) -> float:
    slider = SCALES[key]
    help = i18n.t("in.per_point_help", lang) if key == "per_point" else None
    table = labels(key, lang)
    return number_slider(container, i18n.t(name, lang), slider, float(d[key]),
                         lambda v: table.get(v) or label(key, v, lang), help=help)
