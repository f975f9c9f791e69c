"""The rubric: weights add up, every point traces to a verdict or a measure, and a user's
change of weight takes effect."""

from __future__ import annotations

import pytest
from check_builders import report

from fazhi import analyze
from fazhi.check import Rubric, RuleError, RuleSet, evaluate
from fazhi.check.score import Item
from fazhi.model import Check


def test_the_shipped_weights_add_up_to_100_and_score_known_rules():
    rubric = Rubric.default()
    assert sum(p.weight for p in rubric.parts) == 100
    assert {p.name for p in rubric.parts} == {
        "completeness",
        "timeliness",
        "evidence",
        "problem_analysis",
        "planning",
        "coverage",
    }
    assert rubric.unknown_rules(RuleSet.default()) == []


def test_a_good_report_scores_high_and_parts_add_up_to_the_total():
    a = analyze(report(published="2025-03-01"))
    assert a.score is not None and a.score.total >= 95
    assert a.score.total == pytest.approx(sum(a.score.parts.values()), abs=0.3)
    assert a.score.rubric == "1"


def test_each_missing_part_costs_its_share_of_completeness():
    full = analyze(report()).score
    lacking = analyze(report(responsibility=None)).score
    assert full.parts["completeness"] == 30
    assert lacking.parts["completeness"] == 22.5  # one of four items


def test_unknown_earns_nothing_and_not_applicable_is_left_out():
    rubric = Rubric.from_data(
        {"parts": {"p": {"weight": 10, "items": [{"rule": "a"}, {"rule": "b"}, {"rule": "c"}]}}}
    )

    def score(*verdicts: str) -> float:
        checks = [Check(r, v, "") for r, v in zip("abc", verdicts, strict=True)]
        return rubric.score(checks).total

    assert score("pass", "pass", "pass") == 100
    assert score("pass", "unknown", "pass") == pytest.approx(66.7)
    assert score("pass", "not_applicable", "pass") == 100
    assert score("fail", "not_applicable", "not_applicable") == 0


def test_a_part_where_nothing_applies_is_left_out_of_the_total():
    rubric = Rubric.from_data(
        {
            "parts": {
                "x": {"weight": 50, "items": [{"rule": "a"}]},
                "y": {"weight": 50, "items": [{"rule": "b"}]},
            }
        }
    )
    s = rubric.score([Check("a", "pass", ""), Check("b", "not_applicable", "")])
    assert s.parts == {"x": 50} and s.total == 100


def test_measures_are_scaled_between_their_bounds():
    item = Item("r", measure="m", low=2, high=12)

    def value(v: float) -> float | None:
        return item.value(Check("r", "pass", "", measures={"m": v}))

    assert value(1) == 0 and value(7) == 0.5 and value(30) == 1
    assert item.value(Check("r", "unknown", "")) == 0
    assert item.value(Check("r", "not_applicable", "")) is None


def test_a_changed_weight_takes_effect(tmp_path):
    """Without the responsibility part only completeness loses; giving it no weight removes the
    loss entirely."""
    a = analyze(report(responsibility=None), checks=False)
    _, shipped = evaluate(a)
    path = tmp_path / "rubric.yaml"
    path.write_text("version: local\nparts:\n  completeness: {weight: 0}\n", encoding="utf-8")
    rubric = Rubric.with_file(path)
    _, changed = evaluate(a, rubric=rubric)
    assert "completeness" not in changed.parts and changed.rubric == "1+local"
    assert changed.total > shipped.total
    path.write_text("parts:\n  timeliness: {weight: 40}\n", encoding="utf-8")
    assert Rubric.with_file(path).parts[1].weight == 40


def test_a_bad_rubric_is_refused(tmp_path):
    path = tmp_path / "rubric.yaml"
    path.write_text("parts:\n  x: {weight: 10, items: [{measure: m}]}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="x"):
        Rubric.from_file(path)
    path.write_text("parts:\n  x: {weight: -1, items: [{rule: a}]}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="weight"):
        Rubric.from_file(path)
    path.write_text("parts:\n  x: {weight: 1, items: [{rule: a, measure: m, low: 5, high: 1}]}\n")
    with pytest.raises(RuleError, match="high"):
        Rubric.from_file(path)


def test_a_rubric_naming_a_rule_that_does_not_exist_is_reported():
    rubric = Rubric.from_data({"parts": {"x": {"weight": 1, "items": [{"rule": "no.such"}]}}})
    assert rubric.unknown_rules(RuleSet.default()) == ["no.such"]
