"""The supervising office's dashboard: how a set of reports does, at a glance.

For the reports a filter selects (year, level, region, parent government): how many there are,
how many were published on time or late, how many lack each required part, how scores are
spread, which units do worst and best, every unit ranked, and the core indicators added up.
Everything is computed from the in-memory frame (:mod:`fazhi.web.frame`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from fazhi.extract.indicators import default_taxonomy
from fazhi.web.frame import PART_RULES, Frame, Row

BUCKETS = 10  # score histogram: 0–10, 10–20, … 90–100
EXTREMES = 10  # units shown as weakest and strongest


@dataclass(frozen=True, slots=True)
class Filters:
    year: int | None = None
    level: str | None = None
    region: str | None = None
    parent: str | None = None

    def admits(self, row: Row) -> bool:
        return (
            (self.year is None or row.year == self.year)
            and (self.level is None or row.level == self.level)
            and (self.region is None or row.region == self.region)
            and (self.parent is None or row.parent == self.parent)
        )


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    report_id: int
    entity: str | None
    level: str | None
    year: int | None
    score: float | None


@dataclass(frozen=True, slots=True)
class MissingPart:
    rule: str
    title: str
    reports: int


@dataclass(frozen=True, slots=True)
class IndicatorTotal:
    indicator: str
    name: str
    name_en: str
    area: str
    unit: str
    reports: int  # reports that give a figure for it
    total: float | None  # counts and amounts: the sum of each report's figure
    mean: float | None  # rates: the mean of each report's figure


@dataclass(frozen=True, slots=True)
class Options:
    """The values each filter can take in this corpus (for the filter form)."""

    years: list[int]
    levels: list[str]
    regions: list[str]
    parents: list[str]


@dataclass(frozen=True, slots=True)
class Dashboard:
    filters: Filters
    reports: int
    units: int
    by_level: dict[str, int]
    on_time: int
    late: int
    timeliness_unknown: int
    missing_parts: list[MissingPart]
    scored: int
    score_mean: float | None
    score_median: float | None
    histogram: list[int]  # BUCKETS counts of reports by score
    weakest: list[Ranked]
    strongest: list[Ranked]
    ranking: list[Ranked]  # every unit, by its latest report in the selection, best first
    indicators: list[IndicatorTotal]


def options(frame: Frame, top_parents: int = 300) -> Options:
    """Filter values present in the corpus; parents are the most frequent few hundred."""
    parents = Counter(r.parent for r in frame.rows if r.parent)
    return Options(
        years=sorted({r.year for r in frame.rows if r.year is not None}, reverse=True),
        levels=sorted({r.level for r in frame.rows if r.level}),
        regions=sorted({r.region for r in frame.rows if r.region}),
        parents=sorted(p for p, _ in parents.most_common(top_parents)),
    )


def selected(frame: Frame, filters: Filters) -> list[Row]:
    return [r for r in frame.rows if filters.admits(r)]


def ranking(rows: list[Row]) -> list[Ranked]:
    """Each unit once, by its latest report among ``rows``; scored units best first (ties by
    name), then units without a score."""
    latest: dict[str, Row] = {}
    for r in rows:
        key = r.entity or f"#{r.id}"
        seen = latest.get(key)
        if seen is None or (r.year or 0, r.id) > (seen.year or 0, seen.id):
            latest[key] = r
    order = sorted(
        latest.values(),
        key=lambda r: (r.score is None, -(r.score or 0.0), r.entity or "", r.id),
    )
    return [Ranked(i + 1, r.id, r.entity, r.level, r.year, r.score) for i, r in enumerate(order)]


def histogram(scores: list[float]) -> list[int]:
    counts = [0] * BUCKETS
    for s in scores:
        counts[min(BUCKETS - 1, max(0, int(s // (100 / BUCKETS))))] += 1
    return counts


def indicator_totals(frame: Frame, ids: set[int]) -> list[IndicatorTotal]:
    """Each core indicator over the selected reports: how many give it, and their figures
    added up (counts, amounts) or averaged (rates), in the taxonomy's order."""
    out = []
    for ind in default_taxonomy().indicators:
        per_report = frame.values.get(ind.id, {})
        values = [v.value for rid, v in per_report.items() if rid in ids]
        if not values:
            continue
        is_rate = ind.unit == "%"
        out.append(
            IndicatorTotal(
                ind.id,
                ind.name,
                ind.name_en,
                ind.area,
                ind.unit,
                len(values),
                None if is_rate else sum(values),
                round(statistics.fmean(values), 2) if is_rate else None,
            )
        )
    return out


def build(frame: Frame, filters: Filters) -> Dashboard:
    rows = selected(frame, filters)
    ids = {r.id for r in rows}
    scores = [r.score for r in rows if r.score is not None]
    timely = Counter(r.timeliness for r in rows)
    missing = Counter(rule for r in rows for rule in r.missing)
    ranked = ranking(rows)
    scored = [r for r in ranked if r.score is not None]
    # The two lists never overlap: with few units, each takes at most half of them.
    n_strong, n_weak = min(EXTREMES, (len(scored) + 1) // 2), min(EXTREMES, len(scored) // 2)
    return Dashboard(
        filters=filters,
        reports=len(rows),
        units=len(ranked),
        by_level=dict(Counter(r.level or "unknown" for r in rows).most_common()),
        on_time=timely["on_time"],
        late=timely["late"],
        timeliness_unknown=timely["unknown"],
        missing_parts=[
            MissingPart(rule, frame.part_titles.get(rule, rule), missing[rule])
            for rule in PART_RULES
        ],
        scored=len(scores),
        score_mean=round(statistics.fmean(scores), 1) if scores else None,
        score_median=round(statistics.median(scores), 1) if scores else None,
        histogram=histogram(scores),
        weakest=list(reversed(scored[len(scored) - n_weak :])),
        strongest=scored[:n_strong],
        ranking=ranked,
        indicators=indicator_totals(frame, ids),
    )
