"""Dates as reports write them: 2025年2月26日, 2025-02-26, 2025/2/26, 2025.2.26 and
二〇二五年二月二十六日 (with 〇, ○, O or 零 for zero)."""

from __future__ import annotations

import datetime as dt
import re

_DIGIT = {
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "〇○ＯO零一二三四五六七八九十"
_FW = str.maketrans("０１２３４５６７８９", "0123456789")
# A year as reports write it, but not the end of a period (2021—2025年) nor part of a number.
YEAR = re.compile(r"(?<![—\-–~～至到\d])((?:19|20)\d{2})\s*年")
# The digits of a year written in Chinese numerals, digit by digit (二〇二三年, 二○二三, 二零二三).
YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}

NUMERIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年|-|/|\.|．)\s*(\d{1,2})\s*(?:月|-|/|\.|．)\s*(\d{1,2})(?:\s*日|(?![\d.]))"
)
CHINESE_DATE = re.compile(rf"([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日")
ANY_DATE = re.compile(f"{NUMERIC_DATE.pattern}|{CHINESE_DATE.pattern}")


def _cn_small(s: str) -> int | None:
    """一 … 三十一, the day and month numbers written in words."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, units = s.partition("十")
        t = _DIGIT.get(tens) if tens else 1
        u = _DIGIT.get(units) if units else 0
        return None if t is None or u is None else t * 10 + u
    return _DIGIT.get(s) if len(s) == 1 else None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(s: str) -> str | None:
    """The first date in ``s`` as YYYY-MM-DD, or None."""
    m = find_date(s)
    return m[2] if m else None


def find_date(s: str, pos: int = 0) -> tuple[int, int, str] | None:
    """(start, end, iso) of the first well-formed date at or after ``pos``."""
    for m in ANY_DATE.finditer(s.translate(_FW), pos):
        iso = _from_match(m)
        if iso:
            return m.start(), m.end(), iso
    return None


def _from_match(m: re.Match[str]) -> str | None:
    if m.group(1):
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    year = "".join(str(_DIGIT[c]) for c in m.group(4))
    month, day = _cn_small(m.group(5)), _cn_small(m.group(6))
    if month is None or day is None:
        return None
    return _iso(int(year), month, day)


def is_date_line(s: str) -> bool:
    """A line that holds nothing but a date (the date under a signature), maybe in brackets."""
    core = s.strip().strip("（）()【】[]")
    hit = find_date(core)
    return bool(hit) and hit[0] == 0 and hit[1] >= len(core.rstrip("。. "))
