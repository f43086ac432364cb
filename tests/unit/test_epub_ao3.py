"""AO3 EPUBs as converted by calibre: split files, generated classes, CSS italics, identity."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from fictui.__main__ import main
from fictui.formats.read import read_story
from tests.fixtures.make_fixtures import ao3_epub, ao3_html, default_work


def _info(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["info", str(path), "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return ao3_epub(tmp_path / "The_Lamplighters_Ledger.epub")


def test_metadata_tags_and_notes_match_the_html(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "The_Lamplighters_Ledger.html"
    page.write_text(ao3_html(), encoding="utf-8")
    from_epub = _info(book, capsys)
    from_html = _info(page, capsys)
    assert from_epub["format"] == "epub"
    for key in (
        "title",
        "authors",
        "url",
        "summary",
        "status",
        "published",
        "updated",
        "tags",
        "notes",
        "chapters",
        "scene_breaks",
        "italic_paragraphs",
        "words",
        "identity",
    ):
        assert from_epub[key] == from_html[key], key


def test_same_work_same_identity(book: Path, tmp_path: Path) -> None:
    page = tmp_path / "older download.html"
    page.write_text(ao3_html(), encoding="utf-8")
    assert read_story(book).identity == read_story(page).identity == "ao3:48213307"


def test_italics_recovered_from_css_classes(book: Path) -> None:
    story = read_story(book)
    # <i> became <span class="calibre9">, which only the stylesheet makes italic.
    assert story.chapters[1].blocks[1].is_italic
    assert story.chapters[1].blocks[1].text == "Four gallons, three nights, one liar."
    spans = story.chapters[0].blocks[1].spans
    assert spans[0].text == "Someone is counting the nights," and spans[0].style


def test_split_chapter_continues(book: Path) -> None:
    story = read_story(book)
    # Chapter 3 spans two files; the second has no heading of its own.
    assert [b.text[:20] for b in story.chapters[2].blocks] == [
        "The harbourmaster ha",
        "He said the lamp was",
    ]


def test_cat_shows_italics(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cat", str(book), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "_Four gallons, three nights, one liar._" in out
    assert "Afterword" not in out


def test_partial_reads_first_documents(book: Path) -> None:
    story = read_story(book, head=True)
    assert story.partial
    assert story.title == "The Lamplighter's Ledger"
    assert story.tags["rating"] == ["Teen And Up Audiences"]
    assert 1 <= len(story.chapters) <= 3
    assert story.chapters[0].title == "Chapter 1: Oil and Wick"


def test_renamed_userstuff_class_reads_the_same(tmp_path: Path) -> None:
    work = default_work()
    # One long chapter, so its text container is recognised by its paragraphs.
    work.chapters[1].paragraphs += [f"Line {n} of the long ledger entry." for n in range(6)]
    plain = ao3_epub(tmp_path / "plain.epub", work)
    renamed = tmp_path / "renamed.epub"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(renamed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".xhtml"):
                data = data.replace(b'class="userstuff3"', b'class="calibre12"')
            target.writestr(info, data)
    a, b = read_story(plain), read_story(renamed)
    assert [c.title for c in a.chapters] == [c.title for c in b.chapters]
    assert [[x.text for x in c.blocks] for c in a.chapters] == [
        [x.text for x in c.blocks] for c in b.chapters
    ]
    assert [(n.position, n.chapter, n.text) for n in a.notes] == [
        (n.position, n.chapter, n.text) for n in b.notes
    ]
    assert len(b.chapters[1].blocks) == 9
