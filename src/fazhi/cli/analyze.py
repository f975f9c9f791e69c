"""``fazhi analyze PATH...``: the analysis of each report as JSON, JSON lines or tables."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console

from fazhi.cli.app import app
from fazhi.cli.batch import BatchReport, Jobs, Paths, TaxonomyFile, analyses, finish, worker_for
from fazhi.cli.render import render_analysis
from fazhi.model import Analysis


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@app.command("analyze")
def analyze_cmd(
    paths: Paths,
    fmt: Format = typer.Option(Format.json, "--format", "-f", help="json | jsonl | table"),
    jobs: Jobs = 1,
    indent: int = typer.Option(2, help="JSON 缩进 / JSON indent"),
    taxonomy: TaxonomyFile = None,
) -> None:
    """分析报告：元数据、提纲、必备部分、数据与审查结论。Analyse reports."""
    report = BatchReport()
    out = sys.stdout
    console = Console()
    items = analyses(paths, jobs, report, worker=worker_for(taxonomy))
    if fmt is Format.table:
        for _, a in items:
            if not a.errors:
                render_analysis(a, console)
    elif fmt is Format.jsonl:
        for _, a in items:
            out.write(a.to_json() + "\n")
    else:
        _write_json(items, out, indent, many=_many(paths))
    finish(report)


def _many(paths: list[str]) -> bool:
    return len(paths) > 1 or any(Path(p).is_dir() for p in paths)


def _write_json(
    items: Iterable[tuple[Path, Analysis]], out: TextIO, indent: int, many: bool
) -> None:
    """Stream one object, or an array of objects, without holding the batch in memory."""
    ind = indent or None
    if not many:
        for _, a in items:
            out.write(a.to_json(indent=ind) + "\n")
        return
    out.write("[")
    for n, (_, a) in enumerate(items):
        out.write(("," if n else "") + "\n" + a.to_json(indent=ind))
    out.write("\n]\n")
