"""Everything computed from one loaded data file, once per file change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ikd_core import checks
from ikd_core.checks import Finding
from ikd_core.loading import Loaded
from ikd_core.metrics import Metrics, all_metrics
from ikd_core.models import Dataset, Indicator, Region, Source


@dataclass(frozen=True)
class Snapshot:
    loaded: Loaded
    today: dt.date
    metrics: list[Metrics]
    findings: list[Finding]

    @property
    def dataset(self) -> Dataset:
        return self.loaded.dataset

    @property
    def regions(self) -> dict[str, Region]:
        return {r.id: r for r in self.dataset.regions}

    @property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.dataset.sources}

    @property
    def indicators(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.dataset.indicators}

    def findings_for(self, observation_id: str) -> list[Finding]:
        return [f for f in self.findings if f.subject == observation_id]

    def line_of(self, path: tuple) -> int:
        return self.loaded.positions.locate(path)[1][0]


def build(loaded: Loaded, today: dt.date | None = None) -> Snapshot:
    today = today or dt.date.today()
    metrics = all_metrics(loaded.dataset, today)
    findings = [
        f
        for i, m in enumerate(metrics)
        for f in checks.observation_findings(m, i, loaded.source_texts.get(m.observation.source))
    ]
    return Snapshot(loaded, today, metrics, findings)
