"""Pagination, the same on every list of every page and of the API: ``page`` (from 1) and
``size`` (1–200) in, ``{page, size, total, pages}`` beside the items out; and the filters that a
page and its API twin share, declared once so that the two cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query
from pydantic import BeforeValidator, Field

from fazhi.store.index import Filters as SearchFilters

MAX_SIZE = 200


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def pages(self, total: int) -> int:
        return max(1, -(-total // self.size))

    def info(self, total: int) -> dict[str, Any]:
        return {"page": self.page, "size": self.size, "total": total, "pages": self.pages(total)}


async def paging(
    page: int = Query(1, ge=1, le=1_000_000, description="页码，从 1 开始 / page, from 1"),
    size: int = Query(20, ge=1, le=MAX_SIZE, description="每页条数 / items per page"),
) -> Paging:
    return Paging(page, size)


def _blank_is_none(value: object) -> object:
    """A filter form sends every field, the unset ones empty: empty means no filter."""
    return None if value == "" else value


# The report year as a filter: 1900–2100, or nothing (absent or empty).
Year = Annotated[
    Annotated[int, Field(ge=1900, le=2100)] | None,
    BeforeValidator(_blank_is_none),
    Query(description="报告年度 / report year"),
]


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """The filters of the report list."""

    entity: str | None
    level: str | None
    year: int | None
    all_versions: bool


async def report_query(
    entity: str | None = Query(None, max_length=128, description="报告主体包含 / entity contains"),
    level: str | None = Query(None, max_length=32),
    year: Year = None,
    all_versions: bool = Query(False, description="含历史版本 / every version"),
) -> ReportQuery:
    return ReportQuery(entity or None, level or None, year, all_versions)


async def search_filters(
    entity: str | None = Query(None, max_length=128),
    level: str | None = Query(None, max_length=32),
    year: Year = None,
    part: str | None = Query(None, max_length=32, description="报告部分 / part"),
    indicator: str | None = Query(None, max_length=64),
) -> SearchFilters:
    return SearchFilters(entity or None, level or None, year, part or None, indicator or None)
