"""The Alembic migrations build exactly the tables the code queries, on both backends, and
opening a corpus again does not migrate it twice."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from fazhi.store.db import current_revision, head_revision, migrate
from fazhi.store.schema import metadata

# The search index tables are backend-specific and created by the migration alone.
INDEX_TABLES = ("passages_fts", "passages_tsv", "alembic_version")


def _ours(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name.startswith(INDEX_TABLES))


def test_migrated_schema_matches_the_code(store: Engine) -> None:
    with store.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _ours})
        assert compare_metadata(ctx, metadata) == []
    assert current_revision(store) == head_revision()


def test_migrate_is_idempotent_and_has_the_index(store: Engine) -> None:
    migrate(store)
    names = set(inspect(store).get_table_names())
    assert {"reports", "facts", "passages", "documents"} <= names
    expected = "passages_fts" if store.dialect.name == "sqlite" else "passages_tsv"
    assert expected in names
