"""Fuzzing the loader: generated documents never make it raise anything but its own error, nor take over 1 s."""

from __future__ import annotations

import datetime as dt
import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from ikd_core.errors import DataFileError
from ikd_core.loading import load_text

TODAY = dt.date(2026, 11, 23)
REAL = DATA.read_text(encoding="utf-8")
LINES = REAL.splitlines(keepends=True)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates())
trees = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                      st.dictionaries(st.text(max_size=10), kids, max_size=5)),
                     max_leaves=40)


def load_within_a_second(text: str) -> None:
    started = time.perf_counter()
    try:
        load_text(text, "fuzz.yaml", today=TODAY)
    except DataFileError as exc:
        assert exc.errors and all(e.line >= 1 and e.column >= 1 for e in exc.errors)
    assert time.perf_counter() - started < 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_random_yaml_trees_only_ever_give_data_file_errors(tree):
    load_within_a_second(yaml.safe_dump(tree, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutations_of_the_real_file_only_ever_give_data_file_errors(data):
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "chars"]))
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
        else:
            line = lines[i]
            at = data.draw(st.integers(0, len(line)))
            lines[i] = line[:at] + data.draw(st.text(min_size=1, max_size=5)) + line[at:]
        if not lines:
            break
    load_within_a_second("".join(lines))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_text_only_ever_gives_data_file_errors(raw):
    load_within_a_second(raw.decode("utf-8", errors="replace"))
