"""The data store: parse once per file change, keep the last good data when an edit breaks the file."""

from __future__ import annotations

import os

from ikd_core import store as store_module
from ikd_core.store import DataStore


def _touch_forward(path):
    # Some filesystems keep mtime at coarse resolution: move it on explicitly so the change is seen.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_parses_once_per_file_change_not_once_per_call(data_copy, today, monkeypatch):
    calls = []
    real = store_module.load_path
    monkeypatch.setattr(store_module, "load_path", lambda *a, **k: calls.append(a) or real(*a, **k))
    store = DataStore()
    for _ in range(5):
        assert store.get(str(data_copy), today).ok
    assert len(calls) == 1
    data_copy.write_text(data_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _touch_forward(data_copy)
    assert store.get(str(data_copy), today).ok
    assert len(calls) == 2


def test_broken_edit_keeps_the_last_good_data_with_the_errors_and_a_fix_clears_them(data_copy, today):
    store = DataStore()
    good = store.get(str(data_copy), today)
    original = data_copy.read_text(encoding="utf-8")

    data_copy.write_text(original.replace("count: 680160", "count: lots"), encoding="utf-8")
    _touch_forward(data_copy)
    broken = store.get(str(data_copy), today)
    assert not broken.ok
    assert broken.snapshot is good.snapshot  # the charts keep drawing the last good data
    assert broken.good_since == good.good_since
    assert "observations[7].base.count" in str(broken.errors[0])

    data_copy.write_text(original, encoding="utf-8")
    _touch_forward(data_copy)
    fixed = store.get(str(data_copy), today)
    assert fixed.ok and fixed.errors == [] and fixed.snapshot is not good.snapshot


def test_starting_on_an_invalid_file_gives_errors_and_no_data(tmp_path, today):
    path = tmp_path / "regions.yaml"
    path.write_text("version: 1\nsources: [\n", encoding="utf-8")
    state = DataStore().get(str(path), today)
    assert state.snapshot is None and state.errors and state.errors[0].line == 3


def test_a_deleted_file_keeps_the_last_good_data_and_says_it_cannot_be_read(data_copy, today):
    store = DataStore()
    good = store.get(str(data_copy), today)
    data_copy.unlink()
    gone = store.get(str(data_copy), today)
    assert gone.snapshot is good.snapshot and "no such file" in gone.unreadable
