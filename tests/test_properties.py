"""Property tests (hypothesis) for ikd_core's dates, arithmetic, checks and number formatting."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from ikd_core import i18n
from ikd_core.domain.checks import count_interval, observation_findings
from ikd_core.domain.dates import FuzzyDate
from ikd_core.domain.metrics import Value, derive, people_for_percent
from ikd_core.domain.models import Indicator, Observation

FAST = settings(max_examples=150, deadline=None)
SHARE_KINDS = ["wajib_ktp", "perekaman_ktp_el", "penduduk", "anak"]
FINDING_CODES = {"percent_mismatch", "count_above_base", "percent_above_100", "target_count_mismatch", "stale",
                 "quote_not_found", "reached_but_short"}
MAX_COUNT = 10_000_000_000  # the models' upper bound for counts and bases

# --- strategies -------------------------------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@st.composite
def written_dates(draw, min_year: int = 1900, max_year: int = 2200):
    """(what an analyst writes, its precision, a day the period must contain)."""
    day = draw(st.dates(min_value=dt.date(min_year, 1, 1), max_value=dt.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "quarter", "year"]))
    if precision == "day":
        written = draw(st.sampled_from([day, day.isoformat(), dt.datetime.combine(day, dt.time(13, 5))]))
    elif precision == "month":
        written = f"{day.year:04d}-{day.month:02d}"
    elif precision == "quarter":
        written = f"{day.year:04d}-Q{(day.month + 2) // 3}"
    else:
        written = draw(st.sampled_from([day.year, str(day.year)]))
    return written, precision, day


percents = st.one_of(
    st.floats(min_value=0, max_value=1000, allow_nan=False),
    st.sampled_from([0.0, 5e-324, 1e-300, 1e-9, 0.01, 0.5, 99.99, 100.0, 100.01, 999.99, 1000.0]),
)
counts = st.one_of(st.integers(0, MAX_COUNT), st.sampled_from([0, 1, 11_000, 123_000, MAX_COUNT]))
bases = st.one_of(st.integers(1, MAX_COUNT), st.sampled_from([1, 10, 500_000, 2_878_769, MAX_COUNT]))


@st.composite
def indicators(draw):
    years = draw(st.lists(st.integers(2000, 2100), max_size=3, unique=True))
    targets = [{"year": y, "source": "s", "quote": "q",
                "percent": draw(st.floats(min_value=0, max_value=100, exclude_min=True))} for y in years]
    return Indicator.model_validate({"id": "ikd", "name": {"id": "IKD", "en": "IKD"}, "base": "wajib_ktp",
                                     "targets": targets})


@st.composite
def observations(draw):
    """Any observation a valid data file may hold (including the cross-field rules of ikd_core.domain.integrity)."""
    written, _, _ = draw(written_dates(2000, 2100))
    data: dict = {"id": "obs", "region": "r", "indicator": "ikd", "as_of": written, "source": "s", "quotes": ["q"]}
    has_count = draw(st.booleans())
    has_percent = draw(st.booleans()) or not has_count
    percent_of = None
    if has_count:
        data["count"] = draw(counts)
        data["count_approximate"] = draw(st.booleans())
    if has_percent:
        percent_of = draw(st.sampled_from([*SHARE_KINDS, "target", "unspecified"]))
        data.update(percent=draw(percents), percent_approximate=draw(st.booleans()), percent_of=percent_of)
        if percent_of in SHARE_KINDS and data["percent"] > 100:
            data["over_100_reason"] = "non-residents"
    if draw(st.booleans()) or percent_of in SHARE_KINDS:
        base = {"kind": percent_of if percent_of in SHARE_KINDS else draw(st.sampled_from(SHARE_KINDS)),
                "count": draw(bases), "approximate": draw(st.booleans())}
        if percent_of == "unspecified" or draw(st.booleans()):
            base["estimate"] = "an analyst's stand-in"
        data["base"] = base
    if draw(st.booleans()):
        data["target_count"] = draw(counts)
        data["target_count_approximate"] = draw(st.booleans())
    return Observation.model_validate(data)


@st.composite
def cases(draw):
    obs = draw(observations())
    today = obs.as_of.end + dt.timedelta(days=draw(st.integers(0, 3000)))
    return obs, draw(indicators()), today


def _target_in_force(indicator: Indicator, year: int) -> tuple[int, float] | None:
    """Reference model of the target rule in the README: that year's, else the latest earlier, else the earliest."""
    by_year = {t.year: t.percent for t in indicator.targets}
    if not by_year:
        return None
    earlier = [y for y in by_year if y <= year]
    chosen = max(earlier) if earlier else min(by_year)
    return chosen, by_year[chosen]


def _ikd(*targets: tuple[int, float]) -> Indicator:
    return Indicator.model_validate({"id": "ikd", "name": {"id": "IKD", "en": "IKD"}, "base": "wajib_ktp",
                                     "targets": [{"year": y, "percent": p, "source": "s", "quote": "q"}
                                                 for y, p in targets]})


# A valid, self-consistent observation: 1 of 10.000.000 people is 0,00001% (YAML reads 0.00001 as 1e-05).
TINY = (Observation.model_validate({
    "id": "tiny", "region": "r", "indicator": "ikd", "as_of": "2024-11-12", "source": "s", "quotes": ["q"],
    "count": 1, "percent": 0.00001, "percent_of": "wajib_ktp", "base": {"kind": "wajib_ktp", "count": 10_000_000}}),
    _ikd((2024, 30)), dt.date(2024, 11, 13))

# --- FuzzyDate --------------------------------------------------------------------------------------------------------


@FAST
@given(written_dates())
def test_fuzzy_date_round_trips_its_yaml_form_for_all_four_precisions(case):
    written, precision, day = case
    fd = FuzzyDate.parse(written)
    assert fd.precision == precision
    assert FuzzyDate.parse(fd.to_yaml()) == fd
    assert FuzzyDate.parse(fd) == fd  # a date that was already read reads the same again
    if isinstance(written, str):
        assert fd.to_yaml() == written
    elif isinstance(written, int):
        assert fd.to_yaml() == str(written)
    assert fd.start <= fd.reference <= fd.end
    assert fd.start <= day <= fd.end  # the period contains the day it was written from


@FAST
@given(written_dates())
def test_fuzzy_date_period_is_exactly_its_day_month_quarter_or_year(case):
    written, precision, day = case
    fd = FuzzyDate.parse(written)
    after = fd.end + dt.timedelta(days=1)
    if precision == "day":
        assert fd.start == fd.end == day
    elif precision == "month":
        assert fd.start == day.replace(day=1) and after.day == 1 and fd.end.month == fd.start.month
    elif precision == "quarter":
        assert fd.start.day == 1 and fd.start.month in (1, 4, 7, 10) and after.day == 1
        assert fd.end.month == fd.start.month + 2 and fd.end.year == fd.start.year
    else:
        assert (fd.start, fd.end) == (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    # the reference is the midpoint, to within a day
    assert abs((fd.reference - fd.start) - (fd.end - fd.reference)) <= dt.timedelta(days=1)


@FAST
@given(st.one_of(st.integers(1000, 1899), st.integers(2201, 9998)),
       st.sampled_from(["year", "quarter", "month", "day"]))
def test_fuzzy_date_refuses_years_outside_1900_to_2200(year, precision):
    written = {"year": str(year), "quarter": f"{year}-Q4", "month": f"{year}-12", "day": f"{year}-12-31"}[precision]
    with pytest.raises(ValueError):
        FuzzyDate.parse(written)


# --- people_for_percent -----------------------------------------------------------------------------------------------


@FAST
@given(st.floats(0, 100), st.floats(0, 100), st.integers(1, MAX_COUNT), st.integers(1, MAX_COUNT))
def test_people_for_percent_is_monotone_in_percent_and_base(p1, p2, b1, b2):
    p_lo, p_hi = sorted((p1, p2))
    b_lo, b_hi = sorted((b1, b2))
    assert people_for_percent(p_lo, b_lo) <= people_for_percent(p_hi, b_lo) <= people_for_percent(p_hi, b_hi)


@FAST
@given(st.floats(0, 100), st.integers(1, MAX_COUNT))
def test_people_for_percent_is_never_below_percent_times_base(percent, base):
    needed = people_for_percent(percent, base)
    assert isinstance(needed, int)
    # Exact decimal arithmetic on the written percent: never fewer people than the share (float slack only).
    assert needed >= percent * base / 100 - 1e-6
    assert needed <= base  # a target of at most 100% never needs more than everyone


@FAST
@given(st.integers(1, 10_000), st.integers(1, MAX_COUNT))
@example(7_540, 7_034_849_000)  # 75,40% of 7.034.849.000 is exactly 5.304.276.146
def test_people_for_percent_is_the_exact_ceiling_for_percents_written_with_two_decimals(hundredths, base):
    percent = hundredths / 100  # as YAML gives 75.40
    exact = Fraction(hundredths, 100) * base / 100
    assert people_for_percent(percent, base) == math.ceil(exact)


# --- derive -----------------------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(cases())
def test_derive_never_raises_and_its_figures_hold_together(case):
    obs, indicator, today = case
    m = derive(obs, indicator, today)
    target = _target_in_force(indicator, obs.as_of.reference.year)
    assert (m.target_year, m.target_percent) == (target if target else (None, None))
    # The age counts from a day inside the stated period: no older than its start, no younger than its end.
    assert 0 <= (today - obs.as_of.end).days <= m.age_days <= (today - obs.as_of.start).days
    assert m.base_kind in [*SHARE_KINDS, "unspecified"]

    # What the source reported is passed through untouched.
    if obs.count is not None:
        assert (m.count.value, m.count.origin, m.count.approximate) == (obs.count, "reported", obs.count_approximate)
    if obs.percent is not None and obs.percent_of != "target":
        assert (m.percent.value, m.percent.origin) == (obs.percent, "reported")
    if obs.base is not None:
        assert m.base.value == obs.base.count
        assert m.base.origin == ("estimate" if obs.base.estimate else "reported")

    # A derived count is the percent of the base, rounded to a whole person, and never more than the base when the
    # percent is at most 100; it is an estimate whenever the base is.
    if obs.count is None and m.count is not None:
        exact = m.percent.value * m.base.value / 100
        assert m.count.value == int(m.count.value) >= 0
        assert abs(m.count.value - exact) <= 0.5
        if m.percent.value <= 100:
            assert m.count.value <= m.base.value
        assert m.count.origin == ("estimate" if obs.base.estimate else "derived")
        assert m.count.approximate == (m.percent.approximate or m.base.approximate)

    if obs.percent is not None and obs.percent_of == "target":
        assert m.percent_of_target.value == obs.percent
        if m.target_percent is not None:
            assert m.percent.value <= obs.percent  # a share of a target of at most 100% is no larger
    if obs.count is not None and obs.percent is None and obs.base is not None:
        # round trip: the derived percent of the base gives back the reported count
        assert m.percent.value * obs.base.count / 100 == pytest.approx(obs.count, rel=1e-9, abs=1e-6)

    # A target count the source states is kept as reported; a derived one lies between the exact share and the
    # whole base. What is still needed is never negative nor more than the target.
    if obs.target_count is not None:
        assert m.target_count == Value(obs.target_count, "reported", obs.target_count_approximate)
    elif m.target_count is not None:
        assert m.target_percent * m.base.value / 100 - 1e-6 <= m.target_count.value <= m.base.value
    else:
        assert obs.base is None or m.target_percent is None
    if m.still_needed is not None:
        assert 0 <= m.still_needed.value <= m.target_count.value
        assert m.still_needed.value == max(0, m.target_count.value - m.count.value)
    assert (m.reached is None) == (m.percent is None or m.target_percent is None)


@settings(max_examples=300, deadline=None)
@given(cases())
@example(TINY)
def test_observation_findings_never_raise_for_a_valid_observation(case):
    obs, indicator, today = case
    findings = observation_findings(derive(obs, indicator, today), 0, "q")
    assert {f.code for f in findings} <= FINDING_CODES - {"quote_not_found"}


# --- checks -----------------------------------------------------------------------------------------------------------


@FAST
@given(counts, st.booleans())
def test_count_interval_contains_the_value(value, approximate):
    lo, hi = count_interval(value, approximate)
    assert lo <= value <= hi
    if not approximate or value == 0:
        assert lo == hi == value
    else:
        assert hi - lo >= 1  # at least ±0,5
        assert lo >= value / 2 > 0  # "11 ribu" never stands for zero people
        # The width is the place of the value's last non-zero digit: 11.000 is "11 ribu" (±500), 36.900 ±50.
        width = int(hi - lo)
        assert hi - lo == width and value % width == 0 and (value // width) % 10 != 0


def _rounded(count: int, base: int, rounding: str) -> float:
    with localcontext() as ctx:
        ctx.prec = 60
        return float((Decimal(count) * 100 / Decimal(base)).quantize(Decimal("0.01"), rounding=rounding))


@st.composite
def count_and_base(draw):
    base = draw(st.integers(1, 1_000_000_000))
    count = draw(st.one_of(st.integers(0, min(10 * base, MAX_COUNT)), st.integers(0, min(base, 1000))))
    return count, base


def _share(count: int, base: int, percent: float, *, approx_count=False, approx_base=False) -> Observation:
    return Observation.model_validate({
        "id": "obs", "region": "r", "indicator": "ikd", "as_of": "2024-11-01", "source": "s", "quotes": ["q"],
        "count": count, "count_approximate": approx_count, "percent": percent, "percent_of": "perekaman_ktp_el",
        "over_100_reason": "stale base" if percent > 100 else None,
        "base": {"kind": "perekaman_ktp_el", "count": base, "approximate": approx_base}})


@FAST
@given(count_and_base(), st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]), st.booleans(), st.booleans())
@example((203_479, 680_160), ROUND_HALF_UP, False, False)  # Padang: 29,92%
@example((1_234_871, 1_250_088), ROUND_HALF_UP, False, False)  # Kaltim akta: 98,78%
@example((1, 200), ROUND_HALF_UP, False, False)  # exactly 0,5%
@example((1, 8), ROUND_HALF_EVEN, False, False)  # 12,5%
def test_a_correctly_rounded_two_decimal_percent_never_raises_percent_mismatch(cb, rounding, approx_count,
                                                                                 approx_base):
    count, base = cb
    percent = _rounded(count, base, rounding)
    obs = _share(count, base, percent, approx_count=approx_count, approx_base=approx_base)
    findings = observation_findings(derive(obs, _ikd((2024, 30)), dt.date(2024, 11, 2)), 0)
    assert "percent_mismatch" not in {f.code for f in findings}


@FAST
@given(count_and_base(), st.integers(2, 500), st.booleans())
@example((203_479, 680_160), 14, True)  # Padang: 29,92 reported as 30,06
def test_a_percent_off_by_more_than_its_rounding_is_flagged(cb, off_hundredths, upwards):
    count, base = cb
    correct = Decimal(str(_rounded(count, base, ROUND_HALF_UP)))
    wrong = correct + (1 if upwards else -1) * Decimal(off_hundredths) / 100
    # Only exact figures written with two significant decimals (30.10 is read back as 30.1, i.e. ±0,05).
    assume(not (wrong < 0 or wrong > 1000 or wrong % Decimal("0.1") == 0))
    observed = derive(_share(count, base, float(wrong)), _ikd((2024, 30)), dt.date(2024, 11, 2))
    findings = observation_findings(observed, 0)
    assert "percent_mismatch" in {f.code for f in findings}


# --- formatting -------------------------------------------------------------------------------------------------------


@FAST
@given(st.integers(0, 10**15))
def test_i18n_number_reparses_to_the_same_integer(n):
    indonesian, english = i18n.number(n), i18n.number(n, "en")
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", indonesian)
    assert int(indonesian.replace(".", "")) == n
    assert re.fullmatch(r"\d{1,3}(,\d{3})*", english)
    assert int(english.replace(",", "")) == n


@FAST
@given(st.integers(0, 100_000))
def test_i18n_percent_of_a_two_decimal_percent_reparses_to_it(hundredths):
    p = hundredths / 100
    shown = i18n.percent(p)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{1,2})?%", shown)
    assert Decimal(shown[:-1].replace(".", "").replace(",", ".")) == Decimal(hundredths) / 100
    english = i18n.percent(p, "en")
    assert re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d{1,2})?%", english)
    assert Decimal(english[:-1].replace(",", "")) == Decimal(hundredths) / 100
