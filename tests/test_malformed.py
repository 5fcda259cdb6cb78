"""Malformed data files: every problem is refused with a message an analyst can act on, at the right line.

Each test starts from one small VALID document (`VALID`), breaks exactly one thing in it, and checks both
the message and the position. Expected positions are computed by finding the broken text in the document
(`where`), never hard-coded, so they cannot drift when `VALID` is edited.
"""

from __future__ import annotations

import pytest

from ikd_core.domain import loading
from ikd_core.domain.errors import DataError, DataFileError, DataFileUnreadable
from ikd_core.domain.loading import MAX_BYTES, Loaded, decode, load_path, load_text

from conftest import TODAY

FILE = "regions.yaml"

VALID = """\
version: 1

sources:
  - id: src-a
    publisher: Cakrawalakaltim.com
    date_published: 2024-11-19
  - id: src-b
    publisher: Inibalikpapan.com

indicators:
  - id: ikd
    name: {id: "Aktivasi IKD", en: "IKD activation"}
    base: wajib_ktp
    targets:
      - year: 2024
        percent: 30
        source: src-a
        quote: "target nasional 30 persen"

regions:
  - id: kaltim
    name: Kalimantan Timur
    level: provinsi
    province: Kalimantan Timur
  - id: balikpapan
    name: Balikpapan
    level: kota
    parent: kaltim
    province: Kalimantan Timur
    facts:
      population:
        value: 766000
        as_of: 2024-11-01
        source: src-a
        quote: "sekitar 766 ribu jiwa"

observations:
  - id: kaltim-ikd-2024-11-12
    region: kaltim
    indicator: ikd
    as_of: 2024-11-12
    source: src-a
    count: 166000
    percent: 5.77
    percent_of: wajib_ktp
    base:
      kind: wajib_ktp
      count: 2878769
    quotes:
      - "baru 5,77% yang berhasil melakukan aktivasi IKD"
"""


# --- helpers ---------------------------------------------------------------------------------------------


def where(text: str, needle: str, at: str | None = None, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of `at` inside the `occurrence`-th match of `needle` (default: its start).

    With occurrence=1 the needle must be unique, so a test cannot silently point at the wrong copy.
    """
    if occurrence == 1:
        assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    offset = start + (needle.index(at) if at is not None else 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def line_of(text: str, needle: str) -> int:
    return where(text, needle)[0]


def broken(old: str, new: str, doc: str = VALID) -> str:
    """`doc` with the single occurrence of `old` replaced by `new`."""
    assert doc.count(old) == 1, f"{old!r} occurs {doc.count(old)} times"
    return doc.replace(old, new)


def load(text: str) -> Loaded:
    return load_text(text, FILE, today=TODAY)


def errors_of(text: str) -> list[DataError]:
    with pytest.raises(DataFileError) as info:
        load(text)
    return info.value.errors


def only_error(text: str) -> DataError:
    errors = errors_of(text)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def assert_at(error: DataError, position: tuple[int, int], *, column: bool = True) -> None:
    line, col = position
    assert error.file == FILE
    assert error.line == line, str(error)
    if column:
        assert error.column == col, str(error)


# --- the baseline ----------------------------------------------------------------------------------------


def test_the_minimal_valid_document_loads():
    loaded = load(VALID)
    ds = loaded.dataset
    assert [s.id for s in ds.sources] == ["src-a", "src-b"]
    assert [r.id for r in ds.regions] == ["kaltim", "balikpapan"]
    assert [o.id for o in ds.observations] == ["kaltim-ikd-2024-11-12"]
    assert ds.indicators[0].targets[0].percent == 30
    # positions point back into the text
    assert loaded.positions.locate(("observations", 0, "count"))[1] == where(VALID, "count: 166000", "166000")


# --- YAML level ------------------------------------------------------------------------------------------


def test_yaml_syntax_error_is_reported_at_the_offending_colon():
    text = broken("    name: Balikpapan\n", "    name: Balikpapan: Kota\n")
    error = only_error(text)
    assert "mapping values are not allowed" in error.message
    assert_at(error, where(text, "name: Balikpapan: Kota", ": Kota"))
    assert error.field == ""


def test_tab_indentation_is_reported_with_its_line_and_a_spaces_hint():
    text = broken("    level: kota\n", "\tlevel: kota\n")
    error = only_error(text)
    assert_at(error, where(text, "\tlevel: kota"))
    assert "tab" in error.message.lower()
    assert "tab" in error.hint.lower(), f"the hint should say tabs are not allowed, got: {error.hint!r}"
    assert "spaces" in error.hint.lower()


def test_tab_indenting_a_nested_key_gets_the_tabs_hint():
    # A tab in front of a key one level deeper than its parent: libyaml words this differently.
    text = broken("      population:\n        value: 766000\n", "      population:\n\tvalue: 766000\n")
    error = only_error(text)
    assert_at(error, where(text, "\tvalue: 766000"))
    assert "tab" in error.hint.lower(), f"the hint should say tabs are not allowed, got: {error.hint!r}"


def test_duplicate_key_in_one_mapping_is_refused_at_the_second_key():
    text = broken("    percent_of: wajib_ktp\n", "    percent_of: wajib_ktp\n    count: 170000\n")
    error = only_error(text)
    assert_at(error, where(text, "count: 170000"))
    assert "duplicate key 'count'" in error.message
    assert f"first at line {line_of(text, 'count: 166000')}" in error.message
    assert "silently" in error.message
    assert error.field == "observations[0].count"


def test_python_object_tag_is_refused_with_its_line_and_never_runs(tmp_path):
    marker = tmp_path / "pwned_marker"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    text = broken("    count: 166000\n", f"    count: {tag}\n")
    error = only_error(text)
    assert_at(error, where(text, tag))
    assert "tag not allowed" in error.message
    assert "python/object/apply:os.system" in error.message
    assert "!!" in error.hint
    assert not marker.exists(), "the YAML tag was executed"


def test_python_object_tag_as_the_whole_document_never_runs(tmp_path):
    marker = tmp_path / "pwned_marker"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    error = only_error(text)
    assert error.line == 1
    assert "tag not allowed" in error.message
    assert not marker.exists()


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["lol0: &lol0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def first_level_over_the_limit(width: int = 10) -> str:
    """The anchor of billion_laughs() whose expansion first exceeds the loader's MAX_NODES."""
    size, level = width + 1, 0  # lol0: a list of `width` strings
    while size <= loading.MAX_NODES:
        size, level = 1 + width * size, level + 1
    return f"lol{level}"


@pytest.fixture
def never_built(monkeypatch):
    """Fails the test if the loader starts building Python values: a bomb must be refused from its nodes."""
    monkeypatch.setattr(loading.SafeLoader, "construct_document",
                        lambda *a: pytest.fail("the document was built before it was refused"))


def test_alias_bomb_is_refused_before_it_is_built_and_names_the_aliases(never_built):
    text = billion_laughs()
    with pytest.raises(DataFileError) as info:
        load(text)
    (error,) = info.value.errors
    assert "refused" in error.message
    assert "alias" in error.message
    assert "alias" in error.hint
    # The error points at the first level whose expansion is over the limit.
    lol = first_level_over_the_limit()
    assert_at(error, where(text, f"{lol}: &{lol}", f"&{lol}"))


def test_alias_bomb_inside_an_otherwise_valid_document_is_refused(never_built):
    bomb = billion_laughs().replace("\n", "\n  ").rstrip()
    text = VALID + "bomb:\n  " + bomb + "\n"
    error = only_error(text)
    assert "alias bomb" in error.message
    lol = first_level_over_the_limit()
    assert_at(error, where(text, f"{lol}: &{lol}", f"&{lol}"))


def test_recursive_alias_is_refused_before_it_is_built(never_built):
    text = VALID + "loop: &a [*a]\n"
    error = only_error(text)
    assert "recursive alias" in error.message
    assert_at(error, where(text, "loop: &a [*a]", "&a"))


def test_empty_file_is_refused_as_empty():
    for text in ("", "\n\n   \n"):
        error = only_error(text)
        assert "empty" in error.message
        assert (error.line, error.column) == (1, 1)


def test_file_with_only_comments_is_refused_as_having_no_content():
    error = only_error("# regions.yaml\n# nothing here yet\n")
    assert "only comments" in error.message
    assert (error.line, error.column) == (1, 1)


def test_top_level_list_is_refused_and_asks_for_a_mapping():
    error = only_error("- version: 1\n- sources: []\n")
    assert "holds a list, not a mapping" in error.message
    assert "version: 1" in error.hint
    assert error.line == 1


def test_top_level_scalar_is_refused():
    error = only_error("just some words\n")
    assert "holds a str, not a mapping" in error.message


# --- model level -----------------------------------------------------------------------------------------


def test_count_with_thousands_separators_is_refused_with_a_separators_hint():
    text = broken("      count: 2878769\n", '      count: "2.878.769"\n')
    error = only_error(text)
    assert_at(error, where(text, 'count: "2.878.769"', '"2.878.769"'))
    assert error.field == "observations[0].base.count"
    assert "'2.878.769'" in error.message
    assert "thousands separators" in error.hint


def test_decimal_comma_in_percent_is_refused_with_a_dot_hint():
    text = broken("    percent: 5.77\n", '    percent: "5,77"\n')
    error = only_error(text)
    assert_at(error, where(text, 'percent: "5,77"', '"5,77"'))
    assert error.field == "observations[0].percent"
    assert "with a dot" in error.hint


def test_observation_without_region_reports_the_missing_field_at_the_observation():
    text = broken("    region: kaltim\n", "")
    error = only_error(text)
    assert error.field == "observations[0].region"
    assert "field required" in error.message
    assert "`region:`" in error.hint
    assert_at(error, where(text, "- id: kaltim-ikd-2024-11-12", "id:"))


def test_misspelt_field_is_reported_at_its_key_with_a_did_you_mean_hint():
    text = broken("    percent: 5.77\n", "    presen: 5.77\n")
    error = only_error(text)
    assert_at(error, where(text, "presen: 5.77"))
    assert error.field == "observations[0].presen"
    assert "unknown field `presen`" in error.message
    assert "Did you mean `percent`?" in error.hint


def test_negative_count_is_refused_at_its_value():
    text = broken("    count: 166000\n", "    count: -5\n")
    error = only_error(text)
    assert_at(error, where(text, "count: -5", "-5"))
    assert error.field == "observations[0].count"
    assert "greater than or equal to 0" in error.message
    assert "negative" in error.hint


def test_unknown_level_is_refused_with_the_allowed_values():
    text = broken("    level: kota\n", "    level: kabupaten_kota\n")
    error = only_error(text)
    assert_at(error, where(text, "level: kabupaten_kota", "kabupaten_kota"))
    assert "'provinsi', 'kota' or 'kabupaten'" in error.message


def test_percent_without_percent_of_is_refused_at_the_observation():
    text = broken("    percent_of: wajib_ktp\n", "")
    error = only_error(text)
    assert "percent_of is missing" in error.message
    assert error.field == "observations[0]"
    assert_at(error, where(text, "- id: kaltim-ikd-2024-11-12", "id:"))


def test_observation_with_neither_count_nor_percent_is_refused():
    text = broken("    count: 166000\n    percent: 5.77\n", "")
    error = only_error(text)
    assert "needs a count, a percent, or both" in error.message
    assert error.field == "observations[0]"
    assert_at(error, where(text, "- id: kaltim-ikd-2024-11-12", "id:"))


@pytest.mark.parametrize("bad", ['"2024-13"', '"April 2024"', '"2024-11-1x"', '"2024-Q5"'])
def test_unparseable_as_of_date_is_refused_with_the_accepted_formats(bad):
    text = broken("    as_of: 2024-11-12\n", f"    as_of: {bad}\n")
    error = only_error(text)
    assert_at(error, where(text, f"as_of: {bad}", bad))
    assert error.field == "observations[0].as_of"
    assert f"{bad.strip(chr(34))!r} is not a valid date" in error.message
    assert '"2025-Q4" (quarter)' in error.message


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-13-01"])
def test_impossible_calendar_date_is_reported_at_its_line_not_crashing(bad):
    # YAML itself turns 2024-02-30 into a date and fails with a plain ValueError while constructing it.
    text = broken("    as_of: 2024-11-12\n", f"    as_of: {bad}\n")
    errors = errors_of(text)
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert_at(errors[0], where(text, f"as_of: {bad}", bad))


# --- cross-field rules -----------------------------------------------------------------------------------


def test_duplicate_observation_id_is_reported_at_the_second_one():
    second = VALID[VALID.index("  - id: kaltim-ikd-2024-11-12"):].replace("count: 166000", "count: 170000")
    text = VALID + second
    error = only_error(text)
    assert_at(error, where(text, "- id: kaltim-ikd-2024-11-12", "kaltim-ikd", occurrence=2))
    assert error.field == "observations[1].id"
    assert "duplicate id 'kaltim-ikd-2024-11-12' (also observations[0])" in error.message


def test_duplicate_region_id_is_reported_at_the_second_one():
    extra = "  - id: balikpapan\n    name: Balikpapan (lagi)\n    level: kota\n    province: Kalimantan Timur\n"
    text = broken("\nobservations:\n", "\n" + extra + "\nobservations:\n")
    error = only_error(text)
    assert_at(error, where(text, "- id: balikpapan", "balikpapan", occurrence=2))
    assert error.field == "regions[2].id"
    assert "duplicate id 'balikpapan' (also regions[1])" in error.message


def test_duplicate_source_id_is_reported_at_the_second_one():
    text = broken("  - id: src-b\n", "  - id: src-a\n")
    error = only_error(text)
    assert_at(error, where(text, "- id: src-a", "src-a", occurrence=2))
    assert error.field == "sources[1].id"
    assert "duplicate id 'src-a' (also sources[0])" in error.message


def test_duplicate_indicator_id_is_reported_at_the_second_one():
    extra = '  - id: ikd\n    name: {id: "Lagi", en: "Again"}\n    base: wajib_ktp\n'
    text = broken("\nregions:\n", "\n" + extra + "\nregions:\n")
    error = only_error(text)
    assert_at(error, where(text, "- id: ikd", "ikd", occurrence=2))
    assert "duplicate id 'ikd' (also indicators[0])" in error.message


def test_unknown_parent_is_reported_at_the_parent():
    text = broken("    parent: kaltim\n", "    parent: kalbar\n")
    error = only_error(text)
    assert_at(error, where(text, "parent: kalbar", "kalbar"))
    assert error.field == "regions[1].parent"
    assert "unknown parent 'kalbar'" in error.message
    assert "regions:" in error.hint


def test_region_that_is_its_own_parent_is_refused():
    text = broken("    parent: kaltim\n", "    parent: balikpapan\n")
    error = only_error(text)
    assert_at(error, where(text, "parent: balikpapan", "balikpapan"))
    assert "its own parent" in error.message


def test_parent_that_is_not_a_provinsi_is_refused_at_the_child():
    text = broken("    level: provinsi\n", "    level: kota\n")
    error = only_error(text)
    assert_at(error, where(text, "parent: kaltim", "kaltim"))
    assert error.field == "regions[1].parent"
    assert "parent 'kaltim' is a kota; only a provinsi can be a parent" in error.message


def test_province_differing_from_the_parents_is_reported_at_the_province():
    text = broken("    parent: kaltim\n    province: Kalimantan Timur\n",
                  "    parent: kaltim\n    province: Kalimantan Barat\n")
    error = only_error(text)
    assert_at(error, where(text, "province: Kalimantan Barat", "Kalimantan Barat"))
    assert error.field == "regions[1].province"
    assert "'Kalimantan Barat' differs from its parent's ('Kalimantan Timur')" in error.message


def test_observation_of_an_unknown_region_is_reported_at_the_reference():
    text = broken("    region: kaltim\n", "    region: kalbar\n")
    error = only_error(text)
    assert_at(error, where(text, "region: kalbar", "kalbar"))
    assert error.field == "observations[0].region"
    assert "unknown region 'kalbar'" in error.message


def test_observation_of_an_unknown_indicator_is_reported_at_the_reference():
    text = broken("    indicator: ikd\n", "    indicator: ikd_v2\n")
    error = only_error(text)
    assert_at(error, where(text, "indicator: ikd_v2", "ikd_v2"))
    assert error.field == "observations[0].indicator"
    assert "unknown indicator 'ikd_v2'" in error.message


def test_observation_citing_an_unknown_source_is_reported_at_the_reference():
    text = broken("\n    source: src-a\n", "\n    source: src-z\n")
    error = only_error(text)
    assert_at(error, where(text, "source: src-z", "src-z"))
    assert error.field == "observations[0].source"
    assert "unknown source 'src-z'" in error.message
    assert "sources:" in error.hint


def test_target_citing_an_unknown_source_is_reported_at_the_reference():
    text = broken("        source: src-a\n        quote: \"target", "        source: src-z\n        quote: \"target")
    error = only_error(text)
    assert_at(error, where(text, "source: src-z", "src-z"))
    assert error.field == "indicators[0].targets[0].source"
    assert "unknown source 'src-z'" in error.message


def test_region_fact_citing_an_unknown_source_is_reported_at_the_reference():
    text = broken("        source: src-a\n        quote: \"sekitar", "        source: src-z\n        quote: \"sekitar")
    error = only_error(text)
    assert_at(error, where(text, "source: src-z", "src-z"))
    assert error.field == "regions[1].facts.population.source"
    assert "unknown source 'src-z'" in error.message


def test_share_above_100_percent_without_a_reason_is_refused():
    text = broken("    percent: 5.77\n", "    percent: 104.5\n")
    error = only_error(text)
    assert_at(error, where(text, "percent: 104.5", "104.5"))
    assert error.field == "observations[0].percent"
    assert "104.5 is above 100 for a share of wajib_ktp" in error.message
    assert "over_100_reason" in error.hint


def test_share_above_100_percent_with_a_reason_loads():
    text = broken("    percent: 5.77\n",
                  "    percent: 104.5\n    over_100_reason: Banyak warga dari luar kota mengaktifkan di sini.\n")
    loaded = load(text)
    assert loaded.dataset.observations[0].percent == 104.5


def test_base_kind_disagreeing_with_percent_of_is_reported_at_the_kind():
    text = broken("      kind: wajib_ktp\n", "      kind: penduduk\n")
    error = only_error(text)
    assert_at(error, where(text, "kind: penduduk", "penduduk"))
    assert error.field == "observations[0].base.kind"
    assert "base is penduduk but the percent is of wajib_ktp" in error.message


def test_unspecified_percent_of_with_a_base_lacking_an_estimate_is_refused():
    text = broken("    percent_of: wajib_ktp\n", "    percent_of: unspecified\n")
    error = only_error(text)
    # The base mapping's position is where its first key starts.
    assert_at(error, where(text, "      kind: wajib_ktp", "kind"))
    assert error.field == "observations[0].base"
    assert "base is unspecified" in error.message
    assert "estimate" in error.hint


def test_unspecified_percent_of_with_an_estimated_base_loads():
    text = broken("    percent_of: wajib_ktp\n", "    percent_of: unspecified\n")
    text = broken("      count: 2878769\n", "      count: 2878769\n      estimate: Perkiraan dari artikel yang sama.\n",
                  doc=text)
    assert load(text).dataset.observations[0].percent_of == "unspecified"


def test_as_of_after_the_sources_publication_date_is_refused():
    text = broken("    as_of: 2024-11-12\n", "    as_of: 2024-12-01\n")
    error = only_error(text)
    assert_at(error, where(text, "as_of: 2024-12-01", "2024-12-01"))
    assert error.field == "observations[0].as_of"
    assert "as-of date 2024-12-01 is after the source's publication date 2024-11-19" in error.message


def test_region_fact_as_of_after_the_sources_publication_date_is_refused():
    text = broken("        as_of: 2024-11-01\n", "        as_of: 2025-01\n")
    error = only_error(text)
    assert_at(error, where(text, "as_of: 2025-01", "2025-01"))
    assert error.field == "regions[1].facts.population.as_of"
    assert "after the source's publication date" in error.message


def test_as_of_in_the_future_is_refused():
    # src-b has no publication date, so only "today" can rule this out.
    text = broken("    as_of: 2024-11-12\n    source: src-a\n", "    as_of: 2026-12-01\n    source: src-b\n")
    error = only_error(text)
    assert_at(error, where(text, "as_of: 2026-12-01", "2026-12-01"))
    assert "as-of date 2026-12-01 is in the future" in error.message


def test_as_of_today_and_a_month_including_today_are_not_in_the_future():
    for as_of in ("2026-11-23", '"2026-11"', "2026"):
        text = broken("    as_of: 2024-11-12\n    source: src-a\n", f"    as_of: {as_of}\n    source: src-b\n")
        load(text)


def test_every_problem_in_a_file_is_reported_not_just_the_first():
    text = broken("    region: kaltim\n", "    region: kalbar\n")
    text = broken("    indicator: ikd\n", "    indicator: ikd_v2\n", doc=text)
    text = broken("    parent: kaltim\n", "    parent: kalbar\n", doc=text)
    errors = errors_of(text)
    assert sorted(e.line for e in errors) == sorted(
        line_of(text, s) for s in ("region: kalbar", "indicator: ikd_v2", "parent: kalbar"))


def test_error_string_is_file_line_column_field_message_hint():
    text = broken("    count: 166000\n", "    count: -5\n")
    error = only_error(text)
    line, col = where(text, "count: -5", "-5")
    assert str(error).startswith(f"{FILE}:{line}:{col}: observations[0].count: ")
    assert str(error).endswith(error.hint)


# --- bytes and files -------------------------------------------------------------------------------------


def test_non_utf8_byte_is_reported_at_its_line_and_column(tmp_path):
    raw = VALID.encode()
    lines = raw.split(b"\n")
    assert lines[2] == b"sources:"
    lines[2] = b"sources: # d\xe9cembre"  # a Latin-1 e-acute on line 3
    path = tmp_path / "regions.yaml"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(DataFileError) as info:
        load_path(path, today=TODAY)
    (error,) = info.value.errors
    assert error.file == str(path)
    assert (error.line, error.column) == (3, len("sources: # d") + 1)
    assert "0xe9 is not UTF-8" in error.message
    assert "UTF-8" in error.hint


def test_non_utf8_byte_column_counts_characters_not_bytes():
    # An editor's column counts characters; the em dash before the bad byte is three bytes but one character.
    prefix = "version: 1 # data — "
    raw = prefix.encode() + b"\xff\n"
    with pytest.raises(DataFileError) as info:
        decode(raw, FILE)
    (error,) = info.value.errors
    assert (error.line, error.column) == (1, len(prefix) + 1)


def test_binary_file_is_refused_as_binary(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(DataFileError) as info:
        load_path(path, today=TODAY)
    (error,) = info.value.errors
    assert "binary file" in error.message
    assert (error.line, error.column) == (1, 1)


def test_control_character_is_reported_at_its_line():
    text = broken("    publisher: Inibalikpapan.com\n", "    publisher: Inibalikpapan\x0c.com\n")
    error = only_error(text)
    assert "control characters are not allowed" in error.message
    assert_at(error, where(text, "Inibalikpapan\x0c", "\x0c"))


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(DataFileUnreadable, match="no such file"):
        load_path(tmp_path / "nope.yaml", today=TODAY)


def test_a_folder_is_unreadable(tmp_path):
    with pytest.raises(DataFileUnreadable, match="is a folder"):
        load_path(tmp_path, today=TODAY)


def test_oversized_file_is_unreadable_before_parsing(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_bytes(VALID.encode() + b"#" * (MAX_BYTES + 1))
    assert path.stat().st_size > 2 * 1024 * 1024
    with pytest.raises(DataFileUnreadable, match="limit"):
        load_path(path, today=TODAY)


def test_valid_file_loads_through_load_path(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_path(path, today=TODAY).dataset.observations[0].count == 166000


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_path(path, today=TODAY).dataset.version == 1


def test_decode_gives_text_for_valid_utf8():
    assert decode("province: Bali — ok\n".encode(), FILE) == "province: Bali — ok\n"


def test_unreadable_reasons_name_the_path(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(DataFileUnreadable) as info:
        load_path(missing, today=TODAY)
    assert str(missing) in str(info.value)


def test_a_small_bomb_under_the_absolute_limit_is_refused_by_its_growth():
    text = billion_laughs(levels=4)  # over 100.000 values from a few dozen written ones
    error = only_error(text)
    assert "alias bomb" in error.message and "aliases expand" in error.message


def test_reusing_an_anchor_a_few_times_is_allowed():
    anchors = "shared: &people [{name: A}, {name: B}]\nagain: [*people, *people]\n"
    text = VALID.replace("version: 1\n", "version: 1\n" + anchors, 1)
    with pytest.raises(DataFileError) as info:
        load(text)
    # The only complaint is about the unknown top-level keys, not about the aliases.
    assert all("alias" not in e.message for e in info.value.errors)
    assert {e.field for e in info.value.errors} == {"shared", "again"}


@pytest.mark.timeout(60)  # a scan per error took 37 s for 8.000 keys; indexed, 20.000 take about a second
def test_twenty_thousand_unknown_keys_are_each_reported_at_their_own_line():
    keys = "".join(f"k{i}: 1\n" for i in range(20_000))
    with pytest.raises(DataFileError) as info:
        load(VALID + keys)
    errors = [e for e in info.value.errors if e.message.startswith("unknown field")]
    assert len(errors) == 20_000
    first = VALID.count("\n") + 1
    assert [(e.line, e.message) for e in errors[::5_000]] == [
        (first + i, f"unknown field `k{i}`.") for i in range(0, 20_000, 5_000)]


@pytest.mark.parametrize("value", ["9" * 1_000_000, '"' + "x" * 1_000_000 + '"'])
def test_a_huge_value_is_refused_at_its_position_and_cut_in_its_message(value):
    text = VALID.replace("version: 1", "version: " + value)
    error = only_error(text)
    assert len(str(error)) < 400 and "(1,000,000 characters)" in error.message
    assert_at(error, where(text, "version: " + value[:5], value[:5]))


def test_nesting_just_at_the_limit_is_read_and_one_more_level_is_refused():
    ok = "x: " + "[" * (loading.MAX_DEPTH - 1) + "]" * (loading.MAX_DEPTH - 1) + "\n"
    errors = [e.message for e in pytest.raises(DataFileError, load, VALID + ok).value.errors]
    assert not any("nested" in m for m in errors)  # only "unknown field `x`": read, then refused by the schema
    deep = "x: " + "[" * loading.MAX_DEPTH + "]" * loading.MAX_DEPTH + "\n"
    error = only_error(VALID + deep)
    assert "nested more than 100 levels" in error.message
    # The file's mapping is level 1, so the 100th `[` (column 4 + 99) is level 101.
    assert (error.line, error.column) == (where(VALID + deep, "x: [")[0], 103)
