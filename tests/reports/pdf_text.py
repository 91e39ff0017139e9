"""The text of a PDF written by matplotlib: ``pdftotext`` when installed (poppler-utils), else a
small reader of matplotlib's own output (Flate streams, TrueType text as UTF-16 strings)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    out = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8) & 0xFF]), raw)
    return re.sub(rb"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), out, flags=re.S)


def pure_python_text(path: Path) -> str:
    data = path.read_bytes()
    lines = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(m.group(1))
        except zlib.error:
            continue  # an embedded font or image, not page content
        for block in re.findall(rb"BT(.*?)ET", content, re.S):
            raw = _unescape(b"".join(re.findall(rb"\((.*?)(?<!\\)\)", block, re.S)))
            lines.append(raw.decode("utf-16-be", "replace") if len(raw) % 2 == 0
                         else raw.decode("latin-1"))
    return "\n".join(lines)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    return pure_python_text(path)


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))
