"""Where in the text the things a verdict rests on are written: the dates of the page chrome,
the title line, the opening paragraph and the names in them.

The metadata holds the values (2025-02-26, 开州区); a verdict must also point at the words that
show them, so this module finds them again where they stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.check.context import Context
from fazhi.model import Span
from fazhi.parse.dates import find_date
from fazhi.parse.divisions import last_division_match
from fazhi.parse.text import iter_paragraphs

_GOV = re.compile(r"(人民政府|政府)$")
_PARTY = re.compile(r"^(中共|中国共产党)")
# Where the name at the head of a title or opening sentence ends.
_NAME_END = re.compile(
    r"关于|(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}|法治|依法行政|年度|[，,。；;：:（(“\"]"
)
# Words that end a name at the head of an opening sentence (verbs, prepositions).
_NAME_STOP = re.compile(
    "在|坚持|深入|深学|认真|全面|始终|紧紧|紧扣|以|围绕|高度|持续|扎实|切实|着力|不断|积极|聚焦|"
    "按照|立足|把|将|严格|大力|进一步|各级|准确|自觉|狠抓|强化|加强|推进|贯彻|落实|主动|统筹|锚定|的"
)
# The longest stretch after the division that ends as a unit's name does.
_UNIT = re.compile(
    r".*(街道办事处|办事处|街道|镇|乡|委员会|办公室|办公厅|管理局|服务中心|中心|局|厅|委|办|署|院|所|队)"
)
_CHROME_KEYS = {"publish": ("发布日期", "发布时间"), "signed": ("成文日期",)}


def chrome_date(ctx: Context, which: str, iso: str | None) -> Span | None:
    """The span of date ``iso`` in the page chrome, preferring one right after its label
    (发布日期 for ``publish``, 成文日期 for ``signed``)."""
    if not iso:
        return None
    fallback = None
    for b in ctx.analysis.boilerplate:
        chunk = ctx.text[b.start : b.end]
        pos = 0
        while hit := find_date(chunk, pos):
            if hit[2] == iso:
                span = Span(b.start + hit[0], b.start + hit[1])
                label = chunk[max(0, hit[0] - 12) : hit[0]]
                if any(k in label for k in _CHROME_KEYS[which]):
                    return span
                fallback = fallback or span
            pos = hit[1]
    return fallback


def signed_date_span(ctx: Context) -> Span | None:
    """The date under the signature, else the 成文日期 in the chrome, that the metadata's
    signed_date was read from."""
    iso = ctx.analysis.metadata.signed_date
    sig = ctx.signature
    if sig.date and sig.date == iso:
        return sig.date_span
    return chrome_date(ctx, "signed", iso)


@dataclass(frozen=True, slots=True)
class Name:
    """An organisation's name, split where a comparison needs it: the most specific division
    (五通桥区) and the unit that follows it (城市管理局, or nothing for the government itself)."""

    division: str | None
    unit: str

    @classmethod
    def parse(cls, name: str) -> Name:
        name = _PARTY.sub("", name.strip())
        d = last_division_match(name)
        rest = _GOV.sub("", name[d.end :] if d else name).lstrip("区县市")
        unit = _UNIT.match(rest)
        return cls(d.division.name if d else None, unit.group(0) if unit else "")

    def same_as(self, other: Name) -> bool | None:
        """True or False where the two names can be compared, None where they cannot."""
        if self.division and other.division and self.division != other.division:
            return False
        if self.unit and other.unit:
            return self.unit.endswith(other.unit) or other.unit.endswith(self.unit)
        if self.division and other.division:
            return self.unit == other.unit
        return None


def head_name(s: str) -> str:
    """The name at the head of a title or opening sentence, where a report names who reports:
    the words before the first year, 关于 or 法治, and before the first verb
    (乐山市五通桥区人民政府关于… → 乐山市五通桥区人民政府, 2024年，南岸区坚持… → 南岸区)."""
    s = re.sub(r"^(?:(?:19|20)\d{2}\s*年(?:度|以来|来)?|一年来|过去一年)[，,\s]*", "", s.strip())
    m = _NAME_END.search(s)
    s = s[: m.start()] if m else s[:30]
    m = _NAME_STOP.search(s)
    return s[: m.start()] if m else s


def title_span(ctx: Context) -> Span | None:
    """Where the report's title line stands in the text (outside the page chrome)."""
    title = ctx.analysis.metadata.title
    if not title:
        return None
    pos = ctx.text.find(title)
    while pos >= 0 and any(b.start <= pos < b.end for b in ctx.analysis.boilerplate):
        pos = ctx.text.find(title, pos + 1)
    return Span(pos, pos + len(title)) if pos >= 0 else None


def opening(ctx: Context) -> Span | None:
    """The report's opening paragraph: the first one before its first part that is not the
    title (2024年，我区坚持……现将有关情况报告如下).
    """
    a = ctx.analysis
    starts = [p.start for p in a.parts] + [h.start for h in a.headings]
    end = min(starts, default=ctx.body_end)
    chrome = [(b.start, b.end) for b in a.boilerplate]
    for line in iter_paragraphs(ctx.text, chrome, end):
        if line.stripped != a.metadata.title:
            return Span(line.body_start, line.body_start + len(line.stripped))
    return None
