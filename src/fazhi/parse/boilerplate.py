"""Mark the website chrome around a report saved as text (breadcrumbs, index tables, footers).

Chrome is marked as spans and never cut, so offsets into the text stay those of the file.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from fazhi.data import load_yaml
from fazhi.parse.text import Line, lines

# A line that opens an outline heading is report text even when it is short (（三）加强政府网站).
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])"
)
_PROSE = re.compile(r"[。，,；;！？]")
_PROSE_LINE = 60


@dataclass(frozen=True, slots=True)
class ChromeRules:
    line: re.Pattern[str]  # all `line` patterns as one alternation: one search per line
    whole: re.Pattern[str]
    max_line: int
    sandwich_max: int

    @classmethod
    def from_data(cls, data: dict) -> ChromeRules:
        def union(patterns: list[str]) -> re.Pattern[str]:
            return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")

        return cls(
            line=union(data.get("line", [])),
            whole=union(data.get("whole", [])),
            max_line=int(data.get("max_line", 240)),
            sandwich_max=int(data.get("sandwich_max", 16)),
        )


@cache
def default_rules() -> ChromeRules:
    return ChromeRules.from_data(load_yaml("chrome.yaml"))


def is_chrome_line(s: str, rules: ChromeRules) -> bool:
    s = s.strip()
    if not s or len(s) > rules.max_line or _HEADING_START.match(s):
        return False
    if len(s) > _PROSE_LINE and "。" in s:
        return False  # a long line of sentences is report text, never site furniture
    if rules.line.search(s):
        return True
    return not _PROSE.search(s) and rules.whole.fullmatch(s) is not None


def find_boilerplate(text: str, rules: ChromeRules | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of chrome: runs of chrome lines, blank lines between them included."""
    rules = rules or default_rules()
    body = [ln for ln in lines(text) if ln.stripped]
    flags = [is_chrome_line(ln.text, rules) for ln in body]
    _fill_sandwiches(body, flags, rules.sandwich_max)
    spans: list[tuple[int, int]] = []
    for ln, chrome in zip(body, flags, strict=True):
        if not chrome:
            continue
        start, end = ln.body_start, ln.start + len(ln.text.rstrip())
        if spans and _only_blank_between(text, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _fill_sandwiches(body: list[Line], flags: list[bool], max_len: int) -> None:
    """Short menu items (微博, 部门街镇) between two chrome lines are chrome as well."""
    chrome_idx = [i for i, f in enumerate(flags) if f]
    for a, b in itertools.pairwise(chrome_idx):
        gap = range(a + 1, b)
        if gap and all(_menu_like(body[i].stripped, max_len) for i in gap):
            for i in gap:
                flags[i] = True


def _menu_like(s: str, max_len: int) -> bool:
    return len(s) <= max_len and not _PROSE.search(s) and not _HEADING_START.match(s)


def _only_blank_between(text: str, a: int, b: int) -> bool:
    return not text[a:b].strip()


def body_end(text: str, chrome: list[tuple[int, int]]) -> int:
    """Where the report itself stops: before the trailing website chrome, if any."""
    end = len(text)
    for s, e in sorted(chrome, reverse=True):
        if not text[e:end].strip():
            end = s
    return end
