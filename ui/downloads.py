"""Downloads built on click stay downloadable long enough for the browser to fetch them.

Streamlit 1.67 builds a download button's file when it is clicked (`execute_deferred`) and stores it under no
session, so the clean-up that runs after *every* script run of *any* session marks it on its first pass and deletes
it on the second. With many viewers two runs end within milliseconds: the browser's request for the file, sent right
after the answer, got a 404 (4 of 56 downloads at 100 sessions, `make load`). A file built on click is therefore
kept out of that clean-up for `GRACE_SECONDS` after it is built; afterwards Streamlit's own rules apply again.

The patch touches two methods of Streamlit's MediaFileManager (pinned in requirements.txt); `tests/test_downloads.py`
reproduces the race against the real class, so a Streamlit upgrade that changes them fails a test, not a meeting.
"""

from __future__ import annotations

import threading
import time

from streamlit.runtime.media_file_manager import MediaFileManager

GRACE_SECONDS = 120.0
_installed = threading.Lock()
_built: dict[str, float] = {}  # file id -> when it was built (time.monotonic)


def file_id_of(url: str) -> str:
    """'/media/abc123.csv' -> 'abc123' (the storage's URL is the endpoint, the id and the file's extension)."""
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def keep_files_built_on_click() -> None:
    """Install the grace period once per process (idempotent)."""
    with _installed:
        if getattr(MediaFileManager, "_ikd_grace", False):
            return
        execute, inactive = MediaFileManager.execute_deferred, MediaFileManager._get_inactive_file_ids

        def execute_deferred(self: MediaFileManager, file_id: str) -> str:
            url = execute(self, file_id)
            with self._lock:
                _built[file_id_of(url)] = time.monotonic()
            return url

        def _get_inactive_file_ids(self: MediaFileManager) -> set[str]:  # called with self._lock held
            now = time.monotonic()
            for done in [f for f, at in _built.items() if now - at > GRACE_SECONDS]:
                del _built[done]
            return inactive(self) - _built.keys()

        MediaFileManager.execute_deferred = execute_deferred  # type: ignore[method-assign]
        MediaFileManager._get_inactive_file_ids = _get_inactive_file_ids  # type: ignore[method-assign]
        MediaFileManager._ikd_grace = True  # type: ignore[attr-defined]
