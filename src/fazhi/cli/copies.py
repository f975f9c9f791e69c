"""``fazhi copies``: passages reports share with other units' reports of the same year or with
their own unit's report of the year before."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fazhi.cli._store import corpus, db_option, fail, guarded
from fazhi.cli.app import app
from fazhi.i18n import t
from fazhi.store import service

_EXCERPT = 80


@app.command("copies")
def copies_cmd(
    report_id: int | None = typer.Argument(None, help="报告编号；省略则检测全库 / report id"),
    db: str | None = db_option(),
    year: int | None = typer.Option(None, "--year", help="只检测这一年 / one year only"),
    threshold: float = typer.Option(0.8, "--threshold", min=0.5, max=1.0, help="相似度下限"),
    limit: int = typer.Option(20, "--limit", min=1, help="列出的报告数 / reports listed"),
) -> None:
    """重复文字检测：与同年其他单位或本单位上年报告相同的段落，及其占全文的比例。
    Copy detection: passages shared with other units' reports or repeated from last year."""
    engine = corpus(db)
    console = Console()
    if report_id is None:
        run = guarded(
            lambda: service.detect_copies(engine, year=year, threshold=threshold, top=limit)
        )
        console.print(t("copies_run", pairs=run.pairs, reports=run.reports, secs=run.seconds))
        table = Table(title=t("copy_share"))
        for key in ("report_id", "entity", "report_year", "copy_share"):
            table.add_column(t(key))
        for rid, entity, yr, share in run.top:
            table.add_row(str(rid), escape(entity or "—"), str(yr or "—"), f"{share:.1%}")
        console.print(table)
        return
    found = guarded(lambda: service.copies(engine, report_id))
    if found is None:
        raise fail(t("no_report", id=report_id))
    share = "—" if found.share is None else f"{found.share:.1%}"
    console.print(f"[bold]#{report_id}[/] {t('copy_share')}: {share}")
    table = Table()
    for key in ("offset", "copy_with", "report_year", "copy_relation", "similarity", "excerpt"):
        table.add_column(t(key), overflow="fold")
    for p in found.passages:
        text = p.text or ""
        excerpt = text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else "")
        table.add_row(
            f"{p.start}–{p.end}",
            f"#{p.other} {escape(p.other_entity or '—')}",
            str(p.other_year or "—"),
            t(p.relation),
            f"{p.similarity:.2f}",
            escape(excerpt),
        )
    console.print(table)
