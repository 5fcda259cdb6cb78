"""The few style rules the pages need beyond Streamlit's own: text that reads at 4,5:1 and is never cut with "…",
and the ranking as a list on a phone.

Streamlit gives a container made with `key="k"` the class `st-key-k`; the rules below show one of two keyed
containers by the window's width. Injected by the widget that needs them (ui.widgets.ranking), so a page that does
not draw a ranking carries none of it.
"""

from __future__ import annotations

# On every page (ui.shell.page_context). Streamlit's captions are #828180 on white (a colour at 60% opacity), 3,9:1.
# A metric's label is cut with "…" when longer than its column ("Paling jauh dari target: Kalimanta…" at 1280 px):
# it wraps instead.
FRAME_CSS = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: #5c5b58 !important; opacity: 1 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""

PHONE_MAX_PX = 639  # below 640 px the ranking is a list; from 640 px up, the chart

RANKING_CSS = f"""<style>
.st-key-ikd_ranking_list {{ display: none; }}
@media (max-width: {PHONE_MAX_PX}.98px) {{
  .st-key-ikd_ranking_chart {{ display: none; }}
  .st-key-ikd_ranking_list {{ display: flex; }}
}}
.ikd-rank {{ color: #222; line-height: 1.4; }}
.ikd-rank p {{ margin: 0; overflow-wrap: anywhere; }}
.ikd-rank-title {{ font-size: 1.125rem; font-weight: 600; margin-bottom: .25rem !important; }}
.ikd-rank-key {{ font-size: 1rem; margin-bottom: .5rem !important; }}
.ikd-rank-key .ikd-rank-tick {{ position: static; display: inline-block; height: 1.1em; vertical-align: middle; }}
.ikd-rank ol {{ list-style: none; margin: 0; padding: 0; }}
.ikd-rank li {{ margin: 0 0 .9rem; padding: 0; }}
.ikd-rank-head {{ display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 .5rem; font-size: 1rem; }}
.ikd-rank-value {{ font-weight: 600; white-space: nowrap; }}
.ikd-rank-track {{ position: relative; height: 1.25rem; background: #eee; margin: .2rem 0; }}
.ikd-rank-bar {{ position: absolute; left: 0; top: 0; bottom: 0; border: 1px solid #222; box-sizing: border-box; }}
.ikd-rank-tick {{ position: absolute; top: -4px; bottom: -4px; width: 0; border-left: 3px dashed #000; }}
.ikd-rank-sub {{ font-size: .875rem; color: #555; }}
</style>"""
