"""Wrapping styled paragraphs to a cell width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fictui.layout import line_width, wrap_block, wrap_spans
from fictui.model import Block, BlockKind, Span, Style


def texts(lines: list[list[Span]]) -> list[str]:
    return ["".join(span.text for span in line) for line in lines]


def test_greedy_wrap_keeps_words_whole() -> None:
    lines = wrap_spans([Span("the quick brown fox jumps over the lazy dog")], 10)
    assert texts(lines) == ["the quick", "brown fox", "jumps over", "the lazy", "dog"]


def test_styles_survive_wrapping_and_inner_spaces_take_the_style() -> None:
    spans = [Span("plain "), Span("all in italics here", Style.ITALIC), Span(" end")]
    lines = wrap_spans(spans, 80)
    assert lines == [
        [Span("plain "), Span("all in italics here", Style.ITALIC), Span(" end")],
    ]


def test_word_changing_style_midway_stays_together() -> None:
    lines = wrap_spans([Span("He", Style.ITALIC), Span("llo world")], 6)
    assert texts(lines) == ["Hello", "world"]
    assert lines[0][0] == Span("He", Style.ITALIC)


def test_long_words_are_broken() -> None:
    lines = wrap_spans([Span("abcdefghij")], 4)
    assert texts(lines) == ["abcd", "efgh", "ij"]


def test_wide_characters_count_two_cells() -> None:
    lines = wrap_spans([Span("\u6f22\u5b57\u6f22\u5b57 \u6f22\u5b57")], 9)
    assert all(line_width(line) <= 9 for line in lines)
    assert texts(lines) == ["\u6f22\u5b57\u6f22\u5b57", "\u6f22\u5b57"]


def test_justify_fills_all_but_the_last_line() -> None:
    lines = wrap_spans([Span("aa bb cc dd ee ff gg")], 10, justify=True)
    widths = [line_width(line) for line in lines]
    assert widths[:-1] == [10] * (len(lines) - 1)


def test_verse_keeps_its_line_breaks() -> None:
    block = Block(BlockKind.VERSE, [Span("Roses by the gate,\nrain upon the slate")])
    assert texts(wrap_block(block, 40)) == ["Roses by the gate,", "rain upon the slate"]


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.integers(1, 90)
)
def test_no_line_is_wider_than_the_width(text: str, width: int) -> None:
    for line in wrap_spans([Span(text)], width):
        assert line_width(line) <= max(width, 2)
