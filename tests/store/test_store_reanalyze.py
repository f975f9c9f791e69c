"""Re-analysis from the stored bytes after a taxonomy change: facts updated in place, reports
already made by the current rules left alone, the search index kept consistent."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, text

from fazhi.store import service
from fazhi.store.records import shipped_rules_version
from fazhi.store.schema import facts, reports
from store.store_helpers import report_text, write_text

TAXONOMY = """
version: test
indicators:
  - id: society.hotline_calls
    name: 热线来电
    unit: 件
    kinds: [count]
    units: [件, 个]
    when: ['热线']
"""


def indicators(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(facts.c.indicator).distinct()).scalars()) - {None}


def test_taxonomy_change_updates_stored_facts(store: Engine, tmp_path: Path) -> None:
    body = report_text("成都市武侯区人民政府", 2024, ["全年受理法律服务热线来电3200件。"])
    path = write_text(tmp_path / "in", "r.txt", body)
    service.ingest(store, [path], jobs=1)
    path.unlink()  # re-analysis needs only the store
    assert "society.hotline_calls" not in indicators(store)

    unchanged = service.reanalyze(store, jobs=1)
    assert (unchanged.updated, unchanged.up_to_date) == (0, 1)

    taxonomy = write_text(tmp_path, "mine.yaml", TAXONOMY)
    summary = service.reanalyze(store, taxonomy_file=str(taxonomy), jobs=1)
    assert (summary.updated, summary.failed) == (1, [])
    assert "society.hotline_calls" in indicators(store)
    [row] = service.list_reports(store).items
    assert row.rules_version.startswith(shipped_rules_version() + "+")

    # The index was rebuilt with the report: search, then removal, still agree with it.
    assert service.search(store, "热线").hits
    forced = service.reanalyze(store, taxonomy_file=str(taxonomy), jobs=1, force=True)
    assert forced.updated == 1
    assert len(service.search(store, "热线").hits) == 1
    service.remove(store, row.id)
    assert service.search(store, "热线").hits == []


def test_reindex_rebuilds_the_search_index(store: Engine, tmp_path: Path) -> None:
    for year in (2023, 2024):
        body = report_text("杭州市西湖区司法局", year, [f"{year}年办理行政复议案件10件。"])
        write_text(tmp_path, f"{year}.txt", body)
    service.ingest(store, [tmp_path], jobs=1)
    before = service.search(store, "复议", limit=50).hits
    assert service.reindex(store) == 2
    after = service.search(store, "复议", limit=50).hits
    assert [(h.report_id, h.passage_start) for h in after] == [
        (h.report_id, h.passage_start) for h in before
    ]
    with store.connect() as conn:
        current = conn.execute(select(reports.c.id).where(reports.c.current)).scalars().all()
        indexed = conn.execute(text("SELECT DISTINCT report_id FROM passages")).scalars().all()
    assert sorted(current) == sorted(indexed)
