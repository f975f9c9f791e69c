"""The SQLite search index keeps how often each token occurs (detail=full), so that search by
relevance can rank: with detail=none FTS5's bm25 scored every passage 0.

The index is made again, empty. A store that had passages indexed gets its index label marked
stale, so that it asks for ``fazhi reanalyze --reindex`` rather than search an empty index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS = "CREATE VIRTUAL TABLE passages_fts USING fts5(body, content='', tokenize='ascii'{detail})"
# As in 0001: merge index segments less eagerly than the default, a third less work on a large
# ingest at no cost to search.
CONFIG = (
    "INSERT INTO passages_fts(passages_fts, rank) VALUES ('automerge', 8)",
    "INSERT INTO passages_fts(passages_fts, rank) VALUES ('crisismerge', 32)",
)


def _recreate(detail: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE passages_fts")
    op.execute(FTS.format(detail=detail))
    for statement in CONFIG:
        op.execute(statement)
    op.execute(
        "UPDATE store_info SET value = value || '+stale' WHERE key = 'tokenizer' "
        "AND EXISTS (SELECT 1 FROM passages)"
    )


def upgrade() -> None:
    _recreate("")


def downgrade() -> None:
    _recreate(", detail=none")
