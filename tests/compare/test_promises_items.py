"""How a next_year part is cut into plan items, whatever the numbering style."""

from __future__ import annotations

import pytest

from fazhi import analyze
from fazhi.compare.promises import plan_items
from helpers import seed_pairs

HEAD = """某某县司法局关于2023年度法治政府建设情况的报告
一、2023年推进法治政府建设的主要举措和成效
（一）全年办理法律援助案件320件，开展普法活动86场。
二、存在的不足和原因
基层法治力量薄弱，原因在于人员编制不足。
三、2024年工作安排
"""
TAIL = """特此报告。
某某县司法局
2024年1月30日
"""


def _items(plans: str) -> list[str]:
    a = analyze(HEAD + plans + TAIL)
    return [i.text for i in plan_items(a)]


def test_group_titles_give_way_to_their_items() -> None:
    plans = (
        "（一）持续优化法治化营商环境\n"
        "1.开展涉企行政执法专项监督，纠正选择性执法问题。\n"
        "2.落实公平竞争审查制度，清理妨碍统一市场的文件。\n"
        "（二）深化公共法律服务\n"
        "1.推进村级公共法律服务工作室规范化建设。\n"
    )
    assert _items(plans) == [
        "1.开展涉企行政执法专项监督，纠正选择性执法问题。",
        "2.落实公平竞争审查制度，清理妨碍统一市场的文件。",
        "1.推进村级公共法律服务工作室规范化建设。",
    ]


def test_a_heading_with_its_paragraph_is_one_item() -> None:
    plans = (
        "（一）加强行政复议工作\n"
        "畅通复议渠道，推进复议案件繁简分流。\n"
        "（二）推进精准普法\n"
        "针对青少年和企业经营者开展分众普法。\n"
    )
    assert _items(plans) == [
        "（一）加强行政复议工作\n畅通复议渠道，推进复议案件繁简分流。",
        "（二）推进精准普法\n针对青少年和企业经营者开展分众普法。",
    ]


def test_the_opening_formula_lead_in_and_signature_are_no_items() -> None:
    plans = (
        "2024年，我局将坚持以习近平新时代中国特色社会主义思想为指导，重点抓好以下工作：\n"
        "第一，深化行政执法三项制度落实。第二，扩大法律援助覆盖面，降低经济困难标准。\n"
    )
    assert _items(plans) == [
        "第一，深化行政执法三项制度落实。",
        "第二，扩大法律援助覆盖面，降低经济困难标准。",
    ]


def test_without_markers_the_items_are_sentences_of_measures() -> None:
    plans = (
        "下一步，我局将坚持以习近平法治思想为指引。"
        "持续推进公证服务减证便民，扩大“最多跑一次”公证事项。"
        "健全人民调解员队伍，每个村居配备专职调解员。\n"
    )
    assert _items(plans) == [
        "持续推进公证服务减证便民，扩大“最多跑一次”公证事项。",
        "健全人民调解员队伍，每个村居配备专职调解员。",
    ]


@pytest.mark.parametrize(("text", "gold"), seed_pairs(), ids=lambda v: "")
def test_items_lie_in_the_next_year_part_of_real_reports(text: str, gold: dict) -> None:
    a = analyze(text)
    items = plan_items(a)
    assert bool(items) == any(p.section == "next_year" for p in a.parts)
    for item in items:
        assert a.text[item.start : item.end] == item.text
        assert a.part_at(item.start) == "next_year"
        assert not item.text.startswith(("特此报告", a.metadata.entity or "\0"))
        assert "为指导" not in item.text[:60]
