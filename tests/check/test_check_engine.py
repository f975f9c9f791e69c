"""The engine and rule files: a user's rule or change takes effect, a bad file is refused with a
plain message, rules can be switched off or limited to levels, and odd input never crashes."""

from __future__ import annotations

import json

import pytest
from check_builders import report
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi import analyze
from fazhi.check import CheckConfig, RuleError, RuleSet, evaluate, kind
from fazhi.check.registry import Outcome
from fazhi.model import Analysis


def _verdicts(a: Analysis, rules: RuleSet, **kw: object) -> dict[str, str]:
    checks, _ = evaluate(a, rules, **kw)  # type: ignore[arg-type]
    return {c.rule: c.verdict for c in checks}


def _write(tmp_path, text: str):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_rule_gives_one_verdict_with_title_basis_and_message():
    a = analyze(report())
    rules = RuleSet.default()
    assert [c.rule for c in a.checks] == [r.id for r in rules.enabled]
    for c in a.checks:
        assert c.title and c.basis and c.message and "{" not in c.message, c.rule
        for e in c.evidence:
            assert 0 <= e.start < e.end <= len(a.text)


def test_a_user_rule_of_an_existing_kind_needs_no_code(tmp_path):
    """A province asks for a fifth part on 法治宣传教育: a new required_part rule."""
    path = _write(
        tmp_path,
        """
rules:
  - id: local.publicity
    kind: required_part
    title: {zh: 法治宣传教育情况, en: Legal publicity}
    basis: 某省法治政府建设年度报告工作指引第五条
    params: {part: publicity, requirement: 上一年度法治宣传教育情况}
""",
    )
    rules = RuleSet.with_file(path)
    a = analyze(report(), checks=False)
    checks, _ = evaluate(a, rules)
    mine = next(c for c in checks if c.rule == "local.publicity")
    assert mine.verdict == "fail" and "法治宣传教育" in mine.message
    assert mine.basis == "某省法治政府建设年度报告工作指引第五条"
    assert len(checks) == len(RuleSet.default().enabled) + 1


def test_a_user_file_changes_only_the_keys_it_gives(tmp_path):
    path = _write(
        tmp_path,
        """
rules:
  - id: substance.fact_density
    params: {min_per_1000: 60}
  - id: timeliness.signed_in_quarter
    enabled: false
""",
    )
    rules = RuleSet.with_file(path)
    a = analyze(report(), checks=False)
    before, after = _verdicts(a, RuleSet.default()), _verdicts(a, rules)
    assert before["substance.fact_density"] == "pass"
    assert after["substance.fact_density"] == "fail"  # the threshold changed …
    assert rules.get("substance.fact_density").params["sections"] == ["achievements"]  # … only it
    assert "timeliness.signed_in_quarter" not in after
    assert rules.version == "1+user"


def test_a_rule_limited_to_levels(tmp_path):
    path = _write(tmp_path, "rules:\n  - {id: content.responsibility, levels: [department]}\n")
    rules = RuleSet.with_file(path)
    gov = analyze(report(responsibility=None), checks=False)
    c = next(c for c in evaluate(gov, rules)[0] if c.rule == "content.responsibility")
    assert c.verdict == "not_applicable" and "部门" in c.message
    nobody = analyze(
        report(title=None, opening="一年来，本单位推进法治建设。", signer=None), checks=False
    )
    assert nobody.metadata.level is None
    c = next(c for c in evaluate(nobody, rules)[0] if c.rule == "content.responsibility")
    assert c.verdict == "unknown"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("rules:\n  - {id: x.y, kind: no_such_kind}\n", "no_such_kind"),
        ("rules:\n  - {kind: required_part}\n", "id"),
        ("rules:\n  - {id: x.y, kind: required_part}\n", "x.y"),  # params.part is required
        (
            "rules:\n  - {id: x.y, kind: area_coverage, params: "
            "{areas: [{id: a, name: A, keywords: ['(']}], min_covered: 1}}\n",
            "x.y",
        ),
        (
            "rules:\n  - {id: x.y, kind: required_part, params: {part: a}, levels: [village]}\n",
            "levels",
        ),
        (
            "rules:\n  - {id: x.y, kind: required_part, params: {part: a}, "
            "messages: {passed: {zh: x}}}\n",
            "messages",
        ),
        ("rules: [\n", "YAML"),
        ("- just a list\n", "映射"),
    ],
)
def test_a_bad_rule_file_is_refused_saying_what_is_wrong(tmp_path, text, words):
    with pytest.raises(RuleError, match=words):
        RuleSet.with_file(_write(tmp_path, text))


def test_a_missing_rule_file_is_refused(tmp_path):
    with pytest.raises(RuleError, match="无法读取"):
        RuleSet.from_file(tmp_path / "nope.yaml")


def test_a_standalone_rule_file_replaces_the_shipped_rules(tmp_path):
    path = _write(
        tmp_path,
        "rules:\n  - {id: only.one, kind: required_part, title: 成效,"
        " params: {part: achievements}}\n",
    )
    checks, _ = evaluate(analyze(report(), checks=False), RuleSet.from_file(path))
    assert [c.rule for c in checks] == ["only.one"] and checks[0].verdict == "pass"
    assert checks[0].message.startswith("报告包含「成效」部分")  # the shipped wording of its kind


def test_a_rule_that_breaks_on_a_report_gives_unknown_and_keeps_the_others(tmp_path):
    @kind("test_breaks")
    def _breaks(ctx, rule) -> Outcome:
        raise ZeroDivisionError("boom")

    path = _write(tmp_path, "rules:\n  - {id: test.breaks, kind: test_breaks, title: 试验}\n")
    checks, score = evaluate(analyze(report(), checks=False), RuleSet.with_file(path))
    broken = next(c for c in checks if c.rule == "test.breaks")
    assert broken.verdict == "unknown" and "ZeroDivisionError" in broken.message
    assert sum(c.verdict == "pass" for c in checks) > 10 and score.total > 80


def test_messages_in_english():
    a = analyze(report(causes=None), checks=False)
    checks, _ = evaluate(a, lang="en")
    c = next(c for c in checks if c.rule == "content.causes")
    assert c.title == "Causes of the shortcomings" and c.message.startswith("The shortcomings part")


def test_evaluate_is_pure_and_repeatable():
    a = analyze(report(), checks=False)
    before = a.to_json()
    first, s1 = evaluate(a)
    second, s2 = evaluate(a)
    assert a.to_json() == before and first == second and s1 == s2


def test_rule_set_carries_its_local_config():
    config = CheckConfig.from_data({"local_deadlines": {"county_district": "02-01"}})
    a = analyze(report(), rules=RuleSet.default().configured(config))
    c = next(c for c in a.checks if c.rule == "timeliness.local_deadline")
    assert c.verdict == "fail"  # signed 2025-02-20, a district's deadline is 02-01


def test_checks_and_score_are_in_the_json_and_survive_a_round_trip():
    a = analyze(report())
    d = json.loads(a.to_json())
    assert {c["verdict"] for c in d["checks"]} <= {"pass", "fail", "not_applicable", "unknown"}
    assert set(d["score"]) >= {"total", "parts"}
    assert Analysis.from_dict(d).checks == a.checks


def test_checks_can_be_switched_off():
    a = analyze(report(), checks=False)
    assert a.checks == [] and a.score is None


@pytest.mark.parametrize("text", ["", "\n\n", "一、\n二、\n", "2024年。" * 50, "其中其中1件其中"])
def test_degenerate_texts_give_verdicts_not_crashes(text):
    a = analyze(text)
    assert len(a.checks) == len(RuleSet.default().enabled)
    assert not any("无法执行" in c.message for c in a.checks)


_REPORTISH = st.lists(
    st.sampled_from(
        [
            "一、2024年主要举措和成效",
            "二、存在的不足和原因",
            "三、下一步工作打算",
            "（一）办理行政复议案件136件，其中维持88件、撤销48件。",
            "由于编制不足，执法力量薄弱。",
            "2025年，我区将出台办法。",
            "杭州市西湖区人民政府",
            "2025年2月20日",
            "发布日期：2025-03-11",
            "其中",
            "",
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(text=_REPORTISH | st.text(max_size=200))
def test_any_text_gives_a_verdict_per_rule_with_valid_evidence(text):
    a = analyze(text)
    assert len(a.checks) == len(RuleSet.default().enabled)
    for c in a.checks:
        assert "无法执行" not in c.message, c.message
        for e in c.evidence:
            assert 0 <= e.start < e.end <= len(text)
    assert a.score is not None and 0 <= a.score.total <= 100
