"""Everything computed from one loaded data file, once per file change."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property

from ikd_core.domain import checks
from ikd_core.domain.checks import Finding
from ikd_core.domain.loading import Loaded
from ikd_core.domain.metrics import Metrics, all_metrics, latest
from ikd_core.domain.models import Dataset, Indicator, Region, Source

# Derived tables kept per file version. A national page asks for one entry per region (552 outlooks, 552 lines): at
# 256 those evicted the shared tables (the deck, the warnings) on every visit, so each was rebuilt every time.
MEMO_SIZE = 4096
# Built download files (a national Excel is some megabytes): the few most recently asked for.
FILES_KEPT = 8

@dataclass(frozen=True)
class Snapshot:
    loaded: Loaded
    today: dt.date
    metrics: list[Metrics]
    findings: list[Finding]

    @property
    def dataset(self) -> Dataset:
        return self.loaded.dataset

    # Indexes, built once per file version (a national file has tens of thousands of observations; a page must
    # not scan them all once per region).
    @cached_property
    def regions(self) -> dict[str, Region]:
        return {r.id: r for r in self.dataset.regions}

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.dataset.sources}

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.dataset.indicators}

    @cached_property
    def _by_region(self) -> dict[str, list[Metrics]]:
        out: dict[str, list[Metrics]] = defaultdict(list)
        for m in self.metrics:
            out[m.observation.region].append(m)
        return dict(out)

    @cached_property
    def _by_subject(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            out[f.subject].append(f)
        return dict(out)

    @cached_property
    def _latest(self) -> dict[str, dict[str, Metrics]]:
        return {i: {m.observation.region: m for m in latest(self.metrics, i)} for i in self.indicators}

    @cached_property
    def _memo(self) -> tuple[threading.Lock, OrderedDict]:
        return threading.Lock(), OrderedDict()

    @cached_property
    def _files(self) -> tuple[threading.Lock, OrderedDict]:
        return threading.Lock(), OrderedDict()

    @cached_property
    def _building(self) -> dict[Hashable, threading.Lock]:
        return {}

    def memo(self, key: Hashable, compute: Callable[[], object], file: bool = False) -> object:
        """A derived table of this file version, computed once and shared by every session (the most recently
        used MEMO_SIZE are kept; of built files, `file=True`, FILES_KEPT). Results must be treated as read-only.

        One computation per key at a time: a viewer asking for what another is building waits for it instead of
        building it again (ten national Excel downloads at once held the server's one core for 35 s)."""
        lock, cache = self._files if file else self._memo
        with lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with lock:
                if key in cache:
                    return cache[key]
            value = compute()
            with lock:
                cache[key] = value
                while len(cache) > (FILES_KEPT if file else MEMO_SIZE):
                    cache.popitem(last=False)
                self._building.pop(key, None)
        return value

    def metrics_of(self, region_id: str) -> list[Metrics]:
        """One region's observations (every indicator), in file order."""
        return self._by_region.get(region_id, [])

    def latest_of(self, indicator: str) -> dict[str, Metrics]:
        """Region id -> its most recent observation of `indicator`."""
        return self._latest.get(indicator, {})

    def findings_for(self, observation_id: str) -> list[Finding]:
        return self._by_subject.get(observation_id, [])

    def gap(self) -> str | None:
        """What a file still lacks before figures can be drawn ("regions", "indicators"), or None."""
        if not self.regions:
            return "regions"
        if not self.indicators:
            return "indicators"
        return None

    def line_of(self, path: tuple) -> int:
        return self.loaded.positions.locate(path)[1][0]


def build(loaded: Loaded, today: dt.date) -> Snapshot:
    metrics = all_metrics(loaded.dataset, today)
    newest = {m.observation.id for ind in loaded.dataset.indicators for m in latest(metrics, ind.id)}
    findings = [
        f
        for i, m in enumerate(metrics)
        for f in checks.observation_findings(m, i, loaded.source_texts.get(m.observation.source),
                                             m.observation.id in newest, check_quotes=True)
    ]
    findings += checks.dataset_findings(loaded.dataset, metrics, loaded.source_texts)
    return Snapshot(loaded, today, metrics, findings)


def by_line(snapshot: Snapshot) -> list[Finding]:
    """The findings in the order an analyst reads the file."""
    return sorted(snapshot.findings, key=lambda f: snapshot.line_of(f.path))
