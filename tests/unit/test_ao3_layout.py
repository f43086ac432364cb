"""AO3 layout tolerance: label spellings, missing sections, wrappers, broken markup."""

from __future__ import annotations

from pathlib import Path

from fictui.formats.read import parse_bytes
from fictui.model import NotePosition, Status, Story
from tests.fixtures.make_fixtures import ao3_html, ao3_single_html


def _read(text: str, name: str = "work.html") -> Story:
    return parse_bytes(text.encode("utf-8"), Path(name))


def test_plural_and_singular_labels() -> None:
    text = (
        ao3_html()
        .replace("<dt>Archive Warning:</dt>", "<dt>Archive Warnings:</dt>")
        .replace("<dt>Fandom:</dt>", "<dt>Fandoms:</dt>")
        .replace("<dt>Characters:</dt>", "<dt>Character:</dt>")
        .replace("<dt>Categories:</dt>", "<dt>Category:</dt>")
        .replace("<dt>Relationship:</dt>", "<dt>Relationships:</dt>")
    )
    story = _read(text)
    assert story.tags["warnings"] == ["No Archive Warnings Apply"]
    assert story.tags["fandoms"] == ["Original Work"]
    assert story.tags["characters"] == ["Mira", "Ines", "The Harbourmaster"]
    assert story.tags["category"] == ["F/F", "Gen"]
    assert story.tags["relationships"] == ["Mira/Ines"]


def test_missing_sections_still_read() -> None:
    text = ao3_html()
    # No notes, no afterword, no stats: the text and the rest are still there.
    start = text.index("<p>Notes</p>")
    end = text.index("</div>", text.index('<div class="endnote-link">')) + 6
    text = text[:start] + text[end:]
    text = text[: text.index('<div id="afterword">')] + "</body></html>"
    text = text.replace("<dt>Stats:</dt>", "<dt>Other:</dt>")
    story = _read(text)
    assert story.status is Status.UNKNOWN
    assert story.published is None
    assert [n.position for n in story.notes].count(NotePosition.FRONT) == 0
    assert [n.position for n in story.notes].count(NotePosition.END) == 0
    assert len(story.chapters) == 3
    assert story.chapters[2].blocks[-1].text.endswith("entirely their business.")


def test_extra_wrappers_and_linked_headings() -> None:
    text = ao3_html().replace(
        '<div id="chapters" class="userstuff">',
        '<div id="outer"><div id="chapters" class="userstuff"><div class="chapter" id="chapter-1">',
    )
    text = text.replace(
        '<h2 class="heading">Chapter 2: Columns</h2>',
        '<h2 class="heading"><a href="https://archiveofourown.org/works/1/chapters/2">'
        "Chapter 2</a>: Columns</h2>",
    )
    story = _read(text)
    assert [c.title for c in story.chapters] == [
        "Chapter 1: Oil and Wick",
        "Chapter 2: Columns",
        "Chapter 3: The Harbourmaster",
    ]
    assert story.work_id == "ao3:48213307"


def test_unclosed_markup_reads() -> None:
    text = ao3_html().replace("</p>", "").replace("</blockquote>", "", 1)
    story = _read(text)
    assert story.title == "The Lamplighter's Ledger"
    assert len(story.chapters) == 3
    texts = [b.text for b in story.chapters[0].blocks]
    assert "Ines was waiting at the top with the ledger open on her knees." in texts


def test_title_and_author_from_page_title_when_preface_lacks_them() -> None:
    text = ao3_html()
    text = text.replace("<h1>The Lamplighter&#x27;s Ledger</h1>", "")
    start = text.index('<div class="byline">')
    text = text[:start] + text[text.index("</div>", start) + 6 :]
    story = _read(text)
    assert story.title == "The Lamplighter's Ledger"
    assert story.authors == ["saltmarsh_wren"]


def test_several_series() -> None:
    text = ao3_html().replace(
        '<dd>Part 2 of <a href="https://archiveofourown.org/series/77001">Harbour Lights</a></dd>',
        '<dd><span class="position">Part 2 of <a href="/series/1">Harbour Lights</a></span><br/>'
        '<span class="position">Part 1 of <a href="/series/2">Sea Things</a></span></dd>',
    )
    story = _read(text)
    assert story.tags["series"] == ["Harbour Lights (Part 2)", "Sea Things (Part 1)"]


def test_chapter_count_states() -> None:
    for label, status, total in (
        ("3/3", Status.COMPLETE, 3),
        ("2/5", Status.IN_PROGRESS, 5),
        ("4/?", Status.IN_PROGRESS, None),
    ):
        story = _read(ao3_html().replace("Chapters: 3/?", f"Chapters: {label}"))
        assert (story.status, story.chapters_total) == (status, total), label
    assert _read(ao3_html().replace("Words: 1,234", "Words: 12,345")).declared_words == 12345


def test_older_download_variants() -> None:
    # Older downloads: "(See the end...)" paragraphs, the text right in div#chapters.
    text = ao3_html().replace(
        '<div class="endnote-link">See the end of the chapter for',
        "<p>(See the end of the chapter for",
    )
    story = _read(text)
    assert all("See the end" not in b.text for c in story.chapters for b in c.blocks)
    single = _read(
        ao3_single_html()
        .replace('<div class="userstuff">', "")
        .replace("</div>\n  </div>", "</div>")
    )
    assert [c.title for c in single.chapters] == ["Tide Tables"]
    assert [b.text for b in single.chapters[0].blocks] == [
        "The tide came in at four, as the tables said it would.",
        "Nobody believed the tables anyway.",
    ]


def test_chapter_byline_and_end_note_links_are_not_text() -> None:
    text = ao3_html().replace(
        '<h2 class="heading">Chapter 2: Columns</h2>',
        '<h2 class="heading">Chapter 2: Columns</h2><p class="byline">by <a>guest_writer</a></p>',
    )
    story = _read(text)
    texts = [b.text for c in story.chapters for b in c.blocks]
    assert not any("guest_writer" in t or "See the end" in t or t == "Chapter Notes" for t in texts)
    assert story.chapters[1].blocks[0].text.startswith("Ines wrote the numbers")


def test_work_page_saved_from_the_browser() -> None:
    from tests.fixtures.make_fixtures import ao3_work_page

    story = _read(ao3_work_page(), name="Quiet Hours.html")
    assert story.title == "Quiet Hours"
    assert story.authors == ["fennel_tea"]
    assert story.work_id == "ao3:6060606"
    assert story.tags["warnings"] == ["Creator Chose Not To Use Archive Warnings"]
    assert story.tags["freeform"] == ["Libraries", "Rain"]
    assert story.status is Status.IN_PROGRESS and story.declared_words == 88
    assert story.summary == "A library after closing."
    assert [c.title for c in story.chapters] == ["Chapter 1: Closing Time", "Chapter 2"]
    assert [b.text for c in story.chapters for b in c.blocks] == [
        "The last reader left at nine, and the books exhaled.",
        "Rain on the skylight.",
    ]
    notes = [(n.position, n.chapter, n.text) for n in story.notes]
    assert notes == [
        (NotePosition.FRONT, None, "For R."),
        (NotePosition.CHAPTER_FRONT, 0, "Lights out."),
        (NotePosition.CHAPTER_END, 0, "Short, sorry."),
        (NotePosition.END, None, "Thanks for reading."),
    ]
