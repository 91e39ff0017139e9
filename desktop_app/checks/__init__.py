"""The rule engine: CHECKS.md's catalogue as a pure function of a lifecycle (and today's date).

One engine serves the editor (rerun after every edit) and ``lifecycle-studio check``. No Qt,
no matplotlib: the command line imports this on a machine without a display.
"""

from __future__ import annotations

from desktop_app.checks.engine import check_lifecycle, selected_codes, unknown_selectors
from desktop_app.checks.result import Assessment, CheckResult, Finding
from desktop_app.model.rules import RULE_TABLE, ParamInfo, RuleInfo

# code -> RuleInfo(code, name, severity per paradigm, params with defaults, fixable)
RULES: dict[str, RuleInfo] = RULE_TABLE

__all__ = [
    "Assessment", "CheckResult", "Finding", "ParamInfo", "RULES", "RuleInfo",
    "check_lifecycle", "selected_codes", "unknown_selectors",
]
