"""Any valid document goes into a workspace and comes out equal, field by field."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from desktop_app.interchange import document_dict, parse_document
from desktop_app.store import Workspace
from tests.strategies import lifecycles


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lc=lifecycles())
def test_generated_documents_round_trip_through_a_workspace(tmp_path_factory, lc):
    path = tmp_path_factory.mktemp("rt") / "w.lcstudio"
    with Workspace.create(path) as ws:
        lid = ws.create_lifecycle(lc).lifecycle_id
    with Workspace.open(path) as ws:
        back = ws.load(lid)
    assert back == lc
    assert document_dict(back) == document_dict(lc)
    assert parse_document(document_dict(back)) == lc
