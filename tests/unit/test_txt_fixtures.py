"""The plain-text reader end to end on fixture stories shaped like real downloads."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from fictui.formats import read_story
from fictui.model import BlockKind, NotePosition, Status, Story, Style

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "txt"


def read(name: str) -> Story:
    return read_story(FIXTURES / name)


def body_text(story: Story) -> str:
    return "\n".join(block.text for chapter in story.chapters for block in chapter.blocks)


def notes(story: Story, position: NotePosition | None = None) -> dict[str, str]:
    return {n.label: n.text for n in story.notes if position is None or n.position is position}


def test_old_archive_header() -> None:
    story = read("old_archive.txt")
    assert story.source == "The Lamplighter's Archive"
    assert story.title == "The Glass Orchard"
    assert story.authors == ["Wren Halloway"]
    assert story.summary.startswith("When the apple trees of Morrow Hill")
    assert "\n" not in story.summary  # the wrapped summary is re-flowed
    front = notes(story, NotePosition.FRONT)
    assert front["Author's Note"].startswith("This started as a drabble")
    assert front["Author's Second Note"] == "Yes, the bells are real bells."
    assert "fairy tale" in front["Disclaimer"]
    assert "Ilse Morrow- the orchard keeper's daughter" in front["Dramatis Personae"].split("\n")
    body = body_text(story)
    for header_text in ("drabble", "Disclaimer", "Dramatis", "Wren Halloway", "Summary"):
        assert header_text not in body


def test_old_archive_body_and_end() -> None:
    story = read("old_archive.txt")
    assert [c.title for c in story.chapters] == ["Part I", "Part II"]
    assert story.scene_breaks == 1
    assert story.status is Status.COMPLETE
    assert story.published == date(2003, 7, 5)
    last = story.chapters[-1].blocks[-1].text
    assert last.endswith("nobody said anything at all.")
    assert "The End" not in body_text(story)
    assert "Read Reviews / Post a Review" in story.extras
    assert "Website by Quill & Spindle." in story.extras
    assert not any("Review" in block.text for c in story.chapters for block in c.blocks)
    # The italic first words of a paragraph are parsed; the dialogue keeps its lines.
    first = story.chapters[0].blocks
    assert any(
        span.style & Style.ITALIC and span.text == "Not yet," for b in first for span in b.spans
    )
    assert any(b.kind is BlockKind.VERSE and b.text.count("\n") == 2 for b in first)


def test_downloader_header_and_contents() -> None:
    story = read("downloader.txt")
    assert story.title == "The Clockwork Heron"
    assert story.authors == ["Moss Ellery"]
    assert story.url == "https://stories.example.net/s/48213/1/"
    assert story.summary.startswith("A heron made of brass")
    assert story.status is Status.IN_PROGRESS  # the header's status beats "End file."
    assert story.tags["rating"] == ["T"]
    assert story.tags["category"] == ["Original Fiction"]
    assert story.tags["characters"] == ["Heron", "The Lockkeeper"]
    assert story.tags["relationships"] == ["Heron/The Lockkeeper"]
    assert story.tags["freeform"] == ["Fantasy", "Mystery"]
    assert story.declared_words == 1234
    assert story.chapters_total is None  # "2/?" is open-ended
    assert story.published == date(2019, 3, 2)
    assert story.updated == date(2019, 4, 11)
    assert [c.title for c in story.chapters] == ["Waking", "The Lockkeeper"]
    assert story.scene_breaks == 1  # the run of three blank lines
    assert any("u/9921" in extra for extra in story.extras)
    assert "End file" not in body_text(story)
    assert "TABLE OF CONTENTS" not in body_text(story)


def test_crlf_file_without_byline() -> None:
    story = read("crlf_no_by.txt")
    assert story.title == "Story Without Header"
    assert story.authors == []
    assert story.status is Status.IN_PROGRESS
    kinds = [b.kind for b in story.chapters[0].blocks]
    assert BlockKind.QUOTE in kinds and BlockKind.SCENE_BREAK in kinds
    assert "To be continued" not in body_text(story)
    assert "\r" not in body_text(story)


def test_caps_title_lowercase_labels_and_opening_text() -> None:
    story = read("caps_labels.txt")
    assert story.title == "THE SALT ROAD"
    assert story.authors == ["Juniper Vale"]
    assert story.tags["rating"] == ["PG"]
    assert story.declared_words == 640
    assert story.status is Status.COMPLETE
    assert [c.title for c in story.chapters] == [
        "Prologue",
        "Chapter One: The Wagon",
        "Chapter Two - The Storm",
        "Epilogue",
    ]
    assert story.chapters[0].blocks[0].text.startswith("The wagon left before dawn")
    assert notes(story)["Author's Note"].startswith("for the harbour prompt")
    assert story.scene_breaks == 1
    assert story.published == date(2003, 7, 5)
    assert "Send feedback to Juniper Vale" in story.extras
    assert "FIN" not in body_text(story)


def test_cr_line_endings_cp1252_and_unlabelled_front_matter() -> None:
    story = read("cr_cp1252.txt")
    assert story.encoding == "windows-1252"
    assert story.title == "The Lantern Under the Hill"
    assert story.authors == ["Corin Ashby"]
    assert story.summary.startswith("A lamp-maker\u2019s apprentice")
    front = notes(story, NotePosition.FRONT)
    assert front["Disclaimer"].startswith("I don\u2019t own")
    assert front["Dedication"].startswith("Dedicated to my sister")
    assert notes(story, NotePosition.END)["Author's Note"].startswith("Thanks for reading")
    assert body_text(story).startswith("The lantern had been hanging")
    assert "\u201cWho put the dark here?\u201d" in body_text(story)
    assert "Thanks for reading" not in body_text(story)


def test_title_from_file_name_and_emphasis_forms() -> None:
    story = read("the_blue-door.txt")
    assert story.title == "the blue door"
    assert [c.title for c in story.chapters] == ["Prologue", "Chapter 1", "Chapter 2"]
    assert story.status is Status.COMPLETE
    assert story.published == date(2003, 7, 5)
    spans = [s for c in story.chapters for b in c.blocks for s in b.spans]
    assert any(s.text == "harder" and s.style == Style.ITALIC for s in spans)
    assert any(s.text == "very" and s.style == Style.BOLD for s in spans)
    assert any(s.text == "Go away." and s.style == Style.ITALIC for s in spans)
    body = body_text(story)
    assert "2*3*4" in body and "and/or" in body
    assert "http://maps.example.com/river_bank_2/" in body
    verse = [b for c in story.chapters for b in c.blocks if b.kind is BlockKind.VERSE]
    assert any(b.text == "Please knock\nthen wait\nthen knock again\nthen go home" for b in verse)
    assert any(b.text.startswith("- a penknife\n- half a sandwich") for b in verse)


def test_chapter_notes_and_trailing_note() -> None:
    story = read("notes_heavy.txt")
    assert story.title == "Nine Kinds of Quiet"
    assert story.source == "Harbour Lights Fiction Archive"
    assert [c.title for c in story.chapters] == ["Part 1", "Part 2", "Part 3"]
    by_position = {(n.position, n.chapter): n.text for n in story.notes}
    assert by_position[(NotePosition.CHAPTER_FRONT, 1)] == "This one is sad, sorry."
    assert by_position[(NotePosition.CHAPTER_END, 1)].startswith("The next part is happier")
    assert by_position[(NotePosition.END, None)].endswith("kind words about the gulls.")
    assert story.status is Status.IN_PROGRESS
    assert story.published == date(2009, 12, 24)
    assert "You must login (register) to review." in story.extras
    assert story.scene_breaks == 1


_LABEL_WORDS = {
    "summary",
    "author",
    "authors",
    "note",
    "notes",
    "second",
    "disclaimer",
    "story",
    "url",
    "status",
    "rating",
    "words",
    "word",
    "count",
    "chapters",
    "published",
    "updated",
    "category",
    "characters",
    "relationships",
    "genre",
    "table",
    "contents",
    "end",
    "file",
    "the",
    "fin",
    "continued",
    "title",
    "pairing",
    "warnings",
    "posted",
    "july",
    "by",
    "n",
    "complete",
    "progress",
    "to",
    "be",
    "ooo",
    "originally",
    "on",
    "at",
    "archive",
    "warning",
    "fandom",
    "relationship",
    "character",
    "additional",
    "tags",
    "language",
    "stats",
    "completed",
}
"""Labels, markers and ornaments: words the reader rightly takes out of the text."""


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_no_text_is_lost(name: str) -> None:
    """Every word of the file lands somewhere: body, metadata, notes or extras."""
    story = read(name)
    raw = (FIXTURES / name).read_bytes()
    text = raw.decode("cp1252" if story.encoding == "windows-1252" else "utf-8")
    kept = [
        story.title,
        story.language,
        story.source,
        story.url,
        story.summary,
        *story.authors,
        *story.extras,
        *(n.text for n in story.notes),
        *(n.label for n in story.notes),
        *(c.title for c in story.chapters),
        body_text(story),
        *(tag for values in story.tags.values() for tag in values),
    ]
    have = {w.lower() for w in re.findall(r"[^\W\d_]+", " ".join(kept))}
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    missing = words - have - _LABEL_WORDS
    assert not missing, missing


def test_archive_export_with_stats_and_bare_labels() -> None:
    story = read("exported_archive.txt")
    assert story.title == "Tea with the Lighthouse"
    assert story.authors == ["Ash Penrose"]
    assert story.source == "Harbour Archive"
    assert story.url == "https://harbour.example.org/works/3141"
    assert story.summary == "The lighthouse keeper makes tea for a gull every morning."
    assert story.published == date(2015, 1, 1) and story.updated == date(2015, 2, 1)
    assert story.status is Status.COMPLETE
    assert story.chapters_total == 2 and story.declared_words == 120
    assert story.tags["freeform"] == ["Tea", "Fluff"]
    assert [c.title for c in story.chapters] == ["Chapter 1: Kettle", "Chapter 2: Cup"]
    assert notes(story, NotePosition.FRONT) == {"Notes": "Written for a friend who likes gulls."}
    assert notes(story, NotePosition.END) == {"End Notes": "Thank you for reading!"}
    assert "Chapter Text" not in body_text(story)
