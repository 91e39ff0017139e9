"""Names and values as messages show them: short, and unable to steer a terminal.

Names come from other people's files. Echoed raw, a name can retitle or clear a terminal
(ESC sequences), reorder a line (bidi controls), start a fake line of its own, or, a megabyte
long, become a megabyte-long message. Text meant for people goes through these two helpers.
"""

from __future__ import annotations

import re

# How much of a value a message quotes (FORMAT.md's names may be 200 characters; an id 64).
ECHO_LIMIT = 80

# Characters that act on a terminal or a line instead of showing: C0 and C1 controls and DEL,
# line and paragraph separators, the bidi embeddings, overrides and isolates (which can make a
# line read differently from what it holds), and lone surrogates (not text at all).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that would act on the terminal written as an escape
    (``\\x1b``, ``\\n``, ``\\u202e``); everything else, accents and emoji included, as is."""
    return _UNSAFE.sub(_escape, text)


def clipped(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value as a message echoes it: a string clipped and in quotes with controls escaped
    (``'Deploy\\x1b]0;…'``), anything else as its text, clipped."""
    if isinstance(value, str):
        return repr(clipped(value, limit))
    return clipped(str(value), limit)


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text`` as an escape (``\\ud800``), None when there is none.

    JSON's ``"\\ud800"`` escape reads into a Python string that is not Unicode text: it cannot
    be written as UTF-8, to a file, a database or a terminal. (A valid pair, an emoji written
    as two escapes, reads as the one character it is, so whatever is left is lone.)"""
    found = _LONE_SURROGATE.search(text)
    return None if found is None else f"\\u{ord(found.group()):04x}"
