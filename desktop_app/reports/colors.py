"""Colours for the reports' matplotlib drawings, Qt-free.

The Qt painter's palette lives in ``desktop_app/export/palette.py``; reports may not import Qt
(layers: ui > export > reports), so the same Okabe-Ito hues are spelled out here as hex. If the
two ever need to be one table it belongs below both layers (e.g. in ``model``).
"""

from __future__ import annotations

# Okabe-Ito, the colour-blind-safe set DESIGN.md names; fills are light tints of the border hue.
KIND_BORDER: dict[str, str] = {
    "business": "#E69F00",  # orange
    "data": "#56B4E9",      # sky blue
    "develop": "#009E73",   # bluish green
    "validate": "#F0E442",  # yellow
    "gate": "#CC79A7",      # reddish purple
    "deploy": "#0072B2",    # blue
    "monitor": "#D55E00",   # vermillion
    "learn": "#8C6BB1",     # purple (Okabe-Ito has eight hues; a ninth that stays distinct)
    "other": "#999999",     # grey
}

# One letter per kind so a kind is never told by colour alone (DESIGN.md, visual language).
KIND_LETTER: dict[str, str] = {
    "business": "B", "data": "D", "develop": "V", "validate": "T", "gate": "G",
    "deploy": "P", "monitor": "M", "learn": "L", "other": "O",
}

# Red, amber and blue are kept for findings and appear nowhere else.
SEVERITY_COLOR: dict[str, str] = {"error": "#C62828", "warning": "#E6A100", "info": "#1565C0"}

FLOW_EDGE = "#555555"
FEEDBACK_EDGE = "#7B3294"  # the one accent hue for feedback edges
TEXT = "#222222"
PLANNED = "#BBBBBB"
ACTUAL = "#009E73"

# Per-phase line colours for the progress chart (from the same set, not the severity hues).
PHASE_COLOR: dict[int, str] = {1: "#E69F00", 2: "#56B4E9", 3: "#009E73", 4: "#CC79A7"}


def tint(hex_color: str, amount: float = 0.78) -> str:
    """A light fill of ``hex_color``: mix it with white by ``amount``."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)
