"""A throwaway PostgreSQL cluster for the tests (Debian's `postgresql` package; the CI installs it).

``start_cluster`` runs ``initdb`` into a fresh folder under /tmp, starts the server on a Unix socket
in that folder and on 127.0.0.1 at a free port, and returns a ``PgCluster``; ``stop_cluster`` stops it
(``-m immediate``) and removes the folder. When the tests run as root (the CI container), the server
runs as the ``postgres`` account through ``runuser``, since PostgreSQL refuses to run as root.

Roles: ``postgres`` (superuser, for set-up), ``lead`` (an ordinary role that owns the test databases,
trusted from 127.0.0.1 as a team member with a ~/.pgpass would be) and ``keyholder`` (needs a
password, scram-sha-256, for the password tests).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

OWNER_ROLE = "lead"
PASSWORD_ROLE = "keyholder"
PASSWORD = "correct horse battery staple"


class PostgresMissing(RuntimeError):
    """PostgreSQL's server programs are not on this machine."""


@dataclass(frozen=True)
class PgCluster:
    root: Path  # the temporary folder holding data/, the socket and the log
    port: int
    bindir: Path
    as_postgres: bool  # commands run through `runuser -u postgres --`

    host = "127.0.0.1"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str, user: str = OWNER_ROLE) -> str:
        """The workspace address of ``database`` as ``user`` (no password in it, ever)."""
        return f"postgresql+psycopg://{user}@{self.host}:{self.port}/{database}"

    def superuser_conninfo(self, database: str = "postgres") -> str:
        return f"host={self.host} port={self.port} user=postgres dbname={database}"


def find_bindir() -> Path:
    """Where initdb and pg_ctl are: ``pg_config --bindir`` or Debian's /usr/lib/postgresql/*/bin."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise PostgresMissing(
        "PostgreSQL's server is not installed (no initdb/pg_ctl found): install Debian's "
        "`postgresql` package (`apt-get install postgresql`; .ci/run does) to run the server tests"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(as_postgres: bool, args: list[str]) -> None:
    command = (["runuser", "-u", "postgres", "--"] if as_postgres else []) + args
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed:\n{result.stdout}\n{result.stderr}")


HBA = f"""\
# The throwaway test cluster: the password role must give its password; everyone else is trusted.
local all all trust
host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
"""


def start_cluster() -> PgCluster:
    bindir = find_bindir()
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="lcstudio-pg-"))
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    cluster = PgCluster(root=root, port=_free_port(), bindir=bindir, as_postgres=as_postgres)
    try:
        _run(as_postgres, [
            str(bindir / "initdb"), "-D", str(cluster.data_dir), "-U", "postgres",
            "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
        ])
        hba = cluster.data_dir / "pg_hba.conf"
        hba.write_text(HBA)
        if as_postgres:
            shutil.chown(hba, "postgres", "postgres")
        # fsync off: the server's own durability is not under test (a client killed mid-run is,
        # and that needs only the server's commit), and the tests create many databases.
        options = (
            f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        _run(as_postgres, [
            str(bindir / "pg_ctl"), "-D", str(cluster.data_dir), "-o", options,
            "-l", str(root / "server.log"), "-w", "-t", "60", "start",
        ])
        run_psql(cluster, f"CREATE ROLE {OWNER_ROLE} LOGIN CREATEDB")
        run_psql(
            cluster,
            f"SET password_encryption = 'scram-sha-256'; "
            f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'",
        )
    except BaseException:
        stop_cluster(cluster)
        raise
    _watch(cluster)
    return cluster


# A server outliving its test run (pytest killed by a timeout or SIGKILL runs no finalizer) would
# hold memory and a port until the machine restarts: a small watcher process stops it and removes
# its folder as soon as the process that started it is gone.
_WATCHER = """
import os, shutil, subprocess, sys, time
parent, as_postgres, pg_ctl, data, root = int(sys.argv[1]), sys.argv[2] == "1", *sys.argv[3:]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    except PermissionError:
        pass
    if not os.path.exists(root):
        sys.exit(0)  # stopped and removed by the run itself
    time.sleep(1)
if os.path.exists(os.path.join(data, "postmaster.pid")):
    command = (["runuser", "-u", "postgres", "--"] if as_postgres else []) + [
        pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]
    subprocess.run(command, capture_output=True)
shutil.rmtree(root, ignore_errors=True)
"""


def _watch(cluster: PgCluster) -> None:
    import sys

    subprocess.Popen(
        [sys.executable, "-c", _WATCHER, str(os.getpid()), "1" if cluster.as_postgres else "0",
         str(cluster.bindir / "pg_ctl"), str(cluster.data_dir), str(cluster.root)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop_cluster(cluster: PgCluster) -> None:
    if (cluster.data_dir / "postmaster.pid").exists():
        try:
            _run(cluster.as_postgres, [
                str(cluster.bindir / "pg_ctl"), "-D", str(cluster.data_dir), "-m", "immediate",
                "-w", "stop",
            ])
        except RuntimeError:
            pass
    shutil.rmtree(cluster.root, ignore_errors=True)


def run_psql(cluster: PgCluster, sql: str, db: str = "postgres") -> list[tuple]:
    """Run ``sql`` as the superuser in ``db`` (autocommit) and return the rows of the last statement."""
    import psycopg

    with psycopg.connect(cluster.superuser_conninfo(db), autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def create_database(cluster: PgCluster, owner: str = OWNER_ROLE) -> str:
    """A fresh empty database owned by ``owner``; returns its name."""
    name = f"ws_{uuid.uuid4().hex[:12]}"
    run_psql(cluster, f"CREATE DATABASE {name} OWNER {owner}")
    return name


def drop_database(cluster: PgCluster, name: str) -> None:
    run_psql(cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def plain_rows(location: str, sql: str) -> list[tuple]:
    """``sql``'s rows read by a plain client of the workspace's engine (sqlite3 on a file,
    psycopg on a server address), on its own connection: what any other program would see."""
    if location.startswith("postgresql"):
        import psycopg

        conninfo = "postgresql://" + location.split("://", 1)[1]
        with psycopg.connect(conninfo) as conn:
            return conn.execute(sql).fetchall()
    import sqlite3

    conn = sqlite3.connect(location)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
