"""Errors that point an analyst at the exact spot in the data file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataError:
    """One problem, as `FILE:LINE:COL: field.path: message Hint`."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        hint = f" {self.hint}" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"


class DataFileError(Exception):
    """The data file was read but is invalid; `errors` lists every problem found."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class DataFileUnreadable(Exception):
    """The data file could not be read at all (missing, a folder, no permission, too large)."""


SHOWN_CHARS = 60  # a value echoed in a message is cut to this: a 1 MB value must not fill the screen


def cut(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text`, cut to `limit` characters with the full length said."""
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


def shorten(value: object, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)`, cut to a readable length with the full length said: `'aaaa…' (1,048,576 characters)`."""
    shown = repr(value)
    if len(shown) <= limit:
        return shown
    size = len(value) if isinstance(value, (str, bytes, list, dict)) else len(shown)
    return f"{shown[:limit - 1]}… ({size:,} characters)"


def format_path(path: tuple) -> str:
    """('observations', 2, 'count') -> 'observations[2].count'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
