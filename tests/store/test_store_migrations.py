"""The Alembic migrations build exactly the tables the code queries, on both backends, and
opening a corpus again does not migrate it twice."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from fazhi.store import service
from fazhi.store.db import (
    StoreError,
    current_revision,
    head_revision,
    make_engine,
    migrate,
)
from fazhi.store.schema import metadata
from store.store_helpers import report_text, write_text

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


def test_a_store_indexed_before_0002_asks_for_a_reindex_then_ranks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0002 gives the SQLite index token counts (bm25 scored everything 0 without them); a store
    that already had an index must be reindexed, and says so instead of finding nothing."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, to="0001")
    folder = tmp_path / "r"
    write_text(
        folder, "a.txt", report_text("甲县人民政府", 2024, achievements=["深化行政复议体制改革。"])
    )
    assert service.ingest(engine, [folder], jobs=1).added == 1
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with pytest.raises(StoreError, match="reanalyze --reindex"):
        service.search(engine, "复议")
    assert service.reindex(engine) == 1
    page = service.search(engine, "复议", order="relevance")
    assert [h.entity for h in page.hits] == ["甲县人民政府"]
    with engine.connect() as conn:
        score = conn.exec_driver_sql(
            "SELECT bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH '\"复议\"'"
        ).scalar()
    assert score is not None and score < 0  # ranked: bm25 is negative, better is lower
