"""``fazhi search QUERY``: full-text search over the corpus."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer
from rich.console import Console
from rich.markup import escape

from fazhi.cli._store import corpus, db_option, guarded
from fazhi.cli.app import app
from fazhi.i18n import t
from fazhi.store import service
from fazhi.store.search import Hit, Snippet

MARK = "bold black on yellow"


def marked(snippet: Snippet) -> str:
    """The snippet as Rich markup, its matches highlighted and everything else escaped."""
    out, pos = [], 0
    for s, e in snippet.marks:
        out += [
            escape(snippet.text[pos:s]),
            f"[{MARK}]",
            escape(snippet.text[s:e]),
            "[/]",
        ]
        pos = e
    out.append(escape(snippet.text[pos:]))
    return "".join(out).replace("\n", " ")


def _heading(hit: Hit) -> str:
    part = t(hit.part) if hit.part else t("preamble")
    year = hit.year or "—"
    return (
        f"[bold cyan]#{hit.report_id}[/] {escape(hit.entity or '—')} · {year} · {part} · "
        f"[dim]{t('offset')} {hit.offset}[/]"
    )


@app.command("search")
def search_cmd(
    query: str = typer.Argument(..., help="检索词，空格分隔的词须同时出现 / words, all required"),
    db: str | None = db_option(),
    year: int | None = typer.Option(None, "--year", help="报告年度 / report year"),
    level: str | None = typer.Option(None, "--level", help="层级 / level"),
    entity: str | None = typer.Option(None, "--entity", help="报告主体（包含即可）/ entity"),
    part: str | None = typer.Option(
        None, "--part", help="报告部分：achievements|responsibility|shortcomings|next_year"
    ),
    indicator: str | None = typer.Option(
        None, "--indicator", help="只查有此指标数据的报告 / reports with this indicator"
    ),
    limit: int = typer.Option(20, "--limit", min=1, max=500),
    offset: int = typer.Option(0, "--offset", min=0),
    rank: bool = typer.Option(
        False, "--rank", help="按相关度排序（大语料库上较慢）/ by relevance (slower)"
    ),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出 / print JSON"),
) -> None:
    """全文检索：两字词也能在长词中找到（复议 → 行政复议）。Search the corpus."""
    engine = corpus(db)
    page = guarded(
        lambda: service.search(
            engine,
            query,
            year=year,
            level=level,
            entity=entity,
            part=part,
            indicator=indicator,
            limit=limit,
            offset=offset,
            order="relevance" if rank else "newest",
        )
    )
    if as_json:
        typer.echo(json.dumps(asdict(page), ensure_ascii=False, indent=2))
        return
    console = Console()
    if not page.hits:
        console.print(t("no_results"))
        return
    for hit in page.hits:
        console.print(_heading(hit))
        console.print("  " + marked(hit.snippet), highlight=False)
    if page.has_more:
        console.print(f"[dim]{t('more_results', next=offset + limit)}[/]")
