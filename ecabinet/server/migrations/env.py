"""Alembic environment for the server database; run through ecabinet.server.migrate."""

from __future__ import annotations

from alembic import context

from ecabinet.server import models  # noqa: F401  (registers every table)
from ecabinet.server.db import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
