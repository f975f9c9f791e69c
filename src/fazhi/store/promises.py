"""Promises kept, over the corpus: each unit's plan for year N+1 (in its report for year N)
against the achievements in its report for year N+1.

The matching is :func:`fazhi.compare.promises.match_promises`; here the pairs of reports are
found (one current report per unit and year, the latest stored) and their analyses loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from fazhi.compare.promises import PromiseReport, match_promises
from fazhi.compare.table import latest_reports
from fazhi.model import Analysis
from fazhi.store.records import load_analysis
from fazhi.store.schema import reports, text_blob, with_document


@dataclass(frozen=True, slots=True)
class PromisePair:
    """One unit's plan (report ``plan_report`` on ``plan_year``) against its next report;
    ``evidence`` holds, item by item, the passage of the later report that takes it up."""

    entity: str
    plan_year: int
    plan_report: int
    later_report: int
    report: PromiseReport
    evidence: list[str | None]


def unit_pairs(
    conn: Connection, *, entity: str | None = None, year: int | None = None
) -> list[tuple[str, int, int, int]]:
    """(entity, plan year, plan report, later report) for every unit with reports for two
    consecutive years (``year``: the plan year only)."""
    chosen = latest_reports(conn, None, None, entity)
    by_unit = {(ent, yr): rid for rid, (ent, _, yr) in chosen.items() if ent and yr is not None}
    pairs = [
        (ent, yr, rid, by_unit[(ent, yr + 1)])
        for (ent, yr), rid in by_unit.items()
        if (ent, yr + 1) in by_unit and (year is None or yr == year)
    ]
    return sorted(pairs, key=lambda p: (p[0], p[1]))


def _analysis(conn: Connection, report_id: int) -> Analysis:
    row = conn.execute(
        select(text_blob(), reports.c.analysis_z)
        .select_from(with_document())
        .where(reports.c.id == report_id)
    ).one()
    return load_analysis(row[0], row[1])


def promise_pairs(
    engine: Engine,
    *,
    entity: str | None = None,
    year: int | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[PromisePair], int]:
    """The matched pairs (a page of them) and how many there are in all."""
    with engine.connect() as conn:
        pairs = unit_pairs(conn, entity=entity, year=year)
        page = pairs[offset : offset + limit if limit is not None else None]
        out: list[PromisePair] = []
        # pairs come by unit and year: a year's report is the later one of a pair, then the plan
        # of the next, so it is read once
        last: tuple[int, Analysis] | None = None
        for ent, yr, plan_id, later_id in page:
            plan = last[1] if last and last[0] == plan_id else _analysis(conn, plan_id)
            later = _analysis(conn, later_id)
            last = (later_id, later)
            found = match_promises(plan, later)
            evidence = [
                later.text[m.evidence[0] : m.evidence[1]] if m.evidence else None
                for m in found.items
            ]
            out.append(PromisePair(ent, yr, plan_id, later_id, found, evidence))
    return out, len(pairs)
