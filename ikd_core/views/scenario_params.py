"""The what-if inputs as a link carries them (`points=10&per_point=20`): their scales, defaults and Scenario fields.

One place for the Simulasi sliders, the presenter deck and the command line, so the same link gives the same
numbers everywhere (a derived default such as "activations per point" is snapped onto the slider's scale here).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

from ikd_core import i18n
from ikd_core.domain.scenario import Result, Scenario
from ikd_core.i18n import Lang
from ikd_core.views.links import SCENARIO_KEYS, scale

# Link key -> scale, from the link contract. The order is the sliders' order.
SCALES = {key: scale(key) for key in SCENARIO_KEYS if key != "wdays"}
CHOICES = {"wdays": ("working_days_per_week", (5, 6))}
DATES = {"deadline": "deadline", "start": "changes_from"}  # start: the day the changes start acting
KEYS = (*SCALES, *CHOICES, *DATES)


def per_point_default(s: Scenario, result: Result) -> float:
    """Today's activations per existing service point per working day, when both are known; else 0."""
    start = result.start
    if start.service_points and result.people_per_day:
        return result.people_per_day * 7 / s.working_days_per_week / start.service_points
    return 0.0


def changes_from_default(result: Result) -> dt.date:
    """Changes start today: a what-if never acts in the past."""
    return max(result.today, result.start.date)


def defaults(base: Scenario, result: Result) -> dict[str, object]:
    """Each link key's value for the region as it is (left out of a link), snapped onto its scale."""
    values = {key: getattr(base, str(slider.field)) for key, slider in SCALES.items()}
    values["per_point"] = per_point_default(base, result)
    out: dict[str, object] = {key: SCALES[key].snap(v) for key, v in values.items()}
    out["wdays"] = base.working_days_per_week
    out["deadline"] = base.deadline
    out["start"] = changes_from_default(result)
    return out


def changes(base: Scenario, result: Result, given: Mapping[str, object]) -> dict[str, object]:
    """Scenario fields for the values a link or the sliders give; what is not given is the baseline's."""
    values = {**defaults(base, result), **{k: v for k, v in given.items() if k in KEYS and v is not None}}
    out: dict[str, object] = {}
    for key, slider in SCALES.items():
        out[slider.field] = slider.snap(values[key])  # type: ignore[arg-type,index]
    out["extra_points"] = int(out["extra_points"])  # type: ignore[call-overload]
    wdays = int(values["wdays"])  # type: ignore[call-overload]
    out["working_days_per_week"] = wdays if wdays in CHOICES["wdays"][1] else base.working_days_per_week
    deadline = values["deadline"]
    out["deadline"] = deadline if isinstance(deadline, dt.date) else base.deadline
    start = values["start"]
    earliest = changes_from_default(result)
    out["changes_from"] = max(start, earliest) if isinstance(start, dt.date) else earliest
    return out


def label(key: str, value: float, lang: Lang) -> str:
    """A slider value as its slider shows it: `1,5×`, `12,5`, `30%`, `8.000`."""
    if key == "mult":
        return f"{i18n.number(value, lang, 1)}×"
    if key == "target":
        return i18n.percent(value, lang)
    return i18n.number(value, lang, 1 if key == "per_point" else 0)


@functools.cache
def labels(key: str, lang: Lang) -> dict[float, str]:
    """Every step of a scenario slider with its label, formatted once per language: the Simulasi fragment
    reruns on every slider move, and formatting its 1,777 steps with babel each time took 30-50 ms of it."""
    return {value: label(key, value, lang) for value in SCALES[key].steps()}
