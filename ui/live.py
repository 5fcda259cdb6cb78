"""Live reload: one watcher thread per server reloads the *data* file when it is saved, then reruns open sessions.

Streamlit's own watcher is off in the served configuration (`fileWatcherType = "none"`): it watched the code and
the data folder per session, evicted the app's modules while sessions imported them (tabs broke on a save), missed
saves by rename, and made every click wait on it under load. This watcher stats the data file every
POLL_SECONDS, waits until a save has settled (an editor may write in several steps), loads it once for everybody
(in this thread, so pages keep drawing the last good data meanwhile), and asks every open session to rerun.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from ikd_core.domain import clock
from ikd_core.domain.snapshot import Snapshot
from ikd_core.domain.store import DataStore, State, version

POLL_SECONDS = float(os.environ.get("IKD_RELOAD_SECONDS", "0.25"))
QUIET_SECONDS = 0.5  # a save written in parts (two halves 300 ms apart) is read once, whole
_LOG = logging.getLogger(__name__)


@dataclass
class _Watched:
    seen: tuple  # (file version, day) at the last poll
    since: float  # when `seen` was first seen


class Live:
    """The served data, shared by all sessions, kept current by one thread."""

    def __init__(self, store: DataStore, today: Callable = clock.today, rerun: Callable[[], None] | None = None,
                 monotonic: Callable[[], float] = time.monotonic, thread: bool = True):
        self.store, self._today, self._monotonic = store, today, monotonic
        self._rerun = rerun or rerun_open_sessions
        self._watched: dict[str, _Watched] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._start_thread = thread  # tests drive poll() themselves

    def state(self, path: str) -> State:
        """The latest state of `path`: read at once from memory; only the very first use of a path loads it."""
        state = self.store.current(path)
        if state is None:
            before = None
            state = self.store.get(path, self._today())
            self._settled(before, state)
        with self._lock:
            if path not in self._watched:
                self._watched[path] = _Watched((version(path), self._today()), self._monotonic())
            if self._thread is None and self._start_thread:
                self._thread = threading.Thread(target=self._watch, name="ikd-data-watcher", daemon=True)
                self._thread.start()
        return state

    def poll(self) -> bool:
        """One round of the watcher; True when some file was loaded again."""
        changed = False
        now = self._monotonic()
        with self._lock:
            watched = list(self._watched.items())
        for path, w in watched:
            key = (version(path), self._today())
            if key != w.seen:
                w.seen, w.since = key, now
                continue
            before = self.store.current(path)
            if now - w.since >= QUIET_SECONDS:
                after = self.store.get(path, key[1])
                if after is not before:
                    self._settled(before, after)
                    changed = True
        if changed:
            self._rerun()
        return changed

    def _watch(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            try:
                self.poll()
            except Exception:  # the watcher must outlive any one bad moment
                _LOG.exception("the data watcher failed one round")

    @staticmethod
    def _settled(before: State | None, after: State) -> None:
        new = after.snapshot is not None and (before is None or after.snapshot is not before.snapshot)
        if new and len(after.snapshot.metrics) >= SETTLE_FROM:  # type: ignore[union-attr]
            settle(after.snapshot)  # type: ignore[arg-type]


# A seed-sized file is a few thousand objects, which the collector walks in no time: settling pays off from a
# national file's tens of thousands of observations on.
SETTLE_FROM = 5_000


def settle(snapshot: Snapshot) -> None:
    """Build a new snapshot's indexes now, then move everything alive into the collector's permanent generation.

    A national file is millions of long-lived objects; otherwise every full collection walks them all again in the
    middle of some session's rerun (measured: a Simulasi slider move on the national file took 1,4 s, 0,35 s with
    this). It is process-wide, so it lives here in the shell, after a load, never in the core.
    """
    for region in snapshot.regions:
        snapshot.metrics_of(region)
    for indicator in snapshot.indicators:
        snapshot.latest_of(indicator)
    snapshot.findings_for("")
    gc.unfreeze()  # a replaced version frozen earlier becomes collectable again
    gc.collect()
    gc.freeze()


def rerun_open_sessions() -> None:
    """Ask every open session to run again with its own page, link and widgets, as a saved source file would."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():  # AppTest, or a script run outside a server
        return
    manager = Runtime.instance()._session_mgr  # internal: Streamlit has no public "rerun every session"
    for info in manager.list_active_sessions():
        session = info.session
        try:
            # What Streamlit's runOnSave does on a source change: the session's last client state (its page and
            # query string as the last run left them), so nobody's view changes but the data.
            session.request_rerun(session._client_state)
        except Exception:
            _LOG.exception("could not rerun session %s", getattr(session, "id", "?"))


@st.cache_resource
def live() -> Live:
    """One per server process."""
    return Live(DataStore())
