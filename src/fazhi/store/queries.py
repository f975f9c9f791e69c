"""Reading and removing stored reports: list, show, remove, the ingest errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select, bindparam, delete, func, or_, select, update

from fazhi.model import Analysis
from fazhi.store.index import SearchIndex
from fazhi.store.records import load_analysis
from fazhi.store.schema import (
    REPORT_CHILDREN,
    copy_pairs,
    copy_shares,
    documents,
    ingest_errors,
    reports,
    text_blob,
    with_document,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: int
    entity: str | None
    level: str | None
    year: int | None
    title: str | None
    version: int
    current: bool
    score_total: float | None
    n_facts: int
    path: str | None
    sha256: str
    analysed_at: datetime
    rules_version: str


@dataclass(frozen=True, slots=True)
class ReportDetail:
    summary: ReportSummary
    analysis: Analysis
    versions: list[ReportSummary]


@dataclass(frozen=True, slots=True)
class ErrorRow:
    path: str
    reason: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


_SUMMARY_COLS = (
    reports.c.id,
    reports.c.entity,
    reports.c.level,
    reports.c.report_year,
    reports.c.title,
    reports.c.version,
    reports.c.current,
    reports.c.score_total,
    reports.c.n_facts,
    documents.c.path,
    documents.c.sha256,
    reports.c.analysed_at,
    reports.c.rules_version,
)


def _summaries() -> Select[Any]:
    return select(*_SUMMARY_COLS).join(documents, documents.c.id == reports.c.document_id)


def list_reports(
    conn: Connection,
    *,
    entity: str | None = None,
    level: str | None = None,
    year: int | None = None,
    all_versions: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> Page[ReportSummary]:
    """Current reports (or every version), newest year first, then by entity."""
    conds = [] if all_versions else [reports.c.current.is_(True)]
    if entity:
        conds.append(reports.c.entity.contains(entity, autoescape=True))
    if level:
        conds.append(reports.c.level == level)
    if year is not None:
        conds.append(reports.c.report_year == year)
    total = conn.execute(select(func.count()).select_from(reports).where(*conds)).scalar_one()
    rows = conn.execute(
        _summaries()
        .where(*conds)
        .order_by(reports.c.report_year.desc(), reports.c.entity, reports.c.version.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return Page([ReportSummary(*r) for r in rows], total, offset, limit)


def get_report(conn: Connection, report_id: int) -> ReportDetail | None:
    row = conn.execute(
        select(reports.c.key, text_blob().label("text_z"), reports.c.analysis_z)
        .select_from(with_document())
        .where(reports.c.id == report_id)
    ).first()
    if row is None:
        return None
    versions = [
        ReportSummary(*r)
        for r in conn.execute(
            _summaries().where(reports.c.key == row.key).order_by(reports.c.version.desc())
        )
    ]
    summary = next(v for v in versions if v.id == report_id)
    return ReportDetail(summary, load_analysis(row.text_z, row.analysis_z), versions)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What tells one rendering of a report page from another, read without loading the
    analysis: its summary (analysis time included), its copied passages, and whether its unit
    has a report of the year before."""

    summary: ReportSummary
    copies: tuple[int, float | None]  # passages, and the share (None: detection not run)
    has_previous: bool


_STAMP_SUMMARY = _summaries().where(reports.c.id == bindparam("rid"))
_STAMP_SHARE = select(copy_shares.c.share).where(copy_shares.c.report_id == bindparam("rid"))
_STAMP_COPIES = select(func.count()).where(
    or_(copy_pairs.c.a_report == bindparam("rid"), copy_pairs.c.b_report == bindparam("rid"))
)
_CURRENT_OF = select(reports.c.id).where(
    reports.c.current.is_(True),
    reports.c.entity == bindparam("entity"),
    reports.c.report_year == bindparam("year"),
)


def report_summary(conn: Connection, report_id: int) -> ReportSummary | None:
    row = conn.execute(_STAMP_SUMMARY, {"rid": report_id}).first()
    return None if row is None else ReportSummary(*row)


def report_stamp(conn: Connection, report_id: int) -> Stamp | None:
    """A few small prepared queries, so that a page asked for again costs little."""
    s = report_summary(conn, report_id)
    if s is None:
        return None
    copies = (
        conn.execute(_STAMP_COPIES, {"rid": report_id}).scalar_one(),
        conn.execute(_STAMP_SHARE, {"rid": report_id}).scalar(),
    )
    return Stamp(s, copies, has_previous(conn, s))


def has_previous(conn: Connection, s: ReportSummary) -> bool:
    """Whether the report's unit has a current report of the year before (promises kept)."""
    if not (s.entity and s.year):
        return False
    return conn.execute(_CURRENT_OF, {"entity": s.entity, "year": s.year - 1}).first() is not None


@dataclass(frozen=True, slots=True)
class Removed:
    report_id: int
    promoted: int | None  # the earlier version that became current in its place


def remove_report(conn: Connection, report_id: int) -> Removed | None:
    """Delete one report version with everything derived from it, and its document when no
    other report uses it; if it was current, the newest earlier version becomes current."""
    row = conn.execute(
        select(reports.c.key, reports.c.current, reports.c.document_id).where(
            reports.c.id == report_id
        )
    ).first()
    if row is None:
        return None
    index = SearchIndex(conn)
    index.remove_reports([report_id])
    conn.execute(
        delete(copy_pairs).where(
            (copy_pairs.c.a_report == report_id) | (copy_pairs.c.b_report == report_id)
        )
    )
    for table in REPORT_CHILDREN:
        conn.execute(delete(table).where(table.c.report_id == report_id))
    conn.execute(delete(reports).where(reports.c.id == report_id))
    if not conn.execute(
        select(func.count()).where(reports.c.document_id == row.document_id)
    ).scalar_one():
        conn.execute(delete(documents).where(documents.c.id == row.document_id))
    promoted = _promote(conn, index, row.key) if row.current else None
    return Removed(report_id, promoted)


def _promote(conn: Connection, index: SearchIndex, key: str) -> int | None:
    prev = conn.execute(
        select(reports.c.id, text_blob().label("text_z"), reports.c.analysis_z)
        .select_from(with_document())
        .where(reports.c.key == key)
        .order_by(reports.c.version.desc())
        .limit(1)
    ).first()
    if prev is None:
        return None
    conn.execute(update(reports).where(reports.c.id == prev.id).values(current=True))
    index.index_report(prev.id, prev.text_z, prev.analysis_z)
    return prev.id


def list_errors(conn: Connection, *, offset: int = 0, limit: int = 100) -> Page[ErrorRow]:
    total = conn.execute(select(func.count()).select_from(ingest_errors)).scalar_one()
    rows = conn.execute(
        select(ingest_errors.c.path, ingest_errors.c.reason, ingest_errors.c.at)
        .order_by(ingest_errors.c.path)
        .offset(offset)
        .limit(limit)
    ).all()
    return Page([ErrorRow(*r) for r in rows], total, offset, limit)
