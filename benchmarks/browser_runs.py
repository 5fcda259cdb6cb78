"""Waiting for Streamlit in a real browser, for `make bench` (it was part of the browser-swarm `make load`)."""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = "[data-testid=stApp][data-test-script-state=notRunning]"


async def settled(page: Page, timeout: float = 120_000) -> None:
    await page.wait_for_selector(DONE, timeout=timeout)
    await page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)


class Runs:
    """Counts the reruns the server has *finished* for one browser tab, from its websocket: every run ends with a
    `script_finished` message. (The page's script-state attribute is no use under load: React may apply "running"
    and "notRunning" in one frame, so the DOM never shows the run.)"""

    DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in self.DONE:
            self.finished += 1

    async def after(self, before: int, timeout: float = 120) -> None:
        """Wait until a run has finished since `before` was read (a busy server may take seconds to start it)."""
        deadline = time.monotonic() + timeout
        while self.finished <= before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no rerun finished within {timeout:.0f} s")
            await asyncio.sleep(0.02)
