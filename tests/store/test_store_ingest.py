"""Ingest: idempotent by content, versions for changed files, failures kept and listed, the
analysis kept whole; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select, text

from fazhi import analyze
from fazhi.store import service
from fazhi.store.records import shipped_rules_version
from fazhi.store.schema import documents, facts, ingest_errors, passages, reports
from store.store_helpers import synth_reports, write_reports


def count(engine: Engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_ingest_is_idempotent_by_content(store: Engine, tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "a", synth_reports(6))
    first = service.ingest(store, [tmp_path / "a"], jobs=1)
    assert (first.added, first.unchanged, first.failed) == (6, 0, [])
    again = service.ingest(store, [tmp_path / "a"], jobs=1)
    assert (again.added, again.unchanged) == (0, 6)
    # The same content under another name is the same report.
    copy = tmp_path / "b" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(paths[0].read_bytes())
    moved = service.ingest(store, [copy], jobs=1)
    assert (moved.added, moved.unchanged) == (0, 1)
    assert count(store, reports) == count(store, documents) == 6


def test_changed_file_is_a_new_version_and_the_old_is_kept(store: Engine, tmp_path: Path) -> None:
    [path] = write_reports(tmp_path, synth_reports(1))
    service.ingest(store, [path], jobs=1)
    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明：修订稿。\n", encoding="utf-8")
    summary = service.ingest(store, [path], jobs=1)
    assert (summary.added, summary.new_versions) == (0, 1)
    listed = service.list_reports(store, all_versions=True).items
    assert sorted((r.version, r.current) for r in listed) == [(1, False), (2, True)]
    assert [r.version for r in service.list_reports(store).items] == [2]
    # Search covers the current version only.
    hits = service.search(store, "修订稿").hits
    assert {h.report_id for h in hits} == {next(r.id for r in listed if r.current)}


def test_analysis_is_kept_whole(store: Engine, seed_files: list[Path]) -> None:
    service.ingest(store, seed_files[:2], jobs=1)
    for r in service.list_reports(store).items:
        stored = service.show(store, r.id)
        assert stored is not None and stored.summary.path
        fresh = analyze(Path(stored.summary.path).read_bytes(), source=stored.summary.path)
        assert stored.analysis.to_dict() == fresh.to_dict()
        assert stored.summary.rules_version == shipped_rules_version()
        assert stored.summary.n_facts == len(fresh.facts)


def test_failures_are_kept_listed_and_cleared(store: Engine, tmp_path: Path) -> None:
    good = write_reports(tmp_path, synth_reports(2))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    missing = tmp_path / "nowhere.txt"
    summary = service.ingest(store, [*good, bad, missing], jobs=1)
    assert summary.added == 2
    assert {Path(p).name for p, _ in summary.failed} == {"scan.pdf", "nowhere.txt"}
    assert all(why for _, why in summary.failed)
    listed = service.errors(store).items
    assert {Path(e.path).name for e in listed} == {"scan.pdf", "nowhere.txt"}
    # Failing again does not pile up rows; fixing the file clears its error.
    service.ingest(store, [bad], jobs=1)
    assert count(store, ingest_errors) == 2
    bad.write_text(synth_reports(3)[2].text, encoding="utf-8")
    fixed = service.ingest(store, [bad], jobs=1)
    assert fixed.added == 1
    assert {Path(e.path).name for e in service.errors(store).items} == {"nowhere.txt"}


def test_parallel_ingest_stores_every_report_once(store: Engine, tmp_path: Path) -> None:
    write_reports(tmp_path, synth_reports(24))
    summary = service.ingest(store, [tmp_path], jobs=2)
    assert summary.added == 24
    with store.connect() as conn:
        shas = conn.execute(select(documents.c.sha256)).scalars().all()
        stored_facts = conn.execute(select(func.count()).select_from(facts)).scalar_one()
        claimed = conn.execute(select(func.sum(reports.c.n_facts))).scalar_one()
    assert len(shas) == len(set(shas)) == 24
    assert stored_facts == claimed


def test_remove_deletes_everything_and_restores_the_previous_version(
    store: Engine, tmp_path: Path
) -> None:
    [path] = write_reports(tmp_path, synth_reports(1))
    service.ingest(store, [path], jobs=1)
    path.write_text(path.read_text(encoding="utf-8") + "\n附：第二稿。\n", encoding="utf-8")
    service.ingest(store, [path], jobs=1)
    newest = service.list_reports(store).items[0]
    removed = service.remove(store, newest.id)
    assert removed is not None and removed.promoted is not None
    assert service.search(store, "第二稿").hits == []
    assert service.search(store, "法治").hits  # the old version is searchable again
    service.remove(store, removed.promoted)
    assert service.remove(store, removed.promoted) is None
    for table in (reports, documents, facts, passages):
        assert count(store, table) == 0
    if store.dialect.name == "sqlite":
        with store.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM passages_fts")).scalar() == 0


def test_a_gb18030_file_keeps_its_bytes_and_its_text(store: Engine, tmp_path: Path) -> None:
    body = synth_reports(1)[0].text
    path = tmp_path / "gbk.txt"
    path.write_bytes(body.encode("gb18030"))
    assert service.ingest(store, [path], jobs=1).added == 1
    [row] = service.list_reports(store).items
    shown = service.show(store, row.id)
    assert shown is not None and shown.analysis.text == body
    assert service.search(store, "法治政府").hits
    with store.connect() as conn:
        stored = conn.execute(select(documents.c.size)).scalar()
    assert stored == path.stat().st_size
