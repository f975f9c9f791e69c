"""The pure core: analyze() and its JSON form (spec/output.md)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi import analyze
from fazhi.model import Analysis

TOP = {
    "schema",
    "source",
    "text",
    "metadata",
    "boilerplate",
    "headings",
    "sections",
    "facts",
    "checks",
    "score",
    "errors",
}


def spans_of(d: dict):
    for key in ("boilerplate", "headings", "facts"):
        yield from d[key]
    for check in d["checks"]:
        yield from check["evidence"]


def test_json_has_every_field_of_the_spec(seed_files):
    d = analyze(seed_files[0].read_bytes(), source=str(seed_files[0])).to_dict()
    assert d.keys() >= TOP and d["schema"] == "fazhi.analysis/1"
    assert {"path", "sha256", "format", "encoding"} <= d["source"].keys()
    assert set(d["metadata"]) >= {
        "title",
        "entity",
        "level",
        "report_year",
        "signed_date",
        "publish_date",
    }
    assert set(d["sections"]) == {
        "achievements",
        "responsibility",
        "shortcomings",
        "shortcoming_causes",
        "next_year",
    }
    for h in d["headings"]:
        assert {"level", "marker", "text", "start", "end", "section"} <= h.keys()
    for f in d["facts"]:
        assert {
            "start",
            "end",
            "text",
            "value",
            "unit",
            "qualifier",
            "kind",
            "subject",
            "indicator",
        } <= f.keys()
    json.dumps(d, ensure_ascii=False)


def test_txt_text_is_the_file_exactly_and_every_span_holds(seed_files):
    for path in seed_files:
        raw = path.read_bytes()
        d = analyze(raw, source=str(path)).to_dict()
        assert d["text"] == raw.decode("utf-8")
        for span in spans_of(d):
            assert 0 <= span["start"] <= span["end"] <= len(d["text"])
            if "text" in span and "level" not in span:
                assert d["text"][span["start"] : span["end"]] == span["text"]
        for h in d["headings"]:
            assert d["text"][h["start"] :].startswith(h["marker"])


def test_deterministic_and_same_for_str_and_bytes(seed_files):
    raw = seed_files[1].read_bytes()
    a, b = analyze(raw, source="x.txt").to_dict(), analyze(raw, source="x.txt").to_dict()
    assert a == b
    c = analyze(raw.decode("utf-8"), source="x.txt").to_dict()
    for key in ("metadata", "headings", "sections", "facts", "boilerplate"):
        assert c[key] == a[key]


def test_round_trip_through_json(seed_files):
    a = analyze(seed_files[2].read_bytes(), source="x.txt")
    again = Analysis.from_dict(json.loads(a.to_json()))
    assert again.to_dict() == a.to_dict()


def test_unreadable_bytes_give_an_object_with_errors():
    d = analyze(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, source="scan.png").to_dict()
    assert d["errors"] and "scan.png" in d["errors"][0]
    assert d["text"] == "" and d["facts"] == [] and d["headings"] == []


def test_facts_know_their_part(seed_files):
    a = analyze(seed_files[0].read_bytes(), source="x.txt")
    assert {f.section for f in a.facts} >= {"achievements", "responsibility"}


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="一二三、（）()1.2。，\n年月日件%第率为零报告法治政府存在不足下一步 　",
        max_size=300,
    )
)
def test_any_text_analyses_and_spans_hold(s):
    d = analyze(s).to_dict()
    assert d["text"] == s
    for span in spans_of(d):
        assert 0 <= span["start"] <= span["end"] <= len(s)
