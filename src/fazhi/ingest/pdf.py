"""Read the text layer of a PDF report and put its paragraphs back together.

A PDF has no paragraphs, only lines placed on pages, so a paragraph wrapped over five lines comes
out as five lines and every sentence that crosses a line end is cut. The geometry of the lines
tells the two apart: a wrapped line starts at the text block's left edge (or its paragraph indent)
and runs to the right edge, and the line after it starts at the left edge again; a heading, the
signature and the date stop short or sit elsewhere. Running page numbers are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from fazhi.ingest import DAMAGED_PDF, ENCRYPTED, NO_TEXT_LAYER, Document, IngestError

_OCR_HINT = "请先用文字识别（OCR）软件处理，或找到带文字的原版 PDF / Word 文件。"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PAGE_NUMBER = re.compile(
    r"[-－—–]\s*[\d一二三四五六七八九十百]+\s*[-－—–]"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页"
    r"|\d+\s*/\s*\d+|\d{1,3}|[Pp]age\s*\d+(?:\s*of\s*\d+)?"
)
# Lines at each end of a page that are checked for a page number.
_EDGE_LINES = 2

# A line ending in one of these ends its sentence, so the next line is a new paragraph.
_FINAL = frozenset("。！？；：!?;:…")
_CLOSING = frozenset("”’」』）)")
_MARKER = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)"
)

# Tolerances in units of the line's character size (CJK glyphs are one em wide).
_REACH_RIGHT = 1.5  # a wrapped line ends within this of the right edge
_BODY_INDENT = 2.5  # a body line starts within this of the left edge (paragraph indent: 2)
_FLUSH_LEFT = 0.8  # a continuation line starts within this of the left edge
_MAX_LINE_GAP = 2.5  # baselines further apart than this belong to different paragraphs
_PARAGRAPH_GAP = 1.3  # a gap this much above the usual line distance is paragraph spacing
_SIZE_TOLERANCE = 0.05
_INDENTED_SHARE = 0.1  # this share of indented line starts makes a document "indented"
_LONG = 0.75  # lines reaching this share of the widest line's extent are "long"
_TITLE_SIZE = 1.15  # a title is set at least this much larger than the body
_MIN_TYPE_SIZE = 3.0  # a smaller font size is a unit font scaled by the text matrix

_GARBLED = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0e-\x1f]")
_MAX_GARBLED = 0.5


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of a page in PDF units (origin bottom left, y grows upwards)."""

    text: str
    x0: float  # left of the first character
    x1: float  # right of the last character
    baseline: float  # bottom of the first character's font box: the baseline less the descent
    size: float  # height of that font box, about the type size


def read_pdf(data: bytes, name: str | None) -> Document:
    """The reading text of a PDF with a text layer; a scan is refused with advice to OCR it."""
    if not _complete(data):
        raise _damaged(name)
    pages = [_without_page_numbers(lines) for lines in _read_pages(data, name)]
    body = "".join(line.text for lines in pages for line in lines)
    if not "".join(body.split()):
        raise IngestError(
            name,
            NO_TEXT_LAYER,
            "这个 PDF 没有文字层（可能是扫描件或图片），无法直接读取文字。",
            _OCR_HINT,
        )
    if len(_GARBLED.findall(body)) > _MAX_GARBLED * len(body):
        raise IngestError(name, NO_TEXT_LAYER, "这个 PDF 的文字层是乱码，无法使用。", _OCR_HINT)
    return Document(text=_reflow(pages), format="pdf", encoding=None)


def _complete(data: bytes) -> bool:
    """A PDF ends with ``%%EOF``; without it the file was cut off (pdfium would read it partly)."""
    return b"%%EOF" in data.rstrip(b"\x00\r\n\t ")[-2048:]


def _damaged(name: str | None) -> IngestError:
    return IngestError(
        name,
        DAMAGED_PDF,
        "这个 PDF 文件已损坏或不完整，无法打开。",
        "请重新下载，或从原件重新导出 PDF。",
    )


def _read_pages(data: bytes, name: str | None) -> list[list[_Line]]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(
                name,
                ENCRYPTED,
                "这个 PDF 设置了打开密码，无法读取。",
                "请向提供方索取无密码的版本，或输入密码后另存一份无密码的 PDF。",
            ) from exc
        raise _damaged(name) from exc
    try:
        return [_page_lines(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise _damaged(name) from exc
    finally:
        pdf.close()


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> list[_Line]:
    """The page's lines as pdfium splits them, each with where it starts, ends and sits."""
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines: list[_Line] = []
        start = 0
        for match in [*_LINE_BREAK.finditer(text), None]:
            end = match.start() if match else len(text)
            line = _line(textpage, text, start, end)
            if line is not None:
                lines.append(line)
            start = match.end() if match else end
        return lines
    finally:
        textpage.close()
        page.close()


def _line(textpage: pdfium.PdfTextPage, text: str, start: int, end: int) -> _Line | None:
    """Geometry from the first and last visible characters of ``text[start:end]``."""
    segment = text[start:end]
    stripped = segment.strip()
    if not stripped:
        return None
    first = _char_index(textpage, start + (len(segment) - len(segment.lstrip())))
    last = _char_index(textpage, start + len(segment.rstrip()) - 1)
    left, bottom, _, top = _box(textpage, first)
    _, _, right, _ = _box(textpage, last)
    return _Line(stripped, left, right, bottom, _size(textpage, first, top - bottom))


def _char_index(textpage: pdfium.PdfTextPage, text_index: int) -> int:
    return max(pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index), 0)


def _box(textpage: pdfium.PdfTextPage, char_index: int) -> tuple[float, float, float, float]:
    try:
        return textpage.get_charbox(char_index, loose=True)
    except pdfium.PdfiumError:
        return (0.0, 0.0, 0.0, 0.0)


def _size(textpage: pdfium.PdfTextPage, char_index: int, box_height: float) -> float:
    """The type size the PDF sets, not the height of the glyph drawn: a font the file does not
    embed is drawn with whatever the machine has, and those glyph boxes vary from one installed
    font to another. A generator that sets a 1-point font and scales it with the text matrix
    leaves only the box to go by."""
    size = pdfium_c.FPDFText_GetFontSize(textpage, char_index)
    return size if size >= _MIN_TYPE_SIZE else max(box_height, 1.0)


def _without_page_numbers(lines: list[_Line]) -> list[_Line]:
    """Drop page numbers (- 3 -, 第 3 页 共 9 页, a bare 3) from the top and bottom of a page."""
    by_height = sorted(lines, key=lambda line: line.baseline)
    edges = {id(line) for line in by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]}
    return [
        line
        for line in lines
        if not (id(line) in edges and _PAGE_NUMBER.fullmatch(line.text.replace(" ", "")))
    ]


@dataclass(frozen=True, slots=True)
class _Layout:
    """The text block of the document, learned from all of its lines."""

    left: float
    right: float
    body_size: float
    pitch: float  # the usual distance between baselines within a paragraph
    indented: bool  # paragraphs open with a first-line indent, as 公文 do

    @classmethod
    def of(cls, pages: list[list[_Line]]) -> _Layout:
        lines = [line for page in pages for line in page]
        left = min(line.x0 for line in lines)
        sizes = sorted(line.size for line in lines)
        starts = sum(
            left + _FLUSH_LEFT * line.size < line.x0 <= left + _BODY_INDENT * line.size
            for line in lines
        )
        return cls(
            left=left,
            right=_right_edge(lines, left),
            body_size=sizes[len(sizes) // 2],
            pitch=_pitch(pages, sizes[len(sizes) // 2]),
            indented=starts >= max(2, _INDENTED_SHARE * len(lines)),
        )


def _pitch(pages: list[list[_Line]], body_size: float) -> float:
    """The median distance between consecutive baselines on a page."""
    gaps = sorted(
        prev.baseline - line.baseline
        for page in pages
        for prev, line in pairwise(page)
        if prev.baseline > line.baseline
    )
    return gaps[len(gaps) // 2] if gaps else _MAX_LINE_GAP * body_size


def _right_edge(lines: list[_Line], left: float) -> float:
    """Where full lines end: the median end of the long lines.

    Not the maximum: ragged-right text stops up to a character short of the margin, punctuation
    may hang a character past it, and one wide table row must not move the edge for every page.
    """
    widest = max(line.x1 for line in lines)
    long_ends = sorted(line.x1 for line in lines if line.x1 >= left + _LONG * (widest - left))
    return long_ends[len(long_ends) // 2]


def _reflow(pages: list[list[_Line]]) -> str:
    """Join wrapped lines into paragraphs, within and across pages; one paragraph a line."""
    lines = [line for page in pages for line in page]
    if not lines:
        return ""
    layout = _Layout.of(pages)
    page_starts = {id(page[0]) for page in pages if page}
    out = [lines[0].text]
    for prev, line in pairwise(lines):
        new_page = id(line) in page_starts
        if _continues(prev, line, layout, new_page) or _title_continues(prev, line, layout):
            out[-1] = _join(out[-1], line.text)
        else:
            out.append(line.text)
    return "\n".join(out)


def _continues(prev: _Line, line: _Line, layout: _Layout, new_page: bool) -> bool:
    """Whether ``line`` carries on the paragraph that ``prev`` wrapped out of.

    ``prev`` must be a body line that runs to the right edge and ``line`` must start flush left,
    in the same type size and at the usual line distance. Where paragraphs are indented that is
    enough, even after a full stop at the margin; where they are not, a sentence end or an outline
    marker (一、 （一） 1.) starts a new paragraph instead.
    """
    size = prev.size
    if prev.x1 < layout.right - _REACH_RIGHT * size or prev.x0 > layout.left + _BODY_INDENT * size:
        return False
    if line.x0 > layout.left + _FLUSH_LEFT * line.size or not _same_size(prev, line):
        return False
    if not new_page and prev.baseline - line.baseline > _PARAGRAPH_GAP * layout.pitch:
        return False
    ends, marked = _ends_sentence(prev.text), _MARKER.match(line.text) is not None
    return not (ends and marked) if layout.indented else not (ends or marked)


def _title_continues(prev: _Line, line: _Line, layout: _Layout) -> bool:
    """A title set larger than the body and centred, wrapped over two or more lines."""
    if prev.size < _TITLE_SIZE * layout.body_size or not _same_size(prev, line):
        return False
    if abs(prev.baseline - line.baseline) > _MAX_LINE_GAP * prev.size or _ends_sentence(prev.text):
        return False
    return all(_centred(x, layout) for x in (prev, line))


def _same_size(a: _Line, b: _Line) -> bool:
    return abs(a.size - b.size) <= _SIZE_TOLERANCE * a.size


def _centred(line: _Line, layout: _Layout) -> bool:
    return abs((line.x0 - layout.left) - (layout.right - line.x1)) <= line.size


def _ends_sentence(text: str) -> bool:
    last = text[-1]
    if last in _FINAL:
        return True
    return last in _CLOSING and len(text) > 1 and text[-2] in _FINAL


def _join(head: str, tail: str) -> str:
    """Chinese joins without a space; two words of Latin script keep one between them."""
    latin = all(c.isascii() and c.isalpha() for c in (head[-1], tail[0]))
    return head + (" " if latin else "") + tail
