"""Counted words for what the window says ("1 warning", "2 warnings"): one helper, so no label
says "1 errors". The checks and the store have their own (they must not import ui)."""

from __future__ import annotations

from desktop_app.model.text import quoted

# nouns whose plural is not the noun plus "s"; "info" counts findings, and stays "info"
_IRREGULAR = {"info": "info", "entry": "entries", "copy": "copies"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless ``count`` is one."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or _IRREGULAR.get(word, word + 's')}"


def stages_text(names: list[str]) -> str:
    """What an edit of stages names in its undo text and status line: the one stage by its
    name (on one line, cut when very long), else the count ("3 stages")."""
    return quoted(names[0]) if len(names) == 1 else plural(len(names), "stage")


def days(value: float) -> str:
    """A duration in days as a reader says it: "1 day", "2.5 days"."""
    return f"{value:g} day" if value == 1 else f"{value:g} days"


def counts_text(counts: dict[str, int]) -> str:
    """The findings' counts for the status bar: "1 error · 2 warnings · 0 info"."""
    text = " · ".join(plural(counts.get(sev, 0), sev) for sev in ("error", "warning", "info"))
    return text + (f" · {counts['suppressed']} suppressed" if counts.get("suppressed") else "")


def latency_text(latency_days: float | None, doc) -> str:
    """The assessment's feedback latency in the status bar. The checks count a missing latency
    as 0 days (CHECKS.md, LC206), so when no feedback edge carries one the figure means nothing
    yet: say "unknown" rather than a reassuring "0 days"."""
    if latency_days is None:
        return "Feedback latency: no path back"
    if doc is not None and not any(e.kind == "feedback" and e.latency_days is not None for e in doc.edges):
        return "Feedback latency unknown"
    return f"Feedback latency {days(latency_days)}"


def escape_mnemonic(text: str) -> str:
    """User text for a menu item or a button: a single "&" would underline the next letter
    and vanish ("R&D" showing as "RD"), so it is doubled."""
    return text.replace("&", "&&")


def strip_mnemonic(text: str) -> str:
    """A menu item's text as read: the mnemonic's "&" gone, a doubled "&&" one "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# a refusal's own words for its outcome: a message box adds "Nothing was changed." only when the
# reason does not already say so (it said it twice)
_OUTCOMES = ("nothing was changed", "was not changed", "is unchanged", "nothing was opened",
             "not saved")


def outcome_said(text: str) -> bool:
    """True when ``text`` already says what became of the user's data."""
    low = text.lower()
    return any(words in low for words in _OUTCOMES)
