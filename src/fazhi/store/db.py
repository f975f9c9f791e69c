"""Opening a corpus: the database URL, the engine, and migrating the schema to the newest version.

A clerk's corpus is a SQLite file (``fazhi.db`` in the working folder unless ``--db`` or
``FAZHI_DB`` says otherwise); an office that shares one corpus points every user at a
PostgreSQL server (``postgresql+psycopg://user@host/db``). Both run the same migrations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

DEFAULT_URL = "sqlite:///fazhi.db"
ENV_VAR = "FAZHI_DB"


class StoreError(Exception):
    """A corpus cannot be opened or used; the message says which and what to do."""


def resolve_url(url: str | None = None) -> str:
    """``--db`` first, then ``FAZHI_DB``, then ``fazhi.db`` here; a bare file path is SQLite,
    and a PostgreSQL URL without a driver gets psycopg 3 (the one fazhi installs)."""
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL lets readers work while the ingest writes; synchronous=NORMAL is still crash-safe in
    WAL mode (a commit survives a killed process; only a power cut can lose the last one).
    Transactions are begun explicitly (see ``_sqlite_begin``) so that each is atomic."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "busy_timeout=60000",
        "cache_size=-65536",
        "temp_store=MEMORY",
    ):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    """Readers begin deferred; a writer (:func:`writing`) takes the write lock at once, so
    the ids it reserves (fazhi.store.bulk) cannot be taken by another writer meanwhile."""
    conn.exec_driver_sql("BEGIN " + conn.get_execution_options().get("fazhi_begin", ""))


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed at the end, rolled back on any error."""
    with engine.connect() as conn:
        conn.execution_options(fazhi_begin="IMMEDIATE")
        with conn.begin():
            yield conn


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (see :func:`resolve_url`). On PostgreSQL a corpus can live in its
    own schema: ``…/db?options=-csearch_path%3Dmyschema``."""
    resolved = resolve_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(resolved, pool_pre_ping=True)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("fazhi.store") / "migrations"))
    return cfg


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, to: str = "head") -> None:
    """Bring the database to the newest schema (a no-op when it is already there), or to the
    revision ``to`` (tests of an upgrade start from an older one)."""
    if current_revision(engine) == (head_revision() if to == "head" else to):
        return
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)


def open_store(url: str | None = None) -> Engine:
    """The engine of a corpus, created and migrated if needed; a plain message if the
    database cannot be reached."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except Exception as exc:  # any driver error: say which database and what to try
        engine.dispose()
        raise StoreError(
            f"无法打开语料库 {make_url(resolve_url(url)).render_as_string(hide_password=True)}"
            f"（{type(exc).__name__}: {exc}）。请检查 --db 地址、数据库是否运行以及访问权限。"
        ) from exc
    return engine
