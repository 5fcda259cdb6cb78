"""What a link may carry: the shared view (language, regions, indicator, filters) and page-specific choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from ikd_core.domain.pace import METHODS
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import LANGS
from ikd_core.views.compare import METRICS, provinces

# The pages, by URL path (the first is the default), with the catalogue key of each title.
PAGES = {"ringkasan": "page.overview", "bandingkan": "page.compare", "wilayah": "page.region",
         "proyeksi": "page.projection", "simulasi": "page.simulation", "data": "page.data",
         "presentasi": "page.present"}
# Carried from page to page; the rest belongs to one page.
SHARED_KEYS = ("lang", "regions", "indicator", "level", "province")
LEVELS = ("provinsi", "kota", "kabupaten")
# Every parameter a link may carry, and how its text is read.
KINDS = {
    "lang": "str", "regions": "multi", "indicator": "str", "level": "multi", "province": "multi",
    "metric": "str", "region": "str", "indicators": "multi", "q": "str",
    "common": "bool", "at": "date",
    "method": "str", "window": "int", "model": "str", "ceiling": "float", "band": "int", "deadline": "date",
    "mult": "float", "points": "int", "per_point": "float", "events": "float", "per_event": "float",
    "wdays": "int", "target": "float", "growth": "float", "start": "date", "slide": "int", "top": "int",
    "page": "int",
}
# Numeric parameters: the slider's range, so a link cannot push a widget outside it.
RANGES = {
    "window": (2, 24), "ceiling": (1, 100), "band": (0, 90), "mult": (0, 5), "points": (0, 200),
    "per_point": (0, 500), "events": (0, 21), "per_event": (0, 2000), "wdays": (5, 6), "target": (1, 100),
    "growth": (0, 1_000_000), "slide": (1, 999), "top": (3, 50), "page": (1, 100_000),
}
# What an export (the Presentasi page's downloads, `python -m ikd_core export`) reads from a selection.
EXPORT_KEYS = ("lang", "regions", "indicator", "region", "deadline", "method", "window",
               "mult", "points", "per_point", "events", "per_event", "wdays", "target", "growth", "start")
DATE_RANGE = (dt.date(2023, 1, 1), dt.date(2035, 12, 31))


# A dashboard link is a few hundred characters; a long selection of regions a few thousand. A link past these is no
# dashboard link, and is ignored whole with a message. (Past 512.000 characters or 1.000 values, Streamlit itself
# drops the query before the app sees it, and the page opens as if the link had none: these limits are below
# that, so that a long link gets a message rather than nothing.)
MAX_LINK_CHARS = 32_000
MAX_LINK_VALUES = 500


def too_long(params: Mapping[str, list[str]]) -> int | None:
    """The link's length in characters when it is over the limits; None when it is fine."""
    size = sum(len(key) + sum(len(v) + 2 for v in values) for key, values in params.items())
    count = sum(len(values) for values in params.values())
    return size if size > MAX_LINK_CHARS or count > MAX_LINK_VALUES else None


def allowed_values(snapshot: Snapshot | None) -> dict[str, set[str]]:
    """Every query parameter the app understands, and the values it accepts."""
    allowed: dict[str, set[str]] = {
        "lang": set(LANGS), "metric": set(METRICS), "level": set(LEVELS), "method": set(METHODS),
        "model": {"constant", "saturating"}, "common": {"0", "1"}}
    if snapshot is not None:
        regions = set(snapshot.regions)
        allowed |= {"regions": regions, "region": regions, "indicator": set(snapshot.indicators),
                    "indicators": set(snapshot.indicators),
                    "province": set(provinces(snapshot))}
    return allowed


def clean(params: Mapping[str, list[str]],
          allowed: dict[str, set[str]]) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Split a link's parameters into what can be used and what was rejected (key, value).

    Keys the app does not know are left alone: they may belong to someone else (a proxy, a tracker).
    """
    kept: dict[str, list[str]] = {}
    rejected: list[tuple[str, str]] = []
    for key, values in params.items():
        if key not in allowed and KINDS.get(key) not in ("int", "float", "date"):
            kept[key] = list(values)
            continue
        good = [v for v in values if _acceptable(key, v, allowed)]
        rejected += [(key, v) for v in values if not _acceptable(key, v, allowed)]
        if good:
            kept[key] = good
    return kept, rejected


def _acceptable(key: str, value: str, allowed: dict[str, set[str]]) -> bool:
    kind = KINDS.get(key)
    try:
        if kind == "date":
            return DATE_RANGE[0] <= dt.date.fromisoformat(value) <= DATE_RANGE[1]
        if kind in ("int", "float"):
            number = int(value) if kind == "int" else float(value)
            low, high = RANGES[key]
            return low <= number <= high
    except ValueError:
        return False
    return value in allowed[key]


def dashboard_query(link: str) -> dict[str, list[str]] | None:
    """The parameters of a dashboard link (`http://host:8501/presentasi?regions=padang`), or None when `link` is
    not one: another scheme, no host, or a path that is not one of the pages (a prefix before it is fine, for a
    server behind a proxy)."""
    from urllib.parse import parse_qs, urlsplit

    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return None
    page = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if parts.scheme not in ("http", "https") or not parts.netloc or (page and page not in PAGES):
        return None
    return parse_qs(parts.query, keep_blank_values=True)


_PARSE: dict[str, Callable[[str], object]] = {"int": int, "float": float, "date": dt.date.fromisoformat,
                                               "bool": lambda v: v == "1"}


def parse(key: str, values: list[str]) -> object:
    """A link parameter's value as the widgets hold it (a list for multi-valued keys). Call after `clean`."""
    kind = KINDS[key]
    return list(values) if kind == "multi" else _PARSE.get(kind, str)(values[0])


def typed(params: Mapping[str, list[str]]) -> dict[str, object]:
    """Every known parameter of a cleaned link, parsed."""
    return {key: parse(key, values) for key, values in params.items() if key in KINDS and values}
