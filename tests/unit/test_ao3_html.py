"""AO3 HTML downloads read through the CLI: metadata, tags, notes, chapters and italics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fictui.__main__ import main
from fictui.formats.read import read_story
from tests.fixtures.make_fixtures import ao3_html, ao3_single_html, default_work


def _info(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["info", str(path), "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


@pytest.fixture
def ao3_file(tmp_path: Path) -> Path:
    path = tmp_path / "The_Lamplighters_Ledger.html"
    path.write_text(ao3_html(), encoding="utf-8")
    return path


def test_metadata(ao3_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = _info(ao3_file, capsys)
    assert info["format"] == "html"
    assert info["title"] == "The Lamplighter's Ledger"
    assert info["authors"] == ["saltmarsh_wren", "Odile Thorne"]
    assert info["source"] == "Archive of Our Own"
    assert info["url"] == "https://archiveofourown.org/works/48213307"
    assert info["identity"] == "ao3:48213307"
    assert info["published"] == "2023-03-14"
    assert info["updated"] == "2023-05-02"
    assert info["language"] == "English"
    assert info["status"] == "in-progress"
    assert info["chapters_total"] is None
    assert info["summary"] == "Mira keeps the lamps. Ines keeps the accounts."


def test_tags_by_kind(ao3_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tags = _info(ao3_file, capsys)["tags"]
    assert tags == {
        "rating": ["Teen And Up Audiences"],
        "warnings": ["No Archive Warnings Apply"],
        "category": ["F/F", "Gen"],
        "fandoms": ["Original Work"],
        "relationships": ["Mira/Ines"],
        "characters": ["Mira", "Ines", "The Harbourmaster"],
        "freeform": ["Slow Burn", "Lighthouses", "Letters"],
        "series": ["Harbour Lights (Part 2)"],
        "collections": ["Autumn Exchange 2023"],
    }


def test_chapters_and_notes(ao3_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = _info(ao3_file, capsys)
    assert [c["title"] for c in info["chapters"]] == [
        "Chapter 1: Oil and Wick",
        "Chapter 2: Columns",
        "Chapter 3: The Harbourmaster",
    ]
    notes = [(n["position"], n["chapter"], n["label"], n["text"]) for n in info["notes"]]
    assert notes == [
        ("front", None, "Notes", "Written for the autumn exchange. Thank you, Pell!"),
        ("chapter-front", 0, "Chapter Summary", "In which a lamp goes out."),
        ("chapter-front", 0, "Chapter Notes", "This chapter was rewritten twice."),
        ("chapter-end", 0, "Chapter End Notes", "See you on Sunday."),
        ("chapter-front", 1, "Chapter Notes", "Short one today."),
        ("chapter-front", 2, "Chapter Summary", "A visitor with opinions."),
        ("chapter-end", 2, "Chapter End Notes", "More soon."),
        ("end", None, "End Notes", "Thank you for reading; the next part is half written."),
    ]
    assert info["scene_breaks"] == 1
    assert info["italic_paragraphs"] == 1
    # The archive's comment request is site chrome: kept aside, not in the text.
    assert any("drop by the Archive" in extra for extra in info["extras"])
    assert info["words"] == 109


def test_complete_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "done.html"
    path.write_text(ao3_html(default_work("3/3")), encoding="utf-8")
    info = _info(path, capsys)
    assert info["status"] == "complete"
    assert info["chapters_total"] == 3


def test_single_chapter_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tide.html"
    path.write_text(ao3_single_html(), encoding="utf-8")
    info = _info(path, capsys)
    assert info["title"] == "Tide Tables"
    assert info["status"] == "complete"
    assert [c["title"] for c in info["chapters"]] == ["Tide Tables"]
    assert info["words"] == 17
    assert [(n["position"], n["label"]) for n in info["notes"]] == [
        ("front", "Notes"),
        ("end", "End Notes"),
    ]


def test_cat_shows_italics(ao3_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cat", str(ao3_file), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "_Someone is counting the nights,_ Mira thought" in out
    assert "_Four gallons, three nights, one liar._" in out
    # Preface and notes are not body text.
    assert "Archive Warning" not in out
    assert "See you on Sunday" not in out


def test_cat_notes_in_place(ao3_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cat", str(ao3_file), "--width", "100", "--notes"]) == 0
    out = capsys.readouterr().out
    first = out.index("Chapter 1: Oil and Wick")
    assert first < out.index("In which a lamp goes out.") < out.index("The lamp at the end")
    assert out.index("By morning") < out.index("See you on Sunday.") < out.index("Chapter 2")


def test_head_read_of_a_long_work(tmp_path: Path) -> None:
    work = default_work()
    work.chapters[2].paragraphs = [f"Paragraph {n} of a long last chapter." for n in range(9000)]
    path = tmp_path / "long.html"
    path.write_text(ao3_html(work), encoding="utf-8")
    assert path.stat().st_size > 300 * 1024
    story = read_story(path, head=True)
    assert story.partial
    assert story.title == "The Lamplighter's Ledger"
    assert story.tags["fandoms"] == ["Original Work"]
    titles = [c.title for c in story.chapters]
    assert titles[:2] == ["Chapter 1: Oil and Wick", "Chapter 2: Columns"]
    full = read_story(path)
    assert not full.partial and len(full.chapters[2].blocks) == 9000
