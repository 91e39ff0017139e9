"""The visual language as plain data, below every layer that draws: the canvas and exports
(``desktop_app/export/palette.py`` builds its light and dark themes on it), the reports' charts
and diagrams, the slides and the Mermaid/DOT exports. One table, so a stage looks the same
everywhere (DESIGN.md, "Visual language").

Hues are the Okabe-Ito set (colour-blind safe). Red, amber and blue belong to findings (error,
warning, info) and are used for nothing else; flow edges are a neutral grey, feedback edges one
accent hue. A kind is never told by colour alone: each has a letter (and on the canvas an icon).
"""

from __future__ import annotations

from desktop_app.model.document import STAGE_KINDS

# Geometry in scene units: a stage's (x, y) is the top-left corner of its box.
STAGE_WIDTH = 180.0
STAGE_HEIGHT = 72.0
STAGE_RADIUS = 10.0
GRID = 20.0

KIND_HUE: dict[str, str] = {
    "business": "#E69F00",  # orange
    "data": "#56B4E9",      # sky blue
    "develop": "#009E73",   # bluish green
    "validate": "#F0E442",  # yellow
    "gate": "#CC79A7",      # reddish purple
    "deploy": "#0072B2",    # blue
    "monitor": "#D55E00",   # vermillion
    "learn": "#8C6BB1",     # purple: Okabe-Ito has eight hues, a ninth that stays distinct
    "other": "#999999",     # grey
}

KIND_LETTER: dict[str, str] = {
    "business": "B", "data": "D", "develop": "V", "validate": "T", "gate": "G",
    "deploy": "P", "monitor": "M", "learn": "L", "other": "O",
}

KIND_LABEL: dict[str, str] = {
    "business": "Business", "data": "Data", "develop": "Develop", "validate": "Validate",
    "gate": "Gate", "deploy": "Deploy", "monitor": "Monitor", "learn": "Learn", "other": "Other",
}

SEVERITY_COLOR: dict[str, str] = {"error": "#C62828", "warning": "#E6A100", "info": "#1565C0"}
SEVERITY_COLOR_DARK: dict[str, str] = {"error": "#EF5350", "warning": "#FFC107", "info": "#64B5F6"}
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

FLOW_EDGE = "#555555"
FEEDBACK_EDGE = "#7B3294"
FLOW_EDGE_DARK = "#B0B0B0"
FEEDBACK_EDGE_DARK = "#C9A0E8"
TEXT = "#1F1F1F"
SUBTLE_TEXT = "#5A5A5A"


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    ra = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    rb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#{:02X}{:02X}{:02X}".format(
        *(max(0, min(255, round(x + (y - x) * amount))) for x, y in zip(ra, rb)))


def tint(hex_color: str, amount: float = 0.78) -> str:
    """A light fill of ``hex_color``: mixed with white by ``amount``."""
    return mix(hex_color, "#FFFFFF", amount)


def shade(hex_color: str, amount: float) -> str:
    """A darker variant of ``hex_color``: mixed with black by ``amount``."""
    return mix(hex_color, "#000000", amount)


# the light look of a stage; yellow needs more darkening than the others to read on white
KIND_FILL = {k: tint(h, 0.80) for k, h in KIND_HUE.items()}
KIND_BORDER = {k: shade(h, 0.45 if k == "validate" else 0.22) for k, h in KIND_HUE.items()}
KIND_ACCENT = {k: shade(h, 0.55 if k == "validate" else 0.30) for k, h in KIND_HUE.items()}

assert set(KIND_HUE) == set(STAGE_KINDS) == set(KIND_LETTER) == set(KIND_LABEL)
