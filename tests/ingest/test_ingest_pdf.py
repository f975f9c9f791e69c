"""PDF reports: paragraphs rejoined from wrapped lines, headings and signature kept on their own
lines, page numbers gone; scans, encrypted and damaged files refused clearly.

Comparisons ignore whitespace and nothing else. The fixtures are set in reportlab's built-in
STSong-Light, whose CID encoding (UniGB-UCS2-H) maps every character of the seeds, ASCII
punctuation included, back to the same code point, so pdfium returns the very characters that
were drawn. What a PDF cannot keep is whitespace at a line's edge: a space that fell at the end
or start of a wrapped line is not in the text layer, so the joined paragraph lacks it.
"""

from __future__ import annotations

import io
import re

import pytest
from ingest_builders import LEVEL_MARKERS, SEEDS, page_title, pdf_report, report, scanned_pdf

from fazhi.ingest import IngestError, read_bytes

_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")


def _squash(text: str) -> str:
    return "".join(text.split())


def _raw_pages(data: bytes) -> list[str]:
    """Each page's text as pdfium lays it out, before any rejoining."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def _marked(lines: list[str]) -> list[str]:
    return [line for line in lines if any(m.match(line) for m in LEVEL_MARKERS)]


def _seed_pdf(seed, **options) -> tuple[list[str], bytes]:
    """The seed's report as a PDF (title first, signature right-aligned) and its expected lines."""
    rep = report(seed)
    title = page_title(rep)
    body = rep.lines[1:] if rep.lines[0] == title else rep.lines
    signature = 2 if _DATE.match(body[-1]) else 0
    return [title, *body], pdf_report(title, body, signature=signature, **options)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_indented_report_comes_back_paragraph_by_paragraph(seed):
    expected, data = _seed_pdf(seed)
    doc = read_bytes(data, f"{seed.stem}.pdf")
    assert doc.format == "pdf"
    assert len(_raw_pages(data)) >= 2
    lines = doc.text.split("\n")
    # First-line indents tell paragraphs apart exactly: every line is a paragraph of the original.
    assert [_squash(line) for line in lines] == [_squash(line) for line in expected]
    assert not any(re.fullmatch(r"-\s*\d+\s*-", line) for line in lines)


@pytest.mark.parametrize("footer", ["第 {} 页 共 9 页", "{}", "- {} -"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_block_paragraphs_keep_headings_and_lose_page_numbers(seed, footer):
    """Without indents only punctuation separates paragraphs: a wrapped line that happens to end
    with 。 at the margin starts a new line (harmless, a sentence ended there), but no heading
    may be swallowed by the paragraph before it and no sentence may be cut elsewhere."""
    expected, data = _seed_pdf(seed, indent=False, page_numbers=footer)
    lines = read_bytes(data, "report.pdf").text.split("\n")
    assert _squash("".join(lines)) == _squash("".join(expected))
    starts = {line[:12] for line in lines}
    for heading in _marked(expected):
        assert heading[:12] in starts, heading
    for line in _marked(lines):
        assert any(original.startswith(line) for original in _marked(expected)), line
    for line in lines:
        assert not line.endswith(("，", ",", "、")), line  # no line cut mid-sentence


@pytest.mark.parametrize("seed", [s for s in SEEDS if _DATE.match(report(s).lines[-1])])
def test_signature_and_date_stay_on_their_own_lines(seed):
    expected, data = _seed_pdf(seed)
    lines = read_bytes(data, "report.pdf").text.split("\n")
    assert lines[-2:] == expected[-2:]
    assert _DATE.match(lines[-1])


def test_wrapped_title_is_one_line():
    rep = report(SEEDS[3])
    expected, data = _seed_pdf(SEEDS[3])
    assert rep.title not in _raw_pages(data)[0]  # wider than the page at 22 pt: two lines
    assert read_bytes(data, "report.pdf").text.split("\n")[0] == expected[0] == rep.title


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(IngestError) as err:
        read_bytes(scanned_pdf(), "扫描件.pdf")
    assert err.value.code == "no_text_layer"
    assert "文字层" in err.value.reason
    assert "文字识别" in err.value.hint and "OCR" in err.value.hint
    assert "扫描件.pdf" in str(err.value)


def test_pdf_of_blank_text_has_no_text_layer():
    with pytest.raises(IngestError) as err:
        read_bytes(pdf_report(None, ["　　", "   "]), "blank.pdf")
    assert err.value.code == "no_text_layer"


def _encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    encryption = StandardEncryption(user_password, ownerPassword="owner-secret", canCopy=0)
    canvas = Canvas(buf, encrypt=encryption)
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(80, 700, "一、主要举措和成效")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_pdf_with_open_password_is_refused():
    with pytest.raises(IngestError) as err:
        read_bytes(_encrypted_pdf("user-secret"), "加密.pdf")
    assert err.value.code == "encrypted"
    assert "密码" in err.value.reason


def test_pdf_with_only_permissions_password_is_read():
    assert read_bytes(_encrypted_pdf(""), "受限.pdf").text == "一、主要举措和成效"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_pdf_is_damaged(cut):
    _, data = _seed_pdf(SEEDS[0])
    with pytest.raises(IngestError) as err:
        read_bytes(data[: int(len(data) * cut)], "截断.pdf")
    assert err.value.code == "damaged_pdf"
    assert "截断.pdf" in str(err.value)
