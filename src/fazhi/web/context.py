"""What every request handler needs: the settings, the store, the session codec, the frame
cache, the templates; and the request-level dependencies (who asks, in which language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from fazhi.web.frame import FrameCache
from fazhi.web.security import (
    SESSION_COOKIE,
    Principal,
    Recent,
    Session,
    SessionCodec,
    csrf_ok,
    resolve_principal,
    same_origin,
)
from fazhi.web.uploads import Limits

LANG_COOKIE = "fazhi_lang"
LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str | None
    data_dir: Path
    public: bool = False
    limits: Limits = field(default_factory=Limits)
    session_hours: int = 12
    secure_cookies: bool = False


@dataclass(slots=True)
class WebContext:
    settings: Settings
    engine: Engine
    codec: SessionCodec
    frames: FrameCache
    templates: Jinja2Templates
    recent: Recent


class Denied(Exception):
    """The request may not be served: 401 (not logged in, or a bad token) or 403 (the role does
    not allow it, or a form's CSRF token is missing). ``code`` names the message."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


def require_csrf(request: Request, session: Session | None, presented: str | None) -> None:
    """A browser's unsafe request comes from this site and carries its session's CSRF token
    (a form field or the page's header), or it is refused with 403."""
    origin_ok = same_origin(request.headers.get("origin"), request.headers.get("host"))
    if not origin_ok or not csrf_ok(session, presented):
        raise Denied(403, "csrf")


class NotFound(Exception):
    def __init__(self, code: str = "not_found", **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def ctx(request: Request) -> WebContext:
    return request.app.state.ctx


def lang_of(request: Request) -> str:
    """``?lang=`` first (and remembered in a cookie by the page), then the cookie, then
    Chinese."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "zh"
    return "en" if asked.lower().startswith("en") else "zh"


def principal(request: Request) -> Principal:
    """Who is asking (resolved once per request)."""
    found = getattr(request.state, "principal", None)
    if found is None:
        c = ctx(request)
        found = resolve_principal(
            c.engine,
            c.codec,
            c.recent,
            authorization=request.headers.get("authorization"),
            cookie=request.cookies.get(SESSION_COOKIE),
            public=c.settings.public,
        )
        request.state.principal = found
    return found


def need(request: Request, role: str) -> Principal:
    """The principal, if its role includes ``role``; else 401 (nobody known) or 403."""
    who = principal(request)
    if who.via == "bad_token":
        raise Denied(401, "bad_token")
    if not who.allows(role):
        if not who.authenticated:
            raise Denied(401, "need_viewer")  # whatever the role needed: log in first
        raise Denied(403, f"need_{role}")
    return who


# The role dependencies are coroutines: FastAPI would run plain functions in a worker thread,
# and a hop to a thread and back costs more than the check (the account is usually in
# ``Recent``; when it is not, one indexed query).


async def viewer(request: Request) -> Principal:
    return need(request, "viewer")


async def reviewer(request: Request) -> Principal:
    return need(request, "reviewer")


async def admin(request: Request) -> Principal:
    return need(request, "admin")
