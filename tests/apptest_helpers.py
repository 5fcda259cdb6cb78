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


def figures(at: AppTest) -> list[dict]:
    """Every Plotly figure the page shows, in page order: st.plotly_chart's and the charts updated in place
    (ui/live_chart.py, a components-v2 element whose data carries the figure). AppTest has no Plotly element."""
    found: list[dict] = []

    def walk(node) -> None:
        if getattr(node, "type", None) == "plotly_chart":
            found.append(json.loads(node.proto.spec))
        elif getattr(node, "type", None) == "bidi_component" and node.proto.component_name == "ikd_live_chart":
            found.append(json.loads(json.loads(node.proto.json)["figure"]))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def spec(at: AppTest, index: int = 0) -> dict:
    """The `index`-th Plotly figure of the page, as JSON."""
    return figures(at)[index]


def url(at: AppTest, key: str) -> list[str]:
    """A query parameter after the run, always as a list (AppTest gives a lone value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)
