"""Copy detection on a corpus written for it: reports whose sentences are random, so that they
share nothing but the political formulas every report repeats; then paragraphs planted from one
report into another, some verbatim, some with a figure changed, some with a clause dropped."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from copies_corpus import NAMES, SHARED, Plant, Report, corpus, edit, plant

from fazhi.compare.copies import CopyResult, find_copies


def _overlaps(text: str, start: int, end: int, paragraph: str) -> bool:
    at = text.index(paragraph)
    return min(end, at + len(paragraph)) - max(start, at) >= 0.5 * len(paragraph)


def _found(result: CopyResult, texts: dict[int, str], p: Plant) -> bool:
    for c in result.pairs:
        spans = {c.a: (c.a_start, c.a_end), c.b: (c.b_start, c.b_end)}
        if set(spans) == {p.src, p.dst} and _overlaps(texts[p.dst], *spans[p.dst], p.dst_paragraph):
            return _overlaps(texts[p.src], *spans[p.src], p.src_paragraph)
    return False


@pytest.fixture(scope="module")
def planted() -> tuple[list[Report], list[Plant], CopyResult]:
    reports = corpus(200, seed=7)
    plants = plant(reports, 40, seed=8)
    return reports, plants, find_copies([r.doc() for r in reports])


def test_finds_planted_paragraphs(planted: tuple[list[Report], list[Plant], CopyResult]) -> None:
    reports, plants, result = planted
    texts = {r.report_id: r.text for r in reports}
    found = [p for p in plants if _found(result, texts, p)]
    assert len(found) / len(plants) >= 0.95
    for kind in ("verbatim", "figure", "clause"):
        assert any(p.edit == kind for p in found)


def test_reports_nothing_but_planted_pairs(
    planted: tuple[list[Report], list[Plant], CopyResult],
) -> None:
    """Every report opens with the formulas and many repeat a shared sentence: none of that is
    a copy, so every pair reported is a planted one."""
    _, plants, result = planted
    truth = {frozenset((p.src, p.dst)) for p in plants}
    assert result.pairs
    assert {frozenset((c.a, c.b)) for c in result.pairs} <= truth
    assert all(c.relation == "same_year" and c.similarity >= 0.8 for c in result.pairs)


def test_copies_lie_within_planted_paragraphs(
    planted: tuple[list[Report], list[Plant], CopyResult],
) -> None:
    """The opening and the plans, made of formulas in every report, are never part of a copy;
    a formula sentence inside a copied paragraph may be, as the paragraph was copied whole."""
    reports, plants, result = planted
    texts = {r.report_id: r.text for r in reports}
    paragraphs = {p.src: p.src_paragraph for p in plants} | {p.dst: p.dst_paragraph for p in plants}
    for c in result.pairs:
        for rid, start, end in ((c.a, c.a_start, c.a_end), (c.b, c.b_start, c.b_end)):
            assert texts[rid][start:end] in paragraphs[rid]
            assert texts[rid][start:end].replace(SHARED, "")


def test_share_counts_copied_text_only(
    planted: tuple[list[Report], list[Plant], CopyResult],
) -> None:
    reports, plants, result = planted
    involved = {p.src for p in plants} | {p.dst for p in plants}
    assert set(result.share) == {r.report_id for r in reports}
    assert all(result.share[r.report_id] == 0.0 for r in reports if r.report_id not in involved)
    # A planted paragraph is one of 7 to 11 paragraphs, next to formulas that do not count.
    shares = [result.share[p.dst] for p in plants]
    assert sum(s > 0.0 for s in shares) >= 0.95 * len(shares)
    assert all(s < 0.4 for s in shares)


def test_previous_year_of_the_same_entity_only() -> None:
    """A unit repeating its own last report (figures updated) is found as previous_year, with
    the later report as ``a``; text from another unit's report of last year is out of scope."""
    old = corpus(30, seed=11, year=2023)
    new = [
        replace(r, report_id=r.report_id + 100, year=2024, paragraphs=list(r.paragraphs))
        for r in corpus(30, seed=12, year=2024)
    ]
    for r in new:
        r.entity = f"{NAMES[r.report_id - 100]}区人民政府"
    repeated = edit(old[3].paragraphs[1], "figure", random.Random(1))
    new[3].paragraphs.insert(2, repeated)  # same unit, a year later
    new[5].paragraphs.insert(0, old[9].paragraphs[0])  # another unit's last report
    result = find_copies([r.doc() for r in old + new])
    assert [(c.a, c.b, c.relation) for c in result.pairs] == [(103, 3, "previous_year")]
    c = result.pairs[0]
    assert new[3].text[c.a_start : c.a_end] in repeated
    assert c.a_end - c.a_start >= 0.8 * len(repeated)
    assert result.share[103] > 0 and result.share[3] == 0.0


def test_same_entity_is_not_compared_within_a_year() -> None:
    """南岸区人民政府 and 重庆市南岸区人民政府 are one entity: two versions of its report are not
    a copy of each other, but the same text under another unit's name is. (Thirty reports, so
    that the phrases all of them share count as formulas, as in any real corpus.)"""
    base = corpus(30, seed=21)
    twin = replace(base[0], report_id=50, paragraphs=list(base[0].paragraphs))
    base[0].entity, twin.entity = "南岸区人民政府", "重庆市南岸区人民政府"
    other = replace(twin, report_id=51, entity="江津区人民政府")
    result = find_copies([r.doc() for r in [*base, twin, other]])
    assert {(c.a, c.b) for c in result.pairs} == {(0, 51), (50, 51)}


def test_fetch_gives_the_same_result() -> None:
    reports = corpus(40, seed=31)
    plant(reports, 6, seed=32)
    texts = {r.report_id: r.text for r in reports}
    asked: list[int] = []

    def fetch(report_id: int) -> str:
        asked.append(report_id)
        return texts[report_id]

    kept = find_copies([r.doc() for r in reports])
    fetched = find_copies([r.doc() for r in reports], fetch=fetch)
    assert fetched.pairs == kept.pairs and fetched.share == kept.share
    assert set(asked) <= set(texts)


def test_corpus_must_come_sorted_by_year() -> None:
    a, b = corpus(1, seed=41, year=2024)[0], corpus(1, seed=42, year=2023, first_id=1)[0]
    with pytest.raises(ValueError, match="sorted by year"):
        find_copies([a.doc(), b.doc()])
    with pytest.raises(ValueError, match="twice"):
        find_copies([a.doc(), a.doc()])


def test_undated_reports_are_set_aside() -> None:
    reports = corpus(30, seed=51)
    undated = replace(reports[0].doc(), report_id=999, year=None)
    result = find_copies([undated, *(r.doc() for r in reports)])
    assert result.undated == [999]
    assert 999 not in result.share and not result.pairs
