"""The command line: formats, batches with bad files, exit status, evaluation."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from fazhi.cli import app
from helpers import GOLD, SEEDS

runner = CliRunner()


def test_analyze_one_file_json():
    path = next(SEEDS.glob("000_*.txt"))
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["metadata"]["entity"] == "重庆市南岸区人民政府"


def test_jsonl_one_object_a_line():
    result = runner.invoke(app, ["analyze", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert len(lines) == 5 and all(x["schema"] == "fazhi.analysis/1" for x in lines)


def test_directory_as_json_array():
    result = runner.invoke(app, ["analyze", str(SEEDS), "--format", "json", "--indent", "0"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 5


def test_table_format_shows_parts_and_facts():
    path = next(SEEDS.glob("003_*.txt"))
    result = runner.invoke(app, ["analyze", str(path), "--format", "table"])
    assert result.exit_code == 0
    assert "乐山市五通桥区人民政府" in result.stdout and "数据" in result.stdout


def test_batch_with_a_bad_file_goes_on_and_fails(tmp_path):
    for p in list(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n%broken")
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04junk")  # not a report suffix: skipped
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    objs = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    good = [o for o in objs if not o["errors"]]
    bad = [o for o in objs if o["errors"]]
    assert len(good) == 2 and len(bad) == 1 and "broken.pdf" in bad[0]["errors"][0]
    assert "broken.pdf" in result.stderr


def test_missing_path_is_an_error():
    result = runner.invoke(app, ["analyze", "/nonexistent/report.txt"])
    assert result.exit_code == 1 and "不存在" in result.stderr


def test_english_interface():
    result = runner.invoke(app, ["--lang", "en", "analyze", "/nonexistent/report.txt"])
    assert "These files could not be read" in result.stderr


def test_eval_prints_the_figures():
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), "--corpus", str(SEEDS), "--json"])
    assert result.exit_code == 0
    s = json.loads(result.stdout)["summary"]
    assert s["headings.f1"] == 1.0 and s["facts.f1"] >= 0.97


def test_facts_with_a_user_taxonomy(tmp_path):
    tax = tmp_path / "mine.yaml"
    tax.write_text(
        "version: t1\nindicators:\n  - id: local.parking\n    name: 共享停车位\n"
        "    name_en: parking\n    unit: 个\n    kinds: [count]\n    units: [个]\n"
        "    when: ['停车位']\n",
        encoding="utf-8",
    )
    out = tmp_path / "facts.csv"
    result = runner.invoke(app, ["facts", str(SEEDS), "--taxonomy", str(tax), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    rows = [r for r in out.read_text(encoding="utf-8-sig").splitlines() if "local.parking" in r]
    assert rows and "共享停车位" in rows[0]


def test_facts_xlsx(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "facts.xlsx"
    result = runner.invoke(app, ["facts", str(SEEDS), "--xlsx", str(out)])
    assert result.exit_code == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["文件", "报告主体", "报告年度", "部分"] and ws.max_row > 200
