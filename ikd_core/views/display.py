"""How one value, base or source reads on screen, the same on every page."""

from __future__ import annotations

from dataclasses import replace

from ikd_core import i18n
from ikd_core.domain.metrics import Metrics, Value
from ikd_core.domain.snapshot import Snapshot
from ikd_core.i18n import APPROX, Lang


def show_value(v: Value | None, lang: Lang, kind: str = "count") -> str:
    """A value as shown on screen: > or < when it is a bound, ≈ when approximate, * when derived, (perk.) when it
    rests on an estimate."""
    if v is None:
        return "—"
    return with_marks(i18n.percent(v.value, lang) if kind == "percent" else i18n.number(v.value, lang), v, lang)


def with_marks(text: str, v: Value, lang: Lang) -> str:
    """`text` (v's number, formatted) with v's marks: '> ', '≈', '*' or ' (perkiraan)'."""
    if v.approximate:
        text = APPROX + text
    if v.bound is not None:
        text = ("> " if v.bound == "lower" else "< ") + text
    if v.origin == "derived":
        text += "*"
    elif v.origin == "estimate":
        text += f" ({i18n.t('origin.estimate', lang)})"
    return text


def without_estimate(v: Value) -> Value:
    """v's ≈ and * marks only: for a short number whose '(perkiraan)' is said once after its phrase."""
    return replace(v, origin="reported") if v.origin == "estimate" else v


def marked_phrase(text: str, v: Value, lang: Lang, unit: str | None = None, tail: str = "") -> str:
    """A computed number in a phrase ('≈150.312* orang'; `unit` a catalogue key taking `n`, `tail` words after
    it): ≈ and * on the number, and ', perkiraan' after the whole phrase when it rests on an estimate, where a
    '(perkiraan)' inside would split the number from its unit or band."""
    core = with_marks(text, replace(v, origin="reported"), lang) + ("*" if v.origin == "derived" else "")  # ≈…*
    return (i18n.t(unit, lang, n=core) if unit else core) + tail + estimate_note(v, lang)


def estimate_note(v: Value, lang: Lang) -> str:
    """', perkiraan' after a phrase whose number rests on an analyst's estimate; '' otherwise."""
    return f", {i18n.t('origin.estimate', lang)}" if v.origin == "estimate" else ""


def percent_text(m: Metrics, lang: Lang) -> str:
    """A figure's percent as every page, slide and export shows it: when the source's percent contradicts its own
    count and base, the computed one first, marked, with the reported one beside it ('29,92%* ⚠ dilaporkan
    ≈30,06%')."""
    computed = m.computed_percent
    if computed is None:
        return show_value(m.percent, lang, "percent")
    return i18n.t("percent.checked", lang, computed=show_value(computed, lang, "percent"),
                  reported=show_value(m.percent, lang, "percent"))


def source_label(snapshot: Snapshot, source_id: str, lang: Lang) -> str:
    src = snapshot.sources[source_id]
    date = i18n.date(src.date_published, lang) if src.date_published else i18n.t("unknown.date", lang)
    return f"{src.publisher or i18n.t('unknown.publisher', lang)}, {date}"



def base_label(m: Metrics, lang: Lang) -> str:
    """'wajib KTP', 'dasar tidak disebutkan (perkiraan: penduduk)' when the base is an analyst's estimate, or
    'hanya jumlah, tanpa dasar' for a count whose source names no base."""
    base = m.observation.base
    if m.percent is None and base is None:
        return i18n.t("base.count_only", lang)
    label = i18n.base_kind(m.base_kind, lang)
    if base is not None and base.estimate and base.kind != m.base_kind:
        label += f" ({i18n.t('origin.estimate', lang)}: {i18n.base_kind(base.kind, lang)})"
    return label


def base_count_text(m: Metrics, lang: Lang) -> str:
    """The base's size, or 'tidak disebutkan' when the source names the base but not its size."""
    base = m.observation.base
    if base is not None and base.count is None:
        return i18n.t("base.count_not_stated", lang)
    return show_value(m.base, lang)


def figure_notes(m: Metrics, lang: Lang) -> list[str]:
    """The analyst's words about a figure: its note, why its percent is of that base, the base's note, and the
    reasoning of an estimated base, each labelled."""
    obs, base = m.observation, m.observation.base
    pairs = [("note", obs.note), ("percent_of_note", obs.percent_of_note),
             ("base_note", base.note if base else None), ("base_estimate", base.estimate if base else None),
             ("over_100", obs.over_100_reason)]
    return [f"{i18n.t(f'notes.{kind}', lang)}: {text}" for kind, text in pairs if text]
