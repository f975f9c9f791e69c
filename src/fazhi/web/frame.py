"""The corpus as the dashboard and the compare page see it: one small row per current report,
and each core indicator's value per report, held in memory and rebuilt when the store changes.

Why in memory: a supervising office filters by year, level, region and parent government and
expects every view at once. Region and parent government are not columns of the store (they
follow from the entity's place in China's administrative divisions), and aggregating 10,000
reports' checks and facts in SQL on every request costs hundreds of milliseconds; the frame costs
a second to build once per change and a few milliseconds per view afterwards.

Freshness: the store's state is fingerprinted by (number of reports, largest id, latest analysis
time). The fingerprint is read at most every ``ttl`` seconds (other processes, such as a CLI
ingest, change the store too) and at once after this process's own writes (:meth:`touch`).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select

from fazhi.compare.table import settings as compare_settings
from fazhi.parse.divisions import last_division
from fazhi.store.schema import checks, facts, reports

T = TypeVar("T")

# The rules whose verdicts the dashboard counts: the required parts, and the deadlines.
PART_RULES = (
    "content.achievements",
    "content.responsibility",
    "content.shortcomings",
    "content.causes",
    "content.next_year",
)
TIMELINESS_PREFIX = "timeliness."


@dataclass(frozen=True, slots=True)
class Place:
    region: str | None  # the province (or municipality) the unit is in
    parent: str | None  # the government the unit answers to (a department's own government)


@cache
def place_of(entity: str | None, level: str | None) -> Place:
    """Where a unit sits: its province and the government above it, from the most specific
    division its name contains (重庆市南岸区城市管理局 → 重庆市, 重庆市南岸区)."""
    div = last_division(entity) if entity else None
    if div is None:
        return Place(None, None)
    if level in ("department", "township"):
        parent: str | None = div.full_path
    else:
        parent = "".join(div.parents) or None
    return Place(div.province, parent)


@dataclass(slots=True)
class Row:
    id: int
    entity: str | None
    level: str | None
    year: int | None
    score: float | None
    region: str | None
    parent: str | None
    timeliness: str  # "on_time" | "late" | "unknown"
    missing: tuple[str, ...]  # PART_RULES that failed


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    value: float
    unit: str
    start: int  # where the figure is in the report's text
    end: int


@dataclass(slots=True)
class Frame:
    rows: list[Row]
    by_id: dict[int, Row]
    part_titles: dict[str, str]
    # indicator id → report id → the report's value for it
    values: dict[str, dict[int, IndicatorValue]] = field(default_factory=dict)


def _timeliness(verdicts: list[str]) -> str:
    if "fail" in verdicts:
        return "late"
    return "on_time" if "pass" in verdicts else "unknown"


def report_value(items: list[tuple[int, float, str, str, int, int]]) -> IndicatorValue:
    """One report's value for one indicator, from its facts (seq, value, unit, kind, start,
    end), chosen as the compare tables choose a cell (``data/compare.yaml``: the largest count
    or amount, which is normally the total; the first rate)."""
    items.sort()
    rule = compare_settings()["cell"]
    how = rule["by_kind"].get(items[0][3], rule["default"])
    chosen = max(items, key=lambda x: x[1]) if how == "largest" else items[0]
    _, value, unit, _, start, end = chosen
    return IndicatorValue(value, unit, start, end)


def build_frame(engine: Engine) -> Frame:
    with engine.connect() as conn:
        base = conn.execute(
            select(
                reports.c.id,
                reports.c.entity,
                reports.c.level,
                reports.c.report_year,
                reports.c.score_total,
            ).where(reports.c.current.is_(True))
        ).all()
        verdicts = conn.execute(
            select(checks.c.report_id, checks.c.rule, checks.c.verdict, checks.c.title)
            .join(reports, reports.c.id == checks.c.report_id)
            .where(reports.c.current.is_(True))
            .where(checks.c.rule.in_(PART_RULES) | checks.c.rule.startswith(TIMELINESS_PREFIX))
        ).all()
        fact_rows = conn.execute(
            select(
                facts.c.report_id,
                facts.c.indicator,
                facts.c.seq,
                facts.c.value,
                facts.c.unit,
                facts.c.kind,
                facts.c.start,
                facts.c.end,
            )
            .join(reports, reports.c.id == facts.c.report_id)
            .where(reports.c.current.is_(True), facts.c.indicator.is_not(None))
        ).all()
    timely: dict[int, list[str]] = {}
    missing: dict[int, list[str]] = {}
    titles: dict[str, str] = {}
    for rid, rule, verdict, title in verdicts:
        if rule.startswith(TIMELINESS_PREFIX):
            timely.setdefault(rid, []).append(verdict)
        else:
            titles.setdefault(rule, title or rule)
            if verdict == "fail":
                missing.setdefault(rid, []).append(rule)
    rows = []
    for rid, entity, level, year, score in base:
        place = place_of(entity, level)
        rows.append(
            Row(
                rid,
                entity,
                level,
                year,
                score,
                place.region,
                place.parent,
                _timeliness(timely.get(rid, [])),
                tuple(r for r in PART_RULES if r in missing.get(rid, ())),
            )
        )
    return Frame(rows, {r.id: r for r in rows}, titles, _values(fact_rows))


def _values(fact_rows: list[Any]) -> dict[str, dict[int, IndicatorValue]]:
    grouped: dict[tuple[str, int], list[tuple[int, float, str, str, int, int]]] = {}
    for rid, indicator, seq, value, unit, kind, start, end in fact_rows:
        grouped.setdefault((indicator, rid), []).append((seq, value, unit, kind, start, end))
    out: dict[str, dict[int, IndicatorValue]] = {}
    for (indicator, rid), items in grouped.items():
        out.setdefault(indicator, {})[rid] = report_value(items)
    return out


def fingerprint(engine: Engine) -> tuple[Any, ...]:
    """What changes whenever reports are added, removed or analysed again: their number, the
    largest report id, and the largest fact and check ids (a re-analysis writes its facts and
    checks anew). Four index lookups, so it can be asked every few seconds."""
    largest = [select(func.max(t.c.id)).scalar_subquery() for t in (reports, facts, checks)]
    count = select(func.count()).select_from(reports).scalar_subquery()
    with engine.connect() as conn:
        return tuple(conn.execute(select(count, *largest)).one())


class FrameCache:
    """The current frame, and results computed from it (by key), dropped when it changes.

    Only the first build makes requests wait; while a newer frame is being built, requests are
    answered from the previous one."""

    def __init__(self, engine: Engine, ttl: float = 2.0, results: int = 1024) -> None:
        self.engine = engine
        self.ttl = ttl
        self._lock = threading.Lock()  # guards the fields below
        self._building = threading.Lock()  # held by the one thread that checks or builds
        self._frame: Frame | None = None
        self._print: tuple[Any, ...] | None = None
        self._checked = -math.inf
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._max_results = results

    def touch(self) -> None:
        """This process changed the store: look again on the next request."""
        self._checked = -math.inf

    def _fresh(self) -> Frame | None:
        with self._lock:
            if self._frame is not None and time.monotonic() - self._checked < self.ttl:
                return self._frame
            return None

    def frame(self) -> Frame:
        fresh = self._fresh()
        if fresh is not None:
            return fresh
        stale = self._frame
        if not self._building.acquire(blocking=stale is None):
            return stale  # type: ignore[return-value]  # another thread is checking
        try:
            fresh = self._fresh()
            if fresh is not None:
                return fresh
            current = fingerprint(self.engine)
            if self._frame is None or current != self._print:
                built = build_frame(self.engine)
                with self._lock:
                    self._frame, self._print = built, current
                    self._results.clear()
            with self._lock:
                self._checked = time.monotonic()
                return self._frame  # type: ignore[return-value]
        finally:
            self._building.release()

    def computed(self, key: Hashable, compute: Callable[[Frame], T]) -> T:
        """``compute(frame)``, remembered for this frame under ``key``."""
        frame = self.frame()
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        result = compute(frame)
        with self._lock:
            if self._frame is frame:
                self._results[key] = result
                while len(self._results) > self._max_results:
                    self._results.popitem(last=False)
        return result
