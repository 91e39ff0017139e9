"""Alembic environment: always run on the workspace's own open connection (never a URL)."""

from alembic import context

from desktop_app.model.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
