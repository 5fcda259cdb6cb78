"""Hold the current data: parse once per file change, keep the last good version when an edit breaks it.

Every file is first read by a child process with CPU, memory and time limits (`isolation`): a file that would crash
or hang the reader costs that child, and is reported as "cannot be read", while the server keeps the last good data.
Only a file the child has read to the end is then loaded here, from the very same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ikd_core.domain import isolation
from ikd_core.domain.errors import DataError, DataFileError, DataFileUnreadable
from ikd_core.domain.loading import UPLOAD_MAX_BYTES, decode, load_text, read_bytes
from ikd_core.domain.snapshot import Snapshot, build


@dataclass(frozen=True)
class State:
    """What a page shows: the data to draw (maybe the last good), and what is wrong with the file now."""

    path: str
    snapshot: Snapshot | None
    errors: list[DataError] = field(default_factory=list)
    unreadable: DataFileUnreadable | None = None  # why the file cannot be read (its words: .text(lang))
    good_since: dt.datetime | None = None  # when `snapshot` was loaded

    @property
    def ok(self) -> bool:
        return not self.errors and self.unreadable is None


def version(path: str) -> tuple:
    """What identifies one saved version of the file. The inode and ctime catch a save by rename (a new file in
    its place) and a change of permissions; the type catches a folder or a pipe put in its place."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return ("missing", exc.errno)
    return (st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _snapshot_of(raw: bytes, name: str, today: dt.date, limits: isolation.Limits,
                 base_dir: Path | None = None) -> Snapshot:
    """The bytes checked in a child within `limits`, then loaded here. Raises DataFileError or DataFileUnreadable."""
    errors = isolation.check(raw, name, today, limits)
    if errors:
        raise DataFileError(errors)
    return build(load_text(decode(raw, name), name, base_dir=base_dir, today=today), today)


class DataStore:
    """Thread-safe: one per server, shared by every session. Loads happen one at a time; reading the current state
    never waits for a load, so pages keep drawing the last good data while a new version is read."""

    def __init__(self) -> None:
        self._load_lock = threading.Lock()
        self._key: dict[str, tuple] = {}
        self._state: dict[str, State] = {}
        self._good: dict[str, tuple[Snapshot, dt.datetime]] = {}

    def current(self, path: str) -> State | None:
        """The latest state of `path`, without reading anything; None before its first load."""
        return self._state.get(path)

    def get(self, path: str, today: dt.date, now: dt.datetime | None = None) -> State:
        """The state of the file as it is now on disk: loaded again when it changed (or the day did)."""
        with self._load_lock:
            key = (version(path), today)
            if self._key.get(path) == key:
                return self._state[path]
            state = self._load(path, today, now or dt.datetime.now())
            self._key[path], self._state[path] = key, state
            return state

    def _load(self, path: str, today: dt.date, now: dt.datetime) -> State:
        good = self._good.get(path)
        kept, since = good if good else (None, None)
        try:
            raw = read_bytes(path)
            snapshot = _snapshot_of(raw, path, today, isolation.served_limits(len(raw)), Path(path).parent)
        except DataFileError as exc:
            return State(path, kept, errors=exc.errors, good_since=since)
        except DataFileUnreadable as exc:
            return State(path, kept, unreadable=exc, good_since=since)
        self._good[path] = (snapshot, now)
        return State(path, snapshot, good_since=now)


def too_large(name: str, size: int) -> State | None:
    """A draft over the upload limit, refused before its bytes are read; None when its size is fine."""
    if size <= UPLOAD_MAX_BYTES:
        return None
    return State(name, None, unreadable=DataFileUnreadable(name, "draft_too_large", size=size, limit=UPLOAD_MAX_BYTES))


def preview(raw: bytes, name: str, today: dt.date, now: dt.datetime | None = None) -> State:
    """Validate an uploaded draft for one session: never written anywhere, bounded in size, time and memory. The
    reading child is killed when its limits run out, so a hostile draft stops costing anything at once."""
    if refused := too_large(name, len(raw)):
        return refused
    if not isolation.DRAFT_SLOTS.acquire(timeout=isolation.DRAFT.wall_seconds):
        return State(name, None, unreadable=DataFileUnreadable(name, "drafts_busy"))
    try:
        snapshot = _snapshot_of(raw, name, today, isolation.DRAFT)
    except DataFileError as exc:
        return State(name, None, errors=exc.errors)
    except DataFileUnreadable as exc:
        return State(name, None, unreadable=exc)
    finally:
        isolation.DRAFT_SLOTS.release()
    return State(name, snapshot, good_since=now or dt.datetime.now())
