"""Errors that point an analyst at the exact spot in the data file, in the analyst's language.

An error is a code and its parameters; its words come from the string catalogues (`err.<code>`, `hint.<code>` in
ikd_core/locales/), so the same error reads in Indonesian on an Indonesian page and in English on the command line
with `--lang en`. `str()` and `.message` give English.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

SHOWN_CHARS = 60  # a value echoed in a message is cut to this: a 1 MB value must not fill the screen


@dataclass(frozen=True)
class DataError:
    """One problem, as `FILE:LINE:COL: field.path: message Hint`."""

    file: str
    line: int
    column: int
    field: str
    code: str
    params: dict = dataclass_field(default_factory=dict, compare=False, hash=False)

    @property
    def message(self) -> str:
        from ikd_core import i18n

        return i18n.error_message(self.code, self.params, "en")

    @property
    def hint(self) -> str:
        from ikd_core import i18n

        return i18n.error_hint(self.code, self.params, "en")

    def text(self, lang: str = "en") -> str:
        from ikd_core import i18n

        where = f"{self.file}:{self.line}:{self.column}"
        path = f" {self.field}:" if self.field else ""
        message = i18n.error_message(self.code, self.params, lang)  # type: ignore[arg-type]
        hint = i18n.error_hint(self.code, self.params, lang)  # type: ignore[arg-type]
        return f"{where}:{path} {message}" + (f" {hint}" if hint else "")

    def __str__(self) -> str:
        return self.text("en")


class DataFileError(Exception):
    """The data file was read but is invalid; `errors` lists every problem found."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class DataFileUnreadable(Exception):
    """The data file could not be read at all (missing, a folder, no permission, too large, the reader failed)."""

    def __init__(self, path: str, code: str, **params: object):
        self.path, self.code, self.params = path, code, params
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        from ikd_core import i18n

        return f"{self.path}: {i18n.error_message(self.code, self.params, lang)}"  # type: ignore[arg-type]


# A cut value carries its full length as ⟦N⟧, which the message's language turns into "(N characters)".
CUT_MARK = "⟦{}⟧"


def cut(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text`, cut to `limit` characters with the full length kept for the message."""
    return text if len(text) <= limit else f"{text[:limit - 1]}…" + CUT_MARK.format(len(text))


def shorten(value: object, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)`, cut to a readable length with the full length kept: `'aaaa…' (1,048,576 characters)`."""
    shown = repr(value)
    if len(shown) <= limit:
        return shown
    size = len(value) if isinstance(value, (str, bytes, list, dict)) else len(shown)
    return f"{shown[:limit - 1]}…" + CUT_MARK.format(size)


def format_path(path: tuple) -> str:
    """('observations', 2, 'count') -> 'observations[2].count'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
