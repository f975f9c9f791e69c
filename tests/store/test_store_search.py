"""Search: two-character queries inside longer words, every filter, snippets that mark the
match, exact pages; the same on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from fazhi.store import service
from fazhi.store.index import set_tokenizer
from fazhi.store.search import snippet
from fazhi.store.service import ServiceError
from fazhi.store.tokens import get_tokenizer
from store.store_helpers import report_text, write_text

GOV = "成都市武侯区人民政府"
DEPT = "杭州市西湖区司法局"


@pytest.fixture
def corpus(store: Engine, tmp_path: Path) -> Engine:
    texts = {
        "gov2023.txt": report_text(
            GOV,
            2023,
            achievements=["全年办理行政复议案件85件，化解行政争议。"],
            shortcomings=["矛盾纠纷多元化解机制还不健全。"],
        ),
        "gov2024.txt": report_text(
            GOV,
            2024,
            achievements=["新收行政复议案件120件，同比增长41%。"],
            shortcomings=["行政复议纠错率偏高，个别单位整改不到位。"],
            next_year=["完善人民调解委员会工作机制。"],
        ),
        "dept2024.txt": report_text(
            DEPT,
            2024,
            achievements=["指导人民调解委员会调处纠纷300件，调解成功率98%。"],
            shortcomings=["基层调解员队伍不稳定。"],
        ),
    }
    for name, body in texts.items():
        write_text(tmp_path / "corpus", name, body)
    assert service.ingest(store, [tmp_path / "corpus"], jobs=1).added == 3
    return store


def found(engine: Engine, query: str, **filters: object) -> set[tuple[str, int, str]]:
    page = service.search(engine, query, limit=100, **filters)  # type: ignore[arg-type]
    return {(h.entity or "", h.year or 0, h.part or "") for h in page.hits}


@pytest.mark.parametrize(
    ("query", "inside"),
    [("复议", "行政复议"), ("调解", "人民调解委员会"), ("化解", "多元化解"), ("纠错", "复议纠错")],
)
def test_two_characters_find_longer_words(corpus: Engine, query: str, inside: str) -> None:
    page = service.search(corpus, query, limit=100)
    assert page.hits
    assert any(inside in h.snippet.text for h in page.hits)
    for h in page.hits:
        s, e = h.snippet.marks[0]
        assert h.snippet.text[s:e] == query


def test_snippet_offsets_point_into_the_report(corpus: Engine) -> None:
    [hit] = service.search(corpus, "纠错率").hits
    stored = service.show(corpus, hit.report_id)
    assert stored is not None
    text = stored.analysis.text
    assert text[hit.offset : hit.offset + 3] == "纠错率"
    assert text[hit.passage_start : hit.passage_end].startswith("行政复议纠错率偏高")
    s, e = hit.snippet.marks[0]
    assert text[hit.snippet.start + s : hit.snippet.start + e] == "纠错率"


def test_all_terms_must_be_in_one_passage(corpus: Engine) -> None:
    assert found(corpus, "行政复议 纠错") == {(GOV, 2024, "shortcomings")}
    assert found(corpus, "复议 委员会") == set()  # in one report, but not one paragraph


def test_filters(corpus: Engine) -> None:
    assert found(corpus, "复议", year=2023) == {(GOV, 2023, "achievements")}
    assert found(corpus, "调解", part="next_year") == {(GOV, 2024, "next_year")}
    assert found(corpus, "调解", level="department") == {
        (DEPT, 2024, "achievements"),
        (DEPT, 2024, "shortcomings"),
    }
    assert {e for e, _, _ in found(corpus, "调解", entity="西湖区")} == {DEPT}
    assert found(corpus, "纠纷", indicator="disputes.mediation_success_rate") == {
        (DEPT, 2024, "achievements")
    }
    assert found(corpus, "复议", year=2024, part="shortcomings", entity="武侯") == {
        (GOV, 2024, "shortcomings")
    }


def test_pages_are_exact_and_disjoint(corpus: Engine) -> None:
    every = service.search(corpus, "法治", limit=100).hits
    assert len(every) >= 6
    pages = [service.search(corpus, "法治", limit=2, offset=o) for o in range(0, len(every), 2)]
    assert all(p.has_more for p in pages[:-1]) and not pages[-1].has_more
    keys = [(h.report_id, h.passage_start) for p in pages for h in p.hits]
    assert keys == [(h.report_id, h.passage_start) for h in every]


def test_a_single_character_and_nonsense(corpus: Engine) -> None:
    assert found(corpus, "纠") >= {(GOV, 2024, "shortcomings")}
    assert found(corpus, "不存在的词语") == set()
    with pytest.raises(ServiceError):
        service.search(corpus, "复议", part="summary")
    with pytest.raises(ServiceError):
        service.search(corpus, "复议", indicator="no.such_indicator")


def test_jieba_tokens_miss_what_bigrams_find(store: Engine, tmp_path: Path) -> None:
    """The measured alternative: jieba's search mode cuts 多元化解 as 多元/多元化/解, so 化解
    is not found there; the bigram index finds it (test_two_characters_find_longer_words)."""
    set_tokenizer(store, "jieba")
    path = write_text(tmp_path, "r.txt", report_text(GOV, 2024, ["建立矛盾纠纷多元化解机制。"]))
    service.ingest(store, [path], jobs=1)
    assert found(store, "多元化解")
    assert not any("多元化解" in h.snippet.text for h in service.search(store, "化解").hits)


def test_marks_stay_on_the_matched_characters_whatever_the_case() -> None:
    text = "İzmir 代表团与 NPC 代表座谈，npc 建议 12 件。"
    terms = get_tokenizer("bigram").query("Npc 代表")
    snip = snippet(text, 0, len(text), terms)
    assert [snip.text[s:e] for s, e in snip.marks] == ["代表", "NPC", "代表", "npc"]


@pytest.fixture
def ranked(store: Engine, tmp_path: Path) -> Engine:
    """Three units' reports stored oldest first; the oldest's passage is about 行政复议, the
    others mention it among much else."""
    saying = {
        "a_old.txt": ("甲县人民政府", "深化行政复议体制改革。"),
        "b_mid.txt": (
            "乙县人民政府",
            "全年组织普法宣传活动120场，开展执法检查46次，办理人大代表建议38件、政协提案41件，"
            "收到行政复议申请35件，调解纠纷260件，法律援助案件88件，群众满意度持续提升。",
        ),
        "c_new.txt": (
            "丙县人民政府",
            "积极推进执法规范化建设，运用行政复议、调解等多种方式化解争议，效果良好。",
        ),
    }
    for name, (entity, sentence) in saying.items():
        write_text(tmp_path / "r", name, report_text(entity, 2024, achievements=[sentence]))
        assert service.ingest(store, [tmp_path / "r" / name], jobs=1).added == 1
    return store


def _entities(engine: Engine, order: str, *, limit: int = 10, offset: int = 0) -> list[str]:
    page = service.search(engine, "行政复议", order=order, limit=limit, offset=offset)  # type: ignore[arg-type]
    return [h.entity or "" for h in page.hits]


def test_relevance_puts_the_passage_about_the_words_first(ranked: Engine) -> None:
    assert _entities(ranked, "newest") == ["丙县人民政府", "乙县人民政府", "甲县人民政府"]
    assert _entities(ranked, "relevance") == ["甲县人民政府", "丙县人民政府", "乙县人民政府"]


def test_relevance_ranks_the_newest_matches_then_lists_the_older(
    ranked: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fazhi.store.index.RELEVANCE_WINDOW", 2)
    whole = _entities(ranked, "relevance")
    assert sorted(whole[:2]) == ["丙县人民政府", "乙县人民政府"] and whole[2] == "甲县人民政府"
    assert [_entities(ranked, "relevance", limit=1, offset=i) for i in range(4)] == [
        *([e] for e in whole),
        [],
    ]
