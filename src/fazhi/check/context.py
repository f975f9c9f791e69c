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
from fazhi.parse.text import in_spans

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


@dataclass(frozen=True, slots=True)
class Point:
    """One point a part makes: a 一是/（一） item, or a sentence where the part has no list."""

    start: int
    end: int
    text: str
    first: bool = False  # the first sentence of a part without a list (often its lead-in)


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
    def content_end(self) -> int:
        """Where the report's own words end: before 特此报告 and the signature (as the parser
        found them; a 成文日期 in the page chrome is not part of the signature)."""
        chrome = self._chrome(self.analysis)
        prov = self.analysis.provenance
        starts = [
            m.start
            for key in ("closing", "signature", "signed_date")
            if (m := prov.get(key)) is not None and not in_spans(m.start, chrome)
        ]
        return min([self.body_end, *starts])

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
