"""The link contract: every parameter a dashboard link may carry, in one pydantic model.

Each field says the parameter's type, its range, the slider step a value must sit on, and where its allowed values
come from (the language list, or the data file's regions, indicators and provinces). From this one model come the
URL cleaning (a value outside the contract is refused by name, never clamped), the typed values the pages and the
deck read, the command line's options (`python -m ikd_core export --growth 8000`), the what-if sliders' scales,
and the "same view from the command line" text.
"""

from __future__ import annotations

import datetime as dt
import math
import shlex
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ikd_core.domain.snapshot import Snapshot

# The pages, by URL path (the first is the default), with the catalogue key of each title.
PAGES = {"ringkasan": "page.overview", "bandingkan": "page.compare", "wilayah": "page.region",
         "proyeksi": "page.projection", "simulasi": "page.simulation", "data": "page.data",
         "presentasi": "page.present"}
LEVELS = ("provinsi", "kota", "kabupaten")
METRICS = ("percent", "percent_of_target", "still_needed", "age_days")
DATE_RANGE = (dt.date(2023, 1, 1), dt.date(2035, 12, 31))


def _param(*, shared: bool = False, export: bool = False, choices: str | None = None, step: float | None = None,
           scenario: str | None = None, help: str = "") -> Any:
    """A link parameter's place in the contract: carried between pages, read by exports and the command line, its
    values from the data file, the step of its slider, the Scenario field it sets."""
    return Field(None, description=help, json_schema_extra={
        "shared": shared, "export": export, "choices": choices, "step": step, "scenario": scenario})


Day = Annotated[dt.date, Field(ge=DATE_RANGE[0], le=DATE_RANGE[1])]


class Link(BaseModel):
    """Every parameter of a dashboard link, by the id a link carries (never a translated label)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The shared view, carried from page to page.
    lang: Literal["id", "en"] | None = _param(shared=True, export=True, help="id or en")
    regions: list[str] | None = _param(shared=True, export=True, choices="regions", help="comma-separated region ids")
    indicator: str | None = _param(shared=True, export=True, choices="indicators", help="an indicator id")
    level: list[Literal["provinsi", "kota", "kabupaten"]] | None = _param(shared=True)
    province: list[str] | None = _param(shared=True, choices="provinces")
    # One page's own.
    metric: Literal["percent", "percent_of_target", "still_needed", "age_days"] | None = _param()
    region: str | None = _param(export=True, choices="regions", help="the region of the what-if scenario")
    indicators: list[str] | None = _param(choices="indicators")
    q: str | None = _param()
    common: bool | None = _param()
    at: Day | None = _param()
    method: Literal["last_two", "least_squares"] | None = _param(export=True, help="last_two or least_squares")
    window: Annotated[int, Field(ge=2, le=24)] | None = _param(export=True, step=1,
                                                               help="figures in a least-squares pace")
    model: Literal["constant", "saturating"] | None = _param()
    ceiling: Annotated[float, Field(ge=5, le=100)] | None = _param(step=5)
    band: Annotated[int, Field(ge=0, le=90)] | None = _param(step=5)
    deadline: Day | None = _param(export=True, help="YYYY-MM-DD")
    start: Day | None = _param(export=True,
                               help="YYYY-MM-DD, the day a scenario's changes start (today at the earliest)")
    mult: Annotated[float, Field(ge=0, le=5)] | None = _param(export=True, step=0.1, scenario="pace_multiplier")
    points: Annotated[int, Field(ge=0, le=200)] | None = _param(export=True, step=1, scenario="extra_points")
    per_point: Annotated[float, Field(ge=0, le=500)] | None = _param(export=True, step=0.5,
                                                                     scenario="per_point_per_working_day")
    events: Annotated[int, Field(ge=0, le=21)] | None = _param(export=True, step=1, scenario="outreach_per_week")
    per_event: Annotated[float, Field(ge=0, le=2000)] | None = _param(export=True, step=10,
                                                                      scenario="per_outreach_event")
    wdays: Literal[5, 6] | None = _param(export=True, scenario="working_days_per_week")
    target: Annotated[float, Field(ge=1, le=100)] | None = _param(export=True, step=1, scenario="target_percent")
    growth: Annotated[float, Field(ge=0, le=100_000)] | None = _param(export=True, step=500, scenario="growth_per_year")
    slide: Annotated[int, Field(ge=1, le=999)] | None = _param()
    top: Annotated[int, Field(ge=3, le=50)] | None = _param(step=1)
    page: Annotated[int, Field(ge=1, le=100_000)] | None = _param()


FIELDS = Link.model_fields


def _extra(key: str) -> dict:
    return FIELDS[key].json_schema_extra  # type: ignore[return-value]


def _inner(key: str) -> Any:
    """The field's type without its `| None`."""
    return next(a for a in typing.get_args(FIELDS[key].annotation) if a is not type(None))


def _kind(key: str) -> str:
    inner = _inner(key)
    origin = typing.get_origin(inner)
    if origin is list:
        return "multi"
    base = typing.get_args(inner)[0] if origin is Annotated else inner
    if base is bool:
        return "bool"
    if base is dt.date:
        return "date"
    if base in (int, float):
        return base.__name__
    if typing.get_origin(base) is Literal and all(isinstance(v, int) for v in typing.get_args(base)):
        return "int"
    return "str"


KINDS = {key: _kind(key) for key in FIELDS}
SHARED_KEYS = tuple(k for k in FIELDS if _extra(k)["shared"])
EXPORT_KEYS = tuple(k for k in FIELDS if _extra(k)["export"])
_ADAPTERS = {key: TypeAdapter(_inner(key) if KINDS[key] != "multi" else typing.get_args(_inner(key))[0])
             for key in FIELDS}


@dataclass(frozen=True)
class Scale:
    """A numeric parameter's range and step: a slider's, a link's and the command line's alike."""

    key: str
    low: float
    high: float
    step: float
    field: str | None = None  # the Scenario field it sets

    def steps(self) -> list[float]:
        return [round(self.low + k * self.step, 6) for k in range(int(round((self.high - self.low) / self.step)) + 1)]

    def snap(self, value: float) -> float:
        """The scale's nearest step to `value` (a derived default, never a link's value)."""
        value = min(max(float(value), self.low), self.high)
        return round(self.low + round((value - self.low) / self.step) * self.step, 6)

    def on_step(self, value: float) -> bool:
        return math.isclose((value - self.low) / self.step, round((value - self.low) / self.step), abs_tol=1e-6)


def scale(key: str) -> Scale:
    """The range and step of a numeric parameter, from the contract."""
    info = typing.get_args(_inner(key))[1]
    low = next(m.ge for m in info.metadata if hasattr(m, "ge"))
    high = next(m.le for m in info.metadata if hasattr(m, "le"))
    return Scale(key, float(low), float(high), float(_extra(key)["step"] or 1), _extra(key)["scenario"])


SCENARIO_KEYS = tuple(k for k in FIELDS if _extra(k)["scenario"])


def allowed_values(snapshot: Snapshot | None) -> dict[str, set[str]]:
    """The values the data file allows for the parameters whose choices come from it."""
    if snapshot is None:
        return {}
    regions = set(snapshot.regions)
    return {"regions": regions, "indicators": set(snapshot.indicators),
            "provinces": {r.province for r in snapshot.dataset.regions}}


def _acceptable(key: str, value: str, allowed: Mapping[str, set[str]]) -> bool:
    try:
        typed = _ADAPTERS[key].validate_python(_raw(key, value))
    except ValidationError:
        return False
    choices = _extra(key)["choices"]
    if choices is not None and choices in allowed and value not in allowed[choices]:
        return False  # without a data file (`allowed` empty) the file's choices cannot be checked
    step = _extra(key)["step"]
    return step is None or scale(key).on_step(float(typed))


def _raw(key: str, value: str) -> object:
    if KINDS[key] == "bool":
        return {"1": True, "0": False}.get(value, value)
    if KINDS[key] == "int" and typing.get_origin(_inner(key)) is Literal:
        return int(value) if value.lstrip("-").isdigit() else value
    return value


def clean(params: Mapping[str, list[str]],
          allowed: Mapping[str, set[str]]) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Split a link's parameters into what can be used and what was refused (key, value): a type, range, step or
    choice the contract does not allow. Keys the app does not know are left alone: they may belong to someone
    else (a proxy, a tracker)."""
    kept: dict[str, list[str]] = {}
    rejected: list[tuple[str, str]] = []
    for key, values in params.items():
        if key not in FIELDS:
            kept[key] = list(values)
            continue
        good = [v for v in values if _acceptable(key, v, allowed)]
        rejected += [(key, v) for v in values if v not in good]
        if good:
            kept[key] = good if KINDS[key] == "multi" else good[:1]
    return kept, rejected


def parse(key: str, values: list[str]) -> object:
    """A link parameter's value as the widgets hold it (a list for multi-valued keys). Call after `clean`."""
    if KINDS[key] == "multi":
        return list(values)
    return _ADAPTERS[key].validate_python(_raw(key, values[0]))


def typed(params: Mapping[str, list[str]]) -> dict[str, object]:
    """Every known parameter of a cleaned link, parsed."""
    return {key: parse(key, values) for key, values in params.items() if key in FIELDS and values}


def text(value: object) -> str:
    """A typed value as a link writes it: `10`, not `10.0`; `1`, not `True`; ISO dates."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def numeric_scale(key: str) -> Scale | None:
    """The range and step a numeric parameter accepts (for a refusal's explanation); None for other kinds."""
    return scale(key) if KINDS.get(key) in ("int", "float") and typing.get_origin(_inner(key)) is Annotated else None


def why(key: str) -> str:
    """What a parameter accepts, for the command line's refusal: ' (0-100000 in steps of 500)'."""
    if (s := numeric_scale(key)) is not None:
        return f" ({text(s.low)}-{text(s.high)} in steps of {text(s.step)})"
    if KINDS.get(key) == "date":
        return f" (a date from {DATE_RANGE[0].isoformat()} to {DATE_RANGE[1].isoformat()})"
    choices = _extra(key)["choices"] if key in FIELDS else None
    return f" (one of the data file's {choices})" if choices else ""


def option(key: str) -> str:
    """The command line's option for a parameter: `per_point` is `--per-point`."""
    return "--" + key.replace("_", "-")


def cli_command(params: Mapping[str, object], fmt: str, out: str, lang: str | None = None) -> str:
    """The `python -m ikd_core export` command that gives the same selection as `params` (typed values)."""
    words = ["python", "-m", "ikd_core", "export", "--format", fmt, "--out", out]
    for key in EXPORT_KEYS:
        value = params.get(key, lang if key == "lang" else None)
        if value is None or value == []:
            continue
        shown = ",".join(map(text, value)) if isinstance(value, list) else text(value)
        words += [option(key), shown]
    return " ".join(shlex.quote(w) for w in words)


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
