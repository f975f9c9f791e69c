"""The HTML pages. Each reads through the same service function as its JSON twin in
:mod:`fazhi.web.api` and links to it; forms carry the session's CSRF token."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from fazhi.extract.indicators import default_taxonomy
from fazhi.model import REQUIRED_PARTS
from fazhi.store.index import Filters as SearchFilters
from fazhi.store.service import ServiceError
from fazhi.web import accounts, services, uploads
from fazhi.web.accounts import ROLES, AccountError
from fazhi.web.api import (
    CompareQuery,
    compare_query,
    dashboard_filters,
    outcome_json,
    receive_files,
    rules_json,
    run_compare,
)
from fazhi.web.comparison import ByIndicator, indicator_names
from fazhi.web.context import (
    Denied,
    NotFound,
    admin,
    ctx,
    lang_of,
    principal,
    require_csrf,
    reviewer,
    viewer,
)
from fazhi.web.dashboard import Filters
from fazhi.web.highlight import marked
from fazhi.web.paging import Paging, ReportQuery, paging, report_query, search_filters
from fazhi.web.render import fragment, render
from fazhi.web.security import (
    CSRF_FIELD,
    SESSION_COOKIE,
    Principal,
    Session,
)
from fazhi.web.words import tr

router = APIRouter(include_in_schema=False)


def _set_session(request: Request, response: Response, session: Session) -> None:
    c = ctx(request)
    response.set_cookie(
        SESSION_COOKIE,
        c.codec.dumps(session),
        max_age=c.codec.max_age,
        httponly=True,
        samesite="lax",
        secure=c.settings.secure_cookies,
    )


async def checked_form(request: Request) -> FormData:
    """The posted form, if its CSRF token matches the session's and it comes from this site."""
    form = await request.form()
    session = principal(request).session or ctx(request).codec.loads(
        request.cookies.get(SESSION_COOKIE)
    )
    token = form.get(CSRF_FIELD)
    require_csrf(request, session, token if isinstance(token, str) else None)
    return form


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/dashboard"


def _flash_redirect(path: str, msg: str, **params: object) -> RedirectResponse:
    query = urlencode({"msg": msg, **params})
    return RedirectResponse(f"{path}?{query}", status_code=303)


# --- login --------------------------------------------------------------------------------------


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/dashboard", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    who = principal(request)
    if who.authenticated:
        return RedirectResponse(_safe_next(next), status_code=303)
    session = who.session or Session.anonymous()
    no_users = accounts.count_users(ctx(request).engine) == 0
    response = render(
        request, "login.html", session=session, next=_safe_next(next), no_users=no_users
    )
    if who.session is None:
        _set_session(request, response, session)
    return response


@router.post("/login")
async def login_submit(request: Request) -> Response:
    form = await checked_form(request)
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    user = await run_in_threadpool(accounts.authenticate, ctx(request).engine, username, password)
    target = _safe_next(str(form.get("next", "")))
    if user is None:
        session = principal(request).session or Session.anonymous()
        return render(
            request,
            "login.html",
            status=401,
            session=session,
            next=target,
            error=tr(lang_of(request), "login.failed"),
            username=username,
            no_users=False,
        )
    response = RedirectResponse(target, status_code=303)
    _set_session(request, response, Session.for_user(user))
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await checked_form(request)
    response = _flash_redirect("/login", "logged_out")
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- dashboard ----------------------------------------------------------------------------------


@router.get("/dashboard")
def dashboard_page(
    request: Request,
    filters: Filters = Depends(dashboard_filters),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> Response:
    c = ctx(request)
    key = ("dashboard.html", filters, pg, lang_of(request))
    body = c.frames.computed(key, lambda _frame: _dashboard_body(request, filters, pg))
    return render(request, "dashboard.html", body=body)


def _dashboard_body(request: Request, filters: Filters, pg: Paging) -> Markup:
    """The dashboard below the header: the same for everyone, so rendered once per filter set
    and page (and language) until the corpus changes."""
    view = services.dashboard_view(ctx(request), filters, pg)
    board = view.board
    charts = {
        "histogram": {
            "labels": [f"{i * 10}–{i * 10 + 10}" for i in range(len(board.histogram))],
            "values": board.histogram,
        },
        "ranking": {
            "labels": [f"{r.entity or r.report_id}（{r.year or '?'}）" for r in view.ranking],
            "values": [r.score for r in view.ranking],
            "ids": [r.report_id for r in view.ranking],
        },
    }
    return fragment(
        request,
        "dashboard_body.html",
        view=view,
        board=board,
        filters=filters,
        paging=pg.info(len(board.ranking)),
        page_links=_page_links(request, pg, len(board.ranking), keep=_DASHBOARD_KEYS),
        charts=charts,
        indicator_names=indicator_names(lang_of(request)),
    )


_DASHBOARD_KEYS = ("year", "level", "region", "parent", "size")


def _page_links(
    request: Request,
    pg: Paging,
    total: int | None,
    has_more: bool = False,
    keep: tuple[str, ...] | None = None,
) -> dict:
    """Links to the previous and next page, keeping the other parameters (only those in
    ``keep`` when given: a page kept for everyone must not carry one visitor's extras)."""
    params = {k: v for k, v in request.query_params.multi_items() if keep is None or k in keep}
    pages = pg.pages(total) if total is not None else None
    links: dict[str, str | None] = {"prev": None, "next": None}
    if pg.page > 1:
        links["prev"] = f"{request.url.path}?{urlencode({**params, 'page': pg.page - 1})}"
    if (pages is not None and pg.page < pages) or (pages is None and has_more):
        links["next"] = f"{request.url.path}?{urlencode({**params, 'page': pg.page + 1})}"
    return links


# --- reports ------------------------------------------------------------------------------------


@router.get("/reports")
def reports_page(
    request: Request,
    rq: ReportQuery = Depends(report_query),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> Response:
    page = services.list_view(ctx(request), rq, pg)
    options = services.filter_options(ctx(request))
    return render(
        request,
        "reports.html",
        page=page,
        paging=pg.info(page.total),
        page_links=_page_links(request, pg, page.total),
        q={
            "entity": rq.entity or "",
            "level": rq.level or "",
            "year": rq.year,
            "all": rq.all_versions,
        },
        options=options,
        title_of=services.display_title,
    )


def _hit(hl: str | None) -> tuple[int, int] | None:
    try:
        a, b = (int(x) for x in (hl or "").split("-", 1))
    except ValueError:
        return None
    return (a, b) if 0 <= a < b else None


@router.get("/reports/{report_id}")
def report_page(
    request: Request,
    report_id: int,
    hl: str | None = Query(None, max_length=40, pattern=r"^\d+-\d+$"),
    _: Principal = Depends(viewer),
) -> Response:
    lang = lang_of(request)
    c = ctx(request)
    stamp = services.report_stamp(c, report_id)
    s, hit = stamp.summary, _hit(hl)
    key = ("report.html", s.id, s.analysed_at, lang, hit, stamp.copies, stamp.has_previous)
    body = c.frames.computed(
        key, lambda _frame: _report_body(request, report_id, lang, hit, stamp.has_previous)
    )
    return render(request, "report.html", body=body, s=s, title=services.display_title(s))


def _report_body(
    request: Request,
    report_id: int,
    lang: str,
    hit: tuple[int, int] | None,
    has_previous: bool,
) -> Markup:
    """The report, its outline, verdicts, score and copies: the same for every reader, so kept
    (loading and marking up the analysis costs several milliseconds) until the corpus changes
    or the report's copies do; a page asked for again costs a few small queries."""
    view = services.show_view(ctx(request), report_id, lang)
    a = view.analysis
    counts = {v: sum(c.verdict == v for c in a.checks) for v in ("pass", "fail", "unknown")}
    counts["na"] = sum(c.verdict == "not_applicable" for c in a.checks)
    return fragment(
        request,
        "report_body.html",
        view=view,
        a=a,
        s=view.detail.summary,
        title=services.display_title(view.detail.summary),
        text_html=view.text_html(lang, hit),
        counts=counts,
        parts=[(p, getattr(a.sections, p)) for p in (*REQUIRED_PARTS, "shortcoming_causes")],
        has_previous=has_previous,
    )


@router.get("/reports/{report_id}/promises")
def promises_page(
    request: Request,
    report_id: int,
    fragment_only: bool = Query(False, alias="fragment"),
    _: Principal = Depends(viewer),
) -> Response:
    """Last year's plans against this report: a page of its own, or (``?fragment=1``) the
    section the report page loads into itself."""
    view = services.promises_view(ctx(request), report_id)
    body = fragment(request, "promises_body.html", view=view, pair=view.pair)
    if fragment_only:
        return HTMLResponse(body)
    return render(
        request,
        "promises.html",
        body=body,
        s=view.report,
        title=services.display_title(view.report),
    )


@router.post("/reports/{report_id}/remove")
async def report_remove(
    request: Request, report_id: int, _: Principal = Depends(reviewer)
) -> Response:
    await checked_form(request)
    await run_in_threadpool(services.remove, ctx(request), report_id)
    return _flash_redirect("/reports", "rp.removed", id=report_id)


# --- compare ------------------------------------------------------------------------------------


@router.get("/compare")
def compare_page(
    request: Request,
    cq: CompareQuery = Depends(compare_query),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> Response:
    lang = lang_of(request)
    c = ctx(request)
    result: Any = None
    choices: list[str] = []
    error = None
    if cq.entity and not cq.indicator:
        choices = services.entities_like(c, cq.entity)
        if cq.entity in choices:
            choices = []
        elif len(choices) == 1:
            cq.entity = choices.pop()
        elif not choices:
            error = tr(lang, "cmp.no_entity", q=cq.entity)
    if (cq.indicator or cq.entity) and not choices and error is None:
        try:
            result = run_compare(request, cq, pg)
        except ServiceError as exc:
            error = str(exc)
    tax = default_taxonomy()
    names = indicator_names(lang)
    export = {
        fmt: "/api/v1/compare/export?"
        + urlencode(
            [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "size")]
            + [("format", fmt), ("lang", lang)]
        )
        for fmt in ("csv", "xlsx")
    }
    return render(
        request,
        "compare.html",
        cq=cq,
        result=result,
        by_indicator=isinstance(result, ByIndicator),
        choices=choices,
        error=error,
        indicators=tax.indicators,
        areas=tax.areas,
        names=names,
        options=services.filter_options(c),
        export=export,
        chart=_compare_chart(result, names),
        paging=pg.info(result.total) if isinstance(result, ByIndicator) else None,
        page_links=_page_links(request, pg, result.total)
        if isinstance(result, ByIndicator)
        else None,
    )


def _compare_chart(result: Any, names: dict[str, str]) -> dict[str, Any] | None:
    if result is None:
        return None
    if isinstance(result, ByIndicator):
        return {
            "kind": "bar",
            "labels": [f"{u.entity or u.report_id}（{u.year}）" for u in result.rows],
            "series": [
                {
                    "name": names.get(result.indicator.id, ""),
                    "values": [u.cell.value for u in result.rows],
                }
            ],
        }
    return {
        "kind": "line",
        "labels": [str(y) for y in result.years],
        "series": [
            {
                "name": names.get(ind, ind),
                "values": [
                    c.value if (c := result.cells.get((ind, y))) else None for y in result.years
                ],
            }
            for ind in result.indicators
        ],
    }


@router.get("/rules")
def rules_page(request: Request, _: Principal = Depends(viewer)) -> Response:
    return render(request, "rules.html", data=rules_json(lang_of(request)))


# --- search -------------------------------------------------------------------------------------


@router.get("/search")
def search_page(
    request: Request,
    q: str = Query("", max_length=200),
    filters: SearchFilters = Depends(search_filters),
    order: str = Query("relevance", pattern="^(relevance|newest)$"),
    pg: Paging = Depends(paging),
    _: Principal = Depends(viewer),
) -> Response:
    key = ("search.html", q, filters, order, pg, lang_of(request))
    body = ctx(request).frames.computed(
        key, lambda _frame: _search_body(request, q, filters, order, pg)
    )
    return render(request, "search.html", body=body, q=q)


_SEARCH_KEYS = ("q", "entity", "level", "year", "part", "indicator", "order", "size")


def _search_body(
    request: Request, q: str, filters: SearchFilters, order: str, pg: Paging
) -> Markup:
    """The search form and results: the same for everyone who asks the same, so kept until
    the corpus changes."""
    c = ctx(request)
    result = services.search_view(c, q, filters, order, pg) if q.strip() else None
    f = {k: getattr(filters, k) or "" for k in ("entity", "level", "part", "indicator")}
    return fragment(
        request,
        "search_body.html",
        q=q,
        f={**f, "year": filters.year, "order": order},
        result=result,
        options=services.filter_options(c),
        parts=(*REQUIRED_PARTS, "other"),
        indicators=default_taxonomy().indicators,
        names=indicator_names(lang_of(request)),
        page_links=_page_links(
            request, pg, None, bool(result and result.has_more), keep=_SEARCH_KEYS
        ),
        pg=pg,
        snippet=marked,
    )


# --- upload -------------------------------------------------------------------------------------


@router.get("/upload")
def upload_page(request: Request, _: Principal = Depends(reviewer)) -> Response:
    return render(request, "upload.html", limits=_limits(request), results=None)


def _limits(request: Request) -> dict[str, int]:
    lim = ctx(request).settings.limits
    return {
        "file_mb": lim.file_bytes // uploads.MB,
        "request_mb": lim.request_bytes // uploads.MB,
        "members": lim.zip_members,
        "file_bytes": lim.file_bytes,
        "request_bytes": lim.request_bytes,
    }


@router.post("/upload")
async def upload_submit(request: Request, _: Principal = Depends(reviewer)) -> Response:
    """The form's own submission (when the page's script does not run): all files at once."""
    c = ctx(request)
    fields, files = await receive_files(request)
    try:
        require_csrf(request, principal(request).session, fields.get(CSRF_FIELD))
    except Denied:
        uploads.discard(files)
        raise
    outcomes = await run_in_threadpool(
        uploads.ingest_received, c.engine, files, c.settings.data_dir, c.settings.limits
    )
    c.frames.touch()
    lang = lang_of(request)
    results = [outcome_json(o, lang) for o in outcomes]
    return render(request, "upload.html", limits=_limits(request), results=results)


@router.get("/errors")
def errors_page(
    request: Request, pg: Paging = Depends(paging), _: Principal = Depends(reviewer)
) -> Response:
    page = services.errors_view(ctx(request), pg)
    return render(
        request,
        "errors.html",
        page=page,
        paging=pg.info(page.total),
        page_links=_page_links(request, pg, page.total),
    )


# --- users --------------------------------------------------------------------------------------


def _users_page(request: Request, pg: Paging, status: int = 200, **extra: Any) -> Response:
    engine = ctx(request).engine
    found, total = accounts.list_users(engine, offset=pg.offset, limit=pg.size)
    tokens = accounts.tokens_of(engine, [u.id for u in found])
    return render(
        request,
        "users.html",
        status=status,
        users=found,
        tokens=tokens,
        roles=ROLES,
        paging=pg.info(total),
        page_links=_page_links(request, pg, total),
        **extra,
    )


@router.get("/admin/users")
def users_page(
    request: Request, pg: Paging = Depends(paging), _: Principal = Depends(admin)
) -> Response:
    return _users_page(request, pg)


@router.post("/admin/users")
async def users_add(request: Request, _: Principal = Depends(admin)) -> Response:
    form = await checked_form(request)
    try:
        user = await run_in_threadpool(
            accounts.add_user,
            ctx(request).engine,
            str(form.get("username", "")),
            str(form.get("password", "")),
            str(form.get("role", "viewer")),
        )
    except AccountError as exc:
        return _users_page(request, Paging(1, 50), status=422, error=str(exc))
    lang = lang_of(request)
    return _users_page(request, Paging(1, 50), notice=tr(lang, "users.added", name=user.username))


@router.post("/admin/users/{user_id}")
async def users_update(request: Request, user_id: int, _: Principal = Depends(admin)) -> Response:
    form = await checked_form(request)
    engine = ctx(request).engine
    if accounts.get_user(engine, user_id) is None:
        raise NotFound("user_not_found", id=user_id)
    password = str(form.get("password", "")) or None
    try:
        await run_in_threadpool(
            lambda: accounts.update_user(
                engine,
                user_id,
                role=str(form.get("role", "")) or None,
                active=form.get("active") == "on",
                password=password,
            )
        )
    except AccountError as exc:
        return _users_page(request, Paging(1, 50), status=422, error=str(exc))
    ctx(request).recent.clear()
    return _flash_redirect("/admin/users", "users.saved")


@router.post("/admin/users/{user_id}/tokens")
async def users_token(request: Request, user_id: int, _: Principal = Depends(admin)) -> Response:
    form = await checked_form(request)
    engine = ctx(request).engine
    user = accounts.get_user(engine, user_id)
    if user is None:
        raise NotFound("user_not_found", id=user_id)
    _token, secret = accounts.create_token(engine, user_id, str(form.get("name", "api")))
    return _users_page(request, Paging(1, 50), new_token=secret, token_user=user.username)


@router.post("/admin/tokens/{token_id}/revoke")
async def users_token_revoke(
    request: Request, token_id: int, _: Principal = Depends(admin)
) -> Response:
    await checked_form(request)
    accounts.revoke_token(ctx(request).engine, token_id)
    ctx(request).recent.clear()
    return _flash_redirect("/admin/users", "users.revoked")
