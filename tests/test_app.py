"""The pages, run server-side through Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import open_page
from apptest_helpers import spec as chart_spec


def run_app(monkeypatch: pytest.MonkeyPatch, data: Path | None = None, page: str | None = None) -> AppTest:
    if data is not None:
        monkeypatch.setenv("IKD_DATA", str(data))
    return open_page(page)


def test_overview_shows_every_region_latest_ikd_in_indonesian_format(monkeypatch):
    at = run_app(monkeypatch)
    assert not at.exception
    assert at.title[0].value == "Aktivasi IKD terbaru per wilayah"
    table = at.dataframe[0].value
    # highest latest percent first: 30,06 · 19 · 8,5 · 5,77 · 2,2
    assert list(table["Wilayah"]) == ["Padang", "Blitar", "Balikpapan", "Kalimantan Timur", "Denpasar"]
    row = table.set_index("Wilayah")
    assert row.loc["Kalimantan Timur", "Jumlah dasar"] == "2.878.769"
    assert row.loc["Kalimantan Timur", "Persen"] == "5,77%"
    assert row.loc["Kalimantan Timur", "Per tanggal"] == "12 November 2024"
    assert row.loc["Balikpapan", "Persen"] == "≈8,5%"
    assert row.loc["Denpasar", "Dasar"] == "perekaman KTP-el"
    assert row.loc["Blitar", "Masih dibutuhkan"] == "≈13.530*"  # 36.900 − 19% of 123.000 (23.370), derived
    assert "persen ≠ jumlah/dasar" in row.loc["Padang", "Peringatan"]  # 203.479 / 680.160 = 29,92%, not 30,06%


def test_overview_chart_draws_bars_against_the_30_percent_target_with_indonesian_separators(monkeypatch):
    at = run_app(monkeypatch)
    spec = chart_spec(at)
    bar = spec["data"][0]
    assert bar["type"] == "bar" and len(bar["x"]) == 5
    # Padang's bar is its 203.479 of 680.160 = 29,916%, not the "≈30,06%" they contradict: below the target line
    assert sorted(bar["x"]) == pytest.approx([2.2, 5.77, 8.5, 19.0, 29.916], abs=0.001)
    assert spec["layout"]["separators"] == ",."
    assert any(shape["x0"] == 30 for shape in spec["layout"]["shapes"])
    assert "terhadap target 30%" in spec["layout"]["title"]["text"]
    # every bar names its base and its date under the region's name
    assert any("perekaman KTP-el · 1 November 2024" in label for label in bar["y"])


def test_overview_says_that_bases_levels_and_dates_are_mixed(monkeypatch):
    at = run_app(monkeypatch)
    note = at.warning[0].value
    assert "mencampur dasar" in note and "mencampur tingkat" in note and "waktu yang berbeda" in note


def test_invalid_data_file_shows_error_lines_and_no_traceback(monkeypatch, data_copy):
    text = data_copy.read_text(encoding="utf-8").replace("count: 203479", "count: -5")
    data_copy.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    count: -5") + 1
    at = run_app(monkeypatch, data_copy)
    assert not at.exception
    assert "Berkas data tidak valid" in at.error[0].value
    code = at.code[0].value
    assert f"regions.yaml:{line}:12: observations[7].count:" in code
    assert at.warning[0].value == "Belum ada data valid untuk ditampilkan."
    assert not at.get("plotly_chart")


def test_unreadable_data_file_is_reported_on_the_page(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "missing.yaml")
    assert not at.exception
    assert "tidak dapat dibaca" in at.error[0].value and "berkas tidak ada" in at.error[0].value  # in Indonesian


def test_data_page_lists_every_observation_with_its_quote_and_line(monkeypatch):
    at = run_app(monkeypatch, page="pages/data.py")
    assert not at.exception
    assert at.title[0].value == "Semua observasi dan sumbernya"
    observations = at.dataframe[0].value
    assert len(observations) == 8
    padang = observations[observations["Wilayah"] == "Padang"].iloc[0]
    assert "203.479 warga Kota Padang" in padang["Kutipan"]
    warnings = at.dataframe[1].value
    assert warnings["Peringatan"].str.contains("30,06% tidak cocok dengan 203.479 / 680.160 = 29,92%").any()


def test_english_switch_translates_the_overview(monkeypatch):
    at = run_app(monkeypatch)
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Latest IKD activation by region"
    assert "Region" in at.dataframe[0].value.columns
    assert chart_spec(at)["layout"]["separators"] == ".,"
