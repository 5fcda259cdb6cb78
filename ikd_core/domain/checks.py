"""Data checks: things worth a warning on screen, not a refusal of the file."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ikd_core.domain.metrics import Metrics, people_for_percent, percent_interval
from ikd_core.domain.models import Dataset

STALE_AFTER_DAYS = 180


@dataclass(frozen=True)
class Finding:
    """A warning: `code` picks the message in the catalogue, `params` fill it in, `path` points into the file."""

    code: str
    subject: str  # observation id, or "" for a comparison
    path: tuple = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)


def count_interval(value: float, approximate: bool) -> tuple[float, float]:
    """The range a count stands for: exact, or rounded to its trailing zeros when approximate (11000 -> ±500)."""
    if not approximate or value == 0:
        return value, value
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    half = 10**zeros / 2 if zeros else 0.5
    return value - half, value + half


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


def _rounded_either_way(percent: float, base: float) -> tuple[int, int]:
    """The people for `percent` of `base`, rounded down and up: a source may round 153.430,2 to 153.430."""
    exact = Decimal(repr(float(percent))) * Decimal(repr(float(base))) / 100
    return math.floor(exact), math.ceil(exact)


QUOTE_SHOWN = 120  # characters of a quote a warning repeats


def observation_findings(m: Metrics, index: int, source_text: str | None = None,
                         is_latest: bool = True, check_quotes: bool = False) -> list[Finding]:
    """Warnings about one observation; `index` is its position in the file, for the line number. With
    `check_quotes`, its quotes are looked up in `source_text`, the stored copy of its article (None when the source
    has none: the quotes are then said to be unchecked)."""
    obs = m.observation
    path = ("observations", index)
    out: list[Finding] = []
    reported_share = obs.percent_of not in (None, "target", "unspecified")
    base_count = obs.base.count if obs.base is not None else None
    exact = obs.percent_bound is None and obs.count_bound is None
    if (obs.percent is not None and reported_share and obs.count is not None and base_count is not None and exact
            and obs.base is not None and not obs.base.estimate):
        c_lo, c_hi = count_interval(obs.count, obs.count_approximate)
        b_lo, b_hi = count_interval(base_count, obs.base.approximate)
        implied = (c_lo / b_hi * 100, c_hi / b_lo * 100)
        if not _overlap(percent_interval(obs.percent), implied):
            out.append(Finding("percent_mismatch", obs.id, path + ("percent",), {
                "percent": obs.percent, "count": obs.count, "base": base_count,
                "computed_percent": obs.count / base_count * 100}))
    if (obs.percent is not None and obs.percent_of_target is not None and m.target_percent is not None
            and obs.percent_bound is None):
        # The same figure given both ways must agree within the rounding of each: 13,72% of a 30% target is 4,116%.
        low, high = percent_interval(obs.percent_of_target)
        if not _overlap(percent_interval(obs.percent), (low * m.target_percent / 100, high * m.target_percent / 100)):
            out.append(Finding("percent_target_mismatch", obs.id, path + ("percent_of_target",), {
                "percent": obs.percent, "percent_of_target": obs.percent_of_target,
                "target_percent": m.target_percent,
                "computed_percent": obs.percent_of_target * m.target_percent / 100}))
    above = (m.count is not None and m.base is not None and m.count.value > m.base.value
             and m.count.bound != "upper")
    if above:
        out.append(Finding("count_above_base", obs.id, path + ("count",), {
            "count": m.count.value, "base": m.base.value, "kind": m.base_kind}))  # type: ignore[union-attr]
    elif m.percent is not None and m.percent.value > 100 and m.percent.bound != "upper":
        out.append(Finding("percent_above_100", obs.id, path + ("percent",), {
            "percent": m.percent.value, "reason": obs.over_100_reason or ""}))
    if (m.percent is not None and m.target_percent is not None and m.percent.value >= m.target_percent
            and m.percent.exact and m.still_needed is not None and m.still_needed.exact
            and m.still_needed.value > 0):
        out.append(Finding("reached_but_short", obs.id, path + ("percent",), {
            "percent": m.percent.value, "target_percent": m.target_percent, "count": m.still_needed.value}))
    if obs.target_count is not None and obs.base is not None and base_count is not None \
            and m.target_percent is not None:
        b_lo, b_hi = count_interval(base_count, obs.base.approximate)
        expected = (_rounded_either_way(m.target_percent, b_lo)[0], _rounded_either_way(m.target_percent, b_hi)[1])
        if not _overlap(count_interval(obs.target_count, obs.target_count_approximate), expected):
            out.append(Finding("target_count_mismatch", obs.id, path + ("target_count",), {
                "reported": obs.target_count, "target_percent": m.target_percent, "base": base_count,
                "computed_count": people_for_percent(m.target_percent, base_count)}))
    # Old data matters for a region's latest figure; an older one that a newer figure replaces is history.
    if is_latest and m.age_days > STALE_AFTER_DAYS:
        out.append(Finding("stale", obs.id, path + ("as_of",), {"days": m.age_days, "limit": STALE_AFTER_DAYS}))
    if check_quotes:
        out += quote_findings(obs.id, path + ("quotes",), obs.quotes, obs.source, source_text)
    return out


def quote_findings(subject: str, path: tuple, quotes: list[str], source: str,
                   source_text: str | None) -> list[Finding]:
    """A quote not in its stored article; or, with no stored copy, quotes that nobody could check."""
    if source_text is None:
        return [Finding("quote_unchecked", subject, path, {"source": source, "n": len(quotes)})]
    haystack = _normalise(source_text)
    return [Finding("quote_not_found", subject, path + (j,), {"quote": _cut(quote)})
            for j, quote in enumerate(quotes) if _normalise(quote) not in haystack]


def _cut(text: str) -> str:
    return text if len(text) <= QUOTE_SHOWN else text[:QUOTE_SHOWN - 1] + "…"


def dataset_findings(ds: Dataset, metrics: list[Metrics], source_texts: Mapping[str, str]) -> list[Finding]:
    """Warnings that need more than one observation, or that are about quotes outside observations."""
    out: list[Finding] = []
    seen: dict[tuple, str] = {}
    for i, m in enumerate(metrics):
        obs = m.observation
        key = (obs.region, obs.indicator, obs.as_of)
        if key in seen:  # two figures of one moment: one is a copy, or their dates are too coarse to tell apart
            out.append(Finding("duplicate_date", obs.id, ("observations", i, "as_of"),
                               {"other": seen[key], "date": obs.as_of}))
        else:
            seen[key] = obs.id
    for i, ind in enumerate(ds.indicators):
        for j, target in enumerate(ind.targets):
            out += quote_findings("", ("indicators", i, "targets", j, "quote"), [target.quote], target.source,
                                  source_texts.get(target.source))
    for i, region in enumerate(ds.regions):
        for name, fact in region.facts:
            if fact is not None:
                out += quote_findings("", ("regions", i, "facts", name, "quote"), [fact.quote], fact.source,
                                      source_texts.get(fact.source))
        for j, note in enumerate(region.notes):
            out += quote_findings("", ("regions", i, "notes", j, "quote"), [note.quote], note.source,
                                  source_texts.get(note.source))
    return [_single(f) for f in out]


def _single(finding: Finding) -> Finding:
    """A one-quote finding points at the quote itself, not at a list of one."""
    if finding.code == "quote_not_found" and finding.path[-2:-1] == ("quote",):
        return Finding(finding.code, finding.subject, finding.path[:-1], finding.params)
    return finding


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
