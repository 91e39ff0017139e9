"""A user's text as it goes out: the one home of the rules for line breaks, control characters,
long names and quotes, used by every message, status line, menu, report, picture and slide.

Names come from other people's files. Shown raw, a name can start a fake line of its own, retitle
or clear a terminal (ESC sequences), reorder a line (bidi controls), break an SVG or a slide (a
NUL is not XML), or, 10,000 characters long, become a 10,000-character message. So:

- ``one_line`` / ``quoted``: a name inside a sentence a person reads (undo text, dialogs, the
  status bar, reports): breaks and controls gone, cut with "…" at ``SHOWN`` characters, and
  ``quoted`` puts it in typographic quotes: “Monitoring”.
- ``echoed`` / ``printable``: a value from an input file inside a refusal or on a terminal,
  where the user must see exactly which character is wrong: controls written as escapes
  (``\\x1b``), and ``echoed`` clips and quotes it as Python does (``'Deploy\\x1b]0;…'``).
- ``clean_lines`` / ``wrap_lines``: the lines a picture, a PDF or a slide draws.

Escaping for HTML, Markdown or a menu's "&" stays with the writer that knows the format.
"""

from __future__ import annotations

import re
from typing import Callable

# How much of a name or a value a sentence shows (FORMAT.md's names may be 200 characters): a
# status line, a tree row or a one-line refusal stays readable.
SHOWN = 80

# Line breaks of every kind: CR alone too (python-pptx would write it as ``_x000D_``, a
# Markdown table row ends at it), and the line and paragraph separators.
BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# The other C0 and C1 controls (a font draws them as boxes; an SVG or a slide holding one is not
# XML any more) and the noncharacters U+FFFE and U+FFFF, which lxml refuses. Tabs become spaces.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# What acts on a terminal or a line instead of showing: C0 and C1 controls and DEL, the line and
# paragraph separators, the bidi marks, embeddings, overrides and isolates (a line would read
# differently from what it holds), and lone surrogates (not text at all).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_lines(text: str) -> list[str]:
    """The lines its author typed: every kind of line break splits, other control characters
    are dropped, tabs become spaces."""
    return [CONTROL.sub("", line).replace("\t", " ") for line in BREAKS.split(text)]


def clipped(text: str, limit: int = SHOWN) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def one_line(text: object, limit: int | None = SHOWN) -> str:
    """``text`` (an exception too) on one line: line breaks and control characters as spaces
    (a control between two words still parts them), runs of white space as one space, cut at
    ``limit`` characters (None: never)."""
    flat = " ".join(CONTROL.sub(" ", BREAKS.sub(" ", str(text))).split())
    return flat if limit is None else clipped(flat, limit)


def quoted(text: str, limit: int = SHOWN) -> str:
    """A name inside a sentence, on one line and in typographic quotes: “Monitoring”."""
    return f"“{one_line(text, limit)}”"


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


def echoed(value: object, limit: int = SHOWN) -> str:
    """A value from an input file as a refusal echoes it: a string clipped and quoted as Python
    writes it, controls escaped (``'Deploy\\x1b]0;…'``); anything else as its text, clipped."""
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


def wrap_lines(text: str, width_of: Callable[[str], float], room: float) -> list[str]:
    """``text`` in lines no wider than ``room`` as ``width_of`` measures them: at spaces, inside
    a word only when the word alone is wider; line breaks in the text kept. Nothing is cut off.
    (No Qt here: the slides measure with font files, the painter with Qt's metrics.)"""
    out: list[str] = []
    for hard in clean_lines(text):
        # most names fit on one line: one measure instead of one per word (a 20,000-stage
        # scene wraps every name); the loop below drops leading spaces, so those take it
        if hard[:1] != " " and width_of(hard) <= room:
            out.append(hard)
            continue
        line = ""
        for word in hard.split(" "):
            trial = f"{line} {word}" if line else word
            if width_of(trial) <= room:
                line = trial
                continue
            if line:
                out.append(line)
            while len(word) > 1 and width_of(word) > room:
                lo, hi = 1, len(word)
                while lo < hi:   # the longest head that fits (binary search: names can be long)
                    mid = (lo + hi + 1) // 2
                    if width_of(word[:mid]) <= room:
                        lo = mid
                    else:
                        hi = mid - 1
                out.append(word[:lo])
                word = word[lo:]
            line = word
        out.append(line)
    return out
