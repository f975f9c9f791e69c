"""The review (审查意见) as a Word document: read back with python-docx, from ``write_review`` and
from ``fazhi check --docx``."""

from __future__ import annotations

import io

import docx
from check_builders import SHORT, report
from typer.testing import CliRunner

from fazhi import analyze
from fazhi.cli import app
from fazhi.export.review import write_review

runner = CliRunner()


def _read(a, lang: str = "zh") -> docx.document.Document:
    buf = io.BytesIO()
    write_review(a, buf, lang=lang)
    buf.seek(0)
    return docx.Document(buf)


def _paragraphs(d) -> list[str]:
    return [p.text for p in d.paragraphs]


def test_a_report_lacking_its_causes_gets_them_asked_for_with_its_own_words_quoted():
    a = analyze(report(causes=None))
    d = _read(a)
    paras = _paragraphs(d)
    assert paras[0] == "杭州市西湖区人民政府2024年度法治政府建设报告审查意见"
    particulars, parts, verdicts = d.tables
    assert ["报告主体", "杭州市西湖区人民政府"] in [
        [c.text for c in r.cells] for r in particulars.rows
    ]
    assert ["不足的原因分析", "缺"] in [[c.text for c in r.cells] for r in parts.rows]
    assert len(verdicts.rows) == 1 + len(a.checks)
    failed = [c for c in a.checks if c.verdict == "fail"]
    assert failed and any(c.rule.endswith("causes") for c in failed)
    issue_titles = [p for p in paras if p.endswith("（不符合）")]
    assert len(issue_titles) == len(failed)
    causes = next(c for c in failed if c.rule.endswith("causes"))
    assert causes.evidence
    for e in causes.evidence:
        words = a.text[e.start : e.end].strip()
        assert f"「{words}」（位置 {e.start}–{e.end}）" in paras


def test_a_report_that_meets_every_requirement_says_so():
    a = analyze(report(published="2025-03-10"))
    open_items = [c for c in a.checks if c.verdict in ("fail", "unknown")]
    paras = _paragraphs(_read(a))
    assert ("各项要求均已满足。" in paras) == (not open_items)


def test_english_review():
    paras = _paragraphs(_read(analyze(report(causes=None)), lang="en"))
    assert paras[0] == "Review of the 杭州市西湖区人民政府2024 report"
    assert "4. What needs attention" in paras and any(
        p.endswith("(fail)") or "fail" in p for p in paras
    )


def test_fazhi_check_writes_one_review_per_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(report(), encoding="utf-8")
    (folder / "b.txt").write_text(report(responsibility=None), encoding="utf-8")
    out = tmp_path / "reviews"
    result = runner.invoke(app, ["check", str(folder), "--docx", str(out), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["a.审查意见.docx", "b.审查意见.docx"]
    text = "\n".join(_paragraphs(docx.Document(out / "b.审查意见.docx")))
    assert SHORT in text and "主要负责人" in text


def test_a_review_that_cannot_be_written_fails_that_file_and_the_exit_status(tmp_path):
    (tmp_path / "a.txt").write_text(report(), encoding="utf-8")
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "a.txt"), "--docx", str(blocker)])
    assert result.exit_code == 1
    assert "无法写入" in result.output and "a.txt" in result.output
