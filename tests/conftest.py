"""Fixtures shared by every test folder: a real PostgreSQL server for the workspace tests.

``pg_cluster`` starts only when a test asks for it, so a run of file-only tests never starts a
server. ``workspace_location`` runs a test twice, on a workspace file and on a server database.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pg_server import (
    PgCluster,
    PostgresMissing,
    create_database,
    drop_database,
    start_cluster,
    stop_cluster,
)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        cluster = start_cluster()
    except PostgresMissing as missing:
        # Fail, never skip: a skipped server test would hide that half the store is untested.
        pytest.fail(str(missing), pytrace=False)
    yield cluster
    stop_cluster(cluster)


@pytest.fixture
def pg_database(pg_cluster: PgCluster) -> Iterator[str]:
    """A fresh empty database (its name) owned by the ordinary role ``lead``."""
    name = create_database(pg_cluster)
    yield name
    drop_database(pg_cluster, name)


@pytest.fixture
def pg_url(pg_cluster: PgCluster, pg_database: str) -> str:
    """The address of a fresh empty database, as a user would type it."""
    return pg_cluster.url(pg_database)


@pytest.fixture(params=["file", "server"])
def workspace_location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a new workspace goes: a path in tmp_path, or a fresh empty server database."""
    if request.param == "file":
        return str(tmp_path / "team.lcstudio")
    return request.getfixturevalue("pg_url")
