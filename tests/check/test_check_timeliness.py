"""Timeliness (第二十四条 and local deadlines): dates found give pass or fail with the date as
evidence; dates not found give unknown, never pass."""

from __future__ import annotations

import pytest
from check_builders import check, report, shown

from fazhi import analyze
from fazhi.check import CheckConfig, RuleError, evaluate


@pytest.mark.parametrize(
    ("published", "verdict"),
    [
        ("2025-03-11", "pass"),
        ("2025-03-31", "pass"),
        ("2025-04-01", "fail"),
        ("2025-06-18", "fail"),
    ],
)
def test_published_before_april_first(published, verdict):
    c, a = check(report(published=published), "timeliness.published_by_april")
    assert c.verdict == verdict
    assert shown(a, c.evidence) == [published]  # the 发布日期 in the page chrome
    assert "2025-04-01" in c.message


def test_the_deadline_follows_the_report_year():
    c, _ = check(
        report(2022, published="2023-05-06", signed="2023年2月1日"), "timeliness.published_by_april"
    )
    assert c.verdict == "fail" and "2023-04-01" in c.message


def test_no_publication_date_is_unknown():
    c, _ = check(report(), "timeliness.published_by_april")
    assert c.verdict == "unknown" and "发布日期" in c.message


def test_no_report_year_is_unknown():
    text = "全区依法行政工作总体平稳。\n一、主要举措和成效\n审核规范性文件18件。\n"
    c, a = check(text, "timeliness.published_by_april")
    assert a.metadata.report_year is None
    assert c.verdict == "unknown" and "报告年度" in c.message


@pytest.mark.parametrize(
    ("signed", "verdict", "word"),
    [
        ("2025年1月15日", "pass", "第一季度"),
        ("二〇二五年三月三十一日", "pass", "第一季度"),
        ("2024年12月20日", "fail", "结束前"),
        ("2025年4月2日", "fail", "第一季度报送"),
    ],
)
def test_signed_in_the_first_quarter(signed, verdict, word):
    c, a = check(report(signed=signed), "timeliness.signed_in_quarter")
    assert c.verdict == verdict and word in c.message
    assert shown(a, c.evidence) == [signed]  # the date under the signature


def test_unsigned_report_is_unknown():
    c, _ = check(report(signer=None, signed=None), "timeliness.signed_in_quarter")
    assert c.verdict == "unknown" and "落款" in c.message


def test_local_deadline_is_off_until_configured():
    c, _ = check(report(), "timeliness.local_deadline")
    assert c.verdict == "not_applicable" and "check_config.yaml" in c.message


def _local(text: str, deadlines: dict[str, str]):
    a = analyze(text, checks=False)
    config = CheckConfig.from_data({"local_deadlines": deadlines})
    checks, _ = evaluate(a, config=config)
    return next(c for c in checks if c.rule == "timeliness.local_deadline"), a


DEPT = {"entity": "杭州市西湖区司法局", "signer": "杭州市西湖区司法局"}


@pytest.mark.parametrize(
    ("signed", "verdict"),
    [("2025年2月26日", "pass"), ("2025年3月1日", "fail"), ("2025年3月5日", "fail")],
)
def test_a_stricter_deadline_for_departments(signed, verdict):
    c, a = _local(report(signed=signed, **DEPT), {"department": "03-01"})
    assert a.metadata.level == "department"
    assert c.verdict == verdict and "2025-03-01" in c.message
    assert shown(a, c.evidence) == [signed]


def test_a_deadline_for_another_level_does_not_apply():
    c, _ = _local(report(signed="2025年3月20日"), {"department": "03-01"})
    assert c.verdict == "not_applicable"


def test_without_a_signed_date_publication_before_the_deadline_still_proves_it():
    text = report(entity=DEPT["entity"], signer=None, signed=None, published="2025-02-10")
    c, a = _local(text, {"department": "03-01"})
    assert c.verdict == "pass" and shown(a, c.evidence) == ["2025-02-10"]
    late, _ = _local(
        report(entity=DEPT["entity"], signer=None, signed=None, published="2025-03-20"),
        {"department": "03-01"},
    )
    assert late.verdict == "unknown"  # it may have been submitted in time and published later


def test_an_unknown_level_cannot_be_held_to_a_level_deadline():
    text = report(title=None, opening="一年来，本单位认真推进法治建设。", signer=None)
    c, a = _local(text, {"department": "03-01"})
    assert a.metadata.level is None
    assert c.verdict == "unknown"


def test_config_files_are_checked_when_loaded(tmp_path):
    bad = tmp_path / "config.yaml"
    bad.write_text("local_deadlines: {department: '3月1日'}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="03-01"):
        CheckConfig.from_file(bad)
    bad.write_text("local_deadlines: {bureau: '03-01'}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bureau"):
        CheckConfig.with_file(bad)
