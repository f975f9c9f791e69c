"""Plain-text reports: every encoding a government office produces decodes to the exact text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_builders import SEEDS

from fazhi.ingest import IngestError, read_bytes
from fazhi.ingest.text import chinese_score, decode_text, normalise_encoding

# How each encoding is written to disk, and the name the reader must report for it.
ENCODINGS = {
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-sig": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
    "utf-16-le": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
}

# A traditional-Chinese report excerpt, as a Taiwan or Hong Kong office would write it in Big5.
TRADITIONAL = (
    "臺北市政府一一三年度法治政府建設工作報告\n"
    "一、推動依法行政，強化法制審查。本府各機關辦理法規制定、修正及廢止案件共計四十五件，"
    "均依「行政程序法」規定完成預告及公開程序。\n"
    "二、落實政府資訊公開，保障民眾知的權利。\n"
)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_round_trips_exactly(seed, encoding):
    text = seed.read_text(encoding="utf-8")
    encode, reported = ENCODINGS[encoding]
    doc = read_bytes(encode(text), seed.name)
    assert doc.format == "txt"
    assert doc.encoding == reported
    assert doc.text == text  # not a character more or less: later offsets depend on it


def test_big5_traditional_text_is_big5():
    doc = read_bytes(TRADITIONAL.encode("big5"), "report.txt")
    assert (doc.encoding, doc.text) == ("big5", TRADITIONAL)


def test_big5_and_gb18030_of_real_text_are_told_apart():
    """The classic trap: GB18030 bytes of a report are mostly valid Big5 too (and vice versa)."""
    simplified = SEEDS[4].read_text(encoding="utf-8")
    first_line = simplified.split("\n")[0].encode("gb18030")
    assert first_line.decode("big5", errors="replace").count("\ufffd") < 40  # ambiguous bytes
    assert decode_text(first_line, "x") == (first_line.decode("gb18030"), "gb18030")
    assert decode_text(TRADITIONAL.encode("big5"), "x") == (TRADITIONAL, "big5")


@pytest.mark.parametrize(
    "text", ["法治政府", "依法行政。", "区", "中", "特此报告。", "2024年度法治政府建设报告"]
)
def test_short_gb18030_chinese_decodes_right(text):
    """Too short for statistics: the decoder's preference for GB18030 on a tie must hold."""
    assert decode_text(text.encode("gb18030"), "x") == (text, "gb18030")


def test_characters_outside_gbk_survive_as_gb18030():
    rare = "䶮𠀀"  # CJK Extension A and B: in GB18030, not in GBK
    with pytest.raises(UnicodeEncodeError):
        rare.encode("gbk")
    text = f"关于{rare}同志任职的报告。区人民政府办公室"
    assert decode_text(text.encode("gb18030"), "x") == (text, "gb18030")
    # A page that declares GBK (or GB2312) is decoded as GB18030, so the name is not lost.
    assert decode_text(text.encode("gb18030"), "x", declared="GBK") == (text, "gb18030")
    assert decode_text(text.encode("gb18030"), "x", declared="gb2312") == (text, "gb18030")


def test_txt_text_is_not_normalised():
    text = "　　标题\r\n\r\n正文第一段。  \n\t第二段\n\n"
    assert read_bytes(text.encode("utf-8"), "a.txt").text == text
    assert read_bytes(text.encode("gb18030"), "a.txt").text == text


def test_bom_is_not_part_of_the_text():
    doc = read_bytes(codecs.BOM_UTF8 + "报告".encode(), "a.txt")
    assert (doc.text, doc.encoding) == ("报告", "utf-8-sig")


def test_declared_charset_is_ignored_when_it_does_not_fit():
    text = "法治政府建设年度报告"
    assert decode_text(text.encode("utf-8"), "x", declared="gbk") == (text, "utf-8")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("GBK", "gb18030"),
        ("gb2312", "gb18030"),
        ("cp936", "gb18030"),
        ("x-gbk", "gb18030"),
        ("cn-big5", "big5"),
        ("UTF-8", "utf-8"),
        ("utf8", "utf-8"),
        ("Big5", "big5"),
        ("no-such-charset", None),
    ],
)
def test_normalise_encoding(label, expected):
    assert normalise_encoding(label) == expected


def test_other_encodings_fall_back_to_charset_normalizer():
    russian = "Конституция гарантирует права и свободы человека и гражданина. Все равны."
    assert decode_text(russian.encode("cp1251"), "x") == (russian, "cp1251")
    japanese = "日本国憲法は国民の基本的人権を保障する。すべて国民は法の下に平等である。"
    text, encoding = decode_text(japanese.encode("shift_jis"), "x")
    assert (text, encoding) == (japanese, "cp932")


def test_wrong_decodings_score_low():
    text = SEEDS[0].read_text(encoding="utf-8")[:2000]
    assert chinese_score(text) > 0.95
    assert chinese_score(text.encode("gb18030").decode("big5", errors="ignore")) < 0.5
    assert chinese_score(TRADITIONAL) > 0.95
    assert chinese_score(TRADITIONAL.encode("big5").decode("gb18030", errors="ignore")) < 0.5


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"   \r\n\t\n", "empty"),
        ("\u3000\u3000\n".encode(), "empty"),
        (b"\x00" * 64, "undecodable"),
        (bytes(range(1, 9)) * 50, "undecodable"),
        (bytes(range(256)) * 8, "undecodable"),
    ],
)
def test_unreadable_text(data, code):
    with pytest.raises(IngestError) as err:
        read_bytes(data, "notes.txt")
    assert err.value.code == code
    assert "notes.txt" in str(err.value)


# Text the way reports are written: common Chinese characters, Chinese punctuation, ASCII.
_HANZI = "法治政府建设年度报告区县市人民依行主要举措成效一二三四五六七八九十是的和在推进工作情况"
_ALPHABET = st.sampled_from(_HANZI + "，。、；：“”（）《》" + "abcXYZ0123456789 ,.;:()-%\n")
_REPORTISH = st.text(_ALPHABET, min_size=1, max_size=300).filter(
    lambda t: sum(c in _HANZI for c in t) >= 4
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(text=_REPORTISH, encoding=st.sampled_from(sorted(ENCODINGS)))
def test_any_reportish_text_round_trips(text, encoding):
    encode, reported = ENCODINGS[encoding]
    doc = read_bytes(encode(text), "fragment.txt")
    assert doc.text == text
    assert doc.encoding == reported
