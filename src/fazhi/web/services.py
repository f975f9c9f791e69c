"""The operations behind each page and its JSON twin, so that both always show the same data
under the same filters. Each calls the corpus service (:mod:`fazhi.store.service`, the
functions the CLI calls) and adds only what a page needs (pagination, the report's marks,
places). The service's own refusals (:class:`ServiceError`) reach the user as they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from fazhi.compare.table import UnitTable
from fazhi.model import Analysis
from fazhi.store import service
from fazhi.store.index import Filters as SearchFilters
from fazhi.store.promises import PromisePair
from fazhi.store.queries import (
    ErrorRow,
    Page,
    Removed,
    ReportDetail,
    ReportSummary,
    Stamp,
)
from fazhi.store.search import SearchPage
from fazhi.web import comparison, dashboard
from fazhi.web.context import NotFound, WebContext
from fazhi.web.frame import FrameCache
from fazhi.web.paging import Paging, ReportQuery
from fazhi.web.report_view import (
    Copied,
    OutlineNode,
    ScorePart,
    Verdict,
    copies_of,
    outline,
    score_parts,
    text_html,
    verdicts,
)


@dataclass(frozen=True, slots=True)
class DashboardView:
    board: dashboard.Dashboard
    options: dashboard.Options
    ranking: list[dashboard.Ranked]  # the page of the ranking asked for


def dashboard_view(c: WebContext, filters: dashboard.Filters, paging: Paging) -> DashboardView:
    board = board_of(c.frames, filters)
    page = board.ranking[paging.offset : paging.offset + paging.size]
    return DashboardView(board, filter_options(c), page)


def board_of(frames: FrameCache, filters: dashboard.Filters) -> dashboard.Dashboard:
    """The dashboard of the reports ``filters`` selects, kept until the corpus changes."""
    return frames.computed(("dashboard", filters), lambda f: dashboard.build(f, filters))


def filter_options(c: WebContext) -> dashboard.Options:
    """The years, levels and regions the filter forms offer, kept until the corpus changes."""
    return c.frames.computed(("options",), dashboard.options)


def list_view(c: WebContext, q: ReportQuery, paging: Paging) -> Page[ReportSummary]:
    return service.list_reports(
        c.engine,
        entity=q.entity,
        level=q.level,
        year=q.year,
        all_versions=q.all_versions,
        offset=paging.offset,
        limit=paging.size,
    )


@dataclass(frozen=True, slots=True)
class ReportView:
    detail: ReportDetail
    copies: list[Copied]
    copy_share: float | None
    copies_run: bool
    verdicts: list[Verdict]
    outline: list[OutlineNode]
    score_parts: list[ScorePart]

    @property
    def analysis(self) -> Analysis:
        return self.detail.analysis

    def text_html(self, lang: str, hit: tuple[int, int] | None = None) -> Markup:
        return text_html(self.analysis, self.copies, lang, hit)


def display_title(s: ReportSummary) -> str:
    """What to call a report: its title, else its entity and year, else its file."""
    if s.title:
        return s.title
    if s.entity:
        return f"{s.entity}（{s.year}）" if s.year else s.entity
    return Path(s.path or "").name or f"#{s.id}"


def report_summary(c: WebContext, report_id: int) -> ReportSummary:
    """A report's summary alone (one small query), for what needs no analysis."""
    s = service.report_summary(c.engine, report_id)
    if s is None:
        raise NotFound("report_not_found", id=report_id)
    return s


def report_detail(c: WebContext, report_id: int) -> ReportDetail:
    detail = service.show(c.engine, report_id)
    if detail is None:
        raise NotFound("report_not_found", id=report_id)
    return detail


def show_view(c: WebContext, report_id: int, lang: str) -> ReportView:
    detail = report_detail(c, report_id)
    with c.engine.connect() as conn:
        copies, share = copies_of(conn, report_id)
    return ReportView(
        detail,
        copies,
        share,
        share is not None or bool(copies),
        verdicts(detail.analysis),
        outline(detail.analysis.headings),
        score_parts(detail.analysis, lang),
    )


@dataclass(frozen=True, slots=True)
class PromisesView:
    """How a report takes up the plans of its unit's report of the year before: ``pair`` is
    None when there is no such report (or this one is not the unit's latest of its year)."""

    report: ReportSummary
    pair: PromisePair | None


def promises_view(c: WebContext, report_id: int) -> PromisesView:
    """The corpus service's promise matching for the pair that ends in this report, kept
    (matching costs a tenth of a second or more)."""
    s = report_summary(c, report_id)
    key = ("promises", report_id, s.analysed_at)
    return c.frames.computed(key, lambda _frame: PromisesView(s, _pair_ending_in(c, s)))


def _pair_ending_in(c: WebContext, s: ReportSummary) -> PromisePair | None:
    if not s.entity or s.year is None:
        return None
    pairs, _ = service.promises(c.engine, entity=s.entity, year=s.year - 1, limit=None)
    return next((p for p in pairs if p.later_report == s.id and p.entity == s.entity), None)


def report_stamp(c: WebContext, report_id: int) -> Stamp:
    stamp = service.report_stamp(c.engine, report_id)
    if stamp is None:
        raise NotFound("report_not_found", id=report_id)
    return stamp


def remove(c: WebContext, report_id: int) -> Removed:
    removed = service.remove(c.engine, report_id)
    if removed is None:
        raise NotFound("report_not_found", id=report_id)
    c.frames.touch()
    return removed


def search_view(
    c: WebContext, query: str, filters: SearchFilters, order: str, paging: Paging
) -> SearchPage:
    """The search, kept until the corpus changes: people ask the same few things, and a
    relevance-ordered search of a common word over a large corpus costs a tenth of a second."""
    key = ("search", query, filters, order, paging)
    return c.frames.computed(key, lambda _frame: _search(c, query, filters, order, paging))


def _search(
    c: WebContext, query: str, filters: SearchFilters, order: str, paging: Paging
) -> SearchPage:
    return service.search(
        c.engine,
        query,
        entity=filters.entity,
        level=filters.level,
        year=filters.year,
        part=filters.part,
        indicator=filters.indicator,
        limit=paging.size,
        offset=paging.offset,
        order=order,  # type: ignore[arg-type]
    )


def errors_view(c: WebContext, paging: Paging) -> Page[ErrorRow]:
    return service.errors(c.engine, offset=paging.offset, limit=paging.size)


def compare_by_indicator(
    c: WebContext, indicator: str, filters: dashboard.Filters, paging: Paging | None
) -> comparison.ByIndicator:
    frame = c.frames.frame()
    with c.engine.connect() as conn:
        return comparison.by_indicator(
            conn,
            frame,
            indicator,
            filters,
            offset=paging.offset if paging else 0,
            limit=paging.size if paging else None,
        )


def compare_by_unit(c: WebContext, entity: str, years: list[int]) -> UnitTable:
    return service.unit_years(c.engine, entity, years=years or None)


def entities_like(c: WebContext, text: str) -> list[str]:
    return service.entities(c.engine, text)
