"""Every quantitative fact of a report, normalised and traced to its sentence.

A fact (annotation spec) is one quantity about the year's work: a count, an amount of money, a
rate, a change or a rank, with the shortest span that holds its number, magnitude, unit and a
non-exact qualifier. Numbers in dates, periods, codes, names, slogans and ordinals are not facts;
which is which is decided by the rules in ``data/facts.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from fazhi.data import load_yaml
from fazhi.extract.numbers import NumberToken, scan, to_number
from fazhi.model import Fact
from fazhi.parse.text import CLAUSE_END, clause_bounds

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class FactRules:
    units: dict[str, tuple[str, ...]]
    chinese_units: frozenset[str]
    not_after_unit: tuple[str, ...]
    before: tuple[tuple[str, str], ...]  # (word, qualifier), longest first
    after: tuple[tuple[str, str], ...]
    not_before_near: tuple[str, ...]
    change_verbs: tuple[str, ...]
    level_after_change: tuple[str, ...]
    rank_scope: tuple[str, ...]
    rank_verbs: tuple[str, ...]
    ordinal_nouns: tuple[str, ...]
    bare_rate: re.Pattern[str]
    followed_by: tuple[str, ...]
    code_neighbours: frozenset[str]
    quotes: tuple[tuple[str, str], ...]
    quote_reach: int
    slogan_gap: int
    terms: tuple[re.Pattern[str], ...]
    chinese_lexical: frozenset[Decimal]
    all_units: tuple[tuple[str, str], ...] = field(default=())  # (unit, class), longest first

    @classmethod
    def from_data(cls, d: dict) -> FactRules:
        q = d["qualifiers"]
        ex = d["exclude"]

        def pairs(section: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
            flat = [(w, k) for k, ws in section.items() for w in ws]
            return tuple(sorted(flat, key=lambda p: len(p[0]), reverse=True))

        units = {k: _longest_first(v) for k, v in d["units"].items()}
        all_units = tuple(
            sorted(((u, k) for k, us in units.items() for u in us), key=lambda p: -len(p[0]))
        )
        return cls(
            units=units,
            chinese_units=frozenset(d["chinese_units"]),
            not_after_unit=tuple(d["not_after_unit"]),
            before=pairs(q["before"]),
            after=pairs(q["after"]),
            not_before_near=tuple(q["not_before_near"]),
            change_verbs=_longest_first(d["change_verbs"]),
            level_after_change=tuple(d["level_after_change"]),
            rank_scope=_longest_first(d["rank"]["scope"]),
            rank_verbs=_longest_first(d["rank"]["verbs"]),
            ordinal_nouns=_longest_first(d["rank"]["ordinal_nouns"]),
            bare_rate=re.compile(d["bare_rate"]),
            followed_by=_longest_first(ex["followed_by"]),
            code_neighbours=frozenset(ex["code_neighbours"]),
            quotes=tuple((a, b) for a, b in ex["quotes"]),
            quote_reach=int(ex["quote_reach"]),
            slogan_gap=int(ex["slogan_gap"]),
            terms=tuple(re.compile(p) for p in ex["terms"]),
            chinese_lexical=frozenset(Decimal(v) for v in ex["chinese_lexical_values"]),
            all_units=all_units,
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
    value: Decimal = Decimal(0)


def find_facts(
    text: str, skip: list[tuple[int, int]] | None = None, rules: FactRules | None = None
) -> list[Fact]:
    """All facts in ``text`` outside the ``skip`` spans (website chrome), in text order."""
    rules = rules or default_rules()
    skip = skip or []
    cands: list[Candidate] = []
    for tok in scan(text):
        if any(s <= tok.start < e for s, e in skip):
            continue
        cand = _read(text, tok, rules)
        if cand is not None:
            cands.append(cand)
    _share_list_units(text, cands, rules)
    return [_finish(text, c, rules) for c in cands if c.unit is not None]


# --- reading one number ------------------------------------------------------------------


def _read(text: str, tok: NumberToken, rules: FactRules) -> Candidate | None:
    if _excluded(text, tok, rules):
        return None
    if text[tok.start - 1 : tok.start] == "第":
        return _rank(text, tok, rules)
    cand = Candidate(tok=tok, value=tok.value, start=tok.start)
    if tok.percent:
        cand.unit, cand.unit_class, cand.unit_end = "%", "percent", tok.end
    else:
        _unit(text, cand, rules)
    if cand.unit is None:
        return _bare_rate(text, cand, rules) or (cand if not tok.chinese else None)
    if tok.chinese and not _chinese_ok(text, cand, rules):
        return None
    if cand.unit_class == "duration" and not _duration_ok(text, cand.unit_end):
        return None
    return cand


def _excluded(text: str, tok: NumberToken, rules: FactRules) -> bool:
    before = text[tok.start - 1 : tok.start]
    after = text[tok.end : tok.end + 1]
    if before in rules.code_neighbours or after in rules.code_neighbours:
        return True
    if _LATIN.match(before) or _LATIN.match(after) or (before.isdigit() and not tok.chinese):
        return True
    if not tok.over and text.startswith(rules.followed_by, tok.end):
        return True
    return _in_quotes(text, tok.start, rules)


def _in_quotes(text: str, pos: int, rules: FactRules) -> bool:
    """Inside “…”, 《…》 and the like: the number is part of a name, slogan or title."""
    reach = rules.quote_reach
    for open_q, close_q in rules.quotes:
        if open_q == close_q:
            left = text.rfind(open_q, max(0, pos - reach), pos)
            if left >= 0 and text.count(open_q, max(0, pos - reach * 3), left) % 2 == 0:
                right = text.find(close_q, pos, pos + reach)
                if right >= 0 and "。" not in text[left:right]:
                    return True
            continue
        left = text.rfind(open_q, max(0, pos - reach), pos)
        if left < 0 or text.rfind(close_q, left, pos) >= 0:
            continue
        right = text.find(close_q, pos, pos + reach)
        if right >= 0 and text.rfind(open_q, pos, right) < 0 and "。" not in text[left:right]:
            return True
    return False


def _unit(text: str, cand: Candidate, rules: FactRules) -> None:
    pos = cand.tok.end
    for unit, cls in rules.all_units:
        if text.startswith(unit, pos):
            if cls in ("percent",):
                unit = "%"
            cand.unit, cand.unit_class, cand.unit_end = unit, cls, pos + len(unit)
            return


def _chinese_ok(text: str, cand: Candidate, rules: FactRules) -> bool:
    """Chinese numerals count only with a measure word and outside fixed terms and slogans."""
    tok = cand.tok
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
        value=tok.value,
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


def _share_list_units(text: str, cands: list[Candidate], rules: FactRules) -> None:
    """255、363件: a bare number in a list takes the unit of the number that closes the list."""
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        if c.unit is not None or c.tok.chinese:
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and nxt.unit and text[c.tok.end : nxt.tok.start] in ("、", "，", ","):
            c.unit, c.unit_class, c.unit_end = nxt.unit, nxt.unit_class, c.tok.end
    for c in cands:
        if (
            c.unit is not None
            and c.unit_end == c.tok.end
            and c.unit_class not in ("percent", "rank")
        ):
            c.unit_end = c.tok.end  # shared unit: the span holds only the number


# --- qualifier, kind, span ---------------------------------------------------------------


def _finish(text: str, c: Candidate, rules: FactRules) -> Fact:
    if c.kind != "rank":
        _qualify(text, c, rules)
        c.kind = _kind(text, c, rules)
    unit = c.unit or ""
    return Fact(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        value=to_number(c.value),
        unit=unit,
        qualifier=c.qualifier,
        kind=c.kind,
    )


def _qualify(text: str, c: Candidate, rules: FactRules) -> None:
    c.start, c.end = c.tok.start, c.unit_end
    if c.tok.over:
        c.qualifier = "over"
    for word, qual in rules.before:
        if text.startswith(word, c.tok.start - len(word)):
            if word == "近" and text[c.tok.start - 2 : c.tok.start - 1] in rules.not_before_near:
                continue
            c.qualifier, c.start = qual, c.tok.start - len(word)
            break
    for word, qual in rules.after:
        if text.startswith(word, c.unit_end):
            if word == "多" and _CJK.match(text[c.unit_end + 1 : c.unit_end + 2] or "。"):
                continue  # 100人多… is rare; 多 before a noun (多部门) is not a qualifier
            c.qualifier, c.end = qual, c.unit_end + len(word)
            break


def _kind(text: str, c: Candidate, rules: FactRules) -> str:
    if c.unit_class == "change_only":
        return "change"
    head = _clause_head(text, c.start)
    if c.unit_class == "percent":
        return "change" if _has_change_verb(head, rules) else "rate"
    near = head[-6:]
    if _has_change_verb(near, rules) and not near.rstrip("了约近超过达").endswith(
        rules.level_after_change
    ):
        verb_end = max(near.rfind(v) + len(v) for v in rules.change_verbs if v in near)
        if len(near) - verb_end <= 2:
            return "change"
    return "money" if c.unit_class == "money" else "count"


def _has_change_verb(head: str, rules: FactRules) -> bool:
    for verb in rules.change_verbs:
        i = head.rfind(verb)
        if i < 0:
            continue
        rest = head[i + len(verb) :].lstrip("了")
        if not rest.startswith(rules.level_after_change):
            return True
    return False


def _clause_head(text: str, pos: int) -> str:
    return text[clause_bounds(text, pos)[0] : pos]
