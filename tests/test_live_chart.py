"""Charts that sliders redraw are updated in place (ui/live_chart.py): one keyed element whose figure changes, drawn
by the plotly.js Streamlit draws its own charts with, and st.plotly_chart where that plotly.js cannot be found."""

from __future__ import annotations

import datetime as dt
import json
import logging

from ui import live_chart

from apptest_helpers import figures, open_page
from conftest import ROOT

PUBLISHED = ROOT / "tests" / "fixtures" / "published" / "regions.yaml"


def live_elements(at) -> list:
    return [e for e in at.get("bidi_component") if e.proto.component_name == "ikd_live_chart"]


def test_the_plotly_js_loaded_is_the_one_streamlit_draws_its_own_charts_with() -> None:
    chunk = live_chart.plotly_chunk()
    assert chunk is not None and chunk.startswith("static/js/PlotlyChart.")
    text = (live_chart.FRONTEND / chunk).read_text(encoding="utf-8")
    assert "window.Plotly=" in text  # running the chunk sets the global the element's script reads
    at = open_page("pages/simulasi.py", region="blitar")
    [element] = live_elements(at)
    assert json.loads(element.proto.json)["src"] == "/" + chunk  # under Streamlit's static route


def test_a_streamlit_build_without_that_chunk_gets_st_plotly_chart_with_the_same_figure(tmp_path, monkeypatch,
                                                                                       caplog) -> None:
    live = figures(open_page("pages/simulasi.py", region="blitar"))[0]
    (tmp_path / "static" / "js").mkdir(parents=True)  # another Streamlit build: no such chunk
    monkeypatch.setattr(live_chart, "FRONTEND", tmp_path)
    live_chart.plotly_chunk.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="ui.live_chart"):
            assert live_chart.plotly_chunk() is None
        assert "not found once but 0 times" in caplog.text
        at = open_page("pages/simulasi.py", region="blitar")
    finally:
        live_chart.plotly_chunk.cache_clear()
    assert not live_elements(at)
    assert len(at.get("plotly_chart")) == 1  # the same chart, remounted on each move as before
    del live["layout"]["uirevision"]
    assert figures(at)[0] == live


def test_a_slider_move_updates_the_same_chart_and_keeps_the_viewers_zoom_until_the_region_changes() -> None:
    at = open_page("pages/simulasi.py", region="blitar")
    [before] = live_elements(at)
    first = figures(at)[0]
    at.select_slider(key="mult").set_value(2.0).run()
    [after] = live_elements(at)
    moved = figures(at)[0]
    assert after.proto.id == before.proto.id  # the same element: the browser calls Plotly.react on it
    assert moved["data"] != first["data"]  # with the scenario's new line
    assert moved["layout"]["uirevision"] == first["layout"]["uirevision"]  # zoom and pan kept
    at.selectbox(key="region").set_value("padang").run()
    assert figures(at)[0]["layout"]["uirevision"] != first["layout"]["uirevision"]  # another region: fresh view


def test_proyeksi_keeps_one_chart_in_percent_and_one_in_people_each_updated_in_place(monkeypatch) -> None:
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    at = open_page("pages/proyeksi.py", regions=["kota-a", "kab-d"])
    ids = [e.proto.id for e in live_elements(at)]
    axes = [figure["layout"]["yaxis"]["title"]["text"] for figure in figures(at)]
    assert len(set(ids)) == 2 and "Orang" in axes[1] and "Orang" not in axes[0]  # never one axis for both
    at.date_input(key="deadline").set_value(dt.date(2027, 6, 30)).run()
    assert [e.proto.id for e in live_elements(at)] == ids
    assert "30 Juni 2027" in figures(at)[0]["layout"]["title"]["text"]
