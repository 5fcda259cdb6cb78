"""The seed data file against the five articles it was taken from.

The seed file as of 23 November 2026 is frozen in tests/fixtures/seed with its articles. Every expected figure
below was read off the article text in the fixture's sources/, not copied from its regions.yaml; `says()`
additionally checks that the sentence a figure comes from really is in the article, so the tests break if either
side drifts.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ikd_core.domain.dates import FuzzyDate
from ikd_core.domain.loading import load_path

from conftest import DATA, FIXTURE, TODAY

BALIKPAPAN = "inibalikpapan-2026-02-18"
BLITAR = "blitar-2025-q4"
DENPASAR = "balipost-denpasar-2024-05-06"
KALTIM = "cakrawalakaltim-2024-11-19"
PADANG = "kupasonline-padang-2024-11"


@pytest.fixture(scope="module")
def loaded():
    return load_path(DATA, today=TODAY)


@pytest.fixture(scope="module")
def ds(loaded):
    return loaded.dataset


# --- helpers -----------------------------------------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace-normalised text (nothing else: case and punctuation must match verbatim)."""
    return re.sub(r"\s+", " ", text).strip()


def says(loaded, source_id: str, phrase: str) -> str:
    """Assert that the article `source_id` contains `phrase` word for word."""
    assert squash(phrase) in squash(loaded.source_texts[source_id]), f"{source_id} does not say {phrase!r}"
    return phrase


def observation(ds, region: str, indicator: str):
    found = [o for o in ds.observations if o.region == region and o.indicator == indicator]
    assert len(found) == 1, f"expected one {indicator} observation for {region}, found {len(found)}"
    return found[0]


def region(ds, region_id: str):
    found = [r for r in ds.regions if r.id == region_id]
    assert len(found) == 1, f"expected one region {region_id!r}, found {len(found)}"
    return found[0]


def source(ds, source_id: str):
    found = [s for s in ds.sources if s.id == source_id]
    assert len(found) == 1, f"expected one source {source_id!r}, found {len(found)}"
    return found[0]


def targets(ds, indicator: str) -> dict[int, object]:
    ind = [i for i in ds.indicators if i.id == indicator]
    assert len(ind) == 1
    return {t.year: t for t in ind[0].targets}


# How an Indonesian article writes a number. A figure in the YAML must be found in its quote in one of
# these forms, bounded so that 197605 is not "found" inside 1.197.605, and a count is not found in a percent.
_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh", 8: "delapan",
          9: "sembilan", 10: "sepuluh", 11: "sebelas"}
_HEDGE_BEFORE = re.compile(r"(?:sekitar|kisaran|kurang lebih|hampir|diperkirakan(?: mencapai)?)\s+$", re.I)


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def written_pattern(value: float, kind: str) -> re.Pattern:
    if kind == "percent":
        plain = f"{value:.10f}".rstrip("0").rstrip(".")  # 99.4 -> "99.4", 30.0 -> "30"
        whole, _, frac = plain.partition(".")
        number = re.escape(_dotted(int(whole))) + (f",{frac}0*" if frac else "(?:,0+)?")
        return re.compile(rf"(?<![\w.,]){number}(?!\d)\s*(?:%|persen\b)")
    assert kind == "count"
    n = int(value)
    assert n == value, f"a count must be a whole number, not {value}"
    forms = {re.escape(_dotted(n)), str(n)}
    for unit, name in ((1_000_000, "juta"), (1000, "ribu")):
        if n >= unit and n % unit == 0:
            forms.add(re.escape(_dotted(n // unit)) + rf" {name}(?:an)?")
    if n in _WORDS:
        forms.add(_WORDS[n])
    alternatives = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.,])(?:{alternatives})(?![\w]|[.,]\d)(?!\s*(?:%|persen))", re.I)


def find_written(value: float, kind: str, text: str) -> list[re.Match]:
    return list(written_pattern(value, kind).finditer(squash(text)))


def hedged(match: re.Match) -> bool:
    """Approximate wording at this occurrence: 'sekitar 19 persen', 'kisaran 8,5', '11 ribu', '500 ribuan'."""
    before = match.string[: match.start()][-40:]
    return bool(_HEDGE_BEFORE.search(before)) or bool(re.search(r"ribu|juta", match.group(0), re.I))


def all_quotes(ds):
    """(where, source id, quote) for every quote in the file."""
    for ind in ds.indicators:
        for t in ind.targets:
            yield f"indicators.{ind.id}.targets[{t.year}]", t.source, t.quote
    for r in ds.regions:
        for name, fact in r.facts:
            if fact is not None:
                yield f"regions.{r.id}.facts.{name}", fact.source, fact.quote
        for j, note in enumerate(r.notes):
            yield f"regions.{r.id}.notes[{j}]", note.source, note.quote
    for o in ds.observations:
        for j, q in enumerate(o.quotes):
            yield f"observations.{o.id}.quotes[{j}]", o.source, q


def all_figures(ds):
    """(where, value, kind, approximate flag or None, quotes) for every number in the file."""
    for ind in ds.indicators:
        for t in ind.targets:
            yield f"indicators.{ind.id}.targets[{t.year}].percent", t.percent, "percent", None, [t.quote]
    for r in ds.regions:
        for name, fact in r.facts:
            if fact is not None:
                yield f"regions.{r.id}.facts.{name}", fact.value, "count", fact.approximate, [fact.quote]
    for o in ds.observations:
        where = f"observations.{o.id}"
        if o.count is not None:
            yield f"{where}.count", o.count, "count", o.count_approximate, o.quotes
        if o.percent is not None:
            yield f"{where}.percent", o.percent, "percent", o.percent_approximate, o.quotes
        if o.base is not None:
            yield f"{where}.base.count", o.base.count, "count", o.base.approximate, o.quotes
        if o.target_count is not None:
            yield f"{where}.target_count", o.target_count, "count", o.target_count_approximate, o.quotes


# --- the whole file against the articles ----------------------------------------------------------------------


def test_every_quote_appears_verbatim_in_its_source_article(loaded, ds):
    checked, problems = 0, []
    for where, source_id, quote in all_quotes(ds):
        checked += 1
        text = loaded.source_texts.get(source_id)
        if text is None:
            problems.append(f"{where}: source {source_id!r} has no article text")
        elif squash(quote) not in squash(text):
            problems.append(f"{where}: not in {source_id}: {quote!r}")
    # 7 targets + 5 facts + 1 note + 14 observation quotes (2 Balikpapan, 3 Blitar, 3 Denpasar, 5 Kaltim, 1 Padang)
    assert checked == 27
    assert not problems, "\n".join(problems)


def test_every_figure_is_written_in_its_quotes_with_matching_approximate_flag(ds):
    """A typo in the YAML (203497 for 203.479) or a figure no quote states makes this fail.

    Where a flag exists, it must agree with the quote's wording: approximate exactly when the figure is hedged
    ("sekitar", "kisaran", "diperkirakan", "... ribu").
    """
    checked, problems = 0, []
    for where, value, kind, approximate, quotes in all_figures(ds):
        checked += 1
        matches = [m for q in quotes for m in find_written(value, kind, q)]
        if not matches:
            problems.append(f"{where}: {value:g} ({kind}) is not written in its quotes {quotes!r}")
        elif approximate is not None and approximate != any(hedged(m) for m in matches):
            words = [m.string[max(0, m.start() - 25): m.end()] for m in matches]
            problems.append(f"{where}: approximate={approximate} but the quote says {words!r}")
    # 7 target percents + 5 facts + 21 observation figures (Balikpapan 2, Blitar 3, Denpasar 3, Kaltim IKD 2,
    # KTP-el 2, KIA 3, akta 3, Padang 3)
    assert checked == 33
    assert not problems, "\n".join(problems)


def test_figure_matcher_catches_typos_and_partial_numbers():
    kia = ("Cakupan Kartu Identitas Anak (KIA) sebesar 76,17% dari target nasional 60%, dengan 912.264 anak "
           "dari 1.197.605 anak di Kaltim telah memiliki KIA.")
    padang = "sudah tercatat sebanyak 203.479 warga Kota Padang yang memiliki IKD, yang berjumlah sekitar 30,06 persen"
    assert find_written(203479, "count", padang)
    assert not find_written(203497, "count", padang)  # transposed digits
    assert not find_written(20347, "count", padang)  # dropped digit
    assert find_written(1197605, "count", kia)
    assert not find_written(197605, "count", kia)  # only part of 1.197.605
    assert not find_written(1197, "count", kia)
    assert find_written(76.17, "percent", kia) and find_written(60, "percent", kia)
    assert not find_written(76.71, "percent", kia)
    assert not find_written(76.1, "percent", kia)
    assert not find_written(60, "count", kia)  # 60% is a percent, not a count
    assert not find_written(912264, "percent", kia)
    assert find_written(30.06, "percent", padang) and not find_written(30.6, "percent", padang)
    assert find_written(99.4, "percent", "melampaui target nasional sebesar 99,40%")
    assert not find_written(99.04, "percent", "melampaui target nasional sebesar 99,40%")
    assert find_written(11000, "count", "mencatat 11 ribu warga")
    assert not find_written(1000, "count", "mencatat 11 ribu warga")
    assert find_written(3, "count", "Perekaman KTP kami jadwalkan tiga kali dalam seminggu")
    [m] = find_written(8.5, "percent", "masih berada di kisaran 8,5 persen.")
    assert hedged(m)
    [m] = find_written(2.2, "percent", "Jumlah tersebut sebesar 2,2 persen dari jumlah penduduk")
    assert not hedged(m)


# --- sources -------------------------------------------------------------------------------------------------------


def test_five_sources_each_with_its_article_text_loaded(loaded, ds):
    files = {p.stem for p in (FIXTURE / "sources").glob("*.txt")}
    assert files == {BALIKPAPAN, BLITAR, DENPASAR, KALTIM, PADANG}
    articles = [s for s in ds.sources if s.file]
    assert {s.id for s in articles} == files
    assert {s.file for s in articles} == {f"sources/{f}.txt" for f in files}
    assert set(loaded.source_texts) == files
    assert all(len(text) > 1000 for text in loaded.source_texts.values())


@pytest.mark.parametrize(
    ("source_id", "written", "precision", "start"),
    [
        (KALTIM, "Selasa (19/11/2024)", "day", dt.date(2024, 11, 19)),  # 19 Nov 2024 was a Tuesday (Selasa)
        (BALIKPAPAN, "Rabu (18/2/2026)", "day", dt.date(2026, 2, 18)),  # 18 Feb 2026 was a Wednesday (Rabu)
        # 6 May 2024 was a Monday (Senin); the year from "hingga April 2024"
        (DENPASAR, "Senin (6/5)", "day", dt.date(2024, 5, 6)),
        (BLITAR, "Menjelang penutupan tahun 2025", "quarter", dt.date(2025, 10, 1)),
    ],
    ids=["kaltim-tuesday-19-nov-2024", "balikpapan-wednesday-18-feb-2026", "denpasar-monday-6-may-2024",
         "blitar-q4-2025"],
)
def test_source_publication_dates_are_the_dates_the_articles_give(loaded, ds, source_id, written, precision,
                                                                   start):
    says(loaded, source_id, written)
    published = source(ds, source_id).date_published
    assert published.precision == precision
    assert published.start == start
    assert source(ds, source_id).date_note


def test_denpasar_statement_year_2024_comes_from_hingga_april_2024(loaded, ds):
    says(loaded, DENPASAR, "hingga April 2024")
    s = source(ds, DENPASAR)
    assert s.date_published.start.year == 2024
    assert "April 2024" in s.date_note  # the note says where the year came from


def test_padang_article_states_no_publication_date(loaded, ds):
    says(loaded, PADANG, "Hingga 1 November 2024")
    s = source(ds, PADANG)
    assert s.date_published is None
    assert s.date_note


@pytest.mark.parametrize(
    ("source_id", "name"),
    [(BALIKPAPAN, "Tirta Dewi"), (BLITAR, "Bicherwin Damanik"), (DENPASAR, "Ida Ayu Gede Sutha Lingga Padmini"),
     (KALTIM, "Arief Murdiyatno"), (PADANG, "Teddy Antonius")],
)
def test_source_people_are_the_officials_quoted_in_the_article(loaded, ds, source_id, name):
    says(loaded, source_id, name)
    assert [p.name for p in source(ds, source_id).people] == [name]


@pytest.mark.parametrize(
    ("source_id", "headline"),
    [
        (BALIKPAPAN, "Dekatkan Pelayanan Administrasi, IKD Balikpapan Kini Menyasar Tingkat Kelurahan"),
        (BLITAR, "Dispendukcapil Kota Blitar Kebut Aktivasi IKD, Target 30 Persen Dikejar Jelang Akhir Tahun"),
        (PADANG, "Kota Padang Capai Target Aktivasi IKD 30 Persen"),
        (KALTIM, None),  # the copy starts with the dateline, no headline
        (DENPASAR, None),  # the copy starts with a photo caption, no headline
    ],
)
def test_source_titles_are_the_articles_headlines_or_absent(loaded, ds, source_id, headline):
    assert source(ds, source_id).title == headline
    if headline is not None:
        assert loaded.source_texts[source_id].lstrip().startswith(headline)


@pytest.mark.parametrize(
    ("source_id", "masthead"),
    [(BALIKPAPAN, "Inibalikpapan.com"), (KALTIM, "Cakrawalakaltim.com"), (PADANG, "KUPASONLINE.COM"),
     (DENPASAR, "BALIPOST.com"), (BLITAR, None)],
)
def test_source_publishers_are_the_mastheads_in_the_articles(loaded, ds, source_id, masthead):
    publisher = source(ds, source_id).publisher
    if masthead is None:  # the Blitar copy names no outlet, only the initials HEV/YUN
        says(loaded, BLITAR, "(HEV/YUN)")
        assert publisher is None
    else:
        says(loaded, source_id, masthead)
        assert publisher is not None and publisher.startswith(masthead)


# --- indicators and targets --------------------------------------------------------------------------------------


def test_indicators_are_ikd_ktp_el_kia_and_akta_with_their_usual_bases(ds):
    assert {i.id: i.base for i in ds.indicators} == {
        "ikd": "wajib_ktp", "ktp_el": "wajib_ktp", "kia": "anak", "akta_kelahiran": "anak"}


def test_ikd_national_targets_by_year_are_25_then_30(loaded, ds):
    says(loaded, DENPASAR, "target aktivasi IKD tahun ini dinaikkan dari tahun 2023 dengan target 25 persen")
    says(loaded, DENPASAR, "Pemerintah pusat menargetkan 30 persen masyarakat kota sudah melakukan aktivasi IKD "
                           "hingga akhir 2024")
    says(loaded, BLITAR, "untuk memenuhi target nasional, yakni minimal 30 persen aktivasi pada tahun ini")
    says(loaded, BALIKPAPAN, "membantu pemerintah pusat mencapai target 30 persen pada tahun 2026")
    ikd = targets(ds, "ikd")
    assert {year: t.percent for year, t in ikd.items()} == {2023: 25, 2024: 30, 2025: 30, 2026: 30}
    assert {year: t.source for year, t in ikd.items()} == {
        2023: DENPASAR, 2024: DENPASAR, 2025: BLITAR, 2026: BALIKPAPAN}


def test_ktp_el_target_is_99_40_percent_in_2024(loaded, ds):
    says(loaded, KALTIM, "Perekaman KTP-el telah mencapai 99,65% dari total 2.878.769 jiwa wajib KTP, "
                         "melampaui target nasional sebesar 99,40%.")
    [(year, t)] = targets(ds, "ktp_el").items()
    assert (year, t.percent, t.source) == (2024, 99.40, KALTIM)


def test_kia_target_is_60_percent_in_2024(loaded, ds):
    says(loaded, KALTIM, "Cakupan Kartu Identitas Anak (KIA) sebesar 76,17% dari target nasional 60%")
    [(year, t)] = targets(ds, "kia").items()
    assert (year, t.percent, t.source) == (2024, 60, KALTIM)


def test_akta_kelahiran_target_is_99_percent_in_2024(loaded, ds):
    says(loaded, KALTIM, "Cakupan Akta Kelahiran mencapai 99%, sesuai target nasional")
    [(year, t)] = targets(ds, "akta_kelahiran").items()
    assert (year, t.percent, t.source) == (2024, 99, KALTIM)


# --- regions -------------------------------------------------------------------------------------------------------


def test_regions_are_exactly_the_five_places_the_articles_report(ds):
    assert sorted(r.id for r in ds.regions) == ["balikpapan", "blitar", "denpasar", "kaltim", "padang"]


def test_kaltim_is_the_province_kalimantan_timur_without_parent(loaded, ds):
    says(loaded, KALTIM, "Provinsi Kalimantan Timur")
    r = region(ds, "kaltim")
    assert (r.name, r.level, r.parent, r.province) == ("Kalimantan Timur", "provinsi", None, "Kalimantan Timur")


def test_balikpapan_is_a_kota_inside_kaltim_province(loaded, ds):
    says(loaded, BALIKPAPAN, "Kota Balikpapan")
    says(loaded, KALTIM, "Hotel Gran Senyiur Balikpapan")  # the Kaltim Rakorda took place in Balikpapan
    r = region(ds, "balikpapan")
    assert (r.name, r.level, r.parent, r.province) == ("Balikpapan", "kota", "kaltim", "Kalimantan Timur")
    assert region(ds, r.parent).province == r.province


@pytest.mark.parametrize(
    ("region_id", "name", "written", "province"),
    [("blitar", "Blitar", "Kota Blitar", "Jawa Timur"), ("denpasar", "Denpasar", "Kota Denpasar", "Bali"),
     ("padang", "Padang", "Kota Padang", "Sumatera Barat")],
)
def test_cities_outside_kaltim_are_kota_without_parent_in_their_province(loaded, ds, region_id, name, written,
                                                                        province):
    source_id = {"blitar": BLITAR, "denpasar": DENPASAR, "padang": PADANG}[region_id]
    says(loaded, source_id, written)
    r = region(ds, region_id)
    assert (r.name, r.level, r.parent, r.province) == (name, "kota", None, province)


# --- facts ---------------------------------------------------------------------------------------------------------


def test_balikpapan_population_about_766_ribu_is_approximate(loaded, ds):
    says(loaded, BALIKPAPAN, "jumlah penduduk Balikpapan saat ini mencapai sekitar 766 ribu jiwa")
    f = region(ds, "balikpapan").facts.population
    assert (f.value, f.approximate, f.source) == (766_000, True, BALIKPAPAN)
    assert f.as_of == FuzzyDate.day(dt.date(2026, 2, 18))


def test_balikpapan_population_growth_about_8000_a_year(loaded, ds):
    says(loaded, BALIKPAPAN, "Setiap tahun terjadi pertambahan penduduk sekitar 8 ribu jiwa")
    f = region(ds, "balikpapan").facts.population_growth_per_year
    assert (f.value, f.approximate, f.source) == (8_000, True, BALIKPAPAN)


def test_balikpapan_service_points_34_of_which_21_apbd_murni(loaded, ds):
    says(loaded, BALIKPAPAN, "Saat ini terdapat 34 kelurahan yang melayani aktivasi IKD, dengan 21 kelurahan "
                             "didukung melalui APBD murni.")
    facts = region(ds, "balikpapan").facts
    assert (facts.service_points.value, facts.service_points.approximate) == (34, False)
    assert (facts.service_points_apbd.value, facts.service_points_apbd.approximate) == (21, False)
    assert facts.service_points.source == facts.service_points_apbd.source == BALIKPAPAN


def test_blitar_outreach_three_times_a_week(loaded, ds):
    says(loaded, BLITAR, "Perekaman KTP kami jadwalkan tiga kali dalam seminggu.")
    f = region(ds, "blitar").facts.outreach_per_week
    assert (f.value, f.approximate, f.source) == (3, False, BLITAR)
    assert f.note  # the schedule is for KTP-el recording, IKD activation only rides along


def test_only_balikpapan_and_blitar_have_stated_facts(ds):
    stated = {r.id: sorted(name for name, f in r.facts if f is not None) for r in ds.regions}
    assert stated == {
        "balikpapan": ["population", "population_growth_per_year", "service_points", "service_points_apbd"],
        "blitar": ["outreach_per_week"],
        "denpasar": [], "kaltim": [], "padang": [],
    }


def test_denpasar_note_many_activations_come_from_outside_denpasar(loaded, ds):
    says(loaded, DENPASAR, "Malah yang banyak dari luar Denpasar bahkan dari luar Bali.")
    says(loaded, DENPASAR, "Bahkan tidak tercatat dalam target")
    [note] = region(ds, "denpasar").notes
    assert note.source == DENPASAR
    assert "luar Bali" in note.quote


# --- observations --------------------------------------------------------------------------------------------------


def test_observations_are_exactly_the_eight_reported_figure_sets(ds):
    assert sorted((o.region, o.indicator, o.as_of.to_yaml(), o.source) for o in ds.observations) == [
        ("balikpapan", "ikd", "2026-02-18", BALIKPAPAN),
        ("blitar", "ikd", "2025-Q4", BLITAR),
        ("denpasar", "ikd", "2024-04", DENPASAR),
        ("kaltim", "akta_kelahiran", "2024-11-12", KALTIM),
        ("kaltim", "ikd", "2024-11-12", KALTIM),
        ("kaltim", "kia", "2024-11-12", KALTIM),
        ("kaltim", "ktp_el", "2024-11-12", KALTIM),
        ("padang", "ikd", "2024-11-01", PADANG),
    ]


def test_kaltim_figures_are_as_of_12_november_2024_a_week_before_the_rakorda(loaded, ds):
    says(loaded, KALTIM, "progres kinerja penyelenggaraan administrasi kependudukan di Kaltim hingga 12 November 2024")
    published = source(ds, KALTIM).date_published
    for o in ds.observations:
        if o.region == "kaltim":
            assert o.as_of == FuzzyDate.day(dt.date(2024, 11, 12))
            assert (published.start - o.as_of.end).days == 7


def test_kaltim_ikd_is_5_77_percent_of_2878769_wajib_ktp(loaded, ds):
    says(loaded, KALTIM, "Dari target 30% wajib KTP, saat ini baru 5,77% yang berhasil melakukan aktivasi IKD.")
    says(loaded, KALTIM, "dari total 2.878.769 jiwa wajib KTP")
    o = observation(ds, "kaltim", "ikd")
    assert (o.percent, o.percent_approximate, o.percent_of) == (5.77, False, "wajib_ktp")
    assert (o.base.kind, o.base.count, o.base.approximate, o.base.estimate) == ("wajib_ktp", 2_878_769, False, None)
    assert o.count is None  # the article gives no activation count


def test_kaltim_ktp_el_recording_is_99_65_percent_of_2878769_wajib_ktp(loaded, ds):
    says(loaded, KALTIM, "Perekaman KTP-el telah mencapai 99,65% dari total 2.878.769 jiwa wajib KTP")
    o = observation(ds, "kaltim", "ktp_el")
    assert (o.percent, o.percent_approximate, o.percent_of) == (99.65, False, "wajib_ktp")
    assert (o.base.kind, o.base.count, o.base.approximate) == ("wajib_ktp", 2_878_769, False)
    assert o.count is None


def test_kaltim_kia_reports_912264_of_1197605_children_as_76_17_percent(loaded, ds):
    says(loaded, KALTIM, "sebesar 76,17% dari target nasional 60%, dengan 912.264 anak dari 1.197.605 anak di "
                         "Kaltim telah memiliki KIA")
    o = observation(ds, "kaltim", "kia")
    assert (o.count, o.count_approximate) == (912_264, False)
    assert (o.percent, o.percent_approximate, o.percent_of) == (76.17, False, "anak")
    assert (o.base.kind, o.base.count, o.base.approximate) == ("anak", 1_197_605, False)


def test_kaltim_akta_reports_1234871_of_1250088_children_as_99_percent(loaded, ds):
    says(loaded, KALTIM, "Cakupan Akta Kelahiran mencapai 99%, sesuai target nasional, dengan 1.234.871 anak dari "
                         "1.250.088 anak telah memiliki akta kelahiran.")
    o = observation(ds, "kaltim", "akta_kelahiran")
    assert (o.count, o.count_approximate) == (1_234_871, False)
    assert (o.percent, o.percent_approximate, o.percent_of) == (99, False, "anak")
    assert (o.base.kind, o.base.count, o.base.approximate) == ("anak", 1_250_088, False)


def test_padang_count_percent_and_perekaman_base_are_as_published(loaded, ds):
    says(loaded, PADANG, "Hingga 1 November 2024, sudah tercatat sebanyak 203.479 warga Kota Padang yang memiliki "
                         "IKD, yang berjumlah sekitar 30,06 persen dari total 680.160 warga yang sudah melakukan "
                         "perekaman data.")
    o = observation(ds, "padang", "ikd")
    assert (o.count, o.count_approximate) == (203_479, False)
    assert (o.percent, o.percent_of) == (30.06, "perekaman_ktp_el")
    assert (o.base.kind, o.base.count, o.base.approximate, o.base.estimate) == (
        "perekaman_ktp_el", 680_160, False, None)
    assert o.as_of == FuzzyDate.day(dt.date(2024, 11, 1))


def test_padang_sekitar_30_06_percent_is_marked_approximate(loaded, ds):
    says(loaded, PADANG, "yang berjumlah sekitar 30,06 persen")
    assert observation(ds, "padang", "ikd").percent_approximate is True


def test_denpasar_11_ribu_is_marked_approximate(loaded, ds):
    says(loaded, DENPASAR, "mencatat 11 ribu warga sudah melakukan aktivasi Identitas Kependudukan Digital (IKD) "
                           "hingga April 2024")
    o = observation(ds, "denpasar", "ikd")
    assert (o.count, o.count_approximate) == (11_000, True)


def test_denpasar_2_2_percent_of_residents_with_e_ktp_is_stated_exactly(loaded, ds):
    says(loaded, DENPASAR, "Jumlah tersebut sebesar 2,2 persen dari jumlah penduduk di Kota Denpasar yang sudah "
                           "memiliki e-KTP.")
    o = observation(ds, "denpasar", "ikd")
    assert (o.percent, o.percent_approximate, o.percent_of) == (2.2, False, "perekaman_ktp_el")


def test_denpasar_base_500_ribuan_lebih_is_an_approximate_perekaman_count(loaded, ds):
    says(loaded, DENPASAR, "jumlah penduduk yang sudah perekaman e-KTP mencapai 500 ribuan orang lebih")
    base = observation(ds, "denpasar", "ikd").base
    assert (base.kind, base.count, base.approximate, base.estimate) == ("perekaman_ktp_el", 500_000, True, None)


def test_denpasar_as_of_is_month_precision_april_2024_before_publication(ds):
    o = observation(ds, "denpasar", "ikd")
    assert o.as_of.precision == "month"
    assert (o.as_of.start, o.as_of.end) == (dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert o.as_of.end < source(ds, DENPASAR).date_published.start


def test_blitar_sekitar_19_percent_is_marked_approximate(loaded, ds):
    says(loaded, BLITAR, "Dari target 30 persen, capaian kami masih sekitar 19 persen.")
    o = observation(ds, "blitar", "ikd")
    assert (o.percent, o.percent_approximate) == (19, True)
    assert o.count is None  # the article gives no activation count, only a share


def test_blitar_base_is_about_123_ribu_wajib_ktp(loaded, ds):
    says(loaded, BLITAR, "Di Kota Blitar, jumlah penduduk wajib KTP diperkirakan mencapai 123 ribu jiwa.")
    base = observation(ds, "blitar", "ikd").base
    assert (base.kind, base.count, base.approximate, base.estimate) == ("wajib_ktp", 123_000, True, None)


def test_blitar_target_count_about_36900_is_marked_approximate(loaded, ds):
    says(loaded, BLITAR, "Artinya, sekitar 36.900 warga harus mengaktifkan IKD sebelum pergantian tahun.")
    o = observation(ds, "blitar", "ikd")
    assert (o.target_count, o.target_count_approximate) == (36_900, True)


def test_blitar_19_percent_of_wajib_ktp_is_an_inference_explained_in_a_note(ds):
    o = observation(ds, "blitar", "ikd")
    # The article never says what the 19% is of; it only computes the 30% target from wajib KTP.
    assert o.percent_of == "wajib_ktp" == o.base.kind
    assert o.percent_of_note and "36.900" in o.percent_of_note and "123" in o.percent_of_note


def test_blitar_as_of_is_quarter_precision_q4_2025(ds):
    o = observation(ds, "blitar", "ikd")
    assert o.as_of.precision == "quarter"
    assert (o.as_of.start, o.as_of.end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert o.as_of.to_yaml() == "2025-Q4"
    assert o.as_of == source(ds, BLITAR).date_published  # "hingga kini": as of the (undated) article


def test_balikpapan_kisaran_8_5_percent_is_approximate_with_unspecified_base(loaded, ds):
    says(loaded, BALIKPAPAN, "Hingga saat ini, capaian Kota Balikpapan masih berada di kisaran 8,5 persen.")
    o = observation(ds, "balikpapan", "ikd")
    assert (o.percent, o.percent_approximate, o.percent_of) == (8.5, True, "unspecified")
    assert o.count is None


def test_balikpapan_base_is_an_explicit_estimate_with_reasoning(ds):
    base = observation(ds, "balikpapan", "ikd").base
    # The article does not say what 8,5% is of; the population it gives is only a stand-in, so it must be an
    # estimate, with the reasoning spelt out.
    assert (base.kind, base.count, base.approximate) == ("penduduk", 766_000, True)
    assert base.estimate is not None and len(base.estimate) > 80
    assert "8,5" in base.estimate and "766" in base.estimate


def test_balikpapan_as_of_is_the_statement_date_18_february_2026(ds):
    o = observation(ds, "balikpapan", "ikd")
    assert o.as_of == FuzzyDate.day(dt.date(2026, 2, 18)) == source(ds, BALIKPAPAN).date_published


def test_no_figure_is_dated_after_its_source_was_published(ds):
    published = {s.id: s.date_published for s in ds.sources}
    dated = [(o.id, o.as_of, o.source) for o in ds.observations]
    dated += [(f"{r.id}.{name}", f.as_of, f.source) for r in ds.regions for name, f in r.facts
              if f is not None and f.as_of is not None]
    for what, as_of, source_id in dated:
        if published[source_id] is not None:
            assert as_of.start <= published[source_id].end, what


def test_only_the_balikpapan_base_is_an_estimate(ds):
    # Every other base is stated by its article; Balikpapan's 8,5% names no base at all.
    assert [o.id for o in ds.observations if o.base is not None and o.base.estimate] == ["balikpapan-ikd-2026-02-18"]


def test_program_opening_is_early_2023_from_the_blora_source_with_a_note_and_no_invented_quote(ds):
    opening = ds.program.public_opening
    assert (opening.date.precision, opening.date.start) == ("quarter", dt.date(2023, 1, 1))
    blora = next(s for s in ds.sources if s.id == opening.source)
    assert str(blora.url) == "https://dindukcapil.blorakab.go.id/?p=1332" and blora.file is None
    assert opening.quote is None and "awal 2023" in opening.note.lower()
