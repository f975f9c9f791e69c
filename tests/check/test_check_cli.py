"""``fazhi check``: tables and JSON lines, the XLSX compliance matrix read back, users' rule,
rubric and config files, and the exit status (files unread, not checks failed)."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from check_builders import report
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.export.compliance import FILLS
from helpers import SEEDS

runner = CliRunner()


@pytest.fixture
def reports(tmp_path):
    """A folder with two written reports (one lacking a part) and a file that cannot be read."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_full.txt").write_text(report(), encoding="utf-8")
    (folder / "b_lacking.txt").write_text(report(responsibility=None), encoding="utf-8")
    (folder / "c_broken.pdf").write_bytes(b"%PDF-1.7\n%broken")
    return folder


def _jsonl(result) -> list[dict]:
    return [json.loads(x) for x in result.stdout.splitlines() if x.strip()]


def test_a_table_of_verdicts_and_the_score():
    path = next(SEEDS.glob("*.txt"))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "审查结论" in out and "符合" in out and "得分" in out and "/ 100" in out


def test_english():
    path = next(SEEDS.glob("*.txt"))
    result = runner.invoke(app, ["--lang", "en", "check", str(path)])
    assert result.exit_code == 0
    assert "verdicts" in result.stdout and "pass" in result.stdout
    assert "completeness" in result.stdout


def test_failing_checks_are_not_a_failure_unread_files_are(reports):
    result = runner.invoke(app, ["check", str(reports), "--format", "jsonl"])
    assert result.exit_code == 1 and "c_broken.pdf" in result.stderr.replace("\n", "")
    lines = _jsonl(result)
    assert [x["path"].rsplit("/", 1)[1] for x in lines] == ["a_full.txt", "b_lacking.txt"]
    lacking = {c["rule"]: c["verdict"] for c in lines[1]["checks"]}
    assert lacking["content.responsibility"] == "fail"
    assert lines[1]["score"]["total"] < lines[0]["score"]["total"]


def test_the_compliance_matrix(reports, tmp_path):
    out = tmp_path / "matrix.xlsx"
    result = runner.invoke(app, ["check", str(reports), "--xlsx", str(out), "--format", "jsonl"])
    assert result.exit_code == 1 and out.exists()
    wb = openpyxl.load_workbook(out)
    matrix, details = wb.worksheets
    head = [c.value for c in matrix[1]]
    assert head[:5] == ["文件", "报告主体", "层级", "报告年度", "得分"]
    assert matrix.freeze_panes == "B2" and matrix.auto_filter.ref == matrix.dimensions
    rows = {r[0].rsplit("/", 1)[1]: r for r in matrix.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"a_full.txt", "b_lacking.txt", "c_broken.pdf"}
    col = next(i for i, h in enumerate(head) if h.endswith("content.responsibility"))
    assert rows["a_full.txt"][col] == "符合" and rows["b_lacking.txt"][col] == "不符合"
    assert rows["c_broken.pdf"][col] is None and "c_broken.pdf" in rows["c_broken.pdf"][-1]
    assert rows["a_full.txt"][1] == "杭州市西湖区人民政府" and rows["a_full.txt"][3] == 2024
    lacking_row = next(
        r for r in matrix.iter_rows(min_row=2) if r[0].value.endswith("b_lacking.txt")
    )
    assert lacking_row[col].fill.fgColor.rgb.endswith(FILLS["fail"].fgColor.rgb[-6:])
    detail = [r for r in details.iter_rows(min_row=2, values_only=True)]
    missing = next(
        r for r in detail if r[0].endswith("b_lacking.txt") and r[1] == "content.responsibility"
    )
    assert missing[3] == "不符合" and "请补写" in missing[4] and "一、" in missing[6]
    assert details.freeze_panes == "A2" and details.auto_filter.ref


def test_a_users_rule_file_adds_a_rule(reports, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: local.publicity\n"
        "    kind: required_part\n"
        "    title: {zh: 法治宣传教育情况}\n"
        "    params: {part: publicity, requirement: 法治宣传教育情况}\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.xlsx"
    result = runner.invoke(
        app, ["check", str(reports / "a_full.txt"), "--rules", str(rules), "--xlsx", str(out)]
    )
    assert result.exit_code == 0 and "法治宣传教育情况" in result.stdout
    head = [c.value for c in openpyxl.load_workbook(out).worksheets[0][1]]
    assert any(h and h.endswith("local.publicity") for h in head)


def test_a_users_rubric_changes_the_score(reports, tmp_path):
    path = str(reports / "b_lacking.txt")
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("parts:\n  completeness: {weight: 0}\n", encoding="utf-8")
    shipped = _jsonl(runner.invoke(app, ["check", path, "-f", "jsonl"]))[0]["score"]
    changed = _jsonl(runner.invoke(app, ["check", path, "-f", "jsonl", "--rubric", str(rubric)]))
    assert changed[0]["score"]["total"] > shipped["total"]
    assert "completeness" not in changed[0]["score"]["parts"]


def test_a_local_deadline_from_the_config_file(tmp_path):
    dept = tmp_path / "dept.txt"
    text = report(entity="杭州市西湖区司法局", signer="杭州市西湖区司法局", signed="2025年3月5日")
    dept.write_text(text, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("local_deadlines: {department: '03-01'}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(dept), "-f", "jsonl", "--config", str(config)])
    verdicts = {c["rule"]: c for c in _jsonl(result)[0]["checks"]}
    assert verdicts["timeliness.local_deadline"]["verdict"] == "fail"
    assert "2025-03-01" in verdicts["timeliness.local_deadline"]["message"]


@pytest.mark.parametrize("option", ["--rules", "--rubric", "--config"])
def test_a_bad_file_stops_before_any_report_is_read(tmp_path, option):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(next(SEEDS.glob("*.txt"))), option, str(bad)])
    assert result.exit_code == 2 and "bad.yaml" in result.stderr and "YAML" in result.stderr
    assert result.stdout == ""


def test_copies_of_one_report_give_identical_rows(tmp_path):
    src = next(SEEDS.glob("*.txt"))
    for name in ("x.txt", "y.txt"):
        shutil.copy(src, tmp_path / name)
    result = runner.invoke(app, ["check", str(tmp_path), "-f", "jsonl", "--jobs", "2"])
    x, y = _jsonl(result)
    assert x["checks"] == y["checks"] and x["score"] == y["score"]
