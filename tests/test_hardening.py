"""Hostile and broken input: markup shown as text, drafts previewed per session, nothing written, nothing run."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from ikd_core.domain.store import preview

from apptest_helpers import open_page
from conftest import TODAY

SCRIPT = "<script>alert(1)</script>"
LINK = "[klik](javascript:alert(1))"


@pytest.fixture
def hostile(data_copy):
    text = data_copy.read_text(encoding="utf-8")
    text = text.replace("    name: Padang\n", f'    name: "Padang {SCRIPT}"\n')
    text = text.replace("name: Denpasar", f'name: "Denpasar {LINK}"')
    note = "          tidak tercatat dalam target kota."
    text = text.replace(note, f"{note} {LINK} <img src=x onerror=alert(1)>")
    data_copy.write_text(text, encoding="utf-8")
    return data_copy


def run(monkeypatch, data, page=None, **params) -> AppTest:
    monkeypatch.setenv("IKD_DATA", str(data))
    return open_page(page, **params)


def test_markup_in_region_names_is_escaped_in_chart_labels_and_hover(monkeypatch, hostile):
    at = run(monkeypatch, hostile)
    bar = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert any("Padang &lt;script&gt;alert(1)&lt;/script&gt;" in y for y in bar["y"])
    assert not any("<script>" in y for y in bar["y"] + bar["hovertext"])
    assert f"Padang {SCRIPT}" in list(at.dataframe[0].value["Wilayah"])  # a table cell is text already


def test_markup_in_names_and_notes_is_shown_literally_on_the_region_page(monkeypatch, hostile):
    at = run(monkeypatch, hostile, "pages/wilayah.py", region="denpasar")
    assert at.subheader[0].value == "Denpasar \\[klik\\](javascript:alert(1))"
    note = at.info[0].value
    assert "\\[klik\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>" in note


def test_a_valid_draft_previews_as_data_for_this_session_only(data_copy):
    before = data_copy.read_bytes()
    draft = before.replace(b"count: 203479", b"count: 203000")
    state = preview(draft, "draft.yaml", TODAY)
    assert state.ok and state.snapshot is not None
    padang = next(m for m in state.snapshot.metrics if m.observation.region == "padang")
    assert padang.count.value == 203000
    assert data_copy.read_bytes() == before  # the served file is never touched


@pytest.mark.parametrize(("raw", "says"), [
    (b"\x00\x01\x02binary", "binary file"),
    (b"version: 1\nx: !!python/object/apply:os.system ['echo pwned']\n", "tag not allowed"),
    (b"[" * 200_000 + b"]" * 200_000, "nested more than 100 levels"),
    (b"x: [a', " + b"[" * 200_000 + b"]" * 200_001 + b"\n", "nested more than 100 levels"),
    (b'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode() for i in range(8)),
     "alias bomb"),
    (b"version: 1\nsources: [\n", "did not find expected node content"),
])
def test_hostile_or_broken_drafts_are_refused_with_a_reason(raw, says):
    state = preview(raw, "draft.yaml", TODAY)
    assert state.snapshot is None and says in str(state.errors[0])


def test_an_oversized_draft_is_refused_before_parsing():
    state = preview(b"#" * (2 * 1024 * 1024 + 1), "huge.yaml", TODAY)
    assert state.snapshot is None and "over the 2,097,152-byte limit" in str(state.unreadable)


def test_the_app_never_writes_the_data_file(monkeypatch, data_copy):
    stamp = (data_copy.stat().st_mtime_ns, data_copy.read_bytes())
    for page in (None, "pages/bandingkan.py", "pages/wilayah.py", "pages/proyeksi.py", "pages/simulasi.py",
                 "pages/data.py"):
        run(monkeypatch, data_copy, page)
    assert (data_copy.stat().st_mtime_ns, data_copy.read_bytes()) == stamp

