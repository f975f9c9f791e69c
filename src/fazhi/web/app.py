"""The application factory: one FastAPI app serving the pages and their JSON twins.

Everything the browser loads comes from this app (``/static``): no CDN, no web fonts, because
government networks are often closed. FastAPI's own documentation pages would load Swagger UI
from a CDN, so ``/docs`` is served here with the vendored copy.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from fazhi import __version__
from fazhi.store.db import StoreError, open_store
from fazhi.store.service import ServiceError
from fazhi.web import api, pages, services
from fazhi.web.accounts import migrate_accounts
from fazhi.web.context import Denied, NotFound, Settings, WebContext, lang_of
from fazhi.web.dashboard import Filters
from fazhi.web.frame import FrameCache
from fazhi.web.render import install, render
from fazhi.web.security import Recent, SessionCodec, load_secret
from fazhi.web.uploads import MB, Limits, UploadError, clean_tmp
from fazhi.web.words import tr

PACKAGE = Path(__file__).parent
HANDLER_THREADS = 5
log = logging.getLogger("fazhi.web")


def create_app(
    db_url: str | None,
    data_dir: str | Path,
    *,
    public: bool = False,
    max_upload_mb: float = 20,
    max_request_mb: float = 200,
    frame_ttl: float = 2.0,
    secure_cookies: bool = False,
    warm: bool = False,
) -> FastAPI:
    """The web application on the corpus at ``db_url`` (SQLite by default, PostgreSQL by URL),
    keeping uploads and its secret key under ``data_dir``. ``public`` lets anonymous visitors
    read (viewer role) without logging in; ``secure_cookies`` when it is served over HTTPS;
    ``warm`` builds the dashboard's frame in the background as soon as the server starts."""
    data = Path(data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True)
    clean_tmp(data)
    engine = open_store(db_url)
    migrate_accounts(engine)
    limits = Limits(file_bytes=int(max_upload_mb * MB), request_bytes=int(max_request_mb * MB))
    settings = Settings(db_url, data, public, limits, secure_cookies=secure_cookies)
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    install(templates)
    codec = SessionCodec(load_secret(data), settings.session_hours * 3600)
    frames = FrameCache(engine, frame_ttl)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Page handlers are CPU work under one GIL: a few threads serve as many requests as
        # forty would, without the thrash, and within the store's pool of connections.
        anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
        if warm:
            threading.Thread(target=_warm_up, args=(frames,), daemon=True).start()
        yield
        engine.dispose()

    app = FastAPI(
        title="fazhi",
        lifespan=lifespan,
        version=__version__,
        description=_API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.ctx = WebContext(settings, engine, codec, frames, templates, Recent())
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    _add_handlers(app)
    _add_docs(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _warm_up(frames: FrameCache) -> None:
    """Build the frame and the unfiltered dashboard before the first visitor asks (a second or
    more on a large corpus); a failure here only means the first request builds them."""
    try:
        services.board_of(frames, Filters())
    except Exception:  # logged; the request that needs it will meet the error itself
        log.exception("warming the dashboard failed")


_API_DESCRIPTION = (
    "法治政府建设年度报告的 REST 接口：每个网页都有同样筛选条件的 JSON 版本。"
    "认证：`Authorization: Bearer <令牌>`（管理员在“用户”页或用 `fazhi user token` 生成）。"
    "分页参数 `page`、`size`。\n\n"
    "REST API of fazhi: every web page has a JSON twin with the same filters. "
    "Authenticate with `Authorization: Bearer <token>`; paginate with `page` and `size`."
)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_page(request: Request, status: int, code: str, **params: object) -> Response:
    """The error in plain words: JSON under /api, else a page."""
    if wants_json(request):
        return api.error_json(request, status, code, **params)
    message = tr(lang_of(request), code, **params)
    return render(request, "error.html", status=status, message=message, status_code=status)


def _validation_details(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        parts.append(f"{loc or '请求'}: {err.get('msg', '')}")
    return "；".join(parts)


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(Denied)
    async def denied(request: Request, exc: Denied) -> Response:
        if exc.status == 401 and not wants_json(request):
            return RedirectResponse(f"/login?next={_quote_next(request)}", status_code=303)
        return error_page(request, exc.status, f"err.{exc.code}")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_page(request, 404, f"err.{exc.code}", **exc.params)

    @app.exception_handler(UploadError)
    async def upload_refused(request: Request, exc: UploadError) -> Response:
        return error_page(request, exc.status, f"upload.{exc.code}", **exc.params)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        bad_json = any(e.get("type") == "json_invalid" for e in exc.errors())
        code = "err.bad_json" if bad_json else "err.invalid"
        if wants_json(request):
            body = {
                "detail": tr(lang_of(request), code, details=details),
                "code": code,
                "errors": json.loads(json.dumps(exc.errors(), default=str)),
            }
            return JSONResponse(body, status_code=422)
        return error_page(request, 422, code, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "err.not_found", 405: "err.method"}.get(exc.status_code)
        if code is None:
            return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code)
        return error_page(request, exc.status_code, code)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_page(request, 500, "err.internal")

    @app.exception_handler(ServiceError)
    async def service_refused(request: Request, exc: ServiceError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(exc), "code": "invalid"}, status_code=422)
        return error_page(request, 422, "err.service", details=str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_page(request, 503, "err.store", details=str(exc))


def _quote_next(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return quote(target, safe="")


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "",
            title="fazhi API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},
        )
