"""Run as a child process by test_crash_safety (a file) and test_server_kill (a server address):
edits a workspace in a loop through the operations API and prints each committed edit with the
revision it made, until it is killed."""

from __future__ import annotations

import sys

from desktop_app.model.document import Edge, Stage
from desktop_app.store import Workspace


def main(location: str, start: int) -> None:
    ws = Workspace.open(location)
    lid = ws.lifecycles()[0].id
    n = start
    while True:
        n += 1
        # a few kinds of edit, each one transaction
        if n % 3 == 0:
            change = ws.add_stages(lid, [Stage(f"s{n}", f"Stage {n}", "develop", x=n, y=0)])
            kind = "stage"
        elif n % 3 == 1:
            change = ws.move_stages(lid, {"anchor": (float(n), float(-n))})
            kind = "move"
        else:
            change = ws.connect(lid, Edge(f"x{n}", "anchor", "anchor", kind="feedback"))
            kind = "edge"
        # printed only once the operation returned, that is after its commit
        sys.stdout.write(f"{kind} {n} {change.revision}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
