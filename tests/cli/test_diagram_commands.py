"""`check`, `import` and `export` take a draw.io diagram wherever they take a .lifecycle.json:
findings on stdout, how the diagram was read on stderr (check) or stdout (import), refusals exit 2
with the file named and nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app.cli import main
from desktop_app.store import Workspace

from tests.interchange.drawio_fixtures import edge, model, mxfile, team_model, vertex
from tests.interchange.test_drawio_import import BILLION_LAUGHS

REPO = Path(__file__).resolve().parents[2]


def run(*argv) -> int:
    return main([str(a) for a in argv])


def _team(tmp_path) -> Path:
    path = tmp_path / "team.drawio"
    path.write_text(mxfile(("Team", team_model())), encoding="utf-8")
    return path


def test_check_a_drawio_prints_findings_and_the_summary_on_stderr(tmp_path, capsys):
    path = _team(tmp_path)
    code = run("check", path, "--format", "json", "--today", "2026-01-01")
    captured = capsys.readouterr()
    report = json.loads(captured.out)  # stdout stays pure JSON
    assert report["lifecycle"] == "Team"
    unowned = {f["message"] for f in report["findings"] if f["rule"] == "LC301"}
    # the five stages outside the swimlanes have no owner; those inside have theirs
    assert unowned == {f'Stage "{n}" has no owner' for n in
                       ("Coffee", "Weekly review", "Release sign-off", "Kick-off", "Drift & alerting")}
    assert code == 1
    err = captured.err.splitlines()
    assert err[0] == (f"{path}: read 8 stages, 7 edges and 2 owners from the diagram; check these:")
    assert "  kind of 'Weekly review': guessed learn (from 'review')" in err
    assert "  dropped: the note 'Remember the GDPR review' (not a box, and not connected)" in err


def test_check_a_drawio_names_unowned_stages_by_name(tmp_path, capsys):
    run("check", _team(tmp_path), "--today", "2026-01-01")
    out = capsys.readouterr().out
    assert "Coffee" in out


def test_check_page_option_and_unknown_page(tmp_path, capsys):
    path = tmp_path / "two.drawio"
    path.write_text(mxfile(("A", model(vertex("a", "Deploy", 0, 0))),
                           ("B", model(vertex("b", "Monitor", 0, 0), vertex("c", "Retrain", 0, 100),
                                       edge("x", "b", "c")))), encoding="utf-8")
    assert run("check", path, "--page", "B", "--format", "json") in (0, 1)
    captured = capsys.readouterr()
    assert "read the page 'B'; the file also holds 'A'" in captured.err
    assert run("check", path, "--page", "C") == 2
    err = capsys.readouterr().err
    assert f"{path}: refused: 1 problem" in err and "no page named 'C'; the file holds 'A', 'B'" in err


def test_import_a_drawio_into_a_workspace_with_its_summary(tmp_path, capsys):
    ws = tmp_path / "w.lcstudio"
    run("new", ws)
    capsys.readouterr()
    assert run("import", _team(tmp_path), "--into", ws) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Imported 'Team' into {ws}: 8 stages, 7 edges"
    assert "  feedback edge 'Weekly review' → 'Model training': drawn dashed" in out
    with Workspace.open(ws) as w:
        lc = w.load(w.lifecycles()[0].id)
    assert {s.name for s in lc.stages} >= {"Data ingestion", "Canary rollout", "Coffee"}
    assert sum(e.kind == "feedback" for e in lc.edges) == 2


def test_a_refused_diagram_exits_2_and_changes_nothing(tmp_path, capsys):
    ws = tmp_path / "w.lcstudio"
    run("new", ws, "--template", "hybrid")
    before = ws.read_bytes()
    bomb = tmp_path / "bomb.drawio"
    bomb.write_text(BILLION_LAUGHS)
    capsys.readouterr()
    assert run("import", bomb, "--into", ws) == 2
    err = capsys.readouterr().err
    assert f"{bomb}: refused: 1 problem" in err and "(DTD), which is refused" in err
    assert "Traceback" not in err
    assert ws.read_bytes() == before
    assert run("check", bomb) == 2
    assert str(bomb) in capsys.readouterr().err


def test_export_reads_a_drawio_too(tmp_path, capsys):
    out = tmp_path / "team.lifecycle.json"
    assert run("export", _team(tmp_path), "--to", out) == 0
    doc = json.loads(out.read_text())
    assert doc["name"] == "Team" and len(doc["stages"]) == 8


def test_check_on_a_drawio_imports_neither_qt_nor_matplotlib(tmp_path):
    path = _team(tmp_path)
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"code = main(['check', {str(path)!r}, '--format', 'sarif'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'matplotlib', 'pptx'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "HEAVY []" in proc.stderr, proc.stderr
    assert json.loads(proc.stdout)["version"] == "2.1.0"


def test_check_page_applies_to_the_drawio_files_only(tmp_path, capsys):
    from tests.examples import EXAMPLES

    path = tmp_path / "two.drawio"
    path.write_text(mxfile(("A", model(vertex("a", "Deploy", 0, 0))), ("B", model(vertex("b", "Monitor", 0, 0)))),
                    encoding="utf-8")
    code = run("check", path, EXAMPLES / "hybrid.lifecycle.json", "--page", "B", "--format", "json")
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err   # a refusal of either file would be exit 2
    assert "refused" not in captured.err
    # both were checked, the draw.io file on its page B (the stage Monitor, not A's Deploy)
    checked = json.loads(captured.out)
    assert [doc["lifecycle"] for doc in checked] == ["B", "Hybrid: governed outer loop, fast inner loop"]
    assert {stage for finding in checked[0]["findings"] for stage in finding["stages"]} == {"b"}
