"""The bundled reports: verdicts agree with the hand-made gold, and what the gold records
(parts, causes, dates, figures) decides the verdicts the same way a reader would."""

from __future__ import annotations

import pytest

from fazhi import analyze
from helpers import seed_pairs

PAIRS = seed_pairs()
PART_RULES = {
    "content.achievements": "achievements",
    "content.responsibility": "responsibility",
    "content.shortcomings": "shortcomings",
    "content.next_year": "next_year",
    "content.causes": "shortcoming_causes",
}


@pytest.fixture(scope="module")
def analysed():
    return [(analyze(text), gold) for text, gold in PAIRS]


def _by_rule(a):
    return {c.rule: c for c in a.checks}


def test_content_verdicts_agree_with_the_gold_sections(analysed):
    for a, gold in analysed:
        checks = _by_rule(a)
        for rule, section in PART_RULES.items():
            expected = "pass" if gold["sections"][section] else "fail"
            assert checks[rule].verdict == expected, (gold["file"], rule)


def test_dates_the_gold_records_are_judged_and_shown_others_unknown(analysed):
    for a, gold in analysed:
        checks = _by_rule(a)
        for rule, field in (
            ("timeliness.signed_in_quarter", "signed_date"),
            ("timeliness.published_by_april", "publish_date"),
        ):
            c, iso = checks[rule], gold["metadata"][field]
            if iso is None:
                assert c.verdict == "unknown", (gold["file"], rule)
            else:
                assert c.verdict in ("pass", "fail") and iso in c.message, (gold["file"], rule)


def _gold_breakdowns_that_do_not_add_up(text: str, facts: list[dict]) -> list[tuple[int, ...]]:
    """From the gold facts alone: a figure, 其中 right after it, and two or more exact figures
    of its unit after that in the sentence, adding up to more than it."""
    out = []
    for i, f in enumerate(facts):
        if f["kind"] not in ("count", "money") or "其中" not in text[f["end"] : f["end"] + 6]:
            continue
        stop = text.find("。", f["end"])
        parts = [
            g
            for g in facts[i + 1 :]
            if g["start"] < stop and g["unit"] == f["unit"] and g["kind"] == f["kind"]
        ]
        exact = all(g["qualifier"] == "exact" for g in (f, *parts))
        if len(parts) >= 2 and exact and sum(g["value"] for g in parts) > f["value"]:
            out.append(tuple(g["start"] for g in (f, *parts)))
    return out


def test_breakdowns_that_do_not_add_up_are_flagged_with_every_figure(analysed):
    flagged = 0
    for a, gold in analysed:
        c = _by_rule(a)["consistency.sum_breakdown"]
        wrong = _gold_breakdowns_that_do_not_add_up(a.text, gold["facts"])
        assert (c.verdict == "fail") == bool(wrong), gold["file"]
        if wrong:
            flagged += 1
            assert {e.start for e in c.evidence} == {s for w in wrong for s in w}
            total, *parts = [a.text[e.start : e.end] for e in c.evidence]
            assert all(x in c.message for x in (total, *parts))
    assert flagged >= 1  # the seeds hold at least one such slip (双公示 3625 ≠ 3208 + 418)


def test_every_verdict_of_every_seed_points_into_its_text(analysed):
    for a, _ in analysed:
        assert a.score is not None and 0 < a.score.total <= 100
        for c in a.checks:
            assert "无法执行" not in c.message, c.message
            for e in c.evidence:
                assert 0 <= e.start < e.end <= len(a.text)
