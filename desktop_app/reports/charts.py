"""Charts and the diagram for the reports and the Retrospective dock, with matplotlib.

Figures are built on ``matplotlib.figure.Figure`` (never pyplot: no global state, no GUI backend)
and rendered with the Agg canvas, so this module works headless and in the app alike; the dock
wraps the same ``Figure`` in a FigureCanvasQTAgg. Importing this module imports matplotlib: import
it only when a chart is needed (``check`` and the app's start must not pay for it).
"""

from __future__ import annotations

import io
import textwrap
from datetime import date, timedelta
from typing import Iterable, Mapping, Sequence

import matplotlib
from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from desktop_app.model.document import PHASE_NAMES, SEVERITIES, Lifecycle
from desktop_app.reports import colors
from desktop_app.reports.progress import IN_PROGRESS, PhaseProgress

# text stays text: TrueType (type 42) in PDF so stage names can be searched and extracted
# and a `$` in a name or label is a dollar sign, never the start of TeX
TEXT_RC = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "none", "text.parse_math": False}

STAGE_W, STAGE_H = colors.STAGE_WIDTH, colors.STAGE_HEIGHT  # a stage's x, y is its top-left


def render(fig: Figure, fmt: str = "png", dpi: int = 120) -> bytes:
    """The figure as PNG or SVG bytes."""
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"unsupported image format {fmt!r}")
    FigureCanvasAgg(fig)  # attach a headless canvas whatever the figure had
    buf = io.BytesIO()
    with matplotlib.rc_context(TEXT_RC):
        fig.savefig(buf, format=fmt, dpi=dpi)
    return buf.getvalue()


# ---- the diagram -------------------------------------------------------------------------------

def picture_figure(png: bytes, max_width_in: float = 11.0, dpi: float = 192.0) -> Figure:
    """A page holding a picture at its own proportions (a PNG drawn elsewhere)."""
    import io

    from matplotlib.image import imread

    image = imread(io.BytesIO(png), format="png")
    height, width = image.shape[:2]
    scale = min(1.0, max_width_in / (width / dpi))
    fig = Figure(figsize=(width / dpi * scale, height / dpi * scale))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(image, interpolation="lanczos")
    ax.axis("off")
    return fig


def diagram_figure(lc: Lifecycle) -> Figure:
    """Stages as boxes at their positions, coloured per kind with a letter; flow edges solid
    arrows, feedback edges dashed and curved in the accent hue."""
    if not lc.stages:
        fig = Figure(figsize=(5, 1.5))
        fig.text(0.5, 0.5, "This lifecycle has no stage.", ha="center", va="center")
        return fig
    xs = [s.x for s in lc.stages]
    ys = [s.y for s in lc.stages]
    margin = 60.0  # room for the curves of feedback edges and self-loops
    left, right = min(xs) - margin, max(xs) + STAGE_W + margin
    top, bottom = min(ys) - margin, max(ys) + STAGE_H + margin
    width_in, height_in = (right - left) / 110.0, (bottom - top) / 110.0
    scale = min(1.0, 13.0 / width_in, 13.0 / height_in)  # big graphs shrink, text with them
    fig = Figure(figsize=(max(4.0, width_in * scale), max(2.0, height_in * scale)))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)  # scene y grows downward, as on the canvas
    ax.set_aspect("equal", adjustable="datalim")
    ax.axis("off")
    font = max(4.0, 8.5 * scale)
    owners = {o.id: o.name for o in lc.owners}
    boxes = {}
    centre = {s.id: (s.x + STAGE_W / 2, s.y + STAGE_H / 2) for s in lc.stages}
    for s in lc.stages:
        kind = s.kind if s.kind in colors.KIND_HUE else "other"
        box = FancyBboxPatch(
            (s.x, s.y), STAGE_W, STAGE_H, boxstyle="round,pad=0,rounding_size=10",
            facecolor=colors.KIND_FILL[kind], edgecolor=colors.KIND_BORDER[kind], linewidth=1.4,
            zorder=2,
        )
        ax.add_patch(box)
        boxes[s.id] = box
        cx, cy = centre[s.id]
        ax.text(cx, cy - (7 if s.owner else 0), "\n".join(textwrap.wrap(s.name, 24)) or s.id,
                ha="center", va="center", fontsize=font, color=colors.TEXT, zorder=3)
        if s.owner:
            ax.text(cx, s.y + STAGE_H - 11, owners.get(s.owner, s.owner), ha="center",
                    va="center", fontsize=font * 0.8, color=colors.SUBTLE_TEXT, style="italic",
                    zorder=3)
        ax.text(s.x + 10, s.y + 11, colors.KIND_LETTER[kind], ha="center", va="center",
                fontsize=font * 0.8, fontweight="bold", color=colors.KIND_ACCENT[kind], zorder=3)
    pairs = {(e.source, e.target) for e in lc.edges}
    for e in lc.edges:
        if e.source not in boxes or e.target not in boxes:
            continue
        feedback = e.kind == "feedback"
        common = dict(arrowstyle="-|>", color=colors.FEEDBACK_EDGE if feedback else colors.FLOW_EDGE,
                      linestyle="--" if feedback else "-", linewidth=1.2, zorder=1)
        if e.source == e.target:
            cx, cy = centre[e.source]
            top_y = cy - STAGE_H / 2
            arrow = FancyArrowPatch((cx - 25, top_y), (cx + 25, top_y),
                                    connectionstyle="arc3,rad=-1.6", mutation_scale=10, **common)
        else:
            # feedback curves; two edges between one pair in opposite directions bend apart
            rad = 0.3 if feedback else (0.15 if (e.target, e.source) in pairs else 0.0)
            arrow = FancyArrowPatch(centre[e.source], centre[e.target],
                                    patchA=boxes[e.source], patchB=boxes[e.target],
                                    connectionstyle=f"arc3,rad={rad}", mutation_scale=12, **common)
        ax.add_patch(arrow)
    return fig


# ---- charts ------------------------------------------------------------------------------------

def _message(fig: Figure, ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def items_done_figure(lc: Lifecycle, today: date) -> Figure:
    """Items done over time, one cumulative step line per phase (from the items' done_on)."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title("Items done over time", fontsize=10)
    drawn = False
    for phase in sorted(lc.phases, key=lambda p: p.number):
        days = sorted(i.done_on for i in phase.items if i.status == "done" and i.done_on)
        if not days:
            continue
        xs = [days[0] - timedelta(days=1)] + days + [max(today, days[-1])]
        ys = [0] + list(range(1, len(days) + 1)) + [len(days)]
        ax.step(xs, ys, where="post", color=colors.PHASE_COLOR[phase.number], linewidth=1.8,
                label=f"{phase.number} {PHASE_NAMES[phase.number]} ({len(days)}/{len(phase.items)})")
        drawn = True
    if not drawn:
        _message(fig, ax, "No item is done yet.")
        return fig
    ax.set_ylabel("items done")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.legend(fontsize=7, loc="best")
    ax.grid(alpha=0.3)
    return fig


def findings_figure(series: Sequence[tuple[str, Mapping[str, int]]]) -> Figure:
    """Findings by severity across snapshots: one stacked bar per (label, counts)."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title("Findings by severity", fontsize=10)
    if not series:
        _message(fig, ax, "No snapshot to chart yet.")
        return fig
    labels = [label for label, _ in series]
    positions = range(len(series))
    bottom = [0] * len(series)
    for severity in SEVERITIES:
        values = [int(counts.get(severity, 0)) for _, counts in series]
        ax.bar(positions, values, bottom=bottom, color=colors.SEVERITY_COLOR[severity],
               label=severity, width=0.6)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(list(positions), labels, rotation=20 if len(series) > 4 else 0, fontsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("findings")
    ax.legend(fontsize=7)
    ax.grid(axis="y", alpha=0.3)
    return fig


def phase_windows_figure(progress: Iterable[PhaseProgress], today: date) -> Figure:
    """Planned against actual phase windows: a grey bar for the plan, a green one for the span
    of the phase's done items (to today while it is in progress)."""
    fig = Figure(figsize=(7, 2.8), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title("Planned and actual phase windows", fontsize=10)
    drawn = False
    rows = list(progress)
    for row, p in enumerate(rows):
        y = len(rows) - row
        if p.planned_start and p.planned_end:
            start = mdates.date2num(p.planned_start)
            ax.barh(y + 0.18, mdates.date2num(p.planned_end) - start + 1, left=start, height=0.32,
                    color=colors.PLANNED, label="planned" if not drawn else None)
            drawn = True
        if p.actual_start:
            end = p.actual_end or (today if p.status == IN_PROGRESS else p.actual_start)
            start = mdates.date2num(p.actual_start)
            ax.barh(y - 0.18, mdates.date2num(end) - start + 1, left=start, height=0.32,
                    color=colors.ACTUAL, label="actual" if "actual" not in
                    ax.get_legend_handles_labels()[1] else None)
            drawn = True
    if not drawn:
        _message(fig, ax, "No phase has planned dates or done items yet.")
        return fig
    ax.set_yticks([len(rows) - i for i in range(len(rows))], [f"Phase {p.number}" for p in rows])
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.axvline(mdates.date2num(today), color="#666666", linewidth=0.8, linestyle=":")
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    return fig
