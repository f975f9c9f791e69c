"""Number reading, with property tests: whatever way a report writes a number, its value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.extract.numbers import read_number, scan

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """An independent writer of Chinese numerals (the reader uses cn2an): 0 … 10¹²-1."""
    if n == 0:
        return "零"
    groups, out = [], []
    while n:
        groups.append(n % 10000)
        n //= 10000
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            if out and out[-1] != "零":
                out.append("零")
            continue
        if out and g < 1000 and out[-1] != "零":
            out.append("零")
        out.append(_four(g))
        out.append(["", "万", "亿"][i])
    s = "".join(out).rstrip("零")
    return s[1:] if s.startswith("一十") else s


def _four(g: int) -> str:
    out, zero = [], False
    for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = g // div % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out.append("零")
                zero = False
            out.append(DIGITS[d] + unit)
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert read_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_plain_fullwidth_and_grouped(n):
    plain = str(n)
    assert read_number(plain) == n
    assert read_number(plain.translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n
    assert read_number(f"{n:,}") == n


@given(
    st.integers(min_value=1, max_value=99999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("千万", 10**7), ("万亿", 10**12)]),
)
def test_decimals_with_magnitudes_are_exact(whole, frac, mag):
    word, factor = mag
    s = f"{whole}.{frac:02d}{word}"
    assert Decimal(str(read_number(s))) == Decimal(f"{whole}.{frac:02d}") * factor


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("三", 3),
        ("十二", 12),
        ("三百二十", 320),
        ("两千", 2000),
        ("一万二千", 12000),
        ("两千余", 2000),
        ("1.25万", 12500),
        ("3千万", 30000000),
        ("4.71万", 47100),
        ("300余万", 3000000),
        ("25.5万余", 255000),
        ("百分之二十", 20),
        ("万余", 10000),
        ("千多", 1000),
        ("百分之35", 35),
        ("零", 0),
        ("〇", 0),
        ("１２３", 123),
        ("1,234.5", 1234.5),
    ],
)
def test_examples(s, value):
    assert read_number(s) == value


@pytest.mark.parametrize(
    "bad", ["1..2万", "百分之", "", "万", "千家万户", "一一", "十十", "二〇二四"]
)
def test_malformed_is_none(bad):
    assert read_number(bad) is None


@given(st.text(alphabet="0123456789.,，万亿千百十零一二两三余多%％百分之", max_size=60))
def test_scanning_junk_never_crashes(s):
    for tok in scan(s):
        assert s[tok.start : tok.end] == tok.raw
        assert tok.value >= 0


def test_a_very_long_digit_run_is_no_absurd_number():
    toks = scan("9" * 50_000 + "件")
    assert all(len(str(int(t.value))) <= 16 for t in toks)
