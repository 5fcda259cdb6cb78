"""Charts that sliders redraw are updated in place (ui/live_chart.py): one keyed element whose figure changes, the
plotly.js it loads put under static/ from the plotly package, and st.plotly_chart where that cannot be done."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import plotly
import pytest

from ui import live_chart

from apptest_helpers import figures, open_page
from conftest import ROOT

PUBLISHED = ROOT / "tests" / "fixtures" / "published" / "regions.yaml"
SHIPPED = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@pytest.fixture
def static(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(live_chart, "STATIC", tmp_path / "static")
    live_chart.vendored_plotly.cache_clear()
    yield tmp_path / "static"
    live_chart.vendored_plotly.cache_clear()


def live_elements(at) -> list:
    return [e for e in at.get("bidi_component") if e.proto.component_name == "ikd_live_chart"]


def test_the_plotly_package_s_own_plotly_js_is_put_where_streamlit_serves_it(static) -> None:
    assert live_chart.vendored_plotly()
    copy = static / live_chart.VENDORED
    assert copy.read_bytes() == SHIPPED.read_bytes()
    assert copy.stat().st_mode & 0o044 == 0o044  # readable by a server running as another user
    assert not list(copy.parent.glob("*.part"))  # nothing half-written left beside it


def test_a_cut_copy_from_an_interrupted_start_is_replaced(static) -> None:
    copy = static / live_chart.VENDORED
    copy.parent.mkdir(parents=True)
    copy.write_bytes(SHIPPED.read_bytes()[:1000])
    assert live_chart.vendored_plotly()
    assert copy.stat().st_size == SHIPPED.stat().st_size


def test_where_plotly_js_cannot_be_written_the_charts_are_drawn_by_st_plotly_chart(static, monkeypatch,
                                                                                   caplog) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")  # a read-only install (the tests run as root)

    live = figures(open_page("pages/simulasi.py", region="blitar"))[0]
    live_chart.vendored_plotly.cache_clear()
    (static / live_chart.VENDORED).unlink()
    monkeypatch.setattr(os, "replace", refuse)
    with caplog.at_level(logging.WARNING, logger="ui.live_chart"):
        assert not live_chart.vendored_plotly()
    assert "Permission denied" in caplog.text
    at = open_page("pages/simulasi.py", region="blitar")
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
