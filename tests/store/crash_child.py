"""Run as a child process by test_crash_safety: edits a workspace in a loop through the operations
API and reports each committed edit on stdout, until it is killed."""

from __future__ import annotations

import sys

from desktop_app.model.document import Edge, Stage
from desktop_app.store import Workspace


def main(path: str, start: int) -> None:
    ws = Workspace.open(path)
    lid = ws.lifecycles()[0].id
    n = start
    while True:
        n += 1
        # a few kinds of edit, each one transaction
        if n % 3 == 0:
            ws.add_stages(lid, [Stage(f"s{n}", f"Stage {n}", "develop", x=n, y=0)])
            change = "stage"
        elif n % 3 == 1:
            ws.move_stages(lid, {"anchor": (float(n), float(-n))})
            change = "move"
        else:
            ws.connect(lid, Edge(f"x{n}", "anchor", "anchor", kind="feedback"))
            change = "edge"
        sys.stdout.write(f"{change} {n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
