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

from fazhi.check.rules import CheckConfig
from fazhi.model import Analysis, Fact, Part, Span
from fazhi.parse.dates import YEAR, YEAR_DIGITS
from fazhi.parse.points import SENTENCE_END, Point, content_end, split_points

_YEAR_END = frozenset("0123456789 \u3000")  # what stands before the 年 of a year
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")


@dataclass
class Context:
    analysis: Analysis
    config: CheckConfig
    lang: str
    by_section: dict[str, list[Part]] = field(default_factory=dict)
    _points: dict[tuple[int, int], list[Point]] = field(default_factory=dict)

    @classmethod
    def of(cls, analysis: Analysis, config: CheckConfig, lang: str) -> Context:
        by_section: dict[str, list[Part]] = {}
        for p in analysis.parts:
            by_section.setdefault(p.section, []).append(p)
        return cls(analysis, config, lang, by_section)

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
        return content_end(self.analysis)

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
        """The points the part makes after its heading (the text that introduces a list is
        none)."""
        key = (part.start, part.end)
        if key not in self._points:
            found = split_points(self.text, self.heading_end(part), self.end_of(part))
            self._points[key] = [p for p in found if not p.lead]
        return self._points[key]

    def sentence(self, pos: int, lo: int = 0, hi: int | None = None) -> Span:
        """The sentence around ``pos``, kept inside [lo, hi)."""
        hi = len(self.text) if hi is None else hi
        cut = max(self.text.rfind(c, lo, pos) for c in "。；;！？!?\n")
        start = cut + 1 if cut >= lo else lo
        m = SENTENCE_END.search(self.text, pos, hi)
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
                YEAR.search(text, max(0, pos - 6), pos + 1)
                if text[pos - 1 : pos] in _YEAR_END
                else None
            )
            found = (
                (m.start(1), int(m.group(1)), Span(m.start(1), m.end()))
                if m is not None and m.end() == pos + 1
                else _cn_year(text, pos)
            )
            if found is not None:
                j = bisect_left(titles, (found[0] + 1,)) - 1
                if j < 0 or not titles[j][0] <= found[0] < titles[j][1]:
                    out.append(found)
            pos = text.find("年", pos + 1)
        return out


def _cn_year(text: str, pos: int) -> tuple[int, int, Span] | None:
    """The year written in Chinese numerals that ends at the 年 at ``pos`` (19xx or 20xx)."""
    start = pos - 4
    digits = "".join(YEAR_DIGITS.get(c, "") for c in text[max(0, start) : pos])
    if start < 0 or len(digits) != 4 or text[start - 1 : start] in YEAR_DIGITS:
        return None
    year = int(digits)
    return (start, year, Span(start, pos + 1)) if 1900 <= year < 2100 else None
