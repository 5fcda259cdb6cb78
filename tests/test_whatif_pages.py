"""Proyeksi, Simulasi and the common-date option, through AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from apptest_helpers import open_page, spec, url


def table_value(at: AppTest, index: int, label: str) -> str:
    frame = at.table[index].value
    return str(frame.loc[label].iloc[0])


# --- Proyeksi --------------------------------------------------------------------------------------------------
def test_projection_page_draws_observed_points_projection_band_target_and_method():
    at = open_page("pages/proyeksi.py", regions=["blitar"])
    chart = spec(at)
    names = [t["name"] for t in chart["data"] if "name" in t]
    assert "Blitar: proyeksi" in names and "Blitar: data" in names and "Blitar: laju yang dibutuhkan" in names
    dashed = next(t for t in chart["data"] if t.get("name") == "Blitar: proyeksi")
    assert dashed["line"]["dash"] == "dash"
    assert any(a.get("text") == "tenggat <br>31 Desember 2026" for a in chart["layout"]["annotations"])
    results = at.dataframe[0].value
    # Blitar: 19% on 15 Nov 2025 (mid Q4), 1.005 days after the opening (14 Feb 2023): 19 / 1.005 points a day.
    # 411 days to 31 Dec 2026: 19 + 411 × 19 / 1.005 = 19 + 7,77 = 26,77%;
    # the ±30% band: 19 + 0,7 × 7,77 = 24,44% and 19 + 1,3 × 7,77 = 29,10%
    assert results.loc["Proyeksi pada 31 Desember 2026", "Blitar"] == "≈26,8%* (24,4%–29,1%)"
    # 11 points to 30%: 11 × 1.005 / 19 = 581,8 → day 582 = 20 Jun 2027; / 1,3 → day 448 = 6 Feb 2027;
    # / 0,7 → day 832 = 25 Feb 2028
    assert results.loc["Tanggal mencapai 30%", "Blitar"] == "20 Juni 2027 (antara 6 Februari 2027 dan 25 Februari 2028)"
    method = " ".join(m.value for m in at.markdown)
    assert "rata-rata sejak IKD dibuka untuk umum (14 Februari 2023)" in method and "±30%" in method


def test_projection_band_and_deadline_come_from_the_link():
    at = open_page("pages/proyeksi.py", regions=["blitar"], band="50", deadline="2027-06-30")
    results = at.dataframe[0].value
    assert "Proyeksi pada 30 Juni 2027" in results.index
    assert "±50%" in " ".join(m.value for m in at.markdown)


def test_projection_saturating_model_is_stated_in_words():
    at = open_page("pages/proyeksi.py", regions=["kaltim"], model="saturating", ceiling="40")
    assert "kurva jenuh" in " ".join(m.value for m in at.markdown) and "40%" in " ".join(m.value for m in at.markdown)


# --- Simulasi --------------------------------------------------------------------------------------------------
SLIDERS = {  # key: (a value to move it to, the partner it needs to matter)
    "mult": (2.0, {}), "points": (10, {}), "per_point": (20.0, {"points": "5"}), "events": (3, {"per_event": "100"}),
    "per_event": (100, {"events": "2"}), "growth": (20_000.0, {}),
}


def test_every_slider_changes_the_scenario_numbers():
    for key, (value, partner) in SLIDERS.items():
        at = open_page("pages/simulasi.py", region="balikpapan", **partner)
        before = at.table[1].value.to_dict()
        at.select_slider(key=key).set_value(value).run()
        assert not at.exception
        assert at.table[1].value.to_dict() != before, key
        assert url(at, key) == [str(int(value)) if float(value).is_integer() else str(value)]


def test_working_days_target_and_deadline_change_the_scenario():
    at = open_page("pages/simulasi.py", region="blitar")
    # Blitar is probably at 23.370 + 23,25 × 373 = 32.043,6 people today (23 Nov 2026), 4.856,4 short of 36.900.
    # From today to 31 Dec 2026: Mon-Fri 28 working days, 4.856,4 / 28 = 173,4 a day; Mon-Sat 33, 147,2 a day.
    assert table_value(at, 1, "…per hari kerja (5 hari/minggu)") == "≈173* orang"
    at.radio(key="wdays").set_value(6).run()
    assert table_value(at, 1, "…per hari kerja (6 hari/minggu)") == "≈147* orang"
    at.select_slider(key="target").set_value(25.0).run()
    # 25% of 123.000 = 30.750: probably passed already (32.044 today), so nothing more is needed from today.
    assert table_value(at, 1, "Masih dibutuhkan dari hari ini sampai tenggat") == "0 orang"
    at.date_input(key="deadline").set_value("2027-12-31").run()
    assert at.metric[1].label == "Proyeksi pada 31 Desember 2027"


def test_a_bookmarked_scenario_url_restores_the_same_numbers():
    link = {"region": "balikpapan", "points": "10", "per_point": "20"}
    first = open_page("pages/simulasi.py", **link)
    again = open_page("pages/simulasi.py", **link)
    assert first.select_slider(key="points").value == 10
    # Balikpapan: 8,5% of ≈766.000 = 65.110 on 18 Feb 2026, 1.100 days after the opening: 8,5 / 1.100 × 7.660
    # = 59,2 people a day today. 10 more kelurahan × 20 a working day × 5 / 7 = 142,9 more: 202,0 a day.
    # The 142,9 more only from today: 65.110 + 316 × 59,2 + 38 × 142,9 = 89.243 over 766.000 + 8.000 × 316 /
    # 365,25 = 772.921 people by 31 Dec 2026: 11,5%
    assert first.metric[1].value == again.metric[1].value == "≈11,5%"
    assert table_value(first, 1, "Laju sekarang, per hari") == "≈202 orang, perkiraan"
    assert table_value(first, 0, "Laju sekarang, per hari") == "≈59 orang, perkiraan"


def test_up_to_three_scenarios_are_kept_and_compared_in_one_table():
    at = open_page("pages/simulasi.py", region="blitar")
    keep = next(b for b in at.button if b.label == "Simpan skenario ini untuk dibandingkan")
    for multiplier in (1.5, 2.0, 3.0):
        at.select_slider(key="mult").set_value(multiplier).run()
        next(b for b in at.button if b.label == "Simpan skenario ini untuk dibandingkan").click().run()
    table = at.dataframe[0].value
    assert list(table.columns)[:3] == ["Butir", "Kondisi sekarang", "Skenario"]
    assert [c for c in table.columns if c.startswith("Skenario ")] == [
        "Skenario 1 · Blitar", "Skenario 2 · Blitar", "Skenario 3 · Blitar"]
    row = table.set_index("Butir").loc["Pengali laju sekarang"]
    assert (row["Skenario 1 · Blitar"], row["Skenario 3 · Blitar"]) == ("1,50×", "3,00×")
    assert next(b for b in at.button if b.label == keep.label).disabled


def test_bad_scenario_values_in_a_link_are_refused_kindly():
    at = open_page("pages/simulasi.py", region="blitar", mult="99", deadline="someday")
    message = next(w.value for w in at.warning if "tidak dikenal" in w.value)
    assert "pengali laju “99”" in message and "tenggat “someday”" in message
    assert at.select_slider(key="mult").value == 1.0


def test_simulation_in_english():
    at = open_page("pages/simulasi.py", region="blitar", lang="en")
    assert at.title[0].value == "What if…"
    assert at.metric[0].label == "Projected on 31 December 2026"


# --- Bandingkan: one common date -------------------------------------------------------------------------------
def test_compare_can_project_every_region_to_one_date_before_ranking():
    at = open_page("pages/bandingkan.py", common="1", at="2026-12-31")
    bar = spec(at)["data"][0]
    # Padang: 203.479 of 680.160 on 1 Nov 2024, + 203.479 / 626 days = 325,05 a day for 790 days
    # = 460.268, that is 67,67% on 31 Dec 2026
    shown = [" ".join(text.replace("<br>", " ").split()) for text in bar["text"]]  # as read: a line break is a space
    assert "67,7%* (proyeksi)" in shown
    assert bar["marker"]["pattern"]["shape"] == ["x"] * 5
    notes = at.warning[0].value
    assert "proyeksi ke 31 Desember 2026" in notes and "waktu yang berbeda" not in notes


def test_changing_the_region_on_simulasi_keeps_region_and_scenario_in_the_url():
    at = open_page("pages/simulasi.py", region="blitar", points="5")
    at.selectbox(key="region").set_value("balikpapan").run()
    assert url(at, "region") == ["balikpapan"] and url(at, "points") == ["5"]


def test_padangs_reach_day_already_past_is_said_to_be_past_not_announced():
    at = open_page("pages/simulasi.py", region="padang")
    # 29,92% on 1 Nov 2024 at 325 a day reaches 30% (204.048 of 680.160) two days later: a day long past that no
    # figure has shown, not a date still to come.
    assert table_value(at, 1, "Tanggal mencapai 30%") == (
        "sekitar 3 November 2024 menurut proyeksi, sudah lewat; belum ada angka sesudah 1 November 2024 yang "
        "menunjukkannya")
