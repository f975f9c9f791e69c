"""What a report page shows beside the text: the outline as a tree, each verdict with the key of
its evidence, the score's parts as the rubric names them, copied passages with the report they
are shared with, and the marks that :mod:`fazhi.web.highlight` lays over the text."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import Connection

from fazhi.check import Rubric
from fazhi.extract.indicators import default_taxonomy
from fazhi.model import Analysis, Check, Heading
from fazhi.store.copies import stored_copies
from fazhi.web.highlight import Mark, render


@dataclass(frozen=True, slots=True)
class OutlineNode:
    index: int
    heading: Heading
    children: list[OutlineNode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Verdict:
    key: str  # "c3": the evidence marks' key
    check: Check


@dataclass(frozen=True, slots=True)
class ScorePart:
    name: str
    title: str
    points: float
    weight: float | None


@dataclass(frozen=True, slots=True)
class Copied:
    """A passage of this report that is also in another report."""

    key: str  # "p2": the text marks' key
    start: int
    end: int
    other_id: int
    other_entity: str | None
    other_year: int | None
    other_start: int
    other_end: int
    similarity: float
    relation: str  # "same_year" | "repeats_previous" | "repeated_next"


def outline(headings: list[Heading]) -> list[OutlineNode]:
    """Headings as a tree by level (a level-3 heading under the level-2 before it …)."""
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    for i, h in enumerate(headings):
        node = OutlineNode(i, h)
        while stack and stack[-1].heading.level >= h.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def verdicts(a: Analysis) -> list[Verdict]:
    return [Verdict(f"c{i}", c) for i, c in enumerate(a.checks)]


def score_parts(a: Analysis, lang: str) -> list[ScorePart]:
    if a.score is None:
        return []
    parts = {p.name: p for p in Rubric.default().parts}
    out = []
    for name, points in a.score.parts.items():
        part = parts.get(name)
        title = part.title_in(lang) if part else name
        out.append(ScorePart(name, title, points, part.weight if part else None))
    return out


def copies_of(conn: Connection, report_id: int) -> tuple[list[Copied], float | None]:
    """The copied passages of a report, each with the key of its marks, and the share of its
    text they make up (None when copy detection has not been run on the corpus)."""
    found = stored_copies(conn, report_id, with_text=False)
    copies = [
        Copied(
            f"p{i}",
            p.start,
            p.end,
            p.other,
            p.other_entity,
            p.other_year,
            p.other_start,
            p.other_end,
            p.similarity,
            p.relation,
        )
        for i, p in enumerate(found.passages)
    ]
    return copies, found.share


def marks(
    a: Analysis, copies: list[Copied], lang: str, hit: tuple[int, int] | None = None
) -> list[Mark]:
    taxonomy = default_taxonomy()
    out = [Mark(b.start, b.end, "chrome") for b in a.boilerplate]
    out += [Mark(h.start, h.end, "hd", f"h{i}") for i, h in enumerate(a.headings)]
    for f in a.facts:
        ind = taxonomy.get(f.indicator) if f.indicator else None
        name = (ind.name_en if lang == "en" else ind.name) if ind else ""
        attrs = (("value", f"{f.value:g}"), ("unit", f.unit), ("indicator", name))
        out.append(Mark(f.start, f.end, "fact", "", attrs))
    for v in verdicts(a):
        out += [Mark(e.start, e.end, "ev", v.key) for e in v.check.evidence]
    out += [Mark(c.start, c.end, "copy", c.key) for c in copies]
    if hit is not None:
        out.append(Mark(hit[0], hit[1], "hit", "hit"))
    return out


def text_html(
    a: Analysis, copies: list[Copied], lang: str, hit: tuple[int, int] | None = None
) -> Markup:
    return render(a.text, marks(a, copies, lang, hit))
