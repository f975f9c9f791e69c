"""Accounts: users with roles, passwords hashed with Argon2, API tokens stored only as hashes.

The tables live in the corpus database (one URL to configure, one backup), but they migrate with
their own Alembic history and version table (``fazhi_web_version``), so the store's migrations
and these never depend on each other. The CLI (``fazhi user``) and the web's admin pages call the
same functions.

Roles, each including the one before: ``viewer`` reads; ``reviewer`` also uploads, analyses and
removes reports; ``admin`` also manages users and their tokens.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)

VERSION_TABLE = "fazhi_web_version"
ROLES = ("viewer", "reviewer", "admin")
_RANK = {r: i for i, r in enumerate(ROLES)}
TOKEN_PREFIX = "fzt_"
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[\w.@-]{1,64}$")
# A token's last use is written at most this often: a write per API call would serialise
# every reader behind SQLite's write lock.
_TOUCH_EVERY = timedelta(minutes=10)

metadata = MetaData()

users = Table(
    "web_users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False),
    # Bumped when the password, role or active flag changes: sessions signed with an older
    # epoch stop working, so a disabled user is logged out everywhere at once.
    Column("epoch", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

tokens = Table(
    "web_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("web_users.id"), nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_used_at", DateTime),
)

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a login takes as long either way.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    role: str
    active: bool
    epoch: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Token:
    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


def role_allows(role: str | None, needed: str) -> bool:
    """Whether ``role`` includes ``needed`` (admin ⊃ reviewer ⊃ viewer)."""
    return role is not None and _RANK.get(role, -1) >= _RANK[needed]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("fazhi.web") / "migrations"))
    return cfg


def migrate_accounts(engine: Engine) -> None:
    """Create or update the account tables (a no-op when they are up to date)."""
    cfg = _config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        if ctx.get_current_revision() == head:
            return
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"角色“{role}”不存在。可选：{'、'.join(ROLES)}。")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码太短：至少需要 {MIN_PASSWORD} 个字符。")
    return password


def _row_user(row: object) -> User:
    return User(*row)  # type: ignore[misc]


_USER_COLS = (
    users.c.id,
    users.c.username,
    users.c.role,
    users.c.active,
    users.c.epoch,
    users.c.created_at,
)


def add_user(engine: Engine, username: str, password: str, role: str = "viewer") -> User:
    """A new active user; the username must be free and the password long enough."""
    username = username.strip()
    if not _USERNAME.match(username):
        raise AccountError("用户名只能由字母、数字、汉字和 . _ - @ 组成，长度 1–64。")
    _check_role(role)
    hashed = _hasher.hash(_check_password(password))
    with engine.begin() as conn:
        if conn.execute(select(users.c.id).where(users.c.username == username)).first():
            raise AccountError(f"用户“{username}”已存在。请换一个用户名，或修改该用户。")
        values = dict(
            username=username,
            password_hash=hashed,
            role=role,
            active=True,
            epoch=0,
            created_at=_now(),
        )
        new_id = conn.execute(insert(users).values(**values)).inserted_primary_key[0]  # type: ignore[index]
    found = get_user(engine, new_id)
    assert found is not None
    return found


def get_user(engine: Engine, user_id: int) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(*_USER_COLS).where(users.c.id == user_id)).first()
    return _row_user(row) if row else None


def find_user(engine: Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(*_USER_COLS).where(users.c.username == username)).first()
    return _row_user(row) if row else None


def list_users(engine: Engine, *, offset: int = 0, limit: int = 100) -> tuple[list[User], int]:
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(users)).scalar_one()
        rows = conn.execute(
            select(*_USER_COLS).order_by(users.c.username).offset(offset).limit(limit)
        ).all()
    return [_row_user(r) for r in rows], total


def count_users(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(users)).scalar_one()


def update_user(
    engine: Engine,
    user_id: int,
    *,
    role: str | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a user's role, active flag or password; their sessions end (the epoch moves).
    The last active admin cannot be demoted or disabled: nobody could manage users then."""
    values: dict[str, object] = {}
    if role is not None:
        values["role"] = _check_role(role)
    if active is not None:
        values["active"] = active
    if password is not None:
        values["password_hash"] = _hasher.hash(_check_password(password))
    with engine.begin() as conn:
        row = conn.execute(select(*_USER_COLS).where(users.c.id == user_id)).first()
        if row is None:
            raise AccountError(f"用户 {user_id} 不存在。")
        current = _row_user(row)
        loses_admin = current.role == "admin" and (
            (role is not None and role != "admin") or active is False
        )
        if loses_admin and _other_admins(conn, user_id) == 0:
            raise AccountError("不能停用或降级最后一位管理员。请先指定另一位管理员。")
        if values:
            values["epoch"] = users.c.epoch + 1
            conn.execute(update(users).where(users.c.id == user_id).values(**values))
    found = get_user(engine, user_id)
    assert found is not None
    return found


def _other_admins(conn: object, user_id: int) -> int:
    query = select(func.count()).where(
        users.c.role == "admin", users.c.active.is_(True), users.c.id != user_id
    )
    return conn.execute(query).scalar_one()  # type: ignore[attr-defined]


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The active user with this name and password, else None (the same time either way)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(*_USER_COLS, users.c.password_hash).where(users.c.username == username.strip())
        ).first()
    stored = row[-1] if row else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    user = _row_user(row[:-1])
    if not user.active:
        return None
    if _hasher.check_needs_rehash(stored):
        with engine.begin() as conn:
            new = _hasher.hash(password)
            conn.execute(update(users).where(users.c.id == user.id).values(password_hash=new))
    return user


def _token_hash(token: str) -> str:
    """Tokens are 256 random bits, so a plain SHA-256 is enough and lets a request find its
    token by an index lookup (a slow salted hash would need a scan)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, user_id: int, name: str = "api") -> tuple[Token, str]:
    """A new API token for the user: (its record, the token itself, shown only this once)."""
    name = name.strip()[:64] or "api"
    if get_user(engine, user_id) is None:
        raise AccountError(f"用户 {user_id} 不存在。")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    at = _now()
    with engine.begin() as conn:
        result = conn.execute(
            insert(tokens).values(
                user_id=user_id, name=name, token_hash=_token_hash(secret), created_at=at
            )
        )
        token_id = result.inserted_primary_key[0]  # type: ignore[index]
    return Token(token_id, user_id, name, at, None), secret


def list_tokens(engine: Engine, user_id: int) -> list[Token]:
    return tokens_of(engine, [user_id])[user_id]


def tokens_of(engine: Engine, user_ids: list[int]) -> dict[int, list[Token]]:
    """Each user's tokens, oldest first, in one query (a page lists many users)."""
    cols = (tokens.c.id, tokens.c.user_id, tokens.c.name, tokens.c.created_at)
    found: dict[int, list[Token]] = {uid: [] for uid in user_ids}
    if not user_ids:
        return found
    with engine.connect() as conn:
        rows = conn.execute(
            select(*cols, tokens.c.last_used_at)
            .where(tokens.c.user_id.in_(user_ids))
            .order_by(tokens.c.id)
        ).all()
    for r in rows:
        found[r.user_id].append(Token(*r))
    return found


def revoke_token(engine: Engine, token_id: int) -> bool:
    with engine.begin() as conn:
        return conn.execute(delete(tokens).where(tokens.c.id == token_id)).rowcount > 0


def user_for_token(engine: Engine, secret: str) -> User | None:
    """The active user a bearer token belongs to, else None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(*_USER_COLS, tokens.c.id, tokens.c.last_used_at)
            .join(tokens, tokens.c.user_id == users.c.id)
            .where(tokens.c.token_hash == _token_hash(secret))
        ).first()
    if row is None:
        return None
    user = _row_user(row[:-2])
    token_id, last_used = row[-2], row[-1]
    now = _now()
    if last_used is None or now - last_used > _TOUCH_EVERY:
        with engine.begin() as conn:
            conn.execute(update(tokens).where(tokens.c.id == token_id).values(last_used_at=now))
    return user if user.active else None
