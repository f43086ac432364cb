"""The reader: a Line API view of one story that draws only the lines on screen."""

from __future__ import annotations

import gc
import time
from bisect import bisect_right
from collections.abc import Iterable
from typing import ClassVar

from textual import work
from textual.reactive import reactive
from textual.timer import Timer
from textual.worker import get_current_worker

from fictui.model import Address, Realm, Story
from fictui.reading.document import Document
from fictui.reading.lineindex import LineIndex
from fictui.reading.progress import StatusInfo, fraction, minutes_left, words_left
from fictui.reading.realms import realm_shares
from fictui.reading.search import Hit, SearchIndex
from fictui.ui.messages import PositionChanged, ReaderStatus
from fictui.ui.widgets.reader_view import ReaderView

POSITION_INTERVAL = 0.3
"""Seconds between two PositionChanged messages while scrolling."""
_KEEP = object()


class Reader(ReaderView):
    """One story as a scrollable reading column, drawn a line at a time."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--body",
        "reader--heading",
        "reader--realm",
        "reader--realm-gutter",
        "reader--note",
        "reader--search",
        "reader--search-current",
        "reader--ornament",
        "reader--mark",
        "reader--bold",
    }

    DEFAULT_CSS = """
    Reader {
        background: $background;
        color: $fictui-body;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    Reader > .reader--body { color: $fictui-body; }
    Reader > .reader--heading { color: $fictui-heading; text-style: bold; }
    Reader > .reader--realm { color: $fictui-realm; text-style: italic; }
    Reader > .reader--realm-gutter { color: $fictui-realm-gutter; }
    Reader > .reader--note { color: $fictui-note; }
    Reader > .reader--search { background: $fictui-search; }
    Reader > .reader--search-current { background: $fictui-search-current; text-style: bold; }
    Reader > .reader--ornament { color: $fictui-ornament; }
    Reader > .reader--mark { color: $fictui-mark; text-style: bold; }
    Reader > .reader--bold { text-style: bold; }
    """

    show_notes_inline: reactive[bool] = reactive(False)
    """Show author's notes inline, where they stood in the file."""
    realm_filter: reactive[str] = reactive("both")
    """Which realm to show: "both", "plain" or "italic"."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.story: Story | None = None
        self.bookmarks: dict[str, Address] = {}
        self.pending_keys = ""
        self._wpm = 250
        self._total_words = 0
        self._italic_share = 0.0
        self.chapter_words: list[int] | None = None
        """Words per chapter, None while a big story is still being counted."""
        self._searcher: SearchIndex | None = None
        self._position_timer: Timer | None = None
        self._position_time = 0.0
        self._posted: Address | None = None

    # Every worker below names its description: left out, Textual builds one from
    # repr() of the arguments, which for a 20 MB story takes seconds on the UI thread.

    # --- data down -------------------------------------------------------------

    def load(
        self,
        story: Story,
        *,
        position: Address | None = None,
        bookmarks: dict[str, Address] | None = None,
        passage_marks: Iterable[Address] = (),
        words_per_minute: int = 250,
    ) -> None:
        """Show a story, at a saved position or (for a newer copy of the same work) where we are.

        Args:
            story: The story (possibly partial; load the full one again later).
            position: Where to open it; None keeps the current paragraph for the same work.
            bookmarks: Lettered bookmarks of the work.
            passage_marks: Paragraphs with a passage note.
            words_per_minute: Reading speed for the time left.
        """
        same = self.story is not None and story.identity == self.story.identity
        self._anchor = position if position is not None else (_KEEP if same else None)
        if not same:
            self.doc, self._index = None, None
            self._posted = None
        self.story = story
        self.bookmarks = dict(bookmarks or {})
        self._wpm = words_per_minute
        self._marks = {story.locate(address) for address in passage_marks}
        self._total_words, self._italic_share = 0, 0.0
        self.chapter_words = None
        self._searcher = None
        if not self._is_big(story):
            self._count_words(story)
        self._rebuild()

    def set_passage_marks(self, addresses: Iterable[Address]) -> None:
        """Mark the paragraphs that have a passage note."""
        if self.story is None:
            return
        self._marks = {self.story.locate(address) for address in addresses}
        self._invalidate()

    def _is_big(self, story: Story) -> bool:
        return sum(len(chapter.blocks) for chapter in story.chapters) > self.SYNC_BLOCKS

    def _rebuild(self, anchor: object = _KEEP) -> None:
        """Flatten the story again for the current options, in a worker when it is big."""
        if self.story is None:
            return
        if anchor is not _KEEP:
            self._anchor = anchor
        elif self._anchor is None and self.doc is not None:
            self._anchor = _KEEP
        if self._is_big(self.story):
            self._build_in_background(
                self.story, self.show_notes_inline, self.realm_filter, self._column
            )
        else:
            doc = Document(
                self.story, show_notes=self.show_notes_inline, realm_filter=self.realm_filter
            )
            self._install_document(doc)

    @work(
        thread=True,
        exclusive=True,
        group="reader-document",
        exit_on_error=False,
        description="flatten the story",
    )
    def _build_in_background(
        self, story: Story, show_notes: bool, realm_filter: str, column: int
    ) -> None:
        doc = Document(story, show_notes=show_notes, realm_filter=realm_filter)
        # Estimating every item's lines is linear too: do it here, for the likely width.
        index = doc.estimated_index(column) if column else None
        # A big story is millions of long-lived objects: without this every full
        # garbage collection walks them all and freezes the screen for a second.
        # They hold no cycles, so reference counting still frees them later.
        gc.freeze()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._install_document, doc, column, index)

    def _install_document(
        self, doc: Document, column: int = 0, index: LineIndex | None = None
    ) -> None:
        if doc.story is not self.story:
            return
        if doc.show_notes != self.show_notes_inline or doc.realm_filter != self.realm_filter:
            return
        anchor = self._anchor
        if anchor is _KEEP:
            anchor = self.top_address
        # A story opened with no position starts at its first item.
        self._anchor = anchor if anchor is not None else (0, -3)
        self._fresh_index = True
        self.doc, self._index, self._column = doc, index, column if index else 0
        query = self.found.query
        self.found.clear()
        self._searcher = None
        self._invalidate()
        self._layout()
        if query:
            # Items moved (a fuller copy, notes shown, a realm hidden): find the hits again.
            self.search(query, jump=False)

    def _count_words(self, story: Story) -> None:
        words = [chapter.words for chapter in story.chapters]
        shares = realm_shares(block for chapter in story.chapters for block in chapter.blocks)
        self._set_word_stats(story, words, shares[Realm.ITALIC])

    @work(
        thread=True,
        exclusive=True,
        group="reader-words",
        exit_on_error=False,
        description="count the story's words",
    )
    def _count_words_in_background(self, story: Story) -> None:
        words = [chapter.words for chapter in story.chapters]
        shares = realm_shares(block for chapter in story.chapters for block in chapter.blocks)
        self.app.call_from_thread(self._set_word_stats, story, words, shares[Realm.ITALIC])

    def _set_word_stats(self, story: Story, words: list[int], italic: float) -> None:
        if story is self.story:
            self.chapter_words = words
            self._total_words, self._italic_share = sum(words), italic
            self._update_status()

    def watch_show_notes_inline(self) -> None:
        """Flatten again with or without the notes."""
        self._rebuild(self._top_key())

    def watch_realm_filter(self) -> None:
        """Flatten again showing one realm or both."""
        self._rebuild(self._top_key())

    def _reflowed(self) -> None:
        """Count words once the re-wrap is done, so the two workers never compete."""
        if not self._total_words and self.story is not None and self._is_big(self.story):
            self._count_words_in_background(self.story)

    # --- position --------------------------------------------------------------

    @property
    def top_address(self) -> Address | None:
        """The address of the paragraph at the top of the view."""
        if self.doc is None or self._index is None:
            return None
        found = self.doc.block_at(self.top_item)
        return None if found is None else self.doc.story.address(*found)

    @property
    def progress(self) -> float:
        """How far through the story the top of the view is (0..1)."""
        doc, index = self.doc, self._index
        if doc is None or index is None or not len(index):
            return 0.0
        if self.max_scroll_y > 0 and round(self.scroll_y) >= self.max_scroll_y:
            return 1.0
        item, offset = index.locate(round(self.scroll_y))
        within = doc.items[item].chars * offset // max(1, index.counts[item])
        return fraction(doc.chars_before[item] + within, doc.total_chars)

    def go_to(self, address: Address) -> None:
        """Scroll to a paragraph (re-anchored if the text moved)."""
        if self.doc is None or self._index is None:
            self._anchor = address
            return
        self.scroll_to_item(self.doc.index_of(*self.doc.story.locate(address)))

    def go_to_chapter(self, index: int) -> None:
        """Scroll to a chapter's heading."""
        if self.doc is not None:
            self.scroll_to_item(self.doc.chapter_start(index))

    def go_to_percent(self, percent: float) -> None:
        """Scroll to the paragraph at a share of the story (0..1)."""
        if self.doc is None:
            return
        target = max(0.0, min(1.0, percent)) * self.doc.total_chars
        item = bisect_right(self.doc.chars_before, target) - 1
        self.scroll_to_item(max(0, min(item, len(self.doc) - 1)))

    def _moved(self) -> None:
        self._update_status()
        if self._position_timer is not None:
            return
        wait = POSITION_INTERVAL - (time.monotonic() - self._position_time)
        if wait <= 0:
            self._post_position()
        else:
            self._position_timer = self.set_timer(wait, self._post_position)

    def _position_message(self) -> PositionChanged | None:
        address = self.top_address
        if address is None or self.story is None or address == self._posted:
            return None
        self._posted = address
        self._position_time = time.monotonic()
        chapter = self.doc.chapter_at(self.top_item) if self.doc else 0
        return PositionChanged(self.story.identity, address, self.progress, chapter)

    def _post_position(self) -> None:
        self._position_timer = None
        message = self._position_message()
        if message is not None:
            self.post_message(message)

    def on_unmount(self) -> None:
        """Send the last position so it is saved."""
        if self._position_timer is not None:
            self._position_timer.stop()
        message = self._position_message()
        if message is not None and self.parent is not None:
            self.parent.post_message(message)

    # --- status ----------------------------------------------------------------

    def status_info(self) -> StatusInfo:
        """The figures for the status line."""
        doc = self.doc
        if doc is None or self.story is None:
            return StatusInfo(pending=self.pending_keys)
        item = self.top_item
        chapter = doc.chapter_at(item)
        title = self.story.chapters[chapter].title if self.story.chapters else ""
        position = self.progress
        total = self._total_words or doc.total_chars * 10 // 57
        left = words_left(total, position)
        return StatusInfo(
            chapter=title,
            position=position,
            words_left=left,
            minutes_left=minutes_left(left, self._wpm),
            realm=doc.realm_near(item),
            italic_share=self._italic_share,
            realm_filter=self.realm_filter,
            search=self.found.counter(),
            pending=self.pending_keys,
            reflowing=self._reflowing,
        )

    def _update_status(self) -> None:
        self.post_message(ReaderStatus(self.status_info()))

    # --- search ----------------------------------------------------------------

    @property
    def is_big(self) -> bool:
        """True when the story is big enough to be searched and wrapped in workers."""
        return self.doc is not None and len(self.doc) > self.SYNC_BLOCKS

    def search(self, query: str, *, jump: bool = True) -> None:
        """Find every match of ``query``; hits are highlighted and counted.

        Args:
            query: What to find (case and accents do not matter).
            jump: Scroll to the first hit from here when it is off screen.
        """
        query = query.strip()
        if not query or self.doc is None:
            self.clear_search()
            return
        self.found.query = query
        if self._searcher is None:
            # Created here, filled on first use: every search worker shares one fold.
            self._searcher = SearchIndex(self.doc.texts)
        if self.is_big:
            self._search_in_background(self.doc, self._searcher, query, jump)
            return
        self._set_hits(self.doc, query, self._searcher.find(query), jump)

    @work(
        thread=True,
        exclusive=True,
        group="reader-search",
        exit_on_error=False,
        description="search the story",
    )
    def _search_in_background(
        self, doc: Document, searcher: SearchIndex, query: str, jump: bool
    ) -> None:
        worker = get_current_worker()
        hits = searcher.find(query, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_hits, doc, query, hits, jump)

    def _set_hits(self, doc: Document, query: str, hits: list[Hit], jump: bool) -> None:
        if doc is not self.doc or query != self.found.query:
            return
        self.found.set(query, hits, self.top_item)
        self.refresh_bindings()
        self._show_hit(jump)

    def step_hit(self, forward: bool = True) -> None:
        """Move to the next (or previous) search hit."""
        self.found.step(forward, self.top_item)
        self._show_hit()

    def _show_hit(self, jump: bool = True) -> None:
        hit = self.found.current_hit
        if jump and hit is not None and self._index is not None:
            first = self._index.line_of(hit.item)
            top = round(self.scroll_y)
            height = self.scrollable_content_region.height
            if not top <= first < top + height - 2:
                self.scroll_to_item(hit.item)
        self._invalidate()
        self._update_status()

    def clear_search(self) -> None:
        """Forget the search and its highlights."""
        self.found.clear()
        self._invalidate()
        self.refresh_bindings()
        self._update_status()
