"""Metadata: title, entity, level, year and dates, from where a reader finds them."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from fazhi import analyze
from fazhi.parse.dates import find_date, is_date_line, parse_date
from fazhi.parse.metadata import level_of
from helpers import seed_pairs


@pytest.mark.parametrize(
    ("s", "iso"),
    [
        ("2025年2月26日", "2025-02-26"),
        ("二〇二五年二月二十六日", "2025-02-26"),
        ("二○二四年十二月三十一日", "2024-12-31"),
        ("二零二三年十月一日", "2023-10-01"),
        ("2024-03-05", "2024-03-05"),
        ("2024/3/5", "2024-03-05"),
        ("2024.3.5", "2024-03-05"),
        ("发布时间: 2025-03-11 10:34", "2025-03-11"),
        ("２０２５年３月１日", "2025-03-01"),
        ("2025年2月30日", None),
        ("2021—2025年", None),
    ],
)
def test_dates(s, iso):
    assert parse_date(s) == iso


def test_date_offsets_and_date_lines():
    s = "落款 二〇二五年二月二十六日"
    start, end, iso = find_date(s)
    assert s[start:end] == "二〇二五年二月二十六日" and iso == "2025-02-26"
    assert is_date_line("2025年3月5日") and is_date_line("（2025年3月5日）")
    assert not is_date_line("2025年3月5日召开会议")


@pytest.mark.parametrize(
    ("entity", "level"),
    [
        ("四川省人民政府", "province"),
        ("重庆市人民政府", "province"),
        ("成都市人民政府", "city"),
        ("延边朝鲜族自治州人民政府", "city"),
        ("都江堰市人民政府", "county_district"),
        ("乐山市五通桥区人民政府", "county_district"),
        ("开州区", "county_district"),
        ("某某县", "county_district"),
        ("阿荣旗人民政府", "county_district"),
        ("南坪街道办事处", "township"),
        ("清溪镇人民政府", "township"),
        ("江北区司法局", "department"),
        ("重庆市南岸区城市管理局", "department"),
        ("四川省司法厅", "department"),
        ("成都市人民政府办公室", "department"),
        ("某市生态环境局", "department"),
    ],
)
def test_levels(entity, level):
    assert level_of(entity) == level


def meta(text: str) -> dict:
    return asdict(analyze(text).metadata)


def test_title_entity_year_and_signature():
    text = (
        "成都市都江堰市人民政府关于2023年度法治政府建设情况的报告\n"
        "2023年，市政府坚持以习近平法治思想为指导，现将有关情况报告如下。\n"
        "一、主要举措和成效\n全年办理行政复议案件35件。\n二、存在的不足\n人员不足。\n"
        "成都市都江堰市人民政府\n二〇二四年二月二十日\n"
    )
    assert meta(text) == {
        "title": "成都市都江堰市人民政府关于2023年度法治政府建设情况的报告",
        "entity": "成都市都江堰市人民政府",
        "level": "county_district",
        "report_year": 2023,
        "signed_date": "2024-02-20",
        "publish_date": None,
    }


def test_entity_from_the_opening_and_year_from_it():
    text = (
        "2022年以来，某某县市场监督管理局深入贯彻习近平法治思想。\n一、主要成效\n审核合同12件。\n"
    )
    m = meta(text)
    assert (m["title"], m["entity"], m["level"], m["report_year"]) == (
        None,
        "某某县市场监督管理局",
        "department",
        2022,
    )


def test_signature_gives_the_fullest_name():
    text = (
        "2024年，区城市管理局扎实推进法治建设。\n一、2024年主要举措和成效\n办理处罚案件10件。\n"
        "特此报告。\n重庆市某某区城市管理局\n2025年3月5日\n"
    )
    m = meta(text)
    assert m["entity"] == "重庆市某某区城市管理局" and m["signed_date"] == "2025-03-05"


def test_no_year_anywhere_but_the_signature():
    text = (
        "某某镇人民政府法治政府建设工作情况\n一、主要工作\n办理调解案件8件。\n"
        "某某镇人民政府\n2024年1月8日\n"
    )
    m = meta(text)
    assert m["report_year"] == 2023 and m["level"] == "township"


def test_index_table_dates():
    text = (
        "[ 索引号 ]1150/2023-1 [ 发布机构 ]某区政府办公室 [ 成文日期 ]2023-03-13 "
        "[ 发布日期 ]2023-03-15 [ 有效性 ]\n某区2022年度法治政府建设情况\n"
        "一、主要成效\n审查合同3件。\n"
    )
    m = meta(text)
    assert (m["signed_date"], m["publish_date"], m["report_year"], m["entity"]) == (
        "2023-03-13",
        "2023-03-15",
        2022,
        "某区",
    )


def test_seeds_match_gold_metadata():
    for text, gold in seed_pairs():
        assert meta(text) == gold["metadata"], gold["file"]


def test_unknowns_are_none_not_guesses():
    m = meta("全年办理案件12件。\n")
    assert m == dict(
        title=None, entity=None, level=None, report_year=None, signed_date=None, publish_date=None
    )


def test_a_title_on_two_lines_is_joined_but_never_with_a_page_tool_line():
    body = "一、主要成效\n全年办理行政复议案件35件。\n某某县人民政府\n2024年2月20日\n"
    split = "某某县人民政府关于二〇二三年度\n法治政府建设情况的报告\n" + body
    assert meta(split)["title"] == "某某县人民政府关于二〇二三年度法治政府建设情况的报告"
    tools = "字号：[ 大 中 小 ]\n某某县人民政府关于2023年度法治政府建设情况的报告\n" + body
    m = meta(tools)
    assert m["title"] == "某某县人民政府关于2023年度法治政府建设情况的报告"
    assert m["entity"] == "某某县人民政府"
    unknown_tool = tools.replace("字号：[ 大 中 小 ]", "阅读模式：[ 开 ]")
    assert meta(unknown_tool)["title"] == m["title"]


def test_a_chrome_date_label_never_takes_a_date_from_the_report_after_it():
    text = (
        "首页 > 政务公开\n发布日期：\n某县司法局关于2023年度法治政府建设情况的报告\n"
        "2024年3月1日，我局召开会议研究法治工作。\n一、主要成效\n办理行政复议案件12件。\n"
    )
    m = meta(text)
    assert m["publish_date"] is None
