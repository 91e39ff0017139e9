"""Which rule codes a document may name, and which parameters each rule takes.

FALLBACK: the checks engineer is writing the static catalogue in ``desktop_app/model/rules.py``;
until it lands this private table stands in for it, and it is deleted when it does. Value types
and ranges of the parameters are in the JSON Schema (``$defs.ruleSettings``).
"""

from __future__ import annotations

_PARAMETERS: dict[str, frozenset[str]] = {
    "LC206": frozenset({"max_feedback_days"}),
    "LC304": frozenset({"max_loop_owners"}),
    "LC305": frozenset({"max_handoffs"}),
}

_CODES: tuple[str, ...] = (
    ("LC000",)
    + tuple(f"LC{n}" for n in range(101, 111))
    + tuple(f"LC{n}" for n in range(201, 210))
    + ("LC301",)
    + tuple(f"LC{n}" for n in range(303, 308))
    + tuple(f"LC{n}" for n in range(401, 405))
    + ("LC901",)
)


def rule_parameters() -> dict[str, frozenset[str]]:
    """Every known rule code mapped to the names of its parameters (``severity`` aside)."""
    return {code: _PARAMETERS.get(code, frozenset()) for code in _CODES}
