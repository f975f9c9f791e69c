"""Re-analysing stored reports after the rules or the taxonomy changed.

The original bytes are in the store, so no file is needed. Each report keeps its id and version;
its analysis, facts, checks, scores and (for a current report) passages are replaced in the same
transaction. A report that the new rules cannot analyse keeps its old analysis, and the failure
is listed with the ingest errors.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, func, or_, select, text, update

from fazhi import __version__
from fazhi.store.db import writing
from fazhi.store.index import SearchIndex, store_tokenizer, stored_tokenizer, write_label
from fazhi.store.ingest import BATCH, CHUNK, Progress, now, record_failure, write_children
from fazhi.store.records import decompress, rules_version
from fazhi.store.schema import (
    checks,
    copy_pairs,
    copy_shares,
    documents,
    facts,
    reports,
    score_parts,
    text_blob,
    with_document,
)
from fazhi.store.workers import (
    Failed,
    Ready,
    WorkerConfig,
    analyse_bytes,
    chunks,
    run_tasks,
    worker_count,
)


@dataclass
class ReanalyzeSummary:
    total: int = 0
    updated: int = 0
    up_to_date: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


Item = tuple[int, str, bool, bytes]  # report id, source path, current, compressed bytes


def _reanalyse(items: list[Item]) -> list[tuple[int, bool, Ready | Failed]]:
    out = []
    for rid, path, current, data_z in items:
        data = decompress(data_z)
        sha = hashlib.sha256(data).hexdigest()
        out.append((rid, current, analyse_bytes(data, path, sha)))
    return out


def reanalyze(
    engine: Engine,
    *,
    taxonomy_file: str | None = None,
    jobs: int = 0,
    force: bool = False,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> ReanalyzeSummary:
    """Re-analyse every stored report made by other rules (or all of them with ``force``)."""
    started = time.perf_counter()
    target = rules_version(taxonomy_file)
    with engine.connect() as conn:
        tokenizer = store_tokenizer(conn)
        stale = or_(reports.c.rules_version != target, reports.c.analyzer_version != __version__)
        query = select(reports.c.id).order_by(reports.c.id)
        ids = list(conn.execute(query if force else query.where(stale)).scalars())
        total = conn.execute(select(func.count()).select_from(reports)).scalar_one()
    summary = ReanalyzeSummary(total=total, up_to_date=total - len(ids))
    config = WorkerConfig(tokenizer.name, taxonomy_file)
    tasks = _items(engine, ids)
    done = 0
    for group in chunks(run_tasks(_reanalyse, tasks, worker_count(jobs), config), batch):
        with writing(engine) as conn:
            _write(conn, group, summary)
        done += len(group)
        if progress:
            progress(done, len(ids))
    summary.seconds = time.perf_counter() - started
    return summary


def _items(engine: Engine, ids: list[int]) -> Iterator[list[Item]]:
    """The stored bytes of ``ids``, a chunk at a time (read lazily as workers need them)."""
    for chunk in chunks(ids, CHUNK):
        with engine.connect() as conn:
            rows = conn.execute(
                select(reports.c.id, documents.c.path, reports.c.current, documents.c.data_z)
                .join(documents, documents.c.id == reports.c.document_id)
                .where(reports.c.id.in_(chunk))
            ).all()
        yield [(r[0], r[1] or "", bool(r[2]), r[3]) for r in rows]


def _write(
    conn: Connection, group: list[tuple[int, bool, Ready | Failed]], summary: ReanalyzeSummary
) -> None:
    ready = [(rid, cur, o) for rid, cur, o in group if isinstance(o, Ready)]
    for _, _, o in group:
        if isinstance(o, Failed):
            summary.failed.append((o.path, o.reason))
            record_failure(conn, Failed(o.path, o.sha256, "重新分析失败，保留原分析：" + o.reason))
    if not ready:
        return
    ids = [rid for rid, _, _ in ready]
    _forget_copies(conn, ready)
    SearchIndex(conn).remove_reports([rid for rid, cur, _ in ready if cur])
    for table in (facts, checks, score_parts):
        conn.execute(delete(table).where(table.c.report_id.in_(ids)))
    at = now()
    for rid, _, o in ready:
        values = {**o.record.report, "analysed_at": at}
        conn.execute(update(reports).where(reports.c.id == rid).values(**values))
    items = [(rid, o.record) for rid, _, o in ready]
    write_children(conn, items, indexed=[cur for _, cur, _ in ready])
    summary.updated += len(ready)


def _forget_copies(conn: Connection, ready: list[tuple[int, bool, Ready]]) -> None:
    """Copy-detection results point into a report's text: where re-analysis changed the text
    (a newer reader), they are dropped, to be found again by the next ``fazhi copies``."""
    old = dict(
        conn.execute(
            select(reports.c.id, reports.c.text_z).where(
                reports.c.id.in_([rid for rid, _, _ in ready])
            )
        ).all()
    )
    changed = [rid for rid, _, o in ready if old.get(rid) != o.record.report["text_z"]]
    if changed:
        conn.execute(
            delete(copy_pairs).where(
                copy_pairs.c.a_report.in_(changed) | copy_pairs.c.b_report.in_(changed)
            )
        )
        conn.execute(delete(copy_shares).where(copy_shares.c.report_id.in_(changed)))


def reindex(engine: Engine) -> int:
    """Rebuild the search index of every current report from the stored analyses, with this
    fazhi's tokenizer (after an upgrade changed it); returns the number of reports indexed."""
    with writing(engine) as conn:
        _, tok = stored_tokenizer(conn)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("INSERT INTO passages_fts(passages_fts) VALUES ('delete-all')")
        else:
            conn.execute(text("DELETE FROM passages_tsv"))
        conn.execute(text("DELETE FROM passages"))
        write_label(conn, tok)
        index = SearchIndex(conn)
        ids = list(conn.execute(select(reports.c.id).where(reports.c.current)).scalars())
        for chunk in chunks(ids, BATCH):
            blobs = select(reports.c.id, text_blob(), reports.c.analysis_z).select_from(
                with_document()
            )
            for rid, text_z, analysis_z in conn.execute(blobs.where(reports.c.id.in_(chunk))).all():
                index.index_report(rid, text_z, analysis_z)
    return len(ids)
