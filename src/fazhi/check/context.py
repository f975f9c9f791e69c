"""What every check reads from one analysis, worked out once per report.

Checks use what the analysis already found (parts, headings, facts, metadata) and never re-parse
the report; this module only adds the small views they share: the parts by name, where the
report's own words end (before the closing formula and the signature), the spans that show a
part, the points a part makes and the years it names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from fazhi.check.rules import CheckConfig
from fazhi.model import Analysis, Fact, Part, Span
from fazhi.parse.boilerplate import body_end
from fazhi.parse.dates import find_date, is_date_line
from fazhi.parse.text import Line, in_spans, lines

# A year as reports write it, but not the end of a period (2021—2025年) nor part of a number.
_YEAR = re.compile(r"(?<![—\-–~～至到\d])((?:19|20)\d{2})\s*年")
_YEAR_END = frozenset("0123456789 \u3000")  # what stands before the 年 of a year
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
# A list marker: 一是 … 二是 …, （一）…, 1. …; it opens a point at the start of a clause.
_POINT = re.compile(
    r"[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.、．](?![0-9])"
)
_CLAUSE_START = "\n。；;：:，,！？"
_SENTENCE_END = re.compile(r"[。；;！？!?\n]+")
_TRIM = " \t\u3000\n，,。；;：:、"
# The signature sits in the last few paragraphs of the report, after a closing formula.
_TAIL = 4
_CLOSING = re.compile(r"^(特此(报告|汇报)|以上报告|专此报告)[。.]?$")
_SIGNATURE_MAX = 40
_PROSE = re.compile(r"[。；;！？!?，,：:]")
_ORG_END = re.compile(
    r"(人民政府|政府|办事处|街道|镇|乡|委员会|办公室|办公厅|管理局|中心|局|厅|委|办|署|院|所|队"
    r"|区|县|市|州|旗|盟|省)$"
)
_GOV = re.compile(r"(人民政府|政府)$")


@dataclass(frozen=True, slots=True)
class Point:
    """One point a part makes: a 一是/（一） item, or a sentence where the part has no list."""

    start: int
    end: int
    text: str
    first: bool = False  # the first sentence of a part without a list (often its lead-in)


@dataclass(frozen=True, slots=True)
class Signature:
    org: str | None = None
    org_span: Span | None = None
    date: str | None = None
    date_span: Span | None = None
    start: int | None = None  # where the signature block (or the closing formula) begins


@dataclass
class Context:
    analysis: Analysis
    config: CheckConfig
    lang: str
    by_section: dict[str, list[Part]] = field(default_factory=dict)
    body_end: int = 0
    _points: dict[tuple[int, int], list[Point]] = field(default_factory=dict)

    @classmethod
    def of(cls, analysis: Analysis, config: CheckConfig, lang: str) -> Context:
        by_section: dict[str, list[Part]] = {}
        for p in analysis.parts:
            by_section.setdefault(p.section, []).append(p)
        return cls(
            analysis, config, lang, by_section, body_end(analysis.text, cls._chrome(analysis))
        )

    @staticmethod
    def _chrome(analysis: Analysis) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in analysis.boilerplate]

    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def structure_known(self) -> bool:
        """Whether the report's outline could be read at all: with neither headings nor any
        part found, a missing part cannot be told from a text the parser could not follow."""
        return bool(self.analysis.parts or self.analysis.headings)

    @cached_property
    def signature(self) -> Signature:
        """The signing organisation and the date under it, if the report is signed."""
        tail = self._last_paragraphs(_TAIL)
        sig = Signature()
        for i in range(len(tail) - 1, -1, -1):
            sig = _signature_at(tail, i)
            if sig.date or sig.org:
                break
        closing = next((ln for ln in tail if _CLOSING.match(ln.stripped)), None)
        if closing is not None and (sig.start is None or closing.body_start < sig.start):
            sig = Signature(sig.org, sig.org_span, sig.date, sig.date_span, closing.body_start)
        return sig

    def _last_paragraphs(self, n: int) -> list[Line]:
        """The last ``n`` non-empty lines of the report before its trailing chrome, read from
        the end (a report has hundreds of lines; its signature is in the last few)."""
        chrome = self._chrome(self.analysis)
        out: list[Line] = []
        for line in reversed(lines(self.text)):
            if len(out) == n:
                break
            inside = line.body_start < self.body_end and not in_spans(line.body_start, chrome)
            if line.stripped and inside:
                out.append(line)
        return out[::-1]

    @property
    def content_end(self) -> int:
        """Where the report's own words end: before 特此报告 and the signature."""
        start = self.signature.start
        return self.body_end if start is None else min(start, self.body_end)

    def parts(self, section: str) -> list[Part]:
        return self.by_section.get(section, [])

    def end_of(self, part: Part) -> int:
        """The end of a part without the closing formula and signature the last part runs
        into."""
        return min(part.end, self.content_end) if part.start < self.content_end else part.end

    def label(self, part: Part) -> Span:
        """The heading that opens a part, else its first line: what shows the part is there."""
        if part.heading is not None and part.heading < len(self.analysis.headings):
            h = self.analysis.headings[part.heading]
            return Span(h.start, h.end)
        end = self.text.find("\n", part.start, part.end)
        return Span(part.start, part.end if end < 0 else end)

    def outline(self) -> list[Span]:
        """The headings of the top level the report uses (level 1, else level 2)."""
        heads = self.analysis.headings
        top = min((h.level for h in heads), default=0)
        return [Span(h.start, h.end) for h in heads if h.level == top]

    def chars(self, section: str) -> int:
        """Characters of a part without white space (line breaks and indentation vary)."""
        return sum(
            len("".join(self.text[p.start : self.end_of(p)].split())) for p in self.parts(section)
        )

    def facts_in(self, sections: tuple[str, ...] | list[str]) -> list[Fact]:
        return [f for f in self.analysis.facts if f.section in sections]

    def heading_end(self, part: Part) -> int:
        """Where the part's own heading ends (its start when it has none)."""
        if part.heading is None:
            return part.start
        return max(part.start, self.label(part).end)

    def points(self, part: Part) -> list[Point]:
        key = (part.start, part.end)
        if key not in self._points:
            titles = {h.start: h.end for h in self.analysis.headings}
            self._points[key] = _split_points(
                self.text, self.heading_end(part), self.end_of(part), titles
            )
        return self._points[key]

    def sentence(self, pos: int, lo: int = 0, hi: int | None = None) -> Span:
        """The sentence around ``pos``, kept inside [lo, hi)."""
        hi = len(self.text) if hi is None else hi
        cut = max(self.text.rfind(c, lo, pos) for c in "。；;！？!?\n")
        start = cut + 1 if cut >= lo else lo
        m = _SENTENCE_END.search(self.text, pos, hi)
        end = (m.start() + (self.text[m.start()] != "\n")) if m else hi
        while start < end and self.text[start].isspace():
            start += 1
        return Span(start, end)

    def years(self, start: int, end: int) -> list[tuple[int, Span]]:
        """The years named between ``start`` and ``end`` (not past the report's own words),
        except inside 《book titles》 (the documents a report cites carry their own years) and
        period ends (2021—2025年)."""
        end = min(end, self.content_end) if start < self.content_end else end
        hits = self._years
        i = bisect_left(hits, (start,))
        out = []
        while i < len(hits) and hits[i][0] < end:
            out.append((hits[i][1], hits[i][2]))
            i += 1
        return out

    @cached_property
    def _years(self) -> list[tuple[int, int, Span]]:
        """Every year the text names outside book titles, in order: (offset, year, span)."""
        text = self.text
        titles = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
        out = []
        pos = text.find("年")
        while pos >= 0:
            # 年 is rare and a regex over the whole text slow: look back from each 年.
            m = (
                _YEAR.search(text, max(0, pos - 6), pos + 1)
                if text[pos - 1 : pos] in _YEAR_END
                else None
            )
            if m is not None and m.end() == pos + 1:
                j = bisect_left(titles, (m.start() + 1,)) - 1
                if j < 0 or not titles[j][0] <= m.start() < titles[j][1]:
                    out.append((m.start(1), int(m.group(1)), Span(m.start(1), m.end())))
            pos = text.find("年", pos + 1)
        return out


def _signature_at(tail: list[Line], i: int) -> Signature:
    """A signature whose date is the paragraph ``tail[i]`` (the organisation on the line
    before it), or whose organisation and date share that paragraph."""
    line = tail[i]
    s, start = line.stripped, line.body_start
    if len(s) > _SIGNATURE_MAX + 20:
        return Signature()  # a paragraph of prose, not a signature
    hit = find_date(s)
    if is_date_line(s):
        date_span = Span(start + hit[0], start + hit[1]) if hit else None
        org = _org_line(tail[i - 1].stripped) if i > 0 else None
        if org is None:
            return Signature(None, None, hit[2] if hit else None, date_span, start)
        prev = tail[i - 1]
        at = prev.body_start + prev.stripped.rfind(org)
        return Signature(
            org, Span(at, at + len(org)), hit[2] if hit else None, date_span, prev.body_start
        )
    if hit and hit[1] >= len(s.rstrip("。 ")) and (org := _org_line(s[: hit[0]].strip())):
        at = start + s.find(org)
        return Signature(
            org, Span(at, at + len(org)), hit[2], Span(start + hit[0], start + hit[1]), start
        )
    return Signature()


def _org_line(s: str) -> str | None:
    """The signing organisation on a line of its own; of several (中共某区委 某区人民政府), the
    government, which is the one reporting on law-based government."""
    if not s or len(s) > _SIGNATURE_MAX or _PROSE.search(s):
        return None
    names = [n for n in s.split() if _ORG_END.search(n)]
    if not names:
        return None
    return next((n for n in reversed(names) if _GOV.search(n)), names[-1])


def _split_points(text: str, start: int, end: int, titles: dict[int, int]) -> list[Point]:
    """The points of the stretch [start, end) after a part's heading: from each list marker to
    the next; or, where the part makes no list, its sentences. Text before the first marker
    introduces the list and is not a point; neither is a sub-heading that only titles the
    points of another kind under it (（一）持之以恒推动法治政府建设走深走实 / 一是……)."""
    starts = [m.start() for m in _POINT.finditer(text, start, end) if _opens(text, m.start())]
    bounds = (
        [*starts, end]
        if starts
        else [start, *(m.end() for m in _SENTENCE_END.finditer(text, start, end)), end]
    )
    found: list[Point] = []
    for a, b in pairwise(bounds):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip(_TRIM))
        body = chunk.strip(_TRIM)
        if body:
            found.append(
                Point(a + lead, a + lead + len(body), body, first=not starts and not found)
            )
    return [
        p
        for i, p in enumerate(found)
        if not (
            i + 1 < len(found)
            and _only_title(p, titles)
            and _marker_kind(found[i + 1]) != _marker_kind(p)
        )
    ]


def _marker_kind(p: Point) -> str:
    """（一） and (一), 一是, 1.: the kinds of marker that make the levels of a list."""
    c = p.text[:1]
    return "paren" if c in "（(" else "digit" if c.isdigit() else "word"


def _opens(text: str, pos: int) -> bool:
    """A marker opens a point where it starts a line or a clause (not 统一是 mid-sentence)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] in _CLAUSE_START


def _only_title(p: Point, titles: dict[int, int]) -> bool:
    """Whether a point is a heading's title and nothing more (its 。 aside); ``titles`` maps
    each heading's start to its end."""
    return p.start in titles and p.end <= titles[p.start] + 1
