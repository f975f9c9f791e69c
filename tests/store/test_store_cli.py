"""The corpus commands end to end: what they print, write and exit with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fazhi.cli import app
from store.store_helpers import report_text, write_text

runner = CliRunner()
GOV = "成都市武侯区人民政府"


@pytest.fixture
def filled(db_url: str, tmp_path: Path) -> str:
    for year, cases in ((2023, 100), (2024, 120)):
        body = report_text(
            GOV, year, [f"新收行政复议案件{cases}件，同比增长20%。", "调解纠纷50件。"]
        )
        write_text(tmp_path / "corpus", f"{year}.txt", body)
    write_text(tmp_path / "corpus", "empty.txt", "")
    result = runner.invoke(app, ["ingest", str(tmp_path / "corpus"), "--db", db_url, "-j", "1"])
    assert result.exit_code == 1  # the empty file failed, and says so
    assert "empty.txt" in result.stderr and "新增 2 份" in result.stderr
    return db_url


def test_list_show_remove(filled: str) -> None:
    listed = runner.invoke(app, ["list", "--db", filled])
    assert listed.exit_code == 0 and GOV[:5] in listed.stdout
    errors = runner.invoke(app, ["list", "--errors", "--db", filled])
    assert "empty.txt" in errors.stdout
    shown = runner.invoke(app, ["show", "1", "--json", "--db", filled])
    assert json.loads(shown.stdout)["metadata"]["entity"] == GOV
    assert runner.invoke(app, ["remove", "1", "--db", filled]).exit_code == 0
    missing = runner.invoke(app, ["show", "1", "--db", filled])
    assert missing.exit_code == 1 and "fazhi list" in missing.stderr


def test_search_prints_marked_snippets_and_json(filled: str) -> None:
    out = runner.invoke(app, ["search", "复议", "--year", "2024", "--db", filled])
    assert out.exit_code == 0 and "复议" in out.stdout and "2024" in out.stdout
    data = json.loads(runner.invoke(app, ["search", "复议", "--json", "--db", filled]).stdout)
    assert {h["year"] for h in data["hits"]} == {2023, 2024}
    for h in data["hits"]:
        s, e = h["snippet"]["marks"][0]
        assert h["snippet"]["text"][s:e] == "复议"
    bad = runner.invoke(app, ["search", "复议", "--part", "nope", "--db", filled])
    assert bad.exit_code == 1 and "part" in bad.stderr


def test_compare_exports_and_checks_changes(filled: str, tmp_path: Path) -> None:
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    ind = "disputes.reconsideration_cases"
    files = ["--csv", str(csv_path), "--xlsx", str(xlsx_path)]
    out = runner.invoke(app, ["compare", "-i", ind, "--year", "2024", *files, "--db", filled])
    assert out.exit_code == 0, out.stderr
    rows = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].split(",")[4] == ind and ",120.0," in rows[1]
    ws = load_workbook(xlsx_path).active
    assert ws.cell(2, 5).value == 120 and "120件" in ws.cell(2, 5).comment.text
    unit = runner.invoke(app, ["compare", "--entity", "武侯区", "--db", filled])
    assert "+20.0%" in unit.stdout and "相符" in unit.stdout
    unknown = runner.invoke(app, ["compare", "-i", "disputes.nothing", "--db", filled])
    assert unknown.exit_code == 1 and "未知的指标" in unknown.stderr
