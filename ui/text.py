"""Showing text from data files and links literally, never as Markdown or HTML."""

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def literal(text: str) -> str:
    """Escape every Markdown/HTML-significant character, so `[x](javascript:…)` shows as typed."""
    return _MARKDOWN.sub(r"\\\1", text)
