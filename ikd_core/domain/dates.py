"""Dates as sources state them: a day, a month, a quarter, a half-year ("semester I 2024") or a year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from pydantic_core import PydanticCustomError

Precision = Literal["day", "month", "quarter", "half", "year"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
MIN_YEAR, MAX_YEAR = 1900, 2200
FORMAT_HINT = 'write 2024-11-12 (day), "2024-04" (month), "2025-Q4" (quarter), "2024-H1" (half-year) or 2025 (year)'


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A period [start, end]; `reference` (its midpoint) stands for it in arithmetic."""

    start: dt.date
    end: dt.date
    precision: Precision

    @property
    def reference(self) -> dt.date:
        return self.start + (self.end - self.start) // 2

    @classmethod
    def day(cls, d: dt.date) -> FuzzyDate:
        return cls(d, d, "day")

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Accept what YAML gives for the four written forms; raise ValueError otherwise."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.datetime):
            return cls.day(value.date())
        if isinstance(value, dt.date):
            return cls.day(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise PydanticCustomError("ikd.not_a_date", f"not a date; {FORMAT_HINT}")
        text = value.strip()
        try:
            parsed = cls._parse_text(text)
        except ValueError:
            raise PydanticCustomError("ikd.bad_date", "{value} is not a valid date; " + FORMAT_HINT,
                                      {"value": repr(text)}) from None
        if not (MIN_YEAR <= parsed.start.year <= MAX_YEAR):
            raise PydanticCustomError("ikd.year_range", "{value}: the year is outside 1900-2200; check it",
                                      {"value": repr(text)})
        return parsed

    @classmethod
    def _parse_text(cls, text: str) -> FuzzyDate:
        if m := _YEAR.match(text):
            year = int(m[1])
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if m := _HALF.match(text):
            year, half = int(m[1]), int(m[2])
            return cls(dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "half")
        if m := _QUARTER.match(text):
            year, q = int(m[1]), int(m[2])
            return cls(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter")
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return cls(dt.date(year, month, 1), _month_end(year, month), "month")
        return cls.day(dt.date.fromisoformat(text))

    def to_yaml(self) -> str:
        """The written form, as an analyst would type it."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "quarter":
            return f"{self.start.year}-Q{(self.start.month + 2) // 3}"
        if self.precision == "half":
            return f"{self.start.year}-H{(self.start.month + 5) // 6}"
        return str(self.start.year)
