"""The required parts: found by heading, reordered, merged, or without level-1 headings."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from fazhi import analyze
from fazhi.parse.sections import classify_title, default_rules
from helpers import flatten_level1, reorder_parts, seed_pairs


def sections(text: str) -> dict[str, bool]:
    return asdict(analyze(text).sections)


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("2023年法治政府建设主要举措和成效", ["achievements"]),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", ["responsibility"]),
        ("存在的问题和不足", ["shortcomings"]),
        ("工作中存在的困难和问题", ["shortcomings"]),
        ("2024年工作安排", ["next_year"]),
        ("下一步工作打算", ["next_year"]),
        ("2025年推进法治政府建设的工作思路、目标举措", ["next_year"]),
        ("存在的不足及下一步工作打算", ["shortcomings", "next_year"]),
        ("主要成效及主要负责人履行第一责任人职责情况", ["achievements", "responsibility"]),
        ("其他需要报告的事项", ["other"]),
    ],
)
def test_classify_titles(title, parts):
    assert classify_title(title, default_rules()) == parts


def test_year_after_the_report_is_the_plan():
    assert classify_title("2023年重点工作", default_rules(), next_year=2023) == ["next_year"]


REPORT = """某某县司法局2023年度法治政府建设情况报告
2023年，某某县司法局坚持以习近平法治思想为指导，现将有关情况报告如下。
{parts}
某某县司法局
2024年1月20日
"""
ACH = "一、主要举措和成效\n（一）规范行政执法。全年办理行政处罚案件56件。\n"
RESP = (
    "二、主要负责人履行推进法治建设第一责任人职责情况\n"
    "局主要负责人带头学法，主持召开局党组会议研究法治工作6次。\n"
)
SHORT = "三、存在的不足和原因\n一是执法力量不足；二是培训不够。主要原因是编制紧张。\n"
SHORT_NO_CAUSE = "三、存在的不足\n一是执法力量不足；二是培训不够。\n"
NEXT = "四、2024年工作安排\n持续推进执法规范化建设。\n"


def test_all_parts_with_causes():
    s = sections(REPORT.format(parts=ACH + RESP + SHORT + NEXT))
    assert s == dict(
        achievements=True,
        responsibility=True,
        shortcomings=True,
        shortcoming_causes=True,
        next_year=True,
    )


@pytest.mark.parametrize("because", ["这主要是因为编制紧张。", "问题源于编制长期紧张。"])
def test_causes_in_other_words(because):
    short = SHORT_NO_CAUSE.replace("二是培训不够。", "二是培训不够。" + because)
    assert sections(REPORT.format(parts=ACH + RESP + short + NEXT))["shortcoming_causes"]


def test_shortcomings_without_causes():
    s = sections(REPORT.format(parts=ACH + RESP + SHORT_NO_CAUSE + NEXT))
    assert s["shortcomings"] and not s["shortcoming_causes"]


def test_missing_responsibility_part():
    s = sections(REPORT.format(parts=ACH + SHORT + NEXT))
    assert not s["responsibility"] and s["achievements"] and s["next_year"]


def test_duty_mentioned_in_passing_is_not_a_report_on_it():
    ach = ACH + "（二）强化考核。将党政主要负责人履行推进法治建设第一责任人职责情况纳入年度考核。\n"
    assert not sections(REPORT.format(parts=ach + SHORT + NEXT))["responsibility"]


def test_duty_reported_in_the_sentence_a_sub_heading_runs_into():
    ach = ACH + (
        "（二）强化组织领导。镇党委书记、镇长切实履行推进法治建设第一责任人职责，"
        "全年召开党委会专题研究法治工作4次。\n"
    )
    assert sections(REPORT.format(parts=ach + SHORT + NEXT))["responsibility"]


def test_a_long_heading_sentence_then_the_duty_put_into_an_assessment_is_not_the_part():
    ach = ACH + (
        "（二）坚持考核奖惩，将法治建设与经济社会发展同考核、同奖惩，印发年度综合考核指标体系。"
        "党政主要负责人履行推进法治建设第一责任人职责情况纳入考核。\n"
    )
    assert not sections(REPORT.format(parts=ach + SHORT + NEXT))["responsibility"]


def test_responsibility_first():
    resp = RESP.replace("二、", "一、")
    ach = ACH.replace("一、", "二、")
    analysis = analyze(REPORT.format(parts=resp + ach + SHORT + NEXT))
    assert [h.section for h in analysis.headings if h.level == 1] == [
        "responsibility",
        "achievements",
        "shortcomings",
        "next_year",
    ]


def test_merged_parts_under_one_heading():
    merged = (
        "三、存在的不足及下一步打算\n一是执法力量不足。下一步，我们将持续推进执法规范化建设。\n"
    )
    analysis = analyze(REPORT.format(parts=ACH + RESP + merged))
    assert analysis.sections.shortcomings and analysis.sections.next_year
    plan = next(p for p in analysis.parts if p.section == "next_year")
    assert analysis.text[plan.start :].startswith("下一步")


def test_no_headings_at_all():
    text = (
        "2023年，某某镇人民政府坚持依法行政，现将有关情况报告如下。\n"
        "全年办理行政复议案件3件，开展普法活动20场。\n"
        "镇党委书记、镇长认真履行推进法治建设第一责任人职责，带头学法4次。\n"
        "但也存在一些不足，主要是执法人员偏少，原因在于编制有限。\n"
        "下一步，我镇将继续加强法治政府建设。\n"
    )
    s = sections(text)
    assert s == dict(
        achievements=True,
        responsibility=True,
        shortcomings=True,
        shortcoming_causes=True,
        next_year=True,
    )


def test_seeds_with_parts_reordered():
    for text, gold in seed_pairs():
        order = ["responsibility", "achievements", "next_year", "shortcomings"]
        moved = reorder_parts(text, gold, order)
        analysis = analyze(moved)
        assert asdict(analysis.sections) == gold["sections"], gold["file"]
        want = [s for s in order if gold["sections"][s]]
        got = [h.section for h in analysis.headings if h.level == 1]
        assert got == want, gold["file"]


def test_seeds_without_level1_headings():
    for text, gold in seed_pairs():
        flat = flatten_level1(text, gold)
        analysis = analyze(flat)
        assert not [h for h in analysis.headings if h.level == 1]
        assert asdict(analysis.sections) == gold["sections"], gold["file"]
