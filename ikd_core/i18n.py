"""The string catalogues (one YAML file per language) and locale-aware formatting through babel."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Literal, cast

import yaml
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, parse_pattern

from ikd_core.domain.dates import FuzzyDate

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"
_LOCALES = {"id": "id_ID", "en": "en_US"}
# Plotly's layout.separators: decimal mark, then thousands separator.
PLOTLY_SEPARATORS = {"id": ",.", "en": ".,"}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
APPROX = "≈"


@functools.cache
def catalogue(lang: Lang) -> dict[str, str]:
    path = Path(__file__).with_name("locales") / f"{lang}.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def lang_or_default(value: object) -> Lang:
    return cast(Lang, value) if value in LANGS else DEFAULT_LANG


def t(key: str, lang: Lang = DEFAULT_LANG, **params: object) -> str:
    """The catalogue string for `key`, filled in; a missing key shows itself rather than crash the page."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANG).get(key) or key
    return text.format(**params) if params else text


# Formatted numbers kept per (value, language, decimals): a projection chart's hover texts ask for the same ones on
# every slider move (the baseline's curve does not change).
FORMATTED = 16_384


# Parsed once: babel's format_* functions parse the locale and the pattern on every call (a projection chart's
# hover texts make hundreds of calls per rerun).
@functools.cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse(_LOCALES[lang])


@functools.cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@functools.lru_cache(maxsize=FORMATTED)
def number(x: float, lang: Lang = DEFAULT_LANG, decimals: int = 0) -> str:
    """2878769 -> '2.878.769' (id) or '2,878,769' (en)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _pattern(pattern).apply(x, _locale(lang))


@functools.lru_cache(maxsize=FORMATTED)
def percent(p: float, lang: Lang = DEFAULT_LANG, decimals: int | None = None) -> str:
    """A percent given in percent units: 8.5 -> '8,5%'. Without `decimals`, up to 2 as needed."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "" if decimals == 0 else ".##") + "%"
    return _pattern(pattern).apply(p / 100, _locale(lang))


def date(d: FuzzyDate, lang: Lang = DEFAULT_LANG) -> str:
    """A date at its own precision: '12 November 2024', 'April 2024', 'Triwulan IV 2025', 'Semester I 2024',
    '2025'."""
    locale = _LOCALES[lang]
    if d.precision == "day":
        return format_date(d.start, "d MMMM y", locale=locale)
    if d.precision == "month":
        return format_date(d.start, "MMMM y", locale=locale)
    if d.precision == "quarter":
        q = (d.start.month + 2) // 3
        return t("quarter", lang, roman=_ROMAN[q], quarter=q, year=d.start.year)
    if d.precision == "half":
        h = (d.start.month + 5) // 6
        return t("half", lang, roman=_ROMAN[h], half=h, year=d.start.year)
    return str(d.start.year)


@functools.cache
def date_of(d: dt.date, lang: Lang = DEFAULT_LANG) -> str:
    """A plain calendar date: '31 Desember 2026'."""
    return format_date(d, "d MMMM y", locale=_LOCALES[lang])


@functools.cache
def month(d: dt.date, lang: Lang = DEFAULT_LANG) -> str:
    """'Nov 2024' / 'Agu 2024': a short month and year for chart ticks."""
    return format_date(d, "MMM y", locale=_LOCALES[lang])


def level(name: str, lang: Lang = DEFAULT_LANG) -> str:
    return t(f"level.{name}", lang)


def base_kind(name: str, lang: Lang = DEFAULT_LANG) -> str:
    return t(f"base.{name}", lang)


_PERCENT_PARAMS = {"percent", "computed_percent", "target_percent", "percent_of_target"}
_COUNT_PARAMS = {"count", "base", "reported", "computed_count", "days", "limit", "n"}


def finding(code: str, params: dict, lang: Lang = DEFAULT_LANG) -> str:
    """A data-check warning in words, its numbers formatted for `lang`."""
    shown: dict[str, object] = {}
    for key, value in params.items():
        if key in _PERCENT_PARAMS:
            shown[key] = percent(value, lang)
        elif key in _COUNT_PARAMS:
            shown[key] = number(value, lang)
        elif key == "kinds":
            shown[key] = ", ".join(base_kind(k, lang) for k in value)
        elif key == "levels":
            shown[key] = ", ".join(level(v, lang) for v in value)
        elif isinstance(value, FuzzyDate) or hasattr(value, "precision"):  # also a FuzzyDate of a reloaded module
            shown[key] = date(value, lang)
        else:
            shown[key] = value
    return t(f"warn.{code}", lang, **shown).strip()


def datetime(moment: dt.datetime, lang: Lang = DEFAULT_LANG) -> str:
    """'23 November 2026 15.02' (id) or 'November 23, 2026 at 3:02 PM' style (en)."""
    return format_datetime(moment, "d MMMM y HH.mm" if lang == "id" else "d MMMM y, HH:mm", locale=_LOCALES[lang])


_CUT = re.compile(r"⟦(\d+)⟧")


def _error_params(params: dict, lang: Lang) -> dict[str, object]:
    """An error's parameters for `lang`: numbers in its format, a cut value's length in its words."""
    out: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = number(value, lang)
        elif isinstance(value, str):
            out[key] = _CUT.sub(lambda m: f" ({t('text.cut', lang, n=number(int(m[1]), lang))})", value)
        else:
            out[key] = value
    return out


def _yaml_words(text: str, lang: Lang) -> str:
    return catalogue(lang).get(f"yaml.{text}") or text


def _fill(template: str, params: dict[str, object]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a parameter the sentence does not expect: show it anyway
        return template


def error_message(code: str, params: dict, lang: Lang) -> str:
    """A data-file error's sentence in `lang` (catalogue `err.<code>`), English where a language lacks it."""
    shown = _error_params(params, lang)
    if code in ("yaml_syntax", "yaml_tab"):
        context = str(params.get("context") or "")
        shown["context"] = f"{_yaml_words(context, lang)}, " if context else ""
        shown["problem"] = _yaml_words(str(params.get("problem") or ""), lang)
        noticed = params.get("noticed")
        shown["noticed"] = t("yaml.noticed", lang, line=noticed) if noticed else ""
    template = catalogue(lang).get(f"err.{code}") or catalogue("en").get(f"err.{code}") or code
    return _fill(template, shown)


def error_hint(code: str, params: dict, lang: Lang) -> str:
    """Its hint in `lang` (catalogue `hint.<code>`), or "" when it has none."""
    template = catalogue(lang).get(f"hint.{code}") or catalogue("en").get(f"hint.{code}") or ""
    return _fill(template, _error_params(params, lang))
