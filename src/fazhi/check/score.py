"""The rubric: verdicts and measures turned into a 0–100 score with named parts.

Every point can be traced: a part's points come from the items it lists (a rule's verdict, or
a rule's measure scaled between two bounds), each with its weight in ``data/rubric.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.check.rules import RuleError, RuleSet, read_rule_file
from fazhi.data import layered_version, load_yaml
from fazhi.model import Check, Score


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a part scores: a rule's verdict (pass 1, fail or unknown 0, not applicable
    left out) or, with ``measure``, a rule's measure scaled linearly from ``low`` (0) to
    ``high`` (1)."""

    rule: str
    weight: float = 1.0
    measure: str | None = None
    low: float = 0.0
    high: float = 1.0

    def value(self, check: Check | None) -> float | None:
        if check is None or check.verdict == "not_applicable":
            return None
        if check.verdict == "unknown":
            return 0.0
        if self.measure is None:
            return 1.0 if check.verdict == "pass" else 0.0
        v = check.measures.get(self.measure)
        if not isinstance(v, int | float) or isinstance(v, bool):
            return 0.0
        return min(1.0, max(0.0, (v - self.low) / (self.high - self.low)))


@dataclass(frozen=True, slots=True)
class RubricPart:
    name: str
    title: Mapping[str, str]
    weight: float
    items: tuple[Item, ...]

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("zh") or self.name

    def share(self, by_rule: Mapping[str, Check]) -> float | None:
        """The part's share earned (0–1), or None when none of its items applies."""
        scored = [
            (i.weight, v) for i in self.items if (v := i.value(by_rule.get(i.rule))) is not None
        ]
        weight = sum(w for w, _ in scored)
        return sum(w * v for w, v in scored) / weight if weight else None


@dataclass(frozen=True, slots=True)
class Rubric:
    version: str
    parts: tuple[RubricPart, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> Rubric:
        """The parts of ``data``, with ``extra`` laid over them part by part: a part a user's
        file names takes the keys it gives (a new weight, a new item list), a new part is
        added."""
        raw = {str(k): dict(v) for k, v in (data.get("parts") or {}).items()}
        if extra:
            for name, over in (extra.get("parts") or {}).items():
                raw[str(name)] = {**raw.get(str(name), {}), **over}
        return cls(layered_version(data, extra), tuple(_part(n, d) for n, d in raw.items()))

    @classmethod
    def default(cls) -> Rubric:
        return _default_rubric()

    @classmethod
    def from_file(cls, path: str | Path) -> Rubric:
        return cls.from_data(read_rule_file(path))

    @classmethod
    def with_file(cls, path: str | Path) -> Rubric:
        return cls.from_data(load_yaml("rubric.yaml"), read_rule_file(path))

    def score(self, checks: Iterable[Check]) -> Score:
        """Each part's points out of its weight; the total out of 100 over the parts that
        apply (a part all of whose items are not applicable is left out, not given zero)."""
        by_rule = {c.rule: c for c in checks}
        points: dict[str, float] = {}
        weight = 0.0
        for part in self.parts:
            share = part.share(by_rule)
            if share is not None and part.weight > 0:
                points[part.name] = part.weight * share
                weight += part.weight
        total = sum(points.values()) * 100 / weight if weight else 0.0
        shown = {name: round(p, 1) for name, p in points.items()}
        return Score(total=round(total, 1), parts=shown, rubric=self.version)

    def unknown_rules(self, rules: RuleSet) -> list[str]:
        """Rule ids the rubric scores but the rule set does not have (a typo, or a rule the
        user removed): their items are left out of the score."""
        known = {r.id for r in rules.rules}
        return sorted({i.rule for p in self.parts for i in p.items if i.rule not in known})


@cache
def _default_rubric() -> Rubric:
    return Rubric.from_data(load_yaml("rubric.yaml"))


def _part(name: str, d: Mapping[str, Any]) -> RubricPart:
    try:
        weight = float(d.get("weight", 0))
        items = tuple(_item(i) for i in d.get("items") or [])
    except (TypeError, ValueError, KeyError) as exc:
        raise RuleError(
            f"评分表的 {name} 部分写法有误（{exc}）。"
            f"每项需要 rule，可选 weight、measure、low、high。 (bad rubric part {name})"
        ) from exc
    if weight < 0 or not items:
        raise RuleError(
            f"评分表的 {name} 部分需要非负的 weight 和至少一个 items 条目。"
            f" (part {name} needs a weight >= 0 and items)"
        )
    title = d.get("title") or {"zh": name}
    return RubricPart(name, {"zh": title} if isinstance(title, str) else dict(title), weight, items)


def _item(d: Mapping[str, Any]) -> Item:
    item = Item(
        rule=str(d["rule"]),
        weight=float(d.get("weight", 1)),
        measure=d.get("measure"),
        low=float(d.get("low", 0)),
        high=float(d.get("high", 1)),
    )
    if item.measure is not None and item.high <= item.low:
        raise ValueError(f"{item.rule}: high must be above low")
    return item
