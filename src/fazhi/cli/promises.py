"""``fazhi promises``: a unit's plans for the next year against its next report."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fazhi.cli._store import corpus, db_option, guarded
from fazhi.cli.app import app
from fazhi.i18n import t
from fazhi.store import service
from fazhi.store.promises import PromisePair

_EXCERPT = 60


def _cut(text: str | None) -> str:
    if not text:
        return "—"
    text = " ".join(text.split())
    return escape(text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else ""))


def _share(pair: PromisePair) -> str:
    share = pair.report.share_taken_up
    return "—" if share is None else f"{share:.0%}"


def _detail(pair: PromisePair, console: Console) -> None:
    title = t("promises_of", entity=pair.entity, year=pair.plan_year, next=pair.plan_year + 1)
    table = Table(title=f"{escape(title)} · {t('share_taken_up')} {_share(pair)}")
    for key in ("plan_item", "promise_status", "evidence"):
        table.add_column(t(key), overflow="fold")
    for match, evidence in zip(pair.report.items, pair.evidence, strict=True):
        colour = {"taken_up": "green", "not_mentioned": "red"}.get(match.status, "yellow")
        table.add_row(_cut(match.item.text), f"[{colour}]{t(match.status)}[/]", _cut(evidence))
    console.print(table)
    if pair.report.error:
        console.print(f"[yellow]{escape(pair.report.error)}[/]")


@app.command("promises")
def promises_cmd(
    db: str | None = db_option(),
    entity: str | None = typer.Option(None, "--entity", help="报告主体 / entity"),
    year: int | None = typer.Option(None, "--year", help="作出计划的报告年度 / plan year"),
    limit: int = typer.Option(50, "--limit", min=1, help="最多列出几对报告 / pairs listed"),
    offset: int = typer.Option(0, "--offset", min=0),
) -> None:
    """承诺兑现：上一年报告中的下一年度安排，在次年报告的成效部分是否提到。
    Promises kept: last year's plan items taken up, or not, in this year's achievements."""
    engine = corpus(db)
    pairs, total = guarded(
        lambda: service.promises(engine, entity=entity, year=year, offset=offset, limit=limit)
    )
    console = Console()
    if not pairs:
        console.print(t("no_rows"))
        return
    if entity:
        for pair in pairs:
            _detail(pair, console)
        return
    table = Table(title=f"{t('share_taken_up')} · {len(pairs)}/{total}")
    for key in ("entity", "report_year", "plan_items", "share_taken_up"):
        table.add_column(t(key))
    for p in pairs:
        table.add_row(
            escape(p.entity),
            f"{p.plan_year}→{p.plan_year + 1}",
            str(len(p.report.items)),
            _share(p),
        )
    console.print(table)
