"""The synthetic corpus generator (bench/synth.py): reports the analyser reads as written,
deterministic, distinct, and planted copies that really are in their target."""

from __future__ import annotations

from fazhi import analyze
from store.store_helpers import synth, synth_reports


def test_reports_read_back_as_generated() -> None:
    reports = synth_reports(40)
    for r in reports[:40:3]:
        a = analyze(r.text)
        assert (a.metadata.entity, a.metadata.level, a.metadata.report_year) == (
            r.entity,
            r.level,
            r.year,
        )
        assert [p.section for p in a.parts] == [
            "achievements",
            "responsibility",
            "shortcomings",
            "next_year",
        ]


def test_deterministic_prefix_and_distinct_texts() -> None:
    first = list(synth.generate(12, seed=3))
    again = list(synth.generate(6, seed=3))
    assert [r.text for r in first[:6]] == [r.text for r in again]
    assert len({r.text for r in first}) == 12
    assert len({r.entity for r in first}) == 12 // len(synth.DEFAULT_YEARS) + 1
    assert {r.level for r in synth_reports(60)} == {"county_district", "department"}


def test_planted_copies_are_in_their_targets() -> None:
    reports = list(synth_reports(60))
    planted = synth.plant_copies(reports, 8, seed=1)
    assert len(planted) == 8
    by_name = {r.name: r for r in reports}
    for p in planted:
        assert p.text in by_name[p.dst_name].text
        assert p.text in by_name[p.src_name].text
        src, dst = by_name[p.src_name], by_name[p.dst_name]
        if p.relation == "previous_year":
            assert (src.entity, src.year) == (dst.entity, dst.year - 1)
        else:
            assert src.year == dst.year and src.entity != dst.entity
