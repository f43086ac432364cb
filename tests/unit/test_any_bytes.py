"""Property tests: any bytes at all give a Story or a StoryError, and nothing unsafe survives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fictui.errors import StoryError
from fictui.formats import parse_bytes
from fictui.model import Story
from fictui.text.sanitize import has_unsafe

# Pieces that steer the parser into its header, chapter, break, emphasis and
# footer paths, mixed with arbitrary text and control characters.
_PIECES = [
    "The Lamplighter's Archive\n",
    "Title\n",
    "By Someone\n",
    "Author: Name\n",
    "Summary: a summary\n",
    "Author's Note: hi\n",
    "A/N: end note\n",
    "Disclaimer: not mine\n",
    "Dramatis Personae\nAnn- a girl\n",
    "TABLE OF CONTENTS\n",
    "\tChapter One\n",
    "Chapter 2: Title\n",
    "Part IV\n",
    "Prologue\n",
    "* * *\n",
    "oOo\n",
    "\n\n\n\n",
    "\n",
    "\r\n",
    "\r",
    "> quoted\n",
    "- item\n",
    "_italic_ ",
    "*star* ",
    "**bold** ",
    "/slash/ ",
    "_open ",
    "The End\n",
    "TBC\n",
    "7/5/03\n",
    "Read Reviews / Post a Review\n",
    "Home | Search | Next\n",
    "\x1b[31m",
    "\x07",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\x85",
    "\u00a0\n",
    "word " * 20 + "\n",
]


def _strings(story: Story) -> list[str]:
    out = [
        story.title,
        story.source,
        story.url,
        story.summary,
        story.language,
        story.work_id,
        story.format,
        story.encoding,
        *story.authors,
        *story.extras,
        *story.problems,
    ]
    for kind, values in story.tags.items():
        out.append(kind)
        out.extend(values)
    for note in story.notes:
        out.extend((note.text, note.label))
    for chapter in story.chapters:
        out.append(chapter.title)
        out.extend(span.text for block in chapter.blocks for span in block.spans)
    return out


def _check(data: bytes) -> None:
    try:
        story = parse_bytes(data, Path("x.txt"))
    except StoryError:
        return
    for text in _strings(story):
        assert isinstance(text, str)
        assert not has_unsafe(text), repr(text)
    for chapter in story.chapters:
        assert not has_unsafe(chapter.title) and "\n" not in chapter.title
    assert "\n" not in story.title and "\r" not in story.title


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_any_bytes(data: bytes) -> None:
    _check(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=40)), max_size=60))
def test_story_shaped_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    _check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=40)), max_size=40),
    st.sampled_from(["utf-16-le", "utf-16-be", "cp1252", "utf-8-sig", "latin-1"]),
)
def test_story_shaped_text_in_other_encodings(pieces: list[str], codec: str) -> None:
    data = "".join(pieces).encode(codec, "ignore")
    _check(data)


def test_control_characters_are_replaced_and_reported() -> None:
    data = b"Title\n\nBy Ann\x1b[2J\n\nShe said \x1b]0;evil\x07 hello.\n\nThe End\n"
    story = parse_bytes(data, Path("x.txt"))
    assert all(not has_unsafe(text) for text in _strings(story))
    assert any("control character" in problem for problem in story.problems)
