"""What a link may carry: the shared view (language, regions, indicator, filters) and page-specific choices."""

from __future__ import annotations

from collections.abc import Mapping

from ikd_core.compare import METRICS, provinces
from ikd_core.i18n import LANGS
from ikd_core.snapshot import Snapshot

# Carried from page to page; the rest (metric, region) belongs to one page.
SHARED_KEYS = ("lang", "regions", "indicator", "level", "province")
LEVELS = ("provinsi", "kota", "kabupaten")


def allowed_values(snapshot: Snapshot | None) -> dict[str, set[str]]:
    """Every query parameter the app understands, and the values it accepts."""
    allowed = {"lang": set(LANGS), "metric": set(METRICS), "level": set(LEVELS)}
    if snapshot is not None:
        regions = set(snapshot.regions)
        allowed |= {"regions": regions, "region": regions, "indicator": set(snapshot.indicators),
                    "indicators": set(snapshot.indicators),
                    "province": set(provinces(snapshot))}
    return allowed


def clean(params: Mapping[str, list[str]], allowed: dict[str, set[str]]) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Split a link's parameters into what can be used and what was rejected (key, value).

    Keys the app does not know are left alone: they may belong to someone else (a proxy, a tracker).
    """
    kept: dict[str, list[str]] = {}
    rejected: list[tuple[str, str]] = []
    for key, values in params.items():
        if key not in allowed:
            kept[key] = list(values)
            continue
        good = [v for v in values if v in allowed[key]]
        rejected += [(key, v) for v in values if v not in allowed[key]]
        if good:
            kept[key] = good
    return kept, rejected
