"""The charts redrawn on every rerun, built as plain specs without plotly's per-call validation: every kind of spec
is validated here, and what they show is checked against figures worked by hand from the seed file. Also the
Simulasi sliders' labels."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import build
from ikd_core.render import charts
from ikd_core.views.compare import compare, table_rows, window
from ikd_core.views.overview import overview
from ikd_core.views.scenario_params import labels
from ikd_core.views.whatif import region_scenario

from conftest import DATA, TODAY


@pytest.fixture(scope="module")
def snap():
    return build(load_path(DATA, today=TODAY), TODAY)


# The seed regions' bars, bottom to top, worked from tests/fixtures/seed/regions.yaml (every target is 30%):
RANKING_BOTTOM_UP = {
    # Denpasar 2,2 < Kaltim 5,77 < Balikpapan 8,5 < Blitar 19 < Padang 29,916 (its 203.479 of 680.160, which
    # contradict the "sekitar 30,06 persen" beside them: the bar shows the count over the base)
    "percent": [2.2, 5.77, 8.5, 19.0, 29.916],
    # Denpasar 11.000; Blitar 19% of 123.000; Balikpapan 8,5% of 766.000; Kaltim 5,77% of 2.878.769; Padang 203.479
    "count": [11_000, 23_370, 65_110, 166_105, 203_479],
    # each percent / 30 × 100
    "percent_of_target": [7.333, 19.233, 28.333, 63.333, 99.721],
    # 30% of the base less the count: 204.048 − 203.479; 36.900 − 23.370; 150.000 − 11.000; 229.800 − 65.110;
    # 863.631 − 166.105
    "still_needed": [569, 13_530, 139_000, 164_690, 697_526],
}


def names(spec: dict) -> list[str]:
    return [t["name"] for t in spec["data"] if t.get("showlegend", True)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_simulasi_chart_is_a_valid_plotly_figure_for_every_region(snap, lang):
    # The pages skip plotly's validation per rerun; this is where the spec is validated.
    for rid in snap.regions:  # all five seed regions have an IKD percent, so each has a Simulasi chart
        setup = region_scenario(snap, rid, "ikd", lang, None, pace_multiplier=2.0)
        assert setup is not None, rid
        spec = charts.projection_spec(setup.side_by_side(lang), lang, "t")
        go.Figure(spec)  # raises on any property plotly does not know or a value of the wrong kind
        several = charts.projection_spec([setup.line, region_scenario(snap, "blitar", "ikd", lang).line], lang, "t")
        go.Figure(several)


def test_side_by_side_draws_the_observations_once_under_the_region_name(snap):
    setup = region_scenario(snap, "blitar", "ikd", "id", None, pace_multiplier=2.0)
    spec = charts.projection_spec(setup.side_by_side("id"), "id", "Blitar")
    markers = [t for t in spec["data"] if t["mode"] == "markers"]
    # The figure, and (hollow, an estimate) where Blitar probably is today: once, since a scenario acts from today.
    assert [t["name"] for t in markers] == ["Blitar: perkiraan hari ini", "Blitar: data"]
    assert markers[0]["x"] == [dt.date(2026, 11, 23)] and markers[0]["marker"]["symbol"] == "circle-open-dot"
    markers = markers[1:]
    # Blitar's one figure: ≈19% in Q4 2025, drawn at the quarter's midpoint, 15 November 2025.
    assert markers[0]["x"] == [dt.date(2025, 11, 15)] and markers[0]["y"] == [19.0]
    [hover] = markers[0]["hovertext"]
    assert "≈19% · wajib KTP" in hover and "Per: Triwulan IV 2025" in hover and "Jumlah: ≈23.370*" in hover
    # An entry longer than 32 characters breaks after its colon, so the legend fits a phone's width.
    assert names(spec) == ["Kondisi sekarang: pita proyeksi", "Kondisi sekarang: proyeksi",
                           "Kondisi sekarang: <br>laju yang dibutuhkan", "Skenario: pita proyeksi",
                           "Skenario: proyeksi", "Blitar: perkiraan hari ini", "Blitar: data"]
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
    target, deadline, today = spec["layout"]["shapes"]
    assert (target["xref"], target["y0"], target["y1"]) == ("x domain", 30.0, 30.0)
    end = dt.date(2027, 3, 31)
    assert (deadline["yref"], deadline["x0"], deadline["x1"]) == ("y domain", end, end)
    assert (today["x0"], today["x1"]) == (dt.date(2026, 11, 23), dt.date(2026, 11, 23))
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    # Then the value at the deadline, once: nothing changed, so the baseline and the scenario end at the same
    # 19 + 19 / 1.005 × 501 = 28,47% (501 days from 15 Nov 2025 to 31 Mar 2027).
    assert texts == ["Target 30%", "deadline <br>31 March 2027", "today", "≈28.5%"]  # two lines: fits a phone


def test_the_padang_chart_draws_its_figure_where_its_projection_starts(snap):
    setup = region_scenario(snap, "padang", "ikd", "id")
    data = charts.figure_of(charts.projection_spec(setup.side_by_side("id"), "id", "Padang")).to_dict()["data"]
    [observed] = [t for t in data if t.get("name") == "Padang: data"]
    # The point is the figure's count over its base (203.479 / 680.160 = 29,916%), as on every other page; the
    # reported "sekitar 30,06%" that contradicts them is in its hover, not a point above the target line.
    assert list(observed["x"]) == [dt.date(2024, 11, 1)] and observed["y"][0] == pytest.approx(29.916, abs=0.001)
    assert "29,92%* ⚠ dilaporkan ≈30,06%" in observed["hovertext"][0]
    [projection] = [t for t in data if t.get("name") == "Skenario: proyeksi"]
    # The projection starts from the count: 203.479 / 680.160 = 29,92%, not the "sekitar 30,06%". Pace: the same
    # 203.479 people over the 626 days since 14 Feb 2023 (325,05 a day); 790 days on to 31 Dec 2026:
    # 203.479 + 325,05 × 790 = 460.268 people, 67,67% of 680.160.
    assert projection["y"][0] == pytest.approx(29.916, abs=0.001)
    end = list(projection["x"]).index(dt.date(2026, 12, 31))
    assert projection["y"][end] == pytest.approx(67.67, abs=0.01)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_slider_step_prints_its_own_label(lang):
    # Steps: pace ×0–5 by 0,1 (51), extra points 0–200 (201), per point 0–500 by 0,5 (1.001), outreach events
    # 0–21 (22), per event 0–2.000 by 10 (201), target 1–100% (100), growth 0–100.000 by 500 (201).
    counts = {"mult": 51, "points": 201, "per_point": 1001, "events": 22, "per_event": 201, "target": 100,
              "growth": 201}
    for key, count in counts.items():
        table = labels(key, lang)
        assert len(table) == count, key
        assert len(set(table.values())) == count, f"{key}: two steps print the same"
    assert labels("mult", "id")[1.5] == "1,5×" and labels("mult", "en")[1.5] == "1.5×"
    assert labels("per_point", "id")[12.5] == "12,5" and labels("per_point", "en")[12.5] == "12.5"
    assert labels("growth", "id")[8000.0] == "8.000" and labels("growth", "en")[8000.0] == "8,000"
    assert labels("target", "id")[30.0] == "30%" and labels("mult", "id")[0.0] == "0,0×"
    assert list(labels("target", lang))[:3] == [1.0, 2.0, 3.0] and list(labels("points", lang))[-1] == 200.0


def test_a_slider_move_changes_the_projection_and_hovers_follow_the_language(snap):
    first = region_scenario(snap, "blitar", "ikd", "id")
    moved = region_scenario(snap, "blitar", "ikd", "id", None, pace_multiplier=3.0)
    # Blitar's pace, 19 points over 1.005 days (0,018905 a day): 19 + 0,018905 × 411 = 26,77% by 31 Dec 2026. Tripled
    # from today only (the 373 days since its figure are past): 19 + 0,018905 × 373 + 3 × 0,018905 × 38 = 28,21%.
    assert first.line.result.projected_percent == pytest.approx(26.770, abs=0.001)
    assert moved.line.result.projected_percent == pytest.approx(19 + 19 / 1005 * 373 + 3 * 19 / 1005 * 38, abs=1e-6)
    english = region_scenario(snap, "blitar", "ikd", "en")
    assert "As of: Q4 2025" in english.line.observed_hovers[0] and "Count: ≈23,370*" in english.line.observed_hovers[0]
    assert "Per: Triwulan IV 2025" in first.line.observed_hovers[0]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("metric", ["percent", "count", "percent_of_target", "still_needed"])
def test_ranking_and_distribution_specs_are_valid_plotly_figures(snap, lang, metric):
    view = compare(snap, lang, list(snap.regions), "ikd", metric)
    fig = go.Figure(charts.ranking_spec(view, "IKD", lang))
    # Bars bottom to top (plotly draws the first category lowest), so the best region is on top.
    assert list(fig.data[0].x) == pytest.approx(RANKING_BOTTOM_UP[metric], abs=0.001)
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
    # Padang and Denpasar of perekaman KTP-el, Balikpapan of a base not stated, Kaltim and Blitar of wajib KTP.
    stacks = {t["name"]: sorted(t["x"]) for t in spec["data"]}
    assert stacks == {"KTP-el recorded": [2.2, pytest.approx(29.916, abs=0.001)], "base not stated": [8.5],
                      "wajib KTP (ID-card age)": [5.77, 19.0]}


def test_the_comparison_table_follows_the_ranking_in_the_chosen_language(snap):
    view = overview(snap, "id").ranking
    indonesian, english = table_rows(view, snap, "id"), table_rows(view, snap, "en")
    assert [r["Wilayah"] for r in indonesian] == ["Padang", "Blitar", "Balikpapan", "Kalimantan Timur", "Denpasar"]
    assert [r["Region"] for r in english] == ["Padang", "Blitar", "Balikpapan", "Kalimantan Timur", "Denpasar"]
    # Kaltim: 5,77% of 2.878.769 wajib KTP; 697.526 still needed (863.631 − 166.105), a derived figure (*).
    kaltim = indonesian[3]
    assert (kaltim["Persen"], kaltim["Jumlah dasar"], kaltim["Masih dibutuhkan"]) == ("5,77%", "2.878.769", "697.526*")
    assert (english[3]["Percent"], english[3]["Base count"], english[3]["Still needed"]) == (
        "5.77%", "2,878,769", "697,526*")
    assert english[3]["As of"] == "12 November 2024" and indonesian[3]["Umur data"] == "741 hari"  # 730 + 11 days


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(region=st.sampled_from(["balikpapan", "blitar", "denpasar", "kaltim", "padang"]),
       multiplier=st.floats(0, 5), lang=st.sampled_from(["id", "en"]))
def test_the_json_a_chart_updated_in_place_gets_is_plotly_s_own_for_the_same_figure(snap, region, multiplier, lang):
    # ui/live_chart.py sends spec_json (no figure object, no deep copy); st.plotly_chart sends plotly's to_json.
    setup = region_scenario(snap, region, "ikd", lang, None, pace_multiplier=multiplier)
    spec = charts.projection_spec(setup.side_by_side(lang), lang, "t")
    ours = json.loads(charts.spec_json(spec, uirevision="sim_chart/blitar"))
    assert ours.pop("layout").pop("uirevision") == "sim_chart/blitar"
    plotlys = json.loads(charts.figure_of(spec).to_json())
    plotlys.pop("layout")
    assert ours == {"data": plotlys["data"]}
    assert json.loads(charts.spec_json(spec))["layout"] == json.loads(charts.figure_of(spec).to_json())["layout"]
