"""DOCX reports: document order, tables, and the outline markers Word draws from numbering."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from ingest_builders import (
    LEVEL_MARKERS,
    SEEDS,
    docx_bytes,
    level,
    number_paragraph,
    outline_docx,
    outline_levels,
    report,
    set_numbering,
    w_el,
)

from fazhi.ingest import IngestError, read_bytes


def _lines(data: bytes) -> list[str]:
    doc = read_bytes(data, "report.docx")
    assert doc.format == "docx"
    return doc.text.split("\n")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_outline_markers_come_back_from_word_numbering(seed):
    rep = report(seed)
    data, numbered = outline_docx(rep.lines)
    assert numbered >= 10  # the outline really is numbering, not text
    # python-docx alone loses them: the paragraph text has no 一、 （一） 1.
    texts = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    marked = sum(any(m.match(t) for m in LEVEL_MARKERS) for t in texts)
    assert marked == sum(any(m.match(t) for m in LEVEL_MARKERS) for t in rep.lines) - numbered
    assert _lines(data) == rep.lines


def test_tables_in_document_order_with_nested_tables():
    doc = WordDocument()
    doc.add_paragraph("一、主要举措和成效")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数量"
    table.cell(1, 0).text = "行政复议案件"
    cell = table.cell(1, 1)
    cell.text = "365件"
    cell.add_paragraph("同比增长295%")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "其中：纠错"
    inner.cell(0, 1).text = "12件"
    doc.add_paragraph("二、存在的不足")
    assert _lines(docx_bytes(doc)) == [
        "一、主要举措和成效",
        "指标",
        "数量",
        "行政复议案件",
        "365件",
        "同比增长295%",
        "其中：纠错",
        "12件",
        "二、存在的不足",
    ]


def test_numbered_paragraphs_in_table_cells_count_in_document_order():
    doc = WordDocument()
    number_paragraph(doc.add_paragraph("主要举措"), 1, 0)
    table = doc.add_table(rows=1, cols=1)
    number_paragraph(table.cell(0, 0).paragraphs[0], 1, 0)
    table.cell(0, 0).paragraphs[0].add_run("表格中的标题")
    number_paragraph(doc.add_paragraph("存在的不足"), 1, 0)
    set_numbering(doc, {0: outline_levels(("（", "）"))}, {1: (0, {})})
    assert _lines(docx_bytes(doc)) == ["一、主要举措", "二、表格中的标题", "三、存在的不足"]


def _style_with_numbering(doc, name: str, num_id: int, base: str | None = None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = doc.styles[base]
    num_pr = w_el("numPr")
    num_pr.append(w_el("numId", val=str(num_id)))
    style.element.get_or_add_pPr().append(num_pr)
    return style


def test_style_based_numbering():
    doc = WordDocument()
    _style_with_numbering(doc, "CNHeading1", 1)
    red = doc.styles.add_style("CNHeading1Red", WD_STYLE_TYPE.PARAGRAPH)
    red.base_style = doc.styles["CNHeading1"]
    doc.add_paragraph("主要举措和成效", style="CNHeading1")
    doc.add_paragraph("区政府坚持依法行政。")
    doc.add_paragraph("存在的不足", style="CNHeading1Red")
    doc.add_paragraph("下一步工作打算", style="CNHeading1")
    set_numbering(
        doc,
        {0: [level(0, "chineseCounting", "%1、", pStyle="CNHeading1Red")]},
        {1: (0, {})},
    )
    # The style's numPr names no level; the level is the one whose w:pStyle is the style (or 0).
    assert _lines(docx_bytes(doc)) == [
        "一、主要举措和成效",
        "区政府坚持依法行政。",
        "二、存在的不足",
        "三、下一步工作打算",
    ]


def test_start_override():
    doc = WordDocument()
    for text in ("主要举措", "存在的不足"):
        number_paragraph(doc.add_paragraph(text), 1, 0)
    for text in ("下一步打算", "其他事项"):
        number_paragraph(doc.add_paragraph(text), 2, 0)
    levels = [level(0, "chineseCounting", "%1、", suff="nothing")]
    set_numbering(doc, {0: levels}, {1: (0, {}), 2: (0, {0: 4})})
    assert _lines(docx_bytes(doc)) == [
        "一、主要举措",
        "二、存在的不足",
        "四、下一步打算",
        "五、其他事项",
    ]


NAMESPACES = (
    nsdecls("w", "r")
    + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    + ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    + ' xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _paragraph_xml(inner: str) -> str:
    return f"<w:p {NAMESPACES}>{inner}</w:p>"


RUNS = {
    "hyperlink": (
        '<w:r><w:t>详见</w:t></w:r><w:hyperlink r:id="rId99"><w:r><w:t>区政府网站</w:t></w:r>'
        "</w:hyperlink><w:r><w:t>。</w:t></w:r>",
        "详见区政府网站。",
    ),
    "complex_field": (
        '<w:r><w:t xml:space="preserve">共 </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> 页</w:t></w:r>',
        "共 9 页",
    ),
    "simple_field": (
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>2025年2月26日</w:t></w:r></w:fldSimple>',
        "2025年2月26日",
    ),
    "break_and_tab": (
        "<w:r><w:t>重庆市南岸区人民政府</w:t><w:br/><w:t>2025年2月26日</w:t><w:tab/>"
        "<w:t>（此件公开发布）</w:t></w:r>",
        "重庆市南岸区人民政府\n2025年2月26日\t（此件公开发布）",
    ),
    "page_break_at_end": ('<w:r><w:t>特此报告。</w:t><w:br w:type="page"/></w:r>', "特此报告。"),
    "tracked_changes": (
        '<w:r><w:t>办理</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>了</w:delText>'
        '</w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>各类</w:t></w:r></w:ins>'
        "<w:r><w:t>案件</w:t></w:r>",
        "办理各类案件",
    ),
    "hidden_text": (
        "<w:r><w:t>公开</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>内部批注</w:t></w:r>",
        "公开",
    ),
    "text_box_once": (
        "<w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r>'
        "<w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t>"
        "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>",
        "正文\n文本框内容",
    ),
}


@pytest.mark.parametrize("case", RUNS)
def test_runs_as_word_shows_them(case):
    inner, expected = RUNS[case]
    doc = WordDocument()
    doc.add_paragraph("开头")
    doc.element.body.insert(1, parse_xml(_paragraph_xml(inner)))
    assert _lines(docx_bytes(doc)) == ["开头", *expected.split("\n")]


def test_content_controls_are_read():
    doc = WordDocument()
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r>"
        "</w:p></w:sdtContent></w:sdt>"
    )
    doc.element.body.insert(0, sdt)
    doc.add_paragraph("之后的段落")
    assert _lines(docx_bytes(doc)) == ["控件中的段落", "之后的段落"]


def test_title_property_goes_into_page_and_nothing_is_invented():
    doc = WordDocument()
    doc.add_paragraph("一、主要举措和成效")
    assert read_bytes(docx_bytes(doc), "a.docx").page == {}
    doc.core_properties.title = "南岸区2024年法治政府建设年度报告"
    assert read_bytes(docx_bytes(doc), "a.docx").page == {
        "标题": "南岸区2024年法治政府建设年度报告"
    }


def test_docx_with_only_pictures_is_empty():
    doc = WordDocument()
    doc.add_paragraph("")
    with pytest.raises(IngestError) as err:
        read_bytes(docx_bytes(doc), "扫描.docx")
    assert err.value.code == "empty"
    assert "扫描.docx" in str(err.value)
