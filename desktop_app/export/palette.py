"""The visual language as data: colours, icons' letters and box geometry for every drawing.

One table serves the canvas, the image exports and the slides, so a stage looks the same
everywhere (DESIGN.md, "Visual language"). It holds plain hex strings and numbers, no Qt, so
code that cannot load Qt may still read it. The hues are the Okabe-Ito set (colour-blind safe)
and match ``desktop_app/reports/colors.py`` value for value (tests/reports/test_colors.py
keeps the two equal).

Red, amber and blue belong to findings (error, warning, info) and are used for nothing else;
flow edges are a neutral grey, feedback edges one accent hue.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.model.document import STAGE_KINDS

# Geometry in scene units. A stage's (x, y) is the top-left corner of its box, so boxes placed
# on the grid line up edge to edge; the bundled templates space stages 220 apart.
STAGE_WIDTH = 180.0
STAGE_HEIGHT = 72.0
STAGE_RADIUS = 10.0
GRID = 20.0
LAYER_SPACING = 240.0   # auto-layout: distance between layers (left to right)
ROW_SPACING = 120.0     # auto-layout: distance between rows in a layer

# Okabe-Ito hue per kind (the "border" hue; fills are tints of it).
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

# One letter per kind, so a kind is never told by colour alone; the painter also draws an icon.
KIND_LETTER: dict[str, str] = {
    "business": "B", "data": "D", "develop": "V", "validate": "T", "gate": "G",
    "deploy": "P", "monitor": "M", "learn": "L", "other": "O",
}

KIND_LABEL: dict[str, str] = {
    "business": "Business", "data": "Data", "develop": "Develop", "validate": "Validate",
    "gate": "Gate", "deploy": "Deploy", "monitor": "Monitor", "learn": "Learn", "other": "Other",
}

KIND_DESCRIPTION: dict[str, str] = {
    "business": "Business understanding and objectives",
    "data": "Data acquisition, refresh, labelling",
    "develop": "Experimentation, feature work, training",
    "validate": "Evaluation, testing, fairness and regression checks",
    "gate": "A human or compliance approval",
    "deploy": "Release, canary, rollout",
    "monitor": "Production observation, logging, alerting",
    "learn": "Analysis of production signals, retrospectives",
    "other": "Anything else",
}

# Findings only.
SEVERITY_COLOR: dict[str, str] = {"error": "#C62828", "warning": "#E6A100", "info": "#1565C0"}
SEVERITY_COLOR_DARK: dict[str, str] = {"error": "#EF5350", "warning": "#FFC107", "info": "#64B5F6"}
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

FLOW_EDGE = "#555555"
FEEDBACK_EDGE = "#7B3294"   # the one accent hue for feedback edges
FLOW_EDGE_DARK = "#B0B0B0"
FEEDBACK_EDGE_DARK = "#C9A0E8"


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, round(c))) for c in rgb))


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex(tuple(x + (y - x) * amount for x, y in zip(ra, rb)))


def tint(hex_color: str, amount: float = 0.78) -> str:
    """A light fill of ``hex_color``: mixed with white by ``amount``."""
    return mix(hex_color, "#FFFFFF", amount)


def shade(hex_color: str, amount: float) -> str:
    """A darker variant of ``hex_color``: mixed with black by ``amount``."""
    return mix(hex_color, "#000000", amount)


@dataclass(frozen=True)
class Theme:
    """Every colour a drawing needs, for one of the two modes."""

    dark: bool
    background: str
    grid: str
    grid_major: str
    text: str
    subtle_text: str
    selection: str
    flow_edge: str
    feedback_edge: str
    kind_fill: dict[str, str]
    kind_border: dict[str, str]
    kind_accent: dict[str, str]   # icon and kind caption
    severity: dict[str, str]


def _light() -> Theme:
    return Theme(
        dark=False,
        background="#FBFBFA",
        grid="#F0F0EE",
        grid_major="#E3E3E0",
        text="#1F1F1F",
        subtle_text="#5A5A5A",
        selection="#2F6FDE",
        flow_edge=FLOW_EDGE,
        feedback_edge=FEEDBACK_EDGE,
        kind_fill={k: tint(h, 0.80) for k, h in KIND_HUE.items()},
        # yellow needs more darkening than the others to read as a border on white
        kind_border={k: shade(h, 0.45 if k == "validate" else 0.22) for k, h in KIND_HUE.items()},
        kind_accent={k: shade(h, 0.55 if k == "validate" else 0.30) for k, h in KIND_HUE.items()},
        severity=dict(SEVERITY_COLOR),
    )


def _dark() -> Theme:
    base = "#26282B"
    return Theme(
        dark=True,
        background="#1E1F22",
        grid="#2A2C30",
        grid_major="#33363B",
        text="#ECECEC",
        subtle_text="#B4B4B4",
        selection="#6EA2FF",
        flow_edge=FLOW_EDGE_DARK,
        feedback_edge=FEEDBACK_EDGE_DARK,
        kind_fill={k: mix(base, h, 0.26) for k, h in KIND_HUE.items()},
        kind_border={k: mix(h, "#FFFFFF", 0.10) for k, h in KIND_HUE.items()},
        kind_accent={k: mix(h, "#FFFFFF", 0.35) for k, h in KIND_HUE.items()},
        severity=dict(SEVERITY_COLOR_DARK),
    )


LIGHT = _light()
DARK = _dark()


def theme(dark: bool = False) -> Theme:
    return DARK if dark else LIGHT


assert set(KIND_HUE) == set(STAGE_KINDS) == set(KIND_LETTER)
