"""The shipped HTML, EPUB and Markdown samples: they read cleanly and match their builder."""

from __future__ import annotations

from pathlib import Path

from fictui.formats.read import read_story
from fictui.model import NotePosition, Realm, Status
from tests.fixtures.build_samples import SAMPLES, build


def test_samples_are_up_to_date(tmp_path: Path) -> None:
    for built in build(tmp_path):
        shipped = SAMPLES / built.name
        assert shipped.read_bytes() == built.read_bytes(), f"rebuild {built.name}"


def test_night_bakery_html() -> None:
    story = read_story(SAMPLES / "small_hours_at_the_night_bakery.html")
    assert story.title == "Small Hours at the Night Bakery"
    assert story.status is Status.COMPLETE and story.chapters_total == 3
    assert len(story.chapters) == 3 and 250 < story.words < 600
    assert story.tags["freeform"] == ["Bakery", "Magical Realism", "Night Shifts", "Fluff"]
    assert {n.position for n in story.notes} == {
        NotePosition.FRONT,
        NotePosition.CHAPTER_FRONT,
        NotePosition.CHAPTER_END,
        NotePosition.END,
    }
    assert any(span.style for c in story.chapters for b in c.blocks for span in b.spans)
    assert story.problems == []


def test_lighthouse_cat_epub() -> None:
    story = read_story(SAMPLES / "the_lighthouse_cat.epub")
    assert story.format == "epub"
    assert story.title == "The Lighthouse Cat"
    assert story.tags["series"] == ["Harbour Lights (Part 1)"]
    assert len(story.chapters) == 2 and 250 < story.words < 600
    assert story.italic_paragraphs >= 1
    assert story.problems == []


def test_two_kettles_markdown_second_world_in_italics() -> None:
    story = read_story(SAMPLES / "two_kettles.md")
    assert story.title == "Two Kettles"
    assert story.authors == ["Hester Lyle"]
    assert [c.title for c in story.chapters] == ["The Kitchen", "The Answer"]
    realms = [b.realm for c in story.chapters for b in c.blocks if b.text]
    assert realms.count(Realm.ITALIC) == 3
    assert realms.count(Realm.PLAIN) >= 5
    assert story.problems == []


def test_samples_have_distinct_identities() -> None:
    identities = {
        read_story(path).identity
        for path in SAMPLES.glob("*")
        if path.suffix in {".html", ".epub", ".md"}
    }
    assert len(identities) == 3
