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


def test_a_lost_connection_comes_back_and_asks_to_read_everything_again(listener, notices, engine,
                                                                         pg_cluster, pg_database):
    run_psql(pg_cluster,
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
             f"WHERE datname = '{pg_database}' AND application_name LIKE 'Lifecycle Studio%'")
    assert notices.get(timeout=WAIT) == (None, None, "")
    assert listener.connected.wait(WAIT)
    with engine.begin() as conn:
        announce(conn, 4, 2, "theirs")
    assert notices.get(timeout=WAIT) == (4, 2, "theirs")


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
