"""Alembic migrations of the workspace schema, the same revisions on SQLite and PostgreSQL.

Each revision ends by recording the schema version it reaches with ``set_schema_version``: in a
file that is ``PRAGMA user_version`` (read from the header before anything runs), on a server the
one row of ``lcstudio_workspace`` (store/server.py). A step that only one engine can run branches
on ``op.get_bind().dialect.name``.
"""

from __future__ import annotations


def set_schema_version(version: int) -> None:
    """Mark the workspace as being at schema ``version`` (called at the end of ``upgrade``)."""
    from alembic import op

    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA user_version = {int(version)}")
    else:
        op.execute(f"UPDATE lcstudio_workspace SET schema_version = {int(version)}")
