"""Run an operation over many files: progress on stderr, results streamed in order, every
failure kept and listed at the end, a non-zero exit status when any file failed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from fazhi.analysis import analyze_path
from fazhi.files import collect
from fazhi.i18n import t
from fazhi.model import Analysis

err_console = Console(stderr=True)

# The arguments and options every batch command shares, declared once.
Paths = Annotated[list[str], typer.Argument(help="报告文件或目录 / report files or directories")]
Jobs = Annotated[
    int,
    typer.Option("--jobs", "-j", help="并行进程数，0 为全部核心 / worker processes, 0 = all cores"),
]
TaxonomyFile = Annotated[
    Path | None,
    typer.Option(
        "--taxonomy",
        exists=True,
        dir_okay=False,
        help="扩展指标体系的 YAML 文件 / your taxonomy extension",
    ),
]


@dataclass
class BatchReport:
    total: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def analyses(
    paths: list[str],
    jobs: int = 1,
    report: BatchReport | None = None,
    worker: Callable[[str], Analysis] = analyze_path,
) -> Iterator[tuple[Path, Analysis]]:
    """Analyse every file under ``paths`` in order, one process per core when ``jobs`` > 1."""
    report = report if report is not None else BatchReport()
    found = collect(paths)
    report.skipped = found.skipped
    for p in found.missing:
        report.failed.append((str(p), f"{p}: 文件不存在。请检查路径。"))
    files = found.files
    report.total = len(files) + len(found.missing)
    if not files and not found.missing:
        err_console.print(f"[yellow]{t('no_inputs')}[/]")
    with new_progress(disable=len(files) < 2) as progress:
        task = progress.add_task(t("analyzing"), total=len(files))
        for path, analysis in _run(files, jobs, worker):
            if analysis.errors:
                report.failed.append((str(path), "; ".join(analysis.errors)))
            progress.advance(task)
            yield path, analysis


def worker_for(taxonomy: Path | None) -> Callable[[str], Analysis]:
    """The per-file analysis, with a user's taxonomy passed by path so worker processes load it
    once each."""
    return partial(analyze_path, taxonomy=str(taxonomy)) if taxonomy else analyze_path


def _run(
    files: list[Path], jobs: int, worker: Callable[[str], Analysis]
) -> Iterator[tuple[Path, Analysis]]:
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    if jobs == 1:
        for f in files:
            yield f, worker(str(f))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from zip(files, pool.map(worker, map(str, files), chunksize=8), strict=True)


def new_progress(*, disable: bool = False) -> Progress:
    """The progress bar every batch command shows on stderr (gone when done)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=disable,
    )


def finish(report: BatchReport) -> None:
    """Print the failures and skips, then exit non-zero if any file failed."""
    for p in report.skipped:
        err_console.print(f"[dim]{p}: {t('skipped')}[/]")
    if report.failed:
        err_console.print(f"\n[bold red]{t('failed_files')}:[/]")
        for path, why in report.failed:
            err_console.print(f"  [red]✗[/] {why if why.startswith(path) else path + ': ' + why}")
    ok = report.total - len(report.failed)
    err_console.print(t("summary_ok", n=report.total, ok=ok, bad=len(report.failed)))
    if report.failed:
        raise typer.Exit(code=1)
