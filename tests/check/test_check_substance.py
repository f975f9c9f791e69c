"""Substance: figures in the achievements, core indicators, the 纲要's areas, specific
shortcomings and concrete plans, each measured and held to its threshold."""

from __future__ import annotations

from check_builders import ACHIEVEMENTS, check, report, shown

SLOGANS = [
    "（一）坚持高位推动。深入学习贯彻习近平法治思想，不断提高政治站位，持续深化法治政府建设。",
    "（二）坚持统筹协调。进一步完善工作机制，凝聚工作合力，推动各项工作走深走实。",
    "（三）坚持守正创新。切实增强工作的系统性、整体性、协同性，不断开创工作新局面。",
]


def test_achievements_in_figures_pass_and_the_density_is_measured():
    c, a = check(report(), "substance.fact_density")
    assert c.verdict == "pass"
    assert c.measures["facts"] >= 20 and c.measures["per_1000"] > 4
    assert all(any(ch.isdigit() for ch in s) for s in shown(a, c.evidence))


def test_achievements_in_slogans_fail():
    c, a = check(report(achievements=SLOGANS), "substance.fact_density")
    assert c.verdict == "fail" and c.measures["facts"] == 0
    assert "每千字只有0.0个数据" in c.message
    assert shown(a, c.evidence)[0].startswith("一、")


def test_core_indicators_are_counted_once_each():
    c, _ = check(report(), "substance.indicator_count")
    assert c.verdict == "pass"
    assert c.measures["count"] == len(set(c.measures["indicators"])) >= 8
    assert "disputes.reconsideration_cases" in c.measures["indicators"]


def test_few_indicators_fail_and_departments_have_a_lower_bar():
    two = ["（一）办理行政复议案件136件，审核规范性文件18件，召开会议多次。"]
    gov, _ = check(report(achievements=two, responsibility=None), "substance.indicator_count")
    assert gov.verdict == "fail" and gov.measures["count"] == 2
    three = ["（一）办理行政复议案件136件，审核规范性文件18件，评查行政执法案卷420卷。"]
    dept = report(
        achievements=three,
        responsibility=None,
        entity="杭州市西湖区司法局",
        signer="杭州市西湖区司法局",
    )
    d, a = check(dept, "substance.indicator_count")
    assert a.metadata.level == "department" and d.verdict == "pass"


def test_coverage_is_a_checklist_of_the_nine_areas():
    c, _ = check(report(), "substance.area_coverage")
    assert c.verdict == "pass"
    checklist = c.measures["checklist"]
    assert len(checklist) == 9 and all(checklist.values())
    assert len(c.evidence) == 9  # one hit shown per area


def test_a_narrow_report_fails_naming_the_areas_it_leaves_out():
    narrow = [ACHIEVEMENTS[1], ACHIEVEMENTS[3]]  # rules and enforcement only
    c, _ = check(report(achievements=narrow, responsibility=None), "substance.area_coverage")
    assert c.verdict == "fail"
    checklist = c.measures["checklist"]
    assert checklist["enforcement"] and checklist["rules"] and not checklist["emergencies"]
    assert "突发事件应对" in c.message and "数字法治政府" in c.message


def test_specific_shortcomings_pass():
    c, a = check(report(), "substance.specific_shortcomings")
    assert c.verdict == "pass" and c.measures["share"] == 1.0
    assert shown(a, c.evidence)[0].startswith("一是部分部门")


def test_shortcomings_in_formulas_fail_quoting_one():
    formulas = "一是思想认识有待提高。二是工作能力有待提升。三是与上级要求相比仍有差距。"
    c, _ = check(report(shortcomings=formulas, causes=None), "substance.specific_shortcomings")
    assert c.verdict == "fail" and c.measures == {"points": 3, "good": 0, "share": 0.0}
    assert "一是思想认识有待提高" in c.message
    assert len(c.evidence) == 3


def test_a_lead_in_sentence_is_not_counted_as_a_shortcoming():
    text = (
        "我区法治政府建设取得一定成效，但也存在一些不足。"
        "基层行政执法力量薄弱。执法人员持证率仅为76%。"
    )
    c, _ = check(report(shortcomings=text, causes=None), "substance.specific_shortcomings")
    assert c.measures["points"] == 2 and c.verdict == "pass"


def test_concrete_plans_pass():
    c, a = check(report(), "substance.concrete_plans")
    assert c.verdict == "pass" and c.measures["points"] == 3
    assert any("6月底前" in s for s in shown(a, c.evidence))


def test_slogan_plans_fail():
    plans = "\n".join(SLOGANS)
    c, _ = check(report(plans=plans), "substance.concrete_plans")
    assert c.verdict == "fail" and c.measures["good"] == 0
    assert "持续深化" in c.message or "走深走实" in c.message or "新局面" in c.message


def test_a_sub_heading_over_its_points_is_not_a_point_itself():
    plans = (
        "（一）持之以恒推进依法行政\n"
        "一是年底前出台行政执法监督办法。\n"
        "二是开展规范性文件清理专项行动。\n"
        "（二）全力提升执法水平\n"
        "一是持续深化执法改革。\n"
    )
    c, _ = check(report(plans=plans), "substance.concrete_plans")
    assert c.measures["points"] == 3 and c.measures["good"] == 2


def test_a_part_with_nothing_under_its_heading_fails():
    c, _ = check(report(plans=""), "substance.concrete_plans")
    assert c.verdict == "fail" and "只有标题" in c.message


def test_measures_without_their_part_are_not_applicable():
    for rule, gone in [
        ("substance.specific_shortcomings", {"shortcomings": None}),
        ("substance.concrete_plans", {"plans": None}),
    ]:
        c, _ = check(report(**gone), rule)
        assert c.verdict == "not_applicable", rule
