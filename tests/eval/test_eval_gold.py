"""On the five seeds the analyser meets the targets of the issues (measured against gold)."""

from __future__ import annotations

from fazhi import analyze
from fazhi.eval import META_FIELDS, Tally, score_report, summary
from helpers import seed_pairs


def figures() -> dict:
    tally = Tally()
    for text, gold in seed_pairs():
        score_report(analyze(text, source=gold["file"]), gold, tally, gold["file"])
    return summary(tally)


def test_seed_targets():
    s = figures()
    for field in META_FIELDS:
        assert s[f"metadata.{field}"] == 1.0, field
    assert s["headings.f1"] == 1.0
    assert s["sections.accuracy"] == 1.0 and s["heading_sections.accuracy"] == 1.0
    assert s["boilerplate.overlap"] >= 0.95
    assert s["facts.f1"] >= 0.97
    assert s["facts.qualifier_accuracy"] >= 0.97 and s["facts.kind_accuracy"] >= 0.97
    assert s["facts.indicator_accuracy"] >= 0.90


def test_scoring_rule_for_optional_facts():
    """A found fact over an optional gold fact counts neither way; a wrong value is a miss."""
    text = "办理案件12件，另有三个。"
    gold = {
        "metadata": {f: None for f in META_FIELDS},
        "headings": [],
        "boilerplate": [],
        "sections": {
            k: False
            for k in (
                "achievements",
                "responsibility",
                "shortcomings",
                "shortcoming_causes",
                "next_year",
            )
        },
        "facts": [
            {
                "start": 4,
                "end": 7,
                "text": "12件",
                "value": 13,
                "unit": "件",
                "qualifier": "exact",
                "kind": "count",
                "subject": "案件",
                "indicator": None,
            },
        ],
    }
    tally = Tally()
    score_report(analyze(text), gold, tally, "t")
    assert tally.counts["facts.fn"] == 1 and tally.counts["facts.fp"] == 1
