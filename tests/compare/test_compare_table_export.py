"""Compare tables written as CSV and XLSX: values, the sentence of each cell, every figure."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from fazhi.compare.table import Cell, Change, FactRef, IndicatorTable, Row, UnitTable
from fazhi.export.tables import save_xlsx, write_csv

IND = "disputes.mediation_cases"


def ref(value: float, text: str, sentence: str, seq: int = 0) -> FactRef:
    return FactRef(7, value, "件", "exact", text, "调解", 10, 15, 0, 40, "count", seq, sentence)


def table() -> IndicatorTable:
    cell = Cell(
        ref(12500, "1.25万件", "调解矛盾纠纷1.25万件，调解成功1.24万件。"),
        [ref(12400, "1.24万件", "调解矛盾纠纷1.25万件，调解成功1.24万件。", 1)],
    )
    rows = [Row(7, "成都市武侯区人民政府", "county_district", 2024, {IND: cell})]
    rows.append(Row(8, "杭州市西湖区司法局", "department", 2024, {}))
    return IndicatorTable([IND], rows, 2)


def test_csv_has_value_and_sentence_columns() -> None:
    out = io.StringIO()
    assert write_csv(table(), out) == 2
    head, first, second = list(csv.reader(io.StringIO(out.getvalue())))
    assert head[4:] == [IND, f"{IND} 原句"]
    assert first[4:] == ["12500", "调解矛盾纠纷1.25万件，调解成功1.24万件。"]
    assert second[4:] == ["", ""]


def test_xlsx_comments_and_figures_sheet(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert save_xlsx(table(), path) == 2
    wb = load_workbook(path)
    main, figures = wb.worksheets
    assert main.cell(2, 5).value == 12500
    assert "调解成功1.24万件" in main.cell(2, 5).comment.text
    assert "1.24万件" in main.cell(2, 5).comment.text.split("\n")[1]
    assert main.cell(3, 5).value is None and main.cell(3, 5).comment is None
    shown = [(r[3], r[4]) for r in figures.iter_rows(min_row=2, values_only=True)]
    assert shown == [("✓", 12500), (None, 12400)]


def test_unit_table_csv_has_changes() -> None:
    cells = {
        (IND, 2023): Cell(ref(100, "100件", "调解100件。")),
        (IND, 2024): Cell(ref(120, "120件", "调解120件。")),
    }
    changes = {(IND, 2024): Change(2024, 120, 100, 20, 20.0)}
    unit = UnitTable("成都市武侯区人民政府", [2023, 2024], [IND], cells, changes)
    out = io.StringIO()
    write_csv(unit, out)
    head, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert head[:4] == ["指标", "2023", "2023 变化%", "2023 原句"]
    assert row == [IND, "100", "", "调解100件。", "120", "20.0", "调解120件。"]
