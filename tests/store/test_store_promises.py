"""Promises kept over the store: pairs of a unit's consecutive reports, items taken up with the
later report's passage, or not mentioned (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.store import service
from store.store_helpers import report_text, write_text

GOV = "成都市武侯区人民政府"
OTHER = "杭州市西湖区司法局"


def fill(engine: Engine, folder: Path) -> None:
    plans = [
        "一是完善人民调解委员会工作机制，推动矛盾纠纷就地化解。",
        "二是建设智慧法务区，引进高端涉外法律服务机构。",
    ]
    reports = {
        "a2023.txt": report_text(GOV, 2023, next_year=plans),
        "a2024.txt": report_text(
            GOV, 2024, ["完善人民调解委员会工作机制，全年就地化解矛盾纠纷1200件。"]
        ),
        "b2024.txt": report_text(OTHER, 2024, next_year=plans),  # no 2025 report: no pair
    }
    for name, body in reports.items():
        write_text(folder, name, body)
    assert service.ingest(engine, [folder], jobs=1).added == 3


def test_items_taken_up_or_not(store: Engine, tmp_path: Path) -> None:
    fill(store, tmp_path)
    pairs, total = service.promises(store)
    assert total == 1
    [pair] = pairs
    assert (pair.entity, pair.plan_year) == (GOV, 2023)
    status = {m.item.text[:4]: m.status for m in pair.report.items}
    assert status["一是完善"] == "taken_up" and status["二是建设"] == "not_mentioned"
    assert pair.report.share_taken_up == 0.5
    taken = pair.evidence[[m.status for m in pair.report.items].index("taken_up")]
    assert taken is not None and "人民调解委员会" in taken
    assert service.promises(store, entity="武侯区")[1] == 1
    assert service.promises(store, year=2024) == ([], 0)


def test_cli(store: Engine, db_url: str, tmp_path: Path) -> None:
    fill(store, tmp_path)
    summary = CliRunner().invoke(app, ["promises", "--db", db_url])
    assert summary.exit_code == 0 and "50%" in summary.stdout
    detail = CliRunner().invoke(app, ["promises", "--entity", "武侯", "--db", db_url])
    assert "已提到" in detail.stdout and "未提到" in detail.stdout
