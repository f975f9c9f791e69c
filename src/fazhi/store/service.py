"""The corpus operations, under the names the CLI and the REST API share.

Each takes an engine (:func:`open_corpus`) and plain arguments, checks them, and returns plain
dataclasses; paging is ``offset``/``limit``. The CLI only formats what these return, so the web
gets the same behaviour by calling the same functions.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from fazhi.compare import table as tables
from fazhi.extract.indicators import Taxonomy, default_taxonomy
from fazhi.model import LEVELS, REQUIRED_PARTS
from fazhi.store import copies as store_copies
from fazhi.store import promises as store_promises
from fazhi.store import queries
from fazhi.store import search as searching
from fazhi.store.db import open_store, writing
from fazhi.store.index import Filters, Order
from fazhi.store.ingest import IngestSummary, Progress
from fazhi.store.ingest import ingest as _ingest
from fazhi.store.reanalyze import ReanalyzeSummary
from fazhi.store.reanalyze import reanalyze as _reanalyze
from fazhi.store.reanalyze import reindex as _reindex
from fazhi.store.schema import reports

PARTS = (*REQUIRED_PARTS, "other")


class ServiceError(ValueError):
    """A request the corpus cannot answer as asked; the message says why and what to do."""


def open_corpus(url: str | None = None) -> Engine:
    return open_store(url)


# --- checking arguments -------------------------------------------------------------------------


def _check_choice(name: str, value: str | None, allowed: Sequence[str]) -> None:
    if value is not None and value not in allowed:
        raise ServiceError(
            f"{name} 的取值 {value!r} 无效；可用：{', '.join(allowed)}。"
            f" Invalid {name} {value!r}; use one of {', '.join(allowed)}."
        )


def check_indicators(ids: Sequence[str], taxonomy: Taxonomy | None = None) -> None:
    known = {i.id for i in (taxonomy or default_taxonomy()).indicators}
    unknown = [i for i in ids if i not in known]
    if unknown:
        close = sorted(k for k in known if any(u.split(".")[-1] in k for u in unknown))
        hint = (
            f"相近的有：{', '.join(close[:8])}。"
            if close
            else "请查看指标体系（spec/indicators.md）。"
        )
        raise ServiceError(f"未知的指标 {', '.join(unknown)}。{hint} Unknown indicator.")


# --- reports ------------------------------------------------------------------------------------


def ingest(
    engine: Engine,
    paths: Sequence[str | Path],
    *,
    jobs: int = 0,
    taxonomy_file: str | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    return _ingest(engine, paths, jobs=jobs, taxonomy_file=taxonomy_file, progress=progress)


def list_reports(
    engine: Engine,
    *,
    entity: str | None = None,
    level: str | None = None,
    year: int | None = None,
    all_versions: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> queries.Page[queries.ReportSummary]:
    _check_choice("level", level, LEVELS)
    with engine.connect() as conn:
        return queries.list_reports(
            conn,
            entity=entity,
            level=level,
            year=year,
            all_versions=all_versions,
            offset=offset,
            limit=limit,
        )


def show(engine: Engine, report_id: int) -> queries.ReportDetail | None:
    with engine.connect() as conn:
        return queries.get_report(conn, report_id)


def report_summary(engine: Engine, report_id: int) -> queries.ReportSummary | None:
    with engine.connect() as conn:
        return queries.report_summary(conn, report_id)


def report_stamp(engine: Engine, report_id: int) -> queries.Stamp | None:
    with engine.connect() as conn:
        return queries.report_stamp(conn, report_id)


def remove(engine: Engine, report_id: int) -> queries.Removed | None:
    with writing(engine) as conn:
        return queries.remove_report(conn, report_id)


def errors(engine: Engine, *, offset: int = 0, limit: int = 100) -> queries.Page[queries.ErrorRow]:
    with engine.connect() as conn:
        return queries.list_errors(conn, offset=offset, limit=limit)


def reanalyze(
    engine: Engine,
    *,
    taxonomy_file: str | None = None,
    jobs: int = 0,
    force: bool = False,
    progress: Progress | None = None,
) -> ReanalyzeSummary:
    return _reanalyze(
        engine, taxonomy_file=taxonomy_file, jobs=jobs, force=force, progress=progress
    )


def reindex(engine: Engine) -> int:
    return _reindex(engine)


# --- search -------------------------------------------------------------------------------------


def search(
    engine: Engine,
    query: str,
    *,
    entity: str | None = None,
    level: str | None = None,
    year: int | None = None,
    part: str | None = None,
    indicator: str | None = None,
    offset: int = 0,
    limit: int = 20,
    order: Order = "newest",
) -> searching.SearchPage:
    _check_choice("level", level, LEVELS)
    _check_choice("part", part, PARTS)
    if indicator:
        check_indicators([indicator])
    if not query.strip():
        raise ServiceError("检索词为空。请输入要查找的词语。 The query is empty.")
    filters = Filters(entity=entity, level=level, year=year, part=part, indicator=indicator)
    with engine.connect() as conn:
        return searching.search(conn, query, filters, limit=limit, offset=offset, order=order)


# --- compare ------------------------------------------------------------------------------------


def entities(engine: Engine, name: str) -> list[str]:
    """The stored entities whose name is ``name`` or contains it (exact match first)."""
    with engine.connect() as conn:
        found = conn.execute(
            select(reports.c.entity)
            .where(reports.c.entity.contains(name, autoescape=True))
            .distinct()
            .order_by(reports.c.entity)
        ).scalars()
        names = [n for n in found if n]
    return sorted(names, key=lambda n: n != name)


def resolve_entity(engine: Engine, name: str) -> str:
    """One stored entity for what a user typed (武侯区 → 成都市武侯区人民政府), or an error that
    lists the candidates."""
    found = entities(engine, name)
    if found and (found[0] == name or len(found) == 1):
        return found[0]
    if not found:
        raise ServiceError(f"语料库中没有名称含“{name}”的报告主体。请用 fazhi list 查看。")
    listed = "、".join(found[:10]) + ("……" if len(found) > 10 else "")
    raise ServiceError(f"“{name}”对应多个报告主体：{listed}。请写出完整名称。")


def compare(
    engine: Engine,
    indicators: Sequence[str],
    *,
    level: str | None = None,
    year: int | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tables.IndicatorTable:
    _check_choice("level", level, LEVELS)
    check_indicators(indicators)
    with engine.connect() as conn:
        return tables.indicator_table(
            conn, indicators, level=level, year=year, offset=offset, limit=limit
        )


def unit_years(
    engine: Engine,
    entity: str,
    *,
    years: Sequence[int] | None = None,
    indicators: Sequence[str] | None = None,
) -> tables.UnitTable:
    if indicators:
        check_indicators(indicators)
    name = resolve_entity(engine, entity)
    with engine.connect() as conn:
        return tables.unit_table(conn, name, years=years, indicators=indicators)


def changes(
    engine: Engine,
    *,
    entity: str | None = None,
    year: int | None = None,
    mismatches_only: bool = False,
) -> list[tables.StatedChange]:
    name = resolve_entity(engine, entity) if entity else None
    with engine.connect() as conn:
        found = tables.stated_changes(conn, entity=name, year=year)
    return [c for c in found if c.verdict == "mismatch"] if mismatches_only else found


# --- copies -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CopyRun:
    """A copy-detection run over the corpus (or one year): what it found, and the reports with
    the largest shares of shared text."""

    year: int | None
    pairs: int
    reports: int
    top: list[tuple[int, str | None, int | None, float]]
    seconds: float


def detect_copies(
    engine: Engine, *, year: int | None = None, threshold: float = 0.8, top: int = 20
) -> CopyRun:
    """Run copy detection (results are stored and replace earlier ones)."""
    started = time.perf_counter()
    result = store_copies.detect_copies(engine, year=year, threshold=threshold)
    seconds = time.perf_counter() - started
    best = store_copies.shares(engine, year=year, limit=top)
    return CopyRun(year, len(result.pairs), len(result.share), best, seconds)


def copies(engine: Engine, report_id: int) -> store_copies.ReportCopies | None:
    """One report's shared passages and share of copied text (detected for its year first if
    that was never done)."""
    return store_copies.copies_of(engine, report_id)


def promises(
    engine: Engine,
    *,
    entity: str | None = None,
    year: int | None = None,
    offset: int = 0,
    limit: int | None = 50,
) -> tuple[list[store_promises.PromisePair], int]:
    """Each unit's plan items for the next year, taken up or not in its next report (a page of
    units and years, and the number of such pairs in all)."""
    name = resolve_entity(engine, entity) if entity else None
    return store_promises.promise_pairs(engine, entity=name, year=year, offset=offset, limit=limit)


@dataclass(frozen=True, slots=True)
class YearRange:
    first: int
    last: int

    @classmethod
    def parse(cls, text: str) -> YearRange:
        """``2022-2024``, ``2022–2024`` or ``2024``."""
        parts = text.replace("–", "-").replace("—", "-").split("-")
        try:
            nums = [int(p) for p in parts if p.strip()]
        except ValueError:
            nums = []
        if len(nums) not in (1, 2) or nums[0] > nums[-1]:
            raise ServiceError(f"年份范围 {text!r} 无效；请写成 2022-2024 或 2024。")
        return cls(nums[0], nums[-1])

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))
