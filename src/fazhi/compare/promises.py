"""Promises kept: what a unit said in its report for year N it would do, against what its report
for year N+1 says it did.

A clerk preparing next year's report, or a researcher comparing units, asks which of last year's
plans reappear among this year's achievements. The plan is the report's next_year part, split
into the items a reader would count (一是…二是…, （一）…, 1. …, or else its sentences of
measures); the part's opening formula (「2025年，我区将坚持以习近平…为指导」) is no promise.

Each item is matched on content words, not on wording, because achievements restate plans in
other words: jieba's search-mode tokens minus stop-words and formulas, synonyms folded
(``promises.yaml``). A word weighs by its rarity among the later report's achievement sentences;
the best window of a few sentences of one paragraph scores the share of the item's weight it
holds, and the item is taken up above the threshold, with that window as evidence.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import jieba

from fazhi.compare.formulas import Formulas, default_formulas, normalise
from fazhi.data import load_yaml
from fazhi.model import Analysis, Part
from fazhi.parse.points import content_end, split_points
from fazhi.parse.text import INDENT

__all__ = [
    "PlanItem",
    "PromiseMatch",
    "PromiseReport",
    "PromiseRules",
    "match_promises",
    "plan_items",
]

Status = Literal["taken_up", "not_mentioned", "unknown"]

_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
# A closing line: 特此报告, or a short line without a sentence in it (signature, date).
_CLOSING = re.compile(r"(?:特此报告|以上报告|专此报告)[。.]?$|[^。；;！？!?，,]{1,40}$")
_LEAD_IN = re.compile(r"[：:]\s*$")
_TOKEN_JUNK = re.compile(r"^[\d.%％]+$|^[\W_]+$")


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One promise: ``text`` is ``analysis.text[start:end]``; ``terms`` its content words."""

    start: int
    end: int
    text: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PromiseMatch:
    """An item and what the later report says of it: ``evidence`` is the span of the later
    report's text (in its achievements part) that takes it up, ``score`` the share of the
    item's weight found there (``unknown`` when the later report has no achievements part)."""

    item: PlanItem
    status: Status
    score: float
    evidence: tuple[int, int] | None


@dataclass(slots=True)
class PromiseReport:
    """The items of a plan with their status. ``share_taken_up`` is None, and ``error`` says why,
    when a report lacks the part needed (no claim is made that nothing was taken up)."""

    items: list[PromiseMatch]
    share_taken_up: float | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PromiseRules:
    """``promises.yaml``: thresholds, the field's words, synonyms and stop-words."""

    threshold: float
    min_shared_terms: int
    saturation_weight: float
    window_sentences: int
    min_item_terms: int
    domain_terms: tuple[str, ...]
    synonyms: dict[str, str]
    stop_words: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PromiseRules:
        synonyms = {w: group[0] for group in data.get("synonyms", []) for w in group}
        return cls(
            threshold=float(data["threshold"]),
            min_shared_terms=int(data["min_shared_terms"]),
            saturation_weight=float(data["saturation_weight"]),
            window_sentences=int(data["window_sentences"]),
            min_item_terms=int(data["min_item_terms"]),
            domain_terms=tuple(data.get("domain_terms", [])),
            synonyms=synonyms,
            stop_words=frozenset(data.get("stop_words", [])),
        )


@cache
def _default_rules() -> PromiseRules:
    return PromiseRules.from_data(load_yaml("promises.yaml"))


@cache
def _tokenizer(domain_terms: tuple[str, ...]) -> jieba.Tokenizer:
    """A tokenizer of its own, so that the field's words added here change no one else's."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for term in domain_terms:
        tok.add_word(term)
    return tok


def _terms(text: str, rules: PromiseRules, formulas: Formulas) -> tuple[str, ...]:
    """The content words of ``text``, in order of first appearance, each once."""
    text = formulas.pattern.sub("，", text)
    seen: dict[str, None] = {}
    for token in _tokenizer(rules.domain_terms).cut_for_search(text):
        word = rules.synonyms.get(token, token)
        if len(word) >= 2 and word not in rules.stop_words and not _TOKEN_JUNK.match(word):
            seen.setdefault(word, None)
    return tuple(seen)


# --- the plan --------------------------------------------------------------------------------


def _parts(a: Analysis, section: str) -> list[Part]:
    return [p for p in a.parts if p.section == section]


def _body(a: Analysis, part: Part) -> tuple[int, int]:
    """The part without the heading line that opens it, nor the closing lines that may follow
    the last part (特此报告, the signature and the date)."""
    start, end = part.start, part.end
    own_end = content_end(a)
    if start < own_end:
        end = min(end, own_end)
    if part.heading is not None:
        line_end = a.text.find("\n", a.headings[part.heading].start)
        start = end if line_end < 0 else min(line_end + 1, end)
    while end > start:
        line_start = a.text.rfind("\n", start, end - 1) + 1
        line = a.text[max(line_start, start) : end].strip()
        if line and not _CLOSING.match(line):
            break
        end = max(line_start, start)
    return start, end


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE.finditer(text, start, end):
        lo, hi = m.start(), m.end()
        while lo < hi and text[lo] in INDENT:
            lo += 1
        if text[lo:hi].strip():
            yield lo, hi


def _item(a: Analysis, lo: int, hi: int, rules: PromiseRules, f: Formulas) -> PlanItem | None:
    while hi > lo and a.text[hi - 1] in INDENT + "\n\r":
        hi -= 1
    terms = _terms(a.text[lo:hi], rules, f)
    if len(terms) < rules.min_item_terms:
        return None
    return PlanItem(lo, hi, a.text[lo:hi], terms)


def _opening(a: Analysis, lo: int, hi: int, rules: PromiseRules, f: Formulas) -> list[PlanItem]:
    """The text before the first marker: its sentences of measures, without the opening formula
    and the lead-in to a list (重点做好以下工作：)."""
    out = []
    for s, e in _sentences(a.text, lo, hi):
        sentence = a.text[s:e]
        if f.pattern.search(normalise(sentence)) or _LEAD_IN.search(sentence):
            continue
        item = _item(a, s, e, rules, f)
        if item is not None:
            out.append(item)
    return out


def plan_items(a: Analysis, rules: PromiseRules | None = None) -> list[PlanItem]:
    """The items of the report's next_year part, in order (none when it has no such part)."""
    r, f = rules or _default_rules(), default_formulas()
    items: list[PlanItem] = []
    for part in _parts(a, "next_year"):
        start, end = _body(a, part)
        chrome = [(b.start, b.end) for b in a.boilerplate]
        for p in split_points(a.text, start, end):
            if any(s <= p.start < e for s, e in chrome):
                continue
            if p.rank is None:
                items += _opening(a, p.start, p.end, r, f)
            elif item := _item(a, p.start, p.end, r, f):
                items.append(item)
    return items


# --- the later report --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Window:
    start: int
    end: int
    terms: frozenset[str]


def _windows(
    a: Analysis, rules: PromiseRules, f: Formulas
) -> tuple[list[_Window], list[frozenset[str]]]:
    """Runs of up to ``window_sentences`` sentences within one line of the achievements part,
    and the words of each sentence."""
    windows, sentence_terms = [], []
    for part in _parts(a, "achievements"):
        start, end = _body(a, part)
        pos = start
        for line in a.text[start:end].split("\n"):
            sentences = list(_sentences(a.text, pos, pos + len(line)))
            terms = [frozenset(_terms(a.text[s:e], rules, f)) for s, e in sentences]
            sentence_terms += terms
            for i in range(len(sentences)):
                for j in range(i, min(i + rules.window_sentences, len(sentences))):
                    union = frozenset().union(*terms[i : j + 1])
                    windows.append(_Window(sentences[i][0], sentences[j][1], union))
            pos += len(line) + 1
    return windows, sentence_terms


def _best(
    item: PlanItem, windows: list[_Window], weight: dict[str, float], rules: PromiseRules
) -> tuple[float, _Window | None]:
    """The window holding the largest share of the item's weight (the shortest among equals),
    among those sharing ``min_shared_terms`` words with it."""
    total = min(sum(weight.values()), rules.saturation_weight)
    best: tuple[float, int] = (0.0, 0)
    found = None
    for w in windows:
        shared = [t for t in item.terms if t in w.terms]
        if len(shared) >= rules.min_shared_terms:
            key = (min(1.0, sum(weight[t] for t in shared) / total), w.start - w.end)
            if key > best:
                best, found = key, w
    return best[0], found


def match_promises(
    plan: Analysis, later: Analysis, rules: PromiseRules | None = None
) -> PromiseReport:
    """The items of ``plan``'s next_year part, each taken up (with the passage of ``later``'s
    achievements that does so) or not mentioned, and the share taken up."""
    r, f = rules or _default_rules(), default_formulas()
    if not _parts(plan, "next_year"):
        return PromiseReport([], None, "the plan report has no next_year part")
    items = plan_items(plan, r)
    if not _parts(later, "achievements"):
        unknown = [PromiseMatch(i, "unknown", 0.0, None) for i in items]
        return PromiseReport(unknown, None, "the later report has no achievements part")
    if not items:
        return PromiseReport([], None, "the plan names no items")
    windows, sentences = _windows(later, r, f)
    df = Counter(t for terms in sentences for t in terms)
    n = len(sentences)
    out = []
    for item in items:
        weight = {t: math.log(1 + n / (1 + df[t])) for t in item.terms}
        score, window = _best(item, windows, weight, r)
        if window is not None and score >= r.threshold:
            out.append(PromiseMatch(item, "taken_up", round(score, 3), (window.start, window.end)))
        else:
            out.append(PromiseMatch(item, "not_mentioned", round(score, 3), None))
    share = sum(m.status == "taken_up" for m in out) / len(out)
    return PromiseReport(out, share)
