"""The outline of a report: headings of levels 1–3 by the marker at the start of their line.

Markers (annotation spec): level 1 一、; level 2 （一） (一); level 3 1. 1、 1． （1） (1), in
full-width or half-width forms, possibly indented. A heading may run into its paragraph
(「1.领导带头示范学将……」); its title ends at the first 。；： or at the end of the line.
``一是…二是…`` runs and numbers such as 「2024年，」 or 「1.5万件」 at a line start are not markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.parse.text import INDENT, in_spans, lines

CN_DIGITS = "一二三四五六七八九十"
_FW_DIGITS = "０１２３４５６７８９"
_DIGITS = f"0-9{_FW_DIGITS}"

# Level 1: 一、  (also 一． / 一. when a title, not a number, follows).
_L1 = re.compile(rf"([{CN_DIGITS}]{{1,3}})\s*(?:、|[.．](?![{_DIGITS}]))")
# Level 2: （一） (一) with full- or half-width brackets, mixed too.
_L2 = re.compile(rf"[（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)]")
# Level 3: 1. 1、 1． （1） (1); a decimal point followed by a digit is a number (1.5万件).
_L3 = re.compile(
    rf"(?:([{_DIGITS}]{{1,2}})\s*(?:[、]|[.．](?![{_DIGITS}]))|[（(]\s*([{_DIGITS}]{{1,2}})\s*[）)])"
)
_TITLE_END = re.compile(r"[。；：;:]")
_NOT_TITLE = re.compile(r"^\s*[%％]")


@dataclass(frozen=True, slots=True)
class MarkerHit:
    level: int
    marker: str
    number: int


def cn_small(s: str) -> int:
    """一 … 九十九 as an int (the numbers that outline markers use)."""
    vals = {c: i + 1 for i, c in enumerate(CN_DIGITS[:9])}
    if "十" not in s:
        return vals.get(s, 0)
    tens, _, units = s.partition("十")
    return (vals.get(tens, 0) if tens else 1) * 10 + (vals.get(units, 0) if units else 0)


_MARKER_FIRST = frozenset(CN_DIGITS + "（(0123456789" + _FW_DIGITS)


def match_marker(s: str, pos: int = 0) -> MarkerHit | None:
    """The outline marker at ``pos`` in ``s``, if any."""
    if pos >= len(s) or s[pos] not in _MARKER_FIRST:
        return None
    for level, pattern in ((2, _L2), (1, _L1), (3, _L3)):
        m = pattern.match(s, pos)
        if not m:
            continue
        rest = s[m.end() :]
        if not rest.strip() or _NOT_TITLE.match(rest):
            continue
        raw = next(g for g in m.groups() if g)
        number = (
            cn_small(raw)
            if level < 3
            else int(raw.translate(str.maketrans(_FW_DIGITS, "0123456789")))
        )
        return MarkerHit(level, m.group(0), number)
    return None


@dataclass(slots=True)
class RawHeading:
    level: int
    marker: str
    number: int
    text: str
    start: int
    end: int


def find_headings(text: str, skip: list[tuple[int, int]] | None = None) -> list[RawHeading]:
    """Every outline heading outside the ``skip`` spans (website chrome), in order."""
    skip = skip or []
    found: list[RawHeading] = []
    for line in lines(text):
        pos = line.body_start
        if pos >= line.end or in_spans(pos, skip):
            continue
        local = pos - line.start
        hit = match_marker(line.text, local)
        if hit is None:
            continue
        rest = line.text[local + len(hit.marker) :]
        lead = len(rest) - len(rest.lstrip(INDENT))
        title = _title(rest[lead:])
        end = line.start + local + len(hit.marker) + lead + len(title)
        found.append(RawHeading(hit.level, hit.marker, hit.number, title, pos, end))
    return _drop_out_of_sequence(found)


def _title(rest: str) -> str:
    m = _TITLE_END.search(rest)
    return (rest[: m.start()] if m else rest).rstrip(INDENT)


def _drop_out_of_sequence(heads: list[RawHeading]) -> list[RawHeading]:
    """Keep markers that continue a numbered sequence at their level.

    A genuine outline counts 1, 2, 3 at each level and restarts below a new parent; a line that
    happens to begin with 「3、」 in the middle of prose does not fit and is dropped. The first
    marker of a level under a parent may start anywhere (some reports continue numbering).
    """
    kept: list[RawHeading] = []
    last: dict[int, int] = {}
    for h in heads:
        prev = last.get(h.level)
        if prev is not None and h.number not in (prev + 1, 1) and h.number <= prev:
            continue
        kept.append(h)
        last[h.level] = h.number
        for deeper in [lv for lv in last if lv > h.level]:
            del last[deeper]
    return kept
