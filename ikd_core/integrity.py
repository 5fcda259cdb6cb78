"""Cross-field rules a valid data file must satisfy. Breaking one is an error, not a warning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ikd_core import models as m
from ikd_core.dates import FuzzyDate

SHARE_KINDS = {"wajib_ktp", "perekaman_ktp_el", "penduduk", "anak"}

Problem = tuple[tuple, str, str]


def _duplicates(items: list, section: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            yield ((section, i, "id"), f"duplicate id {item.id!r} (also {section}[{first[item.id]}]).",
                   "Every id must be unique: rename one of them.")
        else:
            first[item.id] = i


def _reference(path: tuple, kind: str, ref: str | None, known: set[str]) -> Iterator[Problem]:
    if ref is not None and ref not in known:
        yield (path, f"unknown {kind} {ref!r}.",
               f"Use the id of an existing {kind}, or add it under {kind_section(kind)}:.")


def kind_section(kind: str) -> str:
    return {"source": "sources", "region": "regions", "indicator": "indicators", "parent": "regions"}[kind]


def _dates(path: tuple, as_of: FuzzyDate, published: FuzzyDate | None, today: dt.date) -> Iterator[Problem]:
    if as_of.start > today:
        yield path, f"as-of date {as_of.to_yaml()} is in the future.", "Check the year and the month."
    elif published is not None and as_of.start > published.end:
        yield (path, f"as-of date {as_of.to_yaml()} is after the source's publication date {published.to_yaml()}.",
               "A figure cannot be as of a date after it was published: check both dates.")


def problems(ds: m.Dataset, today: dt.date) -> Iterator[Problem]:
    """Every rule broken in `ds`, as (field path, message, hint)."""
    for section in ("sources", "indicators", "regions", "observations"):
        yield from _duplicates(getattr(ds, section), section)
    sources = {s.id: s for s in ds.sources}
    regions = {r.id: r for r in ds.regions}
    indicators = {i.id for i in ds.indicators}

    if ds.program is not None:
        opening = ds.program.public_opening
        yield from _reference(("program", "public_opening", "source"), "source", opening.source, set(sources))
        if opening.date.start > today:
            yield (("program", "public_opening", "date"), f"the program opening {opening.date.to_yaml()} is in "
                   "the future.", "Check the year.")
    for i, ind in enumerate(ds.indicators):
        for j, target in enumerate(ind.targets):
            yield from _reference(("indicators", i, "targets", j, "source"), "source", target.source, set(sources))

    for i, region in enumerate(ds.regions):
        path = ("regions", i)
        yield from _reference(path + ("parent",), "parent", region.parent, set(regions))
        parent = regions.get(region.parent) if region.parent else None
        if region.parent == region.id:
            yield path + ("parent",), f"region {region.id!r} is its own parent.", "Remove parent or fix it."
        elif parent is not None:
            if parent.level != "provinsi":
                yield (path + ("parent",),
                       f"parent {parent.id!r} is a {parent.level}; only a provinsi can be a parent.",
                       "Point parent at the province.")
            if parent.province != region.province:
                yield (path + ("province",), f"province {region.province!r} differs from its parent's "
                       f"({parent.province!r}).", "Use the parent province's name.")
        for name, fact in region.facts:
            if fact is None:
                continue
            fpath = path + ("facts", name)
            yield from _reference(fpath + ("source",), "source", fact.source, set(sources))
            if fact.as_of is not None:
                src = sources.get(fact.source)
                yield from _dates(fpath + ("as_of",), fact.as_of, src.date_published if src else None, today)
        for j, note in enumerate(region.notes):
            yield from _reference(path + ("notes", j, "source"), "source", note.source, set(sources))

    for i, obs in enumerate(ds.observations):
        path = ("observations", i)
        yield from _reference(path + ("region",), "region", obs.region, set(regions))
        yield from _reference(path + ("indicator",), "indicator", obs.indicator, indicators)
        yield from _reference(path + ("source",), "source", obs.source, set(sources))
        src = sources.get(obs.source)
        yield from _dates(path + ("as_of",), obs.as_of, src.date_published if src else None, today)
        yield from _observation_figures(path, obs)


def _observation_figures(path: tuple, obs: m.Observation) -> Iterator[Problem]:
    if obs.percent is not None and obs.percent_of in SHARE_KINDS and obs.percent > 100 and not obs.over_100_reason:
        yield (path + ("percent",), f"{obs.percent:g} is above 100 for a share of {obs.percent_of}.",
               "If the source really reports coverage above 100% (non-residents, a stale base), "
               "say why in over_100_reason:; otherwise fix the percent.")
    if obs.base is None:
        return
    if obs.percent_of in SHARE_KINDS and obs.base.kind != obs.percent_of:
        yield (path + ("base", "kind"), f"base is {obs.base.kind} but the percent is of {obs.percent_of}.",
               "A percent and its base must describe the same group: fix one of them.")
    if obs.percent_of == "unspecified" and not obs.base.estimate:
        yield (path + ("base",), "the percent's base is unspecified, so this base is an assumption.",
               "Explain the assumption in base.estimate:, or set percent_of to what the source says.")
