"""Every quantitative fact of a report, normalised and traced to its sentence.

A fact (annotation spec) is one quantity about the year's work: a count, an amount of money, a
rate, a change or a rank, with the shortest span that holds its number, magnitude, unit and a
non-exact qualifier. Numbers in dates, periods, codes, names, slogans and ordinals are not facts;
which is which is decided by the rules in ``data/facts.yaml``.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from fazhi.data import load_yaml
from fazhi.extract.numbers import NUMBER, NumberToken, to_number, token
from fazhi.model import Fact
from fazhi.parse.text import CLAUSE_END, Geometry, in_spans

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _latin(c: str) -> bool:
    """An ASCII letter next to a number makes it part of a code (5G, V2, 3A)."""
    return c.isascii() and c.isalpha()


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class FactRules:
    chinese_units: frozenset[str]
    not_after_unit: tuple[str, ...]
    before: dict[str, str]  # word → qualifier
    after: dict[str, str]
    before_re: re.Pattern[str]  # a qualifier word that ends right before the number
    after_re: re.Pattern[str]  # a qualifier word right after the unit
    not_before_near: tuple[str, ...]
    rank_scope: tuple[str, ...]
    rank_verbs: tuple[str, ...]
    ordinal_nouns: tuple[str, ...]
    bare_rate: re.Pattern[str]
    followed_by: tuple[str, ...]
    code_neighbours: frozenset[str]
    openers: frozenset[str]
    closers: dict[str, str]  # closing mark → its opening mark
    quote_re: re.Pattern[str]  # any quotation or title mark
    quote_reach: int
    slogan_gap: int
    terms: tuple[re.Pattern[str], ...]
    chinese_lexical: frozenset[Decimal]
    change_re: re.Pattern[str]  # a change verb, group 1 set when 至/到/为 follows it
    unit_re: re.Pattern[str] = field(default=re.compile("(?!)"))  # every unit, longest first
    unit_class: dict[str, str] = field(default_factory=dict)
    unit_first: frozenset[str] = (
        frozenset()
    )  # first characters of units (and 余/多/万/亿 after digits)

    @classmethod
    def from_data(cls, d: dict) -> FactRules:
        q = d["qualifiers"]
        ex = d["exclude"]

        def words(section: dict[str, list[str]]) -> dict[str, str]:
            return {w: k for k, ws in section.items() for w in ws}

        def alternation(ws: dict[str, str]) -> str:
            return "|".join(map(re.escape, _longest_first(list(ws))))

        units = {k: _longest_first(v) for k, v in d["units"].items()}
        unit_class = {u: k for k, us in units.items() for u in us}
        return cls(
            chinese_units=frozenset(d["chinese_units"]),
            not_after_unit=tuple(d["not_after_unit"]),
            before=words(q["before"]),
            after=words(q["after"]),
            before_re=re.compile(f"(?:{alternation(words(q['before']))})$"),
            after_re=re.compile(alternation(words(q["after"]))),
            not_before_near=tuple(q["not_before_near"]),
            rank_scope=_longest_first(d["rank"]["scope"]),
            rank_verbs=_longest_first(d["rank"]["verbs"]),
            ordinal_nouns=_longest_first(d["rank"]["ordinal_nouns"]),
            bare_rate=re.compile(d["bare_rate"]),
            followed_by=_longest_first(ex["followed_by"]),
            code_neighbours=frozenset(ex["code_neighbours"]),
            openers=frozenset(a for a, _ in ex["quotes"]),
            closers={b: a for a, b in ex["quotes"]},
            quote_re=re.compile(
                "[" + re.escape("".join(sorted({c for p in ex["quotes"] for c in p}))) + "]"
            ),
            quote_reach=int(ex["quote_reach"]),
            slogan_gap=int(ex["slogan_gap"]),
            terms=tuple(re.compile(p) for p in ex["terms"]),
            chinese_lexical=frozenset(Decimal(v) for v in ex["chinese_lexical_values"]),
            change_re=re.compile(
                f"(?:{'|'.join(map(re.escape, _longest_first(d['change_verbs'])))})了?"
                f"({'|'.join(map(re.escape, d['level_after_change']))})?"
            ),
            unit_re=re.compile("|".join(map(re.escape, _longest_first(list(unit_class))))),
            unit_class=unit_class,
            unit_first=frozenset(u[0] for u in unit_class) | frozenset("余多%％"),
        )


@cache
def default_rules() -> FactRules:
    return FactRules.from_data(load_yaml("facts.yaml"))


@dataclass(slots=True)
class Candidate:
    """A number that may become a fact, with what was read around it."""

    tok: NumberToken
    unit: str | None = None
    unit_class: str | None = None
    unit_end: int = 0
    start: int = 0
    end: int = 0
    qualifier: str = "exact"
    kind: str = "count"


def find_facts(
    text: str,
    skip: list[tuple[int, int]] | None = None,
    rules: FactRules | None = None,
    geo: Geometry | None = None,
) -> list[Fact]:
    """All facts in ``text`` outside the ``skip`` spans (website chrome), in text order."""
    rules = rules or default_rules()
    geo = geo or Geometry(text)
    skip = skip or []
    quoted = _quote_regions(text, rules)
    cands: list[Candidate] = []
    for m in NUMBER.finditer(text):
        start, end = m.span()
        if not _worth_reading(text, start, end, rules) or (skip and in_spans(start, skip)):
            continue
        tok = token(m)
        cand = _read(text, tok, rules, quoted) if tok else None
        if cand is not None:
            cands.append(cand)
    _share_list_units(text, cands)
    changes = _Changes.of(text, rules)
    return [_finish(text, c, rules, geo, changes) for c in cands if c.unit is not None]


# --- reading one number ------------------------------------------------------------------


def _worth_reading(text: str, start: int, end: int, rules: FactRules) -> bool:
    """Most numbers in a report (一 in 统一, years) fail at the next character; look there first."""
    nxt = text[end : end + 1]
    if nxt in rules.unit_first or text[start - 1 : start] == "第" or nxt in "、，,":
        return True
    if text.startswith("百分之", start):
        return True
    return (not nxt or nxt in CLAUSE_END) and "率" in text[max(0, start - 8) : start]


def _read(
    text: str, tok: NumberToken, rules: FactRules, quoted: list[tuple[int, int]]
) -> Candidate | None:
    """A candidate fact, or None; cheap tests first, since most numbers in a report are not."""
    if text[tok.start - 1 : tok.start] == "第":
        cand = _rank(text, tok, rules)
    else:
        cand = Candidate(tok=tok, start=tok.start)
        _unit(text, cand, rules)
        if cand.unit is None:
            cand = _unitless(text, cand, rules)
        elif not _unit_fits(text, cand, rules):
            return None
    if cand is None or _excluded(text, tok, rules) or _inside(tok.start, quoted):
        return None
    return cand


def _unit_fits(text: str, cand: Candidate, rules: FactRules) -> bool:
    if cand.tok.chinese and not _chinese_ok(text, cand, rules):
        return False
    return cand.unit_class != "duration" or _duration_ok(text, cand.unit_end)


def _unitless(text: str, cand: Candidate, rules: FactRules) -> Candidate | None:
    """A number without a unit is a rate written without % (败诉率为0), or waits for the unit
    that closes its list (255、363件); anything else is not a fact."""
    if cand.tok.chinese and cand.tok.value != 0:
        return None
    rate = _bare_rate(text, cand, rules)
    if rate is not None:
        return rate
    nxt = text[cand.tok.end : cand.tok.end + 2]
    listed = len(nxt) == 2 and nxt[0] in "、，," and nxt[1].isdigit()
    return cand if listed and not cand.tok.chinese else None


def _excluded(text: str, tok: NumberToken, rules: FactRules) -> bool:
    before = text[tok.start - 1 : tok.start]
    after = text[tok.end : tok.end + 1]
    if before in rules.code_neighbours or after in rules.code_neighbours:
        return True
    if _latin(before) or _latin(after) or (before.isdigit() and not tok.chinese):
        return True
    return not tok.over and text.startswith(rules.followed_by, tok.end)


def _quote_regions(text: str, rules: FactRules) -> list[tuple[int, int]]:
    """Stretches inside “…”, 《…》 and the like, where a number is part of a name, slogan or
    title. A quote left open by a damaged page (渝快办”“渝快政) encloses nothing: a region must
    close within ``quote_reach`` characters and never crosses a 。."""
    regions: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for m in rules.quote_re.finditer(text):
        c, pos = m.group(0), m.start()
        if c in rules.closers and rules.closers[c] in open_at:
            start = open_at.pop(rules.closers[c])
            if pos - start <= rules.quote_reach and "。" not in text[start:pos]:
                regions.append((start, pos))
        elif c in rules.openers:
            open_at[c] = pos
    return _merge(regions)


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(regions):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    i = bisect_right(regions, (pos, sys.maxsize)) - 1
    return i >= 0 and regions[i][0] < pos < regions[i][1]


def _unit(text: str, cand: Candidate, rules: FactRules) -> None:
    if cand.tok.percent:
        cand.unit, cand.unit_class, cand.unit_end = "%", "percent", cand.tok.end
        return
    m = rules.unit_re.match(text, cand.tok.end)
    if m:
        unit = m.group(0)
        cls = rules.unit_class[unit]
        cand.unit = "%" if cls == "percent" else unit
        cand.unit_class, cand.unit_end = cls, m.end()


def _chinese_ok(text: str, cand: Candidate, rules: FactRules) -> bool:
    """Chinese numerals count only with a measure word and outside fixed terms and slogans."""
    tok = cand.tok
    if tok.percent:
        return True  # 百分之九十五: the words themselves say it is a rate
    if cand.unit not in rules.chinese_units or tok.value in rules.chinese_lexical:
        return False
    if text.startswith(rules.not_after_unit, cand.unit_end):
        return False
    if text[tok.start - 1 : tok.start] in ("”", "」", '"', "’"):
        return False  # 「日常情况、紧急情况」两种状态: counts the items of a name
    gap = rules.slogan_gap
    near = text[max(0, tok.start - 2) : tok.start] + text[cand.unit_end : cand.unit_end + gap]
    if any(c in "一二两三四五六七八九十双" for c in near):
        return False
    window = text[max(0, tok.start - 4) : cand.unit_end + 4]
    return not any(p.search(window) for p in rules.terms)


def _duration_ok(text: str, end: int) -> bool:
    nxt = text[end : end + 2]
    return (
        not nxt
        or nxt[0] in CLAUSE_END
        or nxt[0] in "、）)"
        or nxt.startswith(("以内", "内", "办结"))
    )


def _rank(text: str, tok: NumberToken, rules: FactRules) -> Candidate | None:
    """居全市第1 / 排名全市第2 / 以全市第一的成绩 are ranks; 第一批, 第五轮 are ordinals."""
    if text.startswith(rules.ordinal_nouns, tok.end):
        return None
    p = tok.start - 1
    head = text[max(0, p - 10) : p]
    cut = max(head.rfind(c) for c in CLAUSE_END + "、")
    head = head[cut + 1 :]
    if not (head.endswith(rules.rank_scope) or head.endswith(rules.rank_verbs)):
        return None
    end = tok.end + (1 if text[tok.end : tok.end + 1] in ("名", "位") else 0)
    return Candidate(
        tok=tok,
        unit="名",
        unit_class="rank",
        unit_end=end,
        start=p,
        end=end,
        kind="rank",
    )


def _bare_rate(text: str, cand: Candidate, rules: FactRules) -> Candidate | None:
    """败诉率为0 / 败诉率为零: a rate written without its %."""
    tok = cand.tok
    nxt = text[tok.end : tok.end + 1]
    if nxt and nxt not in CLAUSE_END and nxt not in "、":
        return None
    if tok.value > 100 or not rules.bare_rate.search(text[max(0, tok.start - 8) : tok.start]):
        return None
    if tok.chinese and tok.value != 0:
        return None
    cand.unit, cand.unit_class, cand.unit_end = "%", "percent", tok.end
    return cand


def _share_list_units(text: str, cands: list[Candidate]) -> None:
    """255、363件: a bare number in a list takes the unit of the number that closes the list."""
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        if c.unit is not None or c.tok.chinese:
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and nxt.unit and text[c.tok.end : nxt.tok.start] in ("、", "，", ","):
            c.unit, c.unit_class, c.unit_end = nxt.unit, nxt.unit_class, c.tok.end


# --- qualifier, kind, span ---------------------------------------------------------------


def _finish(text: str, c: Candidate, rules: FactRules, geo: Geometry, changes: _Changes) -> Fact:
    if c.kind != "rank":
        _qualify(text, c, rules)
        c.kind = _kind(geo.clause(c.start)[0], c, changes)
    unit = c.unit or ""
    return Fact(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        value=to_number(c.tok.value),
        unit=unit,
        qualifier=c.qualifier,
        kind=c.kind,
    )


def _qualify(text: str, c: Candidate, rules: FactRules) -> None:
    """over/about/nearly/under from 余 inside the number or the words around it; the words of a
    non-exact qualifier become part of the fact's span."""
    c.start, c.end = c.tok.start, c.unit_end
    if c.tok.over:
        c.qualifier = "over"
    m = rules.before_re.search(text, max(0, c.tok.start - 4), c.tok.start)
    if m and not (m.group(0) == "近" and text[m.start() - 1 : m.start()] in rules.not_before_near):
        c.qualifier, c.start = rules.before[m.group(0)], m.start()
    m = rules.after_re.match(text, c.unit_end)
    if m and not (m.group(0) == "多" and _CJK.match(text[m.end() : m.end() + 1] or "。")):
        c.qualifier, c.end = rules.after[m.group(0)], m.end()


@dataclass(frozen=True, slots=True)
class _Changes:
    """Where the change verbs of a text end (增长, 下降 … not followed by 至/到/为), found once."""

    ends: list[int]

    @classmethod
    def of(cls, text: str, rules: FactRules) -> _Changes:
        return cls([m.end() for m in rules.change_re.finditer(text) if not m.group(1)])

    def last_before(self, pos: int) -> int:
        """The end of the last change verb at or before ``pos``, or -1."""
        i = bisect_right(self.ends, pos)
        return self.ends[i - 1] if i else -1


def _kind(clause_start: int, c: Candidate, changes: _Changes) -> str:
    """count, money, rate or change, from the unit and the verbs of the clause before the number:
    a percentage after a change verb anywhere in its clause (同比增长295%, 压减跑动次数90%) is a
    change; a count or amount only right after one (同比减少15件, 缩短了约3个工作日)."""
    if c.unit_class == "change_only":
        return "change"
    verb_end = changes.last_before(c.tok.start)
    in_clause = verb_end > clause_start
    if c.unit_class == "percent":
        return "change" if in_clause else "rate"
    if in_clause and c.tok.start - verb_end <= 2:
        return "change"
    return "money" if c.unit_class == "money" else "count"
