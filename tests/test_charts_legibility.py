"""The page charts read from the back of the room and on a phone: every text colour at a contrast of 4,5:1 or more
on white (computed here with the WCAG 2 formula), labels that would print over each other moved apart, the
baseline and the scenario told apart by their line style, the deadline drawn, ticks in the language's own format,
text at 16 px or more, and the ranking as a list for a phone. Figures worked by hand from the seed file."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import build
from ikd_core.render import charts
from ikd_core.views.compare import compare
from ikd_core.views.overview import overview
from ikd_core.views.palette import OKABE_ITO, text_shade
from ikd_core.views.region import region_view
from ikd_core.views.whatif import projections, region_scenario

from conftest import DATA, TODAY

DEADLINE = dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def snap():
    return build(load_path(DATA, today=TODAY), TODAY)


def wcag(a: str, b: str = "#ffffff") -> float:
    """WCAG 2.x contrast ratio, written out from the definition (relative luminance of sRGB)."""
    def lum(colour: str) -> float:
        hex6 = colour.lstrip("#") if len(colour) == 7 else "".join(c * 2 for c in colour.lstrip("#"))  # "#555"
        rgb = [int(hex6[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def on_its_band(label: str, line: str) -> float:
    """The label colour's contrast where it is written: inside its line's band (the line's colour at 18% over white),
    where a second band may lie too (1 - 0,82² = 32,8%), worked out here from the definition of opacity."""
    rgb = [int(line[i:i + 2], 16) for i in (1, 3, 5)]
    under = "#" + "".join(f"{round(255 + (c - 255) * (1 - 0.82 ** 2)):02x}" for c in rgb)
    return wcag(label, under)


def proyeksi(snap, regions: list[str], lang: str = "id") -> dict:
    """The Proyeksi page's chart for `regions`, with its defaults (two last figures, ±30%, 31 Dec 2026)."""
    setups, _ = projections(snap, regions, "ikd", lang, DEADLINE, "last_two", 3)
    return charts.projection_spec([s.line for s in setups], lang, "Aktivasi IKD: data dan proyeksi sampai tenggat "
                                                                   "31 Desember 2026")


def simulasi(snap, region: str = "blitar", deadline: dt.date | None = None, **changes) -> dict:
    setup = region_scenario(snap, region, "ikd", "id", deadline, **changes)
    return charts.projection_spec(setup.side_by_side("id"), "id", f"{setup.name}: kondisi sekarang dan skenario")


def all_specs(snap) -> dict[str, dict]:
    view = overview(snap, "id").ranking
    return {
        "ranking": charts.ranking_spec(view, "Aktivasi IKD", "id"),
        "distribution": charts.distribution_spec(view, "Aktivasi IKD", "id"),
        "proyeksi": proyeksi(snap, ["kaltim", "balikpapan"]),
        "simulasi": simulasi(snap, pace_multiplier=2.0),
        "wilayah": charts.region_history(region_view(snap, "kaltim", "id"), "id").to_plotly_json(),
    }


def text_colours(spec: dict) -> list[tuple[str, str]]:
    """(where, colour) of every text the chart draws; a text without its own colour takes the layout's."""
    layout = spec["layout"]
    ink = layout["font"]["color"]
    found = [("font", ink), ("title", layout["title"]["font"].get("color", ink))]
    found += [(f"annotation {a['text']}", (a.get("font") or {}).get("color", ink))
              for a in layout.get("annotations", [])]
    for t in spec["data"]:
        if "text" in (t.get("mode") or "") or t.get("type") == "bar":
            found.append((f"labels of {t.get('name')}", (t.get("textfont") or {}).get("color", ink)))
    return found


def test_every_text_colour_reads_on_white_at_4_5_to_1(snap):
    for chart, spec in all_specs(snap).items():
        for where, colour in text_colours(spec):
            assert wcag(colour) >= 4.5, f"{chart}: {where} in {colour} has {wcag(colour):.2f}:1"


def test_pale_okabe_ito_hues_keep_the_line_and_darken_the_label():
    # Orange #E69F00 and sky blue #56B4E9 have 2,25:1 and 2,31:1 on white: fine for a line, not for a label.
    assert wcag("#E69F00") == pytest.approx(2.25, abs=0.01) and wcag("#56B4E9") == pytest.approx(2.31, abs=0.01)
    for colour in OKABE_ITO:
        shade = text_shade(colour)
        assert wcag(shade) >= 4.5
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        sr, sg, sb = (int(shade[i:i + 2], 16) for i in (1, 3, 5))
        assert sr <= r and sg <= g and sb <= b  # the same hue, darker: never another colour
    assert text_shade("#0072B2").lower() == "#0072b2"  # blue already has 5,19:1: left as it is


def test_proyeksi_labels_its_lines_in_their_darkened_colours(snap):
    spec = proyeksi(snap, ["kaltim", "balikpapan"])
    lines = {t["name"]: t["line"]["color"] for t in spec["data"] if t.get("name", "").endswith(": proyeksi")}
    assert lines == {"Kalimantan Timur: proyeksi": "#E69F00", "Balikpapan: proyeksi": "#56B4E9"}
    stars = [t for t in spec["data"] if t.get("marker", {}).get("symbol") == "star"]
    # the same hue, darker, reading at 4,5:1 inside the bands they are written in (#855c00 for orange, #336a89)
    colours = [t["textfont"]["color"] for t in stars]
    assert [on_its_band(c, line) >= 4.5 for c, line in zip(colours, ["#E69F00", "#56B4E9"], strict=True)] == [True] * 2
    assert colours == ["#855c00", "#336a89"]


def end_labels(spec: dict) -> dict[str, dict]:
    return {a["text"]: a for a in spec["layout"]["annotations"] if a["text"].startswith("≈")}


def plot_px(spec: dict) -> float:
    layout = spec["layout"]
    return layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]


def test_end_labels_that_would_overlap_are_moved_apart(snap):
    spec = proyeksi(snap, ["kaltim", "balikpapan"])
    labels = end_labels(spec)
    # Kaltim: 5,77% on 12 Nov 2024, 637 days after the opening (14 Feb 2023); 779 days on to 31 Dec 2026:
    # 5,77 + 5,77 / 637 × 779 = 12,83%. Balikpapan 10,84% (as the deck's test works it). Two points apart on an
    # axis of about 40 points: some 15 px at this height, less than one 16 px line, so "12,8%10,8%" would touch.
    assert set(labels) == {"≈12,8%", "≈10,8%"}
    kaltim, balikpapan = labels["≈12,8%"], labels["≈10,8%"]
    top = spec["layout"]["yaxis"]["range"][1]
    assert balikpapan["y"] == pytest.approx(10.844, abs=0.01)  # the lower one stays on its line
    assert kaltim["y"] > 12.83  # the upper one moves up...
    assert (kaltim["y"] - balikpapan["y"]) * plot_px(spec) / top >= charts.LABEL_GAP_PX  # ...a line clear of it
    # Both beside the deadline, on its right (31 Dec 2026 is in the left quarter of 2024–2034), in their colours.
    assert {a["x"] for a in labels.values()} == {DEADLINE} and {a["xanchor"] for a in labels.values()} == {"left"}
    assert (kaltim["font"]["color"], balikpapan["font"]["color"]) == ("#855c00", "#336a89")  # as the stars


def test_labels_far_apart_stay_where_they_are_balikpapan_and_padang(snap):
    spec = proyeksi(snap, ["balikpapan", "padang"])
    labels = end_labels(spec)
    # Padang from its count, 203.479 of 680.160 (29,92%) on 1 Nov 2024, 325,05 people a day: 790 days on,
    # 460.268 people, 67,67%. Balikpapan 10,84%. Far apart: each label stays on its line.
    assert labels["≈67,7%"]["y"] == pytest.approx(67.67, abs=0.01)
    assert labels["≈10,8%"]["y"] == pytest.approx(10.844, abs=0.01)
    # The dates they reach 30%: Padang 569 people short, two days on (3 Nov 2024), at the very left of the plot:
    # its date runs right, over the line; Balikpapan on 14 Sep 2034, at the right end: runs left.
    stars = {t["text"][0]: t["textposition"] for t in spec["data"] if t.get("marker", {}).get("symbol") == "star"}
    assert stars == {"3 November 2024": "top right", "14 September 2034": "top left"}


def test_reach_dates_close_together_go_over_and_under_the_target_line(snap):
    spec = proyeksi(snap, ["kaltim", "balikpapan"])
    stars = {t["text"][0]: t["textposition"] for t in spec["data"] if t.get("marker", {}).get("symbol") == "star"}
    # 10 March 2032 and 14 September 2034: two and a half years apart on a ten-year axis (under 30% of it), so the
    # second goes under the line, and at the right end of the plot it runs left.
    assert stars["10 Maret 2032"].startswith("top") and stars["14 September 2034"] == "bottom left"


def test_an_unchanged_scenario_writes_its_values_and_dates_once(snap):
    spec = simulasi(snap, "kaltim")
    assert list(end_labels(spec)) == ["≈12,8%"]  # the baseline's and the scenario's, the same: written once
    written = [t["text"][0] for t in spec["data"] if t.get("marker", {}).get("symbol") == "star" and t["text"][0]]
    assert written == ["10 Maret 2032"]


def test_baseline_scenario_and_required_pace_differ_by_line_style(snap):
    spec = simulasi(snap, pace_multiplier=2.0)
    dash = {t["name"]: t["line"]["dash"] for t in spec["data"] if t.get("line", {}).get("dash")}
    baseline, scenario = dash["Kondisi sekarang: proyeksi"], dash["Skenario: proyeksi"]
    required = dash["Kondisi sekarang: <br>laju yang dibutuhkan"]
    assert len({baseline, scenario, required}) == 3, dash
    assert "solid" not in (baseline, scenario, required)  # a projection never looks like data


def test_the_deadline_is_a_line_at_its_date_with_the_date_written(snap):
    spec = proyeksi(snap, ["kaltim", "balikpapan"])
    lines = [s for s in spec["layout"]["shapes"] if s["x0"] == s["x1"] == DEADLINE]
    assert len(lines) == 1 and lines[0]["yref"] == "y domain" and "dash" not in lines[0]["line"]
    [note] = [a for a in spec["layout"]["annotations"] if a["text"] == "tenggat <br>31 Desember 2026"]
    # Over the plot, on two lines; 31 Dec 2026 is in the left third of the 2024–2034 axis, so its text runs right.
    assert note["x"] == DEADLINE and (note["yref"], note["y"], note["yanchor"]) == ("paper", 1, "bottom")
    assert note["xanchor"] == "left"
    # Lines with deadlines of their own: both deadlines drawn and written, one above the other.
    later = region_scenario(snap, "blitar", "ikd", "id", dt.date(2027, 6, 30)).line
    spec = charts.projection_spec([region_scenario(snap, "kaltim", "ikd", "id").line, later], "id", "t")
    drawn = sorted(s["x0"] for s in spec["layout"]["shapes"] if s["yref"] == "y domain" and s["x0"] != TODAY)
    assert drawn == [DEADLINE, dt.date(2027, 6, 30)]
    notes = {a["text"]: (a["x"], a["yshift"]) for a in spec["layout"]["annotations"] if a["text"].startswith("tenggat")}
    assert notes == {"tenggat <br>31 Desember 2026": (DEADLINE, 0),
                     "tenggat <br>30 Juni 2027": (dt.date(2027, 6, 30), 48)}


def test_number_ticks_read_in_indonesian_and_in_english(snap):
    still = compare(snap, "id", list(snap.regions), "ikd", "still_needed")
    # The longest bar, Kaltim's 697.526, and a fifth more: 837.031; steps of 200.000 (the first round step over
    # a sixth of it, 139.505).
    axis = charts.ranking_spec(still, "IKD", "id")["layout"]["xaxis"]
    assert axis["ticktext"] == ["0", "200 rb", "400 rb", "600 rb", "800 rb"]
    axis = charts.ranking_spec(compare(snap, "en", list(snap.regions), "ikd", "still_needed"), "IKD",
                               "en")["layout"]["xaxis"]
    assert axis["ticktext"] == ["0", "200k", "400k", "600k", "800k"]
    # Under 10.000 the numbers are written out, with the thousands separator plotly leaves off ("1000").
    assert charts.value_axis(1200, "id")["ticktext"] == ["0", "200", "400", "600", "800", "1.000", "1.200"]
    assert charts.value_axis(1200, "en")["ticktext"][-2:] == ["1,000", "1,200"]
    assert charts.tick_text(2_500_000, "id") == "2,5 jt" and charts.tick_text(2_500_000, "en") == "2.5M"
    percent = charts.ranking_spec(overview(snap, "id").ranking, "IKD", "id")["layout"]["xaxis"]
    # Padang's 29,92% carries "29,92%* ⚠ / dilaporkan / ≈30,06%" on three lines, the longest 10 characters:
    # 29,92 / (1 − 0,35) = 46,0 leaves it room (a fifth over the 30% target, 36, cut it at 1280 px); steps of 10.
    assert percent["range"][1] == pytest.approx(46.03, abs=0.01)
    assert percent["ticktext"] == ["0%", "10%", "20%", "30%", "40%"]


def test_chart_text_is_16_px_or_more(snap):
    for chart, spec in all_specs(snap).items():
        layout = spec["layout"]
        assert layout["font"]["size"] >= 16 and layout["title"]["font"]["size"] >= 16, chart
        assert layout.get("legend", {}).get("font", {}).get("size", layout["font"]["size"]) >= 16, chart
        for a in layout.get("annotations", []):
            assert (a.get("font") or {}).get("size", 16) >= 16, (chart, a["text"])
        for t in spec["data"]:
            assert (t.get("textfont") or {}).get("size", 16) >= 16, (chart, t.get("name"))
            assert not re.search(r"font-size:\s*1[0-5]px", str(t.get("y", ""))), chart


def test_long_titles_break_into_lines_a_phone_holds(snap):
    title = proyeksi(snap, ["kaltim"])["layout"]["title"]["text"]
    assert title == "Aktivasi IKD: data dan proyeksi <br>sampai tenggat 31 Desember 2026"
    assert all(len(line.strip()) <= charts.TITLE_CHARS for line in title.split("<br>"))


def test_the_phone_ranking_lists_every_region_with_status_value_and_a_bar_to_scale(snap):
    html = charts.ranking_html(overview(snap, "id").ranking, "Aktivasi IKD", "id")
    names = re.findall(r"<li><p class='ikd-rank-head'><span><b>([^<]+)</b>", html)
    assert names == ["Padang", "Blitar", "Balikpapan", "Kalimantan Timur", "Denpasar"]  # best first
    assert "Aktivasi IKD terbaru: persen dari dasarnya, terhadap target 30%" in html
    assert html.count("tertinggal") == 4 and "sesuai jalur" in html
    widths = [float(w) for w in re.findall(r"width:([\d.]+)%", html)]
    # The scale runs to the target and a twentieth more, 31,5%: Padang 29,916 / 31,5 = 94,97%; Blitar 19 → 60,32%;
    # Balikpapan 8,5 → 26,98%; Kaltim 5,77 → 18,32%; Denpasar 2,2 → 6,98%. The target at 30 / 31,5 = 95,24%.
    assert widths == pytest.approx([94.97, 60.32, 26.98, 18.32, 6.98], abs=0.01)
    assert set(re.findall(r"left:([\d.]+)%", html)) == {"95.24"}
