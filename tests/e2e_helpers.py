"""Waiting for Streamlit the way its own tests do, and collecting what went wrong in the page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, Request

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
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
