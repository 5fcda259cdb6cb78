"""The deck as one self-contained HTML file: plotly.js embedded, interactive charts, no network request when
opened, readable on a phone. Everything from the data file is escaped."""

from __future__ import annotations

from functools import lru_cache

import plotly.io as pio
from plotly.offline import get_plotlyjs

from ikd_core import i18n
from ikd_core.render.charts import FONT, slide_figure
from ikd_core.render.deck import Deck, Slide
from ikd_core.views.plain import markup

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {FONT}; color: #000; background: #fff; font-size: 18px; line-height: 1.45; }}
main {{ max-width: 1100px; margin: 0 auto; padding: 16px; }}
header {{ border-bottom: 4px solid #000; padding-bottom: 12px; margin-bottom: 8px; }}
h1 {{ font-size: clamp(26px, 5vw, 40px); margin: 8px 0; }}
h2 {{ font-size: clamp(21px, 3.6vw, 30px); margin: 0 0 4px; }}
section {{ border-bottom: 2px solid #444; padding: 20px 0; }}
.sub {{ color: #333; margin: 0 0 12px; }}
.chart {{ width: 100%; min-height: 360px; }}
ul {{ padding-left: 1.2em; }}
li {{ margin: 4px 0; overflow-wrap: anywhere; }}
details {{ margin-top: 8px; color: #222; font-size: 16px; }}
summary {{ cursor: pointer; font-weight: bold; }}
@media (max-width: 600px) {{ body {{ font-size: 16px; }} .chart {{ min-height: 300px; }} }}
"""


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    # "</script" inside the bundle would end the inline script early.
    return get_plotlyjs().replace("</script", "<\\/script")


def _items(lines: list[str]) -> str:
    return "".join(f"<li>{markup(line)}</li>" for line in lines)


def _section(n: int, s: Slide, lang: str) -> str:
    parts = [f'<section id="slide-{n}" data-key="{markup(s.key)}">',
             f"<h2>{n}. {markup(s.title)}</h2>", f'<p class="sub">{markup(s.subtitle)}</p>']
    if s.chart is not None:
        # 14 px: the briefing is read up close, often on a phone; the presenter's 24 px would crowd a 360 px chart.
        fig = slide_figure(s.chart, lang, font_size=14, min_text=14)  # type: ignore[arg-type]
        fig.update_layout(title={"text": markup(s.chart.title), "x": 0, "font": {"size": 16}}, autosize=True,
                          margin={"l": 10, "r": 20, "t": 50, "b": 10})
        parts.append('<div class="chart">' + pio.to_html(
            fig, full_html=False, include_plotlyjs=False, default_height="420px", default_width="100%",
            config={"displaylogo": False, "responsive": True}) + "</div>")
    parts.append(f"<ul>{_items(s.bullets)}</ul>")
    notes = [s.talk, *s.notes] if s.talk else s.notes  # the talking point first, as in the PowerPoint's notes
    if notes:
        parts.append(f"<details><summary>{markup(i18n.t('briefing.notes', lang))}</summary>"  # type: ignore
                     f"<ul>{_items(notes)}</ul></details>")
    parts.append("</section>")
    return "".join(parts)


def to_html(deck: Deck, made: str) -> str:
    """`made`: the preparation date, already formatted."""
    first = deck.slides[0]
    body = "".join(_section(n, s, deck.lang) for n, s in enumerate(deck.slides, start=1) if s.key != "title")
    return (
        f'<!doctype html><html lang="{deck.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # Nothing may load from elsewhere: the briefing is opened on phones and laptops without internet.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">"
        f"<title>{markup(deck.title)}</title><style>{CSS}</style>"
        f"<script>{_plotly_js()}</script></head><body><main>"
        f"<header><h1>{markup(first.title)}</h1><p class=\"sub\">{markup(first.subtitle)}</p>"
        f"<ul>{_items(first.bullets)}</ul><p>{markup(i18n.t('briefing.made', deck.lang, date=made))}</p>"
        f"</header>{body}</main></body></html>"
    )
