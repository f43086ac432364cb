"""A story flattened into display items (headings, blocks, notes, breaks) and their lines."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from fictui.layout import Line, wrap_block, wrap_spans
from fictui.model import TEXT_KINDS, Block, BlockKind, NotePosition, Realm, Span, Story, Style
from fictui.reading.lineindex import LineIndex
from fictui.reading.measure import count_lines, estimate_lines
from fictui.reading.realms import block_realm, is_shown, switch_points

QUOTE_INDENT = 4
"""Cells a quote block is indented by."""
NOTE_INDENT = 2
"""Cells taken by an inline note's left border."""
_NOTE_GAP = (1 << 21) - 1
_KEY_SPAN = 1 << 22


class ItemKind(StrEnum):
    """What a display item is."""

    CHAPTER = "chapter"
    BLOCK = "block"
    BREAK = "break"
    NOTE = "note"


class Role(StrEnum):
    """How a display line is styled."""

    BLANK = "blank"
    BODY = "body"
    HEADING = "heading"
    NOTE = "note"
    NOTE_LABEL = "note-label"
    ORNAMENT = "ornament"


@dataclass(slots=True)
class Item:
    """One thing the reader shows: a chapter heading, a block, a scene break or a note."""

    kind: ItemKind
    """What the item is."""
    chapter: int
    """The chapter it belongs to."""
    paragraph: int
    """The block index in the chapter (negative for headings and notes)."""
    block: Block
    """The text to draw (a made-up heading or verse block for chapters and notes)."""
    realm: Realm | None
    """The paragraph's realm; None for anything that is not a paragraph."""
    chars: int
    """The length of the text, for estimates and progress."""
    label: str = ""
    """The label of an inline note."""


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One line of an item as drawn in the reading column."""

    spans: tuple[Span, ...]
    """The styled text of the line."""
    role: Role
    """How the line is styled."""
    indent: int = 0
    """Cells from the column's left edge to the text."""
    centre: bool = False
    """Centre the text in the column."""
    first: bool = False
    """The first line of a paragraph (where gutter marks go)."""
    offset: int = 0
    """Non-space characters of the block's text before this line (maps search hits)."""


BLANK = DisplayLine((), Role.BLANK)
"""An empty line."""
ORNAMENT = "⁂"
"""The scene-break ornament."""


def _key(chapter: int, paragraph: int) -> int:
    return chapter * _KEY_SPAN + paragraph + 3


def _non_space(line: Line) -> int:
    # Words never hold whitespace and the wrapper joins them with plain spaces.
    return sum(len(span.text) - span.text.count(" ") for span in line)


class Document:
    """A story as a flat list of display items for one set of reader options."""

    def __init__(self, story: Story, *, show_notes: bool = False, realm_filter: str = "both"):
        """Flatten the story.

        Args:
            story: The story to show.
            show_notes: Show author's notes inline, where they stood in the file.
            realm_filter: "both", or "plain"/"italic" to hide the other realm's paragraphs.
        """
        self.story = story
        self.show_notes = show_notes
        self.realm_filter = realm_filter
        items: list[Item] = []
        notes: dict[tuple[NotePosition, int | None], list[Item]] = {}
        if show_notes:
            for note in story.notes:
                label = note.label or "Note"
                block = Block(BlockKind.VERSE, [Span(note.text.strip())])
                note_chapter = note.chapter if note.chapter is not None else 0
                paragraph = {
                    NotePosition.FRONT: -3,
                    NotePosition.CHAPTER_FRONT: -1,
                }.get(note.position, _NOTE_GAP)
                item = Item(
                    ItemKind.NOTE, note_chapter, paragraph, block, None, len(note.text), label
                )
                notes.setdefault((note.position, note.chapter), []).append(item)
        last = len(story.chapters) - 1
        items.extend(notes.get((NotePosition.FRONT, None), []))
        for ci, chapter in enumerate(story.chapters):
            title = chapter.title or f"Chapter {ci + 1}"
            heading = Block(BlockKind.HEADING, [Span(title, Style.BOLD)])
            items.append(Item(ItemKind.CHAPTER, ci, -2, heading, None, len(title)))
            items.extend(notes.get((NotePosition.CHAPTER_FRONT, ci), []))
            for pi, block in enumerate(chapter.blocks):
                if block.kind is BlockKind.SCENE_BREAK:
                    items.append(Item(ItemKind.BREAK, ci, pi, block, None, 0))
                    continue
                realm = block_realm(block)
                if is_shown(realm, realm_filter):
                    chars = sum(len(span.text) for span in block.spans)
                    items.append(Item(ItemKind.BLOCK, ci, pi, block, realm, chars))
            items.extend(notes.get((NotePosition.CHAPTER_END, ci), []))
        for note_item in notes.get((NotePosition.END, None), []):
            note_item.chapter = max(last, 0)
            items.append(note_item)
        self.items = items
        self.keys = array("q", (_key(item.chapter, item.paragraph) for item in items))
        self.chars_before = list(accumulate((item.chars for item in items), initial=0))
        self.realms = [item.realm for item in items]
        self.switches = switch_points(self.realms)
        self.chapter_items = [i for i, item in enumerate(items) if item.kind is ItemKind.CHAPTER]
        self._lines: OrderedDict[tuple[int, int, bool], list[DisplayLine]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.items)

    @property
    def total_chars(self) -> int:
        """The length of every item's text."""
        return self.chars_before[-1]

    def index_of(self, chapter: int, paragraph: int) -> int:
        """The item showing a block, or the first item after it when it is hidden."""
        index = bisect_left(self.keys, _key(chapter, paragraph))
        return max(0, min(index, len(self.items) - 1))

    def chapter_at(self, item: int) -> int:
        """The chapter an item belongs to."""
        if not self.items:
            return 0
        return self.items[max(0, min(item, len(self.items) - 1))].chapter

    def chapter_start(self, chapter: int) -> int:
        """The item of a chapter's heading."""
        if not self.chapter_items:
            return 0
        return self.chapter_items[max(0, min(chapter, len(self.chapter_items) - 1))]

    def block_at(self, item: int) -> tuple[int, int] | None:
        """The (chapter, block) nearest an item for an address: itself or the next block.

        Returns:
            None when the story has no blocks at or after the item.
        """
        for index in range(max(item, 0), len(self.items)):
            found = self.items[index]
            if found.kind in (ItemKind.BLOCK, ItemKind.BREAK):
                return (found.chapter, found.paragraph)
            if found.kind is ItemKind.CHAPTER and self.story.chapters[found.chapter].blocks:
                return (found.chapter, 0)
        return None

    def paragraph_at(self, item: int) -> tuple[int, int] | None:
        """The first paragraph (a block of reading text) at or after an item, if any."""
        for index in range(max(item, 0), min(len(self.items), item + 256)):
            found = self.items[index]
            if found.kind is ItemKind.BLOCK and found.block.kind in TEXT_KINDS:
                return (found.chapter, found.paragraph)
        return None

    def realm_near(self, item: int) -> Realm | None:
        """The realm of the paragraph at or after ``item`` in the same chapter."""
        chapter = self.chapter_at(item)
        for index in range(max(item, 0), min(len(self.items), item + 64)):
            found = self.items[index]
            if found.chapter != chapter:
                break
            if found.realm is not None:
                return found.realm
        return None

    def texts(self) -> list[str | None]:
        """The searchable text of each item (None for breaks)."""
        return [None if item.kind is ItemKind.BREAK else item.block.text for item in self.items]

    # --- lines ---------------------------------------------------------------

    def lines(self, index: int, width: int, justify: bool = False) -> list[DisplayLine]:
        """The display lines of an item at a column width (cached, most recent first)."""
        key = (index, width, justify)
        cache = self._lines
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
            return found
        built = self.build_lines(index, width, justify)
        cache[key] = built
        if len(cache) > 4096:
            cache.popitem(last=False)
        return built

    def build_lines(self, index: int, width: int, justify: bool = False) -> list[DisplayLine]:
        """Wrap an item into display lines (uncached; safe in a worker thread)."""
        item = self.items[index]
        width = max(1, width)
        out: list[DisplayLine] = []
        if item.kind is ItemKind.CHAPTER:
            if index:
                out.append(BLANK)
            for line in wrap_block(item.block, width):
                out.append(DisplayLine(tuple(line), Role.HEADING, centre=True))
        elif item.kind is ItemKind.BREAK:
            out.append(DisplayLine((Span(ORNAMENT),), Role.ORNAMENT, centre=True))
        elif item.kind is ItemKind.NOTE:
            out.append(DisplayLine((Span(item.label, Style.BOLD),), Role.NOTE_LABEL, NOTE_INDENT))
            for paragraph in item.block.text.split("\n\n"):
                rows = paragraph.strip().split("\n")
                for row in rows:
                    for line in wrap_spans([Span(row)], width - NOTE_INDENT):
                        out.append(DisplayLine(tuple(line), Role.NOTE, NOTE_INDENT))
        else:
            block = item.block
            role = Role.HEADING if block.kind is BlockKind.HEADING else Role.BODY
            indent = QUOTE_INDENT if block.kind is BlockKind.QUOTE and width > 20 else 0
            offset = 0
            for number, line in enumerate(wrap_block(block, width - indent, justify=justify)):
                out.append(DisplayLine(tuple(line), role, indent, first=not number, offset=offset))
                offset += _non_space(line)
        out.append(BLANK)
        return out

    def count(self, index: int, width: int) -> int:
        """The exact number of display lines of an item (fast for paragraphs)."""
        item = self.items[index]
        block = item.block
        if item.kind is ItemKind.BLOCK and block.kind in TEXT_KINDS:
            indent = QUOTE_INDENT if block.kind is BlockKind.QUOTE and width > 20 else 0
            return count_lines(block, max(1, width) - indent) + 1
        return len(self.build_lines(index, width))

    def estimate(self, index: int, width: int) -> int:
        """A quick guess at an item's line count."""
        item = self.items[index]
        if item.kind is ItemKind.BLOCK:
            return estimate_lines(item.chars, width) + 1
        if item.kind is ItemKind.BREAK:
            return 2
        return self.count(index, width)

    def estimated_index(self, width: int) -> LineIndex:
        """A line index built from estimates (exact for short items), fast enough for any size."""
        counts: list[int] = []
        exact = bytearray(len(self.items))
        append = counts.append
        per_line = max(1, width) * 9 // 10
        for index, item in enumerate(self.items):
            if item.kind is ItemKind.BLOCK:
                # Short paragraphs fit on one line whatever the wrapper does.
                if item.chars <= per_line and item.block.kind is not BlockKind.VERSE:
                    append(2)
                    exact[index] = 1
                else:
                    append(estimate_lines(item.chars, width) + 1)
            elif item.kind is ItemKind.BREAK:
                append(2)
                exact[index] = 1
            else:
                append(self.count(index, width))
                exact[index] = 1
        return LineIndex(counts, exact)

    def exact_counts(
        self,
        width: int,
        *,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> list[int] | None:
        """Every item's exact line count at a width (for a background worker).

        Args:
            width: The column width.
            cancelled: Polled now and then; stop and return None when it is True.
            progress: Called with the share done now and then.

        Returns:
            The counts, or None when cancelled.
        """
        counts: list[int] = []
        total = len(self.items) or 1
        for index in range(len(self.items)):
            if index % 8192 == 0 and index:
                if cancelled is not None and cancelled():
                    return None
                if progress is not None:
                    progress(index / total)
            counts.append(self.count(index, width))
        return counts
