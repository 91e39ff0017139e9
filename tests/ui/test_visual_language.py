"""The palette and the auto-layout as pure functions (no window needed)."""

from __future__ import annotations

import random

from desktop_app.export import palette
from desktop_app.model.document import STAGE_KINDS, Edge, Lifecycle, Stage
from desktop_app.ui.autolayout import auto_layout


def test_kinds_are_never_told_by_colour_alone_and_findings_colours_are_reserved():
    assert len(set(palette.KIND_LETTER.values())) == len(STAGE_KINDS)
    for th in (palette.LIGHT, palette.DARK):
        fills = set(th.kind_fill.values()) | set(th.kind_border.values())
        assert not fills & set(th.severity.values())
        assert th.feedback_edge not in fills and th.flow_edge != th.feedback_edge
        assert len(set(th.kind_fill.values())) == len(STAGE_KINDS)


def _random_lifecycle(rng: random.Random, n: int, m: int) -> Lifecycle:
    stages = [Stage(f"s{i}", f"Stage {i}", rng.choice(STAGE_KINDS)) for i in range(n)]
    edges = [Edge(f"e{j}", f"s{rng.randrange(n)}", f"s{rng.randrange(n)}", rng.choice(["flow", "feedback"]))
             for j in range(m if n else 0)]
    return Lifecycle("random", stages=stages, edges=edges)


def test_auto_layout_never_crashes_and_never_stacks_stages():
    rng = random.Random(3)
    for _ in range(60):
        lc = _random_lifecycle(rng, rng.randint(0, 40), rng.randint(0, 90))
        pos = auto_layout(lc)
        assert set(pos) == {s.id for s in lc.stages}
        assert len(set(pos.values())) == len(pos)
        assert all(x % 20 == 0 and y % 20 == 0 for x, y in pos.values())
        assert auto_layout(lc) == pos     # deterministic


def test_auto_layout_puts_flow_left_to_right_and_loop_closers_below():
    lc = Lifecycle("loop", stages=[Stage(i, i, k) for i, k in (
        ("a", "business"), ("b", "develop"), ("c", "deploy"), ("d", "monitor"), ("l", "learn"))],
        edges=[Edge("e1", "a", "b"), Edge("e2", "b", "c"), Edge("e3", "c", "d"),
               Edge("e4", "d", "l", "feedback"), Edge("e5", "l", "a", "feedback"), Edge("e6", "d", "b")])
    pos = auto_layout(lc)
    assert pos["a"][0] < pos["b"][0] < pos["c"][0] < pos["d"][0]   # the d→b flow cycle is broken
    assert pos["l"][1] > max(pos[k][1] for k in "abcd")
    assert pos["a"][0] < pos["l"][0] < pos["d"][0]
