"""The dashboard's numbers: places of units, each report's figure per indicator, the
aggregates under filters, and the frame rebuilt when (and only when) the store changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.store.service import ingest, remove
from fazhi.web.dashboard import Filters, build, histogram, ranking
from fazhi.web.frame import Frame, FrameCache, IndicatorValue, Row, place_of, report_value
from helpers import SEEDS


@pytest.mark.parametrize(
    ("entity", "level", "region", "parent"),
    [
        ("重庆市南岸区城市管理局", "department", "重庆市", "重庆市南岸区"),
        ("重庆市南岸区人民政府", "county_district", "重庆市", "重庆市"),
        ("乐山市五通桥区人民政府", "county_district", "四川省", "四川省乐山市"),
        ("乐山市人民政府", "city", "四川省", "四川省"),
        ("四川省人民政府", "province", "四川省", None),
        ("某某镇人民政府", "township", None, None),
        (None, None, None, None),
    ],
)
def test_a_units_place(
    entity: str | None, level: str | None, region: str | None, parent: str | None
) -> None:
    place = place_of(entity, level)
    assert (place.region, place.parent) == (region, parent)


def test_a_reports_figure_is_chosen_as_the_compare_tables_choose() -> None:
    counts = [
        (2, 40.0, "件", "count", 20, 23),
        (1, 365.0, "件", "count", 5, 9),
        (3, 365.0, "件", "count", 50, 54),
    ]
    assert report_value(counts) == IndicatorValue(365.0, "件", 5, 9)
    rates = [(7, 99.0, "%", "rate", 70, 73), (4, 85.0, "%", "rate", 40, 43)]
    assert report_value(rates).value == 85.0


def row(rid: int, entity: str, year: int, score: float | None, **kw: object) -> Row:
    values: dict = dict(
        level="county_district", region="重庆市", parent="重庆市", timeliness="on_time", missing=()
    )
    values.update(kw)
    return Row(rid, entity, year=year, score=score, **values)


def frame_of(rows: list[Row], values: dict | None = None) -> Frame:
    return Frame(rows, {r.id: r for r in rows}, {"content.causes": "不足的原因"}, values or {})


def test_units_are_ranked_by_their_latest_report() -> None:
    rows = [
        row(1, "甲区", 2022, 95.0),
        row(2, "甲区", 2023, 60.0),
        row(3, "乙区", 2023, 70.0),
        row(4, "丙区", 2023, None),
    ]
    ranked = ranking(rows)
    assert [(r.rank, r.entity, r.score) for r in ranked] == [
        (1, "乙区", 70.0),
        (2, "甲区", 60.0),
        (3, "丙区", None),
    ]


def test_histogram_buckets_include_both_ends() -> None:
    assert histogram([0.0, 9.99, 10.0, 55.0, 100.0]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]


def test_dashboard_aggregates_under_filters() -> None:
    rows = [
        row(1, "甲区", 2023, 80.0, timeliness="late", missing=("content.causes",)),
        row(2, "乙区", 2023, 60.0, timeliness="unknown"),
        row(3, "丙局", 2023, 70.0, level="department", parent="重庆市丙区"),
        row(4, "丁区", 2022, 90.0, region="四川省", parent="四川省乐山市"),
    ]
    values = {
        "disputes.reconsideration_cases": {
            1: IndicatorValue(100, "件", 0, 1),
            2: IndicatorValue(20, "件", 0, 1),
            4: IndicatorValue(7, "件", 0, 1),
        },
        "disputes.head_appearance_rate": {
            1: IndicatorValue(100, "%", 0, 1),
            3: IndicatorValue(80, "%", 0, 1),
        },
    }
    board = build(frame_of(rows, values), Filters(year=2023))
    assert (board.reports, board.units, board.on_time, board.late, board.timeliness_unknown) == (
        3,
        3,
        1,
        1,
        1,
    )
    assert [(m.rule, m.reports) for m in board.missing_parts if m.reports] == [
        ("content.causes", 1)
    ]
    assert board.missing_parts[3].title == "不足的原因"
    assert (board.score_mean, board.score_median) == (70.0, 70.0)
    assert [r.entity for r in board.strongest] == ["甲区", "丙局"] and [
        r.entity for r in board.weakest
    ] == ["乙区"]
    totals = {t.indicator: (t.reports, t.total, t.mean) for t in board.indicators}
    assert totals == {
        "disputes.reconsideration_cases": (2, 120, None),
        "disputes.head_appearance_rate": (2, None, 90.0),
    }
    assert build(frame_of(rows, values), Filters(region="四川省")).reports == 1
    assert [r.entity for r in build(frame_of(rows), Filters(parent="重庆市丙区")).ranking] == [
        "丙局"
    ]
    assert build(frame_of(rows), Filters(level="department", year=2022)).reports == 0


def test_the_frame_follows_the_store(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from web.web_helpers import app_on_copy

    engine = app_on_copy(corpus, tmp_path).state.ctx.engine
    cache = FrameCache(engine, ttl=3600)
    first = cache.frame()
    assert len(first.rows) == 5 and cache.frame() is first
    assert cache.computed("k", lambda f: len(f.rows)) == 5
    assert cache.computed("k", lambda f: -1) == 5  # remembered for this frame
    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8") + "\n（另附）"
    (tmp_path / "new.txt").write_text(text, encoding="utf-8")
    summary = ingest(engine, [tmp_path / "new.txt"], jobs=1)
    assert summary.added == 1, summary
    assert cache.frame() is first  # within the ttl, and this process was not told
    cache.touch()
    second = cache.frame()
    assert len(second.rows) == 6 and cache.computed("k", lambda f: -1) == -1
    remove(engine, second.rows[0].id)
    cache.touch()
    assert len(cache.frame().rows) == 5


def test_requests_are_answered_from_the_old_frame_while_a_new_one_is_built(
    corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from fazhi.web import frame as frame_module
    from web.web_helpers import app_on_copy

    engine = app_on_copy(corpus, tmp_path).state.ctx.engine
    cache = FrameCache(engine, ttl=3600)
    old = cache.frame()
    started, release = threading.Event(), threading.Event()
    real_build = frame_module.build_frame

    def slow_build(e):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real_build(e)

    monkeypatch.setattr(frame_module, "build_frame", slow_build)
    monkeypatch.setattr(frame_module, "fingerprint", lambda e: ("changed",))
    cache.touch()
    builder = threading.Thread(target=cache.frame)
    builder.start()
    assert started.wait(10)
    assert cache.frame() is old  # not blocked behind the builder
    release.set()
    builder.join(10)
    new = cache.frame()
    assert new is not old and len(new.rows) == len(old.rows)
