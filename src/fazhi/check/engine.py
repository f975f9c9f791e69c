"""``evaluate()``: every enabled rule of a rule set run on one analysis, and the score.

Pure: the analysis in, verdicts and a score out; the shipped rule files are read once and
cached. One rule that cannot be evaluated (a user's pattern that fails on some text) gives
``unknown`` with the reason instead of losing the other verdicts of the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fazhi.check.context import Context
from fazhi.check.registry import Outcome, get_kind
from fazhi.check.rules import CheckConfig, Rule, RuleSet, pick_template
from fazhi.check.score import Rubric
from fazhi.i18n import t_in
from fazhi.model import Analysis, Check, Score, Span


def evaluate(
    analysis: Analysis,
    rules: RuleSet | None = None,
    rubric: Rubric | None = None,
    config: CheckConfig | None = None,
    lang: str = "zh",
) -> tuple[list[Check], Score]:
    """The verdicts of every enabled rule and the score they earn. ``config`` defaults to the
    one the rule set carries, else the shipped check_config.yaml; ``lang`` is the language of
    the messages and titles (zh or en)."""
    rules = rules or RuleSet.default()
    rubric = rubric or Rubric.default()
    config = config or rules.config or CheckConfig.default()
    ctx = Context.of(analysis, config, "en" if lang == "en" else "zh")
    base = _report_values(ctx)
    checks = [run_rule(ctx, rule, rules.common, base) for rule in rules.enabled]
    return checks, rubric.score(checks)


def run_rule(
    ctx: Context,
    rule: Rule,
    common: Mapping[str, Mapping[str, str]],
    base: Mapping[str, Any] | None = None,
) -> Check:
    """One rule's verdict on the report of ``ctx``, its message filled in."""
    outcome = _outcome(ctx, rule)
    values = {
        **(base if base is not None else _report_values(ctx)),
        "title": rule.title_in(ctx.lang),
        "basis": rule.basis or "—",
        "levels": "、".join(_word(lv, ctx.lang) for lv in sorted(rule.levels or ())),
    }
    values.update((k, "—" if v is None else v) for k, v in outcome.values.items())
    template = (
        rule.template(outcome.verdict, ctx.lang, outcome.reason)
        or pick_template(common, outcome.verdict, ctx.lang, outcome.reason)
        or "{title}"
    )
    return Check(
        rule=rule.id,
        verdict=outcome.verdict,
        message=_fill(template, values),
        basis=rule.basis,
        evidence=_valid(outcome.evidence, len(ctx.text)),
        title=rule.title_in(ctx.lang),
        measures=outcome.measures,
    )


def _outcome(ctx: Context, rule: Rule) -> Outcome:
    level = ctx.analysis.metadata.level
    if rule.levels is not None:
        if level is None:
            return Outcome("unknown", reason="level_unknown")
        if level not in rule.levels:
            return Outcome("not_applicable", reason="other_level")
    kind = get_kind(rule.kind)
    assert kind is not None  # checked when the rule set was loaded
    try:
        return kind.check(ctx, rule)
    except Exception as exc:  # one broken rule must not cost the report its other verdicts
        return Outcome("unknown", {"error": f"{type(exc).__name__}: {exc}"}, reason="error")


def _word(key: str | None, lang: str) -> str:
    return "—" if key is None else t_in(lang, key)


def _report_values(ctx: Context) -> dict[str, Any]:
    """The names every message may use about the report itself."""
    md = ctx.analysis.metadata
    return {
        "entity": md.entity or "—",
        "year": md.report_year or "—",
        "next": md.report_year + 1 if md.report_year else "—",
        "level": _word(md.level, ctx.lang),
    }


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict[str, Any]) -> str:
    """The template with its {names} filled; a name the check did not give stays visible
    rather than breaking the message."""
    try:
        return template.format_map(_Values(values))
    except (ValueError, IndexError, KeyError):
        return template


def _valid(spans: list[Span], n: int) -> list[Span]:
    """Evidence that points into the text, each span once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for s in spans:
        key = (s.start, s.end)
        if 0 <= s.start < s.end <= n and key not in seen:
            seen.add(key)
            out.append(Span(s.start, s.end))
    return out
