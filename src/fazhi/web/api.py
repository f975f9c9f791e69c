"""The REST API under ``/api/v1``: each page's JSON twin (same filters, same service call),
plus ``analyze`` (a posted file, not stored) and account management.

Operation ids are the CLI's operation names (ingest, list, show, remove, search, compare,
analyze …), so a program and a clerk's terminal use the same words. Errors are
``{"detail": plain words, "code": ...}`` with the usual status codes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from fazhi import __version__
from fazhi.analysis import Options, analyze_document
from fazhi.check import Rubric, RuleSet
from fazhi.export.review import write_review
from fazhi.extract.indicators import default_taxonomy
from fazhi.ingest import IngestError, read_bytes
from fazhi.store.index import Filters as SearchFilters
from fazhi.store.queries import ErrorRow, ReportSummary
from fazhi.store.search import Hit
from fazhi.store.service import ServiceError
from fazhi.web import accounts, services, uploads
from fazhi.web.accounts import AccountError
from fazhi.web.comparison import ByIndicator, table_rows, to_csv, to_xlsx
from fazhi.web.context import (
    NotFound,
    admin,
    ctx,
    lang_of,
    need,
    require_csrf,
    viewer,
)
from fazhi.web.dashboard import Filters
from fazhi.web.links import file_name, hit_url, hl_url
from fazhi.web.paging import Paging, ReportQuery, Year, paging, report_query, search_filters
from fazhi.web.security import CSRF_HEADER, Principal
from fazhi.web.words import tr

router = APIRouter(prefix="/api/v1")

# File formats a posted file may not be, whatever it is called: 415 rather than 422.
_UNSUPPORTED_CODES = {"image", "archive", "binary", "old_word", "unsupported"}


def writer(role: str) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency for unsafe requests: the role, and, when a browser session (not a token)
    authenticates the request, the page's CSRF header and a same-site origin."""

    async def dependency(request: Request) -> Principal:
        who = need(request, role)
        if who.via == "session":
            require_csrf(request, who.session, request.headers.get(CSRF_HEADER))
        return who

    return dependency


def error_body(lang: str, code: str, **params: object) -> dict[str, Any]:
    """Every error the API answers: the message in plain words and its code."""
    return {"detail": tr(lang, code, **params), "code": code}


def error_json(request: Request, status: int, code: str, **params: object) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = error_body(lang_of(request), code, **params)
    return JSONResponse(body, status_code=status, headers=headers)


# --- serialisation ------------------------------------------------------------------------------


def summary_json(s: ReportSummary) -> dict[str, Any]:
    """A report as lists show it; the server's file path is not exposed, only the file name."""
    return {
        "id": s.id,
        "entity": s.entity,
        "level": s.level,
        "year": s.year,
        "title": s.title,
        "display_title": services.display_title(s),
        "version": s.version,
        "current": s.current,
        "score_total": s.score_total,
        "n_facts": s.n_facts,
        "file_name": file_name(s.path) or None,
        "sha256": s.sha256,
        "analysed_at": s.analysed_at.isoformat(),
        "rules_version": s.rules_version,
        "url": f"/reports/{s.id}",
    }


def hit_json(h: Hit) -> dict[str, Any]:
    return {
        "report_id": h.report_id,
        "entity": h.entity,
        "level": h.level,
        "year": h.year,
        "title": h.title,
        "part": h.part,
        "offset": h.offset,
        "passage": {"start": h.passage_start, "end": h.passage_end},
        "snippet": {
            "text": h.snippet.text,
            "start": h.snippet.start,
            "marks": [list(m) for m in h.snippet.marks],
        },
        "url": hit_url(h),
    }


def error_row_json(e: ErrorRow) -> dict[str, Any]:
    return {"file_name": file_name(e.path), "reason": e.reason, "at": e.at.isoformat()}


def user_json(u: accounts.User) -> dict[str, Any]:
    return {
        "id": u.id,
        "username": u.username,
        "role": u.role,
        "active": u.active,
        "created_at": u.created_at.isoformat(),
    }


def token_json(t: accounts.Token) -> dict[str, Any]:
    return {
        "id": t.id,
        "user_id": t.user_id,
        "name": t.name,
        "created_at": t.created_at.isoformat(),
        "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
    }


def outcome_json(o: uploads.Outcome, lang: str) -> dict[str, Any]:
    if o.status == "refused":
        message = tr(lang, f"upload.{o.code}", **o.params)
    elif o.status == "failed":
        message = o.reason or tr(lang, "up.failed_generic")
    else:
        message = tr(lang, f"up.{o.status}")
    return {
        "name": o.name,
        "status": o.status,
        "ok": o.ok,
        "report_id": o.report_id,
        "url": f"/reports/{o.report_id}" if o.report_id else None,
        "code": o.code,
        "message": message,
    }


# --- reading ------------------------------------------------------------------------------------


@router.get("/health", operation_id="health", tags=["service"])
def health() -> dict[str, str]:
    """服务是否在运行（无需认证）。Whether the service is up (no authentication)."""
    return {"status": "ok", "version": __version__}


@router.get("/me", operation_id="me", tags=["accounts"])
def me(who: Principal = Depends(viewer)) -> dict[str, Any]:
    """当前身份与角色。Who the request is authenticated as, and the role."""
    return {
        "user": user_json(who.user) if who.user else None,
        "role": who.role,
        "via": who.via,
    }


async def dashboard_filters(
    year: Year = None,
    level: str | None = Query(None, max_length=32, description="层级 / level"),
    region: str | None = Query(None, max_length=64, description="省级地区 / province"),
    parent: str | None = Query(None, max_length=128, description="上级政府 / parent government"),
) -> Filters:
    return Filters(year, level or None, region or None, parent or None)


@router.get("/dashboard", operation_id="dashboard", tags=["pages"])
def dashboard_api(
    request: Request,
    filters: Filters = Depends(dashboard_filters),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> JSONResponse:
    """总览：报告数、按时/逾期、缺少必备内容、得分分布、最弱/最强单位、排名（分页）、指标汇总。
    The dashboard of the reports the filters select; ``page``/``size`` page the ranking."""
    c = ctx(request)
    return JSONResponse(
        c.frames.computed(("dashboard.json", filters, pg), lambda _f: _board(c, filters, pg))
    )


def _board(c: Any, filters: Filters, pg: Paging) -> dict[str, Any]:
    view = services.dashboard_view(c, filters, pg)
    board = asdict(replace(view.board, ranking=[]))  # the whole ranking is not sent, a page is
    board["ranking"] = {
        "items": [asdict(r) for r in view.ranking],
        **pg.info(len(view.board.ranking)),
    }
    board["options"] = asdict(view.options)
    return board


@router.get("/reports", operation_id="list", tags=["reports"])
def list_api(
    request: Request,
    rq: ReportQuery = Depends(report_query),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> dict[str, Any]:
    """报告列表（最新年度在前）。The stored reports, newest year first."""
    page = services.list_view(ctx(request), rq, pg)
    return {"items": [summary_json(s) for s in page.items], **pg.info(page.total)}


@router.get("/reports/{report_id}", operation_id="show", tags=["reports"])
def show_api(request: Request, report_id: int, _: Principal = Depends(viewer)) -> JSONResponse:
    """一份报告：分析全文 JSON（文本、提纲、数据、审查结论、得分）、版本、雷同段落。
    One report: its whole analysis (spec/output.md), its versions and its copied passages."""
    view = services.show_view(ctx(request), report_id, lang_of(request))
    return JSONResponse(
        {
            "report": summary_json(view.detail.summary),
            "versions": [summary_json(v) for v in view.detail.versions],
            "analysis": view.analysis.to_dict(),
            "copies": [asdict(cp) for cp in view.copies] if view.copies_run else None,
            "copy_share": view.copy_share,
        }
    )


@router.get("/reports/{report_id}/review", operation_id="review", tags=["reports"])
def review_api(request: Request, report_id: int, _: Principal = Depends(viewer)) -> Response:
    """审查意见（Word）：基本情况、必备内容、逐条结论及依据、需改进问题及原文。
    The report's review as a Word document a clerk can edit and send (fazhi check --docx)."""
    detail = services.report_detail(ctx(request), report_id)
    buf = io.BytesIO()
    write_review(detail.analysis, buf, lang=lang_of(request))
    name = quote(f"{detail.summary.entity or 'report'}-{detail.summary.year or ''}-审查意见.docx")
    return Response(
        buf.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


def promises_json(view: services.PromisesView) -> dict[str, Any]:
    pair = view.pair
    base: dict[str, Any] = {"report_id": view.report.id, "entity": view.report.entity}
    if pair is None:
        return {**base, "plan_report": None, "share_taken_up": None, "error": None, "items": []}
    items = []
    for match, text in zip(pair.report.items, pair.evidence, strict=True):
        ev = match.evidence
        items.append(
            {
                "text": match.item.text,
                "start": match.item.start,
                "end": match.item.end,
                "status": match.status,
                "score": match.score,
                "evidence": {"start": ev[0], "end": ev[1], "text": text} if ev else None,
                "plan_url": hl_url(pair.plan_report, match.item.start, match.item.end),
                "evidence_url": hl_url(view.report.id, *ev) if ev else None,
            }
        )
    return {
        **base,
        "plan_report": pair.plan_report,
        "plan_year": pair.plan_year,
        "share_taken_up": pair.report.share_taken_up,
        "error": pair.report.error,
        "items": items,
    }


@router.get("/reports/{report_id}/promises", operation_id="promises", tags=["reports"])
def promises_api(
    request: Request, report_id: int, _: Principal = Depends(viewer)
) -> dict[str, Any]:
    """上年承诺的落实：本单位上一年度报告中的下一年度安排，逐项是否在本报告中提到及其证据。
    How this report takes up the plans of its unit's report of the year before, item by item;
    ``plan_report`` is null when the unit has no such report."""
    return promises_json(services.promises_view(ctx(request), report_id))


@router.get("/search", operation_id="search", tags=["pages"])
def search_api(
    request: Request,
    q: str = Query(..., min_length=1, max_length=200, description="检索词 / words"),
    filters: SearchFilters = Depends(search_filters),
    order: Literal["relevance", "newest"] = Query("relevance"),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> dict[str, Any]:
    """全文检索：包含全部检索词的段落及高亮片段。Passages containing every word, with
    snippets whose ``marks`` are the matches; ``has_more`` says whether another page exists."""
    result = services.search_view(ctx(request), q, filters, order, pg)
    return {
        "query": result.query,
        "terms": list(result.terms),
        "items": [hit_json(h) for h in result.hits],
        "page": pg.page,
        "size": pg.size,
        "has_more": result.has_more,
    }


def rules_json(lang: str) -> dict[str, Any]:
    """The rules in force and the rubric that scores them (the shipped ones)."""
    rules = RuleSet.default()
    rubric = Rubric.default()
    return {
        "version": rules.version,
        "rules": [
            {
                "id": r.id,
                "title": r.title_in(lang),
                "kind": r.kind,
                "basis": r.basis,
                "enabled": r.enabled,
                "levels": sorted(r.levels) if r.levels else None,
            }
            for r in rules.rules
        ],
        "rubric": {
            "version": rubric.version,
            "parts": [
                {
                    "name": p.name,
                    "title": p.title_in(lang),
                    "weight": p.weight,
                    "items": [asdict(i) for i in p.items],
                }
                for p in rubric.parts
            ],
        },
    }


@router.get("/rules", operation_id="rules", tags=["pages"])
def rules_api(request: Request, _: Principal = Depends(viewer)) -> dict[str, Any]:
    """审查规则及评分表。The rules a report is checked against, and how they are scored."""
    return rules_json(lang_of(request))


@router.get("/indicators", operation_id="indicators", tags=["pages"])
def indicators_api(_: Principal = Depends(viewer)) -> dict[str, Any]:
    """核心指标（比较页的选项）。The core indicators a compare table can use."""
    tax = default_taxonomy()
    items = [
        {"id": i.id, "name": i.name, "name_en": i.name_en, "area": i.area, "unit": i.unit}
        for i in tax.indicators
    ]
    return {"items": items, "areas": tax.areas}


def compare_json(result: ByIndicator, pg: Paging) -> dict[str, Any]:
    ind = result.indicator
    return {
        "mode": "indicator",
        "indicator": {"id": ind.id, "name": ind.name, "name_en": ind.name_en, "unit": ind.unit},
        "filters": asdict(result.filters),
        "stats": asdict(result.stats),
        "items": [
            {
                "rank": u.rank,
                "report_id": u.report_id,
                "entity": u.entity,
                "level": u.level,
                "region": u.region,
                "parent": u.parent,
                "year": u.year,
                "value": u.cell.value,
                "unit": u.cell.fact.unit,
                "sentence": u.cell.fact.sentence,
                "others": [o.value for o in u.cell.others],
                "url": hl_url(u.report_id, u.cell.fact.start, u.cell.fact.end),
            }
            for u in result.rows
        ],
        **pg.info(result.total),
    }


def unit_json(table: Any) -> dict[str, Any]:
    def cell(c: Any) -> dict[str, Any] | None:
        if c is None:
            return None
        f = c.fact
        return {
            "report_id": f.report_id,
            "value": c.value,
            "unit": f.unit,
            "sentence": f.sentence,
            "url": hl_url(f.report_id, f.start, f.end),
        }

    return {
        "mode": "unit",
        "entity": table.entity,
        "years": table.years,
        "rows": [
            {
                "indicator": ind,
                "cells": [cell(table.cells.get((ind, y))) for y in table.years],
                "changes": [
                    asdict(ch) if (ch := table.changes.get((ind, y))) else None for y in table.years
                ],
            }
            for ind in table.indicators
        ],
    }


@dataclass
class CompareQuery:
    """The compare page's parameters: ``indicator`` (with year, level, region, parent) for one
    indicator across units, or ``entity`` (with years) for one unit across years."""

    indicator: str | None
    entity: str | None
    years: list[int]
    filters: Filters


async def compare_query(
    indicator: str | None = Query(None, max_length=64, description="指标 id / indicator"),
    entity: str | None = Query(None, max_length=128, description="单位 / unit"),
    years: list[int] = Query([], description="年度（按单位比较）/ years (unit mode)"),
    filters: Filters = Depends(dashboard_filters),
) -> CompareQuery:
    return CompareQuery(
        indicator or None,
        (entity or "").strip() or None,
        sorted({y for y in years if 1900 <= y <= 2100}),
        filters,
    )


def run_compare(request: Request, cq: CompareQuery, pg: Paging | None) -> Any:
    c = ctx(request)
    if cq.indicator:
        return services.compare_by_indicator(c, cq.indicator, cq.filters, pg)
    if cq.entity:
        return services.compare_by_unit(c, cq.entity, cq.years)
    raise ServiceError(tr(lang_of(request), "cmp.need_choice"))


@router.get("/compare", operation_id="compare", tags=["pages"])
def compare_api(
    request: Request,
    cq: CompareQuery = Depends(compare_query),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> JSONResponse:
    """比较：一个指标在各单位（indicator、year …），或一个单位的各年度（entity、years）。
    Compare one indicator across units, or one unit's indicators across years."""
    result = run_compare(request, cq, pg)
    if isinstance(result, ByIndicator):
        return JSONResponse(compare_json(result, pg))
    return JSONResponse(unit_json(result))


@router.get("/compare/export", operation_id="compare_export", tags=["pages"])
def compare_export_api(
    request: Request,
    format: Literal["csv", "xlsx"] = Query("csv", description="csv | xlsx"),
    cq: CompareQuery = Depends(compare_query),
    _: Principal = Depends(viewer),
) -> Response:
    """比较表导出为 CSV 或 XLSX（全部行）。The whole compare table as CSV or XLSX."""
    lang = lang_of(request)
    result = run_compare(request, cq, None)
    head, rows = table_rows(result, lang)
    stem = "compare-" + (cq.indicator or "unit")
    if format == "xlsx":
        body = to_xlsx(head, rows, "compare")
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, media = to_csv(head, rows), "text/csv; charset=utf-8"
    disposition = f'attachment; filename="{stem}.{format}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/errors", operation_id="errors", tags=["reports"])
def errors_api(
    request: Request, pg: Paging = Depends(paging), _: Principal = Depends(viewer)
) -> dict[str, Any]:
    """未能入库的文件及原因。Files that could not be stored, and why."""
    page = services.errors_view(ctx(request), pg)
    return {"items": [error_row_json(e) for e in page.items], **pg.info(page.total)}


# --- writing ------------------------------------------------------------------------------------

_MULTIPART_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                        }
                    },
                    "required": ["files"],
                }
            }
        },
    }
}


async def receive_files(request: Request) -> tuple[dict[str, str], list[uploads.Received]]:
    c = ctx(request)
    return await uploads.receive(
        request.headers.get("content-type"),
        request.headers.get("content-length"),
        request.stream(),
        c.settings.data_dir / "tmp",
        c.settings.limits,
    )


@router.post(
    "/reports",
    operation_id="ingest",
    tags=["reports"],
    openapi_extra=_MULTIPART_DOC,
    responses={413: {"description": "过大 / too large"}, 415: {"description": "非 multipart"}},
)
async def ingest_api(request: Request, _: Principal = Depends(writer("reviewer"))) -> JSONResponse:
    """上传并入库报告文件（txt、html、docx、pdf 或 zip），逐个文件返回结果。
    Store report files (or a zip of them); one result per file. 413 when every file is over
    the size limit, 415 when the body is not multipart."""
    c = ctx(request)
    lang = lang_of(request)
    _fields, files = await receive_files(request)
    if not files:
        return error_json(request, 422, "upload.no_files")
    outcomes = await run_in_threadpool(
        uploads.ingest_received, c.engine, files, c.settings.data_dir, c.settings.limits
    )
    c.frames.touch()
    results = [outcome_json(o, lang) for o in outcomes]
    if all(o.code == "too_large" for o in outcomes):
        first = outcomes[0]
        refusal = error_body(lang, f"upload.{first.code}", **first.params)
        return JSONResponse({**refusal, "results": results}, status_code=413)
    body = {
        "results": results,
        "stored": sum(o.ok for o in outcomes),
        "not_stored": sum(not o.ok for o in outcomes),
    }
    return JSONResponse(
        body, status_code=201 if any(o.status == "added" for o in outcomes) else 200
    )


@router.delete("/reports/{report_id}", operation_id="remove", tags=["reports"])
def remove_api(
    request: Request, report_id: int, _: Principal = Depends(writer("reviewer"))
) -> dict[str, Any]:
    """删除一个报告版本（若为当前版本，上一版本成为当前版本）。Remove one report version."""
    removed = services.remove(ctx(request), report_id)
    return {"removed": removed.report_id, "promoted": removed.promoted}


@router.post(
    "/analyze",
    operation_id="analyze",
    tags=["reports"],
    openapi_extra=_MULTIPART_DOC,
    responses={413: {"description": "过大 / too large"}, 415: {"description": "不支持的文件"}},
)
async def analyze_api(request: Request, _: Principal = Depends(writer("reviewer"))) -> JSONResponse:
    """分析一个上传的文件，不入库；返回分析 JSON（spec/output.md）。
    Analyse one posted file without storing it. 415 for a file that is not a report format,
    422 for one that cannot be read (the message says why and what to do)."""
    lang = lang_of(request)
    _fields, files = await receive_files(request)
    try:
        if len(files) != 1:
            return error_json(request, 422, "upload.one_file" if files else "upload.no_files")
        f = files[0]
        if f.too_large:
            mb = ctx(request).settings.limits.file_bytes // uploads.MB
            return error_json(request, 413, "upload.too_large", name=f.name, mb=mb)
        data = f.path.read_bytes()
    finally:
        uploads.discard(files)
    return await run_in_threadpool(_analyze, data, uploads.safe_name(f.name), lang)


def _analyze(data: bytes, name: str, lang: str) -> JSONResponse:
    try:
        doc = read_bytes(data, name)
    except IngestError as exc:
        status = 415 if exc.code in _UNSUPPORTED_CODES else 422
        return JSONResponse({"detail": str(exc), "code": f"ingest.{exc.code}"}, status_code=status)
    sha = hashlib.sha256(data).hexdigest()
    analysis = analyze_document(doc, name, sha, Options())
    return JSONResponse(analysis.to_dict())


# --- accounts -----------------------------------------------------------------------------------


class NewUser(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    password: str = Field(..., min_length=1, max_length=1024)
    role: Literal["viewer", "reviewer", "admin"] = "viewer"


class UserChange(BaseModel):
    role: Literal["viewer", "reviewer", "admin"] | None = None
    active: bool | None = None
    password: str | None = Field(None, min_length=1, max_length=1024)


class NewToken(BaseModel):
    name: str = Field("api", min_length=1, max_length=64)


def _account_error(exc: AccountError) -> JSONResponse:
    return JSONResponse({"detail": str(exc), "code": "account"}, status_code=422)


@router.get("/users", operation_id="user_list", tags=["accounts"])
def users_api(
    request: Request, pg: Paging = Depends(paging), _: Principal = Depends(admin)
) -> dict[str, Any]:
    """用户列表（管理员）。The users (admin only)."""
    found, total = accounts.list_users(ctx(request).engine, offset=pg.offset, limit=pg.size)
    return {"items": [user_json(u) for u in found], **pg.info(total)}


@router.post("/users", operation_id="user_add", tags=["accounts"], status_code=201)
def user_add_api(request: Request, body: NewUser, _: Principal = Depends(writer("admin"))) -> Any:
    """添加用户（管理员）。Add a user (admin only)."""
    try:
        user = accounts.add_user(ctx(request).engine, body.username, body.password, body.role)
    except AccountError as exc:
        return _account_error(exc)
    return user_json(user)


@router.patch("/users/{user_id}", operation_id="user_update", tags=["accounts"])
def user_update_api(
    request: Request, user_id: int, body: UserChange, _: Principal = Depends(writer("admin"))
) -> Any:
    """修改用户的角色、启用状态或密码（管理员）；其会话随即失效。Change a user (admin only)."""
    engine = ctx(request).engine
    if accounts.get_user(engine, user_id) is None:
        raise NotFound("user_not_found", id=user_id)
    try:
        user = accounts.update_user(
            engine, user_id, role=body.role, active=body.active, password=body.password
        )
    except AccountError as exc:
        return _account_error(exc)
    ctx(request).recent.clear()
    return user_json(user)


@router.get("/users/{user_id}/tokens", operation_id="user_tokens", tags=["accounts"])
def tokens_api(request: Request, user_id: int, _: Principal = Depends(admin)) -> dict[str, Any]:
    """某用户的 API 令牌（不含令牌本身）。A user's API tokens (never the secrets)."""
    engine = ctx(request).engine
    if accounts.get_user(engine, user_id) is None:
        raise NotFound("user_not_found", id=user_id)
    return {"items": [token_json(t) for t in accounts.list_tokens(engine, user_id)]}


@router.post(
    "/users/{user_id}/tokens", operation_id="user_token", tags=["accounts"], status_code=201
)
def token_add_api(
    request: Request, user_id: int, body: NewToken, _: Principal = Depends(writer("admin"))
) -> dict[str, Any]:
    """为用户生成 API 令牌；令牌只在此返回一次。A new token, returned only this once."""
    engine = ctx(request).engine
    if accounts.get_user(engine, user_id) is None:
        raise NotFound("user_not_found", id=user_id)
    token, secret = accounts.create_token(engine, user_id, body.name)
    return {**token_json(token), "token": secret}


@router.delete("/tokens/{token_id}", operation_id="token_revoke", tags=["accounts"])
def token_revoke_api(
    request: Request, token_id: int, _: Principal = Depends(writer("admin"))
) -> dict[str, Any]:
    """吊销令牌（管理员）。Revoke a token (admin only)."""
    if not accounts.revoke_token(ctx(request).engine, token_id):
        raise NotFound("token_not_found", id=token_id)
    ctx(request).recent.clear()
    return {"revoked": token_id}
