"""The compliance matrix of a batch as an XLSX workbook: one row a report, one column a rule.

A supervising office sends each unit what its report lacks and compares units side by side; the
first sheet is that table (verdicts in coloured cells, scores, frozen header, filters), the
second every verdict with its message, basis and the words of its evidence, so a reader can
check any cell without the tool.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fazhi.check import Rubric, RuleSet
from fazhi.export import HEADER_FILL, VERDICT_COLOURS
from fazhi.i18n import t
from fazhi.model import Analysis

FILLS = {verdict: PatternFill("solid", fgColor=rgb) for verdict, rgb in VERDICT_COLOURS.items()}
_EVIDENCE_CHARS = 200  # of each evidence span, in the details sheet
_CELL_MAX = 32000  # Excel keeps at most 32,767 characters in a cell


@dataclass(slots=True)
class Verdict:
    rule: str
    title: str
    verdict: str
    message: str
    basis: str
    evidence: list[str]
    measures: dict


@dataclass(slots=True)
class Row:
    """What the matrix needs of one report, without its full text, so a batch of thousands
    of reports is not held in memory to write one workbook."""

    file: str
    entity: str = ""
    level: str = ""
    year: int | None = None
    total: float | None = None
    parts: dict[str, float] = field(default_factory=dict)
    verdicts: list[Verdict] = field(default_factory=list)
    error: str = ""

    @classmethod
    def of(cls, path: str | Path, a: Analysis) -> Row:
        md = a.metadata
        return cls(
            file=str(path),
            entity=md.entity or "",
            level=t(md.level) if md.level else "",
            year=md.report_year,
            total=a.score.total if a.score else None,
            parts=dict(a.score.parts) if a.score else {},
            verdicts=[
                Verdict(
                    c.rule,
                    c.title or c.rule,
                    c.verdict,
                    c.message,
                    c.basis or "",
                    [a.text[e.start : e.end][:_EVIDENCE_CHARS] for e in c.evidence],
                    c.measures,
                )
                for c in a.checks
            ],
            error="; ".join(a.errors),
        )


def write_compliance(
    rows: Iterable[Row], path: str | Path, rules: RuleSet, rubric: Rubric, lang: str = "zh"
) -> int:
    """Write the workbook; returns the number of reports in it. Columns follow the rule set
    (then any rule a report has that the set does not, e.g. from another run)."""
    rows = list(rows)
    rule_ids = [r.id for r in rules.enabled]
    titles = {r.id: r.title_in(lang) for r in rules.enabled}
    for row in rows:
        for v in row.verdicts:
            if v.rule not in titles:
                rule_ids.append(v.rule)
                titles[v.rule] = v.title
    wb = Workbook()
    matrix = wb.active
    assert matrix is not None
    matrix.title = t("compliance_sheet")
    _matrix(matrix, rows, rule_ids, titles, rubric, lang)
    _details(wb.create_sheet(t("details_sheet")), rows)
    wb.save(path)
    return len(rows)


def _matrix(
    ws: Worksheet,
    rows: list[Row],
    rule_ids: list[str],
    titles: dict[str, str],
    rubric: Rubric,
    lang: str,
) -> None:
    parts = list(rubric.parts)
    head = [t("file"), t("entity"), t("level"), t("report_year"), t("score")]
    head += [f"{p.title_in(lang)} ({p.weight:g})" for p in parts]
    head += [f"{titles[r]}\n{r}" for r in rule_ids]
    head.append(t("error"))
    ws.append(head)
    fixed = 5 + len(parts)
    for row in rows:
        by_rule = {v.rule: v for v in row.verdicts}
        values: list = [row.file, row.entity, row.level, row.year, row.total]
        values += [row.parts.get(p.name) for p in parts]
        values += [t(by_rule[r].verdict) if r in by_rule else None for r in rule_ids]
        values.append(row.error or None)
        ws.append(values)
        for j, r in enumerate(rule_ids):
            if r in by_rule:
                ws.cell(ws.max_row, fixed + j + 1).fill = FILLS[by_rule[r].verdict]
    _header(ws, widths=[40, 24, 10, 8, 8] + [12] * len(parts) + [14] * len(rule_ids) + [40])
    ws.freeze_panes = "B2"


def _details(ws: Worksheet, rows: list[Row]) -> None:
    ws.append(
        [
            t("file"),
            t("rule"),
            t("rule_title"),
            t("verdict"),
            t("message"),
            t("basis"),
            t("evidence"),
            t("measures"),
        ]
    )
    for row in rows:
        for v in row.verdicts:
            ws.append(
                [
                    row.file,
                    v.rule,
                    v.title,
                    t(v.verdict),
                    v.message[:_CELL_MAX],
                    v.basis,
                    " ｜ ".join(v.evidence)[:_CELL_MAX],
                    json.dumps(v.measures, ensure_ascii=False)[:_CELL_MAX] if v.measures else None,
                ]
            )
            ws.cell(ws.max_row, 4).fill = FILLS[v.verdict]
    _header(ws, widths=[40, 30, 24, 10, 80, 40, 80, 40])
    ws.freeze_panes = "A2"


def _header(ws: Worksheet, widths: list[int]) -> None:
    """Bold wrapped header with filters, and column widths a reader can work with."""
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.auto_filter.ref = ws.dimensions
