"""Required content (督察工作规定 第二十五条): each part is there, and the shortcomings part
says why they arose.

Whether a part is there is what the parser found (``analysis.parts``); a report that only puts
the leaders' duty into an assessment in passing has no responsibility part there, so it has
none here either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fazhi.check.context import Context
from fazhi.check.registry import Outcome, kind
from fazhi.check.rules import Rule, alternation
from fazhi.parse.sections import default_rules as default_part_rules


@dataclass(frozen=True, slots=True)
class _Required:
    part: str
    requirement: Mapping[str, str]  # level (or "default") → what the law asks for

    def requirement_for(self, level: str | None) -> str:
        return self.requirement.get(level or "", self.requirement.get("default", ""))


def _prepare_required(params: Mapping[str, Any]) -> _Required:
    req = params.get("requirement", "")
    return _Required(
        part=str(params["part"]),
        requirement={"default": req} if isinstance(req, str) else dict(req),
    )


@kind("required_part", prepare=_prepare_required)
def required_part(ctx: Context, rule: Rule) -> Outcome:
    """The part is there (evidence: its heading or opening line), or it is not (evidence: the
    headings the report does have), or the outline could not be read at all (unknown)."""
    p: _Required = rule.prepared
    values: dict[str, Any] = {"requirement": p.requirement_for(ctx.analysis.metadata.level)}
    parts = ctx.parts(p.part)
    if parts:
        labels = [ctx.label(x) for x in parts]
        values["found"] = ctx.text[labels[0].start : labels[0].end]
        return Outcome("pass", values, labels)
    if not ctx.structure_known:
        return Outcome("unknown", values, reason="no_outline")
    spans = ctx.outline()
    values["outline"] = "；".join(ctx.text[s.start : s.end] for s in spans)
    return Outcome("fail", values, spans, reason=None if spans else "no_headings")


@dataclass(frozen=True, slots=True)
class _Causes:
    cues: re.Pattern[str]
    part: str


def _prepare_causes(params: Mapping[str, Any]) -> _Causes:
    # Without cues of its own the rule uses the words the parser uses for
    # sections.shortcoming_causes (parts.yaml), so the two never disagree on wording.
    cues = params.get("cues")
    pattern = alternation(cues) if cues else default_part_rules().causes
    return _Causes(pattern, params.get("part", "shortcomings"))


@kind("causes_stated", prepare=_prepare_causes)
def causes_stated(ctx: Context, rule: Rule) -> Outcome:
    """The shortcomings part gives causes in its text: a heading that only promises 原因
    (存在的不足和原因) without any analysis under it has not stated them."""
    p: _Causes = rule.prepared
    parts = ctx.parts(p.part)
    if not parts:
        if not ctx.structure_known:
            return Outcome("unknown", reason="no_outline")
        return Outcome("fail", reason="no_part")
    for part in parts:
        m = p.cues.search(ctx.text, ctx.heading_end(part), part.end)
        if m:
            span = ctx.sentence(m.start(), part.start, part.end)
            return Outcome("pass", {"cause": ctx.text[span.start : span.end]}, [span])
    return Outcome("fail", {}, [ctx.label(x) for x in parts])
