"""The data store: parse once per file change, keep the last good data when an edit breaks the file or the reader
fails, and never let a file take the process down with it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ikd_core.domain import isolation
from ikd_core.domain.isolation import Limits
from ikd_core.domain.store import DataStore, preview, version

from conftest import ROOT

MISBEHAVING = str(ROOT / "tests" / "misbehaving_child")


def _touch_forward(path: Path) -> None:
    # Some filesystems keep mtime at coarse resolution: move it on explicitly so the change is seen.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def children(monkeypatch) -> list:
    """Counts the reading children the store starts."""
    started: list = []
    real = isolation.check
    monkeypatch.setattr(isolation, "check", lambda *a, **k: started.append(a[1]) or real(*a, **k))
    return started


def misbehave(monkeypatch, mode: str) -> None:
    monkeypatch.setenv("PYTHONPATH", MISBEHAVING)
    monkeypatch.setenv("IKD_TEST_CHILD", mode)


def test_parses_once_per_file_change_not_once_per_call(data_copy, today, children):
    store = DataStore()
    for _ in range(5):
        assert store.get(str(data_copy), today).ok
    assert len(children) == 1
    data_copy.write_text(data_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _touch_forward(data_copy)
    assert store.get(str(data_copy), today).ok
    assert len(children) == 2


def test_reading_the_current_state_never_reads_the_file(data_copy, today, children):
    store = DataStore()
    assert store.current(str(data_copy)) is None
    loaded = store.get(str(data_copy), today)
    data_copy.write_text("version: [\n", encoding="utf-8")
    assert store.current(str(data_copy)) is loaded and len(children) == 1


def test_a_save_by_rename_with_the_same_size_and_time_is_a_new_version(data_copy):
    before = version(str(data_copy))
    text = data_copy.read_text(encoding="utf-8")
    st = data_copy.stat()
    other = data_copy.with_name("regions.yaml.tmp")
    other.write_text(text.replace("count: 203479", "count: 203478"), encoding="utf-8")
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same modification time
    os.replace(other, data_copy)
    assert version(str(data_copy)) != before


def test_a_change_of_permissions_is_a_new_version(data_copy):
    before = version(str(data_copy))
    os.chmod(data_copy, 0o000)
    try:
        assert version(str(data_copy)) != before
    finally:
        os.chmod(data_copy, 0o644)


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


@pytest.mark.parametrize(("fault", "says"), [
    ("deleted", "no such file"),
    ("folder", "is a folder"),
    ("pipe", "not a regular file"),
    ("permission", "permission denied"),
])
def test_a_file_that_cannot_be_read_keeps_the_last_good_data_and_says_why(data_copy, today, monkeypatch, fault,
                                                                          says):
    store = DataStore()
    good = store.get(str(data_copy), today)
    data_copy.unlink()
    if fault == "folder":
        data_copy.mkdir()
    elif fault == "pipe":
        os.mkfifo(data_copy)  # opening a pipe to read would wait for a writer forever
    elif fault == "permission":
        data_copy.write_text("version: 1\n", encoding="utf-8")
        os.chmod(data_copy, 0o000)
        real_open = os.open  # the tests may run as root, who can read anything: refuse as the kernel would

        def refuse(path, flags, *args):
            if str(path) == str(data_copy):
                raise PermissionError(13, "Permission denied")
            return real_open(path, flags, *args)
        monkeypatch.setattr(os, "open", refuse)
    state = store.get(str(data_copy), today)
    assert state.snapshot is good.snapshot and state.good_since == good.good_since
    assert says in str(state.unreadable)


@pytest.mark.parametrize(("mode", "says"), [
    ("crash", "the reader crashed (SIGSEGV)"),
    ("memory", "more than 400 MB of memory"),
    ("hang", "more than 1 s of processor time"),
    ("sleep", "took longer than 3 s"),
])
def test_a_reader_that_crashes_hangs_or_runs_out_of_memory_costs_only_its_child(data_copy, today, monkeypatch,
                                                                               mode, says):
    store = DataStore()
    good = store.get(str(data_copy), today)
    data_copy.write_text(data_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _touch_forward(data_copy)
    misbehave(monkeypatch, mode)
    monkeypatch.setattr(isolation, "served_limits", lambda size: Limits(1, 400 * 2**20, 3))
    state = store.get(str(data_copy), today)
    assert state.snapshot is good.snapshot and not state.ok
    assert "cannot be read" in str(state.unreadable) and says in str(state.unreadable)


def test_a_draft_whose_reader_is_killed_is_refused_and_nothing_else_changes(data_copy, today, monkeypatch):
    misbehave(monkeypatch, "crash")
    state = preview(data_copy.read_bytes(), "draft.yaml", today)
    assert state.snapshot is None and "the reader crashed (SIGSEGV)" in str(state.unreadable)


def test_a_valid_draft_previews_while_three_hostile_drafts_are_being_refused(data_copy, today, monkeypatch):
    # Valid YAML that takes longer than a draft's 5 s of processor time to read: 900.000 tiny values. Each is read
    # in a child process with its own limits, which is killed at the limit (a thread could not be).
    hostile = ("x:\n" + "- [1,2,3,4,5,6,7,8,9]\n" * 90_000).encode()
    finished: list[str] = []
    results: dict[str, object] = {}

    def visit(name: str, raw: bytes) -> None:
        results[name] = preview(raw, f"{name}.yaml", today)
        finished.append(name)

    visitors = [threading.Thread(target=visit, args=(f"hostile{n}", hostile)) for n in (1, 2, 3)]
    for t in visitors:
        t.start()
    visit("valid", data_copy.read_bytes())  # within its own limit: refused as "took longer" otherwise
    valid_done_while = [t.is_alive() for t in visitors]
    for t in visitors:
        t.join()
    assert results["valid"].ok and results["valid"].snapshot is not None  # type: ignore[attr-defined]
    assert valid_done_while == [True, True, True], finished  # the hostile three were still being read
    for n in (1, 2, 3):  # stopped at its 5 s of processor time, or its 10 s of wall time on a busy machine
        refused = str(results[f"hostile{n}"].unreadable)  # type: ignore[attr-defined]
        assert "it was stopped" in refused and ("processor time" in refused or "took longer than 10 s" in refused)
        assert results[f"hostile{n}"].snapshot is None  # type: ignore[attr-defined]
    # Nothing of them is left holding a slot: the next visitor's draft previews too.
    assert preview(data_copy.read_bytes(), "after.yaml", today).ok
