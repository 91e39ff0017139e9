"""A user's text as the lines an output draws: one rule for line breaks, control characters and
wrapping, shared by the pictures (painter), the PDF report and the slides. No Qt here: the
slides measure with font files, the painter with Qt's metrics; both pass a width function."""

from __future__ import annotations

import re
from typing import Callable

BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# C0 and C1 controls (a font draws them as boxes; an SVG or a slide holding one is not XML
# any more) and the noncharacters U+FFFE and U+FFFF, which lxml refuses
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def clean_lines(text: str) -> list[str]:
    """The lines its author typed: every kind of line break splits (CR too, which python-pptx
    would write as ``_x000D_``), other control characters are dropped, tabs become spaces."""
    return [CONTROL.sub("", line).replace("\t", " ") for line in BREAKS.split(text)]


def one_line(text: str) -> str:
    return " ".join(" ".join(clean_lines(text)).split())


def wrap_lines(text: str, width_of: Callable[[str], float], room: float) -> list[str]:
    """``text`` in lines no wider than ``room`` as ``width_of`` measures them: at spaces, inside
    a word only when the word alone is wider; line breaks in the text kept. Nothing is cut off."""
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
