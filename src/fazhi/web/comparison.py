"""The compare page's two tables, on the corpus compare functions the CLI uses
(:mod:`fazhi.compare.table`): one indicator across units, or one unit's indicators across years.

The web adds what a supervising office filters by — region and parent government, which the
frame knows (:mod:`fazhi.web.frame`) — and orders the units by their figure, so the page and its
chart read as a ranking. Every cell keeps the place of its figure in the report, so it links to
its evidence. The tables are exported as CSV (with a BOM, for Excel) or XLSX.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import Connection

from fazhi.compare.table import Cell, UnitTable, attach_sentences, indicator_table
from fazhi.extract.indicators import Indicator, default_taxonomy
from fazhi.model import LEVELS
from fazhi.store import service
from fazhi.web.dashboard import Filters
from fazhi.web.frame import Frame


@dataclass(frozen=True, slots=True)
class UnitValue:
    rank: int
    report_id: int
    entity: str | None
    level: str | None
    region: str | None
    parent: str | None
    year: int | None
    cell: Cell


@dataclass(frozen=True, slots=True)
class Stats:
    n: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None


@dataclass(frozen=True, slots=True)
class ByIndicator:
    """``indicator`` in the reports ``filters`` selects, largest figure first; ``rows`` is
    the page asked for, ``total`` the number of units in all."""

    indicator: Indicator
    filters: Filters
    rows: list[UnitValue]
    total: int
    stats: Stats


def indicator(indicator_id: str) -> Indicator:
    """The indicator, after the service's own check (which suggests close ids)."""
    service.check_indicators([indicator_id])
    found = default_taxonomy().get(indicator_id)
    assert found is not None
    return found


def by_indicator(
    conn: Connection,
    frame: Frame,
    indicator_id: str,
    filters: Filters,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> ByIndicator:
    ind = indicator(indicator_id)
    if filters.level is not None and filters.level not in LEVELS:
        raise service.ServiceError(
            f"level 的取值 {filters.level!r} 无效；可用：{', '.join(LEVELS)}。"
        )
    table = indicator_table(conn, [ind.id], level=filters.level, year=filters.year, sentences=False)
    found = []
    for row in table.rows:
        place = frame.by_id.get(row.report_id)
        region, parent = (place.region, place.parent) if place else (None, None)
        if filters.region is not None and region != filters.region:
            continue
        if filters.parent is not None and parent != filters.parent:
            continue
        found.append((row, region, parent, row.cells[ind.id]))
    found.sort(key=lambda x: (-x[3].value, x[0].entity or "", x[0].report_id))
    values = [x[3].value for x in found]
    stats = Stats(
        len(values),
        round(statistics.fmean(values), 2) if values else None,
        statistics.median(values) if values else None,
        min(values) if values else None,
        max(values) if values else None,
    )
    end = None if limit is None else offset + limit
    page = [
        UnitValue(offset + i + 1, r.report_id, r.entity, r.level, reg, par, r.year, cell)
        for i, (r, reg, par, cell) in enumerate(found[offset:end])
    ]
    attach_sentences(conn, [u.cell for u in page])
    return ByIndicator(ind, filters, page, len(found), stats)


def indicator_names(lang: str) -> dict[str, str]:
    return {i.id: i.name_en if lang == "en" else i.name for i in default_taxonomy().indicators}


_BY_INDICATOR_HEAD = (
    ["排名", "报告主体", "层级", "地区", "上级政府", "年度", "数值", "单位", "原句", "报告编号"],
    [
        "rank",
        "entity",
        "level",
        "region",
        "parent",
        "year",
        "value",
        "unit",
        "sentence",
        "report id",
    ],
)


def table_rows(result: ByIndicator | UnitTable, lang: str) -> tuple[list[str], list[list[object]]]:
    """The table as a header and rows, for CSV and XLSX."""
    zh = lang != "en"
    if isinstance(result, ByIndicator):
        head = _BY_INDICATOR_HEAD[0 if zh else 1]
        rows: list[list[object]] = [
            [u.rank, u.entity, u.level, u.region, u.parent, u.year, u.cell.value,
             u.cell.fact.unit, u.cell.fact.sentence, u.report_id]
            for u in result.rows
        ]  # fmt: skip
        return head, rows
    names = indicator_names(lang)
    head = ["指标" if zh else "indicator", "指标名称" if zh else "name", "单位" if zh else "unit"]
    head += [str(y) for y in result.years]
    rows = []
    for ind in result.indicators:
        cells = [result.cells.get((ind, y)) for y in result.years]
        unit = next((c.fact.unit for c in cells if c is not None), "")
        rows.append([ind, names.get(ind, ind), unit] + [c.value if c else None for c in cells])
    return head, rows


def _cell(value: object) -> object:
    """A value safe to put in a spreadsheet: report text is untrusted, and a cell starting with
    = + - @ would run as a formula in Excel (numbers stay numbers)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(head: list[str], rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(head)
    writer.writerows([["" if v is None else _cell(v) for v in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(head: list[str], rows: list[list[object]], sheet: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
