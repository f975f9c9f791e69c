"""Who is asking: session cookies for people, bearer tokens for programs, CSRF for forms.

A session is a cookie signed with the data directory's secret key (itsdangerous), carrying the
user's id, the user's epoch (so a password change or a disabled account ends every session) and
a CSRF secret. Nothing is kept on the server, so any number of worker processes share sessions.

CSRF: every form carries the session's CSRF secret in a hidden field, and the pages' own
``fetch`` calls send it in the ``X-CSRF-Token`` header; an unsafe request authenticated by the
cookie without it is refused. A request that carries an ``Origin`` header from another site is
refused too. Bearer tokens are not sent by browsers on their own, so they need no CSRF check.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine

from fazhi.web.accounts import User, get_user, role_allows, user_for_token

SESSION_COOKIE = "fazhi_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SECRET_FILE = "secret_key"


def load_secret(data_dir: Path) -> str:
    """The data directory's secret key, created on first use (readable by its owner only).
    Workers started together race to create it; exactly one wins and all read the same key."""
    path = data_dir / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text("ascii").strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(48))
    return path.read_text("ascii").strip()


@dataclass(frozen=True, slots=True)
class Session:
    user_id: int | None
    epoch: int
    csrf: str

    @classmethod
    def anonymous(cls) -> Session:
        return cls(None, 0, secrets.token_urlsafe(24))

    @classmethod
    def for_user(cls, user: User) -> Session:
        return cls(user.id, user.epoch, secrets.token_urlsafe(24))


class SessionCodec:
    """Signs sessions into cookie values and reads them back (None if forged or expired)."""

    def __init__(self, secret: str, max_age_seconds: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="fazhi-session")
        self.max_age = max_age_seconds

    def dumps(self, session: Session) -> str:
        return self._serializer.dumps([session.user_id, session.epoch, session.csrf])

    def loads(self, value: str | None) -> Session | None:
        if not value:
            return None
        try:
            uid, epoch, csrf = self._serializer.loads(value, max_age=self.max_age)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(csrf, str) or not isinstance(epoch, int):
            return None
        return Session(uid if isinstance(uid, int) else None, epoch, csrf)


@dataclass(frozen=True, slots=True)
class Principal:
    """The one making a request: a user (by session or token) or an anonymous visitor, who
    reads as a viewer when the portal is public."""

    user: User | None
    via: str  # "session" | "token" | "public" | "anonymous"
    session: Session | None = None

    @property
    def role(self) -> str | None:
        if self.user is not None:
            return self.user.role
        return "viewer" if self.via == "public" else None

    @property
    def authenticated(self) -> bool:
        return self.user is not None

    def allows(self, needed: str) -> bool:
        return role_allows(self.role, needed)


class Recent:
    """Accounts looked up in the last ``ttl`` seconds, by session user id or token: every
    request needs its user, and a page view would otherwise open a database connection for it
    alone. A change made through this process clears it (:meth:`clear`); one made elsewhere
    (the CLI, another worker) is seen within ``ttl``."""

    def __init__(self, ttl: float = 2.0, size: int = 1000) -> None:
        self.ttl = ttl
        self.size = size
        self._lock = threading.Lock()
        self._items: dict[Hashable, tuple[float, User | None]] = {}

    def get(self, key: Hashable, load: Callable[[], User | None]) -> User | None:
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
        if found is not None and now - found[0] < self.ttl:
            return found[1]
        user = load()
        with self._lock:
            if len(self._items) >= self.size:
                self._items.clear()
            self._items[key] = (now, user)
        return user

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def resolve_principal(
    engine: Engine,
    codec: SessionCodec,
    recent: Recent,
    *,
    authorization: str | None,
    cookie: str | None,
    public: bool,
) -> Principal:
    """A bearer token first (programs), then the session cookie (people), else anonymous."""
    token = bearer_token(authorization)
    if token is not None:
        user = recent.get(("token", token), lambda: user_for_token(engine, token))
        return Principal(user, "token") if user else Principal(None, "bad_token")
    session = codec.loads(cookie)
    if session is not None and session.user_id is not None:
        uid = session.user_id
        user = recent.get(("user", uid), lambda: get_user(engine, uid))
        if user is not None and user.active and user.epoch == session.epoch:
            return Principal(user, "session", session)
        session = None
    return Principal(None, "public" if public else "anonymous", session)


def csrf_ok(session: Session | None, presented: str | None) -> bool:
    return (
        session is not None
        and presented is not None
        and hmac.compare_digest(session.csrf.encode(), presented.encode())
    )


def same_origin(origin: str | None, host: str | None) -> bool:
    """An ``Origin`` header, when a browser sends one, must name this server."""
    if not origin or origin == "null":
        return origin is None
    return bool(host) and origin.split("://", 1)[-1] == host
