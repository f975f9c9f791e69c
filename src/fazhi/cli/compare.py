"""``fazhi compare`` (indicator tables) and ``fazhi changes`` (stated changes checked)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fazhi.cli._store import corpus, db_option, fail, guarded
from fazhi.cli.app import app
from fazhi.cli.batch import err_console
from fazhi.compare.table import Cell, IndicatorTable, StatedChange, UnitTable
from fazhi.export.tables import save_csv, save_xlsx
from fazhi.i18n import t
from fazhi.store import service


def _value(cell: Cell | None) -> str:
    if cell is None:
        return "—"
    more = f" [dim](+{len(cell.others)})[/]" if cell.others else ""
    return f"{cell.value:,.10g}{more}"


def _indicator_table(table: IndicatorTable) -> Table:
    out = Table(title=f"{t('indicator')} · {len(table.rows)}/{table.total_rows}")
    for key in ("report_id", "entity", "report_year"):
        out.add_column(t(key))
    for ind in table.indicators:
        out.add_column(ind, justify="right")
    for row in table.rows:
        cells = [_value(row.cells.get(i)) for i in table.indicators]
        out.add_row(str(row.report_id), escape(row.entity or "—"), str(row.year or "—"), *cells)
    return out


def _unit_table(table: UnitTable) -> Table:
    out = Table(title=escape(table.entity))
    out.add_column(t("indicator"))
    for y in table.years:
        out.add_column(str(y), justify="right")
    for ind in table.indicators:
        values = []
        for y in table.years:
            text = _value(table.cells.get((ind, y)))
            change = table.changes.get((ind, y))
            if change is not None and change.percent is not None:
                colour = "green" if change.percent >= 0 else "red"
                text += f" [{colour}]{change.percent:+.1f}%[/]"
            values.append(text)
        out.add_row(ind, *values)
    return out


def _changes_table(found: list[StatedChange]) -> Table:
    out = Table(title=t("stated_change"))
    for key in (
        "report_id",
        "entity",
        "report_year",
        "indicator",
        "base_figure",
        "stated_change",
        "previous_figure",
        "computed_change",
        "verdict",
    ):
        out.add_column(t(key), overflow="fold")
    for c in found:
        computed = "—" if c.computed is None else f"{c.computed:+.1f}{c.stated.unit}"
        verdict = {"consistent": "green", "mismatch": "bold red"}.get(c.verdict, "yellow")
        label = t(c.verdict) if c.verdict != "unknown" else t(f"change_{c.reason}")
        out.add_row(
            str(c.report_id),
            escape(c.entity or "—"),
            str(c.year),
            c.indicator,
            escape(c.base.text),
            escape((c.stated.subject or "") + c.stated.text),
            escape(c.previous.text) if c.previous else "—",
            computed,
            f"[{verdict}]{escape(label)}[/]",
        )
    return out


def _export(
    table: IndicatorTable | UnitTable, csv_path: Path | None, xlsx_path: Path | None
) -> None:
    if csv_path:
        save_csv(table, csv_path)
        err_console.print(t("wrote", path=csv_path))
    if xlsx_path:
        save_xlsx(table, xlsx_path)
        err_console.print(t("wrote", path=xlsx_path))


@app.command("compare")
def compare_cmd(
    indicator: list[str] = typer.Option(
        None, "--indicator", "-i", help="指标编号，可重复 / indicator id (repeatable)"
    ),
    db: str | None = db_option(),
    level: str | None = typer.Option(None, "--level", help="层级 / level"),
    year: int | None = typer.Option(None, "--year", help="报告年度 / report year"),
    entity: str | None = typer.Option(
        None, "--entity", help="看一个主体历年的数据 / one entity over the years"
    ),
    years: str | None = typer.Option(None, "--years", help="年份范围，如 2022-2024 / year range"),
    csv_path: Path | None = typer.Option(None, "--csv", help="写出 CSV 文件 / write CSV"),
    xlsx_path: Path | None = typer.Option(None, "--xlsx", help="写出 Excel 文件 / write XLSX"),
    limit: int | None = typer.Option(None, "--limit", min=1, help="最多显示行数 / rows shown"),
) -> None:
    """指标比较表：各主体一行、各指标一列；或一个主体历年的数据与变化。
    Indicator tables: entities × indicators, or one entity's indicators over the years."""
    engine = corpus(db)
    console = Console()
    if entity:
        span = guarded(lambda: service.YearRange.parse(years)) if years else None
        unit = guarded(
            lambda: service.unit_years(
                engine, entity, years=span.years if span else None, indicators=indicator or None
            )
        )
        console.print(_unit_table(unit))
        stated = guarded(lambda: service.changes(engine, entity=unit.entity))
        if stated:
            console.print(_changes_table(stated))
        _export(unit, csv_path, xlsx_path)
        return
    if not indicator:
        raise fail("请用 --indicator 指定至少一个指标，或用 --entity 查看一个主体。")
    table = guarded(lambda: service.compare(engine, indicator, level=level, year=year))
    if not table.rows:
        console.print(t("no_rows"))
        return
    shown = IndicatorTable(table.indicators, table.rows[:limit], table.total_rows)
    console.print(_indicator_table(shown))
    _export(table, csv_path, xlsx_path)


@app.command("changes")
def changes_cmd(
    db: str | None = db_option(),
    entity: str | None = typer.Option(None, "--entity", help="报告主体 / entity"),
    year: int | None = typer.Option(None, "--year", help="报告年度 / report year"),
    mismatches: bool = typer.Option(False, "--mismatches", help="只列不符的 / mismatches only"),
) -> None:
    """核对报告所述的同比变化与库中两年数据是否相符。
    Check the year-over-year changes reports state against the two years' figures."""
    engine = corpus(db)
    found = guarded(
        lambda: service.changes(engine, entity=entity, year=year, mismatches_only=mismatches)
    )
    console = Console()
    if not found:
        console.print(t("no_rows"))
        return
    console.print(_changes_table(found))
