"""Fixtures the ingest tests build for themselves from the sample reports: no network, no files
beyond ``samples/seeds``.

The seeds are reports as saved from government websites, website chrome included; ``report()``
separates the report from that chrome so that every test knows exactly which lines must survive.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

SEEDS = sorted((Path(__file__).resolve().parents[2] / "samples" / "seeds").glob("*.txt"))

# Chrome at the top of a saved page, and the line where the footer begins.
_HEADER = re.compile(r"^(您当前的位置|\[ 索引号 \]|发布时间|文章来源)")
_FOOTER_STARTS = ("国务院部门网站", "扫一扫在手机打开当前页", "关闭窗口")
_TITLE_HINT = re.compile(r"(报告|情况)$")

# Outline markers: level 1 一、 level 2 （一） or (一), level 3 1.
LEVEL_MARKERS = (
    re.compile(r"^([一二三四五六七八九十]+)、"),
    re.compile(r"^([（(])([一二三四五六七八九十]+)([）)])"),
    re.compile(r"^(\d+)\."),
)
CN_NUMBERS = [*"一二三四五六七八九十", *(f"十{d}" for d in "一二三四五六七八九"), "二十"]


@dataclass(frozen=True)
class Report:
    """A seed split into its own title (if the seed has one) and the lines of the report."""

    name: str
    text: str
    title: str | None
    lines: list[str]


def report(seed: Path) -> Report:
    text = seed.read_text(encoding="utf-8")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith(_FOOTER_STARTS):
            break
        if line and not _HEADER.match(line):
            lines.append(line)
    title = lines[0] if _TITLE_HINT.search(lines[0]) and len(lines[0]) < 60 else None
    return Report(seed.stem, text, title, lines)


def page_title(rep: Report) -> str:
    return rep.title or f"{rep.name[:3]}号样本2024年法治政府建设年度报告"


# ---- HTML --------------------------------------------------------------------------------

_NAV = """<div class="header"><div class="logo">重庆市南岸区人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/fdzdgknr/">法定主动公开内容</a></div>"""

_FOOTER = """<div class="tools"><span>扫一扫在手机打开当前页</span>
<a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></div>
<div class="footer"><p>版权所有：重庆市南岸区人民政府 主办：重庆市南岸区人民政府办公室</p>
<p>ICP备案：渝ICP备2021011583号 政府网站标识码：5001080014</p>
<p>渝公网安备 50010802001142号</p></div>"""

CHROME = (
    "您当前的位置",
    "政务公开",
    "办事服务",
    "互动交流",
    "索引号",
    "11500234008646033P",
    "发布机构",
    "成文日期",
    "发布日期",
    "扫一扫在手机打开当前页",
    "打印本页",
    "关闭窗口",
    "版权所有",
    "ICP备案",
    "网站标识码",
    "公网安备",
)

PAGE_META = {
    "索引号": "11500234008646033P/2023-00569",
    "发布机构": "重庆市南岸区司法局",
    "成文日期": "2025-02-26",
    "发布日期": "2025-03-11",
    "来源": "南岸区司法局",
}


def gov_page(title: str, lines: list[str], charset: str = "utf-8", style: str = "table") -> str:
    """A report page as a government CMS renders it: nav, breadcrumb, index, article, footer.

    ``style="table"`` puts the metadata in an index table; ``"brackets"`` in a ``[ 发布日期 ]``
    line and an info line, with the article's lines separated by ``<br>`` instead of ``<p>``.
    """
    esc = html.escape
    if style == "table":
        index = f"""<table class="index">
<tr><td>索引号：</td><td>{PAGE_META["索引号"]}</td><td>发布机构：</td><td>{PAGE_META["发布机构"]}</td></tr>
<tr><td>成文日期：</td><td>2025年2月26日</td><td>发布日期：</td><td>2025/3/11</td></tr>
<tr><td>标　　题：</td><td colspan="3">{esc(title)}</td></tr></table>"""
        body = "\n".join(f'<p style="text-indent:2em;">{esc(line)}</p>' for line in lines)
        info = f"<div class='info'>来源：{PAGE_META['来源']}　【字体：大 中 小】</div>"
    else:
        index = (
            f"<div class='xxgk'>[ 索引号 ]{PAGE_META['索引号']} [ 发文字号 ] "
            f"[ 发布机构 ]{PAGE_META['发布机构']}<br>[ 成文日期 ]2025-02-26 "
            "[ 发布日期 ]2025-03-11 10:34</div>"
        )
        body = "<div>" + "<br>\n".join(esc(line) for line in lines) + "</div>"
        info = f"<div class='info'>发布时间: 2025-03-11 10:34　文章来源:{PAGE_META['来源']}</div>"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{esc(title)}_重庆市南岸区人民政府</title>
<meta name="SiteName" content="重庆市南岸区人民政府">
<script>var tpl = "<p>不应出现的脚本文字</p>";</script>
<style>.nav li {{ float: left; }}</style></head>
<body>{_NAV}
{index}
<h1 class="title">{esc(title)}</h1>
{info}
<div class="content" id="zoom">
{body}
</div>
{_FOOTER}
</body></html>"""


# ---- DOCX --------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w_el(tag: str, **attrs: str):
    """An oxml element ``w:tag`` with ``w:`` attributes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def level(ilvl: int, fmt: str, text: str, start: int = 1, **extra: str):
    """A ``w:lvl``; ``extra`` may set ``suff``, ``lvlRestart``, ``pStyle`` or ``isLgl``."""
    lvl = w_el("lvl", ilvl=str(ilvl))
    lvl.append(w_el("start", val=str(start)))
    lvl.append(w_el("numFmt", val=fmt))
    for key in ("lvlRestart", "pStyle", "isLgl"):
        if key in extra:
            lvl.append(w_el(key, val=extra[key]))
    if "suff" in extra:
        lvl.append(w_el("suff", val=extra["suff"]))
    lvl.append(w_el("lvlText", val=text))
    return lvl


def set_numbering(doc, abstracts: dict[int, list], nums: dict[int, tuple[int, dict[int, int]]]):
    """Replace the document's numbering part: abstractNums, then nums with start overrides."""
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for abstract_id, levels in abstracts.items():
        abstract = w_el("abstractNum", abstractNumId=str(abstract_id))
        for lvl in levels:
            abstract.append(lvl)
        numbering.append(abstract)
    for num_id, (abstract_id, overrides) in nums.items():
        num = w_el("num", numId=str(num_id))
        num.append(w_el("abstractNumId", val=str(abstract_id)))
        for ilvl, start in overrides.items():
            override = w_el("lvlOverride", ilvl=str(ilvl))
            override.append(w_el("startOverride", val=str(start)))
            num.append(override)
        numbering.append(num)


def number_paragraph(paragraph, num_id: int, ilvl: int | None = 0) -> None:
    num_pr = w_el("numPr")
    if ilvl is not None:
        num_pr.append(w_el("ilvl", val=str(ilvl)))
    num_pr.append(w_el("numId", val=str(num_id)))
    paragraph._p.get_or_add_pPr().append(num_pr)


def outline_levels(paren: tuple[str, str]) -> list:
    """一、 / （一） / 1. as Word numbering, with no gap after the label (w:suff nothing)."""
    return [
        level(0, "chineseCounting", "%1、", suff="nothing"),
        level(1, "chineseCounting", f"{paren[0]}%2{paren[1]}", suff="nothing"),
        level(2, "decimal", "%3.", suff="nothing"),
    ]


def split_marker(line: str, counters: list[int]) -> tuple[int | None, str, tuple[str, str] | None]:
    """``(level, text without marker, parentheses)`` when the marker is the number Word's counter
    would produce next; otherwise the line stays literal: ``(None, line, None)``."""
    for lvl, pattern in enumerate(LEVEL_MARKERS):
        m = pattern.match(line)
        if not m:
            continue
        expected = counters[lvl] + 1
        value = m.group(1) if lvl != 1 else m.group(2)
        wanted = CN_NUMBERS[expected - 1] if lvl < 2 else str(expected)
        if value != wanted:
            return None, line, None
        counters[lvl] = expected
        for deeper in range(lvl + 1, len(counters)):
            counters[deeper] = 0
        paren = (m.group(1), m.group(3)) if lvl == 1 else None
        return lvl, line[m.end() :], paren
    return None, line, None


def docx_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def outline_docx(lines: list[str]) -> tuple[bytes, int]:
    """The report as a DOCX whose outline markers come from Word numbering, not from the text.

    Returns the file and how many paragraphs got their marker from numbering.
    """
    from docx import Document

    doc = Document()
    counters = [0, 0, 0]
    paren = ("（", "）")
    numbered = 0
    for line in lines:
        lvl, text, found_paren = split_marker(line, counters)
        paragraph = doc.add_paragraph(text)
        if lvl is not None:
            number_paragraph(paragraph, 1, lvl)
            numbered += 1
        paren = found_paren or paren
    set_numbering(doc, {0: outline_levels(paren)}, {1: (0, {})})
    return docx_bytes(doc), numbered


# ---- PDF ---------------------------------------------------------------------------------

PDF_FONT = "STSong-Light"


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


# Punctuation that may not start a line (禁则): it hangs in the margin instead, as in Word.
_NO_LINE_START = frozenset("，。、；：！？）》」』”’,.;:!?)")


def wrap(text: str, width: float, size: float, first_indent: float = 0) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, character by character, as CJK is."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current, limit = [], "", width - first_indent
    for char in text:
        too_wide = stringWidth(current + char, PDF_FONT, size) > limit
        if current and too_wide and char not in _NO_LINE_START:
            lines.append(current)
            current, limit = "", width
        current += char
    lines.append(current)
    return lines


def pdf_report(
    title: str | None,
    lines: list[str],
    signature: int = 0,
    size: float = 12,
    page_numbers: str = "- {} -",
    title_size: float = 22,
    indent: bool = True,
) -> bytes:
    """An A4 report in the official-document style: a large centred title (wrapped if long),
    paragraphs indented by two characters and wrapped at the right margin, the last
    ``signature`` lines (organ, date) set right-aligned, a page number at every page's foot.
    ``indent=False`` sets block paragraphs instead, told apart only by punctuation."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    page_w, page_h = A4
    left, right, top, bottom = 80.0, page_w - 80.0, page_h - 80.0, 90.0
    leading = size * 1.6
    state = {"y": top, "page": 1}

    def newline() -> None:
        state["y"] -= leading
        if state["y"] < bottom:
            footer()
            canvas.showPage()
            state["y"], state["page"] = top, state["page"] + 1
            canvas.setFont(PDF_FONT, size)

    def footer() -> None:
        canvas.setFont(PDF_FONT, 10)
        canvas.drawCentredString(page_w / 2, 50, page_numbers.format(state["page"]))
        canvas.setFont(PDF_FONT, size)

    if title:
        canvas.setFont(PDF_FONT, title_size)
        for piece in wrap(title, right - left, title_size):
            canvas.drawCentredString(page_w / 2, state["y"], piece)
            state["y"] -= title_size * 1.5
        newline()
    canvas.setFont(PDF_FONT, size)
    body = lines[: len(lines) - signature] if signature else lines
    first = 2 * size if indent else 0
    for paragraph in body:
        for i, piece in enumerate(wrap(paragraph, right - left, size, first)):
            canvas.drawString(left + (first if i == 0 else 0), state["y"], piece)
            newline()
    for line in lines[len(body) :]:
        canvas.drawRightString(right - 2 * size, state["y"], line)
        newline()
    footer()
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def png_bytes(width: int = 200, height: int = 120) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).rectangle((20, 20, width - 20, height - 20), outline="black", width=3)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A PDF whose page is only a picture, like a scan: no text layer at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png_bytes())), 50, 400, width=400, height=240)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
