"""``fazhi serve``: the web application on a corpus, for people who work in a browser."""

from __future__ import annotations

import os
from pathlib import Path

import typer
import uvicorn

from fazhi.cli._store import corpus, db_option, fail
from fazhi.cli.app import app
from fazhi.cli.batch import err_console
from fazhi.store.db import resolve_url
from fazhi.web import server
from fazhi.web.accounts import count_users, migrate_accounts
from fazhi.web.security import load_secret

WORKER_HEALTHCHECK_SECONDS = 60


@app.command("serve")
def serve_cmd(
    db: str | None = db_option(),
    data_dir: Path = typer.Option(
        Path("fazhi-data"),
        "--data-dir",
        envvar="FAZHI_DATA_DIR",
        help="上传文件和密钥的存放目录 / where uploads and the secret key are kept",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址 / address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="端口 / port"),
    public: bool = typer.Option(
        False, "--public", help="匿名访客可只读浏览 / anonymous visitors may read"
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="工作进程数 / worker processes"),
    max_upload_mb: float = typer.Option(
        20, "--max-upload-mb", min=0.001, help="单个文件上限（MB）/ size limit per file"
    ),
    max_request_mb: float = typer.Option(
        200, "--max-request-mb", min=0.001, help="每次上传上限（MB）/ size limit per upload"
    ),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="经 HTTPS 提供服务时启用 / when served over HTTPS"
    ),
    access_log: bool = typer.Option(
        True, "--access-log/--no-access-log", help="记录每个请求 / log every request"
    ),
) -> None:
    """启动网页服务（总览、报告、比较、检索、上传）及 REST 接口。
    Serve the web application and its REST API."""
    engine = corpus(db)
    try:
        migrate_accounts(engine)  # once, here, rather than racing in every worker
        no_users = count_users(engine) == 0
    finally:
        engine.dispose()
    data_dir.mkdir(parents=True, exist_ok=True)
    load_secret(data_dir.resolve())
    os.environ[server.ENV_DB] = resolve_url(db)
    os.environ[server.ENV_DATA] = str(data_dir.resolve())
    os.environ[server.ENV_PUBLIC] = "1" if public else "0"
    os.environ[server.ENV_FILE_MB] = str(max_upload_mb)
    os.environ[server.ENV_REQUEST_MB] = str(max_request_mb)
    os.environ[server.ENV_SECURE] = "1" if secure_cookies else "0"
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    address = f"http://{shown}:{port}/"
    # Plain lines (never wrapped), so the address can be copied or read by a script.
    typer.echo(f"请在浏览器中打开 {address}  Open {address} in a browser.", err=True)
    typer.echo(f"API 文档 / API docs: {address}docs", err=True)
    if no_users and not public:
        err_console.print(
            "[yellow]还没有任何用户：请先运行 fazhi user add 用户名 --admin 创建管理员。"
            " No users yet: run fazhi user add NAME --admin first.[/]"
        )
    try:
        uvicorn.run(
            "fazhi.web.server:app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=access_log,
            log_level="info",
            # A worker starting on a busy machine (importing, opening the corpus, building the
            # dashboard's frame) can take longer than uvicorn's 5 s to answer its supervisor,
            # which would then kill and restart it, again and again.
            timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        )
    except OSError as exc:
        raise fail(f"无法在 {host}:{port} 启动服务（{exc}）。请换一个端口（--port）。") from None
