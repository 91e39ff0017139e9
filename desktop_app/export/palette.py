"""The canvas's and exports' themes: light and dark, built on the one table of the visual
language in ``desktop_app/model/palette.py`` (which the reports and the slides read too, so a
stage looks the same everywhere; DESIGN.md, "Visual language"). No Qt here either.

Red, amber and blue belong to findings (error, warning, info) and are used for nothing else;
flow edges are a neutral grey, feedback edges one accent hue.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.model.palette import (  # noqa: F401 - re-exported for the canvas and exports
    FEEDBACK_EDGE,
    FEEDBACK_EDGE_DARK,
    FLOW_EDGE,
    FLOW_EDGE_DARK,
    GRID,
    KIND_ACCENT,
    KIND_BORDER,
    KIND_FILL,
    KIND_HUE,
    KIND_LABEL,
    KIND_LETTER,
    SEVERITY_COLOR,
    SEVERITY_COLOR_DARK,
    SEVERITY_RANK,
    STAGE_HEIGHT,
    STAGE_RADIUS,
    STAGE_WIDTH,
    SUBTLE_TEXT,
    TEXT,
    mix,
    shade,
    tint,
)

LAYER_SPACING = 240.0   # auto-layout: distance between layers (left to right)
ROW_SPACING = 120.0     # auto-layout: distance between rows in a layer

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
        text=TEXT,
        subtle_text=SUBTLE_TEXT,
        selection="#2F6FDE",
        flow_edge=FLOW_EDGE,
        feedback_edge=FEEDBACK_EDGE,
        kind_fill=dict(KIND_FILL),
        kind_border=dict(KIND_BORDER),
        kind_accent=dict(KIND_ACCENT),
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

