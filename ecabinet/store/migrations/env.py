"""Alembic environment for the local store; run through ecabinet.store.db."""

from __future__ import annotations

from alembic import context

from ecabinet.store import models  # noqa: F401  (registers every table)
from ecabinet.store.models import LocalBase

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=LocalBase.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
