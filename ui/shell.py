"""The frame around every page: page config, navigation, language, data loading and the data-file banner."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ikd_core import i18n
from ikd_core.i18n import Lang
from ikd_core.store import DataStore, State

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "regions.yaml"
# (file, url path, catalogue key of the title); the first is the default page. No page icons: Streamlit
# turns a page's icon into a favicon fetched from a Google CDN.
PAGES = (
    ("pages/ringkasan.py", "ringkasan", "page.overview"),
    ("pages/data.py", "data", "page.data"),
)

# Set while app.py is running a page in this script thread; a page run without it was started by
# Streamlit's legacy pages/ discovery (a cold deep link) and must hand over to app.py.
_in_app = threading.local()


@dataclass(frozen=True)
class Context:
    lang: Lang
    state: State


def data_path() -> str:
    """$IKD_DATA or data/regions.yaml, shown relative to the working folder when inside it."""
    path = os.environ.get("IKD_DATA") or str(DEFAULT_DATA)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


@st.cache_resource
def _store() -> DataStore:
    return DataStore()


def _navigation(lang: Lang, position: str = "sidebar"):
    pages = [
        st.Page(str(ROOT / file), title=i18n.t(key, lang), url_path=url, default=(i == 0))
        for i, (file, url, key) in enumerate(PAGES)
    ]
    return st.navigation(pages, position=position)


def _language() -> Lang:
    choice = st.sidebar.segmented_control(
        i18n.t("lang.label", i18n.lang_or_default(st.session_state.get("lang"))),
        options=list(i18n.LANGS),
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        default=i18n.DEFAULT_LANG,
        key="lang",
        bind="query-params",
    )
    return i18n.lang_or_default(choice)


def run_app() -> None:
    """app.py's body: frame, navigation, then the selected page."""
    # No page_icon: a material icon favicon is fetched from a Google CDN, and the app must work offline.
    st.set_page_config(page_title="IKD", layout="wide")
    lang = _language()
    page = _navigation(lang)
    _in_app.active = True
    try:
        page.run()
    finally:
        _in_app.active = False


def page_context() -> Context:
    """Call first in every page file. Returns the language and the data state, after showing any file error."""
    if not getattr(_in_app, "active", False):
        # Cold deep link under legacy pages/ discovery: register our navigation (which turns the legacy mode
        # off for the whole server) and rerun, so app.py frames this same page.
        _navigation(i18n.DEFAULT_LANG, position="hidden")
        st.rerun()
    lang = i18n.lang_or_default(st.session_state.get("lang"))
    state = _store().get(data_path())
    _data_banner(state, lang)
    return Context(lang, state)


def _data_banner(state: State, lang: Lang) -> None:
    if state.unreadable:
        st.error(i18n.t("data.unreadable", lang, reason=state.unreadable), icon=":material/error:")
    elif state.errors:
        lines = "\n".join(str(e) for e in state.errors)
        st.error(
            f"**{i18n.t('data.invalid_title', lang, file=state.path)}**  \n{i18n.t('data.invalid_body', lang)}",
            icon=":material/error:",
        )
        st.code(lines, language=None, wrap_lines=True)
    if not state.ok and state.snapshot is not None and state.good_since is not None:
        when = i18n.datetime(state.good_since, lang)
        st.info(i18n.t("data.last_good", lang, when=when), icon=":material/history:")
    if state.snapshot is None:
        st.warning(i18n.t("data.empty", lang))
