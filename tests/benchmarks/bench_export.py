"""Speed of the PowerPoint export, as a ratio to python-pptx writing plain rectangles.

export: ``write_slides`` for a 200-stage lifecycle (native shapes with three text runs each,
glued connectors with arrowheads) / python-pptx writing 200 plain rectangles and saving, in the
same run. The runs interleave and the best of each is kept (DESIGN.md, "Figures").

Run: ``python tests/benchmarks/bench_export.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_lifecycle  # noqa: E402

from desktop_app.export.slides import write_slides  # noqa: E402


def _plain_rectangles(n: int, path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for i in range(n):
        slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(10000 * (i % 20)), Emu(10000 * (i // 20)),
                               Emu(9000), Emu(9000))
    prs.save(str(path))


def run(rounds: int = 5) -> list[tuple[str, float, str]]:
    lc = make_lifecycle(200, 300, seed=3)
    best_base = best_export = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            start = time.perf_counter()
            _plain_rectangles(200, Path(tmp) / "plain.pptx")
            best_base = min(best_base, time.perf_counter() - start)
            start = time.perf_counter()
            write_slides(lc, Path(tmp) / "deck.pptx")
            best_export = min(best_export, time.perf_counter() - start)
    return [("export (pptx, 200 stages)", best_export / best_base,
             f"{best_export * 1000:.0f} ms vs {best_base * 1000:.0f} ms for 200 plain rectangles")]


if __name__ == "__main__":
    for name, ratio, note in run():
        print(f"{name:<32} {ratio:6.2f}x  {note}")
