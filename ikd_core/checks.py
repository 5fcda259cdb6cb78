"""Data checks: things worth a warning on screen, not a refusal of the file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ikd_core.metrics import Metrics, people_for_percent

STALE_AFTER_DAYS = 180


@dataclass(frozen=True)
class Finding:
    """A warning: `code` picks the message in the catalogue, `params` fill it in, `path` points into the file."""

    code: str
    subject: str  # observation id, or "" for a comparison
    path: tuple = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)


def decimals(x: float) -> int:
    """Decimal places as written: 30.06 -> 2, 8.5 -> 1, 99 -> 0, 1e-05 -> 5."""
    exponent = Decimal(repr(float(x))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def count_interval(value: float, approximate: bool) -> tuple[float, float]:
    """The range a count stands for: exact, or rounded to its trailing zeros when approximate (11000 -> ±500)."""
    if not approximate or value == 0:
        return value, value
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    half = 10**zeros / 2 if zeros else 0.5
    return value - half, value + half


def percent_interval(value: float) -> tuple[float, float]:
    half = 0.5 * 10 ** -decimals(value)
    return value - half, value + half


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


def observation_findings(m: Metrics, index: int, source_text: str | None = None,
                         is_latest: bool = True) -> list[Finding]:
    """Warnings about one observation; `index` is its position in the file, for the line number."""
    obs = m.observation
    path = ("observations", index)
    out: list[Finding] = []
    reported_share = obs.percent_of not in (None, "target", "unspecified")
    if (obs.percent is not None and reported_share and obs.count is not None and obs.base is not None
            and not obs.base.estimate):
        c_lo, c_hi = count_interval(obs.count, obs.count_approximate)
        b_lo, b_hi = count_interval(obs.base.count, obs.base.approximate)
        implied = (c_lo / b_hi * 100, c_hi / b_lo * 100)
        if not _overlap(percent_interval(obs.percent), implied):
            out.append(Finding("percent_mismatch", obs.id, path + ("percent",), {
                "percent": obs.percent, "count": obs.count, "base": obs.base.count,
                "computed_percent": obs.count / obs.base.count * 100}))
    if m.count is not None and m.base is not None and m.count.value > m.base.value:
        out.append(Finding("count_above_base", obs.id, path + ("count",), {
            "count": m.count.value, "base": m.base.value, "kind": m.base_kind}))
    elif m.percent is not None and m.percent.value > 100:
        out.append(Finding("percent_above_100", obs.id, path + ("percent",), {
            "percent": m.percent.value, "reason": obs.over_100_reason or ""}))
    if (m.percent is not None and m.target_percent is not None and m.percent.value >= m.target_percent
            and m.still_needed is not None and m.still_needed.value > 0):
        out.append(Finding("reached_but_short", obs.id, path + ("percent",), {
            "percent": m.percent.value, "target_percent": m.target_percent, "count": m.still_needed.value}))
    if obs.target_count is not None and obs.base is not None and m.target_percent is not None:
        b_lo, b_hi = count_interval(obs.base.count, obs.base.approximate)
        expected = (people_for_percent(m.target_percent, b_lo), people_for_percent(m.target_percent, b_hi))
        if not _overlap(count_interval(obs.target_count, obs.target_count_approximate), expected):
            out.append(Finding("target_count_mismatch", obs.id, path + ("target_count",), {
                "reported": obs.target_count, "target_percent": m.target_percent, "base": obs.base.count,
                "computed_count": people_for_percent(m.target_percent, obs.base.count)}))
    # Old data matters for a region's latest figure; an older one that a newer figure replaces is history.
    if is_latest and m.age_days > STALE_AFTER_DAYS:
        out.append(Finding("stale", obs.id, path + ("as_of",), {"days": m.age_days, "limit": STALE_AFTER_DAYS}))
    if source_text is not None:
        haystack = _normalise(source_text)
        for j, quote in enumerate(obs.quotes):
            if _normalise(quote) not in haystack:
                out.append(Finding("quote_not_found", obs.id, path + ("quotes", j), {"quote": quote}))
    return out


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def comparison_findings(selected: list[Metrics], levels: Mapping[str, str]) -> list[Finding]:
    """Warnings about comparing these figures side by side: mixed bases, mixed levels, different moments."""
    out = []
    kinds = sorted({m.base_kind for m in selected})
    if len(kinds) > 1:
        out.append(Finding("mixed_bases", "", (), {"kinds": kinds}))
    region_levels = sorted({levels[m.observation.region] for m in selected if m.observation.region in levels})
    if len(region_levels) > 1:
        out.append(Finding("mixed_levels", "", (), {"levels": region_levels}))
    if len(selected) > 1:
        first = min(selected, key=lambda m: m.as_of.start).as_of
        last = max(selected, key=lambda m: m.as_of.end).as_of
        if first != last:
            out.append(Finding("different_dates", "", (), {"first": first, "last": last}))
    return out
