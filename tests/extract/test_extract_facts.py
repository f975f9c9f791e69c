"""Facts on sentences written in the style of the reports, with other units, figures and
phrasings than the samples: what must be found, exactly, and what must not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.extract import extract_facts


def facts(text: str) -> list[tuple]:
    return [(f.text, f.value, f.unit, f.qualifier, f.kind) for f in extract_facts(text)]


def one(text: str) -> tuple:
    found = facts(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年共受理行政复议申请218件。", ("218件", 218, "件", "exact", "count")),
        ("累计培训执法人员3.2万人次。", ("3.2万人次", 32000, "人次", "exact", "count")),
        ("为企业挽回损失约1200万元。", ("约1200万元", 12000000, "元", "about", "money")),
        ("办理法律援助案件近两千件。", ("近两千件", 2000, "件", "nearly", "count")),
        ("群众满意度达98.7％。", ("98.7％", 98.7, "%", "exact", "rate")),
        ("化解矛盾纠纷1,526件。", ("1,526件", 1526, "件", "exact", "count")),
        ("全区律师事务所达１２８家。", ("１２８家", 128, "家", "exact", "count")),
        ("审查合同不足300份。", ("不足300份", 300, "份", "under", "count")),
        ("办结率保持在95%以上。", ("95%以上", 95, "%", "over", "rate")),
        ("涉案金额3.6亿余元。", ("3.6亿余元", 360000000, "元", "over", "money")),
        ("开展专项执法检查十二次。", ("十二次", 12, "次", "exact", "count")),
        ("行政诉讼败诉率为零。", ("零", 0, "%", "exact", "rate")),
        ("案件数量同比下降12.5%。", ("12.5%", 12.5, "%", "exact", "change")),
        ("办案时限较上年缩短了约3个工作日。", ("约3个工作日", 3, "个工作日", "about", "change")),
        ("受案量增长1.5倍。", ("1.5倍", 1.5, "倍", "exact", "change")),
        ("覆盖率提升至96%。", ("96%", 96, "%", "exact", "rate")),
        ("满意率较上年提高3.2个百分点。", ("3.2个百分点", 3.2, "个百分点", "exact", "change")),
        ("综合考评位居全省第3名。", ("第3名", 3, "名", "exact", "rank")),
        ("工作成效排名全市第二。", ("第二", 2, "名", "exact", "rank")),
        ("逾500名群众参加活动。", ("逾500名", 500, "名", "over", "count")),
        ("投入资金1.2千万元。", ("1.2千万元", 12000000, "元", "exact", "money")),
        ("群众满意度达百分之九十五。", ("百分之九十五", 95, "%", "exact", "rate")),
        ("受理案件数量增长近两倍。", ("近两倍", 2, "倍", "nearly", "change")),
        ("调处矛盾纠纷万余件。", ("万余件", 10000, "件", "over", "count")),
        ("受益群众千余人。", ("千余人", 1000, "人", "over", "count")),
    ],
)
def test_single_facts(sentence, expected):
    assert one(sentence) == expected


def test_two_zero_rates():
    assert [f[1:] for f in facts("一审败诉率为0，纠错率为0。")] == [(0, "%", "exact", "rate")] * 2


def test_respectively_gives_one_fact_per_number_with_its_subject():
    found = extract_facts("全年分别办理市人大代表建议和市政协委员提案128件、96件，办结率均为100%。")
    assert [(f.text, f.value) for f in found] == [("128件", 128), ("96件", 96), ("100%", 100)]
    assert [f.indicator for f in found] == [
        "oversight.npc_suggestions",
        "oversight.cppcc_proposals",
        None,
    ]
    assert "建议" in found[0].subject and "提案" in found[1].subject


def test_subjects_before_respectively():
    found = extract_facts("受理量和结案量分别增长18.2%、15.7%。")
    assert [(f.value, f.kind) for f in found] == [(18.2, "change"), (15.7, "change")]
    assert found[0].subject.endswith("受理量") and found[1].subject.endswith("结案量")


def test_list_sharing_one_unit():
    assert [f[:3] for f in facts("分别审查合同、协议45、62份。")] == [
        ("45", 45, "份"),
        ("62份", 62, "份"),
    ]


def test_one_number_for_several_subjects_is_one_fact():
    assert len(facts("人大代表建议和政协提案满意率均达100%。")) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "深入贯彻党的二十大和二十届三中全会精神。",
        "扎实推进“八五”普法规划，八五普法中期评估顺利完成。",
        "构建“1+3+N”联动机制，打造“15分钟法律服务圈”。",
        "组织开展“12·4”国家宪法日和“3·15”消费者权益日宣传。",
        "印发《法治政府建设实施纲要（2021—2025年）》任务分工。",
        "依据国办发〔2023〕12号文件和第三十二条规定。",
        "拨打12348公共法律服务热线或110报警。",
        "全面落实行政执法三项制度，做到两个维护、四个意识。",
        "推行一窗受理、一网通办、最多跑一次改革。",
        "落实第一议题制度，压实第一责任人职责。",
        "建成5G智慧执法平台，推动三降一升。",
        "大力推广24小时自助服务和7×24小时在线服务。",
        "开展十四五规划中期评估，三年行动圆满收官。",
        "一是强化组织领导，二是完善制度机制。",
        "联系电话：023-68888888。",
        "聚焦两种状态、提升两个能力、推进三级联动。",
        "多次召开专题会议，实现全覆盖。",
        "2024年3月至12月，集中开展为期10个月的专项行动。",
        "数万余人次的群众受益，惠及千家万户，成千上万的群众。",
    ],
)
def test_not_facts(sentence):
    assert facts(sentence) == []


def test_counts_of_units_are_facts():
    assert [f[:2] for f in facts("全县21个乡镇和312个村（社区）实现法律顾问全覆盖。")] == [
        ("21个", 21),
        ("312个", 312),
    ]


def test_spans_point_into_the_text():
    text = "\u3000\u3000全年新收行政复议案件365件，同比增长295%，化解率超过85%。\n"
    for f in extract_facts(text):
        assert text[f.start : f.end] == f.text
        assert f.sentence is not None and f.sentence.start <= f.start < f.end <= f.sentence.end


@pytest.mark.parametrize(
    "junk",
    [
        "1..2万件",
        "百分之",
        "万元",
        "余件",
        "第件",
        "1.件",
        "3千万万元",
        "0.0.0%",
        "一二三四五六七八九十件",
    ],
)
def test_malformed_numbers_make_no_absurd_facts(junk):
    for f in extract_facts(f"全年办理{junk}。"):
        assert 0 <= f.value < 10**13


def test_a_file_of_nothing_but_digits():
    assert extract_facts("1234567890" * 5000) == []


def test_a_50000_digit_run_before_a_unit():
    for f in extract_facts("9" * 50_000 + "件。"):
        assert f.value < 10**17


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="0123456789万亿千百十零一二两三余多%％件元个次名第率为，。、“”《》+·-", max_size=80
    )
)
def test_random_text_never_crashes_and_spans_hold(s):
    for f in extract_facts(s):
        assert s[f.start : f.end] == f.text
        assert f.kind in {"count", "money", "rate", "change", "rank"}
        assert f.qualifier in {"exact", "over", "about", "nearly", "under"}
