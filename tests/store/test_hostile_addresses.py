"""Server addresses a user should not be able to get wrong silently (issue 13 review): every
refusal is one line naming the address (cut when it is long) and saying what to write instead."""

from __future__ import annotations

import pytest

from desktop_app.store import WorkspaceError
from desktop_app.store.location import ServerLocation, parse_location


@pytest.mark.parametrize("text, reason", [
    # libpq would connect as someone else / to another database than the address shows
    ("postgresql://alice@db.example/lifecycles?user=auditor",
     "?user= does not belong in the address's query: write the user before the @, as in "
     "postgresql+psycopg://user@host/database"),
    ("postgresql://alice@db.example/lifecycles?DBNAME=other",
     "?DBNAME= does not belong in the address's query: write the database after the /, as in "
     "postgresql+psycopg://user@host/database"),
    # libpq got a Python tuple's text as its sslmode
    ("postgresql://alice@db.example/lifecycles?sslmode=require&sslmode=disable",
     "?sslmode= is given twice in the address; give it once"),
    # was "the server cannot be reached (Connection refused)"
    ("postgresql://alice@db.example/life%00cycles",
     "the database name holds a NUL character (%00), which PostgreSQL names cannot hold"),
    ("postgresql://al%00ice@db.example/lifecycles",
     "the user name holds a NUL character (%00), which PostgreSQL names cannot hold"),
    # PostgreSQL cuts names after 63 bytes: the address would name another database
    ("postgresql://alice@db.example/" + "d" * 64,
     "the database name is longer than the 63 bytes a PostgreSQL name can have"),
    ("postgresql://" + "%C3%A9" * 32 + "@db.example/lifecycles",
     "the user name is longer than the 63 bytes a PostgreSQL name can have"),
    # was an "unexpected error (UnicodeError ...)" out of the driver's name lookup
    ("postgresql://alice@" + "h" * 100 + ".example/lifecycles",
     "the host name is not a valid one (a part of it is empty or longer than 63 characters)"),
])
def test_an_address_libpq_would_read_otherwise_is_refused_saying_what_to_write(text, reason):
    with pytest.raises(WorkspaceError) as refused:
        parse_location(text)
    assert refused.value.reason == reason
    # the address as typed, cut when long
    shown = text if len(text) <= 120 else text[:119] + "…"
    assert str(refused.value) == f"{shown}: {reason}"


def test_a_very_long_address_is_refused_in_a_short_line():
    text = "postgresql://alice@db.example/lifecycles?application_name=" + "x" * 10_000
    with pytest.raises(WorkspaceError) as refused:
        parse_location(text)
    assert refused.value.reason == (
        "the address is 10,058 characters long; a workspace address has at most 2,048")
    assert len(str(refused.value)) < 250


@pytest.mark.parametrize("text", [
    "postgresql://o%27dd%20%22r%22%20%3Cscript%3E%20%26%20%24x%20%7C%20%5D@db.example/a%20%22b%22%20%26%20%7C",
    "postgresql://alice@/lifecycles?host=/var/run/postgresql&port=5433&sslmode=disable",
    "postgresql://alice@[::1]:5432/lifecycles?application_name=Lifecycle%20Studio",
    "postgresql://alice@db.example/" + "d" * 63,
])
def test_odd_but_real_addresses_are_taken(text):
    assert isinstance(parse_location(text), ServerLocation)


def test_a_database_and_a_role_with_odd_names_are_reached_by_their_encoded_address(pg_cluster, tmp_path,
                                                                                  capsys):
    """Quotes, markup, &, $, |, ], ?, # and an encoded / in the names: percent-encoded in the
    address, they reach exactly that database as exactly that role (the / was refused as "the
    address names no database")."""
    from urllib.parse import quote

    import psycopg
    from psycopg import sql

    from desktop_app.cli import main
    from desktop_app.model.document import Lifecycle, Stage
    from desktop_app.store import Workspace

    role, database = 'o\'dd "r" <b>&</b> $x | ]', 'team/plan "v2" <i>?#&</i> $y | ]'
    with psycopg.connect(pg_cluster.superuser_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(database), sql.Identifier(role)))
    try:
        url = pg_cluster.url(quote(database, safe=""), user=quote(role, safe=""))
        location = parse_location(url)
        assert (location.database, location.user) == (database, role)
        with Workspace.create(url) as ws:
            ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")]))
            assert ws.author == role
        capsys.readouterr()
        assert main(["list", url]) == 0
        assert capsys.readouterr().out.startswith("Plan")
        with psycopg.connect(host=pg_cluster.host, port=pg_cluster.port, user="postgres",
                             dbname=database) as conn:
            assert conn.execute("SELECT name FROM lifecycles").fetchall() == [("Plan",)]
    finally:
        with psycopg.connect(pg_cluster.superuser_conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
