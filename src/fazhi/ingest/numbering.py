"""Word's automatic list numbering, rendered as the text Word draws in front of a paragraph.

Reports build their whole outline (一、 （一） 1. …) with Word numbering, and the paragraph text
in document.xml does not contain those labels: without this module a DOCX report loses every
heading marker. The model follows WordprocessingML: a paragraph names a ``num`` (directly or
through its style), the ``num`` points at an ``abstractNum`` that defines nine levels, and
counters are kept per ``abstractNum`` so that lists sharing one continue each other, unless a
``num`` overrides its start value, which makes it a list of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    try:
        return int(_val(el) or "")
    except ValueError:
        return default


# ---- number formats ------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRAD_DIGITS = "零壹貳參肆伍陸柒捌玖"
_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Beyond these, letters and Roman numerals are unreadable anyway; Word itself stops there.
_MAX_REPEAT = 30
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _chinese(n: int, digits: str, units: str, short_ten: bool) -> str:
    """Chinese numerals with place units (一百零五, 壹拾贰); ``short_ten``: 十二, not 一十二."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        gap = digits[0] if 0 < low < 1000 else ""
        rest = _chinese(low, digits, units, short_ten=False) if low else ""
        return _chinese(high, digits, units, short_ten) + "万" + gap + rest
    out, pending_zero = "", False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if not digit:
            pending_zero = pending_zero or bool(out)
            continue
        out += (
            (digits[0] if pending_zero else "")
            + digits[digit]
            + ("" if power == 0 else units[power - 1])
        )
        pending_zero = False
    if short_ten and 10 <= n < 20:
        out = out.removeprefix(digits[1])
    return out


def _digitwise(n: int, digits: str) -> str:
    return "".join(digits[int(d)] for d in str(n))


def _counting(n: int) -> str:
    """Word's chineseCounting: 一 … 九十九 as words, then digit by digit (一〇〇)."""
    return (
        _chinese(n, _CN_DIGITS, "十百千", short_ten=True)
        if n < 100
        else _digitwise(n, "〇一二三四五六七八九")
    )


def _letters(n: int, alphabet: str) -> str:
    """a … z, then aa, bb …: Word repeats the letter rather than counting in base 26."""
    count, index = divmod(n - 1, len(alphabet))
    if n <= 0 or count >= _MAX_REPEAT:
        return str(n)
    return alphabet[index] * (count + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...], fallback: str) -> str:
    for low, high, first in ranges:
        if low <= n <= high:
            return chr(first + n - low)
    return fallback.format(n)


_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))

_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH),
    "chineseCounting": _counting,
    "taiwaneseCounting": _counting,
    "chineseCountingThousand": lambda n: _chinese(n, _CN_DIGITS, "十百千", short_ten=True),
    "taiwaneseCountingThousand": lambda n: _chinese(n, _CN_DIGITS, "十百千", short_ten=True),
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL_DIGITS, "拾佰仟", short_ten=False),
    "ideographLegalTraditional": lambda n: _chinese(
        n, _CN_LEGAL_TRAD_DIGITS, "拾佰仟", short_ten=False
    ),
    "ideographDigital": lambda n: _digitwise(n, _IDEOGRAPH_DIGITS),
    "taiwaneseDigital": lambda n: _digitwise(n, _IDEOGRAPH_DIGITS),
    "ideographTraditional": lambda n: _HEAVENLY_STEMS[(n - 1) % 10],
    "ideographZodiac": lambda n: _EARTHLY_BRANCHES[(n - 1) % 12],
    "decimalEnclosedCircle": lambda n: _enclosed(n, _CIRCLED, "{}"),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, _CIRCLED, "{}"),
    "decimalEnclosedParen": lambda n: _enclosed(n, ((1, 20, 0x2474),), "({})"),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, ((1, 20, 0x2488),), "{}."),
    "lowerLetter": lambda n: _letters(n, "abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": lambda n: _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (``ST_NumberFormat``); unknown formats as decimal."""
    return _FORMATS.get(fmt, str)(n)


# ---- definitions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Level:
    """One level of an abstract numbering definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart, one-based; 0 = never restart
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: show every level's number in decimal
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


@dataclass(slots=True)
class _Num:
    abstract: str
    overrides: dict[int, Level] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


def _level(el: etree._Element) -> Level:
    fmt = el.find(w("numFmt"))
    if fmt is None:
        # Word 2010+ writes some formats as mc:AlternateContent; the fallback is the classic one.
        fmt = el.find(f"{{{MC}}}AlternateContent/{{{MC}}}Fallback/{w('numFmt')}")
    legal = el.find(w("isLgl"))
    return Level(
        start=_int(el.find(w("start")), 1) or 0,
        fmt=_val(fmt) or "decimal",
        text=_val(el.find(w("lvlText"))) or "",
        restart=_int(el.find(w("lvlRestart"))),
        suffix=_val(el.find(w("suff"))) or "tab",
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        style=_val(el.find(w("pStyle"))),
    )


def _levels(abstract: etree._Element) -> dict[int, Level]:
    return {
        int(lvl.get(w("ilvl"), "0")): _level(lvl)
        for lvl in abstract.iterfind(w("lvl"))
        if (lvl.get(w("ilvl")) or "0").isdigit()
    }


def _overrides(num: etree._Element, levels: dict[int, Level]) -> dict[int, Level]:
    """``w:lvlOverride``: a whole new level, or only a new start value."""
    out: dict[int, Level] = {}
    for override in num.iterfind(w("lvlOverride")):
        ilvl = int(override.get(w("ilvl"), "0"))
        lvl = override.find(w("lvl"))
        base = _level(lvl) if lvl is not None else levels.get(ilvl, Level())
        start = _int(override.find(w("startOverride")))
        out[ilvl] = base if start is None else replace(base, start=start)
    return out


def _styles(styles: etree._Element | None) -> tuple[dict[str, _Style], str | None]:
    """Numbering and ``basedOn`` of paragraph and list styles, and the default paragraph style."""
    found: dict[str, _Style] = {}
    default = None
    if styles is None:
        return found, None
    for style in styles.iterfind(w("style")):
        kind = style.get(w("type"), "paragraph")
        if kind not in ("paragraph", "numbering"):
            continue
        style_id = style.get(w("styleId")) or ""
        num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
        found[style_id] = _Style(
            based_on=_val(style.find(w("basedOn"))),
            num_id=_val(num_pr.find(w("numId"))) if num_pr is not None else None,
            ilvl=_int(num_pr.find(w("ilvl"))) if num_pr is not None else None,
        )
        if kind == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
            default = style_id
    return found, default


# ---- rendering ---------------------------------------------------------------------------


class Numbering:
    """Renders the numbering label of each paragraph, in document order (counters advance)."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._style_links: dict[str, str] = {}
        self._nums: dict[str, _Num] = {}
        self._styles, self._default_style = _styles(styles)
        self._counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            self._read(numbering)

    def _read(self, numbering: etree._Element) -> None:
        for abstract in numbering.iterfind(w("abstractNum")):
            abstract_id = abstract.get(w("abstractNumId")) or ""
            self._abstracts[abstract_id] = _levels(abstract)
            link = _val(abstract.find(w("numStyleLink")))
            if link:
                self._style_links[abstract_id] = link
        for num in numbering.iterfind(w("num")):
            abstract_id = _val(num.find(w("abstractNumId"))) or ""
            levels = self._abstracts.get(abstract_id, {})
            self._nums[num.get(w("numId")) or ""] = _Num(abstract_id, _overrides(num, levels))

    def label(self, p_pr: etree._Element | None) -> str:
        """The label Word shows before this paragraph (with its suffix), or ``""``."""
        style_id = _val(p_pr.find(w("pStyle"))) if p_pr is not None else None
        num_pr = p_pr.find(w("numPr")) if p_pr is not None else None
        num_id = _val(num_pr.find(w("numId"))) if num_pr is not None else None
        ilvl = _int(num_pr.find(w("ilvl"))) if num_pr is not None else None
        style_id = style_id or self._default_style
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        levels, key = self._definition(num_id)
        if ilvl is None:
            ilvl = next((i for i, lvl in levels.items() if lvl.style == style_id), 0)
        if ilvl not in levels or not 0 <= ilvl < _LEVELS:
            return ""
        values = self._advance(key, levels, ilvl)
        return _render(levels, values, ilvl)

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The first ``numPr`` up the ``basedOn`` chain, as (numId, ilvl)."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            if style.num_id is not None:
                return style.num_id, style.ilvl
            style_id = style.based_on
        return None, None

    def _definition(self, num_id: str) -> tuple[dict[int, Level], str]:
        """The levels of a ``num`` and the key of the counters it shares."""
        num = self._nums[num_id]
        abstract_id = self._follow_style_link(num.abstract)
        levels = {**self._abstracts.get(abstract_id, {}), **num.overrides}
        key = f"num:{num_id}" if num.overrides else f"abstract:{abstract_id}"
        return levels, key

    def _follow_style_link(self, abstract_id: str) -> str:
        """A list style's abstractNum (w:numStyleLink) points at the abstractNum that defines it."""
        for _ in range(_LEVELS):
            link = self._style_links.get(abstract_id)
            num_id = self._styles[link].num_id if link in self._styles else None
            if num_id is None or num_id not in self._nums:
                break
            abstract_id = self._nums[num_id].abstract
        return abstract_id

    def _advance(self, key: str, levels: dict[int, Level], ilvl: int) -> list[int]:
        """Count this paragraph and restart the levels below it; returns every level's value."""
        counters = self._counters.setdefault(key, [None] * _LEVELS)
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            limit = deeper if restart is None or restart > deeper else restart
            if ilvl < limit:
                counters[deeper] = None
        return [
            value if value is not None else (levels[i].start if i in levels else 1)
            for i, value in enumerate(counters)
        ]


def _render(levels: dict[int, Level], values: list[int], ilvl: int) -> str:
    level = levels[ilvl]
    if level.fmt == "bullet":
        bullet = "".join(c for c in level.text if unicodedata.category(c) != "Co")
        return _with_suffix(bullet, level.suffix)

    def number(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        ref = levels.get(index, Level())
        fmt = "decimal" if level.legal and ref.fmt != "none" else ref.fmt
        return format_number(values[index], fmt)

    return _with_suffix(_PLACEHOLDER.sub(number, level.text), level.suffix)


def _with_suffix(label: str, suffix: str) -> str:
    """Word's gap after the label, as Chinese plain text writes it.

    A label ending in punctuation or an enclosed number (一、 （一） 1. ①) runs straight into the
    text, as the same report typed by hand would; a bare label (第一条) keeps one space.
    """
    if not label or suffix == "nothing":
        return label
    if suffix == "space":
        return label + " "
    last = unicodedata.category(label[-1])
    return label if last.startswith("P") or last == "No" else label + " "
