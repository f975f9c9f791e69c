"""Consistency: the report agrees with itself. Its year is the year its achievements speak of,
its plans are for the year after, its signature names who the title names, and a total it
breaks down adds up.

These catch the slips of a report drafted from last year's copy or pasted from a unit's
submissions, which a reader checking content alone would pass.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fazhi.check.context import Context
from fazhi.check.locate import Name, claimed_name, mark
from fazhi.check.registry import Outcome, kind
from fazhi.check.rules import Rule, alternation
from fazhi.model import Fact, Part, Span

# --- the year of the report and of its achievements --------------------------------------


@kind("year_consistent")
def year_consistent(ctx: Context, rule: Rule) -> Outcome:
    """The year the title and the opening claim is the year the achievements part names most
    (years inside cited 《documents》 and period ends do not count)."""
    claims = _claims(ctx)
    if not claims:
        return Outcome("unknown", reason="no_claim")
    if len({y for y, _ in claims}) > 1:
        values = {"title_year": claims[0][0], "opening_year": claims[1][0]}
        return Outcome("fail", values, [s for _, s in claims if s], reason="claims")
    claimed, claim_span = claims[0]
    parts = ctx.parts(str(rule.params.get("part", "achievements")))
    if not parts:
        return Outcome("unknown" if not ctx.structure_known else "not_applicable", reason="no_part")
    mentions = [m for p in parts for m in ctx.years(p.start, p.end)]
    counts = Counter(y for y, _ in mentions)
    values: dict[str, Any] = {"claimed": claimed}
    evidence = [claim_span] if claim_span else []
    if not counts:
        return Outcome("not_applicable", values, evidence, reason="no_years")
    dominant, most = counts.most_common(1)[0]
    values |= {"dominant": dominant, "claimed_count": counts[claimed], "dominant_count": most}
    measures = {"years": {str(y): n for y, n in sorted(counts.items())}}
    if counts[claimed] >= most:
        evidence += [s for y, s in mentions if y == claimed][:1]
        return Outcome("pass", values, evidence, measures)
    evidence += [s for y, s in mentions if y == dominant][:3]
    return Outcome("fail", values, evidence, measures)


def _claims(ctx: Context) -> list[tuple[int, Span | None]]:
    """The first year in the title and in the opening paragraph, with where each stands."""
    out: list[tuple[int, Span | None]] = []
    title = ctx.analysis.metadata.title
    span = mark(ctx, "title")
    if span is not None:
        found = ctx.years(span.start, span.end)
        if found:
            out.append((found[0][0], found[0][1]))
    elif title and (m := re.search(r"((?:19|20)\d{2})\s*年", title)):
        out.append((int(m.group(1)), None))  # a title the page shows but the text does not
    op = mark(ctx, "opening")
    if op is not None and (found := ctx.years(op.start, op.end)):
        out.append((found[0][0], found[0][1]))
    return out


# --- the plans are for the next year -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    part: str
    # Words after a year that make it the year a plan is for (2025年，我区将… / 2025年工作思路).
    after: re.Pattern[str]
    # Words that point at the next year without naming it (下一步, 明年).
    cues: re.Pattern[str]


def _prepare_plan(params: Mapping[str, Any]) -> _Plan:
    return _Plan(
        part=str(params.get("part", "next_year")),
        after=alternation(params["year_of_plan"]),
        cues=alternation(params["cues"]),
    )


@kind("plan_year", prepare=_prepare_plan)
def plan_year(ctx: Context, rule: Rule) -> Outcome:
    """The year the plans part sets itself (in its heading, at the start of a sentence, or
    before 将/工作思路) is the year after the report year. Years merely named in passing
    (巩固2024年成果) do not count, nor do later targets (到2027年)."""
    p: _Plan = rule.prepared
    year = ctx.analysis.metadata.report_year
    parts = ctx.parts(p.part)
    if year is None:
        return Outcome("unknown", reason="no_year")
    if not parts:
        return Outcome("unknown" if not ctx.structure_known else "not_applicable", reason="no_part")
    values = {"year": year, "next": year + 1}
    planned = [(y, s) for part in parts for y, s in _plan_years(ctx, part, p)]
    if any(y == year + 1 for y, _ in planned):
        return Outcome("pass", values, [s for y, s in planned if y == year + 1][:1])
    if planned and max(y for y, _ in planned) <= year:
        values["planned"] = "、".join(sorted({str(y) for y, _ in planned}))
        return Outcome("fail", values, [s for _, s in planned][:3])
    if planned:
        return Outcome("pass", values, [planned[0][1]], reason="later")
    labels = [ctx.label(x) for x in parts]
    if any(p.cues.search(ctx.text, s.start, s.end) for s in labels):
        return Outcome("pass", values, labels, reason="cue")
    return Outcome("not_applicable", values, labels, reason="no_years")


def _plan_years(ctx: Context, part: Part, p: _Plan) -> list[tuple[int, Span]]:
    heading = ctx.label(part) if part.heading is not None else None
    out = []
    for y, span in ctx.years(part.start, part.end):
        in_heading = heading is not None and heading.start <= span.start < heading.end
        before = ctx.text[max(part.start, span.start - 1) : span.start]
        at_start = span.start == part.start or before in ("", "\n", "。", "；", "：", "\u3000", " ")
        if in_heading or at_start or p.after.match(ctx.text, span.end):
            out.append((y, span))
    return out


# --- the signature names who the title names ---------------------------------------------


@kind("signature_entity")
def signature_entity(ctx: Context, rule: Rule) -> Outcome:
    """The organisation that signs is the one the title (or, without a title, the opening
    sentence) names: the same division and, for a department, the same department."""
    sig = ctx.analysis.provenance.get("signature")
    if sig is None or not sig.value:
        return Outcome("unknown", reason="no_signature")
    claim, span = claimed_name(ctx)
    values = {"signed_by": sig.value, "named": claim}
    evidence = [s for s in (span, Span(sig.start, sig.end)) if s]
    if claim is None:
        return Outcome("unknown", values, evidence, reason="no_claim")
    same = Name.parse(sig.value).same_as(Name.parse(claim))
    if same is None:
        return Outcome("unknown", values, evidence, reason="no_claim")
    return Outcome("pass" if same else "fail", values, evidence)


# --- a total that is broken down adds up -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sums:
    kinds: frozenset[str]
    marker: re.Pattern[str]  # 其中, between the total and its parts
    gap: int  # most characters between a total and the marker
    item_gap: int  # most characters between two parts of one breakdown
    breakers: re.Pattern[str]  # words that start a new statement rather than another part
    remainder: re.Pattern[str]  # 其余/其他: a part that makes the list complete
    min_parts: int


def _prepare_sums(params: Mapping[str, Any]) -> _Sums:
    def alt(key: str) -> re.Pattern[str]:
        return alternation(params[key])

    return _Sums(
        kinds=frozenset(params.get("kinds", ["count", "money"])),
        marker=alt("marker"),
        gap=int(params.get("gap", 6)),
        item_gap=int(params.get("item_gap", 20)),
        breakers=alt("breakers"),
        remainder=alt("remainder"),
        min_parts=int(params.get("min_parts", 2)),
    )


@dataclass(slots=True)
class _Breakdown:
    total: Fact
    parts: list[Fact]
    sum: float
    status: str  # match | exceeds | short | partial | inexact


@kind("sum_breakdown", prepare=_prepare_sums)
def sum_breakdown(ctx: Context, rule: Rule) -> Outcome:
    """A total followed by 其中 and two or more parts of the same unit: the parts may not add
    up to more than the total (beyond the rounding of the figures as written), nor to less
    when the list is complete (it ends with 其余/其他). A shorter list that adds up to less is a
    selection (其中 A 50件、B 30件 of 120), not an error."""
    p: _Sums = rule.prepared
    found = _breakdowns(ctx.text, ctx.analysis.facts, p)
    checked = [b for b in found if b.status != "inexact"]
    measures = {"breakdowns": len(checked), "inexact": len(found) - len(checked)}
    bad = [b for b in checked if b.status in ("exceeds", "short")]
    shown = bad or [b for b in checked if b.status == "match"]
    if shown:
        values = {"sums": "；".join(_describe(ctx.text, b) for b in shown), "count": len(shown)}
        evidence = [Span(f.start, f.end) for b in shown for f in (b.total, *b.parts)]
        return Outcome("fail" if bad else "pass", values, evidence, measures)
    reason = "partial" if checked else ("inexact" if found else None)
    return Outcome("not_applicable", {"count": len(found)}, [], measures, reason=reason)


def _breakdowns(text: str, facts: list[Fact], p: _Sums) -> list[_Breakdown]:
    """Every 其中 right after a fact (on the same line, at most ``gap`` characters on) with
    the parts listed after it."""
    ends = [f.end for f in facts]
    out = []
    for m in p.marker.finditer(text):
        i = bisect_right(ends, m.start()) - 1
        if i < 0 or m.start() - ends[i] > p.gap or "\n" in text[ends[i] : m.start()]:
            continue
        total = facts[i]
        if total.kind not in p.kinds:
            continue
        parts, complete = _parts_after(text, facts[i + 1 :], total, m.end(), p)
        if len(parts) >= p.min_parts:
            out.append(_judge(total, parts, complete, p.min_parts))
    return out


def _parts_after(
    text: str, rest: list[Fact], total: Fact, start: int, p: _Sums
) -> tuple[list[Fact], bool]:
    """The parts listed after 其中: facts of the total's unit and kind in the same sentence,
    each close to the one before, until a word starts a new statement or another 其中."""
    end = _sentence_end(text, start)
    parts: list[Fact] = []
    complete = False
    last = start
    for f in rest:
        if f.start >= end:
            break
        between = text[last : f.start]
        if parts and (p.breakers.search(between) or p.marker.search(between)):
            break
        if f.unit != total.unit or f.kind != total.kind:
            continue
        if len(between) > p.item_gap:
            break
        complete = complete or bool(p.remainder.search(between))
        parts.append(f)
        last = f.end
    return parts, complete


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for c in "。！？!?\n" if (i := text.find(c, pos)) >= 0]
    return min(ends, default=len(text))


def _judge(total: Fact, parts: list[Fact], complete: bool, min_parts: int) -> _Breakdown:
    """Compare at the precision written: 4.71万 is 47,100 give or take 50, and the parts' own
    rounding adds up. Where a prefix of the list adds up to the total, the list goes on to
    something else after it, and the breakdown holds."""
    if any(f.qualifier != "exact" for f in (total, *parts)):
        return _Breakdown(total, parts, float(sum(f.value for f in parts)), "inexact")
    for k in range(min_parts, len(parts) + 1):
        s = sum(f.value for f in parts[:k])
        if abs(s - total.value) <= _tolerance([total, *parts[:k]]):
            return _Breakdown(total, parts[:k], float(s), "match")
    s = sum(f.value for f in parts)
    tol = _tolerance([total, *parts])
    if s > total.value + tol:
        status = "exceeds"
    elif complete and s < total.value - tol:
        status = "short"
    else:
        status = "partial"
    return _Breakdown(total, parts, float(s), status)


_DIGITS = re.compile(r"(\d+)(?:\.(\d+))?")
_LABEL = 8  # characters of a figure's clause shown before it in a message
_LABEL_STOP = "，,。；;：:、（(\n"


def _tolerance(facts: list[Fact]) -> float:
    """Half the last written digit of each rounded figure (4.71万 → 50); whole numbers of the
    unit itself (3625条) are exact and add nothing."""
    rounding = sum(p / 2 for f in facts if (p := _precision(f)) > 1)
    return rounding + 1e-9 * max(1.0, abs(float(facts[0].value)))  # float noise in 0.1 + 0.2


def _precision(f: Fact) -> float:
    m = _DIGITS.search(f.text)
    if m is None:  # written in Chinese numerals: 两万 is rounded to its first non-zero digit
        n = int(f.value)
        zeros = len(str(n)) - len(str(n).rstrip("0")) if n else 0
        return float(10**zeros)
    written = float(m.group(0))
    scale = f.value / written if written else 1.0
    return scale * math.pow(10, -len(m.group(2) or ""))


def _describe(text: str, b: _Breakdown) -> str:
    """双公示信息3625条：行政许可3208条 + 行政处罚418条 = 3626条"""
    parts = " + ".join(_labelled(text, p) for p in b.parts)
    return f"{_labelled(text, b.total)}：{parts} = {_amount(b.sum, b.total)}"


def _labelled(text: str, f: Fact) -> str:
    """A figure with the few words before it in its clause that say what it counts."""
    lo = max(0, f.start - _LABEL)
    cut = max(text.rfind(c, lo, f.start) for c in _LABEL_STOP)
    head = text[max(lo, cut + 1) : f.start].removeprefix("其中")
    return ("…" if cut < lo and lo > 0 else "") + head + text[f.start : f.end]


def _amount(value: float, like: Fact) -> str:
    """A sum written in the magnitude of the total it is compared with (4.7万件, 3626条)."""
    for word, size in (("亿", 1e8), ("万", 1e4)):
        if word in like.text:
            return f"{value / size:.6g}{word}{like.unit}"
    return f"{value:.12g}{like.unit}"
