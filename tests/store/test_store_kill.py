"""kill -9 in the middle of an ingest, then the same command again: every report exactly once,
nothing half-written, no orphan rows (on SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from fazhi.store import service
from fazhi.store.db import open_store
from fazhi.store.schema import documents, facts, passages, reports
from store.store_helpers import synth_reports, write_reports

N = 160
INGEST = "from fazhi.cli import main; main()"


def stored(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(reports)).scalar_one()


def assert_whole(engine: Engine) -> None:
    """Every stored report is complete and nothing belongs to no report."""
    orphan = {
        "facts": "SELECT count(*) FROM facts WHERE report_id NOT IN (SELECT id FROM reports)",
        "passages": "SELECT count(*) FROM passages WHERE report_id NOT IN (SELECT id FROM reports)",
        "documents": "SELECT count(*) FROM documents WHERE id NOT IN "
        "(SELECT document_id FROM reports)",
        "facts_short": "SELECT count(*) FROM reports r WHERE r.n_facts <> "
        "(SELECT count(*) FROM facts f WHERE f.report_id = r.id)",
        "unindexed": "SELECT count(*) FROM reports r WHERE NOT EXISTS "
        "(SELECT 1 FROM passages p WHERE p.report_id = r.id)",
    }
    index = "passages_fts" if engine.dialect.name == "sqlite" else "passages_tsv"
    with engine.connect() as conn:
        for name, sql in orphan.items():
            assert conn.execute(text(sql)).scalar() == 0, name
        n_passages = conn.execute(select(func.count()).select_from(passages)).scalar()
        assert conn.execute(text(f"SELECT count(*) FROM {index}")).scalar() == n_passages


def test_kill_9_mid_ingest_then_resume(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_reports(folder, synth_reports(N))
    engine = open_store(db_url)
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST, "ingest", str(folder), "--db", db_url, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its workers share its process group and die with it
    )
    try:
        deadline = time.monotonic() + 120
        while stored(engine) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    killed_at = stored(engine)
    assert 0 < killed_at < N, "the kill must land in the middle of the ingest"
    assert_whole(engine)

    summary = service.ingest(engine, [folder], jobs=2)
    assert summary.unchanged == killed_at and summary.added == N - killed_at
    assert not summary.failed
    with engine.connect() as conn:
        shas = conn.execute(select(documents.c.sha256)).scalars().all()
        n_facts = conn.execute(select(func.count()).select_from(facts)).scalar()
    assert len(shas) == len(set(shas)) == N == stored(engine)
    assert n_facts > N
    assert_whole(engine)
    engine.dispose()
