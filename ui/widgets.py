"""Widgets shared by several pages, each bound to the URL so a copied link reproduces the view."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ikd_core import i18n
from ikd_core.compare import filter_regions, provinces
from ikd_core.i18n import Lang
from ikd_core.selection import LEVELS
from ikd_core.snapshot import Snapshot
from ui.text import literal
from ui.urlstate import bound


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
                                 key=bound("level", []), placeholder=i18n.t("pick.all", lang))
    chosen_provinces = cols[1].multiselect(i18n.t("pick.province", lang), provinces(snapshot),
                                           key=bound("province", []), placeholder=i18n.t("pick.all", lang))
    options = filter_regions(snapshot, levels, chosen_provinces)
    names = snapshot.regions
    if "regions" in st.session_state:  # a region filtered out of the options must not raise
        st.session_state["regions"] = [r for r in st.session_state["regions"] if r in options]
    picked = cols[2].multiselect(
        i18n.t("pick.regions", lang), options, default=options, key=bound("regions", options),
        format_func=lambda rid: f"{names[rid].name} ({i18n.level(names[rid].level, lang)})",
        placeholder=i18n.t("pick.regions_placeholder", lang),
    )
    indicator = indicator_picker(snapshot, lang, cols[3])
    return Picked([r for r in picked if r in options], indicator)


def comparison_table(rows: list[dict[str, object]], lang: Lang) -> None:
    """The table view of a comparison, with progress towards the target as a bar."""
    import pandas as pd

    progress = i18n.t("col.progress", lang)
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, width="stretch",
        # An integer percent on the bar needs no decimal mark; the exact figure is in the Persen column.
        column_config={progress: st.column_config.ProgressColumn(progress, format="%d%%", min_value=0,
                                                                 max_value=100)},
    )


def notes_box(notes: list[str]) -> None:
    """Comparison caveats (mixed bases, levels, moments) as one box, not a wall of boxes."""
    if notes:
        st.warning("\n".join(f"- {literal(note)}" for note in notes), icon=":material/info:")


def projection_controls(snapshot: Snapshot, lang: Lang) -> dict:
    """Method, window, model, ceiling, band and deadline for the projection page."""
    from ikd_core.pace import METHODS
    from ikd_core.projection import year_end

    cols = st.columns([2, 1, 2, 2, 2, 2])
    method = cols[0].selectbox(i18n.t("in.method", lang), list(METHODS[:2]),
                               format_func=lambda m: i18n.t(f"pace.{m}", lang), key=bound("method", "last_two"))
    window = cols[1].number_input(i18n.t("in.window", lang), 2, 24, 3, key=bound("window", 3),
                                  disabled=method != "least_squares")
    model = cols[2].segmented_control(i18n.t("in.model", lang), ["constant", "saturating"],
                                      format_func=lambda m: i18n.t(f"model.{m}", lang),
                                      default="constant", key=bound("model", "constant")) or "constant"
    ceiling = number_slider(cols[3], i18n.t("in.ceiling", lang), 5, 100, 5, 80, "ceiling",
                            lambda v: i18n.percent(v, lang), disabled=model != "saturating")
    band = number_slider(cols[4], i18n.t("in.band", lang), 0, 90, 5, 30, "band", lambda v: i18n.percent(v, lang))
    deadline = cols[5].date_input(i18n.t("in.deadline", lang), year_end(snapshot.today.year),
                                  key=bound("deadline", year_end(snapshot.today.year)), format="DD/MM/YYYY")
    return {"method": method, "window": int(window), "deadline": deadline,
            "changes": {"model": model, "ceiling_percent": float(ceiling), "band": band / 100}}


def _steps(low: float, high: float, step: float) -> list[float]:
    return [round(low + k * step, 6) for k in range(int(round((high - low) / step)) + 1)]


def number_slider(container, label: str, low: float, high: float, step: float, default: float, key: str,
                  show, help: str | None = None, disabled: bool = False) -> float:
    """A slider whose labels are formatted by babel (Streamlit's own slider format prints 8000.00)."""
    options = _steps(low, high, step)
    default = min(options, key=lambda v: abs(v - default))  # snap a derived default onto the scale
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = min(options, key=lambda v: abs(v - float(st.session_state[key])))
    return container.select_slider(label, options, value=default, format_func=show, key=bound(key, default),
                                   help=help, disabled=disabled)


def scenario_sliders(base, setup_result, lang: Lang) -> dict:
    """A slider for every scenario input; defaults are the region's baseline, kept out of the URL."""
    from ikd_core.scenario import Scenario

    s: Scenario = base
    start = setup_result.start
    # Today's activations per existing service point per working day, when both are known: a derived default.
    per_point = 0.0
    if start.service_points and setup_result.people_per_day:
        per_point = setup_result.people_per_day * 7 / s.working_days_per_week / start.service_points
    num = lambda decimals=0: (lambda v: i18n.number(v, lang, decimals))  # noqa: E731
    c1, c2, c3 = st.columns(3)
    mult = number_slider(c1, i18n.t("in.multiplier", lang), 0, 5, 0.1, 1.0, "mult",
                         lambda v: f"{i18n.number(v, lang, 1)}×")
    points = number_slider(c1, i18n.t("in.extra_points", lang), 0, 200, 1, 0, "points", num())
    per = number_slider(c1, i18n.t("in.per_point", lang), 0, 500, 0.5, per_point, "per_point", num(1),
                        help=i18n.t("in.per_point_help", lang))
    events = number_slider(c2, i18n.t("in.outreach", lang), 0, 21, 1, 0, "events", num())
    per_event = number_slider(c2, i18n.t("in.per_event", lang), 0, 2000, 10, 0, "per_event", num())
    wdays = c2.radio(i18n.t("in.working_days", lang), [5, 6], horizontal=True, key=bound("wdays", 5))
    target = number_slider(c3, i18n.t("in.target", lang), 1, 100, 1, s.target_percent, "target",
                           lambda v: i18n.percent(v, lang))
    deadline = c3.date_input(i18n.t("in.deadline", lang), s.deadline, key=bound("deadline", s.deadline),
                             format="DD/MM/YYYY")
    growth = number_slider(c3, i18n.t("in.growth", lang), 0, 100_000, 500, s.growth_per_year, "growth", num())
    return {"pace_multiplier": mult, "extra_points": int(points), "per_point_per_working_day": per,
            "outreach_per_week": events, "per_outreach_event": per_event, "working_days_per_week": wdays,
            "target_percent": target, "deadline": deadline, "growth_per_year": growth}
