"""Line and sentence geometry shared by every parser stage.

Reports are line-oriented (a heading or a signature owns its line), so the parsers work on lines
with their offsets into the untouched text rather than on a normalised copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# White space that drafting tools put in front of a line: ASCII, no-break, en/em quad, 全角空格.
INDENT = " \t\u00a0\u2002\u2003\u2009\u3000\ufeff"
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SENTENCE_END = re.compile(r"[。！？!?；;]|\n")
# What ends a clause; the list comma 、 does not.
CLAUSE_END = "，,。；;：:！？!?\n"


@dataclass(slots=True, frozen=True)
class Line:
    start: int  # offset of the first character of the line
    end: int  # offset just past the last character (newline excluded)
    text: str

    @property
    def body_start(self) -> int:
        """Offset of the first character after the indentation."""
        return self.start + (len(self.text) - len(self.text.lstrip(INDENT)))

    @property
    def stripped(self) -> str:
        return self.text.strip(INDENT)


def lines(text: str) -> list[Line]:
    """Every line of ``text`` with offsets; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    out: list[Line] = []
    for m in _LINE_RE.finditer(text):
        raw = m.group(0)
        if not raw and m.start() == len(text) and out:
            break
        body = raw.rstrip("\r\n")
        out.append(Line(m.start(), m.start() + len(body), body))
        if m.end() == len(text):
            break
    return out


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``: from after the previous 。；！？ or newline to the next."""
    start = offset
    while start > 0 and not _SENTENCE_END.match(text, start - 1):
        start -= 1
    m = _SENTENCE_END.search(text, offset)
    end = m.end() if m and text[m.start()] != "\n" else (m.start() if m else len(text))
    while start < end and text[start] in INDENT:
        start += 1
    return start, end


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: between the nearest ，；。： (not 、) on either side."""
    start = pos
    while start > 0 and text[start - 1] not in CLAUSE_END:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in CLAUSE_END:
        end += 1
    return start, end


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def iter_paragraphs(text: str, skip: list[tuple[int, int]]) -> Iterator[Line]:
    """Non-empty lines that are not inside any of the ``skip`` spans (website chrome)."""
    for line in lines(text):
        if line.stripped and not in_spans(line.body_start, skip):
            yield line
