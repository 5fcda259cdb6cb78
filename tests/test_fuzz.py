"""Fuzzing the loader with generated YAML: no input may kill the process that reads it, hang it, or make it raise
anything but its own error with a line and column.

The documents are read in `fuzz_worker.py`, a process that loads them in-process exactly as the server does after
its checks: if a guard were missing, that process would die by a signal and the test would name the input. The
command line (`validate`) and the draft preview, which read in limited children of their own, get a sample too.
IKD_FUZZ_EXAMPLES sets the volume of the main test (default 600; the closing note of issue 17 ran 20.000).
"""

from __future__ import annotations

import json
import os
import select
import signal
import struct
import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikd_core.domain.errors import DataFileError
from ikd_core.domain.loading import decode
from ikd_core.domain.store import preview

from conftest import DATA, ROOT, TODAY
from yaml_strategies import document

EXAMPLES = int(os.environ.get("IKD_FUZZ_EXAMPLES", "600"))
ANSWER_WITHIN = 30.0  # seconds for one document: generous; a hung loader never answers at all
REAL = DATA.read_text(encoding="utf-8")
LINES = REAL.splitlines(keepends=True)


class LoaderDied(AssertionError):
    pass


class Worker:
    """The in-process loader, in a process of its own that a bad input may kill."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.read = 0

    def _start(self) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
        return subprocess.Popen([sys.executable, str(ROOT / "tests" / "fuzz_worker.py")], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, env=env, cwd=ROOT)

    def load(self, raw: bytes) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        proc = self.proc
        try:
            proc.stdin.write(struct.pack(">I", len(raw)) + raw)  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        except BrokenPipeError:
            pass
        ready, _, _ = select.select([proc.stdout], [], [], ANSWER_WITHIN)
        line = proc.stdout.readline() if ready else b""  # type: ignore[union-attr]
        if not line:
            if not ready:
                proc.kill()
            code = proc.wait()
            self.proc = None
            how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
            raise LoaderDied(f"the loader did not answer ({'hung' if not ready else how}) on {raw[:300]!r}…")
        self.read += 1
        return json.loads(line)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(30)


@pytest.fixture(scope="module")
def loader():
    worker = Worker()
    yield worker
    worker.close()
    print(f"\nfuzz volume: {worker.read} documents read by the in-process loader")


def only_its_own_errors(answer: dict) -> None:
    assert answer["kind"] in ("valid", "errors"), answer
    assert not answer.get("bad_positions"), answer


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(document())
def test_generated_yaml_of_every_style_never_kills_hangs_or_confuses_the_loader(loader, text):
    only_its_own_errors(loader.load(text.encode("utf-8")))


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates())
trees = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                      st.dictionaries(st.text(max_size=10), kids, max_size=5)),
                     max_leaves=40)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(trees)
def test_random_yaml_trees_only_ever_give_data_file_errors(loader, tree):
    only_its_own_errors(loader.load(yaml.safe_dump(tree, allow_unicode=True).encode("utf-8")))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mutations_of_the_real_file_only_ever_give_data_file_errors(loader, data):
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "chars", "deep"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            lines.insert(i, data.draw(st.text(max_size=40)) + "\n")
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "deep":
            lines.insert(i, "    x: " + "[" * 5_000 + "]" * 5_000 + "\n")
        else:
            line = lines[i]
            at = data.draw(st.integers(0, len(line)))
            lines[i] = line[:at] + data.draw(st.text(min_size=1, max_size=5)) + line[at:]
        if not lines:
            break
    only_its_own_errors(loader.load("".join(lines).encode("utf-8")))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_ever_give_data_file_errors(loader, raw):
    only_its_own_errors(loader.load(raw))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"x: \x00"]))
def test_decode_gives_text_or_its_own_error_with_a_position(raw, prefix):
    try:
        assert isinstance(decode(prefix + raw, "f.yaml"), str)
    except DataFileError as exc:
        assert exc.errors[0].line >= 1 and exc.errors[0].column >= 1


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(document())
def test_the_validate_command_never_ends_by_a_signal_or_a_traceback(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "regions.yaml"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ikd_core", "validate", str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode in (0, 1, 2), (done.returncode, done.stderr[-500:])
    assert "Traceback" not in done.stdout + done.stderr


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(document())
def test_a_generated_draft_is_previewed_or_refused_never_raised(text):
    state = preview(text.encode("utf-8"), "draft.yaml", TODAY)
    assert (state.snapshot is not None) != (bool(state.errors) or state.unreadable is not None)
