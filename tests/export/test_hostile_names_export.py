"""A document the format accepts, with names the attack used (control characters, the XML
noncharacters U+FFFE and U+FFFF, bidi overrides, line breaks, markup), exported to every format:
each export is written (exit 0, never "unexpected error"), and the interchange formats read
back to the same lifecycle."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from desktop_app.interchange import document_dict, read_document
from desktop_app.interchange.lifecycle_files import read_lifecycle_file
from tests.examples import EXAMPLES

NAME = "Ctl \x01\x1b[2J \ufffe\uffff <b>&amp;</b> \u202eweiver\nsecond line"


@pytest.fixture
def hostile(tmp_path):
    data = json.loads((EXAMPLES / "hybrid.lifecycle.json").read_text(encoding="utf-8"))
    data["name"] = NAME
    data["description"] = NAME
    data["stages"][0]["name"] = NAME
    data["stages"][1]["notes"] = NAME
    data["edges"][0]["label"] = NAME
    data["owners"][0]["name"] = NAME
    path = tmp_path / "hostile.lifecycle.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("ext", ["png", "svg", "pdf", "pptx", "mmd", "dot"])
def test_every_picture_and_slide_is_written(tmp_path, capsys, hostile, ext):
    out = tmp_path / f"out.{ext}"
    assert main(["export", str(hostile), "--to", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0


def test_the_slide_holds_the_name_without_what_xml_cannot(tmp_path, capsys, hostile):
    from pptx import Presentation

    out = tmp_path / "out.pptx"
    assert main(["export", str(hostile), "--to", str(out)]) == 0, capsys.readouterr().err
    prs = Presentation(str(out))
    assert "\ufffe" not in prs.core_properties.subject and "\x01" not in prs.core_properties.subject
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert any("<b>&amp;</b>" in text for text in texts)


@pytest.mark.parametrize("ext", ["lifecycle.json", "graphml", "drawio"])
def test_the_interchange_formats_read_back_the_same_lifecycle(tmp_path, capsys, hostile, ext):
    out = tmp_path / f"out.{ext}"
    assert main(["export", str(hostile), "--to", str(out)]) == 0, capsys.readouterr().err
    assert document_dict(read_lifecycle_file(out).lifecycle) == document_dict(read_document(hostile))
