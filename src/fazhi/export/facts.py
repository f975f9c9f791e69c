"""The fact table for people who work in Excel: one row a fact, with the sentence it is in."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fazhi.extract.indicators import Taxonomy, resolve_taxonomy
from fazhi.i18n import lang, t
from fazhi.model import Analysis

COLUMNS = (
    "file", "entity", "report_year", "section", "indicator", "indicator_name", "subject", "value",
    "unit", "qualifier", "kind", "text", "start", "end", "sentence",
)  # fmt: skip
_WIDTHS = {"file": 28, "entity": 22, "subject": 30, "sentence": 80, "indicator": 30}


def fact_rows(
    analyses: Iterable[Analysis], taxonomy: Taxonomy | str | None = None
) -> Iterator[dict[str, object]]:
    """One dict a fact, keyed by :data:`COLUMNS`, in report and text order."""
    taxonomy = resolve_taxonomy(taxonomy)
    for a in analyses:
        for f in a.facts:
            sent = a.text[f.sentence.start : f.sentence.end] if f.sentence else ""
            ind = taxonomy.get(f.indicator) if f.indicator else None
            yield {
                "file": a.source.path or "",
                "entity": a.metadata.entity or "",
                "report_year": a.metadata.report_year or "",
                "section": t(f.section or "preamble"),
                "indicator": f.indicator or "",
                "indicator_name": (ind.name if lang() == "zh" else ind.name_en) if ind else "",
                "subject": f.subject or "",
                "value": f.value,
                "unit": f.unit,
                "qualifier": t(f.qualifier),
                "kind": t(f.kind),
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "sentence": sent.strip(),
            }


def headers() -> list[str]:
    return [t(c) if c not in ("text", "start", "end") else c for c in COLUMNS]


def write_csv(rows: Iterable[dict[str, object]], out: IO[str]) -> int:
    """CSV with a header row; UTF-8 with BOM when written to a file so Excel reads Chinese."""
    writer = csv.writer(out)
    writer.writerow(headers())
    n = 0
    for row in rows:
        writer.writerow([row[c] for c in COLUMNS])
        n += 1
    return n


def write_xlsx(rows: Iterable[dict[str, object]], path: Path) -> int:
    """An Excel sheet with a frozen header and filters, streamed row by row."""
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = t("facts")
    ws.append(headers())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    n = 0
    for row in rows:
        ws.append([row[c] for c in COLUMNS])
        n += 1
    for i, col in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(col, 12)
    for cell in ws[get_column_letter(COLUMNS.index("sentence") + 1)][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.save(path)
    return n
