"""What a quick fix would touch (CHECKS.md, Selecting and fixing), for the editor to offer.

The checks never edit: the UI turns a ``QuickFix`` into one undoable store operation.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.checks.result import Finding
from desktop_app.model.document import Lifecycle


@dataclass(frozen=True)
class QuickFix:
    """``action`` is one of ``delete-edges``, ``mark-feedback``, ``make-flow``, ``assign-owner``.

    ``choices`` lists the ids the user picks one of (the loop's edges for ``mark-feedback``,
    the owners for ``assign-owner``); ``targets`` the ids the fix applies to as it stands."""

    rule: str
    action: str
    label: str
    targets: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()


def quick_fix(lc: Lifecycle, finding: Finding) -> QuickFix | None:
    """The one obvious repair of a finding, or None when it has none."""
    if not finding.fixable:
        return None
    rule = finding.rule
    if rule == "LC106":
        return QuickFix(rule, "delete-edges", "Delete the self-loop", targets=finding.edges)
    if rule == "LC107":
        named = set(finding.edges)
        in_order = [e.id for e in lc.edges if e.id in named]  # keep the first drawn
        return QuickFix(rule, "delete-edges", "Delete the extra edges",
                        targets=tuple(in_order[1:]))
    if rule == "LC109":
        inside = set(finding.stages)
        loop = tuple(e.id for e in lc.edges if e.kind == "flow" and e.source != e.target
                     and e.source in inside and e.target in inside)
        return QuickFix(rule, "mark-feedback", "Mark an edge of the loop as feedback",
                        choices=loop)
    if rule == "LC110":
        return QuickFix(rule, "make-flow", "Make it a flow edge", targets=finding.edges)
    if rule == "LC301" and lc.owners:
        return QuickFix(rule, "assign-owner", "Assign an owner", targets=finding.stages,
                        choices=tuple(o.id for o in lc.owners))
    return None
