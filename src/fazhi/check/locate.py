"""Where in the text the things a verdict rests on are written: the dates, the title, the
opening and the names in them, as the parser recorded them (``analysis.provenance``), and the
comparison of two organisations' names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.check.context import Context
from fazhi.model import Span
from fazhi.parse.divisions import last_division_match

_GOV = re.compile(r"(人民政府|政府)$")
_PARTY = re.compile(r"^(中共|中国共产党)")
# The longest stretch after the division that ends as a unit's name does.
_UNIT = re.compile(
    r".*(街道办事处|办事处|街道|镇|乡|委员会|办公室|办公厅|管理局|服务中心|中心|局|厅|委|办|署|院|所|队)"
)


def mark(ctx: Context, key: str) -> Span | None:
    """The span the parser read ``key`` from (title, opening, signature, signed_date,
    publish_date, title_entity, opening_entity, closing), or None."""
    m = ctx.analysis.provenance.get(key)
    return Span(m.start, m.end) if m else None


def claimed_name(ctx: Context) -> tuple[str | None, Span | None]:
    """The name the report gives itself at the head of its title, else of its opening."""
    for key in ("title_entity", "opening_entity"):
        m = ctx.analysis.provenance.get(key)
        if m and m.value:
            return m.value, Span(m.start, m.end)
    return None, None


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
