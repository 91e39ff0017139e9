"""The listener of a server workspace (store/live.py) on a real PostgreSQL server: a commit by
another session arrives with its lifecycle and revision; one's own, a rolled-back one and a
stranger's payload do not; after the connection is cut it comes back and says "read again"."""

from __future__ import annotations

import queue

import pytest
from sqlalchemy import create_engine

from desktop_app.store.live import ChangeListener, announce, libpq_address, parse_notice
from tests.pg_server import run_psql

WAIT = 10   # seconds a notice may take at most before the test gives up (not a speed figure)


@pytest.fixture
def notices():
    return queue.Queue()


@pytest.fixture
def listener(pg_url, notices):
    listening = ChangeListener(pg_url, None, lambda *n: notices.put(n), own_session="mine")
    listening.start()
    assert listening.connected.wait(WAIT), listening.last_error
    yield listening
    listening.stop()
    assert not listening.running


@pytest.fixture
def engine(pg_url):
    eng = create_engine(pg_url)
    yield eng
    eng.dispose()


def test_another_sessions_commit_arrives_and_ones_own_does_not(listener, notices, engine):
    with engine.begin() as conn:
        announce(conn, 3, 17, "mine")
    with engine.begin() as conn:
        announce(conn, 3, 18, "theirs")
    assert notices.get(timeout=WAIT) == (3, 18, "theirs")
    assert notices.empty()


def test_a_rolled_back_edit_is_never_announced(listener, notices, engine):
    with engine.connect() as conn:
        with conn.begin() as tx:
            announce(conn, 1, 5, "theirs")
            tx.rollback()
    with engine.begin() as conn:
        announce(conn, 2, 6, "theirs")
    assert notices.get(timeout=WAIT) == (2, 6, "theirs")   # the next one, not the rolled back one
    assert notices.empty()


def test_a_strangers_payload_on_the_channel_is_ignored(listener, notices, engine, pg_cluster, pg_database):
    run_psql(pg_cluster, "NOTIFY lcstudio, 'not json'; NOTIFY lcstudio, '{\"lifecycle\": \"x\"}'",
             db=pg_database)
    with engine.begin() as conn:
        announce(conn, None, None, "theirs")   # a workspace-wide change
    assert notices.get(timeout=WAIT) == (None, None, "theirs")
    assert notices.empty()


def test_a_lost_connection_comes_back_and_asks_to_read_everything_again(pg_url, notices, engine,
                                                                         pg_cluster, pg_database):
    states = queue.Queue()
    listener = ChangeListener(pg_url, None, lambda *n: notices.put(n), own_session="mine",
                              on_state=lambda up, why: states.put((up, why)))
    listener.start()
    assert states.get(timeout=WAIT) == (True, None)
    run_psql(pg_cluster,
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
             f"WHERE datname = '{pg_database}' AND application_name LIKE 'Lifecycle Studio%'")
    up, why = states.get(timeout=WAIT)
    assert not up and why   # told, with the server's reason
    assert notices.get(timeout=WAIT) == (None, None, "")
    assert states.get(timeout=WAIT) == (True, None)
    with engine.begin() as conn:
        announce(conn, 4, 2, "theirs")
    assert notices.get(timeout=WAIT) == (4, 2, "theirs")
    listener.stop()
    assert states.empty()   # stopping is not losing the connection


def test_the_listener_stops_promptly_even_while_the_server_is_away(tmp_path, notices):
    # nothing listens on this port: the listener keeps trying until it is stopped
    listening = ChangeListener("postgresql+psycopg://lead@127.0.0.1:1/none", None, notices.put)
    listening.start()
    listening.stop()
    assert not listening.running
    assert notices.empty()


def test_addresses_and_payloads():
    assert libpq_address("postgresql+psycopg://lead@db.example/plans?sslmode=require") == \
        "postgresql://lead@db.example/plans?sslmode=require"
    assert parse_notice('{"lifecycle": 2, "revision": 9, "session": "ab"}') == (2, 9, "ab")
    assert parse_notice('{"lifecycle": true, "revision": 9, "session": "ab"}') is None
    assert parse_notice("[1, 2]") is None
    assert parse_notice("") is None


def test_a_password_the_app_asked_for_is_used_by_the_listener(pg_cluster, pg_database, notices, engine):
    from tests.pg_server import PASSWORD, PASSWORD_ROLE

    url = pg_cluster.url(pg_database, user=PASSWORD_ROLE)
    states = queue.Queue()
    refused = ChangeListener(url, "not it", notices.put, on_state=lambda up, why: states.put((up, why)))
    refused.start()
    up, why = states.get(timeout=WAIT)
    refused.stop()
    assert not up and "password" in why and "not it" not in why
    listening = ChangeListener(url, PASSWORD, lambda *n: notices.put(n))
    listening.start()
    try:
        assert listening.connected.wait(WAIT), listening.last_error
        with engine.begin() as conn:
            announce(conn, 8, 1, "theirs")
        assert notices.get(timeout=WAIT) == (8, 1, "theirs")
    finally:
        listening.stop()
