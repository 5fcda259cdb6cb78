"""The charts redrawn on every rerun, built as plain specs without plotly's per-call validation: every kind of spec
is validated here. Also the Simulasi sliders' labels and the per-version memos of the hot paths."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from ikd_core import charts, i18n
from ikd_core.compare import compare, table_rows, window
from ikd_core.loading import load_path
from ikd_core.overview import overview
from ikd_core.scenario_params import SCALES, label, labels
from ikd_core.snapshot import build
from ikd_core.whatif import region_scenario

from conftest import DATA, TODAY


@pytest.fixture(scope="module")
def snap():
    return build(load_path(DATA, today=TODAY), TODAY)


def names(spec: dict) -> list[str]:
    return [t["name"] for t in spec["data"] if t.get("showlegend", True)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_simulasi_chart_is_a_valid_plotly_figure_for_every_region(snap, lang):
    # projection_chart skips plotly's validation per rerun; this is where the spec is validated.
    for rid in snap.regions:
        setup = region_scenario(snap, rid, "ikd", lang, None, pace_multiplier=2.0)
        if setup is None:
            continue
        spec = charts.projection_spec(setup.side_by_side(lang), lang, "t")
        go.Figure(spec)  # raises on any property plotly does not know or a value of the wrong kind
        several = charts.projection_spec([setup.line, region_scenario(snap, "blitar", "ikd", lang).line], lang, "t")
        go.Figure(several)


def test_side_by_side_draws_the_observations_once_under_the_region_name(snap):
    setup = region_scenario(snap, "blitar", "ikd", "id", None, pace_multiplier=2.0)
    spec = charts.projection_spec(setup.side_by_side("id"), "id", "Blitar")
    markers = [t for t in spec["data"] if t["mode"] == "markers"]
    assert [t["name"] for t in markers] == ["Blitar: data"]
    assert markers[0]["y"] == setup.line.observed_percents and markers[0]["hovertext"] == setup.line.observed_hovers
    assert names(spec) == ["Kondisi sekarang: pita proyeksi", "Kondisi sekarang: proyeksi",
                           "Kondisi sekarang: laju yang dibutuhkan", "Skenario: pita proyeksi", "Skenario: proyeksi",
                           "Blitar: data"]
    # Two legend groups, so the legend lays out a column for each and hiding one line keeps the other.
    groups = {t["name"]: t["legendgroup"] for t in spec["data"] if t.get("showlegend", True)}
    assert len(set(groups.values())) == 2
    assert groups["Blitar: data"] == groups["Skenario: proyeksi"] != groups["Kondisi sekarang: proyeksi"]


def test_a_scenario_with_its_own_target_or_deadline_gets_its_own_required_pace_line(snap):
    same = region_scenario(snap, "blitar", "ikd", "id", None, pace_multiplier=2.0)
    other = region_scenario(snap, "blitar", "ikd", "id", dt.date(2027, 6, 30), target_percent=25.0)
    required = lambda s: [t for t in charts.projection_spec(s.side_by_side("id"), "id", "t")["data"]  # noqa: E731
                          if t.get("name", "").endswith("laju yang dibutuhkan")]
    assert len(required(same)) == 1
    lines = required(other)
    assert len(lines) == 2 and lines[1]["x"][1] == dt.date(2027, 6, 30) and lines[1]["y"][1] == 25.0


def test_the_chart_marks_target_and_deadline_as_add_hline_and_add_vline_would(snap):
    setup = region_scenario(snap, "blitar", "ikd", "en", dt.date(2027, 3, 31))
    spec = charts.projection_spec(setup.side_by_side("en"), "en", "t")
    target, deadline = spec["layout"]["shapes"]
    assert (target["xref"], target["y0"], target["y1"]) == ("x domain", 30.0, 30.0)
    end = dt.date(2027, 3, 31)
    assert (deadline["yref"], deadline["x0"], deadline["x1"]) == ("y domain", end, end)
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert texts == ["Target 30%", f"deadline {i18n.date_of(dt.date(2027, 3, 31), 'en')}"]


def test_the_figure_keeps_the_spec_it_was_built_from(snap):
    setup = region_scenario(snap, "padang", "ikd", "id")
    lines = setup.side_by_side("id")
    fig = charts.projection_chart(lines, "id", "Padang")
    assert fig.to_dict()["data"] == go.Figure(charts.projection_spec(lines, "id", "Padang")).to_dict()["data"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_slider_step_has_the_label_the_slider_would_format(lang):
    for key, scale in SCALES.items():
        table = labels(key, lang)
        assert list(table) == scale.steps()
        assert all(text == label(key, value, lang) for value, text in table.items())
        assert len(set(table.values())) == len(table), f"{key}: two steps print the same"
    assert labels("mult", "id")[1.5] == "1,5×" and labels("mult", "en")[1.5] == "1.5×"
    assert labels("per_point", "id")[12.5] == "12,5" and labels("growth", "id")[8000.0] == "8.000"
    assert labels("target", "id")[30.0] == "30%"


def test_a_regions_observed_line_is_computed_once_per_file_version(snap):
    first = region_scenario(snap, "blitar", "ikd", "id")
    moved = region_scenario(snap, "blitar", "ikd", "id", None, pace_multiplier=3.0)
    assert moved.line.observed_hovers is first.line.observed_hovers  # shared, not rebuilt on a slider move
    assert moved.line.result != first.line.result
    english = region_scenario(snap, "blitar", "ikd", "en")
    assert english.line.observed_hovers != first.line.observed_hovers  # per language
    fresh = build(load_path(DATA, today=TODAY), TODAY)
    assert region_scenario(fresh, "blitar", "ikd", "id").line.observed_hovers is not first.line.observed_hovers


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("metric", ["percent", "count", "percent_of_target", "still_needed"])
def test_ranking_and_distribution_specs_are_valid_plotly_figures(snap, lang, metric):
    view = compare(snap, lang, list(snap.regions), "ikd", metric)
    fig = go.Figure(charts.ranking_spec(view, "IKD", lang))
    assert list(fig.data[0].x) == [r.value for r in reversed(view.rows) if r.value is not None]
    go.Figure(charts.distribution_spec(view, "IKD", lang))
    go.Figure(charts.ranking_spec(window(view, lang, "bli", [], 3), "IKD", lang))


def test_the_target_is_a_dashed_line_labelled_above_the_ranking_and_the_distribution(snap):
    view = overview(snap, "id").ranking
    for spec in (charts.ranking_spec(view, "IKD", "id"), charts.distribution_spec(view, "IKD", "id")):
        (line,), (note,) = spec["layout"]["shapes"], spec["layout"]["annotations"]
        assert line["x0"] == line["x1"] == note["x"] == 30.0 and line["line"]["dash"] == "dash"
        assert (line["yref"], line["y0"], line["y1"]) == ("y domain", 0, 1)
        assert note["text"] == "Target 30%" and note["yanchor"] == "bottom"


def test_the_distribution_stacks_one_histogram_per_base_with_every_ranked_region(snap):
    view = overview(snap, "en").ranking
    spec = charts.distribution_spec(view, "IKD", "en")
    assert spec["layout"]["barmode"] == "stack"
    assert sum(len(t["x"]) for t in spec["data"]) == sum(r.value is not None for r in view.rows)
    assert len({t["name"] for t in spec["data"]}) == len(spec["data"])


def test_a_comparison_table_is_formatted_once_per_file_version_and_language(snap):
    view = overview(snap, "id").ranking
    rows = table_rows(view, snap, "id")
    assert table_rows(overview(snap, "id").ranking, snap, "id") is rows
    assert table_rows(view, snap, "en") is not rows and table_rows(view, snap, "en")[0] != rows[0]
    top = window(view, "id", "", [], 1)
    assert [r["Wilayah"] for r in table_rows(top, snap, "id")] == [r.name for r in top.rows]
