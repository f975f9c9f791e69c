"""Measure analyses against hand-made gold files (``spec/annotation.md``, "Scoring").

Headings match on level and start; sections and metadata field by field; a found fact matches a
gold fact when their spans overlap and value and unit are equal, and a found fact that overlaps an
optional gold fact counts neither way. Boilerplate is compared character by character.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi.model import Analysis, Fact

META_FIELDS = ("title", "entity", "level", "report_year", "signed_date", "publish_date")
SECTION_FIELDS = (
    "achievements",
    "responsibility",
    "shortcomings",
    "shortcoming_causes",
    "next_year",
)


@dataclass
class Tally:
    """Counts that add up across reports; ratios are computed at the end."""

    counts: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def ratio(self, hit: str, total: str) -> float | None:
        t = self.counts[total]
        return self.counts[hit] / t if t else None

    def prf(self, name: str) -> tuple[float, float, float]:
        tp, fp, fn = (self.counts[f"{name}.{k}"] for k in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def gold_files(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(gold_dir.glob("*.json"))]


def score_report(a: Analysis, gold: dict[str, Any], tally: Tally, name: str) -> None:
    _metadata(a, gold, tally, name)
    _headings(a, gold, tally, name)
    _sections(a, gold, tally, name)
    _boilerplate(a, gold, tally, name)
    if "facts" in gold:
        score_facts(a.facts, gold, tally, name)


def _metadata(a: Analysis, gold: dict[str, Any], t: Tally, name: str) -> None:
    for f in META_FIELDS:
        want, got = gold["metadata"].get(f), getattr(a.metadata, f)
        t.add(f"meta.{f}.total")
        if want == got:
            t.add(f"meta.{f}.ok")
        else:
            t.misses.append(f"{name} metadata.{f}: found {got!r}, gold {want!r}")


def _headings(a: Analysis, gold: dict[str, Any], t: Tally, name: str) -> None:
    found = {(h.level, h.start): h for h in a.headings}
    want = {(h["level"], h["start"]): h for h in gold["headings"]}
    for key, h in want.items():
        if key in found:
            t.add("headings.tp")
        else:
            t.add("headings.fn")
            t.misses.append(
                f"{name} heading missed: L{h['level']} @{h['start']} {h['marker']}{h['text']}"
            )
    for key, h in found.items():
        if key not in want:
            t.add("headings.fp")
            t.misses.append(f"{name} heading extra: L{h.level} @{h.start} {h.marker}{h.text}")


def _sections(a: Analysis, gold: dict[str, Any], t: Tally, name: str) -> None:
    for f in SECTION_FIELDS:
        t.add("sections.total")
        got, want = getattr(a.sections, f), gold["sections"][f]
        if got == want:
            t.add("sections.ok")
        else:
            t.misses.append(f"{name} sections.{f}: found {got}, gold {want}")
    found = {h.start: h.section for h in a.headings if h.level == 1}
    for h in gold["headings"]:
        if h["level"] == 1 and "section" in h:
            t.add("heading_sections.total")
            if found.get(h["start"]) == h["section"]:
                t.add("heading_sections.ok")
            else:
                got = found.get(h["start"])
                t.misses.append(
                    f"{name} section of 「{h['text']}」: found {got}, gold {h['section']}"
                )


def _chars(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _boilerplate(a: Analysis, gold: dict[str, Any], t: Tally, name: str) -> None:
    got = _chars([(b.start, b.end) for b in a.boilerplate])
    want = _chars([(b["start"], b["end"]) for b in gold["boilerplate"]])
    t.add("boilerplate.inter", len(got & want))
    t.add("boilerplate.union", len(got | want))
    if got != want:
        t.misses.append(
            f"{name} boilerplate: {len(got - want)} chars extra, {len(want - got)} chars missed"
        )


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def score_facts(found: list[Fact], gold: dict[str, Any], t: Tally, name: str) -> None:
    """The spec's matcher: spans overlap, value and unit equal; optional gold counts neither way."""
    golds = gold["facts"]
    used: set[int] = set()
    for f in found:
        match = next(
            (
                i
                for i, g in enumerate(golds)
                if i not in used
                and not g.get("optional")
                and f.start < g["end"]
                and g["start"] < f.end
                and _same_value(f.value, g["value"])
                and f.unit == g["unit"]
            ),
            None,
        )
        if match is not None:
            used.add(match)
            _matched_fact(f, golds[match], t, name)
        elif any(g.get("optional") and f.start < g["end"] and g["start"] < f.end for g in golds):
            continue
        else:
            t.add("facts.fp")
            t.misses.append(
                f"{name} fact extra: {f.text!r} @{f.start} = {f.value} {f.unit} ({f.subject})"
            )
    for i, g in enumerate(golds):
        if i not in used and not g.get("optional"):
            t.add("facts.fn")
            what = f"{g['text']!r} @{g['start']} = {g['value']} {g['unit']}"
            t.misses.append(f"{name} fact missed: {what} ({g['subject']})")


def _matched_fact(f: Fact, g: dict[str, Any], t: Tally, name: str) -> None:
    t.add("facts.tp")
    for attr in ("qualifier", "kind", "indicator"):
        if getattr(f, attr) == g.get(attr):
            t.add(f"facts.{attr}.ok")
        else:
            got, want = getattr(f, attr), g.get(attr)
            t.misses.append(f"{name} fact {f.text!r} @{f.start} {attr}: found {got}, gold {want}")


def summary(t: Tally) -> dict[str, Any]:
    """Every figure `fazhi eval` prints, as plain data."""
    out: dict[str, Any] = {
        f"metadata.{f}": t.ratio(f"meta.{f}.ok", f"meta.{f}.total") for f in META_FIELDS
    }
    out["headings.precision"], out["headings.recall"], out["headings.f1"] = t.prf("headings")
    out["sections.accuracy"] = t.ratio("sections.ok", "sections.total")
    out["heading_sections.accuracy"] = t.ratio("heading_sections.ok", "heading_sections.total")
    out["boilerplate.overlap"] = (
        t.counts["boilerplate.inter"] / t.counts["boilerplate.union"]
        if t.counts["boilerplate.union"]
        else 1.0
    )
    if t.counts["facts.tp"] + t.counts["facts.fp"] + t.counts["facts.fn"]:
        out["facts.precision"], out["facts.recall"], out["facts.f1"] = t.prf("facts")
        matched = t.counts["facts.tp"]
        for attr in ("qualifier", "kind", "indicator"):
            out[f"facts.{attr}_accuracy"] = (
                t.counts[f"facts.{attr}.ok"] / matched if matched else None
            )
    return out
