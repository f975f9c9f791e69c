"""Putting reports into the store: idempotent, transactional, resumable, parallel.

* Idempotent: a file whose content (sha256) is stored already is skipped, whatever its name;
  a file at a known path with new content becomes the next version of that report, and the old
  version is kept (no longer ``current``).
* Transactional: the main process is the only writer, and each transaction holds whole reports
  (document, report, facts, checks, scores, passages and their index entries), so a batch killed
  at any moment leaves only complete reports behind.
* Resumable: run the same command again; what was committed is skipped by its hash.
* Parallel: worker processes (fazhi.store.workers) read, analyse, serialise, compress and
  tokenise; the writer only inserts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from fazhi.files import collect
from fazhi.store.bulk import insert_rows, reserve_ids
from fazhi.store.db import writing
from fazhi.store.index import SearchIndex, store_tokenizer
from fazhi.store.records import CHECK_COLUMNS, FACT_COLUMNS, SCORE_COLUMNS, Record
from fazhi.store.schema import checks, documents, facts, ingest_errors, reports, score_parts
from fazhi.store.workers import (
    Failed,
    Known,
    Outcome,
    Ready,
    WorkerConfig,
    analyse_files,
    chunks,
    run_tasks,
    worker_count,
)

# Reports per transaction: large enough that commits cost little, small enough that a kill loses
# at most a few seconds of work.
BATCH = 64
# Files per task handed to a worker (fewer round trips between processes).
CHUNK = 8

Progress = Callable[[int, int], None]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def source_key(path: str | Path) -> str:
    """What groups the versions of one report: its absolute path, with ``/`` separators."""
    return Path(path).resolve().as_posix()


@dataclass
class IngestSummary:
    total: int = 0
    added: int = 0
    new_versions: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def ingest(
    engine: Engine,
    paths: Sequence[str | Path],
    *,
    jobs: int = 0,
    taxonomy_file: str | None = None,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> IngestSummary:
    """Store every report file under ``paths``; see the module doc for the guarantees."""
    started = time.perf_counter()
    found = collect(paths)
    summary = IngestSummary(total=len(found.files) + len(found.missing))
    summary.skipped = [str(p) for p in found.skipped]
    with engine.connect() as conn:
        tokenizer = store_tokenizer(conn)
        known = frozenset(conn.execute(select(documents.c.sha256)).scalars())
    config = WorkerConfig(tokenizer.name, taxonomy_file, known)
    with writing(engine) as conn:
        for p in found.missing:
            reason = "文件不存在。请检查路径。"
            summary.failed.append((str(p), reason))
            record_failure(conn, Failed(source_key(p), None, reason))
    files = [source_key(p) for p in found.files]
    seen: set[str] = set(known)
    done = 0
    outcomes = run_tasks(analyse_files, chunks(files, CHUNK), worker_count(jobs), config)
    for group in chunks(outcomes, batch):
        with writing(engine) as conn:
            write_batch(conn, group, summary, seen)
        done += len(group)
        if progress:
            progress(done, len(files))
    summary.seconds = time.perf_counter() - started
    return summary


def write_batch(
    conn: Connection, group: list[Outcome], summary: IngestSummary, seen: set[str]
) -> None:
    """One transaction: the ready reports of ``group`` in full, and its failures recorded."""
    ready: list[Ready] = []
    stored: list[str] = []
    for o in group:
        if isinstance(o, Failed):
            summary.failed.append((o.path, o.reason))
            record_failure(conn, o)
        elif isinstance(o, Known) or o.sha256 in seen:
            summary.unchanged += 1
            stored.append(o.path)
        else:
            seen.add(o.sha256)
            ready.append(o)
    _clear_failures(conn, stored)
    if ready:
        # Workers are given each file's key (source_key) as its path.
        versions = _supersede(conn, [r.path for r in ready])
        for r in ready:
            if versions[r.path] > 1:
                summary.new_versions += 1
            else:
                summary.added += 1
        store_records(conn, ready, versions)
        _clear_failures(conn, [r.path for r in ready])


def _supersede(conn: Connection, keys: list[str]) -> dict[str, int]:
    """The version each key's new report gets; the present current versions step down (their
    passages leave the search index, which covers current reports only)."""
    rows = conn.execute(
        select(reports.c.key, reports.c.id, reports.c.version, reports.c.current).where(
            reports.c.key.in_(keys)
        )
    ).all()
    versions = dict.fromkeys(keys, 1)
    old_current = []
    for key, rid, version, current in rows:
        versions[key] = max(versions[key], version + 1)
        if current:
            old_current.append(rid)
    if old_current:
        SearchIndex(conn).remove_reports(old_current)
        conn.execute(update(reports).where(reports.c.id.in_(old_current)).values(current=False))
    return versions


def store_records(conn: Connection, ready: list[Ready], versions: dict[str, int]) -> None:
    at = now()
    doc_ids = reserve_ids(conn, documents, len(ready))
    report_ids = reserve_ids(conn, reports, len(ready))
    conn.execute(
        insert(documents),
        [{**r.document, "id": i, "added_at": at} for r, i in zip(ready, doc_ids, strict=True)],
    )
    rows = []
    for r, rid, doc_id in zip(ready, report_ids, doc_ids, strict=True):
        key = r.path
        rows.append(
            {
                **r.record.report,
                "id": rid,
                "document_id": doc_id,
                "key": key,
                "version": versions[key],
                "current": True,
                "analysed_at": at,
            }
        )
    conn.execute(insert(reports), rows)
    write_children(conn, list(zip(report_ids, (r.record for r in ready), strict=True)))


_CHILDREN = (
    (facts, "facts", FACT_COLUMNS),
    (checks, "checks", CHECK_COLUMNS),
    (score_parts, "score_parts", SCORE_COLUMNS),
)


def write_children(
    conn: Connection, items: list[tuple[int, Record]], indexed: Sequence[bool] | None = None
) -> None:
    """Facts, checks and score parts of reports already in ``reports``, and the passages of
    those that are current (``indexed``; all by default)."""
    for table, attr, columns in _CHILDREN:
        rows = [(rid, *row) for rid, rec in items for row in getattr(rec, attr)]
        insert_rows(conn, table, ("report_id", *columns), rows)
    flags = indexed if indexed is not None else [True] * len(items)
    SearchIndex(conn).add_many(
        (rid, rec.passages) for (rid, rec), keep in zip(items, flags, strict=True) if keep
    )


def record_failure(conn: Connection, f: Failed) -> None:
    _clear_failures(conn, [f.path])
    conn.execute(
        insert(ingest_errors).values(path=f.path, sha256=f.sha256, reason=f.reason, at=now())
    )


def _clear_failures(conn: Connection, paths: list[str]) -> None:
    conn.execute(
        delete(ingest_errors).where(ingest_errors.c.path.in_(bindparam("p", expanding=True))),
        {"p": paths},
    )
