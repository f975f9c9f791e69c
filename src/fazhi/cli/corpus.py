"""The corpus commands: ``fazhi ingest``, ``list``, ``show``, ``remove``, ``reanalyze``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fazhi.cli._store import corpus, db_option, fail, guarded, progress_bar
from fazhi.cli.app import app
from fazhi.cli.batch import Jobs, Paths, TaxonomyFile, err_console
from fazhi.cli.render import render_analysis
from fazhi.i18n import t
from fazhi.store import service
from fazhi.store.queries import ReportSummary


def _finish(kind: str, failed: list[tuple[str, str]], **counts: object) -> None:
    """The files that failed, each with why, then the batch's counts; a failure makes the exit
    status non-zero, so that a script sees it."""
    if failed:
        err_console.print(f"\n[bold red]{t(kind + '_failed')}:[/]")
        for path, why in failed:
            err_console.print(f"  [red]✗[/] {escape(path)}: {escape(why)}")
    err_console.print(t(kind + "_summary", bad=len(failed), **counts))
    if failed:
        raise typer.Exit(code=1)


@app.command("ingest")
def ingest_cmd(
    paths: Paths,
    db: str | None = db_option(),
    jobs: Jobs = 0,
    taxonomy: TaxonomyFile = None,
) -> None:
    """报告入库：同一内容只存一次，修改过的文件存为新版本，可中断后重跑续完。
    Store reports: the same content once, a changed file as a new version; re-run to resume."""
    engine = corpus(db)
    with progress_bar(t("ingesting")) as advance:
        summary = guarded(
            lambda: service.ingest(
                engine, paths, jobs=jobs, taxonomy_file=taxonomy and str(taxonomy), progress=advance
            )
        )
    for p in summary.skipped:
        err_console.print(f"[dim]{escape(p)}: {t('skipped')}[/]")
    _finish(
        "ingest",
        summary.failed,
        n=summary.total,
        added=summary.added,
        versions=summary.new_versions,
        unchanged=summary.unchanged,
        secs=summary.seconds,
    )


def _summary_table(items: list[ReportSummary]) -> Table:
    table = Table(show_lines=False)
    for key in ("report_id", "entity", "level", "report_year", "version", "score", "facts", "path"):
        table.add_column(t(key), overflow="fold")
    for r in items:
        table.add_row(
            str(r.id),
            escape(r.entity or "—"),
            t(r.level) if r.level else "—",
            str(r.year or "—"),
            f"{r.version}{'' if r.current else ' ·'}",
            "—" if r.score_total is None else f"{r.score_total:g}",
            str(r.n_facts),
            escape(r.path or ""),
        )
    return table


@app.command("list")
def list_cmd(
    db: str | None = db_option(),
    entity: str | None = typer.Option(None, "--entity", help="报告主体（包含即可）/ entity"),
    level: str | None = typer.Option(None, "--level", help="层级 / level"),
    year: int | None = typer.Option(None, "--year", help="报告年度 / report year"),
    all_versions: bool = typer.Option(
        False, "--all-versions", help="也列出旧版本 / older versions too"
    ),
    errors: bool = typer.Option(False, "--errors", help="列出入库错误 / list ingest errors"),
    offset: int = typer.Option(0, "--offset", min=0),
    limit: int = typer.Option(50, "--limit", min=1),
) -> None:
    """列出语料库中的报告（或入库错误）。List the stored reports (or the ingest errors)."""
    engine = corpus(db)
    console = Console()
    if errors:
        page = service.errors(engine, offset=offset, limit=limit)
        if not page.items:
            console.print(t("no_errors"))
            return
        table = Table()
        for key in ("path", "reason", "time"):
            table.add_column(t(key), overflow="fold")
        for e in page.items:
            table.add_row(escape(e.path), escape(e.reason), f"{e.at:%Y-%m-%d %H:%M}")
        console.print(table)
        return
    found = guarded(
        lambda: service.list_reports(
            engine,
            entity=entity,
            level=level,
            year=year,
            all_versions=all_versions,
            offset=offset,
            limit=limit,
        )
    )
    console.print(_summary_table(found.items))
    if found.items:
        last = offset + len(found.items)
        console.print(t("listed", total=found.total, first=offset + 1, last=last))


@app.command("show")
def show_cmd(
    report_id: int = typer.Argument(..., help="报告编号 / report id"),
    db: str | None = db_option(),
    as_json: bool = typer.Option(False, "--json", help="输出分析 JSON / print the analysis JSON"),
) -> None:
    """显示一份已入库报告的分析。Show a stored report's analysis."""
    engine = corpus(db)
    detail = service.show(engine, report_id)
    if detail is None:
        raise fail(t("no_report", id=report_id))
    if as_json:
        typer.echo(detail.analysis.to_json(indent=2))
        return
    console = Console()
    render_analysis(detail.analysis, console)
    console.print(f"[bold]{t('versions')}[/]")
    console.print(_summary_table(detail.versions))


@app.command("remove")
def remove_cmd(
    report_id: int = typer.Argument(..., help="报告编号 / report id"),
    db: str | None = db_option(),
) -> None:
    """删除一份报告（一个版本）及其全部数据。Remove one report version and all its data."""
    engine = corpus(db)
    removed = service.remove(engine, report_id)
    if removed is None:
        raise fail(t("no_report", id=report_id))
    err_console.print(t("removed", id=report_id))
    if removed.promoted is not None:
        err_console.print(t("promoted", id=removed.promoted))


@app.command("reanalyze")
def reanalyze_cmd(
    db: str | None = db_option(),
    taxonomy: TaxonomyFile = None,
    jobs: Jobs = 0,
    force: bool = typer.Option(
        False, "--all", help="全部重新分析，不论规则是否变化 / re-analyse every report"
    ),
    reindex: bool = typer.Option(
        False, "--reindex", help="重建检索索引 / rebuild the search index"
    ),
) -> None:
    """按当前规则和指标体系重新分析已入库报告（不需要原文件）。
    Re-analyse stored reports with the current rules and taxonomy (no files needed)."""
    engine = corpus(db)
    if reindex:
        n = guarded(lambda: service.reindex(engine))
        err_console.print(t("reindexed", n=n))
        return
    with progress_bar(t("reanalyzing")) as advance:
        summary = guarded(
            lambda: service.reanalyze(
                engine,
                taxonomy_file=taxonomy and str(taxonomy),
                jobs=jobs,
                force=force,
                progress=advance,
            )
        )
    _finish(
        "reanalyze",
        summary.failed,
        n=summary.total,
        updated=summary.updated,
        current=summary.up_to_date,
        secs=summary.seconds,
    )
