"""Text from data files and links, made safe to show: no direction tricks, no screens full of one value."""

from __future__ import annotations

import html
import re

from ikd_core import i18n
from ikd_core.domain.errors import SHOWN_CHARS
from ikd_core.i18n import Lang

# Characters that change the direction of the text after them (U+202A-U+202E, U+2066-U+2069) or mark it
# (U+200E, U+200F, U+061C): a right-to-left override in a link would reverse the rest of a message.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    """Bidirectional control characters replaced by their visible code point, e.g. `⟨U+202E⟩`."""
    return _BIDI.sub(lambda m: f"⟨U+{ord(m[0]):04X}⟩", text)


def shown(text: str, lang: Lang, limit: int = SHOWN_CHARS) -> str:
    """A value from a link or a file as a message may echo it: controls visible, cut to `limit` characters."""
    text = visible_controls(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit - 1]}… ({i18n.t('text.cut', lang, n=i18n.number(len(text), lang))})"


def markup(text: str) -> str:
    """Text for a place that renders HTML (chart labels and hover, the HTML briefing): escaped, controls visible."""
    return html.escape(visible_controls(text))
