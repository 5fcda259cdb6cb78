"""Widgets shared by several pages, each bound to the URL so a copied link reproduces the view."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ikd_core import i18n
from ikd_core.compare import filter_regions, provinces
from ikd_core.i18n import Lang
from ikd_core.selection import LEVELS
from ikd_core.snapshot import Snapshot
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
        st.warning("\n".join(f"- {note}" for note in notes), icon=":material/info:")
