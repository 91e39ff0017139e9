"""Reading other tools' diagrams, as ratios to reading the same lifecycle as a .lifecycle.json.

The 5,000-stage lifecycle of ``generate.py`` (``make_lifecycle(5000, 10000)``) is written as the
app writes each format (draw.io with its HTML labels and properties, GraphML with yFiles
graphics); each figure is the median CPU time of reading it back, interleaved with the baseline
(``read_document`` of the same lifecycle's JSON) so a noisy neighbour hits both sides.

Figures:
- import draw.io: ``read_drawio`` / ``read_document``.
- import GraphML: ``import_graphml`` / ``read_document``.
- billion laughs: refusing the classic entity bomb as a .drawio / reading a one-stage .drawio.
  Below 1: the bomb is refused at its document type, before any entity is expanded (expanded,
  it would be 3 GB).

Run: ``python tests/benchmarks/bench_diagrams.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.interchange import DocumentError, read_document, write_document  # noqa: E402
from desktop_app.interchange.drawio import read_drawio  # noqa: E402
from desktop_app.interchange.drawio_writer import drawio  # noqa: E402
from desktop_app.interchange.graph_formats import graphml, import_graphml  # noqa: E402
from desktop_app.model.document import Lifecycle, Stage  # noqa: E402
from tests.benchmarks.generate import make_lifecycle  # noqa: E402
from tests.interchange.test_drawio_import import BILLION_LAUGHS  # noqa: E402


def _cpu(action) -> float:
    started = time.process_time()
    action()
    return time.process_time() - started


def _ratio(measured, baseline, passes: int) -> tuple[float, float, float]:
    measured_times, baseline_times = [], []
    for _ in range(passes):
        baseline_times.append(_cpu(baseline))
        measured_times.append(_cpu(measured))
    m, b = statistics.median(measured_times), statistics.median(baseline_times)
    return m / b, m, b


def _refuse(path: Path) -> None:
    try:
        read_drawio(path)
    except DocumentError:
        return
    raise AssertionError("the bomb was not refused")


def run(passes: int = 5) -> list[tuple[str, float, str]]:
    lc = make_lifecycle(5000, 10000)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        json_path, drawio_path, graphml_path = base / "big.lifecycle.json", base / "big.drawio", base / "big.graphml"
        write_document(lc, json_path)
        drawio_path.write_text(drawio(lc), encoding="utf-8")
        graphml_path.write_text(graphml(lc), encoding="utf-8")
        bomb, small = base / "bomb.drawio", base / "small.drawio"
        bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
        small.write_text(drawio(Lifecycle("One", stages=[Stage("a", "A", "data")])), encoding="utf-8")
        assert read_drawio(drawio_path).lifecycle == lc and import_graphml(graphml_path).lifecycle == lc

        def baseline() -> None:
            read_document(json_path)

        figures = []
        ratio, m, b = _ratio(lambda: read_drawio(drawio_path), baseline, passes)
        figures.append(("import draw.io (5,000 stages)", ratio, f"{m * 1000:.0f} ms vs JSON {b * 1000:.0f} ms"))
        ratio, m, b = _ratio(lambda: import_graphml(graphml_path), baseline, passes)
        figures.append(("import GraphML (5,000 stages)", ratio, f"{m * 1000:.0f} ms vs JSON {b * 1000:.0f} ms"))
        ratio, m, b = _ratio(lambda: _refuse(bomb), lambda: read_drawio(small), passes * 4)
        figures.append(("billion laughs refused", ratio,
                        f"{m * 1e6:.0f} µs vs a one-stage .drawio {b * 1e6:.0f} µs"))
        return figures


if __name__ == "__main__":
    for figure, ratio, note in run():
        print(f"{figure:<34} {ratio:7.2f}x  {note}")
