"""Cross-field rules a valid data file must satisfy. Breaking one is an error, not a warning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ikd_core.domain import models as m
from ikd_core.domain.dates import FuzzyDate

SHARE_KINDS = {"wajib_ktp", "perekaman_ktp_el", "penduduk", "anak"}

Problem = tuple[tuple, str, dict]  # field path, error code (catalogue `err.<code>`), its parameters


def _duplicates(items: list, section: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            yield (section, i, "id"), "dup_id", {"id": repr(item.id), "first": f"{section}[{first[item.id]}]"}
        else:
            first[item.id] = i


def _reference(path: tuple, kind: str, ref: str | None, known: set[str]) -> Iterator[Problem]:
    if ref is not None and ref not in known:
        yield path, f"unknown_{kind}", {"ref": repr(ref), "section": kind_section(kind)}


def kind_section(kind: str) -> str:
    return {"source": "sources", "region": "regions", "indicator": "indicators", "parent": "regions"}[kind]


def _dates(path: tuple, as_of: FuzzyDate, published: FuzzyDate | None, today: dt.date) -> Iterator[Problem]:
    if as_of.start > today:
        yield path, "future_as_of", {"date": as_of.to_yaml()}
    elif published is not None and as_of.start > published.end:
        yield path, "after_publication", {"date": as_of.to_yaml(), "published": published.to_yaml()}


def problems(ds: m.Dataset, today: dt.date) -> Iterator[Problem]:
    """Every rule broken in `ds`, as (field path, error code, parameters)."""
    for section in ("sources", "indicators", "regions", "observations"):
        yield from _duplicates(getattr(ds, section), section)
    sources = {s.id: s for s in ds.sources}
    regions = {r.id: r for r in ds.regions}
    indicators = {i.id for i in ds.indicators}

    if ds.program is not None:
        opening = ds.program.public_opening
        yield from _reference(("program", "public_opening", "source"), "source", opening.source, set(sources))
        if opening.date.start > today:
            yield ("program", "public_opening", "date"), "future_opening", {"date": opening.date.to_yaml()}
    for i, ind in enumerate(ds.indicators):
        for j, target in enumerate(ind.targets):
            yield from _reference(("indicators", i, "targets", j, "source"), "source", target.source, set(sources))

    for i, region in enumerate(ds.regions):
        path = ("regions", i)
        yield from _reference(path + ("parent",), "parent", region.parent, set(regions))
        parent = regions.get(region.parent) if region.parent else None
        if region.parent == region.id:
            yield path + ("parent",), "own_parent", {"id": repr(region.id)}
        elif parent is not None:
            if parent.level != "provinsi":
                yield path + ("parent",), "parent_not_province", {"id": repr(parent.id), "level": parent.level}
            if parent.province != region.province:
                yield (path + ("province",), "province_differs",
                       {"province": repr(region.province), "parent": repr(parent.province)})
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
        yield path + ("percent",), "over_100", {"percent": f"{obs.percent:g}", "kind": str(obs.percent_of)}
    if obs.base is None:
        return
    if obs.percent_of in SHARE_KINDS and obs.base.kind != obs.percent_of:
        yield path + ("base", "kind"), "base_kind_differs", {"kind": obs.base.kind, "percent_of": str(obs.percent_of)}
    if obs.percent_of == "unspecified" and not obs.base.estimate:
        yield path + ("base",), "unspecified_base_assumed", {}
