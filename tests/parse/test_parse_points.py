"""The points a part makes, as the checks and promises kept both count them."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from fazhi import analyze
from fazhi.parse.points import content_end, split_points


def _texts(text: str) -> list[str]:
    return [p.text for p in split_points(text, 0, len(text))]


def test_items_of_one_rank_after_a_lead_in():
    text = (
        "存在的问题：编制不足。主要表现在："
        "一是执法人员不足；二是培训不够，统一是形式。三是监督乏力。"
    )
    points = split_points(text, 0, len(text))
    assert [p.text for p in points] == [
        "存在的问题：编制不足。主要表现在：",
        "一是执法人员不足；",
        "二是培训不够，统一是形式。",
        "三是监督乏力。",
    ]
    assert points[0].lead and not any(p.lead for p in points[1:])
    assert {p.rank for p in points[1:]} == {2}


def test_a_lead_in_of_one_clause_only_titles_the_list():
    assert _texts("重点做好以下工作：\n一是推进立法；二是规范执法。") == [
        "一是推进立法；",
        "二是规范执法。",
    ]


def test_a_group_title_gives_way_to_its_items():
    text = (
        "（一）持续优化营商环境\n"
        "1.深化放管服改革，压减审批时限30%。\n"
        "2.推行包容审慎监管。\n"
        "（二）加强行政复议工作。全年办结案件不少于100件。\n"
    )
    assert _texts(text) == [
        "1.深化放管服改革，压减审批时限30%。",
        "2.推行包容审慎监管。",
        "（二）加强行政复议工作。全年办结案件不少于100件。",
    ]


def test_ordinal_words_decimals_and_years_are_told_apart():
    text = "第一，提升执法水平，增长1.5倍；第二，2024年完成清理。第三是说法，不是标记。"
    assert _texts(text) == [
        "第一，提升执法水平，增长1.5倍；",
        "第二，2024年完成清理。第三是说法，不是标记。",
    ]


def test_without_markers_a_part_makes_its_points_sentence_by_sentence():
    text = "  存在以下不足：\n法治意识有待提高。执法队伍力量薄弱；制度建设滞后\n"
    points = split_points(text, 0, len(text))
    assert [p.text for p in points] == [
        "存在以下不足：",
        "法治意识有待提高。",
        "执法队伍力量薄弱；",
        "制度建设滞后",
    ]
    assert [p.first for p in points] == [True, False, False, False]


@given(st.text(alphabet="一二三是（）()12.、，。；\n 执法第", max_size=80), st.data())
def test_points_are_spans_of_the_stretch_in_order(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    points = split_points(text, start, end)
    assert all(start <= p.start < p.end <= end and text[p.start : p.end] == p.text for p in points)
    assert all(a.end <= b.start for a, b in pairwise(points))


def test_own_words_end_before_the_closing_and_signature():
    text = (
        "某县司法局2024年法治政府建设情况报告\n一、主要成效\n全年办理行政复议案件12件。\n"
        "特此报告。\n\n某县司法局\n2025年2月20日\n"
    )
    a = analyze(text)
    assert text[content_end(a) :].startswith("特此报告")
