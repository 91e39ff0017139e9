"""The assessment: how much of the lifecycle is a feedback loop, and which paradigm it follows."""

from __future__ import annotations

from desktop_app.checks.graph import Analysis
from desktop_app.checks.result import Assessment


def assess(ctx: Analysis) -> Assessment:
    """CHECKS.md, Assessment. Cached on the analysis: LC209 and the result share it."""
    cached = ctx.__dict__.get("_assessment")
    if cached is not None:
        return cached
    looped = ctx.looped_components
    covered = sum(len(c) for c in looped)
    coverage = covered / ctx.n if ctx.n else 0.0
    closing = ctx.loop_closing
    automated = (sum(1 for e, _u, _v in closing if e.trigger != "manual") / len(closing)
                 if closing else None)
    latencies = ctx.monitor_latency.values()
    latency = min(latencies) if latencies else None
    if not closing:
        classification = "assembly-line"
    else:
        kinds, stages = ctx.kinds, ctx.lc.stages
        manual_gate_in_loop = any(kinds[i] == "gate" and stages[i].automation == "manual"
                                  for members in looped for i in members)
        if coverage >= 0.6 and automated is not None and automated >= 0.5 \
                and not manual_gate_in_loop:
            classification = "feedback-loop"
        else:
            classification = "hybrid"
    result = Assessment(classification, coverage, automated, latency)
    ctx.__dict__["_assessment"] = result
    return result
