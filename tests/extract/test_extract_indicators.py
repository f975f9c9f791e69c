"""Indicator mapping on sentences of other units and phrasings, and user extensions in YAML."""

from __future__ import annotations

import textwrap

import pytest

from fazhi.data import load_yaml
from fazhi.extract import extract_facts
from fazhi.extract.indicators import Taxonomy, default_taxonomy

SPEC_IDS = [
    "functions.gov_service_items",
    "functions.ontime_rate",
    "functions.tax_fee_cuts",
    "functions.power_list_items",
    "rules.normative_doc_reviews",
    "rules.normative_doc_filings",
    "rules.normative_doc_cleanups",
    "decisions.major_decisions",
    "decisions.legality_reviews",
    "decisions.legal_advisor_work",
    "enforcement.penalty_cases",
    "enforcement.case_file_reviews",
    "enforcement.officers_trained",
    "enforcement.inspections",
    "enforcement.items_transferred",
    "disputes.reconsideration_cases",
    "disputes.dispute_resolution_rate",
    "disputes.litigation_cases",
    "disputes.head_appearance_rate",
    "disputes.litigation_loss_rate",
    "disputes.mediation_cases",
    "disputes.mediation_success_rate",
    "disputes.mediation_orgs",
    "society.legal_aid_cases",
    "society.recovered_losses",
    "society.pufa_events",
    "oversight.npc_suggestions",
    "oversight.cppcc_proposals",
    "oversight.proposal_satisfaction",
    "oversight.info_disclosed",
    "oversight.info_requests",
    "oversight.audit_projects",
    "leadership.study_sessions",
    "leadership.officials_examined",
    "leadership.rule_of_law_meetings",
]


def test_taxonomy_has_every_spec_id_with_names_and_units():
    tax = default_taxonomy()
    for ident in SPEC_IDS:
        ind = tax.get(ident)
        assert ind is not None, ident
        assert ind.name and ind.name_en and ind.unit and ind.units and ind.when


def indicators(text: str) -> list[str | None]:
    return [f.indicator for f in extract_facts(text)]


@pytest.mark.parametrize(
    ("sentence", "ids"),
    [
        (
            "全年政务服务中心共办理政务服务事项56.3万件，按期办结率99.8%。",
            ["functions.gov_service_items", "functions.ontime_rate"],
        ),
        ("落实组合式税费支持政策，新增减税降费及退税缓税缓费4.2亿元。", ["functions.tax_fee_cuts"]),
        ("动态调整权责清单事项2356项。", ["functions.power_list_items"]),
        (
            "审核县政府规范性文件15件，向市政府报备规范性文件9件，清理规范性文件47件。",
            [
                "rules.normative_doc_reviews",
                "rules.normative_doc_filings",
                "rules.normative_doc_cleanups",
            ],
        ),
        ("对县政府签订的合同协议开展合法性审查128件。", ["decisions.legality_reviews"]),
        ("公布重大行政决策事项目录，全年作出重大行政决策8项。", ["decisions.major_decisions"]),
        ("法律顾问列席县政府常务会议并提出法律意见86条。", ["decisions.legal_advisor_work"]),
        (
            "全县办理行政处罚案件3120件，评查行政执法案卷450卷。",
            ["enforcement.penalty_cases", "enforcement.case_file_reviews"],
        ),
        ("全年实施行政处罚89件，罚款236.5万元。", ["enforcement.penalty_cases", None]),
        ("全年共检查生产经营单位1,286家次。", ["enforcement.inspections"]),
        ("2024年组织执法人员轮训2次，开展执法检查30次。", [None, "enforcement.inspections"]),
        ("组织1280名行政执法人员参加执法资格培训。", ["enforcement.officers_trained"]),
        ("开展联合执法检查216次。", ["enforcement.inspections"]),
        ("向乡镇下放行政执法事项120项。", ["enforcement.items_transferred"]),
        (
            "县政府本级收到行政复议申请85件，行政争议实质性化解率达到78%。",
            ["disputes.reconsideration_cases", "disputes.dispute_resolution_rate"],
        ),
        (
            "县政府作为被告的一审行政诉讼案件42件，负责人出庭应诉率100%，败诉率3.5%。",
            [
                "disputes.litigation_cases",
                "disputes.head_appearance_rate",
                "disputes.litigation_loss_rate",
            ],
        ),
        (
            "各级人民调解组织调处矛盾纠纷6820件，调解成功率98.6%。",
            ["disputes.mediation_cases", "disputes.mediation_success_rate"],
        ),
        ("新建行业性专业性人民调解委员会14个。", ["disputes.mediation_orgs"]),
        (
            "办理法律援助案件1460件，为农民工挽回经济损失2380万元。",
            ["society.legal_aid_cases", "society.recovered_losses"],
        ),
        ("开展送法进乡村等普法宣传活动480场次。", ["society.pufa_events"]),
        (
            "办理人大代表建议76件、政协委员提案104件，满意率100%。",
            [
                "oversight.npc_suggestions",
                "oversight.cppcc_proposals",
                "oversight.proposal_satisfaction",
            ],
        ),
        (
            "主动公开政府信息8260条，办理依申请公开63件。",
            ["oversight.info_disclosed", "oversight.info_requests"],
        ),
        ("完成审计项目31个。", ["oversight.audit_projects"]),
        ("县政府常务会议会前学法12次。", ["leadership.study_sessions"]),
        ("组织320名领导干部参加年度学法考法。", ["leadership.officials_examined"]),
        ("县委常委会会议专题研究法治建设工作4次。", ["leadership.rule_of_law_meetings"]),
    ],
)
def test_sentences_map_to_indicators(sentence, ids):
    assert indicators(sentence) == ids


@pytest.mark.parametrize(
    "sentence",
    [
        "聘请法律顾问12名。",  # advisers hired, not their work
        "新建停车位1200个。",
        "案件数量同比增长35%。",  # a change carries no indicator
        "综合考评居全市第1。",  # nor does a rank
        "公示行政处罚信息326条。",  # 公示 is not 主动公开
        "立案办理民事公益诉讼案件18件。",
    ],
)
def test_sentences_that_map_to_no_indicator(sentence):
    assert set(indicators(sentence)) <= {None}


def test_part_of_a_whole_carries_no_indicator():
    found = extract_facts("受理行政复议案件120件，其中维持80件、撤销12件。")
    assert [f.indicator for f in found] == ["disputes.reconsideration_cases", None, None]


def test_a_clause_that_names_nothing_counts_what_the_sentence_counts():
    found = extract_facts("新收行政复议案件96件，审结88件。")
    assert [f.indicator for f in found] == ["disputes.reconsideration_cases"] * 2


def test_users_extend_and_override_the_taxonomy(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        textwrap.dedent(
            """
            version: local-1
            indicators:
              - id: local.parking_spaces
                name: 共享停车位
                name_en: shared parking spaces
                unit: 个
                kinds: [count]
                units: [个]
                when: ['停车位']
              - id: oversight.audit_projects
                name: 审计项目（本地口径）
                name_en: audit projects
                unit: 项
                kinds: [count]
                units: [项]
                when: ['审计']
            """
        ),
        encoding="utf-8",
    )
    tax = Taxonomy.with_file(extra)
    found = extract_facts("新建共享停车位1200个，完成审计8项，审计项目3个。", taxonomy=tax)
    assert [f.indicator for f in found] == [
        "local.parking_spaces",
        "oversight.audit_projects",
        None,
    ]
    assert len(tax.indicators) == len(load_yaml("taxonomy.yaml")["indicators"]) + 1
