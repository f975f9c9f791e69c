"""Compare tables as CSV or XLSX.

CSV (UTF-8 with a BOM, so Excel opens it right) has one column per indicator for the value and
one for the sentence it comes from, since a CSV cell has no tooltip. XLSX shows the values with
the sentence as each cell's comment, and a second sheet lists every figure behind the table
(the chosen one and the others) with its report, offset and sentence, so a reader can check any
cell without the tool.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from fazhi.compare.table import Cell, IndicatorTable, UnitTable
from fazhi.export import HEADER_FILL
from fazhi.i18n import t

_COMMENT_CHARS = 400


def _indicator_rows(table: IndicatorTable) -> Iterator[list[Any]]:
    yield [t("report_id"), t("entity"), t("level"), t("report_year")] + [
        h for ind in table.indicators for h in (ind, f"{ind} {t('sentence')}")
    ]
    for row in table.rows:
        values: list[Any] = [row.report_id, row.entity, t(row.level) if row.level else "", row.year]
        for ind in table.indicators:
            cell = row.cells.get(ind)
            values += [cell.value, cell.fact.sentence] if cell else [None, None]
        yield values


def _unit_rows(table: UnitTable) -> Iterator[list[Any]]:
    yield [t("indicator")] + [
        h for y in table.years for h in (str(y), f"{y} {t('change_pct')}", f"{y} {t('sentence')}")
    ]
    for ind in table.indicators:
        values: list[Any] = [ind]
        for y in table.years:
            cell = table.cells.get((ind, y))
            change = table.changes.get((ind, y))
            pct = round(change.percent, 1) if change and change.percent is not None else None
            values += [cell.value if cell else None, pct, cell.fact.sentence if cell else None]
        yield values


def write_csv(table: IndicatorTable | UnitTable, out: TextIO) -> int:
    """Write the table; returns the number of data rows."""
    rows = _unit_rows(table) if isinstance(table, UnitTable) else _indicator_rows(table)
    writer = csv.writer(out)
    writer.writerow(next(rows))
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def save_csv(table: IndicatorTable | UnitTable, path: str | Path) -> int:
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        return write_csv(table, fh)


def save_xlsx(table: IndicatorTable | UnitTable, path: str | Path) -> int:
    """Write the workbook; returns the number of data rows of the first sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("compare_sheet")
    if isinstance(table, UnitTable):
        n = _unit_sheet(ws, table)
        facts = [(table.entity, y, ind, c) for (ind, y), c in table.cells.items()]
    else:
        n = _indicator_sheet(ws, table)
        facts = [(r.entity, r.year, ind, c) for r in table.rows for ind, c in r.cells.items()]
    _facts_sheet(wb.create_sheet(t("figures_sheet")), facts)
    wb.save(path)
    return n


def _header(ws: Worksheet) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    ws.freeze_panes = "B2"


def _comment(cell: Cell) -> Comment:
    words = [cell.fact.sentence or cell.fact.text]
    if cell.others:
        words.append(t("other_figures") + "：" + "；".join(o.text for o in cell.others))
    return Comment("\n".join(words)[:_COMMENT_CHARS], "fazhi")


def _indicator_sheet(ws: Worksheet, table: IndicatorTable) -> int:
    ws.append([t("report_id"), t("entity"), t("level"), t("report_year"), *table.indicators])
    for row in table.rows:
        level = t(row.level) if row.level else ""
        values = [row.cells[i].value if i in row.cells else None for i in table.indicators]
        ws.append([row.report_id, row.entity, level, row.year, *values])
        for j, ind in enumerate(table.indicators):
            if ind in row.cells:
                ws.cell(ws.max_row, 5 + j).comment = _comment(row.cells[ind])
    _header(ws)
    ws.column_dimensions["B"].width = 32
    return len(table.rows)


def _unit_sheet(ws: Worksheet, table: UnitTable) -> int:
    ws.append([t("indicator"), *map(str, table.years)])
    for ind in table.indicators:
        values = [
            table.cells[(ind, y)].value if (ind, y) in table.cells else None for y in table.years
        ]
        ws.append([ind, *values])
        for j, y in enumerate(table.years):
            if (ind, y) in table.cells:
                ws.cell(ws.max_row, 2 + j).comment = _comment(table.cells[(ind, y)])
    _header(ws)
    ws.column_dimensions["A"].width = 36
    return len(table.indicators)


def _facts_sheet(ws: Worksheet, facts: list[tuple[str | None, int | None, str, Cell]]) -> None:
    ws.append(
        [
            t("entity"),
            t("report_year"),
            t("indicator"),
            t("shown"),
            t("value"),
            t("unit"),
            t("qualifier"),
            t("subject"),
            t("report_id"),
            t("offset"),
            t("sentence"),
        ]
    )
    for entity, year, ind, cell in facts:
        for shown, f in [(True, cell.fact)] + [(False, o) for o in cell.others]:
            ws.append(
                [
                    entity,
                    year,
                    ind,
                    "✓" if shown else "",
                    f.value,
                    f.unit,
                    t(f.qualifier),
                    f.subject,
                    f.report_id,
                    f.start,
                    f.sentence,
                ]
            )
    _header(ws)
