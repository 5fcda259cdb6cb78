"""The string catalogues: complete in both languages, and every key the code asks for exists."""

from __future__ import annotations

import re
import string

from ikd_core import i18n

from conftest import ROOT


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys():
    assert set(i18n.catalogue("id")) == set(i18n.catalogue("en"))


# Quarters: Indonesian writes "Triwulan IV 2025", English "Q4 2025"; both are given roman and quarter.
WRITTEN_DIFFERENTLY = {"quarter", "half"}


# What pydantic passes with each kind of error (its `ctx`), as our Indonesian sentences use them.
PYDANTIC_CONTEXT = {"err.pyd.greater_than_equal": {"ge"}, "err.pyd.greater_than": {"gt"},
                    "err.pyd.less_than_equal": {"le"}, "err.pyd.less_than": {"lt"},
                    "err.pyd.literal_error": {"expected"}, "err.pyd.string_too_long": {"max_length"},
                    "err.pyd.url_scheme": {"expected_schemes"}}


def test_translations_use_the_same_placeholders():
    for key, text in i18n.catalogue("id").items():
        if key in WRITTEN_DIFFERENTLY or (key.startswith("yaml.") and key != "yaml.noticed"):
            continue  # yaml.<words> are libyaml's own words, looked up as they are, never filled in
        if "msg" in _placeholders(i18n.catalogue("en")[key]):
            # English reuses pydantic's own sentence ({msg}); Indonesian says it with the values pydantic passes.
            assert _placeholders(text) <= {"prefix", "input", "msg"} | PYDANTIC_CONTEXT.get(key, set()), key
            continue
        assert _placeholders(text) == _placeholders(i18n.catalogue("en")[key]), key


def test_every_catalogue_key_used_in_the_code_exists():
    used = set()
    for path in [*ROOT.glob("ikd_core/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]*[a-z_])["']""", text))
    assert used, "the scan found no keys: the pattern is broken"
    assert used <= set(i18n.catalogue("id")), used - set(i18n.catalogue("id"))


def test_a_missing_key_shows_itself_instead_of_crashing_the_page():
    assert i18n.t("no.such.key", "en") == "no.such.key"


def test_unknown_language_falls_back_to_bahasa_indonesia():
    assert i18n.lang_or_default("fr") == "id"
    assert i18n.lang_or_default("en") == "en"


def test_warning_messages_format_numbers_for_the_language():
    params = {"percent": 30.06, "count": 203479, "base": 680160, "computed_percent": 29.9163}
    assert "30,06%" in i18n.finding("percent_mismatch", params, "id")
    assert "203.479 / 680.160 = 29,92%" in i18n.finding("percent_mismatch", params, "id")
    assert "203,479 / 680,160 = 29.92%" in i18n.finding("percent_mismatch", params, "en")


def test_every_key_built_at_run_time_exists():
    """Keys made from a code (status, metric, base, level, warning, link parameter) exist in both languages."""
    from ikd_core.domain.integrity import SHARE_KINDS
    from ikd_core.domain.projection import STATUSES
    from ikd_core.views.compare import METRICS
    from ikd_core.views.links import KINDS, LEVELS

    codes = ["percent_mismatch", "count_above_base", "percent_above_100", "target_count_mismatch", "stale",
             "quote_not_found", "reached_but_short"]
    keys = ([f"status.{s}" for s in STATUSES] + [f"metric.{m}" for m in METRICS]
            + [f"chart.title.{m}" for m in METRICS] + [f"chart.axis.{m}" for m in METRICS]
            + [f"base.{b}" for b in [*SHARE_KINDS, "unspecified", "target"]] + [f"level.{v}" for v in LEVELS]
            + [f"warn.{c}" for c in codes] + [f"short.{c}" for c in codes]
            + [f"warn.{c}" for c in ("mixed_bases", "mixed_levels", "different_dates")]
            + [f"link.param.{k}" for k in KINDS])
    for lang in i18n.LANGS:
        missing = [k for k in keys if k not in i18n.catalogue(lang)]
        assert not missing, (lang, missing)
