"""How a rule is written: a function of the shared analysis and its parameters that yields hits.

A hit is what the rule found (message, hint, the ids it names); the engine turns it into a
``Finding`` with the code, name, severity, suppression and quick-fix flag.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from desktop_app.checks.graph import Analysis

Params = dict[str, Any]
RuleFunction = Callable[[Analysis, Params], Iterable["Hit"]]

# code -> function, filled by the rule modules' @rule decorators (import order = run order)
IMPLEMENTATIONS: dict[str, RuleFunction] = {}


@dataclass(slots=True)  # not frozen: its __init__ is then a third as costly, for thousands
class Hit:
    message: str
    hint: str
    stages: Iterable[str] = ()
    edges: Iterable[str] = ()
    items: Iterable[str] = ()
    owners: Iterable[str] = ()
    phase: int | None = None


def rule(code: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(fn: RuleFunction) -> RuleFunction:
        IMPLEMENTATIONS[code] = fn
        return fn
    return register


# ---- wording helpers: messages are one line and name stages by their names ---------------

def q(text: str) -> str:
    """A name quoted, on one line."""
    return '"' + " ".join(str(text).split()) + '"'


def stage(ctx: Analysis, i: int) -> str:
    return q(ctx.names[i])


def listing(quoted: list[str], limit: int = 6) -> str:
    """``"A", "B" and "C"``; long lists end with ``and N more``."""
    if len(quoted) > limit:
        return ", ".join(quoted[:limit]) + f" and {len(quoted) - limit} more"
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def stage_list(ctx: Analysis, nums: Iterable[int], limit: int = 6) -> str:
    # ordered by name (then id) so a message does not change when ids are renamed; a loop of
    # thousands of stages shows only the first few, so take those without sorting them all,
    # by each stage's place in the name order (computed once for the whole lifecycle)
    nums = list(nums)
    if len(nums) > limit:
        first = heapq.nsmallest(limit, nums, key=ctx.name_rank.__getitem__)
    else:
        names, ids_ = ctx.names, ctx.ids
        first = sorted(nums, key=lambda i: (names[i], ids_[i]))
    quoted = [stage(ctx, i) for i in first]
    if len(nums) > limit:
        return ", ".join(quoted) + f" and {len(nums) - limit} more"
    return listing(quoted)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def owner_name(ctx: Analysis, owner_id: str | None) -> str:
    if owner_id is None:
        return "no owner"
    return q(ctx.owner_names.get(owner_id, owner_id))


class SortedIds(tuple):
    """Ids already sorted and without repeats, as a finding holds them: the engine takes them
    as they are instead of sorting them again (LC208 names thousands of stage ids, most of
    them in lists shared by many findings)."""

    __slots__ = ()


def sorted_ids(ctx: Analysis, nums: list[int]) -> SortedIds:
    """What ``ids`` names, already as a finding holds it (sorted, each once)."""
    return SortedIds(ctx.sorted_ids(nums))


def ids(ctx: Analysis, nums: Iterable[int]) -> Iterator[str]:
    names = ctx.ids
    return (names[i] for i in nums)
