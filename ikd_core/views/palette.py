"""One colour per region, the same on every page, from a colour-blind-safe palette."""

from __future__ import annotations

# Okabe & Ito (2008), the usual colour-blind-safe qualitative palette, black dropped (it is the target line's).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#999999")


def region_colors(region_ids: list[str]) -> dict[str, str]:
    """Colour by the region's place in the file, so every page agrees on it."""
    return {rid: OKABE_ITO[i % len(OKABE_ITO)] for i, rid in enumerate(region_ids)}


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_shade(hex_colour: str, on: str = "#ffffff", ratio: float = 4.5) -> str:
    """The colour itself if text in it reads on `on` (contrast ≥ `ratio`, WCAG AA), else the lightest darker shade
    of the same hue that does: Okabe-Ito's orange and sky blue have 2,3:1 on white, fine for a line, not for a
    label. Lines and markers keep the hue; their labels get this."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    for step in range(101):
        k = 1 - step / 100
        shade = f"#{round(r * k):02x}{round(g * k):02x}{round(b * k):02x}"
        if contrast(shade, on) >= ratio:
            return shade
    return "#000000"


# A projection's band: its line's colour at this opacity over white. Two regions' bands may overlap.
BAND_ALPHA = 0.18


def tint(hex_colour: str, alpha: float) -> str:
    """`hex_colour` at opacity `alpha` over white, as '#rrggbb'."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 + (c - 255) * alpha):02x}" for c in (r, g, b))


def label_shade(hex_colour: str) -> str:
    """The colour for a label of a line: 4,5:1 on white *and* on the line's own band where a second band overlaps
    it (a label at the deadline sits inside its band: darker shades that were 4,5:1 on white were 3,5–4,0:1
    there)."""
    return text_shade(hex_colour, on=tint(hex_colour, 1 - (1 - BAND_ALPHA) ** 2))
