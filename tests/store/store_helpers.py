"""Helpers of the corpus tests: the database backends, and synthetic reports written to files.

Every corpus test runs on SQLite and on PostgreSQL. The PostgreSQL server is named by
``FAZHI_TEST_PG_URL`` (default: the development machines' local server); each test gets its own
schema, dropped afterwards, because other test runs share that database. Where no server
answers, the PostgreSQL cases are skipped with the reason (visible in pytest's summary).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth

# The backends every corpus test runs on (the PostgreSQL cases are marked, and skipped with the
# reason when no server answers).
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

PG_URL = os.environ.get("FAZHI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@cache
def pg_problem() -> str | None:
    """Why the PostgreSQL cases cannot run, or None when the server answers."""
    shown = make_url(PG_URL).render_as_string(hide_password=True)
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:  # any driver or network error means: skip, and say why
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        return f"PostgreSQL not reachable at {shown} ({type(exc).__name__}: {first_line})"
    return None


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """The URL of a fresh schema of the test server, dropped on exit."""
    name = f"fazhi_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@cache
def synth_reports(n: int, seed: int = 0) -> tuple[synth.SynthReport, ...]:
    return tuple(synth.generate(n, seed=seed))


def write_reports(folder: Path, reports: tuple[synth.SynthReport, ...] | list) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in reports:
        p = folder / r.name
        p.write_text(r.text, encoding="utf-8")
        paths.append(p)
    return paths


def report_text(
    entity: str,
    year: int,
    achievements: list[str] = (),  # type: ignore[assignment]
    shortcomings: list[str] = (),  # type: ignore[assignment]
    next_year: list[str] = (),  # type: ignore[assignment]
) -> str:
    """A short report with the four required parts, each holding the given paragraphs."""
    lines = [
        f"{entity}关于{year}年度法治政府建设工作情况的报告",
        f"{year}年，{entity}坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。",
        f"一、{year}年推进法治政府建设的主要举措和成效",
        *achievements,
        "加强行政执法队伍建设，开展执法培训。",
        f"二、{year}年党政主要负责人履行推进法治政府建设第一责任人职责情况",
        "主要负责人认真履行推进法治建设第一责任人职责，带头尊法学法守法用法。",
        f"三、{year}年推进法治政府建设存在的不足和原因",
        *shortcomings,
        "法治宣传的针对性还不够强。",
        f"四、{year + 1}年推进法治政府建设的工作思路",
        *next_year,
        "持续深化法治政府建设。",
        entity,
        f"{year + 1}年2月10日",
    ]
    return "\n".join(lines) + "\n"


def write_text(folder: Path, name: str, text_: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text_, encoding="utf-8")
    return path
