"""Showing text from data files and links literally, never as Markdown or HTML."""

import re

# The characters that start Markdown/HTML markup: links and directives need "[", HTML needs "<"; emphasis, code,
# headings, tables, math and strike-through the rest. Plain punctuation stays readable.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|$~])")


def literal(text: str) -> str:
    """Escape every Markdown/HTML-significant character, so `[x](javascript:…)` shows as typed."""
    return _MARKDOWN.sub(r"\\\1", text)
