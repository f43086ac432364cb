"""Plain-text emphasis: _x_, *x*, **x**, /x/ become styled spans without eating other text."""

from __future__ import annotations

import pytest

from fictui.formats.txt_emphasis import closes_mark, emphasis_spans, open_mark
from fictui.model import Span, Style


def styled(text: str) -> list[tuple[str, Style]]:
    return [(span.text, span.style) for span in emphasis_spans(text)]


@pytest.mark.parametrize(
    ("text", "inner", "style"),
    [
        ("She was _very_ sure.", "very", Style.ITALIC),
        ("She was *very* sure.", "very", Style.ITALIC),
        ("She was **very** sure.", "very", Style.BOLD),
        ("She was /very/ sure.", "very", Style.ITALIC),
        ("She was __very__ sure.", "very", Style.BOLD),
    ],
)
def test_each_form(text: str, inner: str, style: Style) -> None:
    assert styled(text) == [("She was ", Style.PLAIN), (inner, style), (" sure.", Style.PLAIN)]


def test_spanning_words_and_whole_paragraph() -> None:
    assert styled("_Come in, then, and wipe your feet._") == [
        ("Come in, then, and wipe your feet.", Style.ITALIC)
    ]
    assert styled("He said *go away now* and left.")[1] == ("go away now", Style.ITALIC)
    assert emphasis_spans("_a whole line of italics_")[0].style == Style.ITALIC


def test_punctuation_around_marks() -> None:
    assert styled('"_Now_," she said.') == [
        ('"', Style.PLAIN),
        ("Now", Style.ITALIC),
        ('," she said.', Style.PLAIN),
    ]


def test_nested_bold_italic() -> None:
    spans = emphasis_spans("_so **very** tired_")
    assert spans == [
        Span("so ", Style.ITALIC),
        Span("very", Style.ITALIC | Style.BOLD),
        Span(" tired", Style.ITALIC),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Two times three times four is 2*3*4.",
        "You can have tea and/or coffee.",
        "Go to http://maps.example.com/river_bank_2/ for the map.",
        "Saved as /home/ilse/stories/draft_one_final.txt yesterday.",
        "Call me at ilse_morrow@example.com please.",
        "snake_case_name and another_one",
        "a * b * c",
        "* a list item",
        "It happened on 7/5/03 at noon.",
        "* * *",
        "C:\\stories\\_drafts_\\one.txt",
    ],
)
def test_leaves_other_uses_alone(text: str) -> None:
    assert emphasis_spans(text) == [Span(text)]


def test_unclosed_marks_stay_as_written() -> None:
    assert emphasis_spans("an _opening with no end") == [Span("an _opening with no end")]


def test_no_text_is_lost() -> None:
    text = "She _whispered_ it: **never**, *never* /again/."
    joined = "".join(span.text for span in emphasis_spans(text))
    assert joined == "She whispered it: never, never again."


def test_marks_running_across_paragraphs() -> None:
    assert open_mark("_Dear Tam, the orchard is loud tonight.") == "_"
    assert open_mark("_closed here_") is None
    assert open_mark("plain") is None
    assert closes_mark("Yours, Ilse._", "_")
    assert not closes_mark("Yours, Ilse.", "_")
