"""Indicator tables over the corpus, a unit's indicators over the years, and the check of the
changes reports state against the figures of the unit's two reports.

All three are SQL over the stored facts (fazhi.store): only the facts asked for are read, and the
text of a report is opened only to show the sentence of a cell. What a cell shows when a report
gives several figures for one indicator, and how much rounding a stated change may carry, are
data (``data/compare.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, func, select

from fazhi.data import load_yaml
from fazhi.store.records import load_text
from fazhi.store.schema import facts, reports, text_blob, with_document


@dataclass(frozen=True, slots=True)
class FactRef:
    """One stated figure and where it stands in its report."""

    report_id: int
    value: float
    unit: str
    qualifier: str
    text: str
    subject: str | None
    start: int
    end: int
    sent_start: int | None
    sent_end: int | None
    kind: str = "count"
    seq: int = 0
    sentence: str | None = None


@dataclass(slots=True)
class Cell:
    """What a table shows for one report and indicator: the chosen figure (with its sentence as
    the tooltip) and the report's other figures for the same indicator."""

    fact: FactRef
    others: list[FactRef] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.fact.value


@dataclass(slots=True)
class Row:
    report_id: int
    entity: str | None
    level: str | None
    year: int | None
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(slots=True)
class IndicatorTable:
    """Rows are reports (one per entity and year), columns indicators."""

    indicators: list[str]
    rows: list[Row]
    total_rows: int = 0


@dataclass(frozen=True, slots=True)
class Change:
    year: int
    value: float | None
    previous: float | None
    absolute: float | None
    percent: float | None


@dataclass(slots=True)
class UnitTable:
    """One entity's indicators (rows) over its report years (columns), with the change from
    each year to the next."""

    entity: str
    years: list[int]
    indicators: list[str]
    cells: dict[tuple[str, int], Cell]
    changes: dict[tuple[str, int], Change]


@dataclass(frozen=True, slots=True)
class StatedChange:
    """A change a report states over the previous year, checked against the two reports."""

    report_id: int
    entity: str | None
    year: int
    indicator: str
    stated: FactRef  # the change (同比增长295%)
    base: FactRef  # the figure it is a change of (新收行政复议案件365件)
    previous: FactRef | None  # the same indicator in the unit's report of the year before
    computed: float | None  # the change from the two figures, in the stated change's unit
    verdict: str  # "consistent" | "mismatch" | "unknown"
    reason: str


@cache
def settings() -> dict[str, Any]:
    return load_yaml("compare.yaml")


def _fact_ref(row: Any) -> FactRef:
    return FactRef(
        row.report_id,
        row.value,
        row.unit,
        row.qualifier,
        row.text,
        row.subject,
        row.start,
        row.end,
        row.sent_start,
        row.sent_end,
        row.kind,
        row.seq,
    )


_FACT_COLS = (
    facts.c.report_id,
    facts.c.indicator,
    facts.c.value,
    facts.c.unit,
    facts.c.qualifier,
    facts.c.text,
    facts.c.subject,
    facts.c.start,
    facts.c.end,
    facts.c.sent_start,
    facts.c.sent_end,
    facts.c.kind,
    facts.c.seq,
)


def choose(refs: Sequence[FactRef]) -> Cell:
    """The figure a cell shows among a report's figures for one indicator (see compare.yaml)."""
    rule = settings()["cell"]
    how = rule["by_kind"].get(refs[0].kind, rule["default"])
    ordered = sorted(refs, key=lambda r: r.seq)
    chosen = max(ordered, key=lambda r: r.value) if how == "largest" else ordered[0]
    return Cell(chosen, [r for r in ordered if r is not chosen])


def latest_reports(
    conn: Connection, level: str | None, year: int | None, entity: str | None
) -> dict[int, tuple[str | None, str | None, int | None]]:
    """Current reports matching the filters, one per (entity, year): the most recent."""
    conds = []
    if level:
        conds.append(reports.c.level == level)
    if year is not None:
        conds.append(reports.c.report_year == year)
    if entity:
        conds.append(reports.c.entity == entity)
    return _latest(conn, *conds)


def _latest(conn: Connection, *conds: Any) -> dict[int, tuple[str | None, str | None, int | None]]:
    """id → (entity, level, year) of the most recent current report of each (entity, year)
    among those the conditions select."""
    latest = (
        select(func.max(reports.c.id))
        .where(reports.c.current.is_(True), *conds)
        .group_by(reports.c.entity, reports.c.report_year)
    )
    rows = conn.execute(
        select(reports.c.id, reports.c.entity, reports.c.level, reports.c.report_year).where(
            reports.c.id.in_(latest)
        )
    )
    return {r.id: (r.entity, r.level, r.report_year) for r in rows}


def indicator_table(
    conn: Connection,
    indicators: Sequence[str],
    *,
    level: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    sentences: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> IndicatorTable:
    """Entities (rows, those with a figure for at least one of ``indicators``) × indicators."""
    chosen = latest_reports(conn, level, year, entity)
    by_report: dict[int, dict[str, list[FactRef]]] = {}
    query = select(*_FACT_COLS).where(facts.c.indicator.in_(list(indicators)))
    for row in conn.execute(query.where(facts.c.report_id.in_(sorted(chosen)))):
        by_report.setdefault(row.report_id, {}).setdefault(row.indicator, []).append(_fact_ref(row))
    rows = [
        Row(rid, *chosen[rid], cells={ind: choose(refs) for ind, refs in inds.items()})
        for rid, inds in by_report.items()
    ]
    rows.sort(key=lambda r: (-(r.year or 0), r.entity or ""))
    page = rows[offset : offset + limit if limit is not None else None]
    if sentences:
        attach_sentences(conn, [c for r in page for c in r.cells.values()])
    return IndicatorTable(list(indicators), page, len(rows))


def attach_sentences(conn: Connection, cells: Iterable[Cell]) -> None:
    """Fill in each figure's sentence (the tooltip) from its report's text."""
    cells = list(cells)
    ids = sorted({c.fact.report_id for c in cells})
    texts: dict[int, str] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        q = select(reports.c.id, text_blob()).select_from(with_document())
        for rid, blob in conn.execute(q.where(reports.c.id.in_(chunk))):
            texts[rid] = load_text(blob)
    for c in cells:
        c.fact = _with_sentence(c.fact, texts)
        c.others = [_with_sentence(o, texts) for o in c.others]


def _with_sentence(f: FactRef, texts: dict[int, str]) -> FactRef:
    text = texts.get(f.report_id)
    if text is None:
        return f
    s, e = (f.sent_start, f.sent_end) if f.sent_start is not None else (f.start, f.end)
    return replace(f, sentence=text[s:e].strip())


# --- one unit over the years --------------------------------------------------------------------


def unit_table(
    conn: Connection,
    entity: str,
    *,
    years: Sequence[int] | None = None,
    indicators: Sequence[str] | None = None,
    sentences: bool = True,
) -> UnitTable:
    chosen = latest_reports(conn, None, None, entity)
    if years is not None:
        chosen = {k: v for k, v in chosen.items() if v[2] in set(years)}
    year_of = {rid: v[2] for rid, v in chosen.items() if v[2] is not None}
    query = select(*_FACT_COLS).where(
        facts.c.report_id.in_(sorted(year_of)), facts.c.indicator.is_not(None)
    )
    if indicators:
        query = query.where(facts.c.indicator.in_(list(indicators)))
    grouped: dict[tuple[str, int], list[FactRef]] = {}
    for row in conn.execute(query):
        grouped.setdefault((row.indicator, year_of[row.report_id]), []).append(_fact_ref(row))
    cells = {k: choose(v) for k, v in grouped.items()}
    if sentences:
        attach_sentences(conn, cells.values())
    all_years = sorted(set(year_of.values()))
    inds = sorted({k[0] for k in cells}) if not indicators else list(indicators)
    return UnitTable(entity, all_years, inds, cells, _changes(cells, inds, all_years))


def _changes(
    cells: dict[tuple[str, int], Cell], indicators: list[str], years: list[int]
) -> dict[tuple[str, int], Change]:
    out = {}
    for ind in indicators:
        for prev, year in pairwise(years):
            a, b = cells.get((ind, prev)), cells.get((ind, year))
            if a is None or b is None:
                continue
            diff = b.value - a.value
            pct = diff / a.value * 100 if a.value else None
            out[(ind, year)] = Change(year, b.value, a.value, diff, pct)
    return out


# --- stated changes -----------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.(\d+))?")
_APPROXIMATE = ("about", "nearly")


def rounding(f: FactRef) -> float:
    """Half a unit of the last digit the report wrote (365件 → 0.5; 1.25万件 → 50)."""
    m = _NUMBER.search(f.text)
    if not m:
        return 0.5
    shown = float(m.group(0))
    scale = f.value / shown if shown else 1.0
    decimals = len(m.group(1) or "")
    return 0.5 * 10**-decimals * scale


def stated_changes(
    conn: Connection, *, entity: str | None = None, year: int | None = None
) -> list[StatedChange]:
    """Every year-over-year change stated in current reports next to a figure with an
    indicator, checked against the same indicator in the unit's report of the year before."""
    found = [p for p in _change_pairs(conn, entity, year) if _year_over_year(p[3], p[2])]
    previous = _previous_facts(conn, {(e, y - 1) for _, e, y, _, _, _ in found if e})
    out = []
    for rid, ent, yr, change, base, indicator in found:
        prev = _best_previous(previous.get((ent, yr - 1, indicator), []), base)
        out.append(_check(rid, ent, yr, indicator, change, base, prev))
    return out


def _change_pairs(
    conn: Connection, entity: str | None, year: int | None
) -> list[tuple[int, str | None, int, FactRef, FactRef, str]]:
    """(report, entity, year, change, the figure with an indicator just before the change in
    its sentence, that indicator): 新收行政复议案件365件，同比增长295%."""
    conds = [reports.c.current.is_(True), facts.c.kind == "change"]
    if entity:
        conds.append(reports.c.entity == entity)
    if year is not None:
        conds.append(reports.c.report_year == year)
    changes = conn.execute(
        select(*_FACT_COLS, reports.c.entity, reports.c.report_year)
        .join(reports, reports.c.id == facts.c.report_id)
        .where(*conds)
    ).all()
    if not changes:
        return []
    sentences = {(c.report_id, c.sent_start) for c in changes}
    bases: dict[tuple[int, int], list[Any]] = {}
    base_rows = conn.execute(
        select(*_FACT_COLS).where(
            facts.c.report_id.in_(sorted({r for r, _ in sentences})),
            facts.c.indicator.is_not(None),
        )
    )
    for b in base_rows:
        if (b.report_id, b.sent_start) in sentences:
            bases.setdefault((b.report_id, b.sent_start), []).append(b)
    out = []
    for c in changes:
        before = [b for b in bases.get((c.report_id, c.sent_start), []) if b.seq < c.seq]
        if before and c.report_year is not None:
            b = max(before, key=lambda r: r.seq)
            out.append(
                (c.report_id, c.entity, c.report_year, _fact_ref(c), _fact_ref(b), b.indicator)
            )
    return out


def _previous_facts(
    conn: Connection, keys: set[tuple[str | None, int]]
) -> dict[tuple[str | None, int, str], list[FactRef]]:
    if not keys:
        return {}
    entities = sorted({e for e, _ in keys if e})
    years = sorted({y for _, y in keys})
    out: dict[tuple[str | None, int, str], list[FactRef]] = {}
    for chunk in (entities[i : i + 500] for i in range(0, len(entities), 500)):
        chosen = {
            rid: (ent, yr)
            for rid, (ent, _, yr) in _latest(
                conn, reports.c.entity.in_(chunk), reports.c.report_year.in_(years)
            ).items()
        }
        rows = conn.execute(
            select(*_FACT_COLS).where(
                facts.c.report_id.in_(sorted(chosen)), facts.c.indicator.is_not(None)
            )
        )
        for r in rows:
            ent, yr = chosen[r.report_id]
            if (ent, yr) in keys:
                out.setdefault((ent, yr, r.indicator), []).append(_fact_ref(r))
    return out


def _year_over_year(change: FactRef, year: int) -> bool:
    pattern = settings()["changes"]["year_over_year"].replace("{prev}", str(year - 1))
    return bool(re.search(pattern, change.subject or ""))


def _best_previous(cands: list[FactRef], base: FactRef) -> FactRef | None:
    """The previous year's figure most like the base one: same unit, most similar subject."""
    same_unit = [c for c in cands if c.unit == base.unit] or cands
    if not same_unit:
        return None
    return max(same_unit, key=lambda c: (_similarity(c.subject, base.subject), -c.seq))


def _similarity(a: str | None, b: str | None) -> float:
    ga = {a[i : i + 2] for i in range(len(a or "") - 1)} if a else set()
    gb = {b[i : i + 2] for i in range(len(b or "") - 1)} if b else set()
    return len(ga & gb) / len(ga | gb) if ga | gb else 0.0


def _check(
    rid: int,
    entity: str | None,
    year: int,
    indicator: str,
    change: FactRef,
    base: FactRef,
    prev: FactRef | None,
) -> StatedChange:
    def result(computed: float | None, verdict: str, reason: str) -> StatedChange:
        return StatedChange(
            rid, entity, year, indicator, change, base, prev, computed, verdict, reason
        )

    if prev is None:
        return result(None, "unknown", "no_previous")
    qualifiers = {f.qualifier for f in (change, base, prev)}
    if not qualifiers <= {"exact", *_APPROXIMATE} or prev.value <= 0:
        return result(None, "unknown", "bound")  # 超过/不足: only one side of the figure is known
    cfg = settings()["changes"]
    slack = float(cfg["approximate_slack_points" if qualifiers - {"exact"} else "slack_points"])
    sign = -1.0 if re.search(settings()["changes"]["decrease"], change.subject or "") else 1.0
    stated = sign * change.value
    if change.unit == "%":
        lo, hi = _percent_range(base, prev)
        computed = (base.value - prev.value) / prev.value * 100
    elif change.unit == "个百分点":
        lo = (base.value - rounding(base)) - (prev.value + rounding(prev))
        hi = (base.value + rounding(base)) - (prev.value - rounding(prev))
        computed = base.value - prev.value
    else:
        return result(None, "unknown", "unit")
    slack += rounding(change)
    ok = lo - slack <= stated <= hi + slack
    return result(computed, "consistent" if ok else "mismatch", "")


def _percent_range(base: FactRef, prev: FactRef) -> tuple[float, float]:
    """The smallest and largest percentage change the two rounded figures allow."""
    b_lo, b_hi = base.value - rounding(base), base.value + rounding(base)
    p_lo, p_hi = max(prev.value - rounding(prev), 1e-9), prev.value + rounding(prev)
    return (b_lo - p_hi) / p_hi * 100, (b_hi - p_lo) / p_lo * 100


__all__ = [
    "Cell",
    "Change",
    "FactRef",
    "IndicatorTable",
    "Row",
    "StatedChange",
    "UnitTable",
    "indicator_table",
    "stated_changes",
    "unit_table",
]
