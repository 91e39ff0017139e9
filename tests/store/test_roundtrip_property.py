"""Any valid document goes into a workspace and comes out equal, field by field: in a file and
in a server database."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from desktop_app.interchange import document_dict, parse_document
from desktop_app.model.document import Lifecycle
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


def _without_nul(value):
    """The same document with NUL characters taken out of its texts: PostgreSQL cannot store
    NUL in text, and a server workspace refuses it (test_server_store.py says so)."""
    import dataclasses

    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{
            f.name: _without_nul(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init})
    return value


def _storable(lc: Lifecycle) -> bool:
    # a name that was only NULs would be empty without them
    return bool(lc.name) and all(s.name for s in lc.stages)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lc=lifecycles().map(_without_nul).filter(_storable))
def test_generated_documents_round_trip_through_a_server_workspace(pg_url, lc):
    # one database for every example (made a workspace by the first): each example's lifecycle
    # is written, read back on a second connection, and deleted again
    if not _made(pg_url):
        Workspace.create(pg_url).close()
    with Workspace.open(pg_url) as ws:
        lid = ws.create_lifecycle(lc).lifecycle_id
        with Workspace.open_for_reading(pg_url) as reader:
            back = reader.load(lid)
        ws.delete_lifecycle(lid)
    assert back == lc
    assert document_dict(back) == document_dict(lc)
    assert parse_document(document_dict(back)) == lc


_MADE: set[str] = set()


def _made(url: str) -> bool:
    """Whether the test's database was already made a workspace by an earlier example."""
    made = url in _MADE
    _MADE.add(url)
    return made
