"""Copy detection fed from the store: planted copies found, results stored per year and shown
per report (on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from sqlalchemy import Engine, delete, func, select, update
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.model import Analysis, Source, Span
from fazhi.store import service
from fazhi.store.copies import chrome_spans
from fazhi.store.db import open_store
from fazhi.store.records import analysis_blobs, compress
from fazhi.store.schema import copy_pairs, copy_shares, documents, reports
from store.store_helpers import (
    BACKENDS,
    pg_problem,
    pg_schema_url,
    synth,
    synth_reports,
    write_reports,
)

N = 40


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Engine, list[synth.Planted]]]:
    """One corpus with planted copies per backend, shared by this module's tests."""
    folder = tmp_path_factory.mktemp("copies")
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{folder / 'fazhi.db'}"
        elif problem := pg_problem():
            pytest.skip(problem)
        else:
            url = stack.enter_context(pg_schema_url())
        engine = open_store(url)
        reports_ = list(synth_reports(N))
        truth = synth.plant_copies(reports_, 5, seed=5)
        write_reports(folder / "corpus", reports_)
        assert service.ingest(engine, [folder / "corpus"], jobs=1).added == N
        yield url, engine, truth
        engine.dispose()


@pytest.fixture
def store(corpus: tuple[str, Engine, list]) -> Engine:
    return corpus[1]


@pytest.fixture
def planted(corpus: tuple[str, Engine, list]) -> list[synth.Planted]:
    return corpus[2]


@pytest.fixture
def db_url(corpus: tuple[str, Engine, list]) -> str:
    return corpus[0]


def ids_by_name(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.file_name, reports.c.id).join(
                reports, reports.c.document_id == documents.c.id
            )
        )
        return dict(rows.all())


def test_planted_copies_are_found_and_stored(store: Engine, planted: list) -> None:
    run = service.detect_copies(store)
    ids = ids_by_name(store)
    for p in planted:
        src, dst = ids[p.src_name], ids[p.dst_name]
        found = service.copies(store, dst)
        assert found is not None and found.share is not None and found.share > 0
        shown = service.show(store, dst)
        assert shown is not None
        at = shown.analysis.text.index(p.text)
        mine = [c for c in found.passages if c.other == src]
        assert any(c.start < at + len(p.text) and c.end > at for c in mine), p
    with store.connect() as conn:
        n_pairs = conn.execute(select(func.count()).select_from(copy_pairs)).scalar()
        n_shares = conn.execute(select(func.count()).select_from(copy_shares)).scalar()
    assert n_pairs == run.pairs and n_shares == run.reports == N
    assert run.top == sorted(run.top, key=lambda r: -r[3])


def test_one_year_replaces_only_that_year(store: Engine, planted: list) -> None:
    service.detect_copies(store)
    with store.connect() as conn:
        before = conn.execute(select(func.count()).select_from(copy_pairs)).scalar()
        year_ids = set(
            conn.execute(select(reports.c.id).where(reports.c.report_year == 2022)).scalars()
        )
    again = service.detect_copies(store, year=2022)
    assert again.reports == len(year_ids)
    with store.connect() as conn:
        after = conn.execute(select(func.count()).select_from(copy_pairs)).scalar()
    assert after == before


def test_report_never_checked_is_checked_on_demand(store: Engine, planted: list) -> None:
    with store.begin() as conn:
        conn.execute(delete(copy_pairs))
        conn.execute(delete(copy_shares))
    dst = ids_by_name(store)[planted[0].dst_name]
    found = service.copies(store, dst)
    assert found is not None and found.passages
    assert service.copies(store, 10**6) is None


def test_cli(store: Engine, planted: list, db_url: str) -> None:
    out = CliRunner().invoke(app, ["copies", "--year", "2021", "--db", db_url])
    assert out.exit_code == 0 and "%" in out.stdout
    dst = ids_by_name(store)[planted[0].dst_name]
    one = CliRunner().invoke(app, ["copies", str(dst), "--db", db_url])
    assert one.exit_code == 0 and f"#{dst}" in one.stdout


def test_chrome_spans_are_read_from_the_head_or_the_whole_analysis() -> None:
    for n in (0, 3, 2000):  # 2,000 spans do not fit in the head that is decompressed first
        a = Analysis(
            source=Source(path="x.txt", sha256="0" * 64, format="txt", encoding="utf-8"),
            text="正文" * 10,
            boilerplate=[Span(i, i + 1) for i in range(n)],
        )
        _, analysis_z = analysis_blobs(a)
        assert chrome_spans(analysis_z) == [(i, i + 1) for i in range(n)]


def test_reanalysis_drops_copies_only_where_the_text_changed(store: Engine) -> None:
    service.detect_copies(store, year=2024)
    with store.connect() as conn:
        rid, text_z = conn.execute(
            select(copy_shares.c.report_id, reports.c.text_z)
            .join(reports, reports.c.id == copy_shares.c.report_id)
            .limit(1)
        ).one()
    assert text_z is None  # a UTF-8 text file: the document's bytes are the text
    service.reanalyze(store, jobs=1, force=True)
    with store.connect() as conn:
        kept = conn.execute(select(func.count()).select_from(copy_shares)).scalar()
    assert kept > 0
    with store.begin() as conn:  # as if an older reader had produced another text
        conn.execute(update(reports).where(reports.c.id == rid).values(text_z=compress(b"x")))
    service.reanalyze(store, jobs=1, force=True)
    with store.connect() as conn:
        shares = set(conn.execute(select(copy_shares.c.report_id)).scalars())
        pairs = conn.execute(
            select(func.count()).where(
                (copy_pairs.c.a_report == rid) | (copy_pairs.c.b_report == rid)
            )
        ).scalar()
    assert rid not in shares and pairs == 0 and len(shares) == kept - 1
