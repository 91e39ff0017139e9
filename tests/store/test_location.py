"""A workspace is a path or a server address; the address never keeps a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.store.errors import WorkspaceError
from desktop_app.store.location import (
    ServerLocation,
    is_server_address,
    location_text,
    parse_location,
)
from tests.pg_server import run_psql


@pytest.mark.parametrize("text", [
    "postgresql://lead@db.example/lifecycles",
    "postgresql+psycopg://lead@db.example/lifecycles",
    "POSTGRESQL+PSYCOPG://lead@db.example/lifecycles",
    "PostgreSQL://db.example/lifecycles",
])
def test_server_addresses_are_recognised(text):
    assert is_server_address(text)


@pytest.mark.parametrize("text", [
    "team.lcstudio", "/home/lead/postgresql.lcstudio", "postgresql.lcstudio",
    "mysql://lead@db/x", "sqlite:///team.lcstudio", "",
])
def test_other_text_is_not_a_server_address(text):
    assert not is_server_address(text)


def test_plain_postgresql_url_means_the_psycopg_driver():
    loc = parse_location("postgresql://lead@db.example:5433/lifecycles?sslmode=require")
    assert loc == ServerLocation(
        url="postgresql+psycopg://lead@db.example:5433/lifecycles?sslmode=require",
        display="postgresql+psycopg://lead@db.example:5433/lifecycles?sslmode=require",
        database="lifecycles",
        user="lead",
    )
    assert location_text(loc) == "postgresql+psycopg://lead@db.example:5433/lifecycles?sslmode=require"


def test_address_without_user_leaves_it_to_libpq():
    loc = parse_location("postgresql+psycopg://db.example/plans")
    assert isinstance(loc, ServerLocation)
    assert loc.user is None and loc.database == "plans"


def test_socket_address_keeps_its_host_query():
    loc = parse_location("postgresql+psycopg://lead@/plans?host=/var/run/postgresql")
    assert loc.url == "postgresql+psycopg://lead@/plans?host=/var/run/postgresql"
    assert loc.database == "plans"


def test_paths_stay_paths():
    assert parse_location("team.lcstudio") == Path("team.lcstudio")
    assert parse_location(Path("/tmp/a b.lcstudio")) == Path("/tmp/a b.lcstudio")
    assert location_text(Path("/tmp/a b.lcstudio")) == "/tmp/a b.lcstudio"


@pytest.mark.parametrize("text", [
    "postgresql+psycopg://lead:hunter2@db.example/plans",
    "postgresql://lead:hunter2@db.example/plans?sslmode=require",
    "postgresql+psycopg://lead@db.example/plans?password=hunter2",
])
def test_password_in_the_address_is_refused_without_repeating_it(text):
    with pytest.raises(WorkspaceError) as refused:
        parse_location(text)
    message = str(refused.value)
    assert "hunter2" not in message
    assert "a password does not belong in the workspace address" in message
    assert "~/.pgpass" in message
    assert "lead@db.example/plans" in message


@pytest.mark.parametrize("text", [
    "mysql://lead@db/plans", "sqlite:///team.lcstudio", "https://example.com/plan",
    "postgresql+psycopg2://lead@db/plans",
])
def test_other_databases_are_refused_naming_the_form(text):
    with pytest.raises(WorkspaceError) as refused:
        parse_location(text)
    assert "only PostgreSQL servers are supported: postgresql+psycopg://user@host/database" in str(
        refused.value
    )


def test_other_driver_with_password_is_refused_without_repeating_it():
    with pytest.raises(WorkspaceError) as refused:
        parse_location("mysql://lead:hunter2@db/plans")
    assert "hunter2" not in str(refused.value)


@pytest.mark.parametrize("text", [
    "postgresql+psycopg://lead@db.example", "postgresql+psycopg://lead@db.example/",
    "postgresql:plans", "postgresql+psycopg://lead@db.example:notaport/plans",
])
def test_address_without_a_database_is_refused(text):
    with pytest.raises(WorkspaceError) as refused:
        parse_location(text)
    assert "postgresql+psycopg://user@host/database" in str(refused.value)


def test_throwaway_cluster_serves_the_owner_role(pg_cluster, pg_database):
    # The fixture the server tests stand on: a fresh database owned by the ordinary role.
    rows = run_psql(
        pg_cluster,
        f"SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{pg_database}'",
    )
    assert rows == [("lead",)]
