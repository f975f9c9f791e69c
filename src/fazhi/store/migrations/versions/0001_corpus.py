"""The corpus: documents, reports and their versions, facts, checks, scores, passages and their
search index, ingest errors, copy-detection results.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The search index of passages: on SQLite an FTS5 table that holds only the index (contentless;
# the text is in ``reports.text_z``), over space-separated tokens that fazhi makes itself (see
# fazhi.store.tokens), so FTS5's own ``ascii`` tokenizer only splits on the spaces. No positions
# (detail=none): the passages found are checked for the query text itself. Filter tokens (year,
# level, part, entity; see fazhi.store.records.meta_tokens) are indexed beside the text, so that
# filtered searches are index lookups too.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE passages_fts USING fts5(body, content='', tokenize='ascii', detail=none)"
)
# Merge index segments less eagerly than the default (4 and 16): building the index of a large
# corpus costs a third less, and searches stay as fast (bench/corpus_bench.py).
SQLITE_FTS_CONFIG = (
    "INSERT INTO passages_fts(passages_fts, rank) VALUES ('automerge', 8)",
    "INSERT INTO passages_fts(passages_fts, rank) VALUES ('crisismerge', 32)",
)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _report_fk(name: str = "report_id", **kw: object) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("reports.id"), nullable=False, **kw)


def upgrade() -> None:
    op.create_table(
        "store_info",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "documents",
        _id(),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("file_name", sa.Text),
        sa.Column("path", sa.Text),
        sa.Column("data_z", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    _reports()
    _facts_checks_scores()
    _passages()
    op.create_table(
        "ingest_errors",
        _id(),
        sa.Column("path", sa.Text, nullable=False, index=True),
        sa.Column("sha256", sa.String(64)),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    _copies()
    op.bulk_insert(
        sa.table("store_info", sa.column("key"), sa.column("value")),
        [{"key": "tokenizer", "value": "bigram/1"}],
    )


def _reports() -> None:
    op.create_table(
        "reports",
        _id(),
        sa.Column(
            "document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True
        ),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("entity", sa.Text),
        sa.Column("level", sa.String(32)),
        sa.Column("report_year", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("signed_date", sa.String(10)),
        sa.Column("publish_date", sa.String(10)),
        sa.Column("score_total", sa.Float),
        sa.Column("n_facts", sa.Integer, nullable=False),
        sa.Column("n_chars", sa.Integer, nullable=False),
        sa.Column("analyzer_version", sa.String(32), nullable=False),
        sa.Column("rules_version", sa.String(64), nullable=False),
        sa.Column("analysed_at", sa.DateTime, nullable=False),
        sa.Column("text_z", sa.LargeBinary),
        sa.Column("analysis_z", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("key", "version", name="uq_reports_key_version"),
    )
    op.create_index("ix_reports_current_year_level", "reports", ["current", "report_year", "level"])
    op.create_index("ix_reports_entity_year", "reports", ["entity", "report_year"])


def _facts_checks_scores() -> None:
    op.create_table(
        "facts",
        _id(),
        _report_fk(),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("indicator", sa.String(64)),
        sa.Column("section", sa.String(32)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("sent_start", sa.Integer),
        sa.Column("sent_end", sa.Integer),
    )
    op.create_index("ix_facts_report", "facts", ["report_id", "seq"])
    op.create_index("ix_facts_indicator", "facts", ["indicator", "report_id"])
    op.create_table(
        "checks",
        _id(),
        _report_fk(index=True),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("basis", sa.Text),
    )
    op.create_index("ix_checks_rule_verdict", "checks", ["rule", "verdict"])
    op.create_table(
        "score_parts",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("part", sa.String(128), primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
    )


def _passages() -> None:
    op.create_table(
        "passages",
        _id(),
        _report_fk(index=True),
        sa.Column("section", sa.String(32)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_FTS)
        for statement in SQLITE_FTS_CONFIG:
            op.execute(statement)
        return
    # PostgreSQL: the same tokens as a tsvector (written as a literal, so no text-search
    # configuration or locale is involved), searched through a GIN index.
    from sqlalchemy.dialects.postgresql import TSVECTOR

    op.create_table(
        "passages_tsv",
        sa.Column("id", sa.Integer, sa.ForeignKey("passages.id"), primary_key=True),
        sa.Column("tsv", TSVECTOR, nullable=False),
    )
    op.create_index("ix_passages_tsv", "passages_tsv", ["tsv"], postgresql_using="gin")


def _copies() -> None:
    op.create_table(
        "copy_pairs",
        _id(),
        _report_fk("a_report", index=True),
        _report_fk("b_report", index=True),
        sa.Column("a_start", sa.Integer, nullable=False),
        sa.Column("a_end", sa.Integer, nullable=False),
        sa.Column("b_start", sa.Integer, nullable=False),
        sa.Column("b_end", sa.Integer, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
    )
    op.create_table(
        "copy_shares",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("computed_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE passages_fts")
    else:
        op.drop_table("passages_tsv")
    for table in (
        "copy_shares",
        "copy_pairs",
        "ingest_errors",
        "passages",
        "score_parts",
        "checks",
        "facts",
        "reports",
        "documents",
        "store_info",
    ):
        op.drop_table(table)
