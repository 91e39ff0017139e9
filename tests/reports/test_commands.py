"""``snapshot``, ``diff`` and ``report`` on a real workspace, and the automatic snapshot."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.model.document import Edge
from desktop_app.store import Workspace

from .conftest import line_lifecycle


@pytest.fixture
def workspace(workspace_location) -> str:
    """A workspace file, or a workspace on the test server: every command on both."""
    with Workspace.create(workspace_location) as ws:
        ws.create_lifecycle(line_lifecycle())
    return workspace_location


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_snapshot_then_diff_against_now(workspace, capsys):
    assert run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "kick-off")[0] == 0
    with Workspace.open(workspace) as ws:
        lid = ws.lifecycle_id("Churn model")
        assert [s.label for s in ws.snapshots(lid)] == ["kick-off"]
        ws.connect(lid, Edge("", "watch", "train", kind="feedback", trigger="drift"))
        ws.update_stage(lid, "ship", name="Canary release")
        ws.delete_stages(lid, ["data"])
    code, out, err = run(capsys, "diff", workspace, "--lifecycle", "Churn model", "--since",
                         "kick-off", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert set(d) == {"stages", "edges", "owners", "items", "findings"}
    # ids for tools, and the names a user reads next to them
    assert d["stages"] == {"added": [], "removed": ["data"],
                           "changed": [{"id": "ship", "fields": {"name": ["Ship", "Canary release"]}}],
                           "names": {"data": "Data refresh", "ship": "Canary release"}}
    assert d["edges"]["added"] == ["e5"] and d["edges"]["removed"] == ["e1"]
    assert d["edges"]["names"] == {"e5": "Watch → Train", "e1": "Data refresh → Train"}
    assert set(d["items"]) == {"added", "removed", "changed", "completed", "names"}
    assert "LC201" in [f["rule"] for f in d["findings"]["resolved"]]
    code, out, _ = run(capsys, "diff", workspace, "--lifecycle", "Churn model", "--since", "kick-off")
    assert code == 0
    assert "Churn model: since 'kick-off'" in out and "until now" in out
    # names, never ids: the stage, the edge by its ends, the rename in quotes
    assert "  - Data refresh\n" in out
    assert "  ~ Canary release: name “Ship” → “Canary release”" in out
    assert "  + Watch → Train\n" in out and "  - Data refresh → Train\n" in out
    assert " data\n" not in out and "e5" not in out and "e1" not in out


def test_diff_between_two_snapshots(workspace, capsys):
    run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "a")
    with Workspace.open(workspace) as ws:
        lid = ws.lifecycle_id("Churn model")
        ws.update_item(lid, "p2-a", status="done")
    run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "b")
    with Workspace.open(workspace) as ws:
        ws.update_item(lid, "p3-a", status="doing")  # after b: not in the a..b comparison
    code, out, _ = run(capsys, "diff", workspace, "--lifecycle", "Churn model", "--since", "a",
                       "--until", "b", "--format", "json")
    d = json.loads(out)
    assert d["items"]["completed"] == ["p2-a"]
    assert [c["id"] for c in d["items"]["changed"]] == ["p2-a"]
    assert d["items"]["names"] == {"p2-a": "Form the pod"}
    code, out, _ = run(capsys, "diff", workspace, "--lifecycle", "Churn model", "--since", "a",
                       "--until", "b")
    assert "Items completed: Form the pod\n" in out and "p2-a" not in out


def test_completing_a_phase_takes_one_snapshot(workspace):
    with Workspace.open(workspace) as ws:
        lid = ws.lifecycle_id("Churn model")
        change = ws.update_item(lid, "p2-a", status="done")  # phase 2's only item
        snaps = ws.snapshots(lid)
        assert [(s.label, s.auto) for s in snaps] == [("Phase 2 complete", True)]
        assert change.snapshot_id == snaps[0].id
        taken = ws.load_snapshot(snaps[0].id)
        assert taken.phases[1].items[0].status == "done"
        assert taken.phases[1].items[0].done_on == date.today()
        # a further edit of a complete phase takes no new snapshot
        ws.update_item(lid, "p2-a", title="Form the model pod")
        ws.update_item(lid, "p1-b", status="doing")  # phase 1 still incomplete
        assert len(ws.snapshots(lid)) == 1


def test_report_command_writes_html_with_the_comparison(workspace, tmp_path, capsys):
    run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "kick-off")
    with Workspace.open(workspace) as ws:
        lid = ws.lifecycle_id("Churn model")
        ws.update_stage(lid, "train", name="Train nightly")
        since = ws.snapshots(lid)[0].id
        retro = ws.save_retrospective(lid, since, None, "Training moved to nightly.").retrospective_id
        ws.add_action_item(retro, "Alert on drift")
    out = tmp_path / "retro.html"
    code, stdout, err = run(capsys, "report", workspace, "--lifecycle", "Churn model", "--to", out,
                            "--since", "kick-off")
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Train nightly: name “Train” → “Train nightly”" in html
    assert "Training moved to nightly." in html and "Alert on drift" in html


@pytest.mark.parametrize("argv, message", [
    (["diff", "{ws}", "--lifecycle", "Nope", "--since", "x"], "no lifecycle named 'Nope'"),
    (["diff", "{ws}", "--lifecycle", "Churn model", "--since", "x"], "no snapshot labelled 'x'"),
    (["snapshot", "{missing}", "--lifecycle", "Churn model", "--label", "x"], "no such file"),
    (["snapshot", "{notws}", "--lifecycle", "Churn model", "--label", "x"], "notes.txt"),
    (["report", "{ws}", "--lifecycle", "Churn model", "--to", "{tmp}/r.docx"], "r.docx"),
    (["report", "{ws}", "--lifecycle", "Churn model", "--to", "{tmp}/r.md", "--until", "b"],
     "needs --since"),
    (["report", "{ws}", "--lifecycle", "Churn model", "--to", "{tmp}/r.md", "--since", "b"],
     "no snapshot labelled 'b'"),
])
def test_refusals_exit_2_with_the_file_and_the_problem(workspace, tmp_path, capsys, argv, message):
    notws = tmp_path / "notes.txt"
    notws.write_text("not a workspace")
    values = {"ws": workspace, "missing": tmp_path / "missing.lcstudio", "notws": notws,
              "tmp": tmp_path}
    code, out, err = run(capsys, *[a.format(**values) for a in argv])
    assert code == 2
    assert message in err and "Traceback" not in err
    assert str(tmp_path) in err or workspace in err  # names the file or the server workspace


def test_duplicate_label_is_refused(workspace, capsys):
    run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "x")
    code, _, err = run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "x")
    assert code == 2 and "already exists" in err


def test_check_still_imports_no_matplotlib(workspace):
    """The command line's check must stay light: no Qt, no matplotlib, even with the retro
    commands registered beside it."""
    code = ("import sys; from desktop_app import cli; import desktop_app.commands.retro; "
            f"cli.main(['check', {str(workspace)!r}]); "
            "bad = [m for m in sys.modules if m.startswith(('matplotlib', 'PySide6'))]; "
            "print(bad); sys.exit(3 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_report_says_who_changed_what_since_the_snapshot(workspace, tmp_path, capsys):
    run(capsys, "snapshot", workspace, "--lifecycle", "Churn model", "--label", "kick-off")
    with Workspace.open(workspace) as ws:
        ws.author = "alice"
        lid = ws.lifecycle_id("Churn model")
        ws.update_stage(lid, "train", name="Train nightly")
        ws.move_stages(lid, {"ship": (500.0, 20.0)})
    with Workspace.open(workspace) as ws:
        ws.author = "Bob <ops> & co"
        ws.update_item(lid, "p2-a", status="doing")
    out = tmp_path / "retro.md"
    code, _stdout, err = run(capsys, "report", workspace, "--lifecycle", "Churn model", "--to", out,
                             "--since", "kick-off")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    section = text[text.index("## Who changed what"):text.index("## Notes")]
    # the authors with their counts, then each change by its author, in the user's words
    assert "alice: 2 changes, Bob \\<ops\\> \\& co: 1 change." in section
    assert "| alice | Renamed stage “Train” to “Train nightly” |" in section
    assert "| Bob \\<ops\\> \\& co | Changed status of item “Form the pod” |" in section
    # the creation of the lifecycle came before the snapshot: not in this span
    assert "Created lifecycle" not in section
