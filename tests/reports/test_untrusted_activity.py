"""The activity log comes from the workspace, a file or a server database any client may have
written (issue 13 review): arguments that cannot be read do not stop the retrospective's "who
changed what", on either engine."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.cli import main
from desktop_app.model.document import Lifecycle, Stage
from desktop_app.store import Workspace


def _write(location: str, sql: str) -> None:
    """``sql`` run by a plain client of the workspace's engine, as another program would."""
    if location.startswith("postgresql"):
        import psycopg

        with psycopg.connect("postgresql://" + location.split("://", 1)[1]) as conn:
            conn.execute(sql)
        return
    conn = sqlite3.connect(location)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("args", ["{not json", "[1, 2]", '{"op": "move_stages"}',
                                  '{"op": "x", "args": {}, "made": [7]}', '"text"'])
def test_a_log_entry_with_unreadable_arguments_leaves_the_report_whole(workspace_location, tmp_path,
                                                                       capsys, args):
    with Workspace.create(workspace_location) as ws:
        lid = ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")])).lifecycle_id
        ws.take_snapshot(lid, "before")
        ws.author = "alice"
        ws.update_stage(lid, "watch", name="Drift watch")
    _write(workspace_location, "UPDATE activity SET args = '%s'" % args.replace("'", "''"))
    out = tmp_path / "review.md"
    code = main(["report", workspace_location, "--lifecycle", "Plan", "--since", "before", "--to", str(out)])
    err = capsys.readouterr().err
    if args == "{not json" and not workspace_location.startswith("postgresql"):
        # a file's cells are checked at open (store/cells.py): refused, one line, nothing changed
        assert code == 2 and "table activity, row 1, column args: must be JSON text" in err
        return
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "## Who changed what" in text
    assert "Renamed stage" in text and "alice" in text
