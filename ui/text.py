"""Showing text from data files and links literally, never as Markdown, HTML or a link."""

import re

from ikd_core.views.plain import visible_controls

# The characters that start Markdown/HTML markup: links and directives need "[", HTML needs "<"; emphasis, code,
# headings, tables, math and strike-through the rest. Plain punctuation stays readable.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|$~])")
# What Streamlit's Markdown turns into a link by itself: `http://…`, `www.…` and e-mail addresses (a backslash
# escape does not stop it). An invisible word joiner (U+2060) before the `:`, the `.` or the `@` breaks the pattern
# and changes nothing on screen.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?=://)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def literal(text: str) -> str:
    """Escape every Markdown/HTML-significant character, so `[x](javascript:…)` shows as typed and `http://…` is no
    link; bidirectional control characters are made visible, so they cannot reverse the text after them."""
    escaped = _MARKDOWN.sub(r"\\\1", visible_controls(text))
    return _AUTOLINK.sub("\u2060", escaped)
