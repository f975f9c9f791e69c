"""The analysis of one report and everything in it.

Every extracted thing carries ``start``/``end`` character offsets into ``Analysis.text`` so a
verdict or a number can always be shown highlighted in its sentence (like spaCy's ``Doc``).
The JSON form (``Analysis.to_dict``) is the contract of ``spec/output.md``: fields may be added,
never renamed or dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal, get_args

SCHEMA = "fazhi.analysis/1"

Level = Literal["province", "city", "county_district", "township", "department"]
LEVELS: tuple[str, ...] = get_args(Level)
SectionName = Literal["achievements", "responsibility", "shortcomings", "next_year", "other"]
REQUIRED_PARTS: tuple[str, ...] = ("achievements", "responsibility", "shortcomings", "next_year")


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Mark:
    """Where the text states something the analysis reports: a title, a signature, a date.
    ``value`` is what was read there (the name, the ISO date), when it differs from the words."""

    start: int
    end: int
    value: str | None = None


@dataclass(slots=True)
class Source:
    path: str | None
    sha256: str
    format: str
    encoding: str | None
    # What the publishing web page itself shows (标题, 发布机构, 发布日期 …), keyed in Chinese.
    page: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    entity: str | None = None
    level: str | None = None
    report_year: int | None = None
    signed_date: str | None = None
    publish_date: str | None = None


@dataclass(slots=True)
class Heading:
    level: int
    marker: str
    text: str
    start: int
    end: int
    section: str | None = None


@dataclass(slots=True)
class Part:
    """A stretch of the report that one required part occupies (a level-1 section or,
    where a report has no such headings, the paragraphs a reader would assign to it)."""

    section: str
    start: int
    end: int
    heading: int | None = None  # index into Analysis.headings of the heading that opens it


@dataclass(slots=True)
class Sections:
    achievements: bool = False
    responsibility: bool = False
    shortcomings: bool = False
    shortcoming_causes: bool = False
    next_year: bool = False


@dataclass(slots=True)
class Fact:
    start: int
    end: int
    text: str
    value: float | int
    unit: str
    qualifier: str
    kind: str
    subject: str | None = None
    indicator: str | None = None
    section: str | None = None
    sentence: Span | None = None


@dataclass(slots=True)
class Check:
    rule: str
    verdict: Literal["pass", "fail", "not_applicable", "unknown"]
    message: str
    basis: str | None = None
    evidence: list[Span] = field(default_factory=list)
    title: str | None = None
    measures: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Score:
    total: float
    parts: dict[str, float]
    rubric: str | None = None


@dataclass(slots=True)
class Analysis:
    source: Source
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    boilerplate: list[Span] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    sections: Sections = field(default_factory=Sections)
    facts: list[Fact] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    score: Score | None = None
    errors: list[str] = field(default_factory=list)
    # where each metadata value was read: title, title_entity, opening, opening_entity,
    # signature, signed_date, publish_date, closing (a value read from page metadata has none)
    provenance: dict[str, Mark] = field(default_factory=dict)
    schema: str = SCHEMA

    @property
    def ok(self) -> bool:
        return not self.errors

    def part_at(self, offset: int) -> str | None:
        """The required part an offset falls in, or None outside all of them (preamble, chrome)."""
        for part in self.parts:
            if part.start <= offset < part.end:
                return part.section
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, schema first. Built by :func:`plain` rather than
        ``dataclasses.asdict``, whose deep copies made it the costliest step of storing a report."""
        data = plain(self)
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from its JSON form (as kept whole in the store)."""
        facts = []
        for f in data.get("facts", []):
            f = dict(f)
            sent = f.pop("sentence", None)
            facts.append(Fact(**f, sentence=Span(**sent) if sent else None))
        checks = []
        for c in data.get("checks", []):
            c = dict(c)
            ev = [Span(**e) for e in c.pop("evidence", [])]
            checks.append(Check(**c, evidence=ev))
        score = data.get("score")
        return cls(
            schema=data.get("schema", SCHEMA),
            source=Source(**data["source"]),
            text=data["text"],
            metadata=Metadata(**data.get("metadata", {})),
            boilerplate=[Span(**b) for b in data.get("boilerplate", [])],
            headings=[Heading(**h) for h in data.get("headings", [])],
            parts=[Part(**p) for p in data.get("parts", [])],
            sections=Sections(**data.get("sections", {})),
            facts=facts,
            checks=checks,
            score=Score(**score) if score else None,
            errors=list(data.get("errors", [])),
            provenance={k: Mark(**v) for k, v in data.get("provenance", {}).items()},
        )


_LEAVES = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(obj: Any) -> Any:
    """What ``dataclasses.asdict`` gives, without its deep copies: dataclasses become dicts
    (field order kept), lists and tuples lists, and leaves are not visited one call each."""
    cls = type(obj)
    if cls in _LEAVES:
        return obj
    names = _FIELDS.get(cls)
    if names is None and is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELDS[cls] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {n: _plain_value(getattr(obj, n)) for n in names}
    if isinstance(obj, list | tuple):
        return [_plain_value(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain_value(v) for k, v in obj.items()}
    return obj


def _plain_value(v: Any) -> Any:
    return v if type(v) in _LEAVES else plain(v)
