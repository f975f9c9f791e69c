"""Required content (第二十五条): each part there or not, causes stated or not, and unknown when
the outline cannot be read."""

from __future__ import annotations

import pytest
from check_builders import check, report, shown

PARTS = {
    "content.achievements": "achievements",
    "content.responsibility": "responsibility",
    "content.shortcomings": "shortcomings",
    "content.next_year": "next_year",
}


@pytest.mark.parametrize("rule", sorted(PARTS))
def test_a_complete_report_has_every_part_with_its_heading_as_evidence(rule):
    c, a = check(report(), rule)
    assert c.verdict == "pass"
    assert len(c.evidence) == 1 and "、" in shown(a, c.evidence)[0][:3]
    assert c.basis and "第二十五条" in c.basis


@pytest.mark.parametrize(
    ("rule", "leave_out"),
    [
        ("content.responsibility", {"responsibility": None}),
        ("content.shortcomings", {"shortcomings": None}),
        ("content.next_year", {"plans": None}),
    ],
)
def test_a_missing_part_fails_citing_the_headings_that_are_there(rule, leave_out):
    c, a = check(report(**leave_out), rule)
    assert c.verdict == "fail"
    headings = shown(a, c.evidence)
    assert headings and all(h[:2] in ("一、", "二、", "三、") for h in headings)
    assert headings[0] in c.message  # the clerk sees what the report has instead
    assert "请补写" in c.message


def test_duty_mentioned_in_passing_is_not_a_report_on_it():
    """将……第一责任人职责情况纳入考核 inside an achievements paragraph: no responsibility part."""
    text = report(
        responsibility=None,
        achievements=[
            "（一）完善考核。将党政主要负责人履行推进法治建设第一责任人职责情况纳入年度考核，"
            "细化考核标准。全年审核规范性文件18件。"
        ],
    )
    c, _ = check(text, "content.responsibility")
    assert c.verdict == "fail"


def test_a_department_is_told_about_its_own_head():
    text = report(entity="杭州市西湖区司法局", signer="杭州市西湖区司法局", responsibility=None)
    c, a = check(text, "content.responsibility")
    assert a.metadata.level == "department"
    assert c.verdict == "fail" and "本部门主要负责人" in c.message
    gov, _ = check(report(responsibility=None), "content.responsibility")
    assert "党政主要负责人" in gov.message


def test_no_outline_at_all_is_unknown_not_fail():
    c, _ = check("本单位今年依法行政工作总体平稳。", "content.shortcomings")
    assert c.verdict == "unknown" and "人工核对" in c.message


def test_a_report_without_headings_is_judged_by_its_paragraphs():
    text = (
        "2024年，我区扎实推进法治政府建设，审核规范性文件18件，办理行政复议案件136件。\n"
        "全年组织行政执法人员培训650人，开展应急演练46次。\n"
        "存在的主要问题是基层行政执法力量薄弱，原因在于编制不足。\n"
        "下一步，我区将于2025年6月底前出台行政执法监督办法。\n"
    )
    found = {rule: check(text, rule)[0].verdict for rule in PARTS}
    assert found == {
        "content.achievements": "pass",
        "content.responsibility": "fail",
        "content.shortcomings": "pass",
        "content.next_year": "pass",
    }


def test_causes_stated_in_the_shortcomings_pass_with_the_sentence_as_evidence():
    c, a = check(report(), "content.causes")
    assert c.verdict == "pass"
    assert shown(a, c.evidence) == ["究其原因，主要是执法人员培训不够系统，考核机制不够完善。"]


@pytest.mark.parametrize(
    "cause", ["由于编制不足，基层执法力量薄弱。", "问题的根源在于培训不系统。"]
)
def test_other_ways_of_stating_causes(cause):
    c, _ = check(report(causes=cause), "content.causes")
    assert c.verdict == "pass"


def test_shortcomings_without_causes_fail():
    c, a = check(report(causes=None), "content.causes")
    assert c.verdict == "fail" and "原因" in c.message
    assert shown(a, c.evidence)[0].startswith("三、")


def test_a_heading_that_only_promises_causes_has_not_stated_them():
    text = report(causes=None).replace("存在的不足\n", "存在的不足和原因\n")
    c, a = check(text, "content.causes")
    assert "不足和原因" in a.text
    assert c.verdict == "fail"


def test_no_shortcomings_part_means_no_causes():
    c, _ = check(report(shortcomings=None), "content.causes")
    assert c.verdict == "fail" and "没有「存在的不足」部分" in c.message
