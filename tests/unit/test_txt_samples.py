"""The bundled plain-text samples read as the stories they are meant to show off."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import fictui
from fictui.formats import read_story
from fictui.model import NotePosition, Status

SAMPLES = Path(fictui.__file__).resolve().parent / "samples"


def test_old_archive_sample() -> None:
    story = read_story(SAMPLES / "the_bell_orchard.txt")
    assert (story.title, story.authors, story.source) == (
        "The Bell Orchard",
        ["Wren Halloway"],
        "The Lamplighter's Archive",
    )
    assert story.summary.startswith("When the apple trees")
    assert {n.label for n in story.notes if n.position is NotePosition.FRONT} == {
        "Author's Note",
        "Disclaimer",
    }
    assert [c.title for c in story.chapters] == ["Part I", "Part II"]
    assert story.scene_breaks == 2
    assert story.status is Status.COMPLETE
    assert story.published == date(2003, 7, 5)
    assert len(story.extras) == 7
    assert story.words > 600


def test_italic_realm_sample() -> None:
    story = read_story(SAMPLES / "salt_and_lantern.txt")
    assert story.title == "Salt and Lantern"
    assert story.italic_paragraphs == 5
    realms = [b.is_italic for b in story.chapters[0].blocks if b.text]
    # The dream paragraphs alternate with the waking ones.
    assert realms[:4] == [False, True, False, True]


def test_downloader_sample() -> None:
    story = read_story(SAMPLES / "heron_of_the_drowned_city.txt")
    assert story.title == "Heron of the Drowned City"
    assert story.url.startswith("https://stories.example.net/s/48213/")
    assert story.status is Status.IN_PROGRESS
    assert [c.title for c in story.chapters] == ["Waking", "The Lockkeeper"]
    assert story.tags["rating"] == ["K+"]
    assert story.language == "English"
    assert story.declared_words == story.words
