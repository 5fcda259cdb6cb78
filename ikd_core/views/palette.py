"""One colour per region, the same on every page, from a colour-blind-safe palette."""

from __future__ import annotations

# Okabe & Ito (2008), the usual colour-blind-safe qualitative palette, black dropped (it is the target line's).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#999999")


def region_colors(region_ids: list[str]) -> dict[str, str]:
    """Colour by the region's place in the file, so every page agrees on it."""
    return {rid: OKABE_ITO[i % len(OKABE_ITO)] for i, rid in enumerate(region_ids)}
