"""'Today' for the whole app: $IKD_TODAY (an ISO date: tests, demos, a meeting that looks back) or the real date.

Only the shells call it (ui/ and the command line); everything in the core takes `today` as an argument.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "IKD_TODAY"


def today() -> dt.date:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{ENV}={value!r} is not a date: write it as 2026-11-23, or unset it.") from None
