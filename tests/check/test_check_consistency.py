"""Consistency: the year, the plans' year, the signature, and totals that are broken down."""

from __future__ import annotations

import pytest
from check_builders import ACHIEVEMENTS, check, report, shown

# --- the report year ----------------------------------------------------------------------


def test_title_year_and_achievements_agree():
    c, a = check(report(), "consistency.report_year")
    assert c.verdict == "pass"
    assert shown(a, c.evidence)[0] == "2024年"


def test_achievements_carried_over_from_another_year_fail():
    old = [p.replace("{year}", "2022") for p in ACHIEVEMENTS]
    old[1] = "（二）完善制度。2022年，审核规范性文件18件；2022年清理规范性文件35件。"
    text = report(
        2023,
        achievements=old,
        achievements_heading="一、主要举措和成效",
        opening="现将有关情况报告如下。",
        signed="2024年2月1日",
    )
    c, a = check(text, "consistency.report_year")
    assert a.metadata.report_year == 2023
    assert c.verdict == "fail"
    assert "2023" in c.message and "2022" in c.message
    assert shown(a, c.evidence)[0] == "2023年" and "2022年" in shown(a, c.evidence)[1:]


def test_title_and_opening_naming_different_years_fail():
    c, a = check(report(opening="2023年，西湖区扎实推进法治政府建设。"), "consistency.report_year")
    assert c.verdict == "fail" and "标题" in c.message
    assert shown(a, c.evidence) == ["2024年", "2023年"]


def test_years_of_cited_documents_and_periods_do_not_count():
    cited = [
        "（一）贯彻《2022年法治政府建设工作要点》和《法治政府建设实施纲要（2021—2025年）》，"
        "对照2021—2025年规划审核规范性文件18件。"
    ]
    c, _ = check(
        report(achievements=cited, achievements_heading="一、主要举措和成效"),
        "consistency.report_year",
    )
    assert c.verdict == "not_applicable"


def test_years_in_chinese_numerals_count():
    text = report(
        title="{entity}二〇二四年度法治政府建设情况报告",
        opening="二〇二三年，西湖区扎实推进法治政府建设。",
    )
    c, a = check(text, "consistency.report_year")
    assert c.verdict == "fail" and shown(a, c.evidence) == ["二〇二四年", "二〇二三年"]
    c, _ = check(
        report(title="{entity}二〇二四年度法治政府建设情况报告"), "consistency.report_year"
    )
    assert c.verdict == "pass"


def test_no_year_in_title_or_opening_is_unknown():
    text = report(title="法治政府建设情况报告", opening="现将有关情况报告如下。")
    c, _ = check(text, "consistency.report_year")
    assert c.verdict == "unknown"


# --- the plans' year ----------------------------------------------------------------------


def test_plans_for_the_next_year_pass():
    c, a = check(report(), "consistency.plan_year")
    assert c.verdict == "pass" and shown(a, c.evidence) == ["2025年"]


def test_plans_for_the_report_year_itself_fail():
    plans = "2024年，我区将重点推进行政执法规范化建设。\n（一）出台行政执法监督办法。"
    c, a = check(report(plans=plans, plans_heading="{n}、下一步工作打算"), "consistency.plan_year")
    assert c.verdict == "fail" and "2025" in c.message
    assert shown(a, c.evidence) == ["2024年"]


def test_a_year_named_in_passing_is_not_the_plans_year():
    plans = "（一）巩固2024年专项行动成果，出台行政执法监督办法。"
    c, _ = check(report(plans=plans, plans_heading="{n}、下一步工作打算"), "consistency.plan_year")
    assert c.verdict == "pass" and "下一步" in c.message


def test_plans_that_name_no_year_and_no_cue():
    plans = "（一）出台行政执法监督办法。"
    c, _ = check(report(plans=plans, plans_heading="{n}、工作打算"), "consistency.plan_year")
    assert c.verdict == "not_applicable" and "没有写明年份" in c.message


def test_signature_date_is_not_read_as_a_plan_year():
    """The plans part runs into the signature; 2025年2月20日 under it is no plan for 2025."""
    plans = "（一）巩固2024年专项行动成果。"
    c, _ = check(report(plans=plans, plans_heading="{n}、主要打算"), "consistency.plan_year")
    assert c.verdict == "not_applicable"


# --- the signature ------------------------------------------------------------------------


def test_signature_names_the_entity_of_the_title():
    c, a = check(report(), "consistency.signature_entity")
    assert c.verdict == "pass"
    assert shown(a, c.evidence) == ["杭州市西湖区人民政府", "杭州市西湖区人民政府"]


def test_short_and_full_names_of_one_body_agree():
    c, _ = check(report(title="西湖区2024年度法治政府建设情况"), "consistency.signature_entity")
    assert c.verdict == "pass"


@pytest.mark.parametrize("signer", ["杭州市上城区人民政府", "杭州市西湖区司法局"])
def test_another_body_signing_fails(signer):
    c, a = check(report(signer=signer), "consistency.signature_entity")
    assert c.verdict == "fail" and signer in c.message
    assert signer in shown(a, c.evidence)


def test_another_department_of_the_same_district_fails():
    text = report(title="西湖区司法局2024年度法治政府建设情况", signer="杭州市西湖区城市管理局")
    c, _ = check(text, "consistency.signature_entity")
    assert c.verdict == "fail"


def test_without_a_title_the_opening_names_the_body():
    text = report(
        title=None, opening="2024年，区司法局认真推进法治政府建设。", signer="杭州市西湖区司法局"
    )
    c, _ = check(text, "consistency.signature_entity")
    assert c.verdict == "pass"


def test_unsigned_report_is_unknown():
    c, _ = check(report(signer=None, signed=None), "consistency.signature_entity")
    assert c.verdict == "unknown" and "落款" in c.message


# --- totals and their breakdown -----------------------------------------------------------


def _with(sentence: str) -> str:
    return report(achievements=[*ACHIEVEMENTS, "（九）推进信用建设。" + sentence])


def test_a_breakdown_that_exceeds_its_total_fails_with_both_spans():
    c, a = check(
        _with("归集行政许可和行政处罚信息5840条，其中行政许可4721条，行政处罚1120条。"),
        "consistency.sum_breakdown",
    )
    assert c.verdict == "fail"
    assert shown(a, c.evidence) == ["5840条", "4721条", "1120条"]
    assert "5841条" in c.message and "5840条" in c.message


def test_a_breakdown_that_adds_up_passes():
    c, a = check(
        _with("办理行政复议案件136件，其中维持88件、撤销21件、驳回27件。"),
        "consistency.sum_breakdown",
    )
    assert c.verdict == "pass"
    assert shown(a, c.evidence) == ["136件", "88件", "21件", "27件"]


def test_rounded_figures_are_compared_at_the_precision_written():
    c, _ = check(
        _with("办件量4.71万件，其中线上办理3.2万件、线下办理1.5万件。"), "consistency.sum_breakdown"
    )
    assert c.verdict == "pass"
    c, _ = check(
        _with("办件量4.71万件，其中线上办理3.4万件、线下办理1.5万件。"), "consistency.sum_breakdown"
    )
    assert c.verdict == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "受理行政复议案件136件，其中涉企案件40件。",  # one part: a detail, not a breakdown
        "受理行政复议案件136件，其中涉企案件40件、涉及征收案件30件。",  # a selection
        "受理行政复议案件136件，其中涉及人员52人、涉案金额300万元。",  # other units
        "公开政府信息5600余条，其中主动公开4000条、依申请公开1700条。",  # approximate total
    ],
)
def test_what_is_not_a_checkable_breakdown_is_not_a_failure(sentence):
    c, _ = check(_with(sentence), "consistency.sum_breakdown")
    assert c.verdict == "not_applicable"


def test_a_complete_list_must_add_up_exactly():
    c, _ = check(
        _with("受理行政复议案件136件，其中涉企案件40件、其他案件90件。"),
        "consistency.sum_breakdown",
    )
    assert c.verdict == "fail"


def test_the_list_ends_where_a_new_statement_begins():
    text = _with("受理行政复议案件136件，其中维持88件、撤销48件，办结130件。")
    c, _ = check(text, "consistency.sum_breakdown")
    assert c.verdict == "pass"


def test_no_breakdown_at_all_is_not_applicable():
    c, _ = check(report(), "consistency.sum_breakdown")
    assert c.verdict == "not_applicable"
