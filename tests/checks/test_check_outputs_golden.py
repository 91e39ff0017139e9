"""``check``'s output, byte for byte, stays what it was before the speed work of issue 11.

The golden files under ``golden/`` were captured from main's code before that work began
(``LIFECYCLE_STUDIO_WRITE_GOLDEN=1 pytest tests/checks/test_check_outputs_golden.py`` rewrites
them: only ever do that from a commit whose output is known right). The examples and two small
generated lifecycles are kept whole (``golden/NAME.FORMAT``), so a difference shows as a diff; the two 5,000-stage
lifecycles of the benchmarks (tests/benchmarks/generate.py: the layered one and the big-SCC
one, whose LC208 findings name over 100,000 stage ids) would be tens of megabytes, so their
outputs are pinned by length and SHA-256.

Each case runs the command as a user does (``lifecycle-studio check FILE --format F --today
2026-11-26``) from the folder holding the files, so the paths printed are the bare names.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.interchange import write_document
from tests.examples import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_lifecycle, make_scc_lifecycle  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden"
WRITE = os.environ.get("LIFECYCLE_STUDIO_WRITE_GOLDEN") == "1"
FORMATS = ("text", "json", "sarif")
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.lifecycle.json"))

# name -> (the lifecycle's builder, kept whole or as a digest)
GENERATED = {
    "generated-150": (lambda: make_lifecycle(150, 300, seed=5), "whole"),
    "scc-150": (lambda: make_scc_lifecycle(150, seed=5), "whole"),
    "generated-5000": (lambda: make_lifecycle(5000, 10000), "digest"),
    "scc-5000": (lambda: make_scc_lifecycle(5000), "digest"),
}


def _run(capsys, monkeypatch, folder: Path, files: list[str], fmt: str) -> dict[str, object]:
    monkeypatch.chdir(folder)
    code = main(["check", *files, "--format", fmt, "--today", "2026-11-26"])
    out, err = capsys.readouterr()
    return {"exit": code, "stdout": out, "stderr": err}


def _index() -> dict[str, dict[str, object]]:
    path = GOLDEN / "index.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _compare(name: str, got: dict[str, object], whole: bool) -> None:
    """``golden/NAME`` holds the whole output when kept whole; ``golden/index.json`` holds every
    case's exit status and stderr, and the digest of the outputs too big to keep."""
    data = str(got["stdout"]).encode("utf-8")
    record: dict[str, object] = {"exit": got["exit"], "stderr": got["stderr"]}
    if not whole:
        record.update(stdout_bytes=len(data), stdout_sha256=hashlib.sha256(data).hexdigest())
    if WRITE:
        GOLDEN.mkdir(exist_ok=True)
        index = _index()
        index[name] = record
        (GOLDEN / "index.json").write_text(
            json.dumps(dict(sorted(index.items())), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8")
        if whole:
            (GOLDEN / name).write_bytes(data)
        return
    assert record == _index()[name]
    if whole:
        want = (GOLDEN / name).read_bytes()
        # line by line first, so a difference is shown where it is
        assert data.decode("utf-8").splitlines() == want.decode("utf-8").splitlines()
        assert data == want


@pytest.fixture(scope="module")
def examples_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    for name in EXAMPLE_FILES:
        shutil.copyfile(EXAMPLES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for name, (build, _how) in GENERATED.items():
        write_document(build(), folder / f"{name}.lifecycle.json")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_each_example_prints_what_it_printed_before(capsys, monkeypatch, examples_folder,
                                                    example, fmt):
    got = _run(capsys, monkeypatch, examples_folder, [example], fmt)
    _compare(f"{example.removesuffix('.lifecycle.json')}.{fmt}", got, whole=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_examples_at_once_print_what_they_printed_before(capsys, monkeypatch,
                                                             examples_folder, fmt):
    got = _run(capsys, monkeypatch, examples_folder, EXAMPLE_FILES, fmt)
    _compare(f"all-examples.{fmt}", got, whole=True)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_lifecycles_print_what_they_printed_before(capsys, monkeypatch,
                                                             generated_folder, name, fmt):
    got = _run(capsys, monkeypatch, generated_folder, [f"{name}.lifecycle.json"], fmt)
    _compare(f"{name}.{fmt}", got, whole=GENERATED[name][1] == "whole")


def test_every_golden_file_is_used():
    """A golden file nobody compares against would pin nothing."""
    names = {f"{e.removesuffix('.lifecycle.json')}.{f}" for e in EXAMPLE_FILES for f in FORMATS}
    names |= {f"all-examples.{f}" for f in FORMATS}
    names |= {f"{g}.{f}" for g in GENERATED for f in FORMATS}
    assert set(_index()) == names
    kept = {p.name for p in GOLDEN.iterdir() if p.name != "index.json"}
    assert kept == {n for n in names if GENERATED.get(n.rsplit(".", 1)[0], (0, "whole"))[1]
                    == "whole"}
