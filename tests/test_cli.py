"""`python -m ikd_core validate [PATH]`, run as a subprocess the way an analyst runs it.

Exit 0 = valid (summary on stdout), 1 = invalid (one `FILE:LINE:COL: field: message` line per error on stdout,
no traceback), 2 = unreadable (the reason on stderr).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, LIVE_DATA

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "ikd_core", "validate", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )


def where(text: str, needle: str, at: str | None = None) -> tuple[int, int]:
    """1-based (line, column) of `at` inside the unique occurrence of `needle` (default: its start)."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    offset = text.index(needle) + (needle.index(at) if at is not None else 0)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def broken_copy(tmp_path: Path, *replacements: tuple[str, str]) -> tuple[Path, str]:
    """A copy of the real data file with each (old, new) applied once."""
    text = DATA.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {DATA}"
        text = text.replace(old, new)
    path = tmp_path / "regions.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr


def test_the_seed_file_exits_0_with_its_counts_and_each_warning_on_its_line():
    result = run(str(DATA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    # Five places, eight figure sets, six sources (five articles and Disdukcapil Blora for the program opening).
    assert lines[:5] == [f"{DATA}: valid", "regions: 5", "observations: 8", "sources: 6", "warnings: 11"]
    warnings = lines[5:]
    assert all(re.match(rf"  {re.escape(str(DATA))}:\d+: \S", line) for line in warnings), warnings
    # On 23 November 2026 every region's latest figure is over 180 days old: Balikpapan 18 February 2026 (278
    # days), Blitar Q4 2025 (its middle, 15 November 2025: 373), Denpasar April 2024 (15 April: 952), Kaltim's four
    # of 12 November 2024 (741), Padang 1 November 2024 (752).
    ages = sorted(int(m[1]) for line in warnings if (m := re.search(r"is (\d+) days old", line)))
    assert ages == [278, 373, 741, 741, 741, 741, 752, 952]
    assert sum("2,717 people are still missing" in line for line in warnings) == 1  # Kaltim's akta "99%"
    assert sum("30.06%" in line for line in warnings) == 2  # Padang: the mismatch, and reached by percent only


def test_the_live_data_file_validates():
    result = run(str(LIVE_DATA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{LIVE_DATA}: valid\n")


def test_default_path_is_data_regions_yaml_from_the_repo_root():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "data/regions.yaml: valid"
    assert [ln.split(":")[0] for ln in lines[1:5]] == ["regions", "observations", "sources", "warnings"]


def test_default_path_is_relative_to_the_working_directory(tmp_path):
    result = run(cwd=tmp_path)
    assert result.returncode == 2
    assert "data/regions.yaml: no such file" in result.stderr
    assert_no_traceback(result)


def test_broken_copy_exits_1_with_one_prefixed_line_per_model_error(tmp_path):
    path, text = broken_copy(
        tmp_path,
        ("    count: 203479\n", "    count: -203479\n"),
        ("    count: 912264\n", '    count: "912.264"\n'),
    )
    result = run(str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    expected = [where(text, "count: -203479", "-203479"), where(text, 'count: "912.264"', '"912.264"')]
    assert len(lines) == 2, result.stdout
    assert sorted(tuple(map(int, re.match(rf"{re.escape(str(path))}:(\d+):(\d+): ", ln).groups())) for ln in lines) \
        == sorted(expected)
    assert any("greater than or equal to 0" in ln for ln in lines)
    assert any("thousands separators" in ln for ln in lines)
    assert "2 error(s)" in result.stderr


def test_broken_copy_exits_1_with_one_line_per_cross_field_error(tmp_path):
    path, text = broken_copy(
        tmp_path,
        ("    region: padang\n", "    region: padang-kota\n"),
        ("    indicator: kia\n", "    indicator: kartu-anak\n"),
        ("    percent: 30.06\n", "    percent: 130.06\n"),
    )
    result = run(str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    by_message = {
        "unknown region 'padang-kota'": where(text, "region: padang-kota", "padang-kota"),
        "unknown indicator 'kartu-anak'": where(text, "indicator: kartu-anak", "kartu-anak"),
        "130.06 is above 100": where(text, "percent: 130.06", "130.06"),
    }
    for message, (line, col) in by_message.items():
        (hit,) = [ln for ln in lines if message in ln]
        assert hit.startswith(f"{path}:{line}:{col}: observations["), hit


def test_yaml_syntax_error_exits_1_with_its_line(tmp_path):
    path, text = broken_copy(tmp_path, ("    name: Padang\n", "    name: Padang: Kota\n"))
    result = run(str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert_no_traceback(result)
    line, col = where(text, "name: Padang: Kota", ": Kota")
    assert result.stdout.splitlines() == [result.stdout.strip()]
    assert result.stdout.startswith(f"{path}:{line}:{col}: mapping values are not allowed")


def test_impossible_calendar_date_exits_1_without_a_traceback(tmp_path):
    path, text = broken_copy(tmp_path, ("    as_of: 2024-11-01\n", "    as_of: 2024-02-30\n"))
    result = run(str(path))
    assert_no_traceback(result)
    assert result.returncode == 1, result.stdout + result.stderr
    line, _ = where(text, "as_of: 2024-02-30")
    assert result.stdout.startswith(f"{path}:{line}:"), result.stdout


def test_non_utf8_file_exits_1_with_the_line_of_the_bad_byte(tmp_path):
    raw = DATA.read_bytes().split(b"\n")
    raw[2] = raw[2] + b" caf\xe9"
    path = tmp_path / "regions.yaml"
    path.write_bytes(b"\n".join(raw))
    result = run(str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert_no_traceback(result)
    column = raw[2].index(b"\xe9") + 1  # line 3 is ASCII before the bad byte, so bytes == characters
    assert result.stdout.startswith(f"{path}:3:{column}: byte 0xe9 is not UTF-8"), result.stdout


def test_missing_path_exits_2_with_the_reason_on_stderr(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run(str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{missing}: no such file" in result.stderr
    assert_no_traceback(result)


def test_a_folder_exits_2_with_the_reason_on_stderr(tmp_path):
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "is a folder" in result.stderr
    assert_no_traceback(result)


# --- No data file can end the command by a signal (it runs its work in a limited child) ---------------------------
MISBEHAVING = str(REPO / "tests" / "misbehaving_child")


def test_a_file_that_used_to_crash_the_reader_is_refused_with_its_position(tmp_path):
    # A quote inside a plain scalar fooled the old line-based guard, and libyaml's composer overflowed the stack.
    path = tmp_path / "regions.yaml"
    path.write_text("x: [a', " + "[" * 150_000 + "]" * 150_001 + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"{path}:1:107: refused: nested more than 100 levels deep.")


@pytest.mark.parametrize(("mode", "says"), [("crash", "the reader crashed (SIGSEGV)"),
                                            ("hang", "more than 900 s of processor time")])
def test_a_reader_that_crashes_ends_with_a_message_and_exit_1_not_a_signal(mode, says):
    env = dict(os.environ, PYTHONPATH=f"{MISBEHAVING}{os.pathsep}{REPO}", IKD_TEST_CHILD=mode)
    if mode == "hang":  # the real limit is 900 s; the same path, sooner
        env["IKD_TEST_CHILD"] = "crash-xcpu"
    result = subprocess.run([sys.executable, "-m", "ikd_core", "validate", str(DATA)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert says in result.stderr and "nothing was written" in result.stderr
    assert_no_traceback(result)
