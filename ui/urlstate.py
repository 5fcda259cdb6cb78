"""The view in the URL, by id (never by translated label): seed widgets from a link, write them back after a run.

Streamlit's own `bind="query-params"` writes a widget's *formatted* label into the URL, so a link made in English
would not open in Indonesian, and region names would stand in for ids. So the URL is kept by hand: at the start of
a run, a URL or page that differs from what this session last wrote (a new link, a page link, the back button)
seeds the widgets; after the page has run, the widgets' values are written back, defaults left out.
"""

from __future__ import annotations

import threading

import streamlit as st

from ikd_core.views.links import KINDS, SHARED_KEYS, parse, text

KEYS = set(KINDS)
MULTI = {key for key, kind in KINDS.items() if kind == "multi"}
_WRITTEN, _PAGE, _DEFAULTS = "_url_written", "_url_page", "_url_defaults"
_run = threading.local()  # the keys rendered in this script run, with their defaults


def _current() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def seed_from_url(page: str) -> None:
    """Call before any widget: a link the session did not write itself decides the widgets' values."""
    _run.defaults, _run.seeded, _run.full = {}, False, True
    current = _current()
    if current == st.session_state.get(_WRITTEN) and page == st.session_state.get(_PAGE):
        return
    _run.seeded = True
    for key in KEYS:
        if key in current:
            st.session_state[key] = parse(key, current[key])
        else:
            st.session_state.pop(key, None)
    st.session_state[_WRITTEN], st.session_state[_PAGE] = current, page


def bound(key: str, default: object) -> str:
    """Register a URL-kept widget's key and default (left out of the URL); returns the key for the widget."""
    _run.defaults[key] = default
    st.session_state.setdefault(_DEFAULTS, {})[key] = default
    return key


def shared_now() -> dict[str, list[str]]:
    """The shared view as the widgets hold it now (the URL lags a widget change by one run), for links."""
    defaults = st.session_state.get(_DEFAULTS, {})
    current = _current()
    out: dict[str, list[str]] = {}
    for key in SHARED_KEYS:
        if key not in st.session_state:
            if key in current:
                out[key] = current[key]
            continue
        value = st.session_state[key]
        if value is None or value == defaults.get(key) or (key in MULTI and not value):
            continue
        out[key] = [text(v) for v in value] if key in MULTI else [text(value)]
    return out


def link_values(keys) -> dict[str, list[str]]:
    """The given URL-kept widgets' values, as link text, where they differ from their defaults."""
    defaults = st.session_state.get(_DEFAULTS, {})
    out = {}
    for key in keys:
        value = st.session_state.get(key)
        if value is not None and value != defaults.get(key):
            out[key] = [text(v) for v in value] if key in MULTI else [text(value)]
    return out


def write_url(only: bool = False) -> None:
    """After a run: widgets rendered in it write their values; shared ones not rendered here keep theirs.

    With `only`, from inside a fragment: just the widgets registered since the fragment started change.
    """
    defaults: dict = getattr(_run, "defaults", {})
    current = _current()
    params = {k: v for k, v in current.items()
              if only or k not in KEYS or (k in SHARED_KEYS and k not in defaults)}
    for key, default in defaults.items():
        value = st.session_state.get(key)
        if value is None or value == default or (key in MULTI and not value):
            params.pop(key, None)
        else:
            params[key] = [text(v) for v in value] if key in MULTI else [text(value)]
    # After a seeding run, write even an unchanged set: a page link to the same page passes its parameters to
    # the script without putting them in the address bar.
    if params != current or getattr(_run, "seeded", False):
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params
    if not only:
        _run.full = False


def start_fragment() -> None:
    """Call at the top of a fragment. Rerun alone, it registers only its own widgets for write_url(only=True);
    inside a full run it adds to that run's registrations."""
    if not getattr(_run, "full", False):
        _run.defaults, _run.seeded = {}, False
