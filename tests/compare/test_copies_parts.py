"""The pieces of copy detection: entity names, the normal form, formulas, MinHash signatures, and
the copies that only MinHash LSH finds."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest
from copies_corpus import WORDS, corpus
from datasketch import MinHash

from fazhi.compare.copies import (
    CopySettings,
    _own_names,
    _signatures,
    _units,
    _window_shingles,
    entity_key,
    find_copies,
)
from fazhi.compare.formulas import default_formulas, normalise


@pytest.mark.parametrize(
    ("names", "same"),
    [
        (("重庆市南岸区人民政府", "南岸区人民政府", "南岸区", "重庆市 南岸区 人民政府"), True),
        (("重庆市南岸区城市管理局", "南岸区城市管理局"), True),
        (("乐山市五通桥区人民政府", "四川省乐山市五通桥区"), True),
        (("重庆市南岸区人民政府", "重庆市南岸区司法局"), False),
        (("南岸区人民政府", "江北区人民政府"), False),
        (("甲子东区人民政府", "东区人民政府"), False),  # 东区 is a division, 甲子东区 is not
    ],
)
def test_entity_key(names: tuple[str, ...], same: bool) -> None:
    keys = {entity_key(n) for n in names}
    assert (len(keys) == 1) == same
    assert entity_key(None) is None and entity_key("") is None


def test_normal_form() -> None:
    assert (
        normalise("２０２４年，ＡＢＣ 法治（一）“放管服”；4.71万件")
        == "2024年abc法治一放管服471万件"
    )


@pytest.mark.parametrize(
    ("clause", "formula"),
    [
        ("坚持以习近平新时代中国特色社会主义思想为指导", True),
        ("全面贯彻落实党的二十大和二十届二中、三中全会精神", True),
        ("2025年，我区将以习近平法治思想为指引", True),
        ("现将有关情况报告如下：", True),
        ("把习近平法治思想纳入全县党校干部教育培训规划重要内容", False),
        ("全年办理行政复议案件365件", False),
    ],
)
def test_formula_clauses(clause: str, formula: bool) -> None:
    assert default_formulas().is_formula(normalise(clause)) is formula


def test_a_units_own_name_makes_its_title_and_signature_formulas() -> None:
    f, names = default_formulas(), _own_names("重庆市南岸区人民政府")
    assert f.is_formula(normalise("重庆市南岸区人民政府"), names)
    assert f.is_formula(normalise("南岸区关于2024年度法治政府建设工作情况的报告"), names)
    assert f.is_formula(normalise("2025年，南岸区将坚持以习近平法治思想为指引"), names)
    assert not f.is_formula(normalise("南岸区新建公共法律服务站12个"), names)


def test_signatures_are_datasketch_minhashes() -> None:
    settings = CopySettings.from_formulas(default_formulas())
    text = corpus(1, seed=3)[0].text
    windows, shingles, first = _window_shingles(
        _units(text, [], None, default_formulas()), settings
    )
    assert len(windows) > 3
    sig = _signatures(shingles, first, settings.num_perm)
    ends = [*first[1:].tolist(), len(shingles)]
    for row, lo, hi in zip(sig, first.tolist(), ends, strict=True):
        m = MinHash(num_perm=settings.num_perm, hashfunc=lambda v: v)
        m.update_batch(shingles[lo:hi].tolist())
        assert np.array_equal(row, m.hashvalues)


def _retouched(rng: random.Random) -> tuple[str, str]:
    """A paragraph of long clauses, and a copy in which every clause has one word replaced: no
    clause is left as it was, so only the paragraph's shingles show the copy."""
    clauses = ["".join(rng.choice(WORDS) for _ in range(9)) for _ in range(4)]
    copy = []
    for c in clauses:
        word = next(w for w in WORDS if w in c[8:])
        copy.append(c[:8] + c[8:].replace(word, "调研走访", 1))
    return "，".join(clauses) + "。", "，".join(copy) + "。"


def test_a_copy_edited_in_every_clause_is_found_by_lsh_only() -> None:
    reports = corpus(30, seed=61)
    original, copy = _retouched(random.Random(62))
    reports[4].paragraphs.insert(1, original)
    reports[9].paragraphs.insert(3, copy)
    docs = [r.doc() for r in reports]
    result = find_copies(docs)
    assert [(c.a, c.b) for c in result.pairs] == [(4, 9)]
    c = result.pairs[0]
    assert c.similarity >= 0.8
    assert reports[9].text[c.b_start : c.b_end] in copy
    assert result.stats["lsh_candidates"] >= 1 and result.stats["exact_candidates"] == 0
    f = default_formulas()
    no_lsh = replace(f, copies={**f.copies, "min_bands": 1000})
    assert find_copies(docs, formulas=no_lsh).pairs == []
