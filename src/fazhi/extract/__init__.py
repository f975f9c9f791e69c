"""Facts: every quantity a report states, with its subject, indicator, part and sentence."""

from __future__ import annotations

from fazhi.extract.facts import FactRules, find_facts
from fazhi.extract.indicators import Taxonomy, resolve_taxonomy
from fazhi.extract.subjects import attach_subjects
from fazhi.model import Fact
from fazhi.parse.text import Geometry


def extract_facts(
    text: str,
    skip: list[tuple[int, int]] | None = None,
    rules: FactRules | None = None,
    taxonomy: Taxonomy | str | None = None,
) -> list[Fact]:
    """Find the facts, say what each counts, and map each to a core indicator (or none)."""
    geo = Geometry(text)
    facts = find_facts(text, skip, rules, geo)
    tax = resolve_taxonomy(taxonomy)
    for fact, ctx in zip(facts, attach_subjects(text, facts, geo), strict=True):
        fact.indicator = None if ctx.part_of_whole else tax.map(fact, ctx)
    return facts


__all__ = ["Taxonomy", "extract_facts"]
