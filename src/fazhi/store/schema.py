"""The corpus tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Alembic's migrations (``migrations/versions``) create these; this module is what the code
queries. A test checks that the migrated database and these definitions agree.

Design: ``documents`` keep each file's original bytes (compressed) so re-analysis never needs the
file again; ``reports`` are the versions of a source (``key``), one of them ``current``, with the
metadata columns that filters and compare tables use and the analysis kept whole (its text and
the rest of its JSON, each compressed); ``facts``, ``checks`` and ``score_parts`` are the
analysis flattened for SQL; ``passages`` are the paragraphs of current reports, the unit of
search (each carries its part of the report, so a part filter is exact).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.sql.expression import ColumnElement, Join

metadata = MetaData()

store_info = Table(
    "store_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size", Integer, nullable=False),
    Column("format", String(16), nullable=False),
    Column("encoding", String(32)),
    Column("file_name", Text),
    Column("path", Text),
    Column("data_z", LargeBinary, nullable=False),
    Column("added_at", DateTime, nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("key", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("entity", Text),
    Column("level", String(32)),
    Column("report_year", Integer),
    Column("title", Text),
    Column("signed_date", String(10)),
    Column("publish_date", String(10)),
    Column("score_total", Float),
    Column("n_facts", Integer, nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("analyzer_version", String(32), nullable=False),
    Column("rules_version", String(64), nullable=False),
    Column("analysed_at", DateTime, nullable=False),
    # The analysed text, compressed; NULL when it is the document's bytes themselves (UTF-8
    # text files), so ``COALESCE(reports.text_z, documents.data_z)`` is always the text.
    Column("text_z", LargeBinary),
    Column("analysis_z", LargeBinary, nullable=False),
    UniqueConstraint("key", "version", name="uq_reports_key_version"),
    Index("ix_reports_current_year_level", "current", "report_year", "level"),
    Index("ix_reports_entity_year", "entity", "report_year"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("indicator", String(64)),
    Column("section", String(32)),
    Column("kind", String(16), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("subject", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sent_start", Integer),
    Column("sent_end", Integer),
    Index("ix_facts_report", "report_id", "seq"),
    Index("ix_facts_indicator", "indicator", "report_id"),
)

checks = Table(
    "checks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), nullable=False, index=True),
    Column("rule", String(128), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("title", Text),
    Column("message", Text, nullable=False),
    Column("basis", Text),
    Index("ix_checks_rule_verdict", "rule", "verdict"),
)

score_parts = Table(
    "score_parts",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),
    Column("part", String(128), primary_key=True),
    Column("value", Float, nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), nullable=False, index=True),
    Column("section", String(32)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, index=True),
    Column("sha256", String(64)),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

copy_pairs = Table(
    "copy_pairs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("a_report", Integer, ForeignKey("reports.id"), nullable=False, index=True),
    Column("b_report", Integer, ForeignKey("reports.id"), nullable=False, index=True),
    Column("a_start", Integer, nullable=False),
    Column("a_end", Integer, nullable=False),
    Column("b_start", Integer, nullable=False),
    Column("b_end", Integer, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("relation", String(16), nullable=False),
)

copy_shares = Table(
    "copy_shares",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),
    Column("share", Float, nullable=False),
    Column("computed_at", DateTime, nullable=False),
)


def text_blob() -> ColumnElement[bytes]:
    """The compressed text of a report (select it from ``reports`` joined to ``documents``)."""
    return func.coalesce(reports.c.text_z, documents.c.data_z)


def with_document() -> Join:
    return reports.join(documents, documents.c.id == reports.c.document_id)


# Rows that belong to one report and go when it goes (in this order, before the report).
REPORT_CHILDREN = (facts, checks, score_parts, passages, copy_shares)
