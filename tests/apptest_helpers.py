"""Opening pages in Streamlit's AppTest as a link would, and reading what they show."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from conftest import ROOT

APP = str(ROOT / "app.py")


def open_page(page: str | None = None, **params: str | list[str]) -> AppTest:
    """Open `page` as a link with `params` would (AppTest can only switch pages after a first run)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.run()
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def spec(at: AppTest, index: int = 0) -> dict:
    """A Plotly chart's figure as JSON (AppTest has no Plotly element of its own)."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def url(at: AppTest, key: str) -> list[str]:
    """A query parameter after the run, always as a list (AppTest gives a lone value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)
