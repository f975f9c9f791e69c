"""Outline headings: markers of levels 1–3 in their many real forms, and what is not a heading."""

from __future__ import annotations

import pytest

from fazhi.parse.boilerplate import find_boilerplate
from fazhi.parse.outline import find_headings, match_marker
from helpers import indent_lines, restyle_markers, seed_pairs


def heads(text: str) -> list[tuple[int, str, str]]:
    return [(h.level, h.marker, h.text) for h in find_headings(text, find_boilerplate(text))]


def test_three_levels_full_and_half_width():
    text = (
        "一、主要举措和成效\n（一）健全依法决策机制。全年审查合同42件。\n1.规范决策程序\n"
        "2、加强合法性审查\n(二)深化执法改革\n（1）推行三项制度\n(2)开展案卷评查\n"
        "１．全角数字标题\n二、存在的不足\n"
    )
    assert heads(text) == [
        (1, "一、", "主要举措和成效"),
        (2, "（一）", "健全依法决策机制"),
        (3, "1.", "规范决策程序"),
        (3, "2、", "加强合法性审查"),
        (2, "(二)", "深化执法改革"),
        (3, "（1）", "推行三项制度"),
        (3, "(2)", "开展案卷评查"),
        (3, "１．", "全角数字标题"),
        (1, "二、", "存在的不足"),
    ]


def test_indented_markers_start_at_the_marker():
    text = "前言。\n\u3000\u3000一、主要成效\n  （一）依法决策\n\u2002\u20021.审查合同\n"
    found = find_headings(text)
    assert [h.level for h in found] == [1, 2, 3]
    for h in found:
        assert text[h.start : h.start + len(h.marker)] == h.marker


def test_heading_that_runs_into_its_paragraph():
    text = "一、主要举措\n1.完善决策机制。严格落实重大行政决策程序，审查决策事项12件。\n"
    h = find_headings(text)[1]
    assert (h.level, h.text) == (3, "完善决策机制")
    assert text[h.start : h.end] == "1.完善决策机制"


@pytest.mark.parametrize(
    "line",
    [
        "一是强化队伍建设，二是规范执法行为。",
        "2024年，全区受理行政复议案件120件。",
        "1.5万件行政许可事项全部网上办理。",
        "12345热线受理群众诉求3万件。",
        "2021—2025年规划有序推进。",
        "10%的案件经过复议前置。",
        "（2024年版）清单已经发布。",
    ],
)
def test_line_starts_that_are_not_headings(line):
    assert heads("一、主要成效\n" + line + "\n") == [(1, "一、", "主要成效")]


def test_a_stray_number_out_of_sequence_is_dropped():
    text = "一、成效\n1.第一项\n2.第二项\n3.第三项\n2.这里是正文中碰巧以2.开头的一行\n4.第四项\n"
    assert [h.text for h in find_headings(text)] == ["成效", "第一项", "第二项", "第三项", "第四项"]


def test_match_marker_numbers():
    assert match_marker("十二、其他").number == 12
    assert match_marker("（十）安排").number == 10
    assert match_marker("11.事项").number == 11
    assert match_marker("一、") is None  # a marker with nothing after it is not a heading


@pytest.mark.parametrize(
    "style",
    [
        {2: "（{c}）", 3: "{n}、"},
        {2: "({c})", 3: "（{n}）"},
        {1: "{c}、", 2: "（{c}）", 3: "({n})"},
    ],
)
def test_seeds_with_other_marker_styles(style):
    for text, gold in seed_pairs():
        restyled = restyle_markers(text, gold, style)
        found = find_headings(restyled, find_boilerplate(restyled))
        assert [h.level for h in found] == [h["level"] for h in gold["headings"]], gold["file"]
        for h, g in zip(found, gold["headings"], strict=True):
            assert h.text.startswith(g["text"][:6]), (h.text, g["text"])


def test_seeds_indented_with_ideographic_spaces():
    for text, gold in seed_pairs():
        found = find_headings(indent_lines(text))
        assert [h.level for h in found] == [h["level"] for h in gold["headings"]], gold["file"]


def test_seeds_with_crlf_line_ends_keep_offsets():
    for text, gold in seed_pairs():
        crlf = text.replace("\n", "\r\n")
        found = find_headings(crlf, find_boilerplate(crlf))
        assert len(found) == len(gold["headings"])
        for h in found:
            assert crlf[h.start : h.start + len(h.marker)] == h.marker
