"""The plain-text reader on short inline stories: header orders, chapters, endings, encodings."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from fictui.errors import StoryError
from fictui.formats import parse_bytes
from fictui.model import BlockKind, NotePosition, Status, Story

PROSE = (
    "The kettle sang on the stove and nobody came to take it off, because the\n"
    "whole house had gone out to the orchard to listen to the trees ringing.\n"
)


def parse(text: str, name: str = "story.txt") -> Story:
    return parse_bytes(text.encode("utf-8"), Path(name))


def body(story: Story) -> list[str]:
    return [block.text for chapter in story.chapters for block in chapter.blocks]


def test_lowercase_by_and_summary_paragraph_before_first_chapter() -> None:
    story = parse(
        f"A Small Door\nby hollis green\n\nA boy finds a door in a riverbank.\n\n"
        f"Chapter 1\n\n{PROSE}"
    )
    assert story.title == "A Small Door"
    assert story.authors == ["hollis green"]
    assert story.summary == "A boy finds a door in a riverbank."
    assert [c.title for c in story.chapters] == ["Chapter 1"]


def test_title_by_author_on_one_line() -> None:
    story = parse(f"The Salt Road by Juniper Vale\n\n{PROSE}\n{PROSE}")
    assert story.title == "The Salt Road"
    assert story.authors == ["Juniper Vale"]
    assert len(body(story)) == 2


def test_two_authors() -> None:
    story = parse(f"Tide Tables\nBy Ann Reed and Tom Bell\n\n{PROSE}")
    assert story.authors == ["Ann Reed", "Tom Bell"]


def test_prose_starting_with_by_is_not_a_byline() -> None:
    story = parse(f"By the time the kettle boiled, nobody was home.\n\n{PROSE}", "kettle.txt")
    assert story.authors == []
    assert story.title == "kettle"
    assert body(story)[0].startswith("By the time")


def test_multi_paragraph_note_closed_by_a_separator() -> None:
    story = parse(
        "Lanterns\nBy Pell\n\nA/N: This one took a while.\n\nThanks to everyone who waited.\n\n"
        f"* * *\n\n{PROSE}"
    )
    [note] = story.notes
    assert note.label == "Author's Note"
    assert note.text == "This one took a while.\n\nThanks to everyone who waited."
    assert body(story) == [PROSE.replace("\n", " ").strip()]
    assert story.scene_breaks == 0  # the separator closed the header


def test_labels_in_any_order_and_case() -> None:
    story = parse(
        "SILVER ARCHIVE\n\nTITLE: Moth Light\nRATING: G\nAUTHOR: Ilse M\nSUMMARY: Moths.\n"
        f"Characters: Moth, Lamp\nDISCLAIMER: Mine.\n\n{PROSE}"
    )
    assert story.title == "Moth Light"
    assert story.source == "SILVER ARCHIVE"
    assert story.authors == ["Ilse M"]
    assert story.summary == "Moths."
    assert story.tags == {"rating": ["G"], "characters": ["Moth", "Lamp"]}
    assert [(n.label, n.text) for n in story.notes] == [("Disclaimer", "Mine.")]


def test_disclaimer_sentence_without_label() -> None:
    story = parse(
        f"Moth Light\nBy Ilse\n\nI do not own the moths. They belong to the night.\n\n"
        f"-----\n\n{PROSE}"
    )
    assert [(n.label, n.position) for n in story.notes] == [("Disclaimer", NotePosition.FRONT)]


def test_no_header_title_from_file_name() -> None:
    story = parse(f"{PROSE}\n{PROSE}", "my_long-story_title.txt")
    assert story.title == "my long story title"
    assert story.chapters[0].title == "my long story title"
    assert len(body(story)) == 2


def test_tab_indented_chapter_titles() -> None:
    story = parse(f"\tThe Orchard\n\n{PROSE}\n\tThe Tinker\n\n{PROSE}")
    assert [c.title for c in story.chapters] == ["The Orchard", "The Tinker"]


def test_tab_indented_paragraphs_are_not_titles() -> None:
    lines = "".join(f"\tShe said hello number {n}\n\n" for n in range(10))
    story = parse(lines)
    assert len(story.chapters) == 1


def test_heading_with_subtitle_and_underline() -> None:
    story = parse(f"Chapter 1\nThe Ringing\n\n{PROSE}\nChapter 2\n=========\n\n{PROSE}")
    assert [c.title for c in story.chapters] == ["Chapter 1: The Ringing", "Chapter 2"]


def test_heading_glued_to_its_text() -> None:
    story = parse(f"Part I\n{PROSE}\nPart II\n{PROSE}")
    assert [c.title for c in story.chapters] == ["Part I", "Part II"]
    assert all(len(c.blocks) == 1 for c in story.chapters)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])  # PROSE ends with its own newline
def test_one_or_two_blank_lines_are_not_breaks(gap: str) -> None:
    story = parse(f"{PROSE}{gap}{PROSE}")
    assert story.scene_breaks == 0


def test_three_blank_lines_are_a_break() -> None:
    story = parse(f"{PROSE}\n\n\n{PROSE}")
    assert story.scene_breaks == 1


def test_whitespace_only_and_nbsp_lines_are_blank() -> None:
    story = parse(f"{PROSE} \t\n\u00a0\n{PROSE}")
    assert len(body(story)) == 2


@pytest.mark.parametrize(
    ("marker", "status"),
    [
        ("The End", Status.COMPLETE),
        ("End", Status.COMPLETE),
        ("Fin", Status.COMPLETE),
        ("THE END", Status.COMPLETE),
        ("End file.", Status.COMPLETE),
        ("To be continued", Status.IN_PROGRESS),
        ("TBC", Status.IN_PROGRESS),
        ("To be continued...", Status.IN_PROGRESS),
    ],
)
def test_end_markers(marker: str, status: Status) -> None:
    story = parse(f"{PROSE}\n{marker}\n")
    assert story.status is status
    assert body(story) == [PROSE.replace("\n", " ").strip()]


def test_end_marker_glued_to_last_paragraph() -> None:
    story = parse(f"{PROSE}The End\n")
    assert story.status is Status.COMPLETE
    assert body(story)[-1].endswith("trees ringing.")


def test_no_marker_means_unknown() -> None:
    assert parse(PROSE).status is Status.UNKNOWN


@pytest.mark.parametrize("line", ["7/5/03", "2003-07-05", "July 5, 2003"])
def test_date_after_end_marker(line: str) -> None:
    story = parse(f"{PROSE}\nThe End\n\n{line}\n")
    assert story.published == date(2003, 7, 5)
    assert line not in "".join(body(story))


def test_trailing_note_without_marker_and_footer() -> None:
    story = parse(
        f"{PROSE}\nAuthor's note: Thank you for reading.\nMore soon!\n\n"
        "Send feedback to pell@example.com\nPrint Version | Plain Version\n"
    )
    [note] = story.notes
    assert (note.position, note.label) == (NotePosition.END, "Author's Note")
    assert note.text == "Thank you for reading. More soon!"
    assert story.extras == ["Send feedback to pell@example.com", "Print Version | Plain Version"]
    assert body(story) == [PROSE.replace("\n", " ").strip()]


def test_chrome_at_chapter_edges_goes_to_extras() -> None:
    story = parse(
        f"Chapter 1\n\n{PROSE}\nRead Reviews / Post a Review\n\nChapter 2\n\n"
        f"<< Previous Chapter | Next Chapter >>\n\n{PROSE}"
    )
    assert "Read Reviews / Post a Review" in story.extras
    assert "<< Previous Chapter | Next Chapter >>" in story.extras
    assert all(len(c.blocks) == 1 for c in story.chapters)


def test_italic_run_across_paragraphs() -> None:
    story = parse(
        f"{PROSE}\n_Dear Tam,\n\nThe orchard is loud tonight.\n\nYours, Ilse._\n\n{PROSE}"
    )
    blocks = story.chapters[0].blocks
    assert [b.is_italic for b in blocks] == [False, True, True, True, False]
    assert blocks[1].text == "Dear Tam," and blocks[3].text == "Yours, Ilse."


def test_quote_block() -> None:
    story = parse(f"{PROSE}\n> The house misses you.\n> Come home.\n")
    assert story.chapters[0].blocks[1].kind is BlockKind.QUOTE


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("cp1252"),
    ],
)
def test_encodings_through_the_parser(encode) -> None:  # type: ignore[no-untyped-def]
    text = f"Caf\u00e9 Stories\n\nThe \u201cLast\u201d Orchard\nBy Zo\u00eb\n\n{PROSE}"
    story = parse_bytes(encode(text), Path("x.txt"))
    assert story.title == "The \u201cLast\u201d Orchard"
    assert story.authors == ["Zo\u00eb"]
    assert story.source == "Caf\u00e9 Stories"


def test_mixed_utf8_and_cp1252() -> None:
    data = "Zo\u00eb\u2019s Orchard\n\n".encode() + b"She said \x93hello\x94.\n"
    story = parse_bytes(data, Path("x.txt"))
    assert story.encoding == "utf-8+windows-1252"
    assert "\u201chello\u201d" in body(story)[0]


def test_binary_is_refused() -> None:
    with pytest.raises(StoryError):
        parse_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), Path("x.txt"))


def test_partial_read_keeps_the_end_in_the_text() -> None:
    story = parse_bytes(f"{PROSE}\nThe End\n".encode(), Path("x.txt"), partial=True)
    assert story.partial and story.status is Status.UNKNOWN


def test_story_text_after_a_note_is_not_swallowed() -> None:
    story = parse(
        "Title: The Quiet Engine\nAuthor: Sam Orly\n\nA/N: My first story here! Be gentle.\n\n"
        f'{PROSE}\n"You could at least cough," she said.\n\n=====\n\n{PROSE}'
    )
    [note] = story.notes
    assert note.text == "My first story here! Be gentle."
    assert body(story)[0].startswith("The kettle sang")
    assert story.scene_breaks == 1


def test_short_for_line_is_a_dedication() -> None:
    story = parse(
        "ATTIC\n\nWritten by: Tove Lind\n\nFor Marta, who found the letters.\n\n"
        f"Part One\n\n{PROSE}"
    )
    assert story.authors == ["Tove Lind"]
    assert [(n.label, n.text) for n in story.notes] == [
        ("Dedication", "For Marta, who found the letters.")
    ]
    assert story.summary == ""


def test_unlabelled_sign_off_is_an_end_note() -> None:
    story = parse(f"{PROSE}\nThanks for reading! Reviews make my day.\n")
    assert [(n.position, n.text) for n in story.notes] == [
        (NotePosition.END, "Thanks for reading! Reviews make my day.")
    ]
    assert len(body(story)) == 1


def test_one_paragraph_per_line_without_blank_lines() -> None:
    long = "She walked along the quay and counted the boats, " * 4
    text = (
        f'Lines\nBy Ola Nord\nChapter 1\n{long}\n"Hi," she said.\n"Hello."\n{long}\n'
        f"Chapter 2\n{long}\nThe End\n"
    )
    story = parse(text)
    assert story.authors == ["Ola Nord"]
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]
    assert [b.kind for b in story.chapters[0].blocks] == [BlockKind.PARAGRAPH] * 4
    assert story.status is Status.COMPLETE


def test_old_archive_labels_after_byline() -> None:
    story = parse(
        "Snow on the Battlements\nby K. Arden\n\nRated: PG-13\nCategory: Angst, Romance\n"
        "Pairing: Willa/Rook\nSummary: After the siege, two soldiers share a watch and a\n"
        "thermos of bad coffee.\nFeedback: yes please\nArchive: Ask first.\n\n----------\n\n"
        f"CHAPTER ONE\n\n{PROSE}\n~Chapter Two~\n\n{PROSE}\nCh. 3\n\n{PROSE}\n* End *\n"
    )
    assert story.authors == ["K. Arden"]
    assert story.tags["rating"] == ["PG-13"]
    assert story.tags["category"] == ["Angst", "Romance"]
    assert story.summary.endswith("share a watch and a thermos of bad coffee.")
    assert {n.label for n in story.notes} == {"Feedback", "Archiving"}
    assert [c.title for c in story.chapters] == ["CHAPTER ONE", "Chapter Two", "Ch. 3"]
    assert story.status is Status.COMPLETE


def test_unlabelled_contents_list_is_not_chapters() -> None:
    story = parse(
        f"Tides\nBy Ann\n\nChapter 1: Ebb\nChapter 2: Flow\n\nChapter 1: Ebb\n\n{PROSE}\n"
        f"Chapter 2: Flow\n\n{PROSE}"
    )
    assert [c.title for c in story.chapters] == ["Chapter 1: Ebb", "Chapter 2: Flow"]
    assert all(c.blocks for c in story.chapters)


def test_underlined_title_and_bracketed_note() -> None:
    story = parse(
        f"The Tide Clock\n==============\nby Ann Reed\n\n(A/N: for Sal.)\n\n* * *\n\n{PROSE}"
    )
    assert story.title == "The Tide Clock"
    assert [(n.label, n.text) for n in story.notes] == [("Author's Note", "for Sal.")]


def test_label_alone_then_its_text() -> None:
    story = parse(f"Tides\nBy Ann\n\nAuthor's Note:\n\nWritten on a train.\n\n* * *\n\n{PROSE}")
    assert [(n.label, n.text) for n in story.notes] == [("Author's Note", "Written on a train.")]


@pytest.mark.parametrize("marker", ["~Fin~", "-The End-", "THE END?", "The End (for now)", "*TBC*"])
def test_decorated_end_markers(marker: str) -> None:
    story = parse(f"{PROSE}\n{marker}\n")
    assert story.status is not Status.UNKNOWN
    assert len(body(story)) == 1


def test_date_and_rating_lines_under_the_byline() -> None:
    story = parse(
        f"Tides\nBy Ann\n\nJuly 5, 2003\n\nRated PG\n\nAuthors' Note: hello\n\n* * *\n\n{PROSE}"
    )
    assert story.published == date(2003, 7, 5)
    assert story.tags["rating"] == ["PG"]
    assert [(n.label, n.text) for n in story.notes] == [("Author's Note", "hello")]
    assert story.summary == ""


def test_part_heading_with_chapters_inside() -> None:
    story = parse(
        f"Part I\n\nChapter 1\n\n{PROSE}\nChapter 2\n\n{PROSE}\nPart II\n\nChapter 3\n\n{PROSE}"
    )
    assert [c.title for c in story.chapters] == [
        "Part I — Chapter 1",
        "Chapter 2",
        "Part II — Chapter 3",
    ]


def test_prose_that_mentions_chapters_and_reviews_stays_in_the_body() -> None:
    last = "She read the reviews of the play aloud and laughed until the next chapter of her life."
    story = parse(f"{PROSE}\n{last}\n")
    assert body(story)[-1] == last
    assert story.extras == []


def test_wrapped_last_word_end_is_not_a_marker() -> None:
    ending = "And that, more or less, was how the business of the bells came to an\nend.\n"
    story = parse(f"{PROSE}\n{ending}")
    assert story.status is Status.UNKNOWN
    assert body(story)[-1].endswith("came to an end.")


def test_dialogue_asking_for_thoughts_is_not_a_sign_off() -> None:
    story = parse(f'{PROSE}\n"Let me know what you think," she said.\n')
    assert story.notes == [] and len(body(story)) == 2


def test_contact_beside_the_author_goes_to_extras() -> None:
    story = parse(f"Tides\nAuthor: Ann Reed (ann@example.com)\nRating: G\n\n{PROSE}")
    assert story.authors == ["Ann Reed"]
    assert "ann@example.com" in " ".join(story.extras)
    story = parse(f"Tides\nby Ann Reed <ann@example.com>\n\n* * *\n\n{PROSE}")
    assert story.authors == ["Ann Reed"]
    assert "ann@example.com" in " ".join(story.extras)
