"""The phase playbook: the checklist a new lifecycle starts with, one list per phase.

The items follow the step-by-step guide of the reference article (Phase 1 Foundation and
Instrumentation ... Phase 4 Advanced Feedback and Optimization). ``with_playbook`` gives a
document that tracks no phases yet the playbook's items, so every new lifecycle (from the app or
``new``) has something to tick off.
"""

from __future__ import annotations

import copy

from desktop_app.model.document import PHASE_NAMES, Item, Lifecycle, Phase

PLAYBOOK: dict[int, list[tuple[str, str]]] = {
    1: [
        ("p1-metrics", "Define business and performance metrics"),
        ("p1-logging", "Log model inputs, outputs and version"),
        ("p1-review", "Review the metrics weekly, by hand"),
    ],
    2: [
        ("p2-pod", "Form a cross-functional pod"),
        ("p2-pipeline", "Design and document a manual retraining pipeline"),
        ("p2-runs", "Run the manual pipeline end to end 2-3 times"),
        ("p2-automate", "Automate the easiest 20% of the pipeline"),
        ("p2-registry", "Introduce a lightweight model registry"),
    ],
    3: [
        ("p3-orchestrate", "Orchestrate retraining end to end with a workflow scheduler"),
        ("p3-trigger", "Trigger retraining by a schedule or a performance alert"),
        ("p3-tests", "Integrate automated testing into the pipeline"),
        ("p3-metrics", "Measure the team by model health and business impact"),
        ("p3-hygiene", "Fund time for lifecycle hygiene"),
    ],
    4: [
        ("p4-drift", "Detect concept drift and alert on degradation"),
        ("p4-experiments", "Let alerts kick off new experiments automatically"),
        ("p4-canary", "Canary deployments and A/B tests for new versions"),
    ],
}


def playbook_phases() -> list[Phase]:
    """Fresh Phase objects (no dates) holding the playbook's items, all ``todo``."""
    assert set(PLAYBOOK) == set(PHASE_NAMES)
    return [Phase(number=n, items=[Item(id=i, title=t) for i, t in PLAYBOOK[n]])
            for n in sorted(PLAYBOOK)]


def with_playbook(doc: Lifecycle) -> Lifecycle:
    """A copy of ``doc`` with the playbook's phases when it has no phase item at all; ``doc``
    itself when it already tracks items (a template's own checklist wins)."""
    if doc.items():
        return doc
    out = copy.deepcopy(doc)
    held = {p.number: p for p in out.phases}
    for phase in playbook_phases():
        if phase.number in held:
            held[phase.number].items = phase.items
        else:
            out.phases.append(phase)
    out.phases.sort(key=lambda p: p.number)
    return out
