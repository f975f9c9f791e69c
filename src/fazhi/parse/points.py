"""The points a part makes, and where a report's own words end.

Two readers need the same cut of a part into what a clerk would count: the checks (is each
shortcoming, each plan concrete?) and promises kept (what did the unit promise?). Reports list
their points with markers of several ranks (一、 over （一） over 一是/第一/1. over （1）); a
marker opens a point only at the start of a line or a clause, so 统一是 or 第1.5 mid-sentence
is no point. A part without markers makes its points sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from fazhi.model import Analysis
from fazhi.parse.boilerplate import body_end
from fazhi.parse.outline import CN_DIGITS
from fazhi.parse.text import INDENT, in_spans

__all__ = ["SENTENCE_END", "Point", "content_end", "split_points"]

_N = CN_DIGITS
# A list marker; the group that matches names its rank, outermost first: 一、 （一） 一是/第一/1.
# （1）.
_MARKER = re.compile(
    rf"(?P<r2>[{_N}]{{1,3}}是|第[{_N}]{{1,3}}(?=[，,、：:])|\d{{1,2}}[.、．](?!\d))"
    rf"|[（(](?:(?P<r1>[{_N}]{{1,3}})|(?P<r3>\d{{1,2}}))[）)]"
    rf"|(?P<r0>[{_N}]{{1,3}}、)"
)
_RANK = {"r0": 0, "r1": 1, "r2": 2, "r3": 3}
_CLAUSE_START = "\n。；;：:，,！？!?"
SENTENCE_END = re.compile(r"[。；;！？!?\n]+")
_LEAD_TRIM = INDENT + "\n\r，,。；;：:、"
_TAIL_TRIM = INDENT + "\n\r，,、"


@dataclass(frozen=True, slots=True)
class Point:
    """One point: a marked item (``rank`` the rank of its marker), the text before the first
    marker (``lead``: it introduces the list), or a sentence of a part without markers
    (``first`` for the first of them: often the part's lead-in). ``text`` is the report's
    text[start:end], without the white space and the commas around it."""

    start: int
    end: int
    text: str
    rank: int | None = None
    lead: bool = False
    first: bool = False


def split_points(text: str, start: int, end: int) -> list[Point]:
    """The points of text[start:end], in order, a group's title that only heads points of a
    deeper rank left out (（一）持之以恒推动法治政府建设走深走实 over 一是…二是…)."""
    marks = {
        m.start(): _RANK[m.lastgroup or ""]
        for m in _MARKER.finditer(text, start, end)
        if _opens(text, m.start())
    }
    if not marks:
        cuts = [start, *(m.end() for m in SENTENCE_END.finditer(text, start, end)), end]
        found = [p for a, b in pairwise(cuts) if (p := _point(text, a, b, None)) is not None]
        if not found:
            return []
        head = found[0]
        return [Point(head.start, head.end, head.text, first=True), *found[1:]]
    cuts = [start, *(at for at in marks if at > start), end]
    points = [
        p
        for a, b in pairwise(cuts)
        if (p := _point(text, a, b, marks.get(a), lead=a not in marks)) is not None
    ]
    return [p for p, after in zip(points, [*points[1:], None], strict=True) if not _title(p, after)]


def _opens(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in INDENT:
        i -= 1
    return i < 0 or text[i] in _CLAUSE_START


def _point(text: str, a: int, b: int, rank: int | None, *, lead: bool = False) -> Point | None:
    while a < b and text[a] in _LEAD_TRIM:
        a += 1
    while b > a and text[b - 1] in _TAIL_TRIM:
        b -= 1
    return Point(a, b, text[a:b], rank, lead) if a < b else None


def _title(p: Point, after: Point | None) -> bool:
    """A line of its own, no more than one sentence, followed by points of a deeper rank (any
    marked point is deeper than the text before the first marker)."""
    return (
        after is not None
        and after.rank is not None
        and (p.lead or (p.rank is not None and after.rank > p.rank))
        and "\n" not in p.text
        and not SENTENCE_END.search(p.text.rstrip("。；;！？!?"))
    )


def content_end(a: Analysis) -> int:
    """Where the report's own words end: before the trailing website chrome, 特此报告 and the
    signature (as the parser found them; a 成文日期 in the page chrome is not the signature)."""
    chrome = [(s.start, s.end) for s in a.boilerplate]
    starts = [
        m.start
        for key in ("closing", "signature", "signed_date")
        if (m := a.provenance.get(key)) is not None and not in_spans(m.start, chrome)
    ]
    return min([body_end(a.text, chrome), *starts])
