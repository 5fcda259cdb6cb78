"""Waiting for Streamlit the way its own tests do, and collecting what went wrong in the page.

Every browser wait comes from one constant, conftest.WAIT_MS (60 s, scaled by IKD_WAIT_MARGIN): Playwright's
default expect timeout is set to it when this module is imported (every browser test imports it), and the action,
navigation and wait_for_* timeouts of every browser context the tests use are set to it by `with_waits` (the
`context` fixture below for pytest-playwright's `page`, `open_context` for a context a test makes itself). A test
therefore writes no `timeout=` of its own; only latency requirements (a save shown within 3 s) keep their numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from conftest import WAIT_MS

# A Plotly chart's box: st.plotly_chart's, or a chart updated in place (ui/live_chart.py, on Simulasi and Proyeksi).
PLOTLY = ":is([data-testid=stPlotlyChart], .ikd-live-chart)"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
expect.set_options(timeout=WAIT_MS)

Waiting = TypeVar("Waiting", Page, BrowserContext)


def with_waits(target: Waiting) -> Waiting:
    """A page or context whose actions, navigations and waits time out after WAIT_MS (Playwright's default: 30 s)."""
    target.set_default_timeout(WAIT_MS)
    target.set_default_navigation_timeout(WAIT_MS)
    return target


def open_context(browser: Browser, **args: Any) -> BrowserContext:
    """`browser.new_context(**args)`, with every wait from WAIT_MS."""
    return with_waits(browser.new_context(**args))


@pytest.fixture
def context(new_context) -> BrowserContext:
    """pytest-playwright's `context` (and so its `page`), with every wait from WAIT_MS. A test module that uses
    pytest-playwright's `page` imports this fixture."""
    return with_waits(new_context())


def wait_for_app(page: Page, timeout: float = WAIT_MS) -> None:
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
                           timeout=timeout)


def track_requests(page: Page, base_url: str) -> dict[str, list[str]]:
    """Record requests that left the machine, and requests that failed."""
    seen: dict[str, list[str]] = {"external": [], "failed": []}

    def on_request(request: Request) -> None:
        if not request.url.startswith((base_url, "data:", "blob:")):
            seen["external"].append(request.url)

    page.on("request", on_request)
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} {r.failure}"))
    return seen


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
