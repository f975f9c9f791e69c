"""Website chrome is marked as spans; the report, its title, signature and date never are."""

from __future__ import annotations

from fazhi.parse.boilerplate import find_boilerplate
from helpers import seed_pairs

PAGE = """您现在的位置：首页 > 信息公开 > 法治政府建设
索引号：115000000000000000/2024-00012
发布机构：某某区人民政府办公室
发布日期：2024-03-20
【字体：大 中 小】 打印本页 关闭窗口
某某区2023年法治政府建设年度报告
一、主要成效
全年办理行政复议案件10件。
二、加强政府网站法治宣传
开通政府网站普法专栏。
某某区人民政府
2024年3月15日
上一篇：关于某某的通知
网站地图
联系我们
版权所有：某某区人民政府 主办：某某区人民政府办公室
备案号：渝ICP备12345678号-1
"""


def chrome_text(text: str) -> str:
    return "".join(text[s:e] for s, e in find_boilerplate(text))


def test_page_chrome_is_marked_and_the_report_is_not():
    marked = chrome_text(PAGE)
    for piece in (
        "您现在的位置",
        "索引号",
        "发布机构",
        "打印本页",
        "上一篇",
        "网站地图",
        "版权所有",
        "ICP备",
    ):
        assert piece in marked, piece
    for piece in (
        "法治政府建设年度报告",
        "主要成效",
        "行政复议案件10件",
        "加强政府网站法治宣传",
        "某某区人民政府\n2024年3月15日",
    ):
        assert piece not in marked, piece


def test_spans_point_into_the_untouched_text():
    spans = find_boilerplate(PAGE)
    assert all(0 <= s < e <= len(PAGE) for s, e in spans)
    assert PAGE[spans[0][0] :].startswith("您现在的位置")


def test_plain_report_has_no_chrome():
    assert find_boilerplate("一、主要成效\n全年审查合同12件。\n二、存在的不足\n人员不足。\n") == []


def test_seed_overlap_with_gold():
    inter = union = 0
    for text, gold in seed_pairs():
        got = {i for s, e in find_boilerplate(text) for i in range(s, e)}
        want = {i for b in gold["boilerplate"] for i in range(b["start"], b["end"])}
        inter += len(got & want)
        union += len(got | want)
    assert inter / union >= 0.95
