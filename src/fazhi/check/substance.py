"""Substance: the defects that studies of these reports keep naming (遗漏, 泛化, 运用事例少,
问题原因分析不足), measured so that a clerk can see them and a rubric can score them.

Each check reports its measure (facts per thousand characters, indicators reported, areas
covered, the share of specific shortcomings and concrete plans) in ``measures``, and passes or
fails it against a threshold from the rule file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fazhi.check.context import Context
from fazhi.check.registry import Outcome, kind
from fazhi.check.rules import Rule, alternation
from fazhi.model import Span
from fazhi.parse.points import Point


def _by_level(value: Any, level: str | None) -> float:
    """A threshold given once, or per level with a ``default``."""
    if isinstance(value, Mapping):
        return float(value.get(level or "", value["default"]))
    return float(value)


def _sections(params: Mapping[str, Any], default: list[str]) -> tuple[str, ...]:
    return tuple(params.get("sections", default))


def _missing(ctx: Context) -> Outcome:
    """The part a measure is taken on is not there: not this rule's failure (the content rule
    reports it) unless the outline could not be read at all."""
    if not ctx.structure_known:
        return Outcome("unknown", reason="no_outline")
    return Outcome("not_applicable", reason="no_part")


# --- quantified achievements -------------------------------------------------------------


@kind("fact_density")
def fact_density(ctx: Context, rule: Rule) -> Outcome:
    """Facts (counts, amounts, rates …) per thousand characters of the achievements part."""
    sections = _sections(rule.params, ["achievements"])
    chars = sum(ctx.chars(s) for s in sections)
    if chars == 0:
        return _missing(ctx)
    facts = ctx.facts_in(sections)
    per = round(len(facts) * 1000 / chars, 2)
    minimum = _by_level(rule.params["min_per_1000"], ctx.analysis.metadata.level)
    values = {"per_1000": per, "facts": len(facts), "chars": chars, "min": f"{minimum:g}"}
    measures = {"per_1000": per, "facts": len(facts), "chars": chars}
    if per >= minimum:
        return Outcome("pass", values, [Span(f.start, f.end) for f in facts[:5]], measures)
    labels = [ctx.label(p) for s in sections for p in ctx.parts(s)]
    return Outcome("fail", values, labels, measures)


@kind("indicator_count")
def indicator_count(ctx: Context, rule: Rule) -> Outcome:
    """How many different core indicators (taxonomy.yaml) the report gives a figure for."""
    sections = _sections(rule.params, ["achievements", "responsibility"])
    if not any(ctx.parts(s) for s in sections):
        return _missing(ctx)
    first: dict[str, Span] = {}
    for f in ctx.facts_in(sections):
        if f.indicator and f.indicator not in first:
            first[f.indicator] = Span(f.start, f.end)
    minimum = _by_level(rule.params["min"], ctx.analysis.metadata.level)
    values = {"count": len(first), "min": int(minimum)}
    measures = {"count": len(first), "indicators": sorted(first)}
    verdict = "pass" if len(first) >= minimum else "fail"
    return Outcome(verdict, values, list(first.values()), measures)


# --- coverage of the 纲要's areas ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Area:
    id: str
    name: Mapping[str, str]
    words: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Coverage:
    areas: tuple[_Area, ...]
    sections: tuple[str, ...]
    minimum: int


def _prepare_coverage(params: Mapping[str, Any]) -> _Coverage:
    areas = tuple(
        _Area(
            str(a["id"]),
            {"zh": a["name"]} if isinstance(a["name"], str) else dict(a["name"]),
            alternation(a["keywords"]),
        )
        for a in params["areas"]
    )
    return _Coverage(areas, _sections(params, ["achievements"]), int(params["min_covered"]))


@kind("area_coverage", prepare=_prepare_coverage)
def area_coverage(ctx: Context, rule: Rule) -> Outcome:
    """Which areas of the 纲要 the report gives an account of: a checklist {area: found} in
    ``measures``, one hit per area found as evidence."""
    c: _Coverage = rule.prepared
    parts = [p for s in c.sections for p in ctx.parts(s)]
    if not parts:
        return _missing(ctx)
    checklist: dict[str, bool] = {}
    evidence: list[Span] = []
    for area in c.areas:
        hit = next((m for p in parts if (m := area.words.search(ctx.text, p.start, p.end))), None)
        checklist[area.id] = hit is not None
        if hit is not None:
            evidence.append(Span(hit.start(), hit.end()))
    covered = sum(checklist.values())
    missing = [a.name.get(ctx.lang) or a.name["zh"] for a in c.areas if not checklist[a.id]]
    values = {"covered": covered, "total": len(c.areas), "min": c.minimum}
    values["missing"] = "、".join(missing) or "—"
    measures = {"checklist": checklist, "covered": covered, "areas": len(c.areas)}
    if covered < c.minimum:
        return Outcome("fail", values, evidence, measures)
    return Outcome("pass", values, evidence, measures, reason="all" if not missing else None)


# --- specific shortcomings, concrete plans ------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Points:
    part: str
    lead_in: re.Pattern[str]  # a point that only announces the list (主要表现在)
    # What makes a point specific / concrete: each pattern of each group of `marks` on its
    # own, since a few small patterns are searched much faster than one large alternation.
    marks: tuple[re.Pattern[str], ...]
    facts_count: bool  # whether a figure in the point makes it so
    min_share: float


def _prepare_points(part: str) -> Callable[[Mapping[str, Any]], _Points]:
    def prepare(params: Mapping[str, Any]) -> _Points:
        marks = tuple(re.compile(p) for group in params["marks"].values() for p in group)
        return _Points(
            part=str(params.get("part", part)),
            lead_in=alternation(params.get("lead_in", [])),
            marks=marks,
            facts_count=bool(params.get("figures", True)),
            min_share=float(params["min_share"]),
        )

    return prepare


def _judge_points(ctx: Context, rule: Rule) -> Outcome:
    """The share of a part's points that carry a mark (a field, a unit, a figure, a date …);
    the ones that do are the evidence of a pass, the ones that do not of a failure."""
    p: _Points = rule.prepared
    parts = ctx.parts(p.part)
    if not parts:
        return _missing(ctx)
    starts = [f.start for f in ctx.analysis.facts]
    good: list[Point] = []
    bad: list[Point] = []
    for part in parts:
        for pt in ctx.points(part):
            marked = (p.facts_count and _has_fact(starts, pt)) or any(
                m.search(pt.text) for m in p.marks
            )
            if pt.first and not marked and p.lead_in.search(pt.text):
                continue  # ……但也存在一些不足，主要表现在：
            (good if marked else bad).append(pt)
    total = len(good) + len(bad)
    if total == 0:
        return Outcome("fail", {"points": 0}, [ctx.label(x) for x in parts], reason="empty")
    share = round(len(good) / total, 2)
    values = {"points": total, "good": len(good), "share": f"{share:.0%}"}
    values["min"] = f"{p.min_share:.0%}"
    measures = {"points": total, "good": len(good), "share": share}
    if share >= p.min_share:
        return Outcome("pass", values, [Span(x.start, x.end) for x in good], measures)
    values["example"] = (
        bad[0].text if len(bad[0].text) <= _EXAMPLE else bad[0].text[:_EXAMPLE] + "…"
    )
    return Outcome("fail", values, [Span(x.start, x.end) for x in bad], measures)


_EXAMPLE = 60  # characters of a failing point quoted in the message


def _has_fact(starts: list[int], pt: Point) -> bool:
    i = bisect_left(starts, pt.start)
    return i < len(starts) and starts[i] < pt.end


kind("specific_shortcomings", prepare=_prepare_points("shortcomings"))(_judge_points)
kind("concrete_plans", prepare=_prepare_points("next_year"))(_judge_points)
