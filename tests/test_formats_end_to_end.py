"""The same report handed over as GB18030 text, a government web page, a Word file with real
list numbering, or a PDF gives the same analysis as the text file."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

import pytest

from fazhi import analyze
from fazhi.model import Analysis
from fazhi.parse.dates import is_date_line
from ingest.ingest_builders import SEEDS, gov_page, outline_docx, page_title, pdf_report, report

CASES = [pytest.param(p, id=p.name[:3]) for p in SEEDS]


def reference(path) -> Analysis:
    return analyze(path.read_bytes(), source=path.name)


def outline(a: Analysis) -> list[tuple[int, str]]:
    return [(h.level, h.text[:8]) for h in a.headings]


def fact_bag(a: Analysis) -> Counter:
    return Counter((f.text, f.value, f.unit, f.kind, f.indicator) for f in a.facts)


def assert_same_reading(got: Analysis, ref: Analysis) -> None:
    assert not got.errors, got.errors
    assert outline(got) == outline(ref)
    assert asdict(got.sections) == asdict(ref.sections)
    for key in ("entity", "level", "report_year"):
        assert getattr(got.metadata, key) == getattr(ref.metadata, key), key
    assert fact_bag(got) == fact_bag(ref)


@pytest.mark.parametrize("path", CASES)
def test_gb18030_text(path):
    ref = reference(path)
    got = analyze(path.read_text(encoding="utf-8").encode("gb18030"), source=path.name)
    assert got.source.encoding == "gb18030"
    assert got.to_dict() | {"source": None} == ref.to_dict() | {"source": None}


@pytest.mark.parametrize("path", CASES)
def test_government_web_page(path):
    rep = report(path)
    ref = reference(path)
    page = gov_page(page_title(rep), rep.lines[1:] if rep.title else rep.lines)
    got = analyze(page.encode("utf-8"), source=path.stem + ".html")
    assert got.source.format == "html"
    assert_same_reading(got, ref)
    assert got.metadata.title == page_title(rep)
    assert got.metadata.publish_date == "2025-03-11"  # the page's 发布日期


@pytest.mark.parametrize("path", CASES)
def test_word_file_with_list_numbering(path):
    rep = report(path)
    data, numbered = outline_docx(rep.lines)
    assert numbered > 0  # the markers come from Word's numbering, not from the text
    got = analyze(data, source=path.stem + ".docx")
    assert got.source.format == "docx"
    assert_same_reading(got, reference(path))


@pytest.mark.parametrize("path", CASES)
def test_pdf_with_wrapped_lines_and_page_numbers(path):
    rep = report(path)
    ref = reference(path)
    signed = 2 if is_date_line(rep.lines[-1]) else 0  # organ and date set right-aligned
    body = rep.lines[1:] if rep.title else rep.lines
    got = analyze(pdf_report(rep.title, body, signature=signed), source=path.stem + ".pdf")
    assert got.source.format == "pdf"
    assert_same_reading(got, ref)
