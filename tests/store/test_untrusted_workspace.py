"""A workspace file is untrusted input (issue 10): files built here the way the attack built them
are refused with one line naming the file and the problem, nothing in them runs, and they are
left byte for byte as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.model.document import Edge, Lifecycle, Stage
from desktop_app.store import Workspace, WorkspaceError

from tests.store.conftest import small_lifecycle


def _workspace(path: Path, lc: Lifecycle | None = None) -> Path:
    with Workspace.create(path) as ws:
        ws.create_lifecycle(lc or small_lifecycle())
    return path


def _tamper(path: Path, *statements: str) -> None:
    """Edit the file with plain SQLite, as another program would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _tamper_past_the_constraints(path: Path, statement: str) -> None:
    """What the attack did to get around STRICT and CHECK: the tables' SQL loses STRICT for
    the write (writable_schema) and gets it back after, with CHECK constraints ignored, so the
    schema reads exactly as the app made it and only the cell is wrong."""
    conn = sqlite3.connect(path, isolation_level=None)
    original = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").fetchall()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_schema SET sql = substr(sql, 1, length(sql) - 7) WHERE sql LIKE '%) STRICT'")
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(statement)
    conn.execute("PRAGMA writable_schema = ON")
    for name, sql in original:
        conn.execute("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?", (sql, name))
    conn.close()


def _refused_everywhere(path: Path, capsys, *fragments: str) -> str:
    """Workspace.open and the command line's list and check all refuse; the file is unchanged."""
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    for command in (["list", str(path)], ["check", str(path)], ["export", str(path), "--to",
                                                                  str(path.with_name("out.lifecycle.json"))]):
        capsys.readouterr()
        assert main(command) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "unexpected error" not in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()
    assert not path.with_name("out.lifecycle.json").exists()
    return message


# ---- 1. nothing is written before the file is accepted ------------------------------------------
def test_a_one_byte_file_is_refused_and_left_as_it_was(tmp_path, capsys):
    path = tmp_path / "one.lcstudio"
    path.write_bytes(b"x")
    _refused_everywhere(path, capsys, "not a Lifecycle Studio workspace")
    assert path.read_bytes() == b"x"  # not a 4 KiB SQLite header


def test_the_start_of_an_sqlite_header_is_refused_as_cut_short(tmp_path, capsys):
    path = tmp_path / "cut.lcstudio"
    path.write_bytes(b"SQLite for")
    _refused_everywhere(path, capsys, "damaged", "cut short")


def test_a_text_file_is_refused_and_left_as_it_was(tmp_path, capsys):
    path = tmp_path / "notes.lcstudio"
    path.write_text("Quarterly plan: retrain monthly\n")
    _refused_everywhere(path, capsys, "not an SQLite database")


def test_a_newer_workspace_is_refused_and_left_as_it_was(tmp_path, capsys):
    path = _workspace(tmp_path / "future.lcstudio")
    _tamper(path, "PRAGMA user_version = 7")
    _refused_everywhere(path, capsys, "newer version of Lifecycle Studio", "schema 7")


# ---- 2. damage that quick_check does not see ------------------------------------------------------
def _flip_in_index_quick_check_misses(path: Path) -> None:
    """Flip bytes of an index's keys until SQLite's quick_check still passes but integrity_check
    (which compares the index with its table) does not: the damage of the attack's 152 files."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'ix_edges_source_pk'").fetchone()[0]
    conn.close()
    original = path.read_bytes()
    page_end = root * page_size
    for offset in range(page_end - 1, page_end - 400, -1):
        data = bytearray(original)
        data[offset] ^= 0x01
        path.write_bytes(bytes(data))
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            quick = conn.execute("PRAGMA quick_check").fetchall()
            full = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError:
            continue
        finally:
            conn.close()
        if quick == [("ok",)] and full != [("ok",)]:
            return
    raise AssertionError("no flip found that only integrity_check sees")


def test_an_index_that_disagrees_with_its_table_is_refused_as_damaged(tmp_path, capsys):
    lc = Lifecycle("Wide", stages=[Stage(f"s{i}", f"Stage {i}", "develop") for i in range(60)],
                   edges=[Edge(f"e{i}", f"s{i}", f"s{i + 1}") for i in range(59)])
    path = _workspace(tmp_path / "flipped.lcstudio", lc)
    _flip_in_index_quick_check_misses(path)
    message = _refused_everywhere(path, capsys, "damaged", "earlier copy")
    assert "***" not in message  # SQLite's multi-line report is not pasted in


# ---- 3. objects the app did not create ------------------------------------------------------------
HOSTILE_SCHEMAS = {
    "an extra trigger that eats snapshots": [
        "CREATE TRIGGER eat AFTER INSERT ON snapshots BEGIN DELETE FROM snapshots; END"],
    "an extra trigger that renames every stage": [
        "CREATE TRIGGER rename AFTER UPDATE ON stages BEGIN UPDATE stages SET name = 'pwned'; END"],
    "a table swapped for a view with an INSTEAD OF trigger": [
        "ALTER TABLE stages RENAME TO stages_real",
        "CREATE VIEW stages AS SELECT * FROM stages_real",
        "CREATE TRIGGER ins INSTEAD OF INSERT ON stages BEGIN SELECT 1; END"],
    "an extra index": ["CREATE INDEX sneaky ON stages (name)"],
    "an extra table": ["CREATE TABLE notes_of_mine (x)"],
    "a changed column": ["ALTER TABLE stages ADD COLUMN colour TEXT"],
    "a dropped index": ["DROP INDEX ix_edges_source_pk"],
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SCHEMAS))
def test_a_schema_the_app_did_not_create_is_refused_before_anything_runs(tmp_path, capsys, case):
    path = _workspace(tmp_path / "hostile.lcstudio")
    _tamper(path, *HOSTILE_SCHEMAS[case])
    _refused_everywhere(path, capsys, "did not create")


def test_the_open_workspace_does_not_trust_its_schema(ws):
    assert ws._raw.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert ws._raw.execute("PRAGMA cell_size_check").fetchone()[0] == 1


# ---- 4. cells the app did not write ---------------------------------------------------------------
BAD_CELLS = {
    "a date that is no date": ("UPDATE items SET due = '2025-02-30' WHERE key = 'p1-a'", "items", "due"),
    "a date in another format": ("UPDATE phases SET planned_start = '01/02/2025'", "phases", "planned_start"),
    "bytes for a name": ("UPDATE stages SET name = x'00ff41' WHERE key = 'train'", "stages", "name"),
    "an unknown stage kind": ("UPDATE stages SET kind = 'wizard' WHERE key = 'ship'", "stages", "kind"),
    "an unknown edge trigger": ("UPDATE edges SET \"trigger\" = 'moon' WHERE key = 'e4'", "edges", "trigger"),
    "a text position": ("UPDATE stages SET x = 'left' WHERE key = 'data'", "stages", "x"),
    "a negative latency": ("UPDATE edges SET latency_days = -3 WHERE key = 'e4'", "edges", "latency_days"),
    "a bad id": ("UPDATE stages SET key = 'a b' WHERE key = 'data'", "stages", "key"),
    "a dangling edge": ("UPDATE edges SET source_pk = 999 WHERE key = 'e1'", "edges", "source_pk"),
    "a dangling owner": ("UPDATE stages SET owner_pk = 77 WHERE key = 'train'", "stages", "owner_pk"),
    "rule parameters that are not JSON": (
        "INSERT INTO rule_settings (lifecycle_pk, code, severity, parameters) VALUES (1, 'LC206', NULL, '{oops')",
        "rule_settings", "parameters"),
    "an unknown severity": (
        "INSERT INTO rule_settings (lifecycle_pk, code, severity, parameters) VALUES (1, 'LC206', 'loud', '{}')",
        "rule_settings", "severity"),
    "a bad time in the log": ("UPDATE activity SET at = 'yesterday'", "activity", "at"),
    "a phase number out of range": ("UPDATE phases SET number = 9 WHERE number = 2", "phases", "number"),
    "a snapshot that is not JSON": (
        "INSERT INTO snapshots (lifecycle_pk, label, taken_at, auto, document) "
        "VALUES (1, 'v1', '2025-01-01 10:00:00', 0, 'not json')", "snapshots", "document"),
}


@pytest.mark.parametrize("case", sorted(BAD_CELLS))
def test_a_cell_the_app_did_not_write_is_refused_by_table_row_and_column(tmp_path, capsys, case):
    statement, table, column = BAD_CELLS[case]
    path = _workspace(tmp_path / "cells.lcstudio")
    _tamper_past_the_constraints(path, statement)
    message = _refused_everywhere(path, capsys, f"table {table}, row ", f"column {column}:")
    assert "This is a bug" not in message


def test_an_edge_to_a_stage_of_another_lifecycle_is_refused(tmp_path, capsys):
    path = tmp_path / "two.lcstudio"
    with Workspace.create(path) as ws:
        ws.create_lifecycle(small_lifecycle("First"))
        ws.create_lifecycle(small_lifecycle("Second"))
    _tamper_past_the_constraints(path, "UPDATE edges SET target_pk = (SELECT pk FROM stages WHERE lifecycle_pk = 2 LIMIT 1) "
                  "WHERE pk = (SELECT min(pk) FROM edges WHERE lifecycle_pk = 1)")
    _refused_everywhere(path, capsys, "table edges, row ", "column target_pk", "another lifecycle")


# ---- what happened, in words: full disk, read-only file, deleted file -----------------------------
def test_a_full_disk_is_reported_as_full_and_nothing_saved_is_lost(ws):
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    # SQLite's own page limit gives the very error a full disk gives (SQLITE_FULL)
    pages = ws._raw.execute("PRAGMA page_count").fetchone()[0]
    ws._raw.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(WorkspaceError) as info:
        ws.add_stages(lid, [Stage("big", "Big", "data", notes="n" * 200_000)])
    message = str(info.value)
    assert "disk is full" in message and "was not saved" in message and "intact" in message
    assert "cannot be read" not in message
    ws._raw.execute("PRAGMA max_page_count = 1073741823")
    assert [s.id for s in ws.load(lid).stages] == ["data", "train", "ship", "watch"]


def test_a_workspace_deleted_while_open_refuses_edits_and_says_how_to_keep_them(ws, ws_path, tmp_path):
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    ws_path.unlink()
    with pytest.raises(WorkspaceError) as info:
        ws.update_stage(lid, "train", name="Train weekly")
    message = str(info.value)
    assert "moved or deleted" in message and "Save As" in message and "cannot be read" not in message
    # nothing was lost: Save As writes everything that was open
    ws.save_as(tmp_path / "rescued.lcstudio")
    with Workspace.open(tmp_path / "rescued.lcstudio") as rescued:
        assert rescued.load(rescued.lifecycle_id("Churn model")).stage("train").name == "Train"


def test_verbose_shows_sqlites_own_report_after_the_one_line_refusal(tmp_path, capsys):
    lc = Lifecycle("Wide", stages=[Stage(f"s{i}", f"Stage {i}", "develop") for i in range(60)],
                   edges=[Edge(f"e{i}", f"s{i}", f"s{i + 1}") for i in range(59)])
    path = _workspace(tmp_path / "flipped.lcstudio", lc)
    _flip_in_index_quick_check_misses(path)
    assert main(["list", str(path), "--verbose"]) == 2
    first, *rest = capsys.readouterr().err.strip().splitlines()
    assert str(path) in first and "damaged" in first
    assert rest and any("ix_edges_source_pk" in line for line in rest)
    assert main(["check", str(path), "--verbose"]) == 2
    assert "ix_edges_source_pk" in capsys.readouterr().err


# ---- rows that are each fine but together break the format -----------------------------------
BAD_TOGETHER = {
    "a done item without its date": (
        "UPDATE items SET status = 'done', done_on = NULL WHERE key = 'p1-a'", "phases[0].items[0].done_on"),
    "planned dates out of order": (
        "UPDATE phases SET planned_start = '2025-05-01', planned_end = '2025-01-01' WHERE number = 1",
        "phases[0].planned_start"),
    "a rule parameter of the wrong type": (
        "INSERT INTO rule_settings (lifecycle_pk, code, severity, parameters) "
        "VALUES (1, 'LC206', NULL, '{\"max_feedback_days\": \"soon\"}')", "rules.LC206"),
    "an unknown rule code": (
        "INSERT INTO rule_settings (lifecycle_pk, code, severity, parameters) VALUES (1, 'LC999', NULL, '{}')",
        "LC999"),
}


@pytest.mark.parametrize("case", sorted(BAD_TOGETHER))
def test_a_loaded_lifecycle_passes_the_documents_validation(tmp_path, capsys, case):
    statement, where = BAD_TOGETHER[case]
    path = _workspace(tmp_path / "together.lcstudio")
    _tamper_past_the_constraints(path, statement)
    before = path.read_bytes()
    for command in (["check", str(path)], ["export", str(path), "--to", str(tmp_path / "o.lifecycle.json")]):
        capsys.readouterr()
        assert main(command) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "Churn model" in err and where in err, err
        assert "unexpected error" not in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert not (tmp_path / "o.lifecycle.json").exists()


# ---- a crashed session's journal ------------------------------------------------------------------
def _crashed_copy(path: Path, crashed: Path, *statements: str) -> None:
    """``crashed`` (and its -journal) as a process that died in the middle of ``statements``
    left them: the journal holds the pages as they were, the file some pages half-way."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")  # spill changed pages to the file before the commit
    conn.execute("BEGIN")
    for statement in statements:
        conn.execute(statement)
    crashed.write_bytes(path.read_bytes())
    Path(f"{crashed}-journal").write_bytes(Path(f"{path}-journal").read_bytes())
    conn.execute("ROLLBACK")
    conn.close()


def test_a_crashed_sessions_journal_is_rolled_back_and_the_result_checked(tmp_path):
    path = _workspace(tmp_path / "team.lcstudio")
    crashed = tmp_path / "crashed.lcstudio"
    _crashed_copy(path, crashed, "UPDATE stages SET name = 'half-way', notes = hex(randomblob(3000))",
                  "UPDATE edges SET label = hex(randomblob(2000))")
    assert Path(f"{crashed}-journal").stat().st_size > 0
    with Workspace.open(crashed) as ws:
        doc = ws.load(ws.lifecycle_id("Churn model"))
    assert [s.name for s in doc.stages] == ["Data refresh", "Train", "Ship", "Watch"]
    assert not Path(f"{crashed}-journal").exists()


def test_a_journal_that_rolls_back_to_a_hostile_schema_is_refused(tmp_path):
    """A journal mailed along with a workspace can change the file (SQLite must roll it back
    before anything can read it), but only into one that must pass the same checks."""
    path = _workspace(tmp_path / "team.lcstudio")
    _tamper(path, "CREATE TRIGGER rename AFTER UPDATE ON stages BEGIN UPDATE stages SET name = 'pwned'; END")
    crashed = tmp_path / "crashed.lcstudio"
    _crashed_copy(path, crashed, "DROP TRIGGER rename", "UPDATE edges SET label = hex(randomblob(3000))")
    assert Path(f"{crashed}-journal").stat().st_size > 0
    with pytest.raises(WorkspaceError, match="did not create"):
        Workspace.open(crashed)


# ---- the way out: export --salvage ----------------------------------------------------------------
def test_salvage_copies_every_row_out_of_a_file_whose_index_is_damaged(tmp_path, capsys):
    lc = Lifecycle("Wide", stages=[Stage(f"s{i}", f"Stage {i}", "develop") for i in range(60)],
                   edges=[Edge(f"e{i}", f"s{i}", f"s{i + 1}") for i in range(59)])
    path = _workspace(tmp_path / "flipped.lcstudio", lc)
    _flip_in_index_quick_check_misses(path)
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["list", str(path)]) == 2
    refusal = capsys.readouterr().err
    assert f"export --salvage {path}" in refusal  # the refusal names the way out
    out = tmp_path / "copy.lifecycle.json"
    assert main(["export", "--salvage", str(path), "--to", str(out)]) == 0
    assert path.read_bytes() == before
    from desktop_app.interchange import read_document

    copy = read_document(out)
    assert copy.stages == lc.stages
    assert [(e.id, e.source, e.target) for e in copy.edges] == [(e.id, e.source, e.target) for e in lc.edges]


def test_salvage_leaves_out_bad_rows_and_says_so(tmp_path, capsys):
    path = _workspace(tmp_path / "cells.lcstudio")
    _tamper_past_the_constraints(path, "UPDATE stages SET kind = 'wizard' WHERE key = 'ship'")
    before = path.read_bytes()
    out = tmp_path / "copy.lifecycle.json"
    capsys.readouterr()
    assert main(["export", "--salvage", str(path), "--to", str(out)]) == 0
    err = capsys.readouterr().err
    assert "stages: 1 row(s) with values the app does not write" in err
    assert "edges whose stages or id could not be read: 2" in err  # e2 and e3 touched Ship
    from desktop_app.interchange import read_document

    copy = read_document(out)
    assert [s.id for s in copy.stages] == ["data", "train", "watch"]
    assert [e.id for e in copy.edges] == ["e1", "e4"]
    assert path.read_bytes() == before


def test_salvage_refuses_a_schema_the_app_did_not_create(tmp_path, capsys):
    path = _workspace(tmp_path / "hostile.lcstudio")
    _tamper(path, *HOSTILE_SCHEMAS["a table swapped for a view with an INSTEAD OF trigger"])
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["export", "--salvage", str(path), "--to", str(tmp_path / "c.lifecycle.json")]) == 2
    assert "did not create" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_text_that_is_not_utf8_is_refused_by_table_row_and_column(tmp_path, capsys):
    path = _workspace(tmp_path / "latin1.lcstudio")
    # 'Café' as Latin-1, stored as text: SQLite does not check encodings
    _tamper(path, "UPDATE stages SET name = CAST(x'436166e9' AS TEXT) WHERE key = 'ship'")
    _refused_everywhere(path, capsys, "table stages, row ", "column name:", "not UTF-8")
    out = tmp_path / "copy.lifecycle.json"
    assert main(["export", "--salvage", str(path), "--to", str(out)]) == 0
    from desktop_app.interchange import read_document

    assert read_document(out).stage("ship").name == "Caf\ufffd"


def test_a_schema_entry_that_is_not_utf8_is_refused(tmp_path, capsys):
    path = _workspace(tmp_path / "schema.lcstudio")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_schema SET sql = CAST(CAST(sql AS BLOB) || x'e1' AS TEXT) WHERE name = 'ix_items_phase_pk'")
    conn.close()
    _refused_everywhere(path, capsys, "damaged", "not UTF-8")
    capsys.readouterr()
    assert main(["export", "--salvage", str(path), "--to", str(tmp_path / "c.lifecycle.json")]) == 2
    assert "unexpected error" not in capsys.readouterr().err


def test_a_hostile_object_name_is_escaped_and_cut_in_the_refusal(tmp_path, capsys):
    path = _workspace(tmp_path / "named.lcstudio")
    name = "\x1b]0;pwned\x07\x1b[2J" + "x" * 10_000
    _tamper(path, f'CREATE TABLE "{name}" (a)')
    message = _refused_everywhere(path, capsys, "did not create", "unexpected table")
    assert "\x1b" not in message and "\x07" not in message and len(message) < 600


@pytest.fixture
def read_only(tmp_path):
    """Make a file read-only for this process: chmod for a normal user; for root (whom
    permissions do not stop) the immutable attribute."""
    import os
    import shutil
    import subprocess

    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o444)
        else:
            assert shutil.which("chattr"), "root needs chattr to make a file read-only"
            subprocess.run(["chattr", "+i", str(path)], check=True)
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        else:
            path.chmod(0o644)


def test_a_read_only_workspace_is_read_and_an_edit_says_the_file_is_read_only(tmp_path, capsys, read_only):
    path = _workspace(tmp_path / "ro.lcstudio")
    doc = tmp_path / "other.lifecycle.json"
    from desktop_app.interchange import write_document

    write_document(small_lifecycle("Other plan"), doc)
    read_only(path)
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["list", str(path)]) == 0
    assert main(["import", str(doc), "--into", str(path)]) == 2
    err = capsys.readouterr().err
    assert "read-only" in err and "not saved" in err and "intact" in err and "cannot be read" not in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_a_fifo_is_refused_at_once(tmp_path, capsys):
    import os

    path = tmp_path / "pipe.lcstudio"
    os.mkfifo(path)
    with pytest.raises(WorkspaceError, match="named pipe"):  # would hang if anything opened it
        Workspace.open(path)
    capsys.readouterr()
    assert main(["list", str(path)]) == 2
    assert "named pipe" in capsys.readouterr().err


def test_salvage_of_several_lifecycles_asks_which_with_names_escaped_and_cut(tmp_path, capsys):
    path = tmp_path / "two.lcstudio"
    hostile = "\x1b[2J" + "n" * 500
    with Workspace.create(path) as ws:
        ws.create_lifecycle(small_lifecycle("First"))
        ws.create_lifecycle(small_lifecycle(hostile[:200]))
    capsys.readouterr()
    out = tmp_path / "c.lifecycle.json"
    assert main(["export", "--salvage", str(path), "--to", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--lifecycle" in err and "'First'" in err and "\x1b" not in err and len(err) < 400
    assert main(["export", "--salvage", str(path), "--lifecycle", "First", "--to", str(out)]) == 0


def test_above_the_full_check_line_only_quick_check_runs(tmp_path, monkeypatch):
    """The documented trade-off (docs/security.md): a file of more pages than the line gets
    quick_check, which does not compare indexes with tables; at or below it, integrity_check."""
    from desktop_app.store import inspection

    lc = Lifecycle("Wide", stages=[Stage(f"s{i}", f"Stage {i}", "develop") for i in range(60)],
                   edges=[Edge(f"e{i}", f"s{i}", f"s{i + 1}") for i in range(59)])
    path = _workspace(tmp_path / "flipped.lcstudio", lc)
    _flip_in_index_quick_check_misses(path)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setattr(inspection, "FULL_CHECK_MAX_PAGES", pages)
    with pytest.raises(WorkspaceError, match="damaged"):
        Workspace.open(path)
    monkeypatch.setattr(inspection, "FULL_CHECK_MAX_PAGES", pages - 1)
    Workspace.open(path).close()


def test_the_security_notes_give_the_schema_version_a_workspace_has(tmp_path):
    """docs/security.md's settings table names the user_version a workspace carries; the
    number is read from a new file, so the doc cannot lag behind a migration again."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    path = tmp_path / "fresh.lcstudio"
    Workspace.create(path).close()
    with sqlite3.connect(path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    assert version >= 4 and f"| `user_version` | schema version ({version}) |" in doc
