"""Every page through Streamlit's AppTest: seed data, Indonesian formats, the language switch, bad links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import figures, open_page, spec, url


def texts(at: AppTest) -> str:
    parts = [e.value for e in [*at.markdown, *at.caption, *at.warning, *at.info, *at.title, *at.subheader]]
    return "\n".join(str(p) for p in parts)


def switch_to_english(at: AppTest) -> AppTest:
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    return at


# --- Ringkasan -------------------------------------------------------------------------------------------------
def test_overview_kpis_count_reached_regions_median_and_the_furthest_behind():
    at = open_page()
    metrics = {m.label: m.value for m in at.metric}
    # Padang reports "sekitar 30,06%", but its exact 203.479 of 680.160 is 29,92%: not reached yet.
    # Latest percents 2,2 · 5,77 · 8,5 · 19 · 30,06: the median is 8,5. Kaltim: 30% of 2.878.769 = 863.631 (rounded
    # up) less 5,77% of it = 166.105 is 697.526, more than Balikpapan's 164.690, Denpasar's 139.000, Blitar's 13.530.
    assert metrics["Wilayah mencapai target"] == "0 dari 5"
    assert metrics["Median persen terbaru"] == "8,5%"
    assert metrics["Paling jauh dari target: Kalimantan Timur"] == "697.526*"


def test_overview_table_shows_status_in_words_and_symbols_and_indonesian_numbers():
    table = open_page().dataframe[0].value.set_index("Wilayah")
    # Deadline 31 Dec 2026; paces are averages since the opening (14 Feb 2023), one observation each.
    # Padang: 29,92% by its exact count; 30% of 680.160 = 204.048, 569 to go in 790 days = 0,72 a day, against
    # 30,06% / 626 days × 680.160 = 326,6 a day: on track.
    assert table.loc["Padang", "Status"] == "● sesuai jalur"
    assert "target tercapai menurut persen, belum menurut jumlah" in table.loc["Padang", "Peringatan"]
    # Blitar: 13.530 in 411 days = 32,9 a day, against 19% / 1.005 days × 123.000 = 23,3 (more than half): at risk
    # Blitar: 23.370 people + 23,25 a day reaches 32.927 by 31 Dec 2026, and twice the pace from today only
    # 33.811, short of 36.900: behind (the 373 days since its figure cannot be doubled).
    assert table.loc["Blitar", "Status"] == "✖ tertinggal"
    # Denpasar: 150.000 − 11.000 = 139.000 in 990 days = 140,4 a day, against 2,2% / 426 days × 500.000 = 25,8
    assert table.loc["Denpasar", "Status"] == "✖ tertinggal"
    assert table.loc["Kalimantan Timur", "Jumlah dasar"] == "2.878.769"
    # 203.479 / 680.160 = 29,916%, of a 30% target 99,72%: the count and base, not the "≈30,06%" they contradict
    assert table.loc["Padang", "Capaian thd target (%)"] == pytest.approx(99.7)
    assert table.loc["Padang", "Persen"] == "29,92%* ⚠ dilaporkan ≈30,06%"


def test_overview_ranking_labels_carry_status_base_and_date():
    labels = spec(open_page())["data"][0]["y"]
    assert any("Blitar" in y and "✖ tertinggal" in y and "wajib KTP · Triwulan IV 2025" in y for y in labels)


def test_overview_switches_to_english_labels_numbers_and_chart():
    at = switch_to_english(open_page())
    assert at.title[0].value == "Latest IKD activation by region"
    assert {m.label for m in at.metric} >= {"Regions at or above target", "Median latest percent"}
    table = at.dataframe[0].value.set_index("Region")
    assert table.loc["Kalimantan Timur", "Base count"] == "2,878,769"
    assert table.loc["Blitar", "Status"] == "✖ behind"
    chart = spec(at)
    assert chart["layout"]["separators"] == ".,"
    assert chart["layout"]["title"]["text"].startswith("Latest IKD activation")
    assert url(at, "lang") == ["en"]


# --- Bandingkan ------------------------------------------------------------------------------------------------
def test_compare_restores_regions_and_metric_from_the_link():
    at = open_page("pages/bandingkan.py", regions=["padang", "denpasar"], metric="still_needed")
    assert at.multiselect(key="regions").value == ["padang", "denpasar"]
    bar = spec(at)["data"][0]
    # most people still needed first; plotly lists the bars bottom-up. Padang 204.048 − 203.479 = 569;
    # Denpasar 30% of ≈500.000 = 150.000 − 11.000 = ≈139.000
    assert bar["text"] == ["569*", "≈139.000*"]
    assert "orang yang masih dibutuhkan" in spec(at)["layout"]["title"]["text"]


def test_compare_mixed_selection_says_so_and_one_click_limits_it_to_like_for_like():
    at = open_page("pages/bandingkan.py")
    assert "mencampur dasar" in at.warning[0].value
    button = at.button[0]
    # Padang and Denpasar are the two cities whose percent is of perekaman KTP-el: the label names that group
    assert button.label == "Bandingkan yang setara saja: 2 wilayah tingkat Kota, persen dari perekaman KTP-el"
    assert button.help == "Hanya wilayah tingkat dan dasar yang sama, agar persennya setara: Padang, Denpasar."
    button.click().run()
    assert at.multiselect(key="regions").value == ["padang", "denpasar"]
    assert len(spec(at)["data"][0]["x"]) == 2
    assert not at.button  # the selection is like-for-like now: no offer, no note on bases
    assert not any("mencampur dasar" in w.value for w in at.warning)
    assert sorted(url(at, "regions")) == ["denpasar", "padang"]


def test_compare_metric_switch_changes_the_chart_from_percent_to_people():
    at = open_page("pages/bandingkan.py")
    assert spec(at)["layout"]["xaxis"]["title"]["text"] == "Persen dari dasarnya (%)"
    at.segmented_control(key="metric").set_value("still_needed").run()
    chart = spec(at)
    assert chart["layout"]["xaxis"]["title"]["text"] == "Orang"
    assert "697.526*" in chart["data"][0]["text"]
    assert url(at, "metric") == ["still_needed"]


def test_compare_level_filter_keeps_only_cities():
    at = open_page("pages/bandingkan.py", level="kota")
    names = " ".join(spec(at)["data"][0]["y"])
    assert "Kalimantan Timur" not in names and "Padang" in names
    assert not any("mencampur tingkat" in w.value for w in at.warning)


def test_compare_table_view_has_progress_numbers_and_indonesian_text():
    at = open_page("pages/bandingkan.py", indicator="kia")
    table = at.dataframe[0].value
    assert list(table["Wilayah"]) == ["Kalimantan Timur"]
    assert table.iloc[0]["Persen"] == "76,17%"
    assert "Tidak ada angka KIA untuk: Balikpapan, Blitar, Denpasar, Padang." in texts(at)


def test_compare_in_english_translates_metric_choices_and_axis():
    at = switch_to_english(open_page("pages/bandingkan.py"))
    assert at.title[0].value == "Compare regions"
    assert at.segmented_control(key="metric").options == ["Percent of base", "Percent of target",
                                                          "People still needed", "Data age"]
    assert spec(at)["layout"]["xaxis"]["title"]["text"] == "Percent of its base (%)"


# --- Wilayah ---------------------------------------------------------------------------------------------------
def test_region_page_shows_facts_quotes_and_the_parent_link():
    at = open_page("pages/wilayah.py", region="balikpapan")
    assert at.subheader[0].value == "Balikpapan"
    facts = at.dataframe[1].value.set_index("Fakta")
    assert facts.loc["Jumlah penduduk", "Nilai"] == "≈766.000"
    assert facts.loc["Titik layanan aktivasi IKD", "Nilai"] == "34"
    assert "34 kelurahan yang melayani aktivasi IKD" in facts.loc["Titik layanan aktivasi IKD", "Kutipan"]
    links = [link.proto.label for link in at.get("page_link")]
    assert "Kalimantan Timur" in links
    assert spec(at)["layout"]["title"]["text"] == "Balikpapan: semua observasi"


def test_region_page_lists_warnings_in_plain_words_and_children():
    at = open_page("pages/wilayah.py", region="kaltim")
    children = at.dataframe(key="children-kaltim").value
    assert list(children["Wilayah"]) == ["Balikpapan"]
    assert any("Akta kelahiran · 12 November 2024: Persen 99% mencapai target 99%, tetapi menurut jumlah dan "
               "dasarnya masih kurang 2.717 orang." == w.value for w in at.warning)
    history = spec(at)
    # each indicator's legend entry says its latest figure (the seed's Kaltim figures, as the articles give them)
    assert {trace["name"] for trace in history["data"]} == {"Aktivasi IKD: 5,77%", "Perekaman KTP-el: 99,65%",
                                                            "KIA: 76,17%", "Akta kelahiran: 99%"}


def test_region_page_notes_denpasar_non_resident_activations():
    at = open_page("pages/wilayah.py", region="denpasar")
    assert any("luar Denpasar" in i.value for i in at.info)


def test_region_page_in_english():
    at = switch_to_english(open_page("pages/wilayah.py", region="padang"))
    assert at.title[0].value == "Region detail"
    assert at.dataframe[0].value.iloc[0]["Percent"] == "29.92%* ⚠ reported ≈30.06%"


# --- Data & sumber ---------------------------------------------------------------------------------------------
def test_data_page_filters_by_region_indicator_and_search():
    at = open_page("pages/data.py", regions="kaltim", q="KIA")
    table = at.dataframe[0].value
    assert list(table["Indikator"]) == ["KIA"]
    assert table.iloc[0]["Jumlah aktivasi"] == "912.264"
    assert "1 dari 8 observasi" in texts(at)


def test_data_page_offers_csv_and_excel_downloads_and_the_editing_note():
    at = open_page("pages/data.py")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh CSV", "Unduh Excel (.xlsx)"]
    assert "data/regions.yaml" in at.expander[0].markdown[0].value


def test_data_page_in_english_has_english_headers():
    at = switch_to_english(open_page("pages/data.py"))
    assert "Region" in at.dataframe[0].value.columns
    assert at.title[0].value == "Every observation and its source"


# --- Bad links, on every page ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("page", "title"), [(None, "Aktivasi IKD terbaru per wilayah"),
                                             ("pages/bandingkan.py", "Bandingkan wilayah"),
                                             ("pages/wilayah.py", "Detail wilayah"),
                                             ("pages/data.py", "Semua observasi dan sumbernya")])
def test_unknown_values_in_a_link_are_dropped_with_a_friendly_message(page, title):
    at = open_page(page, regions="nowhere", region="atlantis", metric="bogus", lang="fr", indicator="xyz")
    message = next(w.value for w in at.warning if "tidak dikenal" in w.value)
    for shown in ("wilayah “nowhere”", "wilayah “atlantis”", "ukuran “bogus”", "bahasa “fr”",
                  "indikator “xyz”"):
        assert shown in message
    assert at.title[0].value == title  # the page itself still renders, in Indonesian


def test_markup_in_a_link_value_is_shown_literally():
    at = open_page(None, region="[klik](javascript:alert(1))")
    message = next(w.value for w in at.warning if "tidak dikenal" in w.value)
    assert "\\[klik\\](javascript:alert(1))" in message


@pytest.mark.parametrize("page", [None, "pages/bandingkan.py", "pages/wilayah.py", "pages/proyeksi.py",
                                  "pages/simulasi.py"])
def test_every_chart_saves_a_3x_png_for_slides_and_keeps_our_own_template(page):
    import json

    at = open_page(page)
    shown = figures(at)
    # st.plotly_chart's config, and that of the charts updated in place (Simulasi, Proyeksi)
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    configs += [json.loads(chart.proto.json)["config"] for chart in at.get("bidi_component")]
    assert shown and len(configs) == len(shown)
    for config in configs:
        assert config["toImageButtonOptions"]["scale"] >= 3 and config["displaylogo"] is False
    for chart in at.get("plotly_chart"):
        assert chart.proto.theme == ""  # theme=None: our template, not Streamlit's
    for figure in shown:
        assert figure["layout"]["separators"] == ",."
