"""``fazhi check PATH...``: each report's verdicts and score, and a compliance matrix.

The exit status says whether every file could be read, not whether the reports passed: a
batch whose reports fail checks has done its job.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from functools import partial
from pathlib import Path

import typer
from rich.console import Console
from rich.panel import Panel

from fazhi.analysis import analyze_path
from fazhi.check import CheckConfig, Rubric, RuleError, RuleSet, evaluate
from fazhi.cli.app import app
from fazhi.cli.batch import BatchReport, Jobs, Paths, analyses, err_console, finish
from fazhi.cli.render import checks_table, score_table
from fazhi.export.compliance import Row, write_compliance
from fazhi.export.review import write_review
from fazhi.i18n import lang, t
from fazhi.model import Analysis


class CheckFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.command("check")
def check_cmd(
    paths: Paths,
    xlsx: Path | None = typer.Option(
        None, "--xlsx", help="写出审查矩阵（XLSX） / write the compliance matrix"
    ),
    docx: Path | None = typer.Option(
        None,
        "--docx",
        help="每份报告写出一份审查意见（Word）到此目录 / write each report's review (DOCX) here",
    ),
    rules: Path | None = typer.Option(
        None, "--rules", help="自定义规则文件，叠加在内置规则上 / your rules, laid over the shipped"
    ),
    rubric: Path | None = typer.Option(
        None, "--rubric", help="自定义评分表，叠加在内置评分表上 / your rubric changes"
    ),
    config: Path | None = typer.Option(
        None, "--config", help="本地设置（如本地报送期限） / local settings (deadlines)"
    ),
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f", help="table | jsonl"),
    jobs: Jobs = 1,
) -> None:
    """审查报告：逐条规则的结论、说明、依据和证据，以及评分。Check reports and score them."""
    rule_set, rub, cfg = _load(rules, rubric, config)
    report = BatchReport()
    console = Console()
    rows: list[Row] = []
    worker = partial(analyze_path, checks=False)  # checked here, with the user's rule files
    for path, a in analyses(paths, jobs, report, worker=worker):
        if not a.errors:
            a.checks, a.score = evaluate(a, rule_set, rub, cfg, lang=lang())
            if fmt is CheckFormat.table:
                _render(a, rub, console)
            else:
                sys.stdout.write(_jsonl(path, a) + "\n")
            if docx is not None:
                _write_review(a, path, docx, report)
        if xlsx is not None:
            rows.append(Row.of(path, a))
    if xlsx is not None:
        listed = {r.file for r in rows}
        rows += [Row(file=p, error=why) for p, why in report.failed if p not in listed]
        write_compliance(rows, xlsx, rule_set, rub, lang())
        err_console.print(t("wrote", path=xlsx))
    finish(report)


def _write_review(a: Analysis, path: Path, folder: Path, report: BatchReport) -> None:
    """One review per report, named after its file; a review that cannot be written is a
    failure of that file, reported with the others."""
    out = folder / f"{path.stem}.审查意见.docx"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_review(a, out)
    except OSError as exc:
        report.failed.append((str(path), t("cannot_write", path=out, why=exc.strerror or exc)))
        return
    err_console.print(t("wrote", path=out))


def _load(
    rules: Path | None, rubric: Path | None, config: Path | None
) -> tuple[RuleSet, Rubric, CheckConfig | None]:
    """The user's files laid over the shipped ones; a file that cannot be used stops the
    command before any report is read (exit status 2), saying which file and why."""
    try:
        rule_set = RuleSet.with_file(rules) if rules else RuleSet.default()
        rub = Rubric.with_file(rubric) if rubric else Rubric.default()
        cfg = CheckConfig.with_file(config) if config else None
    except RuleError as exc:
        err_console.print(f"[bold red]{t('rules_file_error')}：[/]{exc}", soft_wrap=True)
        raise typer.Exit(code=2) from exc
    if missing := rub.unknown_rules(rule_set):
        err_console.print(f"[yellow]{t('rubric_unknown_rules', ids=', '.join(missing))}[/]")
    return rule_set, rub, cfg


def _render(a: Analysis, rubric: Rubric, console: Console) -> None:
    md = a.metadata
    title = " ｜ ".join(str(x) for x in (a.source.path, md.entity, md.report_year) if x)
    console.print(Panel(checks_table(a), title=title, expand=True))
    console.print(score_table(a, rubric))


def _jsonl(path: Path, a: Analysis) -> str:
    d = a.to_dict()
    keep = {"path": str(path), "metadata": d["metadata"], "checks": d["checks"]}
    return json.dumps(keep | {"score": d["score"]}, ensure_ascii=False)
