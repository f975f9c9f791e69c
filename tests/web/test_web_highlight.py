"""The report text as HTML: cut at every span edge, each piece escaped, overlapping spans
marked on the same pieces, anchors where links point."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from fazhi.web.highlight import Mark, marked, render


def plain(html: str) -> str:
    """The text a reader sees: the markup stripped, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_text_is_escaped_piece_by_piece() -> None:
    html = render("a<script>b</script>&c", [Mark(1, 9, "fact", attrs=(("value", '1"2'),))])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-value="1&quot;2"' in html
    assert plain(html) == "a<script>b</script>&c"


def test_overlapping_spans_share_pieces() -> None:
    html = render(
        "0123456789", [Mark(0, 6, "ev", "c1"), Mark(4, 10, "ev", "c2"), Mark(2, 5, "copy", "p0")]
    )
    assert html == (
        '<span class="anchor" id="ev-c1"></span><span class="ev" data-ev="c1">01</span>'
        '<span class="anchor" id="p0"></span>'
        '<span class="ev copy" data-copy="p0" data-ev="c1">23</span>'
        '<span class="anchor" id="ev-c2"></span>'
        '<span class="ev copy" data-copy="p0" data-ev="c1 c2">4</span>'
        '<span class="ev" data-ev="c1 c2">5</span><span class="ev" data-ev="c2">6789</span>'
    )


def test_each_anchor_is_written_once_and_spans_are_clamped() -> None:
    html = render(
        "abcdef",
        [
            Mark(-3, 2, "hd", "h0"),
            Mark(4, 99, "hit", "hit"),
            Mark(3, 3, "ev", "c9"),
            Mark(1, 2, "ev", "c1"),
            Mark(4, 5, "ev", "c1"),
        ],
    )
    assert (
        html.count('id="h0"') == 1 and html.count('id="ev-c1"') == 1 and html.count('id="hit"') == 1
    )
    assert "c9" not in html  # an empty span marks nothing
    assert plain(html) == "abcdef"


def test_a_fact_keeps_its_attributes_on_every_piece() -> None:
    attrs = (("value", "365"), ("unit", "件"), ("indicator", "行政复议案件"))
    html = render("收案365件，同比", [Mark(2, 6, "fact", "", attrs), Mark(0, 4, "ev", "c0")])
    assert (
        len(re.findall(r'data-value="365" data-unit="件" data-indicator="行政复议案件"', html)) == 2
    )


def test_search_snippets_mark_matches() -> None:
    assert marked("a<b>行政复议c", [(4, 8)]) == "a&lt;b&gt;<mark>行政复议</mark>c"
    assert marked("abc", [(5, 9), (1, 2), (0, 2)]) == "<mark>ab</mark>c"


@given(
    st.text(alphabet="ab<>&\"'\n 复议", max_size=40),
    st.lists(
        st.tuples(
            st.integers(-5, 45),
            st.integers(-5, 45),
            st.sampled_from(["fact", "ev", "copy", "chrome", "hd"]),
        ),
        max_size=8,
    ),
)
def test_any_marks_keep_the_text_and_escape_it(
    text: str, spans: list[tuple[int, int, str]]
) -> None:
    marks = [
        Mark(s, e, kind, f"k{i}", (("value", text[:3]),)) for i, (s, e, kind) in enumerate(spans)
    ]
    html = render(text, marks)
    assert plain(html) == text
    assert "<" not in re.sub(r"</?span[^>]*>", "", html)
