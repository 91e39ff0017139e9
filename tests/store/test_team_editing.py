"""Two leads editing one server workspace at once, in two processes (issue 13's "Must show").

Each child (team_child.py) makes 200 random operations, acting on the plan as it last read it.
Afterwards, independently of the store's own conflict checks, the activity log is replayed one
entry at a time into a workspace file, which tells exactly what each committed revision changed.
With that:
- every operation that landed was made against a revision after which the other lead changed
  nothing it changed or depended on (no lost update);
- every refused operation met such a change by the other lead, and was refused with the
  message naming the thing by its display name and the other lead;
- the state left on the server equals the state the whole log replays to.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.model.document import Edge, Item, Lifecycle, Owner, Phase, Stage
from desktop_app.store import Workspace
from desktop_app.store.replay import replay

CHILD = Path(__file__).with_name("team_child.py")
ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = 200
LEADS = {"alice": 1301, "bob": 1302}

REFUSAL = re.compile(
    r"^(?P<what>.+) was (changed|deleted|added) by (?P<who>\w+) after you last saw it; nothing was "
    r"changed, and the window now shows the current plan: make your change again if it still applies$")


def team_plan() -> Lifecycle:
    hot = [Stage(f"hot-{i}", f"Hot stage {i} “shared”", "develop", x=i * 200.0, y=0) for i in range(1, 5)]
    calm = [Stage(f"calm-{i}", f"Calm stage {i}", "monitor", x=i * 200.0, y=300) for i in range(1, 9)]
    stages = hot + calm
    edges = [Edge(f"e{i}", a.id, b.id) for i, (a, b) in enumerate(zip(stages, stages[1:]), 1)]
    return Lifecycle(
        "Team plan", owners=[Owner("pod", "Model pod")], stages=stages, edges=edges,
        phases=[Phase(n, items=[Item(f"seed-{n}-{k}", f"Seed task {n}.{k}") for k in range(3)])
                for n in range(1, 5)])


@dataclass
class Step:
    """What one committed revision changed, from the replayed states before and after it."""

    author: str
    changed: set[tuple[str, str]] = field(default_factory=set)
    removed: set[tuple[str, str]] = field(default_factory=set)
    # the stages at either end of each edge it changed
    edge_ends: set[str] = field(default_factory=set)


def _rows(doc: Lifecycle) -> dict[tuple[str, str], object]:
    rows: dict[tuple[str, str], object] = {("stage", s.id): s for s in doc.stages}
    rows.update({("edge", e.id): e for e in doc.edges})
    rows.update({("item", i.id): (p.number, i) for p in doc.phases for i in p.items})
    return rows


def _steps(entries, lid: int, tmp_path: Path) -> tuple[dict[int, Step], dict[int, Lifecycle], Lifecycle]:
    """Replay the log one entry at a time: what each revision changed, the state before each
    revision, and the final replayed state."""
    steps: dict[int, Step] = {}
    before: dict[int, Lifecycle] = {}
    ids: dict[str, dict[int, int]] = {}
    ordered = sorted((e for e in entries if e.lifecycle_id == lid), key=lambda e: e.revision)
    with Workspace.create(tmp_path / "replayed-step-by-step.lcstudio") as target:
        replay(ordered[:1], target, ids)
        doc = target.load(ids["lifecycle"][lid])
        for entry in ordered[1:]:
            before[entry.revision] = doc
            replay([entry], target, ids)
            after = target.load(ids["lifecycle"][lid])
            old, new = _rows(doc), _rows(after)
            step = Step(entry.author)
            for key in old.keys() | new.keys():
                if old.get(key) != new.get(key):
                    step.changed.add(key)
                    if key not in new:
                        step.removed.add(key)
                    if key[0] == "edge":
                        for edge in (old.get(key), new.get(key)):
                            if isinstance(edge, Edge):
                                step.edge_ends |= {edge.source, edge.target}
            steps[entry.revision] = step
            doc = after
    return steps, before, doc


def _run_leads(url: str) -> dict[str, list[dict]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    procs = {author: subprocess.Popen([sys.executable, str(CHILD), url, author, str(seed), str(OPERATIONS)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for author, seed in LEADS.items()}
    records = {}
    for author, proc in procs.items():
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
        records[author] = [json.loads(line) for line in out.decode().splitlines()]
        assert len(records[author]) == OPERATIONS
    return records


def _others_between(steps: dict[int, Step], author: str, low: int, high: int) -> list[Step]:
    """The other lead's revisions r with low < r < high."""
    return [s for r, s in steps.items() if low < r < high and s.author != author]


def _meets(record: dict, others: list[Step], state: Lifecycle | None) -> bool:
    """Whether the operation depended on something the other lead changed in between."""
    changes = {tuple(c) for c in record["changes"]}
    needs = {tuple(c) for c in record["needs"]}
    deletes = record["deletes"]
    if deletes is not None and state is not None:
        # deleting a stage deletes the edges at it as they are when it runs
        changes |= {("edge", e.id) for e in state.edges if deletes in (e.source, e.target)}
    for step in others:
        if changes & step.changed or needs & step.removed:
            return True
        if deletes is not None and state is None and deletes in step.edge_ends:
            return True
    return False


def test_two_leads_editing_at_once_lose_nothing_and_the_log_replays_to_the_plan(pg_url, tmp_path):
    with Workspace.create(pg_url) as ws:
        ws.author = "lead"
        lid = ws.create_lifecycle(team_plan()).lifecycle_id

    records = _run_leads(pg_url)

    with Workspace.open(pg_url) as ws:
        final = ws.load(lid)
        final_revision = ws.revision(lid)
        entries = ws.activity()
    steps, state_before, replayed = _steps(entries, lid, tmp_path)

    # the plan on the server is the plan the log replays to
    assert replayed == final
    # one revision per committed operation, each by the lead who reported it
    landed = {(a, r["revision"]) for a, rs in records.items() for r in rs if r["ok"]}
    assert {(s.author, rev) for rev, s in steps.items()} == landed
    assert len(landed) == final_revision

    refused = 0
    for author, rs in records.items():
        other = next(a for a in LEADS if a != author)
        for i, record in enumerate(rs):
            if record["ok"]:
                between = _others_between(steps, author, record["base"], record["revision"])
                assert not _meets(record, between, state_before[record["revision"]]), (
                    f"{author}'s {record['op']} landed over {other}'s change: a lost update", record)
            else:
                refused += 1
                seen_next = rs[i + 1]["base"] if i + 1 < len(rs) else final_revision
                between = _others_between(steps, author, record["base"], seen_next + 1)
                assert _meets(record, between, None), (f"{author}'s {record['op']} was refused "
                                                       "though nothing it touched had changed", record)
                message = REFUSAL.match(record["message"])
                assert message is not None, record["message"]
                assert message["who"] == other
                # the thing by its display name, never its id
                ids = [key for _kind, key in record["changes"] + record["needs"]]
                assert not any(re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", message["what"])
                               for key in ids), record["message"]
    # both kinds happened: the run really had conflicts, and most edits landed
    assert refused >= 3, refused
    assert len(landed) >= OPERATIONS
