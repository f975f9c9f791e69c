"""Map facts onto the core indicators of ``data/taxonomy.yaml`` (spec/indicators.md).

The taxonomy is data: a user extends it with a YAML file of their own, whose entries add new ids or
replace shipped ones with the same id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.data import layered_version, load_yaml, read_yaml_file
from fazhi.extract.subjects import FactContext
from fazhi.model import Fact


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    name_en: str
    unit: str
    aliases: tuple[str, ...]
    kinds: frozenset[str]
    units: frozenset[str]
    when: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    sentence: tuple[re.Pattern[str], ...]
    priority: int = 0

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Indicator:
        def pats(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p) for p in d.get(key, []))

        return cls(
            id=d["id"],
            name=d.get("name", d["id"]),
            name_en=d.get("name_en", d["id"]),
            unit=str(d.get("unit", "")),
            aliases=tuple(d.get("aliases", [])),
            kinds=frozenset(d.get("kinds", ["count"])),
            units=frozenset(str(u) for u in d.get("units", [])),
            when=pats("when"),
            unless=pats("unless"),
            sentence=pats("sentence"),
            priority=int(d.get("priority", 0)),
        )

    def matches(self, fact: Fact, ctx: FactContext) -> bool:
        if fact.kind not in self.kinds or (self.units and fact.unit not in self.units):
            return False
        focus = ctx.focus
        for p in self.when:
            if not p.search(focus):
                return False
        for p in self.unless:
            if p.search(focus):
                return False
        return all(p.search(ctx.sentence) for p in self.sentence)


@dataclass(frozen=True)
class Taxonomy:
    version: str
    indicators: tuple[Indicator, ...]
    areas: dict[str, dict[str, str]]
    # (kind, unit) → (a pattern that any of them needs, the indicators that could take such a
    # fact in priority order); filled lazily. Most facts map to nothing, and the one pattern
    # tells so without trying every rule.
    _index: dict[tuple[str, str], tuple[re.Pattern[str] | None, tuple[Indicator, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def from_data(cls, data: dict[str, Any], extra: dict[str, Any] | None = None) -> Taxonomy:
        entries = {d["id"]: d for d in data["indicators"]}
        areas = dict(data.get("areas", {}))
        if extra:
            entries.update({d["id"]: d for d in extra.get("indicators", [])})
            areas.update(extra.get("areas", {}))
        ordered = [Indicator.from_data(d) for d in entries.values()]
        ordered.sort(key=lambda i: -i.priority)  # stable: file order among equals
        return cls(version=layered_version(data, extra), indicators=tuple(ordered), areas=areas)

    @classmethod
    def with_file(cls, path: str | Path) -> Taxonomy:
        """The shipped taxonomy extended (or overridden, id by id) by a user's YAML file."""
        return cls.from_data(load_yaml("taxonomy.yaml"), read_yaml_file(path))

    def get(self, ident: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == ident), None)

    def map(self, fact: Fact, ctx: FactContext) -> str | None:
        key = (fact.kind, fact.unit)
        if key not in self._index:
            self._index[key] = self._candidates(fact.kind, fact.unit)
        gate, candidates = self._index[key]
        if gate is not None and not gate.search(ctx.focus):
            return None
        for ind in candidates:
            if ind.matches(fact, ctx):
                return ind.id
        return None

    def _candidates(
        self, kind: str, unit: str
    ) -> tuple[re.Pattern[str] | None, tuple[Indicator, ...]]:
        found = tuple(
            i for i in self.indicators if kind in i.kinds and (not i.units or unit in i.units)
        )
        if not found or any(not i.when for i in found):
            return None, found
        return re.compile("|".join(f"(?:{i.when[0].pattern})" for i in found)), found


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.from_data(load_yaml("taxonomy.yaml"))


@cache
def _taxonomy_file(path: str) -> Taxonomy:
    return Taxonomy.with_file(path)


def resolve_taxonomy(spec: Taxonomy | str | Path | None) -> Taxonomy:
    """A taxonomy from what a caller gave: None (the shipped one), a loaded one, or the path of a
    user's extension file (read once per process, so batch workers can be handed a path)."""
    if spec is None:
        return default_taxonomy()
    if isinstance(spec, Taxonomy):
        return spec
    return _taxonomy_file(str(Path(spec).resolve()))
