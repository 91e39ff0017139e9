"""A server workspace's refusals as a caller tells them apart: by class, never by the words of the
message (issue 13 review)."""

from __future__ import annotations

import pytest

from desktop_app.store import PasswordNeeded, PasswordRefused, Workspace, WorkspaceError
from tests.pg_server import PASSWORD, PASSWORD_ROLE, create_database, drop_database


@pytest.fixture
def no_libpq_password(monkeypatch, tmp_path):
    """No password from the environment, ~/.pgpass or a service file: only what the app gives."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such.pgpass"))


@pytest.fixture
def keyholder_url(pg_cluster):
    name = create_database(pg_cluster, owner=PASSWORD_ROLE)
    yield pg_cluster.url(name, user=PASSWORD_ROLE)
    drop_database(pg_cluster, name)


def test_a_wrong_password_is_its_own_refusal_and_a_missing_one_is_not(no_libpq_password, keyholder_url,
                                                                       monkeypatch):
    with pytest.raises(PasswordRefused) as refused:
        Workspace.create(keyholder_url, password="not it")
    assert str(refused.value) == (
        f"{keyholder_url}: authentication failed: the server did not accept the password for this "
        "user; nothing was changed")
    assert not isinstance(refused.value, PasswordNeeded)   # asking again is the app's choice
    Workspace.create(keyholder_url, password=PASSWORD).close()
    for opening in (Workspace.open, Workspace.open_for_reading):
        with pytest.raises(PasswordRefused):
            opening(keyholder_url, password="still not it")
        with pytest.raises(PasswordNeeded) as needed:
            opening(keyholder_url)
        assert not isinstance(needed.value, PasswordRefused)
    # a wrong password found by libpq itself (PGPASSWORD, ~/.pgpass) is refused the same way
    monkeypatch.setenv("PGPASSWORD", "stale")
    with pytest.raises(PasswordRefused):
        Workspace.open(keyholder_url)


def test_other_refusals_are_neither(pg_cluster, pg_url):
    # a database that is not a workspace yet: a plain refusal, no password asked for
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(pg_url)
    assert not isinstance(refused.value, (PasswordNeeded, PasswordRefused))
    assert "not a Lifecycle Studio workspace" in refused.value.reason
