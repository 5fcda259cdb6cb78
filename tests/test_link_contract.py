"""One link contract: a link, the command line and the sliders accept exactly the same values, and refuse the rest
by name (never clamped). The ranges below are written by hand from the README's table, not read from the code."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikd_core import __main__ as cli
from ikd_core.views.links import allowed_values, clean

from apptest_helpers import open_page, url

# key: (lowest, highest, step), as docs/links.md states them.
RANGES = {
    "window": (2, 24, 1), "ceiling": (5, 100, 5), "band": (0, 90, 5), "mult": (0, 5, 0.1), "points": (0, 200, 1),
    "per_point": (0, 500, 0.5), "events": (0, 21, 1), "per_event": (0, 2000, 10), "target": (1, 100, 1),
    "growth": (0, 100_000, 500),
}
WHOLE = {"window", "band", "points", "events"}  # counts: 2.5 figures or events is no value
CLI_KEYS = ("window", "mult", "points", "per_point", "events", "per_event", "target", "growth")


def expected(key: str, value: float) -> bool:
    low, high, step = RANGES[key]
    k = (value - low) / step
    return low <= value <= high and abs(k - round(k)) < 1e-6 and (key not in WHOLE or float(value).is_integer())


def written(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def run_cli(tmp_path: Path, *args: str) -> tuple[int, str]:
    from contextlib import redirect_stderr
    from io import StringIO

    err = StringIO()
    with redirect_stderr(err):
        code = cli.run(["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--force", *args])
    return code, err.getvalue()


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(sorted(RANGES)),
       value=st.one_of(st.integers(-10, 200_000).map(float), st.floats(-10, 200_000, allow_nan=False),
                       st.integers(-20, 2_000).map(lambda k: k / 10), st.integers(-4, 1_100).map(lambda k: k / 2)))
def test_a_link_accepts_a_number_exactly_when_it_is_in_range_and_on_a_step(key: str, value: float) -> None:
    kept, rejected = clean({key: [written(value)]}, allowed_values(None))
    assert (key in kept) is expected(key, value)
    assert (rejected == [(key, written(value))]) is not expected(key, value)


@pytest.mark.parametrize("key", CLI_KEYS)
def test_the_command_line_refuses_by_name_what_a_link_refuses(key: str, tmp_path: Path) -> None:
    low, high, step = RANGES[key]
    for value in (low - step, high + step, low + step / 2 if step >= 1 else low + step / 3):
        code, err = run_cli(tmp_path, f"--{key.replace('_', '-')}", written(value))
        assert code == 2, (key, value, err)
        assert f"--{key.replace('_', '-')} '{written(value)}'" in err
    code, err = run_cli(tmp_path, f"--{key.replace('_', '-')}", written(high))
    assert code == 0, err


def test_growth_500000_is_refused_on_the_command_line_with_what_it_accepts(tmp_path: Path) -> None:
    code, err = run_cli(tmp_path, "--growth", "500000")
    assert code == 2
    assert "--growth '500000': not a value this data file or dashboard accepts (0-100000 in steps of 500)." in err
    assert not (tmp_path / "x.csv").exists()


def test_growth_500000_in_a_link_is_refused_by_name_and_the_slider_keeps_its_own_value() -> None:
    at = open_page("pages/simulasi.py", region="balikpapan", growth="500000", mult="0.15")
    warning = " ".join(w.value for w in at.warning)
    assert "pertambahan dasar “500000” (0–100.000, kelipatan 500)" in warning
    assert "pengali laju “0.15” (0–5, kelipatan 0,1)" in warning
    growth = at.select_slider(key="growth")
    assert growth.value != 100_000.0  # not clamped to the top of the scale
    assert url(at, "growth") == [] and url(at, "mult") == []


def test_the_sliders_offer_exactly_the_contracts_range() -> None:
    at = open_page("pages/simulasi.py", region="balikpapan")
    for key in ("mult", "points", "per_point", "events", "per_event", "target", "growth"):
        low, high, step = RANGES[key]
        options = at.select_slider(key=key).options
        assert len(options) == round((high - low) / step) + 1, key
    assert at.select_slider(key="growth").options[-1] == "100.000"
    assert at.select_slider(key="mult").options[:2] == ["0,0×", "0,1×"]
    assert at.select_slider(key="per_point").options[:3] == ["0,0", "0,5", "1,0"]


def test_the_command_presentasi_shows_gives_the_same_selection(tmp_path: Path) -> None:
    at = open_page("pages/presentasi.py", regions=["blitar", "padang"], region="blitar", growth="8000", points="5",
                   per_point="2.5", deadline="2027-06-30")
    command = at.code[0].value
    assert "--growth 8000" in command and "--per-point 2.5" in command and "--deadline 2027-06-30" in command
    words = shlex.split(command)[3:]  # after `python -m ikd_core`
    out = tmp_path / "deck.pptx"
    words[words.index("--out") + 1] = str(out)
    assert cli.run(words) == 0 and out.stat().st_size > 0
