"""Plain-text stories as found in the wild: header, chapters, breaks, emphasis, end and footer.

The file is cut into chunks at blank lines; the header reader, the footer reader
and the chapter splitter work on chunks, and each chapter's chunks are re-flowed
into blocks and their plain-text emphasis parsed into spans. Nothing taken out of
the reading text is dropped: it goes to the metadata, the notes or the extras.
"""

from __future__ import annotations

import re
from pathlib import Path

from fictui.formats.txt_chapters import ChapterRange, split_chapters, tab_titles_allowed
from fictui.formats.txt_emphasis import closes_mark, emphasis_spans, open_mark
from fictui.formats.txt_footer import Footer, opening_note, read_footer
from fictui.formats.txt_header import read_header
from fictui.formats.txt_labels import Header
from fictui.formats.txt_lines import BLANK_CHARS, is_chrome, is_separator
from fictui.formats.txt_reflow import RawBlock, measure_width, reflow_unit
from fictui.formats.txt_source import read_source
from fictui.model import Block, BlockKind, Chapter, Note, NotePosition, Span, Status, Story, Style

BLANK_RUN_BREAK = 3
"""This many blank lines in a row between paragraphs make a scene break."""

_CARRY_LIMIT = 16
_EDGE_UNITS = 3


def title_from_path(path: Path) -> str:
    """A title from a file name: underscores and dashes to spaces, no extension."""
    return " ".join(re.sub(r"[_\-]+", " ", path.stem).split())


def _styled(raw: list[RawBlock]) -> list[Block]:
    """Parse emphasis, including a run of italics that opens in one paragraph and closes later."""
    blocks: list[Block] = []
    append = blocks.append
    scene_break = BlockKind.SCENE_BREAK
    index = 0
    count = len(raw)
    while index < count:
        kind, text = raw[index]
        if kind is scene_break:
            append(Block(kind, []))
            index += 1
            continue
        if "_" not in text and "*" not in text and "/" not in text:
            append(Block(kind, [Span(text)]))  # most paragraphs: no emphasis at all
            index += 1
            continue
        mark = open_mark(text) if text[:1] in "*_/" else None
        if mark is not None:
            close = _find_close(raw, index, mark)
            if close is not None:
                style = Style.BOLD if len(mark) == 2 else Style.ITALIC
                for position in range(index, close + 1):
                    part_kind, part = raw[position]
                    if position == index:
                        part = part[len(mark) :]
                    if position == close:
                        part = _drop_close(part, mark)
                    blocks.append(Block(part_kind, emphasis_spans(part, style)))
                index = close + 1
                continue
        append(Block(kind, emphasis_spans(text)))
        index += 1
    return blocks


def _find_close(raw: list[RawBlock], index: int, mark: str) -> int | None:
    for position in range(index + 1, min(len(raw), index + _CARRY_LIMIT)):
        kind, text = raw[position]
        if kind is BlockKind.SCENE_BREAK:
            return None
        if closes_mark(text, mark):
            return position
        if mark in text:
            return None
    return None


def _drop_close(text: str, mark: str) -> str:
    core = text.rstrip()
    cut = core.rfind(mark)
    return core[:cut] + core[cut + len(mark) :]


def _chapter_note(
    units: list[str], index: int, position: NotePosition, chapter: int
) -> Note | None:
    lines = [line.strip(BLANK_CHARS) for line in units[index].split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    opened = opening_note(lines[0])
    if opened is None:
        return None
    text = " ".join([opened[1], *lines[1:]]).strip()
    return Note(position, text, chapter, opened[0])


class _Builder:
    """Turns the chunks of each chapter into blocks, collecting notes and extras."""

    def __init__(self, units: list[str], gaps: list[int], width: int | None) -> None:
        self.units = units
        self.gaps = gaps
        self.width = width
        self.notes: list[Note] = []
        self.extras: list[str] = []

    def chapter(self, number: int, span: ChapterRange, last: bool) -> Chapter:
        units = self.units
        start, end = span.start, span.end
        start, end = self._edges(number, start, end, last)
        raw: list[RawBlock] = []
        gaps = self.gaps
        width = self.width
        for index in range(start, end):
            if (
                index > start
                and gaps[index - 1] >= BLANK_RUN_BREAK
                and raw
                and raw[-1][0] is not BlockKind.SCENE_BREAK
                and not is_separator(units[index])
            ):
                raw.append((BlockKind.SCENE_BREAK, ""))
            reflow_unit(units[index], width, raw)
            units[index] = ""  # the chunk is now blocks: let its text go
        while raw and raw[-1][0] is BlockKind.SCENE_BREAK:
            raw.pop()
        while raw and raw[0][0] is BlockKind.SCENE_BREAK:
            raw.pop(0)
        return Chapter(span.title, _styled(raw))

    def _edges(self, number: int, start: int, end: int, last: bool) -> tuple[int, int]:
        """Take chapter notes and site chrome off the first and last chunks of a chapter."""
        units = self.units
        while start < end and self._chrome(units[start]):
            start += 1
        front = NotePosition.CHAPTER_FRONT
        note = _chapter_note(units, start, front, number) if start < end else None
        if note is not None:
            self.notes.append(note)
            start += 1
            if start < end and is_separator(units[start]):
                start += 1
        edge_notes: list[Note] = []
        while end > start and self._chrome(units[end - 1]):
            end -= 1
        if not last and end > start:
            note = _chapter_note(units, end - 1, NotePosition.CHAPTER_END, number)
            if note is not None:
                edge_notes.append(note)
                end -= 1
        self.notes.extend(edge_notes)
        return start, end

    def _chrome(self, unit: str) -> bool:
        if len(unit) > 400:
            return False
        lines = [line.strip(BLANK_CHARS) for line in unit.split("\n")]
        lines = [line for line in lines if line]
        if not lines or not all(is_chrome(line) for line in lines):
            return False
        self.extras.append("\n".join(lines))
        return True


def _drop_listed_titles(chapters: list[Chapter]) -> list[Chapter]:
    """Drop empty chapters whose titles come again later: a contents list, not chapters."""
    later: set[str] = set()
    keep: list[Chapter] = []
    for chapter in reversed(chapters):
        key = chapter.title.casefold()
        if chapter.blocks or key not in later:
            keep.append(chapter)
        if chapter.blocks:
            later.add(key)
    keep.reverse()
    return keep


def _fold_empty(chapters: list[Chapter]) -> list[Chapter]:
    """Fold a heading with no text of its own ("Part I" before "Chapter 1") into the next title."""
    out: list[Chapter] = []
    pending: list[str] = []
    for chapter in chapters:
        if not chapter.blocks:
            pending.append(chapter.title)
            continue
        if pending:
            chapter.title = " — ".join([*pending, chapter.title])
            pending = []
        out.append(chapter)
    out.extend(Chapter(title, []) for title in pending)
    return out


def _assemble(header: Header, footer: Footer, path: Path) -> Story:
    story = Story(
        title=header.title or title_from_path(path),
        authors=list(header.authors),
        source=header.source,
        url=header.url,
        summary=header.summary,
        tags=header.tags,
        language=header.language,
        chapters_total=header.chapters_total,
        declared_words=header.declared_words,
        published=header.published,
        updated=header.updated,
        format="txt",
    )
    story.status = header.status if header.status is not Status.UNKNOWN else footer.status
    for found in footer.dates:
        if story.published is None:
            story.published = found
        elif story.updated is None and found != story.published:
            story.updated = found
        else:
            story.extras.append(found.isoformat())
    return story


def parse(data: bytes, path: Path, *, partial: bool = False) -> Story:
    """Parse a plain-text story.

    Args:
        data: The file's bytes (or its head, when ``partial``).
        path: The file's path; its name is the title when the text gives none.
        partial: Only the head of the file is given: the end is not read.

    Returns:
        The story (not yet sanitized: read.py does that).

    Raises:
        StoryError: The bytes are binary, not text.
    """
    source = read_source(data)
    units, gaps = source.units, source.gaps
    header = read_header(units)
    footer = Footer(end=len(units)) if partial else read_footer(units, header.start)
    end = max(footer.end, header.start)
    body = units[header.start : end]
    width = measure_width(body)
    tab_titles = tab_titles_allowed(body)
    del body
    ranges = split_chapters(units, header.start, end, header.toc, tab_titles)
    story = _assemble(header, footer, path)
    builder = _Builder(units, gaps, width)
    for number, span in enumerate(ranges):
        chapter = builder.chapter(number, span, number == len(ranges) - 1)
        if not chapter.title:
            chapter.title = story.title
        if chapter.blocks or span.title:
            story.chapters.append(chapter)
    story.chapters = _fold_empty(_drop_listed_titles(story.chapters))
    while len(story.chapters) > 1 and not story.chapters[-1].blocks:
        # A closing heading ("Afterword") whose text all went to the end notes.
        story.extras.append(story.chapters.pop().title)
    story.notes = [*header.notes, *builder.notes, *footer.notes]
    story.extras = [*header.extras, *builder.extras, *story.extras, *footer.extras]
    story.encoding = source.encoding
    story.problems = list(source.problems)
    if not story.chapters:
        story.chapters.append(Chapter(story.title, []))
    return story
