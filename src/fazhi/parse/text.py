"""Line and sentence geometry shared by every parser stage.

Reports are line-oriented (a heading or a signature owns its line), so the parsers work on lines
with their offsets into the untouched text rather than on a normalised copy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# White space that drafting tools put in front of a line: ASCII, no-break, en/em quad, 全角空格.
INDENT = " \t\u00a0\u2002\u2003\u2009\u3000\ufeff"
# What str.splitlines breaks on.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SENTENCE_CHARS = frozenset("。！？!?；;\n")
# What ends a clause; the list comma 、 does not.
CLAUSE_END = "，,。；;：:！？!?\n"
_CLAUSE_RE = re.compile("[" + re.escape(CLAUSE_END) + "]")


@dataclass(slots=True, frozen=True)
class Line:
    start: int  # offset of the first character of the line
    end: int  # offset just past the last character (newline excluded)
    text: str
    body_start: int  # offset of the first character after the indentation
    stripped: str  # the line without indentation and trailing blanks

    @classmethod
    def at(cls, start: int, text: str) -> Line:
        body = text.lstrip(INDENT)
        return cls(
            start, start + len(text), text, start + len(text) - len(body), body.rstrip(INDENT)
        )


@lru_cache(maxsize=16)
def lines(text: str) -> tuple[Line, ...]:
    """Every line of ``text`` with offsets (any Unicode line break ends a line).

    Cached: every parser stage walks the same lines of the same text.
    """
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip(_BREAKS)
        out.append(Line.at(pos, body))
        pos += len(raw)
    if not out or text.endswith(tuple(_BREAKS)):
        out.append(Line.at(pos, ""))
    return tuple(out)


class Geometry:
    """Clause and sentence boundaries of one text, found once and looked up by bisection.

    Fact extraction asks for the clause and sentence of every number; scanning outwards character
    by character each time would dominate the cost of an analysis.
    """

    __slots__ = ("_clause_ends", "_sentence_ends", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._clause_ends = [m.start() for m in _CLAUSE_RE.finditer(text)]
        # every sentence end is also a clause end
        self._sentence_ends = [p for p in self._clause_ends if text[p] in _SENTENCE_CHARS]

    def clause(self, pos: int) -> tuple[int, int]:
        ends = self._clause_ends
        i = bisect_right(ends, pos - 1)
        start = ends[i - 1] + 1 if i else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        ends, text = self._sentence_ends, self.text
        i = bisect_right(ends, pos - 1)
        start = ends[i - 1] + 1 if i else 0
        end = ends[i] if i < len(ends) else len(text)
        if end < len(text) and text[end] != "\n":
            end += 1
        while start < end and text[start] in INDENT:
            start += 1
        return start, end


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def iter_paragraphs(
    text: str, skip: list[tuple[int, int]], end: int | None = None
) -> Iterator[Line]:
    """Non-empty lines that start before ``end`` and are not inside the ``skip`` spans (chrome)."""
    stop = len(text) if end is None else end
    for line in lines(text):
        if line.body_start >= stop:
            break
        if line.stripped and not in_spans(line.body_start, skip):
            yield line
