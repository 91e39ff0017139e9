"""Colours and box geometry for the reports' matplotlib drawings, Qt-free.

The canvas and image exports take theirs from ``desktop_app/export/palette.py``; reports may not
import that layer (ui > export > reports), so the same values are spelled out here, under the same
names, and a test (tests/reports/test_colors.py) keeps the two tables equal. If they should be
one table, it belongs below both layers (e.g. ``desktop_app/model``).
"""

from __future__ import annotations

# A stage's (x, y) is the top-left corner of its box (as on the canvas).
STAGE_WIDTH = 180.0
STAGE_HEIGHT = 72.0

# Okabe-Ito, the colour-blind-safe set DESIGN.md names; fills are light tints of the hue.
KIND_HUE: dict[str, str] = {
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
TEXT = "#1F1F1F"
SUBTLE_TEXT = "#5A5A5A"

# Chart colours (not the severity hues): per phase, and planned/actual bars.
PHASE_COLOR: dict[int, str] = {1: "#E69F00", 2: "#56B4E9", 3: "#009E73", 4: "#CC79A7"}
PLANNED = "#BBBBBB"
ACTUAL = "#009E73"


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    ra = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    rb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#{:02X}{:02X}{:02X}".format(
        *(max(0, min(255, round(x + (y - x) * amount))) for x, y in zip(ra, rb)))


# as the light theme of the palette: yellow needs more darkening to read on white
KIND_FILL = {k: mix(h, "#FFFFFF", 0.80) for k, h in KIND_HUE.items()}
KIND_BORDER = {k: mix(h, "#000000", 0.45 if k == "validate" else 0.22) for k, h in KIND_HUE.items()}
KIND_ACCENT = {k: mix(h, "#000000", 0.55 if k == "validate" else 0.30) for k, h in KIND_HUE.items()}
