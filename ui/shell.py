"""The frame around every page: page config, navigation, language, data loading, link checks and banners."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from ikd_core import i18n
from ikd_core.domain.snapshot import Snapshot
from ikd_core.domain.store import State
from ikd_core.i18n import Lang
from ikd_core.views import links
from ikd_core.views.plain import shown
from ui.downloads import keep_files_built_on_click
from ui.live import live
from ui.style import FRAME_CSS
from ui.text import literal
from ui.urlstate import bound, seed_from_url, shared_now, write_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "regions.yaml"
# (file, url path, catalogue key of the title); the first is the default page. No page icons: Streamlit
# turns a page's icon into a favicon fetched from a Google CDN.
PAGES = tuple((f"pages/{url}.py", url, key) for url, key in links.PAGES.items())

# What app.py hands to the page it runs, in this script thread. A page run without it was started by
# Streamlit's legacy pages/ discovery (a cold deep link) and must hand over to app.py.
_in_app = threading.local()


@dataclass(frozen=True)
class Context:
    lang: Lang
    state: State
    rejected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def snapshot(self) -> Snapshot | None:
        """The data to draw figures from; None while the file has no regions or no indicators yet (the page then
        shows a friendly note, from page_context)."""
        snapshot = self.state.snapshot
        return snapshot if snapshot is not None and snapshot.gap() is None else None


def data_path() -> str:
    """$IKD_DATA or data/regions.yaml, shown relative to the working folder when inside it."""
    path = os.environ.get("IKD_DATA") or str(DEFAULT_DATA)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _pages(lang: Lang) -> dict[str, st.Page]:
    # The default page is served at "/" under the empty path, so that no typed path can share its id: a link to
    # "/ringkasan" is then an unknown path like any other, and goes to Ringkasan through _elsewhere.
    return {
        url: st.Page(str(ROOT / file), title=i18n.t(key, lang), url_path="" if i == 0 else url, default=(i == 0))
        for i, (file, url, key) in enumerate(PAGES)
    }


UNKNOWN_PATH = "_unknown_path"


def _requested_path() -> str:
    """The path a browser asked for by address (not by a page link or a rerun), or ""."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    # Internal: Streamlit's PagesManager keeps the page asked for until st.navigation resolves it.
    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return ""
    return str(getattr(manager, "intended_page_name", None) or "").strip().strip("/")


def _elsewhere() -> None:
    """An address that is none of our pages (`/ringkasan`, `/foo`): Ringkasan, with the link's parameters, instead
    of Streamlit's English "Page not found"."""
    st.session_state[UNKNOWN_PATH] = _requested_path() or "?"
    first = PAGES[0][1]
    st.switch_page(_pages(i18n.DEFAULT_LANG)[first],
                   query_params={key: st.query_params.get_all(key) for key in st.query_params})


def _navigation(pages: dict[str, st.Page]) -> st.Page:
    """st.navigation over our pages, plus a hidden page under an unknown requested path that leads to Ringkasan."""
    listed = list(pages.values())
    wanted = _requested_path()
    if wanted and "/" not in wanted and wanted not in {p.url_path for p in listed}:
        listed.append(st.Page(_elsewhere, title=i18n.t("page.overview"), url_path=wanted, visibility="hidden"))
    return st.navigation(listed, position="hidden")


def _leave_legacy_pages_mode() -> None:
    """Register our navigation (which switches Streamlit's legacy pages/ mode off server-wide) and rerun."""
    _navigation(_pages(i18n.DEFAULT_LANG))
    st.rerun()


def _in_legacy_pages_mode() -> bool:
    # Streamlit keeps this flag on its PagesManager (internal, hence getattr): True until some run calls
    # st.navigation. While it is True, app.py runs wrapped as a legacy page, and widgets made in that run get
    # other ids than in the next run, so the first click on them would be lost.
    from streamlit.runtime.pages_manager import PagesManager

    return bool(getattr(PagesManager, "uses_pages_directory", False))


def _clean_query(state: State) -> list[tuple[str, str]]:
    """Drop link values the data does not know, before any widget reads them; return what was dropped. A link
    past the length limits is dropped whole, as ("", its length)."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if (size := links.too_long(params)) is not None:
        st.query_params.clear()
        return [("", str(size))]
    kept, rejected = links.clean(params, links.allowed_values(state.snapshot))
    if rejected:
        st.query_params.from_dict(kept)
    return rejected


def _language() -> Lang:
    choice = st.sidebar.segmented_control(
        # A fixed, bilingual label: a label that changed with the language would make a new widget and lose it.
        "Bahasa / Language",
        options=list(i18n.LANGS),
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        default=i18n.DEFAULT_LANG,
        key=bound("lang", i18n.DEFAULT_LANG),
    )
    return i18n.lang_or_default(choice)


def shared_params(**extra: str | list[str]) -> dict[str, list[str]]:
    """The shared view as it is now, for a link to another page (Streamlit drops query parameters otherwise)."""
    params = shared_now()
    params.update({key: value if isinstance(value, list) else [value] for key, value in extra.items()})
    return params


def page_link(url_path: str, label: str | None = None, **extra: str | list[str]) -> None:
    """A link to one of our pages that keeps the shared selection."""
    # A fragment's own rerun does not pass through run_app: build the pages again in the session's language.
    pages = getattr(_in_app, "pages", None) or _pages(i18n.lang_or_default(st.session_state.get("lang")))
    page = pages[url_path]
    st.page_link(page, label=label or page.title, query_params=shared_params(**extra))


def run_app() -> None:
    """app.py's body: frame, navigation, then the selected page."""
    if _in_legacy_pages_mode():
        _leave_legacy_pages_mode()
    keep_files_built_on_click()  # once per process: downloads built on click survive other viewers' reruns
    # No page_icon: a material icon favicon is fetched from a Google CDN, and the app must work offline.
    st.set_page_config(page_title="IKD", layout="wide")
    served = live().state(data_path())
    state = st.session_state.get(PREVIEW, served)  # an uploaded draft replaces the data for this session only
    rejected = _clean_query(state)
    pages = _pages(i18n.DEFAULT_LANG)
    page = _navigation(pages)
    seed_from_url(page.url_path)
    nav = st.sidebar.container()
    lang = _language()
    pages = _pages(lang)
    _in_app.active, _in_app.lang, _in_app.state, _in_app.pages, _in_app.rejected = True, lang, state, pages, rejected
    with nav:
        st.markdown(f"**{i18n.t('app.title', lang)}**")
        for url in pages:
            page_link(url)
    try:
        page.run()
        write_url()
    finally:
        _in_app.active = False


PREVIEW = "preview_state"


def end_preview() -> None:
    st.session_state.pop(PREVIEW, None)


def page_context(title_key: str, heading: bool = True) -> Context:
    """Call first in every page file: shows the page title (unless `heading` is off: a slide has its own) and any
    data-file error; returns language and data."""
    if not getattr(_in_app, "active", False):
        # A cold deep link: Streamlit's legacy pages/ discovery ran this file without app.py. Rerun so that
        # app.py frames this same page.
        _leave_legacy_pages_mode()
    lang, state = _in_app.lang, _in_app.state
    st.set_page_config(page_title=f"{i18n.t(title_key, lang)} · IKD")
    st.html(FRAME_CSS)
    if heading:
        st.title(i18n.t(title_key, lang))
    if (asked := st.session_state.pop(UNKNOWN_PATH, None)) not in (None, PAGES[0][1]):
        # Someone typed or followed an address that is none of our pages: say so, in words, once.
        st.info(i18n.t("nav.unknown_path", lang, path=literal(f"/{asked}")), icon=":material/explore:")
    if PREVIEW in st.session_state:
        st.info(i18n.t("preview.banner", lang, name=literal(state.path)), icon=":material/preview:")
        st.button(i18n.t("preview.close", lang), on_click=end_preview, icon=":material/close:")
    _data_banner(state, lang)
    if _in_app.rejected[:1] and _in_app.rejected[0][0] == "":
        size = i18n.number(int(_in_app.rejected[0][1]), lang)
        st.warning(i18n.t("link.too_long", lang, size=size), icon=":material/link_off:")
    elif _in_app.rejected:
        items = ", ".join(f"{i18n.t('link.param.' + key, lang)} “{literal(shown(value, lang))}”{_accepts(key, lang)}"
                          for key, value in _in_app.rejected)
        st.warning(i18n.t("link.rejected", lang, items=items), icon=":material/link_off:")
    if state.snapshot is not None and (gap := state.snapshot.gap()) is not None:
        st.info(i18n.t(f"data.no_{gap}", lang), icon=":material/info:")
    return Context(lang, state, list(_in_app.rejected))


def _accepts(key: str, lang: Lang) -> str:
    """What a refused numeric parameter accepts, from the link contract: ' (0–100.000, kelipatan 500)'."""
    if (s := links.numeric_scale(key)) is None:
        return ""
    def show(v: float) -> str:
        return i18n.number(v, lang, 0 if float(v).is_integer() else 1)

    return " (" + i18n.t("link.range", lang, low=show(s.low), high=show(s.high), step=show(s.step)) + ")"


BANNER_ERRORS = 50


def _data_banner(state: State, lang: Lang) -> None:
    if state.unreadable:
        st.error(i18n.t("data.unreadable", lang, reason=literal(state.unreadable.text(lang))), icon=":material/error:")
    elif state.errors:
        shown = state.errors[:BANNER_ERRORS]  # thousands of errors are one mistake repeated: the first ones say it
        lines = "\n".join(e.text(lang) for e in shown)
        if len(state.errors) > len(shown):
            lines += "\n" + i18n.t("data.more_errors", lang, n=i18n.number(len(state.errors) - len(shown), lang))
        title = i18n.t("data.invalid_title", lang, file=literal(state.path))
        st.error(f"**{title}**  \n{i18n.t('data.invalid_body', lang)}", icon=":material/error:")
        st.code(lines, language=None, wrap_lines=True)
    if not state.ok and state.snapshot is not None and state.good_since is not None:
        when = i18n.datetime(state.good_since, lang)
        st.info(i18n.t("data.last_good", lang, when=when), icon=":material/history:")
    if state.snapshot is None:
        st.warning(i18n.t("data.empty", lang))
