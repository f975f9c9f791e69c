"""Web pages: every line of the report, in order, nothing of the website; the page's metadata."""

from __future__ import annotations

import pytest
from ingest_builders import CHROME, PAGE_META, SEEDS, gov_page, page_title, report

from fazhi.ingest import IngestError, read_bytes
from fazhi.ingest import html as html_reader
from fazhi.ingest.html import declared_charset, normalise_date


def _norm(lines: list[str]) -> list[str]:
    """Lines compared with their inner whitespace runs collapsed (a browser does the same)."""
    return [" ".join(line.split()) for line in lines if line.strip()]


def _expected(rep) -> list[str]:
    title = page_title(rep)
    return _norm(rep.lines if rep.lines[0] == title else [title, *rep.lines])


@pytest.mark.parametrize("style", ["table", "brackets"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_government_page_gives_the_report_and_nothing_else(seed, style):
    rep = report(seed)
    page = gov_page(page_title(rep), rep.lines, style=style)
    doc = read_bytes(page.encode("utf-8"), f"{seed.stem}.html")
    assert doc.format == "html"
    assert doc.encoding == "utf-8"
    expected = _expected(rep)
    # Every line of the report, in order, each on its own line, the title first ...
    assert _norm(doc.text.split("\n")) == expected
    # ... and none of the website around it.
    for chrome in CHROME:
        if chrome not in "\n".join(expected):
            assert chrome not in doc.text, chrome
    assert "不应出现的脚本文字" not in doc.text


@pytest.mark.parametrize("style", ["table", "brackets"])
def test_page_metadata_is_read(style):
    rep = report(SEEDS[3])
    doc = read_bytes(gov_page(page_title(rep), rep.lines, style=style).encode(), "p.html")
    assert doc.page == {"标题": page_title(rep), **PAGE_META}


def test_cms_meta_tags_and_info_line():
    page = """<html><head><meta charset="utf-8"><title>关于2024年度法治政府建设情况的报告</title>
<meta name="ArticleTitle" content="关于2024年度法治政府建设情况的报告">
<meta name="PubDate" content="2025-03-11 10:34">
<meta name="ContentSource" content="五通桥区政府办"></head><body>
<div class="info">发文字号：乐通府函〔2025〕5号　发布时间: 2025年3月11日 10:34</div>
<div class="article"><p>一、主要举措和成效</p>
<p>2024年，我区坚持以习近平法治思想为指引，推进法治政府建设，取得明显成效，现将有关情况报告如下。</p>
</div></body></html>"""
    doc = read_bytes(page.encode(), "page.html")
    assert doc.page == {
        "标题": "关于2024年度法治政府建设情况的报告",
        "文号": "乐通府函〔2025〕5号",
        "发布日期": "2025-03-11",
        "来源": "五通桥区政府办",
    }
    assert doc.text.split("\n")[:2] == ["关于2024年度法治政府建设情况的报告", "一、主要举措和成效"]


def test_gbk_page_keeps_characters_beyond_gbk():
    rep = report(SEEDS[4])
    lines = [*rep.lines[:3], "附：䶮𠀀同志的任职情况说明。", *rep.lines[3:]]
    page = gov_page(page_title(rep), lines, charset="gbk")
    doc = read_bytes(page.encode("gb18030"), "gbk.html")
    assert doc.encoding == "gb18030"
    assert "附：䶮𠀀同志的任职情况说明。" in doc.text.split("\n")
    assert _norm(doc.text.split("\n")) == _expected(rep)[:4] + _norm(lines[3:])


def test_http_equiv_charset():
    page = gov_page("报告", ["一、主要举措和成效"]).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    )
    assert declared_charset(page.encode("gb18030")) == "gb2312"
    doc = read_bytes(page.encode("gb18030"), "p.htm")
    assert (doc.encoding, doc.text.split("\n")[-1]) == ("gb18030", "一、主要举措和成效")


def test_utf8_page_declaring_gbk_is_read_as_utf8():
    """Browsers save pages as UTF-8 but keep the old declaration."""
    page = gov_page("报告", ["一、主要举措和成效"], charset="gbk")
    doc = read_bytes(page.encode("utf-8"), "saved.html")
    assert (doc.encoding, doc.text) == ("utf-8", "报告\n一、主要举措和成效")


def test_table_cells_are_lines_in_order():
    page = gov_page("报告", ["一、主要举措和成效"]).replace(
        '</div>\n<div class="tools">',
        "<table><tr><td>指标</td><td>数量</td></tr><tr><td>行政复议案件</td><td>365件</td></tr>"
        '</table><p>二、存在的不足</p></div>\n<div class="tools">',
    )
    doc = read_bytes(page.encode(), "p.html")
    assert doc.text.split("\n") == [
        "报告", "一、主要举措和成效", "指标", "数量", "行政复议案件", "365件", "二、存在的不足"
    ]  # fmt: skip


def test_site_name_is_not_taken_for_the_title():
    page = """<html><head>
<title>南岸区2024年法治政府建设年度报告_重庆市南岸区人民政府</title></head><body>
<h1 class="logo">重庆市南岸区人民政府</h1><div class="article">
<p>2024年，南岸区坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治政府建设，成效明显。</p>
<p>特此报告。</p></div></body></html>"""
    doc = read_bytes(page.encode(), "p.html")
    assert doc.page["标题"] == "南岸区2024年法治政府建设年度报告"
    assert doc.text.split("\n")[0] == "南岸区2024年法治政府建设年度报告"


def test_without_trafilatura_result_the_visible_body_is_used(monkeypatch):
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda *a, **k: None)
    rep = report(SEEDS[2])
    doc = read_bytes(gov_page(page_title(rep), rep.lines).encode(), "p.html")
    assert _norm(doc.text.split("\n")) == _expected(rep)


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title></title><script>var a = 1;</script></head><body></body></html>",
        "<!DOCTYPE html><html><body><div><img src='scan.jpg'></div></body></html>",
        # a title, but the report itself is a picture: no report text
        "<html><head><title>年度报告_区政府</title></head><body><h1>年度报告</h1>"
        "<div><img src='report.jpg'></div></body></html>",
    ],
)
def test_page_without_text_is_an_error(page):
    with pytest.raises(IngestError) as err:
        read_bytes(page.encode(), "空白页.html")
    assert err.value.code == "empty"
    assert "空白页.html" in str(err.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-11", "2025-03-11"),
        ("2025-03-11 10:34", "2025-03-11"),
        ("2025/3/11", "2025-03-11"),
        ("2025年3月11日", "2025-03-11"),
        ("[ 发布日期 ]2023-03-13", "2023-03-13"),
        ("2025年2月30日", None),
        ("无", None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected
