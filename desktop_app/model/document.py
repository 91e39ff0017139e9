"""The lifecycle as plain data: the in-memory form of a FORMAT.md document.

Every layer speaks this: the interchange reads and writes it, the store loads and saves it,
the checks are a pure function of it, the reports compare two of them. It holds no Qt and
no database session, so it can be built in a test with one line and compared with ``==``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

FORMAT_NAME = "lifecycle"
FORMAT_VERSION = 1

PARADIGMS: tuple[str, ...] = ("assembly-line", "feedback-loop", "hybrid")
OWNER_KINDS: tuple[str, ...] = ("team", "role", "person")
STAGE_KINDS: tuple[str, ...] = (
    "business", "data", "develop", "validate", "gate", "deploy", "monitor", "learn", "other",
)
AUTOMATIONS: tuple[str, ...] = ("manual", "partial", "automated")
EDGE_KINDS: tuple[str, ...] = ("flow", "feedback")
TRIGGERS: tuple[str, ...] = ("manual", "schedule", "alert", "drift")
ITEM_STATUSES: tuple[str, ...] = ("todo", "doing", "done", "blocked")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_SETTINGS: tuple[str, ...] = SEVERITIES + ("off",)

# FORMAT.md's limits, as the JSON Schema and the workspace's columns hold them: every field
# where a user types a name stops there (typing on is better than a refusal afterwards)
MAX_NAME = 200   # a lifecycle's or a stage's name
MAX_ID = 64

PHASE_NAMES: dict[int, str] = {
    1: "Foundation and Instrumentation",
    2: "Process Integration and Light Automation",
    3: "Systemic Automation and Cultural Shift",
    4: "Advanced Feedback and Optimization",
}

IMPROVEMENT_KINDS = frozenset({"business", "data", "develop"})
QUALITY_KINDS = frozenset({"validate", "gate"})


@dataclass
class Owner:
    id: str
    name: str
    kind: str = "team"


@dataclass
class Stage:
    id: str
    name: str
    kind: str
    owner: str | None = None
    automation: str = "manual"
    criteria: str = ""
    notes: str = ""
    x: float = 0.0
    y: float = 0.0


@dataclass
class Edge:
    id: str
    source: str
    target: str
    kind: str = "flow"
    trigger: str = "manual"
    latency_days: float | None = None
    label: str = ""


@dataclass
class Item:
    id: str
    title: str
    status: str = "todo"
    owner: str | None = None
    due: date | None = None
    done_on: date | None = None
    notes: str = ""


@dataclass
class Phase:
    number: int
    planned_start: date | None = None
    planned_end: date | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class Suppression:
    rule: str
    reason: str
    stage: str | None = None


@dataclass
class Lifecycle:
    name: str
    paradigm: str = "hybrid"
    description: str = ""
    owners: list[Owner] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    # rule code -> {"severity": ..., parameter: value, ...}, exactly as the document has it
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def edge(self, edge_id: str) -> Edge:
        for e in self.edges:
            if e.id == edge_id:
                return e
        raise KeyError(edge_id)

    def items(self) -> list[Item]:
        return [item for phase in self.phases for item in phase.items]
