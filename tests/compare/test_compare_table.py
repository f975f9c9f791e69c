"""Compare tables over the store: which figure a cell shows, rows per entity and year, a unit
over the years, and stated changes checked against the unit's previous report."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import Engine

from fazhi.compare.table import indicator_table, stated_changes, unit_table
from fazhi.store import service
from fazhi.store.db import open_store
from store.store_helpers import BACKENDS, pg_problem, pg_schema_url, report_text, write_text

GOV = "成都市武侯区人民政府"
DEPT = "杭州市西湖区司法局"
CASES = "disputes.reconsideration_cases"
MEDIATION = "disputes.mediation_cases"
RESOLUTION = "disputes.dispute_resolution_rate"


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'fazhi.db'}"
        elif problem := pg_problem():
            pytest.skip(problem)
        else:
            url = stack.enter_context(pg_schema_url())
        store = open_store(url)
        yield store
        store.dispose()


def ingest(engine: Engine, folder: Path, reports: dict[str, str]) -> None:
    for name, body in reports.items():
        write_text(folder, name, body)
    assert not service.ingest(engine, [folder], jobs=1).failed


@pytest.fixture
def corpus(engine: Engine, tmp_path: Path) -> Engine:
    ingest(
        engine,
        tmp_path / "c",
        {
            "gov2023.txt": report_text(
                GOV, 2023, ["新收行政复议案件100件。", "行政争议实质性化解率为85%。"]
            ),
            "gov2024.txt": report_text(
                GOV,
                2024,
                [
                    "新收行政复议案件120件，同比增长20%。",
                    "调解矛盾纠纷1.25万件，调解成功1.24万件，调解成功率99.6%。",
                    "行政争议实质性化解率为90%，较上年提高5个百分点。",
                ],
            ),
            "dept2024.txt": report_text(DEPT, 2024, ["办理行政复议案件30件，同比增长50%。"]),
        },
    )
    return engine


def test_cells_rows_and_tooltips(corpus: Engine) -> None:
    with corpus.connect() as conn:
        table = indicator_table(conn, [CASES, MEDIATION], year=2024)
    assert table.total_rows == 2
    rows = {r.entity: r for r in table.rows}
    assert rows[GOV].cells[CASES].value == 120 and rows[DEPT].cells[CASES].value == 30
    mediation = rows[GOV].cells[MEDIATION]
    assert mediation.value == 12500  # the largest count is the total; the other is listed
    assert [o.value for o in mediation.others] == [12400]
    assert mediation.fact.sentence == "调解矛盾纠纷1.25万件，调解成功1.24万件，调解成功率99.6%。"
    assert MEDIATION not in rows[DEPT].cells
    with corpus.connect() as conn:
        only = indicator_table(conn, [CASES], level="department")
        years = indicator_table(conn, [CASES], entity=GOV)
    assert [r.entity for r in only.rows] == [DEPT]
    assert [(r.year, r.cells[CASES].value) for r in years.rows] == [(2024, 120), (2023, 100)]


def test_newest_report_of_an_entity_and_year_wins(corpus: Engine, tmp_path: Path) -> None:
    ingest(
        corpus, tmp_path / "d", {"again.txt": report_text(DEPT, 2024, ["办理行政复议案件31件。"])}
    )
    with corpus.connect() as conn:
        table = indicator_table(conn, [CASES], entity=DEPT)
    assert [r.cells[CASES].value for r in table.rows] == [31]


def test_unit_over_years_with_changes(corpus: Engine) -> None:
    with corpus.connect() as conn:
        table = unit_table(conn, GOV, indicators=[CASES, RESOLUTION])
    assert table.years == [2023, 2024]
    change = table.changes[(CASES, 2024)]
    assert (change.previous, change.value, change.absolute) == (100, 120, 20)
    assert change.percent == pytest.approx(20.0)
    assert table.changes[(RESOLUTION, 2024)].absolute == pytest.approx(5.0)


def test_stated_changes_are_checked(corpus: Engine) -> None:
    with corpus.connect() as conn:
        found = {(c.entity, c.indicator): c for c in stated_changes(conn)}
    cases = found[(GOV, CASES)]
    assert (cases.verdict, cases.base.value, cases.previous and cases.previous.value) == (
        "consistent",
        120,
        100,
    )
    assert cases.computed == pytest.approx(20.0)
    assert found[(GOV, RESOLUTION)].verdict == "consistent"  # 85% → 90%: 5 points
    assert found[(DEPT, CASES)].verdict == "unknown"  # no 2023 report of this unit
    assert found[(DEPT, CASES)].reason == "no_previous"


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        ("新收行政复议案件100件。", "新收行政复议案件150件，同比增长20%。", "mismatch"),
        ("办理行政复议案件100件。", "办理行政复议案件80件，同比下降20%。", "consistent"),
        ("办理行政复议案件100件。", "办理行政复议案件80件，同比增长20%。", "mismatch"),
        ("新收行政复议案件1.0万件。", "新收行政复议案件1.25万件，比上年增长25%。", "consistent"),
        ("新收行政复议案件1万件。", "新收行政复议案件1.3万件，比上年增长25%。", "consistent"),
        (
            "行政争议实质性化解率为85%。",
            "行政争议实质性化解率为80%，较上年提高5个百分点。",
            "mismatch",
        ),
    ],
)
def test_change_verdicts(
    engine: Engine, tmp_path: Path, before: str, after: str, verdict: str
) -> None:
    ingest(
        engine,
        tmp_path / "c",
        {"a.txt": report_text(GOV, 2023, [before]), "b.txt": report_text(GOV, 2024, [after])},
    )
    with engine.connect() as conn:
        [change] = stated_changes(conn, year=2024)
    assert change.verdict == verdict


def test_reductions_that_are_not_year_over_year_are_not_checked(
    engine: Engine, tmp_path: Path
) -> None:
    ingest(
        engine,
        tmp_path / "c",
        {
            "a.txt": report_text(GOV, 2023, ["政务服务事项办件10万件。"]),
            "b.txt": report_text(GOV, 2024, ["政务服务事项办件12万件，压缩办理时限75%。"]),
        },
    )
    with engine.connect() as conn:
        assert stated_changes(conn) == []
