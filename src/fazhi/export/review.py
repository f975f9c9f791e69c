"""A report's review (审查意见) as a Word document: what a 依法治区办 sends back to a unit.

Offices draft these letters in Word and send them on paper or by OA, so the review is a DOCX a
clerk can edit before signing: the report's particulars, the required parts found, every
verdict with its legal basis, and for each requirement not met the words of the report it rests
on, quoted, so the unit can see what is meant without the tool.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import IO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from fazhi import __version__
from fazhi.export import VERDICT_COLOURS
from fazhi.i18n import lang as current_lang
from fazhi.i18n import t_in
from fazhi.model import REQUIRED_PARTS, Analysis, Check

__all__ = ["write_review"]

Words = Callable[..., str]  # t_in with the language bound

_QUOTE_CHARS = 300  # of each evidence span quoted
_QUOTES = 5  # evidence spans quoted per verdict
_FONT = "宋体"  # the body face of Chinese official documents; Word substitutes where missing


def write_review(a: Analysis, out: str | Path | IO[bytes], lang: str | None = None) -> None:
    """Write the review of one checked analysis to a path or a binary stream, in ``lang`` (the
    interface language by default)."""
    t = partial(t_in, lang or current_lang())
    doc = Document()
    _style(doc)
    heading = doc.add_heading(t("review_heading", name=_name(a)), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(t("review_basics"), level=1)
    _pairs(doc, _particulars(a, t))
    doc.add_heading(t("review_parts"), level=1)
    _pairs(doc, [(t(p), t("present") if getattr(a.sections, p) else t("absent")) for p in _PARTS])
    doc.add_heading(t("review_verdicts"), level=1)
    _verdicts(doc, a.checks, t)
    open_items = [c for c in a.checks if c.verdict in ("fail", "unknown")]
    doc.add_heading(t("review_issues"), level=1)
    if not open_items:
        doc.add_paragraph(t("review_none"))
    for i, c in enumerate(open_items, start=1):
        _issue(doc, a, i, c, t)
    foot = doc.add_paragraph(t("review_footer", version=__version__, rules=_rules_of(a)))
    foot.runs[0].font.size = Pt(9)
    doc.save(out)


_PARTS = (*REQUIRED_PARTS, "shortcoming_causes")


def _name(a: Analysis) -> str:
    md = a.metadata
    if md.entity and md.report_year:
        return f"{md.entity}{md.report_year}"
    return md.entity or md.title or Path(a.source.path or "").name or "—"


def _particulars(a: Analysis, t: Words) -> list[tuple[str, str]]:
    md = a.metadata
    score = f"{a.score.total:g}" if a.score is not None else "—"
    rows = [
        ("title", md.title),
        ("entity", md.entity),
        ("level", t(md.level) if md.level else None),
        ("report_year", md.report_year),
        ("signed_date", md.signed_date),
        ("publish_date", md.publish_date),
        ("file", Path(a.source.path).name if a.source.path else None),
    ]
    return [(t(k), "—" if v in (None, "") else str(v)) for k, v in rows] + [(t("score"), score)]


def _rules_of(a: Analysis) -> str:
    return a.score.rubric if a.score is not None and a.score.rubric else "—"


def _style(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), _FONT)


def _pairs(doc: Document, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True


def _verdicts(doc: Document, checks: list[Check], t: Words) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    keys = ("rule_title", "verdict", "message", "basis")
    for cell, key in zip(table.rows[0].cells, keys, strict=True):
        cell.text = t(key)
        cell.paragraphs[0].runs[0].bold = True
    for c in checks:
        cells = table.add_row().cells
        cells[0].text = c.title or c.rule
        cells[1].text = t(c.verdict)
        cells[2].text = c.message
        cells[3].text = c.basis or ""
        _shade(cells[1], VERDICT_COLOURS[c.verdict])


def _issue(doc: Document, a: Analysis, i: int, c: Check, t: Words) -> None:
    doc.add_heading(f"{i}. {c.title or c.rule}（{t(c.verdict)}）", level=2)
    doc.add_paragraph(c.message)
    if c.basis:
        doc.add_paragraph(f"{t('basis')}：{c.basis}")
    for e in c.evidence[:_QUOTES]:
        words = a.text[e.start : e.end].strip()
        if len(words) > _QUOTE_CHARS:
            words = words[:_QUOTE_CHARS] + "…"
        quote = doc.add_paragraph(f"「{words}」", style="Quote")
        quote.add_run(f"（{t('offset')} {e.start}–{e.end}）").font.size = Pt(8)
    if len(c.evidence) > _QUOTES:
        doc.add_paragraph(t("review_more", n=len(c.evidence) - _QUOTES))


def _shade(cell: _Cell, colour: str) -> None:
    """Word keeps a cell's colour in its properties: python-docx has no call for it."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
