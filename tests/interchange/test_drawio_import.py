"""draw.io files in every form draw.io writes them, read into lifecycles: what becomes a stage,
an edge, an owner, a feedback loop, and the summary that tells the lead what was guessed."""

from __future__ import annotations

import zlib

import pytest

from desktop_app.interchange import DocumentError
from desktop_app.interchange.drawio import read_drawio
from desktop_app.interchange.lifecycle_files import read_lifecycle_file

from tests.interchange.drawio_fixtures import compress, edge, model, mxfile, obj, team_model, vertex

EXPECTED_STAGES = {
    # name: (kind, owner name, x, y)
    "Data ingestion": ("data", "Data team", 100.0, 70.0),      # lane (60, 40) + (40, 30)
    "Model training": ("develop", "Data team", 300.0, 70.0),   # <br> became a space
    "Canary rollout": ("deploy", "Ops", 100.0, 300.0),         # <div>s became spaces
    "Drift & alerting": ("monitor", None, 1010.0, 120.0),      # group (1000, 100) + (10, 20)
    "Weekly review": ("learn", None, 1000.0, 300.0),
    "Release sign-off": ("gate", None, 600.0, 500.0),
    "Coffee": ("other", None, 800.0, 600.0),
    "Kick-off": ("business", None, 0.0, 200.0),                # an ellipse, kept: it is connected
}
EXPECTED_EDGES = {
    # (source, target): (kind, trigger, latency, label)
    ("Kick-off", "Data ingestion"): ("flow", "manual", None, ""),
    ("Data ingestion", "Model training"): ("flow", "manual", None, ""),  # waypoints do not matter
    ("Model training", "Release sign-off"): ("flow", "manual", None, ""),
    ("Release sign-off", "Canary rollout"): ("flow", "manual", None, ""),
    ("Canary rollout", "Drift & alerting"): ("flow", "manual", None, ""),
    # what a label said that became a field is not kept twice ("on alert · alert" on the canvas)
    ("Drift & alerting", "Weekly review"): ("feedback", "alert", None, ""),
    ("Weekly review", "Model training"): ("feedback", "manual", 3.0, ""),  # dashed, "3 days"
}


def _write(tmp_path, text: str, name: str = "team.drawio"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _shape(imported):
    lc = imported.lifecycle
    owners = {o.id: o.name for o in lc.owners}
    names = {s.id: s.name for s in lc.stages}
    stages = {s.name: (s.kind, owners.get(s.owner), s.x, s.y) for s in lc.stages}
    edges = {(names[e.source], names[e.target]): (e.kind, e.trigger, e.latency_days, e.label) for e in lc.edges}
    return stages, edges


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "compressed"])
def test_a_team_diagram_becomes_stages_edges_owners_and_feedback(tmp_path, compressed):
    path = _write(tmp_path, mxfile(("Team lifecycle", team_model()), compressed=compressed))
    imported = read_drawio(path)
    stages, edges = _shape(imported)
    assert stages == EXPECTED_STAGES
    assert edges == EXPECTED_EDGES
    assert imported.lifecycle.name == "Team lifecycle"
    assert sorted(o.name for o in imported.lifecycle.owners) == ["Data team", "Ops"]


def test_the_summary_lists_every_guess_and_every_dropped_item(tmp_path):
    imported = read_drawio(_write(tmp_path, mxfile(("Team", team_model()))))
    summary = "\n".join(imported.summary)
    for name, (kind, _owner, _x, _y) in EXPECTED_STAGES.items():
        assert f"kind of '{name}': " in summary and kind in summary
    assert "kind of 'Canary rollout': guessed deploy (from 'Canary')" in imported.summary
    assert "kind of 'Coffee': other (no keyword in its label)" in imported.summary
    assert "owner of 'Data ingestion': 'Data team' (the swimlane it sits in)" in imported.summary
    assert "feedback edge 'Weekly review' → 'Model training': drawn dashed" in imported.summary
    assert ("feedback edge 'Drift & alerting' → 'Weekly review': its label names the trigger alert"
            in imported.summary)
    assert "dropped: the note 'Remember the GDPR review' (not a box, and not connected)" in imported.summary
    assert "dropped: the text 'Our lifecycle' (text, not a stage)" in imported.summary
    assert "dropped: the image at (1200, 0) (not a box, and not connected)" in imported.summary
    assert "dropped: the edge 'nowhere' from 'Drift & alerting' to nothing (a loose end)" in imported.summary
    assert ("label of 'Weekly review' → 'Model training': '3 days' read into the edge's fields; no label left"
            in imported.summary)
    # pools and lanes are owners, never stages
    assert not {"ML platform", "Data team", "Ops"} & {s.name for s in imported.lifecycle.stages}


def test_pages_the_first_by_default_the_others_named(tmp_path):
    one = model(vertex("a", "Deploy", 0, 0), vertex("b", "Monitor", 200, 0), edge("x", "a", "b"))
    two = model(vertex("c", "Old draft", 0, 0))
    three = model(vertex("d", "Idea", 0, 0))
    path = _write(tmp_path, mxfile(("Production", one), ("Draft", two), ("Ideas", three), compressed=True))
    first = read_drawio(path)
    assert [s.name for s in first.lifecycle.stages] == ["Deploy", "Monitor"]
    assert first.summary[0] == ("read the page 'Production'; the file also holds 'Draft', 'Ideas' "
                                "(choose one with --page NAME)")
    second = read_drawio(path, page="Draft")
    assert [s.name for s in second.lifecycle.stages] == ["Old draft"]
    assert second.lifecycle.name == "Draft"
    with pytest.raises(DocumentError) as refused:
        read_drawio(path, page="Nope")
    assert refused.value.problems == ["no page named 'Nope'; the file holds 'Production', 'Draft', 'Ideas'"]


def test_objects_and_user_objects_carry_properties(tmp_path):
    cells = model(
        obj("object", "s1", "Feature store refresh", 0, 0, {"kind": "data", "owner": "Platform", "automation": "automated",
                                                           "notes": "hourly"}),
        obj("UserObject", "s2", "%title%", 200, 0, {"title": "Shadow deploy", "criteria": "p95 < 200ms"},
            placeholders=True),
        obj("object", "s3", "Thing", 400, 0, {"kind": "spaceship"}),
        edge("x", "s1", "s2"), edge("y", "s2", "s3"),
    )
    imported = read_drawio(_write(tmp_path, mxfile(("Page-1", cells)), "feature-store.drawio"))
    lc = imported.lifecycle
    assert lc.name == "feature-store"  # an unnamed page takes the file's name
    s1, s2, s3 = lc.stages
    assert (s1.name, s1.kind, s1.automation, s1.notes) == ("Feature store refresh", "data", "automated", "hourly")
    assert [o.name for o in lc.owners] == ["Platform"] and s1.owner == lc.owners[0].id
    assert (s2.name, s2.kind, s2.criteria) == ("Shadow deploy", "deploy", "p95 < 200ms")
    assert s3.kind == "other"
    assert "kind of 'Thing': 'spaceship' is not a stage kind" in imported.summary
    # a property set in draw.io is no guess: no line for s1's kind
    assert not any(line.startswith("kind of 'Feature store refresh'") for line in imported.summary)


def test_an_xml_file_holding_an_mxfile_and_a_bare_model_are_read(tmp_path):
    cells = model(vertex("a", "Train", 0, 0), vertex("b", "Evaluate", 200, 0), edge("x", "a", "b"))
    xml = _write(tmp_path, mxfile(("Flow", cells)), "exported.xml")
    assert [s.kind for s in read_lifecycle_file(xml).lifecycle.stages] == ["develop", "validate"]
    bare = _write(tmp_path, '<?xml version="1.0"?>\n' + cells, "bare.drawio")
    lc = read_lifecycle_file(bare).lifecycle
    assert lc.name == "bare" and len(lc.edges) == 1


def test_hostile_labels_stay_text(tmp_path):
    hostile = '<script>alert("x")</script>Deploy &amp; "go" | $HOME ]'
    cells = model(vertex("a", hostile, 0, 0), vertex("b", "x" * 10_000, 0, 100), edge("e", "a", "b"))
    imported = read_drawio(_write(tmp_path, mxfile(("P", cells))))
    a, b = imported.lifecycle.stages
    assert a.name == 'Deploy & "go" | $HOME ]'  # the script's text is not a name
    assert len(b.name) == 200
    assert "shortened the name 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' to 200 characters" in imported.summary


# ---- refusals --------------------------------------------------------------------------------
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
<mxCell id="a" value="&lol9;" vertex="1" parent="1"><mxGeometry as="geometry"/></mxCell>
</root></mxGraphModel></diagram></mxfile>
"""


def test_billion_laughs_is_refused_without_expansion(tmp_path):
    # expanded, the label would be 3 GB; the refusal comes from the declaration, before any use
    path = _write(tmp_path, BILLION_LAUGHS)
    with pytest.raises(DocumentError) as refused:
        read_drawio(path)
    assert str(refused.value) == f"{path}: refused: 1 problem\n  file: declares a document type (DTD), which is refused: no entity in it is expanded"


def test_entities_inside_a_compressed_page_are_refused_too(tmp_path):
    inner = BILLION_LAUGHS[BILLION_LAUGHS.index("<!DOCTYPE"):BILLION_LAUGHS.index("<mxfile>")] + \
        '<mxGraphModel><root><mxCell id="0" value="&lol9;"/></root></mxGraphModel>'
    path = _write(tmp_path, f'<mxfile><diagram name="Bomb">{compress(inner)}</diagram></mxfile>')
    with pytest.raises(DocumentError) as refused:
        read_drawio(path)
    assert refused.value.problems == ["page 'Bomb': declares a document type (DTD), which is refused: no entity in it is expanded"]


def test_an_external_entity_is_refused(tmp_path):
    path = _write(tmp_path, '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                            '<mxfile><diagram name="P">&x;</diagram></mxfile>')
    with pytest.raises(DocumentError) as refused:
        read_drawio(path)
    assert "refused" in refused.value.problems[0] and "passwd" not in str(refused.value)


@pytest.mark.parametrize(("text", "problem"), [
    ("<mxfile><diagram name='P'>", "file: not well-formed XML (line 1, column 27)"),
    ("<svg xmlns='http://www.w3.org/2000/svg'/>", "not a draw.io file: its XML root is <svg>, not <mxfile>"),
    ("<mxfile/>", "the draw.io file holds no pages"),
    ("<mxfile><diagram name='P'>%%%not base64%%%</diagram></mxfile>", "page 'P': the compressed diagram is not base64"),
    ("<mxfile><diagram name='P'>aGVsbG8gd29ybGQ=</diagram></mxfile>", "page 'P': the compressed diagram is not deflate data"),
])
def test_broken_files_are_refused_with_the_problem_named(tmp_path, text, problem):
    path = _write(tmp_path, text)
    with pytest.raises(DocumentError) as refused:
        read_drawio(path)
    assert refused.value.problems == [problem]
    assert str(refused.value).startswith(f"{path}: refused")


def test_a_deflate_bomb_is_refused_unexpanded(tmp_path, monkeypatch):
    import base64
    import zlib

    import desktop_app.interchange.drawio as drawio

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = packer.compress(b"<" + b"a" * (drawio.MAX_INFLATED + 10)) + packer.flush()
    path = _write(tmp_path, f"<mxfile><diagram name='Big'>{base64.b64encode(bomb).decode()}</diagram></mxfile>")
    with pytest.raises(DocumentError) as refused:
        read_drawio(path)
    assert refused.value.problems == ["page 'Big': the compressed diagram is larger than 64 MB once decompressed"]


def test_ids_clash_and_odd_characters_are_made_valid(tmp_path):
    cells = model(vertex("a b/c", "Deploy", 0, 0), obj("object", "a_b_c", "Deploy again", 0, 100, {}),
                  edge("e", "a b/c", "a_b_c"))
    lc = read_drawio(_write(tmp_path, mxfile(("P", cells)))).lifecycle
    assert [s.id for s in lc.stages] == ["a_b_c", "a_b_c-2"]
    assert (lc.edges[0].source, lc.edges[0].target) == ("a_b_c", "a_b_c-2")


# ---- the pictures that carry a diagram (VS Code's draw.io editor saves these) -----------------
def _png_with(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """A real 1x1 PNG with extra chunks before IEND, CRCs computed as the PNG spec says."""
    import struct

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    body = b"".join(chunk(k, v) for k, v in chunks)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + body + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_drawio_png_and_svg_carry_the_diagram(tmp_path):
    import urllib.parse

    from PIL import Image  # noqa: F401 - matplotlib brings Pillow; proves the PNG is a real image

    text = mxfile(("Team", team_model()), compressed=True)
    png = tmp_path / "team.drawio.png"
    png.write_bytes(_png_with([(b"tEXt", b"mxfile\x00" + urllib.parse.quote(text, safe="").encode())]))
    with Image.open(png) as image:
        assert image.size == (1, 1)
    assert _shape(read_lifecycle_file(png)) == (EXPECTED_STAGES, EXPECTED_EDGES)

    old = tmp_path / "old.drawio.png"
    packed = zlib.compress(urllib.parse.quote(text, safe="").encode())
    old.write_bytes(_png_with([(b"zTXt", b"mxGraphModel\x00\x00" + packed)]))
    assert _shape(read_lifecycle_file(old)) == (EXPECTED_STAGES, EXPECTED_EDGES)

    from xml.sax.saxutils import quoteattr

    svg = tmp_path / "team.drawio.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" content='
                   f'{quoteattr(text)}><rect width="10" height="10"/></svg>', encoding="utf-8")
    assert _shape(read_lifecycle_file(svg)) == (EXPECTED_STAGES, EXPECTED_EDGES)


def test_a_picture_without_a_diagram_is_refused(tmp_path):
    plain = tmp_path / "export.drawio.png"
    plain.write_bytes(_png_with([]))
    with pytest.raises(DocumentError) as refused:
        read_lifecycle_file(plain)
    assert refused.value.problems == ["file: a PNG without a draw.io diagram in it (export it from draw.io "
                                      "with 'Include a copy of my diagram')"]


def test_graphml_saved_as_xml_is_read_as_graphml(tmp_path):
    from tests.interchange.yed_fixtures import team_graph

    path = _write(tmp_path, team_graph(), "team.xml")
    assert len(read_lifecycle_file(path).lifecycle.stages) == 6


def test_a_lane_named_for_a_role_makes_a_role(tmp_path):
    cells = model(vertex("lane", "ML engineer", 0, 0, style="swimlane;html=1;", w=400, h=200),
                  vertex("a", "Retrain", 20, 40, parent="lane"),
                  vertex("lane2", "Platform", 0, 300, style="swimlane;html=1;", w=400, h=200),
                  vertex("b", "Serve", 20, 40, parent="lane2"), edge("x", "a", "b"))
    imported = read_drawio(_write(tmp_path, mxfile(("P", cells))))
    assert [(o.name, o.kind) for o in imported.lifecycle.owners] == [("ML engineer", "role"), ("Platform", "team")]
    assert "owner 'ML engineer': a role (from 'engineer'), not a team" in imported.summary
