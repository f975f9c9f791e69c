"""``fazhi eval``: how close the analyser comes to hand-made gold files."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from fazhi.analysis import analyze_path
from fazhi.cli.app import app
from fazhi.eval import Tally, gold_files, score_report, summary
from fazhi.i18n import t


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(
        ..., "--gold", exists=True, file_okay=False, help="金标准目录 / gold directory"
    ),
    corpus: Path = typer.Option(
        ..., "--corpus", exists=True, file_okay=False, help="报告目录 / corpus directory"
    ),
    detail: bool = typer.Option(False, "--detail", help="列出每一处差异 / list every miss"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出 / print JSON"),
) -> None:
    """对照金标准评测。Measure against gold files (spec/annotation.md)."""
    tally = Tally()
    for gold_path, g in gold_files(gold):
        target = corpus / g["file"]
        if not target.exists():
            tally.misses.append(f"{gold_path.name}: corpus file {g['file']} not found")
            continue
        score_report(analyze_path(target), g, tally, gold_path.stem)
    figures = summary(tally)
    console = Console()
    if as_json:
        typer.echo(
            json.dumps({"summary": figures, "misses": tally.misses}, ensure_ascii=False, indent=2)
        )
        return
    table = Table(title="fazhi eval")
    table.add_column(t("metric"))
    table.add_column(t("result"), justify="right")
    for key, value in figures.items():
        table.add_row(key, "—" if value is None else f"{value:.4f}")
    console.print(table)
    if detail:
        for line in tally.misses:
            console.print(line, markup=False, highlight=False)
    elif tally.misses:
        console.print(f"[dim]{len(tally.misses)} differences; --detail lists them[/]")
