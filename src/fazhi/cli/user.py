"""``fazhi user``: accounts of the web application (the first admin is created here)."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from fazhi.cli._store import corpus, db_option, fail
from fazhi.cli.app import app
from fazhi.cli.batch import err_console
from fazhi.web import accounts
from fazhi.web.accounts import ROLES, AccountError

user_app = typer.Typer(
    help="网页用户与 API 令牌 / users and API tokens of the web application",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")

ROLE_HELP = "角色 / role: " + " | ".join(ROLES)


def _engine(db: str | None) -> Engine:
    engine = corpus(db)
    accounts.migrate_accounts(engine)
    return engine


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("密码 / password", hide_input=True, confirmation_prompt=True)


def _user(engine: Engine, name: str) -> accounts.User:
    found = accounts.find_user(engine, name)
    if found is None:
        raise fail(f"用户“{name}”不存在。请用 fazhi user list 查看。")
    return found


@user_app.command("add")
def add_cmd(
    username: str = typer.Argument(..., help="用户名 / username"),
    role: str = typer.Option("viewer", "--role", help=ROLE_HELP),
    admin: bool = typer.Option(False, "--admin", help="设为管理员（同 --role admin）/ admin"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="从标准输入读取密码 / read the password from stdin"
    ),
    exist_ok: bool = typer.Option(
        False, "--exist-ok", help="用户已存在时不报错、不修改 / leave an existing user alone"
    ),
    db: str | None = db_option(),
) -> None:
    """添加用户（第一位管理员：fazhi user add 名字 --admin）。Add a user."""
    engine = _engine(db)
    if exist_ok and accounts.find_user(engine, username.strip()) is not None:
        err_console.print(f"用户 {escape(username)} 已存在，未修改。 The user exists; left alone.")
        return
    try:
        user = accounts.add_user(
            engine, username, _password(password_stdin), "admin" if admin else role
        )
    except AccountError as exc:
        raise fail(str(exc)) from None
    err_console.print(f"已添加用户 {escape(user.username)}（{user.role}）。 Added {user.role}.")


@user_app.command("list")
def list_cmd(db: str | None = db_option()) -> None:
    """列出用户。List the users."""
    engine = _engine(db)
    found, _ = accounts.list_users(engine, limit=10_000)
    table = Table()
    for col in (
        "用户名 / username",
        "角色 / role",
        "启用 / active",
        "令牌 / tokens",
        "创建 / created",
    ):
        table.add_column(col)
    for u in found:
        n_tokens = len(accounts.list_tokens(engine, u.id))
        table.add_row(
            escape(u.username),
            u.role,
            "✓" if u.active else "✗",
            str(n_tokens),
            u.created_at.strftime("%Y-%m-%d"),
        )
    Console().print(table)


@user_app.command("set")
def set_cmd(
    username: str = typer.Argument(..., help="用户名 / username"),
    role: str | None = typer.Option(None, "--role", help=ROLE_HELP),
    active: bool | None = typer.Option(
        None, "--active/--disabled", help="启用或停用 / enable or disable"
    ),
    password: bool = typer.Option(False, "--password", help="设置新密码 / set a new password"),
    password_stdin: bool = typer.Option(False, "--password-stdin"),
    db: str | None = db_option(),
) -> None:
    """修改用户的角色、启用状态或密码；其会话随即失效。Change a user; their sessions end."""
    engine = _engine(db)
    user = _user(engine, username)
    new_password = _password(password_stdin) if password or password_stdin else None
    try:
        user = accounts.update_user(
            engine, user.id, role=role, active=active, password=new_password
        )
    except AccountError as exc:
        raise fail(str(exc)) from None
    state = "启用" if user.active else "停用"
    err_console.print(f"已更新 {escape(user.username)}：{user.role}，{state}。 Updated.")


@user_app.command("token")
def token_cmd(
    username: str = typer.Argument(..., help="用户名 / username"),
    name: str = typer.Option("api", "--name", help="令牌名称 / token name"),
    db: str | None = db_option(),
) -> None:
    """生成 API 令牌（只显示这一次）。Print a new API token (shown only once)."""
    engine = _engine(db)
    user = _user(engine, username)
    _, secret = accounts.create_token(engine, user.id, name)
    err_console.print("新令牌如下，只显示这一次 / the new token, shown only once:")
    typer.echo(secret)
