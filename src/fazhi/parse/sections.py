"""Which of the required parts a report contains, and where each one lies.

The law (督察工作规定 第二十五条) asks every annual report for four parts. Reports name and order
them freely, merge two under one heading, or have no level-1 headings at all; this module finds
each part where a reader would: first from the level-1 headings, else from level-2 headings that
play that role, else from the paragraphs that open a part (「存在的问题……」「下一步，……」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from fazhi.data import load_yaml
from fazhi.model import Part, Sections
from fazhi.parse.boilerplate import body_end
from fazhi.parse.outline import RawHeading
from fazhi.parse.text import Line, iter_paragraphs

PARTS = ("responsibility", "shortcomings", "next_year", "achievements")
# A year, but not the end of a period such as (2021—2025年).
_YEAR = re.compile(r"(?<![—\-–~～至到])((?:19|20)\d{2})\s*年")
_OPENING_END = re.compile(r"[。！？；:：]")
_SENTENCE_START = re.compile(r"[。！？；]\s*")
# A heading that runs into its paragraph must be judged by its title, not by the prose after it.
_TITLE_WINDOW = 40
# An opening sentence this short reads as the title of what follows.
_HEADING_SENTENCE = 30


@dataclass(frozen=True, slots=True)
class PartRules:
    # part → one alternation of its patterns, so a title or an opening costs one search per part
    heading: dict[str, re.Pattern[str]]
    paragraph: dict[str, re.Pattern[str]]
    # part → what makes an opening that matches ``paragraph`` not open that part after all
    paragraph_unless: dict[str, re.Pattern[str]]
    causes: re.Pattern[str]
    next_year_by_year: bool = True

    @classmethod
    def from_data(cls, data: dict) -> PartRules:
        def comp(d: dict) -> dict[str, re.Pattern[str]]:
            return {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in d.items()}

        return cls(
            heading=comp(data["heading"]),
            paragraph=comp(data["paragraph"]),
            paragraph_unless=comp(data.get("paragraph_unless", {})),
            causes=re.compile("|".join(data["causes"])),
            next_year_by_year=bool(data.get("next_year_by_year", True)),
        )


@cache
def default_rules() -> PartRules:
    return PartRules.from_data(load_yaml("parts.yaml"))


def _first_pos(pattern: re.Pattern[str] | None, s: str) -> int | None:
    m = pattern.search(s) if pattern else None
    return m.start() if m else None


def classify_title(title: str, rules: PartRules, next_year: int | None = None) -> list[str]:
    """The parts a heading's title opens, the main one first; ``["other"]`` when none.

    A title may announce two parts (「存在的不足及下一步打算」). 举措/措施 belong to plans as much
    as to achievements, so they count for achievements only when nothing else is named.
    """
    title = title[:_TITLE_WINDOW]
    found: dict[str, int] = {}
    for part in PARTS:
        pos = _first_pos(rules.heading.get(part), title)
        if pos is not None:
            found[part] = pos
    if next_year is not None and rules.next_year_by_year and "shortcomings" not in found:
        m = _YEAR.search(title)
        if m and int(m.group(1)) == next_year:
            found.setdefault("next_year", m.start())
    if not found:
        pos = _first_pos(rules.heading.get("achievements_weak"), title)
        if pos is not None:
            found["achievements"] = pos
    return sorted(found, key=found.__getitem__) or ["other"]


@dataclass(slots=True)
class PartsResult:
    parts: list[Part] = field(default_factory=list)
    sections: Sections = field(default_factory=Sections)
    heading_sections: dict[int, str] = field(default_factory=dict)  # heading index → section


def find_parts(
    text: str,
    headings: list[RawHeading],
    chrome: list[tuple[int, int]],
    stop: int | None = None,
    rules: PartRules | None = None,
) -> PartsResult:
    """``stop`` is where the report ends (before trailing chrome); computed when not given."""
    rules = rules or default_rules()
    stop = body_end(text, chrome) if stop is None else stop
    result = PartsResult()
    top = [i for i, h in enumerate(headings) if h.level == 1]
    if not _usable(top, headings, rules):
        second = [i for i, h in enumerate(headings) if h.level == 2]
        top = second if _usable(second, headings, rules, need=2) else []
    if top:
        _parts_from_headings(text, headings, top, stop, rules, chrome, result)
    else:
        _parts_from_paragraphs(text, 0, stop, chrome, rules, result.parts, preamble=True)
    _responsibility_inside(text, headings, chrome, rules, stop, result)
    result.parts.sort(key=lambda p: (p.start, p.end))
    _set_sections(text, result, rules)
    return result


def _usable(idx: list[int], headings: list[RawHeading], rules: PartRules, need: int = 1) -> bool:
    """Headings that can carry the parts: at least ``need`` different parts named, and (for
    level 2 standing in for level 1) most of them naming one, not a few among many topics."""
    named = [classify_title(headings[i].text, rules)[0] for i in idx]
    parts = [n for n in named if n != "other"]
    return len(set(parts)) >= need and (need == 1 or len(parts) * 2 >= len(named))


def _next_year_of(
    text: str, headings: list[RawHeading], idx: list[int], chrome: list[tuple[int, int]]
) -> int | None:
    """The year after the one reported on: from the years in the part titles, else the first
    year the report names before its first part (title or opening)."""
    years = [int(m.group(1)) for i in idx if (m := _YEAR.search(headings[i].text))]
    if len(set(years)) > 1:
        return min(years) + 1
    head_end = headings[idx[0]].start if idx else len(text)
    for line in iter_paragraphs(text, chrome, head_end):
        if m := _YEAR.search(line.stripped):
            return int(m.group(1)) + 1
    return None


def _parts_from_headings(
    text: str,
    headings: list[RawHeading],
    top: list[int],
    body_end: int,
    rules: PartRules,
    chrome: list[tuple[int, int]],
    result: PartsResult,
) -> None:
    next_year = _next_year_of(text, headings, top, chrome)
    if top and headings[top[0]].start > 0:
        _preamble_parts(text, headings[top[0]].start, chrome, rules, result.parts)
    for n, i in enumerate(top):
        start = headings[i].start
        end = headings[top[n + 1]].start if n + 1 < len(top) else body_end
        named = classify_title(headings[i].text, rules, next_year)
        if headings[i].level == 1:
            result.heading_sections[i] = named[0]
        if named[0] == "other":
            continue
        main = Part(named[0], start, end, i)
        result.parts.append(main)
        for extra in named[1:]:
            part = _split_merged(text, extra, start, end, chrome, rules, i)
            if part.start > main.start:
                main.end = min(main.end, part.start)
            result.parts.append(part)


def _preamble_parts(
    text: str, end: int, chrome: list[tuple[int, int]], rules: PartRules, parts: list[Part]
) -> None:
    """A report may open with its plans or duties before its first heading; find such cues."""
    found: list[Part] = []
    _parts_from_paragraphs(text, 0, end, chrome, rules, found, preamble=True)
    parts.extend(p for p in found if p.section != "achievements")


def _split_merged(
    text: str,
    extra: str,
    start: int,
    end: int,
    chrome: list[tuple[int, int]],
    rules: PartRules,
    heading: int,
) -> Part:
    """Where a heading names two parts, the second starts at the paragraph, or failing that the
    sentence, that opens it (「……。下一步，我们将……」)."""
    for line in iter_paragraphs(text, chrome, end):
        if line.start > start and _paragraph_part(line, rules) == extra:
            return Part(extra, line.body_start, end, heading)
    for m in _SENTENCE_START.finditer(text, start, end):
        if _opening_part(text[m.end() : m.end() + 80], rules) == extra:
            return Part(extra, m.end(), end, heading)
    return Part(extra, start, end, heading)


def _paragraph_part(line: Line, rules: PartRules) -> str | None:
    """The part a paragraph opens, judged by its opening sentence; a short opening sentence
    stands in for a heading (「存在的主要问题。」「2023年主要工作思路。」)."""
    s = line.stripped
    opening, ender = _opening_of(s)
    cue = _opening_part(opening, rules)
    if cue is None and len(opening) <= _HEADING_SENTENCE and ender in ("", "。"):
        named = classify_title(opening, rules)[0]
        cue = named if named in ("responsibility", "shortcomings", "next_year") else None
    return cue


def _opening_of(s: str) -> tuple[str, str]:
    """A paragraph's opening sentence, and the mark that ends it ("" when none does)."""
    m = _OPENING_END.search(s)
    return (s[: m.start()], m.group()) if m else (s, "")


def _opening_part(opening: str, rules: PartRules) -> str | None:
    head = opening[:80]
    for part in ("responsibility", "shortcomings", "next_year"):
        pattern = rules.paragraph.get(part)
        unless = rules.paragraph_unless.get(part)
        if pattern is not None and pattern.search(head) and not (unless and unless.search(head)):
            return part
    return None


def _parts_from_paragraphs(
    text: str,
    start: int,
    end: int,
    chrome: list[tuple[int, int]],
    rules: PartRules,
    parts: list[Part],
    preamble: bool,
) -> None:
    """Segment headingless prose by the sentences that open each part."""
    current: Part | None = None
    first = preamble
    for line in iter_paragraphs(text, chrome, end):
        if line.start < start:
            continue
        cue = _paragraph_part(line, rules)
        if cue is None and current is None and first:
            first = False  # the opening paragraph is the report's preamble
            continue
        first = False
        section = cue or (current.section if current else "achievements")
        if current is None or section != current.section:
            if current is not None:
                current.end = line.start
            current = Part(section, line.body_start, end)
            parts.append(current)


def _responsibility_inside(
    text: str,
    headings: list[RawHeading],
    chrome: list[tuple[int, int]],
    rules: PartRules,
    body_end: int,
    result: PartsResult,
) -> None:
    """Duties reported under a lower heading or in a paragraph of their own still count.

    Plans (next_year) and shortcomings that mention the duty do not report on it, nor does a
    sentence that merely puts the duty into an assessment in the middle of a paragraph.
    """
    if any(p.section == "responsibility" for p in result.parts):
        return
    blocked = [p for p in result.parts if p.section in ("next_year", "shortcomings")]

    def free(offset: int) -> bool:
        return not any(p.start <= offset < p.end for p in blocked)

    for i, h in enumerate(headings):
        if h.level > 1 and free(h.start) and _reports_duty(text, h, rules):
            end = next((g.start for g in headings[i + 1 :] if g.level <= h.level), body_end)
            result.parts.append(Part("responsibility", h.start, end, i))
            return
    for line in iter_paragraphs(text, chrome, body_end):
        if free(line.start) and _paragraph_part(line, rules) == "responsibility":
            result.parts.append(Part("responsibility", line.body_start, line.end))
            return


def _reports_duty(text: str, h: RawHeading, rules: PartRules) -> bool:
    """A lower heading reports on the duty when its title says so, or when the sentence it runs
    into does (（一）强化组织领导。镇党委书记、镇长切实履行推进法治建设第一责任人职责，……)."""
    if classify_title(h.text, rules)[0] == "responsibility":
        return True
    if len(h.text) > _HEADING_SENTENCE:  # a sentence, not a title: what follows is its prose
        return False
    line_end = text.find("\n", h.end)
    rest = text[h.end : len(text) if line_end < 0 else line_end].lstrip("。；;:： \t\u3000")
    return _opening_part(_opening_of(rest)[0], rules) == "responsibility"


def _set_sections(text: str, result: PartsResult, rules: PartRules) -> None:
    present = {p.section for p in result.parts}
    s = result.sections
    s.achievements = "achievements" in present
    s.responsibility = "responsibility" in present
    s.shortcomings = "shortcomings" in present
    s.next_year = "next_year" in present
    s.shortcoming_causes = any(
        rules.causes.search(text, p.start, p.end)
        for p in result.parts
        if p.section == "shortcomings"
    )
