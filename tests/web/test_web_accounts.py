"""Accounts: users and roles, Argon2 password hashes, API tokens kept only as hashes, sessions
that end when an account changes; and the ``fazhi user`` commands."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select
from typer.testing import CliRunner

from fazhi.cli import app as cli
from fazhi.store.service import open_corpus
from fazhi.web import accounts
from fazhi.web.accounts import AccountError, role_allows
from fazhi.web.security import Session, SessionCodec, bearer_token, load_secret, same_origin


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    e = open_corpus(f"sqlite:///{tmp_path / 'a.db'}")
    accounts.migrate_accounts(e)
    return e


def test_roles_include_the_ones_below() -> None:
    assert role_allows("admin", "reviewer") and role_allows("reviewer", "viewer")
    assert not role_allows("viewer", "reviewer") and not role_allows(None, "viewer")
    assert not role_allows("king", "viewer")


def test_accounts_migrate_apart_from_the_store(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"web_users", "web_tokens", "fazhi_web_version", "alembic_version", "reports"} <= tables
    accounts.migrate_accounts(engine)  # a second time: nothing to do, nothing breaks


@pytest.mark.parametrize(
    ("name", "password", "role", "says"),
    [
        ("a b", "long-enough-1", "viewer", "用户名"),
        ("", "long-enough-1", "viewer", "用户名"),
        ("x" * 65, "long-enough-1", "viewer", "用户名"),
        ("ok", "short", "viewer", "至少需要 8"),
        ("ok", "long-enough-1", "king", "角色"),
    ],
)
def test_bad_accounts_are_refused_plainly(
    engine: Engine, name: str, password: str, role: str, says: str
) -> None:
    with pytest.raises(AccountError, match=says):
        accounts.add_user(engine, name, password, role)


def test_passwords_are_stored_as_argon2_hashes(engine: Engine) -> None:
    user = accounts.add_user(engine, "张三", "long-enough-1", "reviewer")
    with engine.connect() as conn:
        stored = conn.execute(select(accounts.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "long-enough-1" not in stored
    assert accounts.authenticate(engine, "张三", "long-enough-1") == user
    assert accounts.authenticate(engine, " 张三 ", "long-enough-1") == user
    assert accounts.authenticate(engine, "张三", "wrong-password") is None
    assert accounts.authenticate(engine, "nobody", "long-enough-1") is None
    with pytest.raises(AccountError, match="已存在"):
        accounts.add_user(engine, "张三", "another-one-2")


def test_changes_end_sessions_and_keep_an_admin(engine: Engine) -> None:
    admin = accounts.add_user(engine, "root", "long-enough-1", "admin")
    with pytest.raises(AccountError, match="最后一位管理员"):
        accounts.update_user(engine, admin.id, role="viewer")
    with pytest.raises(AccountError, match="最后一位管理员"):
        accounts.update_user(engine, admin.id, active=False)
    other = accounts.add_user(engine, "second", "long-enough-1", "admin")
    changed = accounts.update_user(engine, admin.id, password="brand-new-pass")
    assert changed.epoch == admin.epoch + 1
    assert accounts.authenticate(engine, "root", "long-enough-1") is None
    assert accounts.authenticate(engine, "root", "brand-new-pass") is not None
    assert accounts.update_user(engine, admin.id, active=False).active is False
    assert accounts.authenticate(engine, "root", "brand-new-pass") is None
    assert (
        accounts.update_user(engine, other.id).epoch == other.epoch
    )  # nothing asked, nothing moved
    with pytest.raises(AccountError, match="不存在"):
        accounts.update_user(engine, 999, role="viewer")


def test_tokens_are_kept_only_as_hashes(engine: Engine) -> None:
    user = accounts.add_user(engine, "bot", "long-enough-1", "viewer")
    token, secret = accounts.create_token(engine, user.id, "  报表  ")
    assert secret.startswith("fzt_") and len(secret) > 40 and token.name == "报表"
    with engine.connect() as conn:
        stored = conn.execute(select(accounts.tokens.c.token_hash)).scalar_one()
    assert stored == hashlib.sha256(secret.encode()).hexdigest()
    assert accounts.user_for_token(engine, secret) == user
    assert accounts.list_tokens(engine, user.id)[0].last_used_at is not None
    assert accounts.user_for_token(engine, secret[:-1] + "x") is None
    assert accounts.user_for_token(engine, "Bearer " + secret) is None
    assert accounts.revoke_token(engine, token.id) and not accounts.revoke_token(engine, token.id)
    assert accounts.user_for_token(engine, secret) is None
    with pytest.raises(AccountError):
        accounts.create_token(engine, 999)


def test_sessions_are_signed_and_expire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    codec = SessionCodec(load_secret(tmp_path), 60)
    session = Session(7, 2, "csrf-secret")
    value = codec.dumps(session)
    assert codec.loads(value) == session
    assert codec.loads(value[:-2] + "xx") is None
    assert codec.loads(None) is None and codec.loads("garbage") is None
    assert SessionCodec("another secret", 60).loads(value) is None
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)  # itsdangerous reads the clock this way
    assert codec.loads(value) is None


def test_the_secret_key_is_made_once_and_private(tmp_path: Path) -> None:
    first = load_secret(tmp_path)
    assert load_secret(tmp_path) == first and len(first) >= 48
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600


def test_bearer_tokens_and_origins() -> None:
    assert bearer_token("Bearer abc") == "abc" and bearer_token("bearer  abc ") == "abc"
    assert (
        bearer_token("Basic abc") is None
        and bearer_token(None) is None
        and bearer_token("Bearer ") is None
    )
    assert (
        same_origin(None, "h:1")
        and same_origin("http://h:1", "h:1")
        and same_origin("https://h:1", "h:1")
    )
    assert (
        not same_origin("http://evil", "h:1")
        and not same_origin("null", "h:1")
        and not same_origin("", "h")
    )


# --- the CLI -----------------------------------------------------------------------------------


def test_the_first_admin_is_made_on_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    added = runner.invoke(
        cli,
        ["user", "add", "管理员", "--admin", "--password-stdin", "--db", db],
        input="long-enough-1\n",
    )
    assert added.exit_code == 0, added.output
    engine = open_corpus(db)
    assert accounts.authenticate(engine, "管理员", "long-enough-1").role == "admin"  # type: ignore[union-attr]
    listed = runner.invoke(cli, ["user", "list", "--db", db])
    assert "管理员" in listed.output and "admin" in listed.output
    token = runner.invoke(cli, ["user", "token", "管理员", "--db", db])
    secret = token.stdout.strip().splitlines()[-1]
    assert accounts.user_for_token(engine, secret).username == "管理员"  # type: ignore[union-attr]


def test_user_commands_refuse_plainly(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    short = runner.invoke(
        cli, ["user", "add", "x", "--password-stdin", "--db", db], input="short\n"
    )
    assert short.exit_code == 1 and "密码太短" in short.output
    missing = runner.invoke(cli, ["user", "token", "nobody", "--db", db])
    assert missing.exit_code == 1 and "不存在" in missing.output
    runner.invoke(
        cli,
        ["user", "add", "a", "--admin", "--password-stdin", "--db", db],
        input="long-enough-1\n",
    )
    runner.invoke(
        cli, ["user", "add", "b", "--password-stdin", "--db", db], input="long-enough-1\n"
    )
    last = runner.invoke(cli, ["user", "set", "a", "--disabled", "--db", db])
    assert last.exit_code == 1 and "管理员" in last.output
    ok = runner.invoke(cli, ["user", "set", "b", "--role", "reviewer", "--disabled", "--db", db])
    assert ok.exit_code == 0 and "reviewer" in ok.output and "停用" in ok.output
    add_c = ["user", "add", "c", "--password-stdin", "--db", db]
    assert runner.invoke(cli, add_c, input="long-enough-1\n").exit_code == 0
    assert runner.invoke(cli, add_c, input="long-enough-1\n").exit_code == 1
    kept = runner.invoke(cli, [*add_c, "--exist-ok"], input="other-password-9\n")
    assert kept.exit_code == 0 and "已存在" in kept.output
    assert accounts.authenticate(open_corpus(db), "c", "long-enough-1") is not None
    assert accounts.authenticate(open_corpus(db), "c", "other-password-9") is None
