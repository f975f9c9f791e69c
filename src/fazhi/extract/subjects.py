"""What each number counts: its subject, and the words an indicator is recognised by.

A number's subject is in its clause: before it (新收行政复议案件365件), after it
(选聘10名行政执法监督员), shared with its list (分别办理议案建议和提案255件、363件), or in a verb
that closes a list of several (对7件规范性文件、37件协议……进行了合法性审核).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from fazhi.model import Fact, Span
from fazhi.parse.text import Geometry

_CONJ = re.compile(r"以及|和|及|与|、|同")
_HEAD_FILL = re.compile(
    r"^(?:并且|并|和|及|以及|其中|同时|全年|共计|共|累计|此外|另外|分别|均|对|为|向|从|把|将)+"
)
_TAIL_FILL = re.compile(
    r"(?:达到了|达到|达|为|是|共计|共|累计|总计|合计|计|约|超过|超|逾|近|将近|接近|分别|均|了|有|不到|不足|突破)+$"
)
# The verb that a list of "N件X、M件Y" shares at its end.
_LIST_VERB = re.compile(
    r"进行|开展|予以|实施|作出|提出|出具|完成|审查|审核|办理|处理|研究|清理|备案"
)
_SUBJECT_MAX = 30
# Words that say what was done to a thing without naming it.
_GENERIC = re.compile(
    r"[\s、，,]|全年|全区|全市|全县|累计|共计|共|新增|新收|受理|审结|办结|结案|办理|完成|处理|"
    r"同比|环比|增长|增加|下降|减少|提升|提高|上升|降低|达到|达|为|约|了|其中|分别|均|已"
)
_NOUN_START = re.compile(r"[\u4e00-\u9fff“《(（]")
# A focus longer than this surely names what it counts; shorter ones are checked for content.
_NAMELESS_MAX = 12
# Where one item of a list of "N件X、M件Y" ends.
_ITEM_END = re.compile(r"、|以及|和|及")


@dataclass(slots=True)
class FactContext:
    subject: str | None
    focus: str  # the words nearest the number that say what it counts
    sentence: str
    sentence_span: tuple[int, int]
    # 「其中」: part of a figure that the report also gives whole; it carries no indicator
    part_of_whole: bool = False


def describe(text: str, facts: list[Fact], geo: Geometry | None = None) -> list[FactContext]:
    """A context for each fact, in the same order."""
    geo = geo or Geometry(text)
    out: list[FactContext] = []
    i = 0
    while i < len(facts):
        cs, ce = geo.clause(facts[i].start)
        j = i
        while j + 1 < len(facts) and facts[j + 1].start < ce:
            j += 1
        out.extend(_clause_contexts(text, facts[i : j + 1], cs, ce, geo))
        i = j + 1
    _inherit_focus(out)
    return out


def _inherit_focus(contexts: list[FactContext]) -> None:
    """A clause that names no thing (审结115件, 同比增长20%) counts what the sentence's previous
    number counted: 受理行政复议案件120件，审结115件."""
    for prev, ctx in pairwise(contexts):
        if (
            len(ctx.focus) <= _NAMELESS_MAX
            and ctx.sentence_span == prev.sentence_span
            and not _GENERIC.sub("", ctx.focus)
        ):
            ctx.focus = prev.focus + ctx.focus


def _clause_contexts(
    text: str, group: list[Fact], cs: int, ce: int, geo: Geometry
) -> list[FactContext]:
    head = text[cs : group[0].start]
    tail = text[group[-1].end : ce]
    m = _LIST_VERB.search(tail)
    verb_tail = tail[m.start() :] if m and len(group) > 1 else ""
    items = _respective_items(head, len(group))
    nouns = [
        _noun_after(text, f, group[k + 1].start if k + 1 < len(group) else ce, k + 1 < len(group))
        for k, f in enumerate(group)
    ]
    out = []
    for k, f in enumerate(group):
        before = _own_before(text, group, nouns, k, cs)
        if items:
            subject = items[k]
            focus = subject + (
                head.partition("分别")[2]
                if head.find(subject) < head.find("分别")
                else head.partition("分别")[0]
            )
        else:
            if k and not _clean(before) and not nouns[k]:
                before = nouns[k - 1]  # 集中管辖四地各类环境资源案件102件: the noun serves both
            subject = _subject(before, nouns[k])
            shared = head if k and nouns[0] else ""
            rest = verb_tail if k < len(group) - 1 else text[f.end + len(nouns[k]) : ce]
            focus = shared + before + nouns[k] + rest
        s, e = geo.sentence(f.start)
        part = "其中" in text[s : f.start]
        out.append(FactContext(subject or None, focus, text[s:e], (s, e), part))
    return out


def _noun_after(text: str, f: Fact, stop: int, more: bool) -> str:
    """The noun a number precedes (10名行政执法监督员), or "" when the number follows its noun."""
    after = text[f.end : stop]
    if not after or not _NOUN_START.match(after):
        return ""
    cut = _ITEM_END.search(after) if more else _LIST_VERB.search(after)
    return after[: cut.start()] if cut else after


def _own_before(text: str, group: list[Fact], nouns: list[str], k: int, cs: int) -> str:
    """The words between the previous number's own words and this number."""
    if k == 0:
        return text[cs : group[0].start]
    start = group[k - 1].end + len(nouns[k - 1])
    return text[start : group[k].start]


def _respective_items(head: str, n: int) -> list[str] | None:
    """分别 … A、B: the i-th number belongs to the i-th item named before or after 分别."""
    if n < 2 or "分别" not in head:
        return None
    left, _, right = head.partition("分别")
    for side in (left, right):
        parts = [p for p in _CONJ.split(_clean(side)) if p]
        if len(parts) == n:
            return parts
    return None


def _clean(s: str) -> str:
    s = _HEAD_FILL.sub("", s.strip(" 、"))
    return _TAIL_FILL.sub("", s).strip(" 、")


def _subject(before: str, noun: str) -> str:
    """The words before the number, and the noun after it when the number precedes its noun."""
    subject = (_clean(before) + noun).strip()
    if len(subject) > _SUBJECT_MAX:
        cut = subject.find("、", len(subject) - _SUBJECT_MAX)
        subject = subject[cut + 1 :] if cut >= 0 else subject[-_SUBJECT_MAX:]
    return subject


def attach_subjects(text: str, facts: list[Fact], geo: Geometry | None = None) -> list[FactContext]:
    """Set each fact's subject and sentence; return the contexts for indicator mapping."""
    geo = geo or Geometry(text)
    contexts = describe(text, facts, geo)
    for f, ctx in zip(facts, contexts, strict=True):
        f.subject = ctx.subject
        f.sentence = Span(*ctx.sentence_span)
    return contexts
