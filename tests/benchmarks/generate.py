"""Big, lifecycle-like documents for the benchmarks (checks here; the GUI's open/render/edit too).

``make_lifecycle(n_stages, n_edges, seed=0)`` builds a deterministic Lifecycle: stages in teams
of nine that run business → data → develop → validate → gate → deploy → monitor → learn → other
along flow edges, laid out in a grid (one team per row-chunk), owned by a few dozen teams (some
stages unowned), with a mix of automation levels, forward flow edges between teams and feedback
edges from monitor and learn stages back to earlier work, with triggers and latencies. Phases
with a few items make the phase rules work too.

``make_scc_lifecycle(n_stages, seed=0)`` builds the issue-11 worst case: stages in the eight
working kinds, each with a flow edge to the next stage and a second edge to a random stage
anywhere (one in five a feedback edge), so one strongly connected component holds most stages
and LC208 names about 126,000 stage ids at 5,000 stages.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from desktop_app.model.document import (
    AUTOMATIONS, ITEM_STATUSES, TRIGGERS, Edge, Item, Lifecycle, Owner, Phase, Stage,
)

CHAIN: tuple[str, ...] = (
    "business", "data", "develop", "validate", "gate", "deploy", "monitor", "learn", "other",
)
GRID_X = 220.0
GRID_Y = 140.0


def make_lifecycle(n_stages: int, n_edges: int, seed: int = 0) -> Lifecycle:
    """A lifecycle of exactly ``n_stages`` stages and ``n_edges`` edges (ids ``s0..``, ``e1..``)."""
    rng = random.Random(seed)
    n_owners = max(1, min(40, n_stages // 25))
    owners = [Owner(f"team{k}", f"Team {k}", ("team", "role", "person")[k % 3])
              for k in range(n_owners)]
    cols = max(1, math.ceil(math.sqrt(n_stages)))
    stages: list[Stage] = []
    for i in range(n_stages):
        kind = CHAIN[i % len(CHAIN)]
        team = i // len(CHAIN)
        owner = None if rng.random() < 0.03 else owners[(team + (rng.random() < 0.2)) % n_owners].id
        stages.append(Stage(
            id=f"s{i}",
            name=f"{kind.capitalize()} {team}",
            kind=kind,
            owner=owner,
            automation=rng.choice(AUTOMATIONS),
            criteria="passes the checklist" if kind in ("validate", "gate") and rng.random() < 0.8
            else "",
            x=(i % cols) * GRID_X,
            y=(i // cols) * GRID_Y,
        ))
    edges: list[Edge] = []
    drawn: set[tuple[int, int]] = set()

    def add(source: int, target: int, kind: str) -> None:
        # a drawn lifecycle has few duplicate edges: keep about one in two hundred
        if (source, target) in drawn and rng.random() > 0.005:
            return
        drawn.add((source, target))
        trigger = "manual" if kind == "flow" and rng.random() < 0.7 else rng.choice(TRIGGERS)
        latency = None if rng.random() < 0.2 else round(rng.uniform(0, 20), 1)
        edges.append(Edge(f"e{len(edges) + 1}", stages[source].id, stages[target].id,
                          kind, trigger, latency))

    # the chain inside each team
    for i in range(1, n_stages):
        if len(edges) >= n_edges:
            break
        if i % len(CHAIN):
            add(i - 1, i, "flow")
    monitors = [i for i in range(n_stages) if CHAIN[i % len(CHAIN)] in ("monitor", "learn")]
    improvers = [i for i in range(n_stages) if CHAIN[i % len(CHAIN)] in ("business", "data",
                                                                          "develop")]
    while len(edges) < n_edges and n_stages > 1:
        r = rng.random()
        if r < 0.35 and monitors and improvers:
            # feedback to the same team's or an earlier team's improvement stages
            m = rng.choice(monitors)
            near = [j for j in improvers if m - 40 <= j < m] or improvers
            add(m, rng.choice(near), "feedback")
        elif r < 0.8 and n_stages > len(CHAIN):
            # a team's output feeds a later team's first stages (a platform of models)
            team = rng.randrange(max(1, n_stages // len(CHAIN)))
            a = team * len(CHAIN) + rng.randrange(5, len(CHAIN))
            b = (team + 1 + int(rng.expovariate(1 / 3))) * len(CHAIN) + rng.randrange(0, 3)
            if a < n_stages and b < n_stages:
                add(a, b, "flow")
        else:
            a = rng.randrange(n_stages - 1)
            b = min(n_stages - 1, a + 1 + int(rng.expovariate(1 / 12)))
            add(a, b, "flow")
    phases = _phases(rng, owners, n_stages)
    return Lifecycle(
        name=f"Generated {n_stages} stages, {n_edges} edges (seed {seed})",
        paradigm=rng.choice(("feedback-loop", "hybrid", "assembly-line")),
        description="Generated for benchmarks.",
        owners=owners, stages=stages, edges=edges, phases=phases,
    )


def make_scc_lifecycle(n_stages: int, seed: int = 0) -> Lifecycle:
    """About ``2 * n_stages - 1`` edges, long and random, most stages in one big SCC."""
    rng = random.Random(seed)
    kinds = CHAIN[:-1]  # the eight working kinds, no "other"
    n_owners = max(1, min(40, n_stages // 25))
    owners = [Owner(f"team{k}", f"Team {k}", ("team", "role", "person")[k % 3])
              for k in range(n_owners)]
    cols = max(1, math.ceil(math.sqrt(n_stages)))
    stages = [Stage(
        id=f"s{i}",
        name=f"{kinds[i % len(kinds)].capitalize()} {i // len(kinds)}",
        kind=kinds[i % len(kinds)],
        owner=None if rng.random() < 0.03 else owners[rng.randrange(n_owners)].id,
        automation=rng.choice(AUTOMATIONS),
        criteria="passes the checklist" if rng.random() < 0.8 else "",
        x=(i % cols) * GRID_X,
        y=(i // cols) * GRID_Y,
    ) for i in range(n_stages)]
    edges: list[Edge] = []

    def add(source: int, target: int, kind: str) -> None:
        trigger = "manual" if kind == "flow" else rng.choice(TRIGGERS)
        latency = None if rng.random() < 0.2 else round(rng.uniform(0, 20), 1)
        edges.append(Edge(f"e{len(edges) + 1}", stages[source].id, stages[target].id,
                          kind, trigger, latency))

    for i in range(n_stages):
        if i + 1 < n_stages:
            add(i, i + 1, "flow")
        if n_stages > 1:
            add(i, rng.randrange(n_stages), "feedback" if rng.random() < 0.2 else "flow")
    return Lifecycle(
        name=f"Big SCC {n_stages} stages (seed {seed})",
        paradigm=rng.choice(("feedback-loop", "hybrid", "assembly-line")),
        description="Generated for benchmarks: long random edges, one big SCC.",
        owners=owners, stages=stages, edges=edges, phases=_phases(rng, owners, n_stages),
    )


def _phases(rng: random.Random, owners: list[Owner], n_stages: int) -> list[Phase]:
    start = date(2026, 1, 1)
    phases = []
    per_phase = max(1, min(25, n_stages // 200))
    for number in range(1, 5):
        items = []
        for k in range(per_phase):
            status = rng.choice(ITEM_STATUSES)
            due = start + timedelta(days=rng.randrange(0, 400))
            items.append(Item(
                id=f"p{number}-{k}", title=f"Phase {number} task {k}", status=status,
                owner=None if rng.random() < 0.1 else rng.choice(owners).id,
                due=due, done_on=due if status == "done" else None,
            ))
        phases.append(Phase(number, start + timedelta(days=90 * (number - 1)),
                            start + timedelta(days=90 * number - 1), items))
    return phases


if __name__ == "__main__":
    for lc in (make_lifecycle(5000, 10000), make_scc_lifecycle(5000)):
        print(lc.name, len(lc.stages), len(lc.edges), len(lc.owners))
