"""Colours and box geometry for the reports' matplotlib drawings: the one table of the visual
language (``desktop_app/model/palette.py``), plus the charts' own colours. Qt-free."""

from __future__ import annotations

from desktop_app.model.palette import (  # noqa: F401 - re-exported for the charts
    FEEDBACK_EDGE,
    FLOW_EDGE,
    KIND_ACCENT,
    KIND_BORDER,
    KIND_FILL,
    KIND_HUE,
    KIND_LETTER,
    SEVERITY_COLOR,
    STAGE_HEIGHT,
    STAGE_WIDTH,
    SUBTLE_TEXT,
    TEXT,
    mix,
)

# Chart colours (not the severity hues): per phase, and planned/actual bars.
PHASE_COLOR: dict[int, str] = {1: "#E69F00", 2: "#56B4E9", 3: "#009E73", 4: "#CC79A7"}
PLANNED = "#BBBBBB"
ACTUAL = "#009E73"


