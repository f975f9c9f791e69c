"""Rendering a page: the request's language, who is asking, the navigation their role allows,
the CSRF token for forms, and the link to the page's JSON twin.

Words are looked up by the template global ``_`` in the language of the request being rendered
(a context variable, set before each render), so macros need no template context and Jinja2
caches their imports. A page's heavy part that is the same for everyone (the dashboard, a search
result) can be rendered once as a fragment and kept (:func:`fragment`).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from fazhi import __version__
from fazhi.web.context import LANG_COOKIE, ctx, lang_of, principal
from fazhi.web.links import file_name, hit_url, hl_url
from fazhi.web.security import Principal, Session
from fazhi.web.words import tr

# Messages a redirect may ask a page to show (?msg=KEY): only these, never free text.
_FLASH = {"logged_out", "users.saved", "users.revoked", "rp.removed"}
_YEAR = 365 * 24 * 3600
_LANG: ContextVar[str] = ContextVar("fazhi_web_lang", default="zh")


def words(key: str, **params: object) -> str:
    """The template global ``_``: ``key`` in the language of the page being rendered."""
    return tr(_LANG.get(), key, **params)


def install(templates: Jinja2Templates) -> None:
    """Autoescape everything; templates are files of the package, not checked for changes on
    every render; ``_`` for words."""
    templates.env.autoescape = True
    templates.env.auto_reload = False
    templates.env.globals["_"] = words
    templates.env.globals.update(hl_url=hl_url, hit_url=hit_url, file_name=file_name)


def fragment(request: Request, template: str, **context: Any) -> Markup:
    """A part of a page rendered on its own (to be kept and reused by the caller)."""
    lang = lang_of(request)
    _LANG.set(lang)
    return Markup(ctx(request).templates.get_template(template).render(lang=lang, **context))


def _lang_links(request: Request) -> dict[str, str]:
    params = dict(request.query_params)
    out = {}
    for lang in ("zh", "en"):
        params["lang"] = lang
        out[lang] = f"{request.url.path}?{urlencode(params)}"
    return out


def _nav(who: Principal) -> list[tuple[str, str]]:
    items = [("/dashboard", "nav.dashboard"), ("/reports", "nav.reports")]
    items += [("/compare", "nav.compare"), ("/search", "nav.search"), ("/rules", "nav.rules")]
    if who.allows("reviewer"):
        items += [("/upload", "nav.upload"), ("/errors", "nav.errors")]
    if who.allows("admin"):
        items.append(("/admin/users", "nav.users"))
    return items


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language, with what the base template needs; ``?lang=`` is
    remembered in a cookie."""
    lang = lang_of(request)
    _LANG.set(lang)
    who = principal(request)
    session: Session | None = context.pop("session", None) or who.session
    msg = request.query_params.get("msg")
    base = {
        "lang": lang,
        "who": who,
        "csrf": session.csrf if session else "",
        "nav": _nav(who) if who.role else [],
        "path": request.url.path,
        "lang_links": _lang_links(request),
        "version": __version__,
        "flash": tr(lang, msg, id=request.query_params.get("id", "")) if msg in _FLASH else None,
        "api_url": "/api/v1"
        + request.url.path
        + (f"?{request.url.query}" if request.url.query else ""),
    }
    c = ctx(request)
    response = c.templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status
    )
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang, max_age=_YEAR, samesite="lax", httponly=True)
    return response
