"""Figures as regions publish them (tests/fixtures/published: test texts, not real data): counts with no base, a
base named without its size, bounds, half-years, a percent of the target beside a percent of the base, a target
count the source rounded down, figures four days apart, a source with no stored article; and the analysts' slips."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikd_core import i18n
from ikd_core.domain.dates import FuzzyDate
from ikd_core.domain.errors import DataFileError
from ikd_core.domain.loading import load_path, load_text
from ikd_core.domain.projection import outlook, plan
from ikd_core.domain.snapshot import build
from ikd_core.views.display import base_count_text, base_label, show_value
from ikd_core.views.overview import overview
from ikd_core.views.whatif import region_scenario

from apptest_helpers import open_page, spec
from conftest import ROOT, TODAY

PUBLISHED = ROOT / "tests" / "fixtures" / "published" / "regions.yaml"


@pytest.fixture(scope="module")
def snap():
    return build(load_path(PUBLISHED, today=TODAY), TODAY)


def latest(snap, region: str):
    return snap.latest_of("ikd")[region]


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the published fixture with one edit."""
    import shutil

    folder = tmp_path / "published"
    shutil.copytree(PUBLISHED.parent, folder)
    path = folder / "regions.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- half-year dates ---------------------------------------------------------------------------------------------
def test_a_half_year_is_a_period_of_six_months_written_as_published():
    h1, h2 = FuzzyDate.parse("2024-H1"), FuzzyDate.parse("2024-H2")
    assert (h1.start, h1.end, h1.precision) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30), "half")
    assert (h2.start, h2.end) == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    assert h1.to_yaml() == "2024-H1" and FuzzyDate.parse(h2.to_yaml()) == h2
    assert i18n.date(h1, "id") == "Semester I 2024" and i18n.date(h2, "en") == "H2 2024"


# --- bounds --------------------------------------------------------------------------------------------------------
def test_a_bound_is_shown_as_published_and_never_used_as_a_value(snap):
    above, below = latest(snap, "kota-b"), latest(snap, "kab-c")
    assert show_value(above.percent, "id", "percent") == "> 51%"
    assert show_value(below.percent, "en", "percent") == "< 5%"
    # Above 51% is above the 30% target: reached. Below 5% says nothing sure about the pace: unknown, no projection.
    assert outlook(plan(snap, "kota-b", "ikd")).status == "tercapai"  # type: ignore[arg-type]
    assert outlook(plan(snap, "kab-c", "ikd")).status == "tidak_diketahui"  # type: ignore[arg-type]
    assert plan(snap, "kota-b", "ikd").pace is None  # type: ignore[union-attr]
    # The median of the exact percents only: Kabupaten D 4,12% and Kabupaten E 7,5%, so (4,12 + 7,5) / 2 = 5,81%.
    kpis = {k.label: k.value for k in overview(snap, "id").kpis}
    assert kpis["Median persen terbaru"] == "5,81%"


def test_a_bound_region_on_the_projection_page_says_why_it_has_no_projection(monkeypatch):
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    at = open_page("pages/proyeksi.py", regions=["kota-b", "kab-d"])
    infos = " ".join(i.value for i in at.info)
    assert "Angka terbaru Kota B hanya batas (\\> 51%, Semester I 2024): proyeksi butuh angka pasti." in infos


# --- a base named without its size; counts without a percent ----------------------------------------------------
def test_a_base_named_without_its_size_is_named_not_called_unspecified(snap):
    first = next(m for m in snap.metrics if m.observation.id == "kota-a-2025-01")
    assert base_label(first, "id") == "wajib KTP" and base_count_text(first, "id") == "tidak disebutkan"
    counted_only = latest(snap, "kota-a")  # 27.100 on 24 June 2025, no base at all
    assert base_label(counted_only, "id") == "hanya jumlah, tanpa dasar"


def test_a_count_without_a_base_is_listed_on_the_comparison_not_dropped(monkeypatch):
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    at = open_page("pages/bandingkan.py")
    notes = " ".join(w.value for w in at.warning)
    assert "Hanya jumlah, tanpa dasar" in notes and "Kota A (27.100, 24 Juni 2025)" in notes
    table = at.dataframe[0].value.set_index("Wilayah")
    assert table.loc["Kota A", "Jumlah aktivasi"] == "27.100" and table.loc["Kota A", "Persen"] == "—"


def test_counts_without_a_base_are_drawn_on_a_people_axis_on_the_region_page(monkeypatch):
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    at = open_page("pages/wilayah.py", region="kota-a")
    chart = spec(at)
    [trace] = chart["data"]
    assert trace["y"] == [19000, 26500, 27100] and "Orang" in chart["layout"]["yaxis"]["title"]["text"]


def test_a_region_counted_in_people_is_projected_in_people(monkeypatch, snap):
    setup = region_scenario(snap, "kota-a", "ikd", "id")
    assert setup is not None and setup.line.unit == "people"
    # The pace: 19.000 on 15 Jan 2025 to 27.100 on 24 Jun 2025 (160 days): 50,6 people a day; the figure of
    # 20 June is only 4 days before the latest, too close to make a trend, so the pace reaches back past it.
    assert setup.plan.pace.per_day == pytest.approx((27_100 - 19_000) / 160)  # type: ignore[union-attr]
    assert setup.plan.pace.observation_ids == ("kota-a-2025-01", "kota-a-2025-06-24")  # type: ignore[union-attr]
    text = setup.line.method
    assert "15 Januari 2025: 19.000 (Sumber uji A" in text and "24 Juni 2025: 27.100" in text
    assert "hanya 4 hari sebelum yang terakhir" in text
    # Today (23 Nov 2026) is 517 days after 24 Jun 2025: ≈ 27.100 + 50,625 × 517 = 53.273 people, an estimate.
    assert setup.result.at_today.mid == pytest.approx(27_100 + 8_100 / 160 * 517)
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    at = open_page("pages/proyeksi.py", regions=["kota-a"])
    assert "Orang" in spec(at)["layout"]["yaxis"]["title"]["text"]


# --- a percent of the target beside a percent of the base --------------------------------------------------------
def test_both_percents_are_kept_as_written_and_checked_against_each_other(snap, tmp_path):
    d = latest(snap, "kab-d")
    assert (d.percent.value, d.percent_of_target.value, d.percent_of_target.origin) == (4.12, 13.72, "reported")
    # 13,72% of the 30% target is 4,116%: within the rounding of 4,12. No warning.
    assert not [f for f in snap.findings_for("kab-d-2025-10") if f.code == "percent_target_mismatch"]
    path = edited(tmp_path, "    percent_of_target: 13.72\n", "    percent_of_target: 15.72\n")
    other = build(load_path(path, today=TODAY), TODAY)
    [finding] = [f for f in other.findings_for("kab-d-2025-10") if f.code == "percent_target_mismatch"]
    assert "15,72% × 30% = 4,72%" in i18n.finding(finding.code, finding.params, "id")


def test_entering_the_percent_of_the_target_alone_in_the_second_field_is_refused_with_a_hint(tmp_path):
    # The percent of the target written twice: in percent (with percent_of: target) and in percent_of_target.
    path = edited(tmp_path, "    percent_of: perekaman_ktp_el\n    percent_of_target: 13.72\n",
                  "    percent_of: target\n    percent_of_target: 13.72\n")
    with pytest.raises(DataFileError) as info:
        load_path(path, today=TODAY)
    assert any(e.code == "percent_of_target_alone" for e in info.value.errors)


def test_a_target_count_the_source_rounded_down_is_no_false_warning(snap):
    # 30% of 511.434 = 153.430,2; the source says 153.430. Rounded either way, it is the same target.
    assert not [f for f in snap.findings if f.code == "target_count_mismatch"]
    assert latest(snap, "kab-d").target_count.value == 153_430


def test_two_figures_of_one_region_on_one_date_are_a_warning(tmp_path):
    path = edited(tmp_path, "    as_of: 2025-06-20\n", "    as_of: 2025-06-24\n")
    other = build(load_path(path, today=TODAY), TODAY)
    [finding] = [f for f in other.findings if f.code == "duplicate_date"]
    assert finding.params["other"] == "kota-a-2025-06-20"


# --- sources with no stored copy ---------------------------------------------------------------------------------
def test_quotes_from_a_source_with_no_stored_copy_are_said_to_be_unchecked():
    done = subprocess.run([sys.executable, "-m", "ikd_core", "validate", str(PUBLISHED), "--lang", "en"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={**__import__("os").environ,
                                                                            "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0
    assert "Quotes not checked against a stored copy of the article: source uji-tanpa-salinan" in done.stdout


# --- the analyst's words -----------------------------------------------------------------------------------------
def test_the_analysts_note_is_on_the_region_page_in_the_data_table_and_in_the_hover(monkeypatch, snap):
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    region = open_page("pages/wilayah.py", region="kab-d")
    assert any("Target 153.430 dibulatkan ke bawah oleh sumber." in i.value for i in region.info)
    data = open_page("pages/data.py")
    notes = data.dataframe[0].value.set_index("Wilayah").loc["Kabupaten D", "Catatan"]
    assert "Catatan: Target 153.430 dibulatkan ke bawah oleh sumber." in list(notes)
    setup = region_scenario(snap, "kab-d", "ikd", "id")
    assert "Target 153.430 dibulatkan ke bawah" in setup.line.observed_hovers[-1]  # type: ignore[union-attr]


def test_the_analysts_note_is_in_the_deck_notes_and_the_excel_sheet(snap):
    import io

    import pandas as pd

    from ikd_core.render.deck import build_deck
    from ikd_core.render.exports import export_bytes

    deck = build_deck(snap, {"regions": ["kab-d"]}, "id")
    assert any("Target 153.430 dibulatkan ke bawah" in note for s in deck.slides for note in s.notes)
    book = pd.read_excel(io.BytesIO(export_bytes(snap, {"regions": ["kab-d"]}, "id", "xlsx")), sheet_name=None)
    observations = next(v for k, v in book.items() if "bservas" in k)
    assert "Target 153.430 dibulatkan ke bawah oleh sumber." in set(observations["Catatan"])


# --- slips: refused, never guessed -------------------------------------------------------------------------------
VALID = PUBLISHED.read_text(encoding="utf-8")


@pytest.mark.parametrize(("written", "code"), [("19.000", "dotted_thousands"), ('"1.234.567"', "dotted_thousands"),
                                               ("19000.5", "not_whole"), ("19000.0", "not_whole")])
def test_a_count_written_with_a_thousands_dot_or_a_decimal_is_refused_at_its_place(written, code):
    text = VALID.replace("    count: 19000\n", f"    count: {written}\n")
    with pytest.raises(DataFileError) as info:
        load_text(text, "regions.yaml", today=TODAY)
    [error] = info.value.errors
    line = text.splitlines().index(f"    count: {written}") + 1
    assert (error.line, error.column, error.field, error.code) == (line, 12, "observations[0].count", code)
    if code == "dotted_thousands":
        assert f"Write {written.strip(chr(34)).replace('.', '')}" in error.hint
        assert "Tulis 19000" in error.text("id") or "Tulis 1234567" in error.text("id")


def test_a_fact_written_with_a_thousands_dot_is_refused_and_a_percent_stays_decimal():
    text = VALID.replace("  - id: kab-e\n", "  - id: kab-e\n    facts:\n      population:\n        value: 766.000\n"
                                            "        source: uji-program\n        quote: uji\n")
    with pytest.raises(DataFileError) as info:
        load_text(text, "regions.yaml", today=TODAY)
    assert [e.code for e in info.value.errors] == ["dotted_thousands"]
    decimal = VALID.replace("    percent: 7.5\n", "    percent: 7.500\n")
    assert load_text(decimal, "regions.yaml", today=TODAY).dataset.observations[-1].percent == 7.5


# --- messages in the user's language -------------------------------------------------------------------------------
def test_a_broken_file_is_explained_in_indonesian_on_an_indonesian_page(monkeypatch, tmp_path):
    path = edited(tmp_path, "    count: 19000\n", "    count: 19.000\n")
    monkeypatch.setenv("IKD_DATA", str(path))
    at = open_page()
    code = at.code[0].value
    assert "'19.000' dibaca YAML sebagai 19, bukan 19000" in code and "Tulis 19000" in code


@pytest.mark.parametrize(("args", "env", "says"), [
    (["--lang", "id"], {}, "dibaca YAML sebagai 19"),
    ([], {"LANG": "id_ID.UTF-8"}, "dibaca YAML sebagai 19"),
    ([], {"LANG": "C.UTF-8", "LC_ALL": ""}, "reads as 19 in YAML"),
])
def test_the_command_line_speaks_the_language_asked_for_or_the_locale(tmp_path, args, env, says):
    import os

    path = edited(tmp_path, "    count: 19000\n", "    count: 19.000\n")
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("LC_")}, "PYTHONPATH": str(ROOT),
                   "LANG": "", **env}
    done = subprocess.run([sys.executable, "-m", "ikd_core", "validate", str(path), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=environment)
    assert done.returncode == 1 and says in done.stdout


# --- empty files and regions with nothing yet -------------------------------------------------------------------
EMPTY = ("version: 1\nsources: [{id: s}]\nindicators: [{id: ikd, name: {id: IKD, en: IKD}, base: wajib_ktp}]\n"
         "regions: []\nobservations: []\n")


@pytest.mark.parametrize("page", ["ringkasan", "bandingkan", "wilayah", "proyeksi", "simulasi", "presentasi"])
def test_a_file_with_no_regions_gives_every_page_a_friendly_note(monkeypatch, tmp_path, page):
    path = tmp_path / "regions.yaml"
    path.write_text(EMPTY, encoding="utf-8")
    monkeypatch.setenv("IKD_DATA", str(path))
    at = open_page(None if page == "ringkasan" else f"pages/{page}.py")
    assert any("belum berisi wilayah" in i.value for i in at.info)


def test_a_region_with_no_figure_yet_says_so_on_the_what_if_page(monkeypatch):
    monkeypatch.setenv("IKD_DATA", str(PUBLISHED))
    at = open_page("pages/simulasi.py", region="prov-uji")
    assert any("Provinsi Uji belum punya angka Aktivasi IKD" in i.value for i in at.info)


# --- a pace that never rests on noise ---------------------------------------------------------------------------
def dataset(figures: list[tuple[dt.date, int]]) -> str:
    """A one-city file whose IKD figures are counts of a 100.000 wajib KTP base."""
    rows = "".join(f"  - {{id: f{k}, region: kota, indicator: ikd, as_of: {d.isoformat()}, source: s, count: {c}, "
                   f"base: {{kind: wajib_ktp, count: 100000}}, quotes: [uji]}}\n" for k, (d, c) in enumerate(figures))
    return ("version: 1\nprogram: {public_opening: {date: 2023-Q1, source: s, note: uji}}\nsources: [{id: s}]\n"
            "indicators: [{id: ikd, name: {id: IKD, en: IKD}, base: wajib_ktp, targets: "
            "[{year: 2024, percent: 30, source: s, quote: uji}]}]\n"
            "regions: [{id: kota, name: Kota, level: kota, province: P}]\nobservations:\n" + rows)


def status_of(figures: list[tuple[dt.date, int]]) -> str:
    snapshot = build(load_text(dataset(figures), "f.yaml", today=TODAY), TODAY)
    return outlook(plan(snapshot, "kota", "ikd")).status  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 30, allow_nan=False, allow_infinity=False), min_size=2, max_size=5),
       st.lists(st.integers(1, 200), min_size=5, max_size=5), st.integers(1, 300))
def test_a_figure_on_the_least_squares_line_leaves_its_pace_as_it_was(values, gaps, step):
    """With the least-squares method over every figure, a new figure on the fitted line keeps the fitted line: the
    pace does not move, however close the figures are."""
    import statistics

    days = [sum(gaps[:k]) for k in range(len(values))]
    figures = [(dt.date(2023, 6, 1) + dt.timedelta(days=d), round(v, 3)) for d, v in zip(days, values, strict=True)]
    new_day = figures[-1][0] + dt.timedelta(days=step)
    if new_day > TODAY or days[-1] < 30:
        return
    _, pace = status_with(figures, "least_squares", 24)
    if pace is None or pace.method != "least_squares":  # type: ignore[attr-defined]
        return
    fit = statistics.linear_regression(days, [v for _, v in figures])
    on_fit = fit.intercept + fit.slope * (days[-1] + step)
    if not 0 <= on_fit <= 100:
        return
    _, again = status_with(figures + [(new_day, on_fit)], "least_squares", 24)
    assert again.per_day == pytest.approx(pace.per_day, abs=1e-9)  # type: ignore[attr-defined]


def test_a_pace_between_figures_whose_bases_cannot_be_compared_in_people_says_so():
    # 10% of 100.000 (10.000 people) in June 2025, then 12% with no base count in October: no count for the second,
    # so the pace is in points (2 points over 122 days), and the text says the bases may differ.
    text = percents([(dt.date(2025, 6, 1), 10.0), (dt.date(2025, 10, 1), 12.0)]).replace(
        "percent: 10.0, percent_of: wajib_ktp,", "percent: 10.0, percent_of: wajib_ktp, base: {kind: wajib_ktp, "
                                                "count: 100000},")
    snapshot = build(load_text(text, "f.yaml", today=TODAY), TODAY)
    setup = region_scenario(snapshot, "kota", "ikd", "id")
    assert setup.plan.pace.unit == "points" and setup.plan.pace.bases_differ  # type: ignore[union-attr]
    assert setup.plan.pace.per_day == pytest.approx(2 / 122)  # type: ignore[union-attr]
    assert "Jumlah dasar angka-angka ini berbeda" in setup.line.method  # type: ignore[union-attr]


def test_two_figures_four_days_apart_do_not_make_a_trend():
    # 10.000 on 1 Jun 2026 and 18.400 on 5 Jun: 2.100 a day, which would put the city "on track". Four days are
    # under the 30 a trend needs, so the pace is the average since the opening (14 Feb 2023, 1.207 days): 15,2 a
    # day, and from 18.400 that reaches 18.400 + 15,2 × 574 = 27.123 of the 30.000 by 31 Dec 2026: behind.
    figures = [(dt.date(2026, 6, 1), 10_000), (dt.date(2026, 6, 5), 18_400)]
    snapshot = build(load_text(dataset(figures), "f.yaml", today=TODAY), TODAY)
    p = plan(snapshot, "kota", "ikd")
    assert p.pace.method == "since_opening" and p.pace.reason == "short_window"  # type: ignore[union-attr]
    assert p.pace.per_day == pytest.approx(18_400 / 1207)  # type: ignore[union-attr]
    assert status_of(figures) == "tertinggal"


def percents(figures: list[tuple[dt.date, float]]) -> str:
    """A one-city file whose IKD figures are percents of wajib KTP with no base count (a pace in points)."""
    rows = "".join(f"  - {{id: f{k}, region: kota, indicator: ikd, as_of: {d.isoformat()}, source: s, "
                   f"percent: {v!r}, percent_of: wajib_ktp, quotes: [uji]}}\n" for k, (d, v) in enumerate(figures))
    return dataset([]).replace("observations:\n", "observations:\n" + rows)


def status_with(figures: list[tuple[dt.date, float]], method: str, window: int) -> tuple[str, object]:
    snapshot = build(load_text(percents(figures), "f.yaml", today=TODAY), TODAY)
    p = plan(snapshot, "kota", "ikd", method=method, window=window)  # type: ignore[arg-type]
    return outlook(p).status, p.pace  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0, 30, allow_nan=False, allow_infinity=False), min_size=1, max_size=4),
       st.lists(st.integers(30, 200), min_size=4, max_size=4), st.integers(1, 300))
def test_a_figure_on_the_current_trend_line_never_changes_a_status(values, gaps, step):
    """The property, for the status every page shows (the pace between the latest figure and the most recent one
    at least 30 days older; figures closer than that are noise, so the history here is spaced at least that far):
    a new figure exactly on the line of the current pace, any number of days after the latest and still short of
    the target, leaves the status as it was."""
    method = ("last_two", 3)
    days = [sum(gaps[:k]) for k in range(len(values))]
    figures = [(dt.date(2023, 6, 1) + dt.timedelta(days=d), round(v, 3)) for d, v in zip(days, values, strict=True)]
    new_day = figures[-1][0] + dt.timedelta(days=step)
    if new_day > TODAY:
        return
    before, pace = status_with(figures, *method)
    if pace is None:
        return
    on_line = figures[-1][1] + pace.per_day * step  # type: ignore[attr-defined]
    if not 0 <= on_line < 30:
        return  # a figure at the 30% target is news, not noise: "reached" is then the only honest status
    after, _ = status_with(figures + [(new_day, on_line)], *method)
    assert after == before


def test_the_json_schema_accepts_the_new_fields():
    import jsonschema
    import yaml

    from ikd_core.domain import schema

    class DatesAsText(yaml.SafeLoader):
        pass

    DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    document = yaml.load(VALID, Loader=DatesAsText)
    jsonschema.validate(document, json.loads(schema.schema_text()))
