"""Word list numbering rendered as the labels Word draws (一、 （一） 1. ①), counted like Word."""

from __future__ import annotations

import pytest
from lxml import etree

from fazhi.ingest.numbering import Numbering, W, format_number

NS = f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def xml(body: str, root: str = "numbering") -> etree._Element:
    return etree.fromstring(f"<w:{root} {NS}>{body}</w:{root}>")


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'
    )


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, start: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'


def p_pr(num_id: int | None = None, ilvl: int | None = None, style: str | None = None):
    parts = [f'<w:pStyle w:val="{style}"/>' if style else ""]
    if num_id is not None or ilvl is not None:
        parts.append("<w:numPr>")
        parts.append(f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        parts.append(f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
        parts.append("</w:numPr>")
    return xml("".join(parts), root="pPr")


# 一、 / （一） / 1. with no gap, as the outline of a report
OUTLINE = abstract(
    0,
    lvl(0, "chineseCounting", "%1、"),
    lvl(1, "chineseCounting", "（%2）"),
    lvl(2, "decimal", "%3."),
)


def labels(numbering: Numbering, paragraphs: list) -> list[str]:
    return [numbering.label(p) for p in paragraphs]


def test_outline_counts_and_restarts_lower_levels():
    numbering = Numbering(xml(OUTLINE + num(1, 0)), None)
    levels = [0, 1, 2, 2, 1, 2, 0, 1, 1, 2]
    assert labels(numbering, [p_pr(1, i) for i in levels]) == [
        "一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）", "（二）", "1."
    ]  # fmt: skip


def test_unnumbered_and_num_zero_paragraphs_do_not_count():
    numbering = Numbering(xml(OUTLINE + num(1, 0)), None)
    got = labels(numbering, [p_pr(1, 0), None, p_pr(), p_pr(0, 0), p_pr(1, 0)])
    assert got == ["一、", "", "", "", "二、"]


def test_nums_sharing_an_abstract_share_counters():
    numbering = Numbering(xml(OUTLINE + num(1, 0) + num(2, 0)), None)
    assert labels(numbering, [p_pr(1, 0), p_pr(1, 0), p_pr(2, 0)]) == ["一、", "二、", "三、"]


def test_start_override_restarts_a_list_of_its_own():
    numbering = Numbering(xml(OUTLINE + num(1, 0) + num(2, 0, start_override(0, 5))), None)
    got = labels(numbering, [p_pr(1, 0), p_pr(1, 0), p_pr(2, 0), p_pr(2, 0), p_pr(2, 1)])
    assert got == ["一、", "二、", "五、", "六、", "（一）"]


def test_level_override_replaces_the_level():
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "upperRoman", "%1.", start=3)}</w:lvlOverride>'
    numbering = Numbering(xml(OUTLINE + num(1, 0, override)), None)
    assert labels(numbering, [p_pr(1, 0), p_pr(1, 0)]) == ["III.", "IV."]


def test_multilevel_text_and_legal_numbering():
    body = abstract(
        0,
        lvl(0, "chineseCounting", "第%1章"),
        lvl(1, "decimal", "%1.%2", extra='<w:suff w:val="space"/>'),
        lvl(2, "decimal", "%1.%2.%3", extra='<w:isLgl/><w:suff w:val="nothing"/>'),
    )
    numbering = Numbering(xml(body + num(1, 0)), None)
    got = labels(numbering, [p_pr(1, 0), p_pr(1, 1), p_pr(1, 2), p_pr(1, 0), p_pr(1, 1)])
    # 第一章 keeps a space (tab suffix, bare label); %1 of a Chinese level shows as Chinese
    # except where the level is "legal" (isLgl), which shows every number in decimal.
    assert got == ["第一章 ", "一.1 ", "1.1.1", "第二章 ", "二.1 "]


def test_lvl_restart_zero_never_restarts():
    body = abstract(
        0,
        lvl(0, "chineseCounting", "%1、"),
        lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
    )
    numbering = Numbering(xml(body + num(1, 0)), None)
    got = labels(numbering, [p_pr(1, 0), p_pr(1, 1), p_pr(1, 1), p_pr(1, 0), p_pr(1, 1)])
    assert got == ["一、", "1.", "2.", "二、", "3."]


def test_unstarted_higher_level_shows_its_start_value():
    body = abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"))
    numbering = Numbering(xml(body + num(1, 0)), None)
    assert labels(numbering, [p_pr(1, 1), p_pr(1, 1)]) == ["1.1 ", "1.2 "]


STYLES = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1Red"><w:basedOn w:val="H1"/></w:style>
</w:styles>"""


def test_numbering_from_paragraph_style_and_its_base():
    body = abstract(
        0,
        lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="H1"/>'),
        lvl(1, "chineseCounting", "（%2）"),
    )
    numbering = Numbering(xml(body + num(1, 0)), etree.fromstring(STYLES))
    got = labels(
        numbering,
        [
            p_pr(style="H1"),  # level from the abstractNum's lvl/pStyle
            p_pr(style="H2"),  # level from the style's own ilvl
            p_pr(style="H1Red"),  # inherited through basedOn
            p_pr(style="Normal"),
            p_pr(0, None, style="H1"),  # numId 0 switches the style's numbering off
            p_pr(None, 1, style="H1"),  # direct ilvl, numId from the style
        ],
    )
    assert got == ["一、", "（一）", "二、", "", "", "（一）"]


def test_num_style_link_is_followed():
    body = (
        abstract(0, lvl(0, "chineseCounting", "%1、"))
        + abstract(1, extra='<w:numStyleLink w:val="ListCN"/>')
        + num(1, 0)
        + num(2, 1)
    )
    styles = f"""<w:styles {NS}><w:style w:type="numbering" w:styleId="ListCN">
<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"""
    numbering = Numbering(xml(body), etree.fromstring(styles))
    assert labels(numbering, [p_pr(2, 0), p_pr(2, 0)]) == ["一、", "二、"]


def test_alternate_content_number_format_uses_the_fallback():
    level = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent>'
        '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/>'
        '</mc:Choice><mc:Fallback><w:numFmt w:val="chineseCounting"/></mc:Fallback>'
        '</mc:AlternateContent><w:lvlText w:val="%1、"/></w:lvl>'
    )
    numbering = Numbering(xml(abstract(0, level) + num(1, 0)), None)
    assert labels(numbering, [p_pr(1, 0), p_pr(1, 0)]) == ["一、", "二、"]


def test_bullets_are_not_numbers():
    body = abstract(
        0,
        lvl(0, "bullet", "●"),
        lvl(1, "bullet", "\uf0b7"),  # Symbol-font bullet: a private-use character
    )
    numbering = Numbering(xml(body + num(1, 0)), None)
    assert labels(numbering, [p_pr(1, 0), p_pr(1, 0), p_pr(1, 1)]) == ["● ", "● ", ""]


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("%1、", "tab", "一、"),
        ("（%1）", "tab", "（一）"),
        ("第%1条", "tab", "第一条 "),
        ("第%1条", "nothing", "第一条"),
        ("%1、", "space", "一、 "),
    ],
)
def test_suffix_after_label(text, suffix, expected):
    body = abstract(0, lvl(0, "chineseCounting", text, extra=f'<w:suff w:val="{suffix}"/>'))
    numbering = Numbering(xml(body + num(1, 0)), None)
    assert numbering.label(p_pr(1, 0)) == expected


def test_undefined_num_or_level_gives_no_label():
    numbering = Numbering(xml(OUTLINE + num(1, 0)), None)
    assert labels(numbering, [p_pr(7, 0), p_pr(1, 5)]) == ["", ""]


FORMATS = {
    "decimal": ["1", "2", "10", "11", "20", "100"],
    "decimalZero": ["01", "02", "10", "11", "20", "100"],
    "decimalFullWidth": ["１", "２", "１０", "１１", "２０", "１００"],
    "decimalFullWidth2": ["１", "２", "１０", "１１", "２０", "１００"],
    "chineseCounting": ["一", "二", "十", "十一", "二十", "一〇〇"],
    "chineseCountingThousand": ["一", "二", "十", "十一", "二十", "一百"],
    "chineseLegalSimplified": ["壹", "贰", "壹拾", "壹拾壹", "贰拾", "壹佰"],
    "ideographTraditional": ["甲", "乙", "癸", "甲", "癸", "癸"],
    "ideographZodiac": ["子", "丑", "酉", "戌", "未", "卯"],
    "decimalEnclosedCircle": ["①", "②", "⑩", "⑪", "⑳", "100"],
    "decimalEnclosedCircleChinese": ["①", "②", "⑩", "⑪", "⑳", "100"],
    "decimalEnclosedParen": ["⑴", "⑵", "⑽", "⑾", "⒇", "(100)"],
    "lowerLetter": ["a", "b", "j", "k", "t", "vvvv"],
    "upperLetter": ["A", "B", "J", "K", "T", "VVVV"],
    "lowerRoman": ["i", "ii", "x", "xi", "xx", "c"],
    "upperRoman": ["I", "II", "X", "XI", "XX", "C"],
    "none": ["", "", "", "", "", ""],
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_number_formats(fmt):
    assert [format_number(n, fmt) for n in (1, 2, 10, 11, 20, 100)] == FORMATS[fmt]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(21, "二十一"), (99, "九十九"), (101, "一百零一"), (110, "一百一十"), (1005, "一千零五")],
)
def test_chinese_counting_thousand_zeros(n, expected):
    assert format_number(n, "chineseCountingThousand") == expected
