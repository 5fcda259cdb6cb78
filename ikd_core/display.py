"""How one value, base or source reads on screen, the same on every page."""

from __future__ import annotations

from ikd_core import i18n
from ikd_core.i18n import APPROX, Lang
from ikd_core.metrics import Metrics, Value
from ikd_core.snapshot import Snapshot


def show_value(v: Value | None, lang: Lang, kind: str = "count") -> str:
    """A value as shown on screen: ≈ when approximate, * when derived, (perk.) when it rests on an estimate."""
    if v is None:
        return "—"
    text = i18n.percent(v.value, lang) if kind == "percent" else i18n.number(v.value, lang)
    if v.approximate:
        text = APPROX + text
    if v.origin == "derived":
        text += "*"
    elif v.origin == "estimate":
        text += f" ({i18n.t('origin.estimate', lang)})"
    return text


def source_label(snapshot: Snapshot, source_id: str, lang: Lang) -> str:
    src = snapshot.sources[source_id]
    date = i18n.date(src.date_published, lang) if src.date_published else i18n.t("unknown.date", lang)
    return f"{src.publisher or i18n.t('unknown.publisher', lang)}, {date}"



def base_label(m: Metrics, lang: Lang) -> str:
    """'wajib KTP', or 'dasar tidak disebutkan (perkiraan: penduduk)' when the base is an analyst's estimate."""
    label = i18n.base_kind(m.base_kind, lang)
    base = m.observation.base
    if base is not None and base.estimate and base.kind != m.base_kind:
        label += f" ({i18n.t('origin.estimate', lang)}: {i18n.base_kind(base.kind, lang)})"
    return label
