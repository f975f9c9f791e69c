"""What the corpus commands share: the ``--db`` option, opening the corpus, a progress bar and
plain error messages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer
from rich.markup import escape
from sqlalchemy import Engine

from fazhi.cli.batch import err_console, new_progress
from fazhi.store.db import StoreError
from fazhi.store.service import ServiceError, open_corpus

T = TypeVar("T")

DB_HELP = "语料库地址：SQLite 文件或 postgresql://…（默认 fazhi.db）/ corpus database URL"


def db_option() -> str | None:
    return typer.Option(None, "--db", envvar="FAZHI_DB", help=DB_HELP)


def fail(message: str) -> typer.Exit:
    """Print a plain error and return the exit to raise (status 1)."""
    err_console.print(f"[bold red]✗[/] {escape(message)}")
    return typer.Exit(code=1)


def corpus(url: str | None) -> Engine:
    try:
        return open_corpus(url)
    except StoreError as exc:
        raise fail(str(exc)) from None


def guarded(fn: Callable[[], T]) -> T:
    """Run a service call, turning its errors into messages and exit status 1."""
    try:
        return fn()
    except (ServiceError, StoreError) as exc:
        raise fail(str(exc)) from None


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr, and the callback that moves it."""
    bar = new_progress()
    task = bar.add_task(label, total=None)

    def advance(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield advance
