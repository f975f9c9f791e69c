"""Reading numbers as reports write them.

Arabic and full-width digits (１２３), thousands separators, decimals, Chinese numerals (三, 十二,
三百二十, 两千, 一万二千), mixed forms (1.25万, 3千万, 2万亿), 余/多 inside a number (300余万,
25.5万余), percentages (%, ％, 百分之…), and zero written as 零.

The Chinese-numeral core is cn2an (maintained, handles 两, 零 and 万亿); it is only reached
through a strict pattern, so malformed input never gets there, and its answers are cached because
the same few numerals recur in every report. Arabic numbers and magnitudes are read here with
``Decimal`` so that 4.71万 is exactly 47100, not 47100.00000000001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import cn2an

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
CN_DIGITS = "零〇○一二两三四五六七八九"
CN_UNITS = "十百千万亿"
_MAGNITUDE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

# Digits, optional thousands groups (1,234 / 1，234), optional decimals.
_ARABIC = r"[0-9０-９]{1,16}(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]{1,8})?"
# A Chinese numeral: starts with a digit or 十 (so 千家万户, 百姓 and 亿万 are not numbers).
_CHINESE = rf"(?:[{CN_DIGITS}十][{CN_DIGITS}{CN_UNITS}]*)"
# Magnitude words after Arabic digits: 万, 亿, 千万, 百万, 十万, 万亿.
_ARABIC_MAG = r"(?:[十百千]?万亿?|[十百千]?亿|千)"
_OVER = "余多"

# The leading lookahead lets the regex engine skip quickly to characters that can start a number.
NUMBER = re.compile(
    rf"(?=[百千万0-9０-９{CN_DIGITS}十])(?P<pct>百分之)?(?:"
    rf"(?P<ar>{_ARABIC})(?P<o1>[{_OVER}])?(?P<amag>{_ARABIC_MAG})?(?P<o2>[{_OVER}])?"
    rf"|(?P<cn>{_CHINESE})(?P<o3>[{_OVER}])?(?P<cmag>[万亿]{{1,2}})?(?P<o4>[{_OVER}])?"
    # 万余件, 千余人: a magnitude alone, made a count by 余/多 (not 数万余, 上万, 成千)
    rf"|(?<![数上几成近{CN_DIGITS}{CN_UNITS}0-9０-９])(?P<bare>[千万])(?P<o5>[{_OVER}]))"
)


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number found in text: where it is, what it is worth, and how it was written."""

    start: int
    end: int
    value: Decimal
    chinese: bool  # written in Chinese numerals
    over: bool  # 余/多 inside the number (300余万, 两千余)
    percent: bool  # 百分之…
    raw: str


def to_number(d: Decimal) -> int | float:
    """An int when the value is whole (4.71万 → 47100), else a float."""
    return int(d) if d == d.to_integral_value() else float(d)


@lru_cache(maxsize=4096)
def read_chinese(s: str) -> Decimal | None:
    """三百二十 → 320, 两千 → 2000, 一万二千 → 12000, 零 → 0; None if not a well-formed numeral."""
    if not s or not re.fullmatch(rf"[{CN_DIGITS}{CN_UNITS}]+", s):
        return None
    s = s.replace("〇", "零").replace("○", "零")
    if len(s) > 1 and not any(c in CN_UNITS for c in s):
        return None  # 一一 (唯一一期) or 二〇二四 are not quantities
    try:
        value = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def magnitude(word: str | None) -> Decimal:
    """万 → 10⁴, 千万 → 10⁷, 万亿 → 10¹²; empty → 1."""
    result = Decimal(1)
    for c in word or "":
        result *= _MAGNITUDE[c]
    return result


def read_number(s: str) -> int | float | None:
    """A whole token as a number: 1.25万 → 12500, 三百二十 → 320, 百分之二十 → 20, 两千余 → 2000."""
    m = NUMBER.fullmatch(s.strip())
    tok = token(m) if m else None
    return to_number(tok.value) if tok else None


def scan(text: str, start: int = 0, end: int | None = None) -> list[NumberToken]:
    """Every well-formed number in ``text[start:end]``, left to right."""
    out = []
    for m in NUMBER.finditer(text, start, len(text) if end is None else end):
        tok = token(m)
        if tok is not None:
            out.append(tok)
    return out


def token(m: re.Match[str]) -> NumberToken | None:
    """The token for a match of :data:`NUMBER`, or None when its digits are malformed."""
    pct, ar, o1, amag, o2, cn, o3, cmag, o4, bare, _o5 = m.groups()
    if ar:  # the pattern already guarantees well-formed digits
        base, mag, over = Decimal(ar.translate(FULLWIDTH).replace(",", "")), amag, bool(o1 or o2)
    elif bare:
        base, mag, over = Decimal(1), bare, True
    else:
        base, mag, over = read_chinese(cn), cmag, bool(o3 or o4)
    if base is None:
        return None
    return NumberToken(
        start=m.start(),
        end=m.end(),
        value=base * magnitude(mag) if mag else base,
        chinese=not ar,
        over=over,
        percent=bool(pct),
        raw=m.group(0),
    )
