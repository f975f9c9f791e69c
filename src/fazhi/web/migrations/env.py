"""Alembic environment of the web's account tables: its own version table, so the accounts and
the corpus store (fazhi.store) migrate independently in the same database."""

from __future__ import annotations

from alembic import context

from fazhi.web.accounts import VERSION_TABLE, metadata

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
