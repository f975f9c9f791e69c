"""The web application on PostgreSQL: the same pages and API over a corpus that an office shares
(each test in its own schema of the server named by FAZHI_TEST_PG_URL; skipped, with the reason,
when no server answers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import inspect

from fazhi.web import create_app
from fazhi.web.accounts import add_user, create_token
from helpers import SEEDS
from store.store_helpers import pg_problem, pg_schema_url
from web.web_helpers import client, logged_in

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(tmp_path: Path) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as url:
        app = create_app(url, tmp_path / "data", frame_ttl=0.0)
        engine = app.state.ctx.engine
        tokens = {
            role: create_token(engine, add_user(engine, role, "pg-password-1", role).id)[1]
            for role in ("viewer", "reviewer")
        }
        yield app, tokens
        engine.dispose()


def test_the_whole_round_on_postgresql(pg_app: tuple[FastAPI, dict[str, str]]) -> None:
    app, tokens = pg_app
    tables = set(inspect(app.state.ctx.engine).get_table_names())
    assert {"web_users", "web_tokens", "fazhi_web_version", "reports"} <= tables
    reviewer = client(app, tokens["reviewer"])
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.glob("*.txt"))]
    results = reviewer.post("/api/v1/reports", files=files).json()["results"]
    assert [r["status"] for r in results] == ["added"] * 5
    viewer = client(app, tokens["viewer"])
    board = viewer.get("/api/v1/dashboard?year=2024").json()
    assert board["reports"] == 4 and board["ranking"]["total"] == 4
    hits = viewer.get("/api/v1/search?q=行政复议").json()["items"]
    assert hits and hits[0]["snippet"]["marks"]
    compare = viewer.get("/api/v1/compare?indicator=disputes.reconsideration_cases").json()
    assert compare["total"] >= 2
    rid = results[0]["report_id"]
    page = logged_in(app, "viewer", "pg-password-1").get(f"/reports/{rid}")
    assert page.status_code == 200 and 'id="report-text"' in page.text
    assert reviewer.delete(f"/api/v1/reports/{rid}").status_code == 200
    assert viewer.get("/api/v1/dashboard").json()["reports"] == 4
