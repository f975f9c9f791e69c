"""Alembic environment: fazhi passes an open connection (``config.attributes["connection"]``);
a developer running ``alembic`` by hand passes ``-x db=URL`` instead (default: fazhi's own)."""

from __future__ import annotations

from alembic import context

from fazhi.store.db import make_engine
from fazhi.store.schema import metadata

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(context.get_x_argument(as_dictionary=True).get("db"))
    with engine.begin() as conn:
        _run(conn)
