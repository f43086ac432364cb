"""The reader's view: fitting the column, line counts on screen, and drawing strips."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style as RichStyle
from textual import events, on, work
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from fictui.model import Address
from fictui.reading.document import Document, ItemKind
from fictui.reading.lineindex import LineIndex
from fictui.reading.search import SearchState
from fictui.ui.messages import ReflowProgress
from fictui.ui.widgets.reader_paint import GUTTER, ReaderStyles, paint_line

_REVERSE = RichStyle(reverse=True)
_REVERSE_BOLD = RichStyle(reverse=True, bold=True, underline=True)


class ReaderView(ScrollView, can_focus=True, inherit_bindings=False):
    """Draws a Document a line at a time; the Reader subclass feeds it stories."""

    SYNC_BLOCKS: ClassVar[int] = 4000
    """Stories with more blocks than this are flattened, wrapped and searched in workers."""

    reading_width: reactive[int] = reactive(72)
    """The reading column's width in cells (clamped to the widget)."""
    justify: reactive[bool] = reactive(False)
    """Justify paragraphs to the column's width."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.doc: Document | None = None
        self._index: LineIndex | None = None
        self._column = 0
        self._left = 0
        self._width = 0
        self._anchor: object = None
        self._strips: LRUCache[tuple[int, int, int, int], Strip] = LRUCache(1024)
        self._styles: ReaderStyles | None = None
        self._generation = 0
        self._render_width = 0
        self._prefetching = False
        self._fresh_index = False
        self._marks: set[tuple[int, int]] = set()
        self._reflowing: float | None = None
        self.found = SearchState()

    def _moved(self) -> None:
        """The top line changed (the Reader reports it)."""

    def _update_status(self) -> None:
        """The status figures changed (the Reader reports them)."""

    def _reflowed(self) -> None:
        """Exact line counts are in (the Reader starts slower work then)."""

    # --- layout ----------------------------------------------------------------

    def _layout(self) -> None:
        """Fit the column to the widget and keep the same paragraph at the top."""
        doc = self.doc
        width = self.scrollable_content_region.width
        if doc is None or width <= 0:
            return
        column = max(8, min(self.reading_width, width - 2 * GUTTER))
        left = max(GUTTER, (width - column) // 2)
        anchor = self._anchor
        self._anchor = None
        if isinstance(anchor, Address):
            item, offset = doc.index_of(*doc.story.locate(anchor)), 0
        elif isinstance(anchor, tuple):
            item, offset = doc.index_of(*anchor), 0
        elif self._index is not None:
            item, offset = self._index.locate(round(self.scroll_y))
            if self._index.counts and column != self._column:
                offset = offset * doc.count(item, column) // max(1, self._index.counts[item])
        else:
            item, offset = 0, 0
        fresh, self._fresh_index = self._fresh_index, False
        if column != self._column or self._index is None:
            self._index = doc.estimated_index(column)
            self._column = column
            fresh = True
        if fresh:
            self._start_reflow()
        self._left, self._width = left, width
        self._strips.clear()
        self._settle(self._index.line_of(item), self.scrollable_content_region.height)
        self.virtual_size = Size(width, self._index.total)
        self.scroll_to(y=self._index.line_of(item) + offset, animate=False, immediate=True)
        self.refresh()
        self._moved()

    def _start_reflow(self) -> None:
        index, doc = self._index, self.doc
        if index is None or doc is None or all(index.exact):
            return
        if len(doc) <= self.SYNC_BLOCKS:
            # Small enough to count now; the caller then scrolls to its anchor.
            counts = doc.exact_counts(self._column) or []
            self._index = LineIndex(counts, bytearray(b"\x01") * len(counts))
            self._reflowed()
            return
        self._reflowing = 0.0
        self._reflow(doc, self._column)

    @work(
        thread=True,
        exclusive=True,
        group="reflow",
        exit_on_error=False,
        description="wrap the story",
    )
    def _reflow(self, doc: Document, column: int) -> None:
        worker = get_current_worker()

        def progress(done: float) -> None:
            self.post_message(ReflowProgress(done))

        counts = doc.exact_counts(column, cancelled=lambda: worker.is_cancelled, progress=progress)
        if counts is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._install_index, doc, column, counts)
            self.post_message(ReflowProgress(None))

    @on(ReflowProgress)
    def _reflow_progress(self, message: ReflowProgress) -> None:
        self._reflowing = message.done
        self._update_status()

    def _install_index(self, doc: Document, column: int, counts: list[int]) -> None:
        """Swap estimated counts for exact ones, keeping the top line where it is."""
        if doc is not self.doc or column != self._column or self._index is None:
            return
        item, offset = self._index.locate(round(self.scroll_y))
        self._index = LineIndex(counts, bytearray(b"\x01") * len(counts))
        self._reflowing = None
        self._reflowed()
        self.virtual_size = Size(self._width, self._index.total)
        offset = min(offset, max(0, counts[item] - 1)) if counts else 0
        self.scroll_to(y=self._index.line_of(item) + offset, animate=False, immediate=True)
        self.refresh()
        self._update_status()

    def _settle(self, top: int, height: int) -> bool:
        """Make the counts of the items on screen exact (lines above stay put)."""
        index, doc = self._index, self.doc
        if index is None or doc is None or not len(index):
            return False
        item, offset = index.locate(top)
        remaining = height + offset
        changed = False
        while item < len(index) and remaining > 0:
            if not index.exact[item]:
                changed = index.set(item, doc.count(item, self._column)) or changed
            remaining -= index.counts[item]
            item += 1
        return changed

    def _sync_virtual_size(self) -> None:
        if self._index is not None:
            self.virtual_size = Size(self._width, self._index.total)

    def on_resize(self, event: events.Resize) -> None:
        """Re-fit the column; the same paragraph stays at the top."""
        self._layout()

    def watch_reading_width(self) -> None:
        """Re-wrap at the new width."""
        self._layout()

    def watch_justify(self) -> None:
        """Redraw with or without justification (line counts do not change)."""
        self._invalidate()

    def _top_key(self) -> tuple[int, int] | None:
        """The (chapter, paragraph) key of the top item, headings and notes included."""
        if self.doc is None or self._index is None or not len(self.doc):
            return None
        item = self.doc.items[self.top_item]
        return (item.chapter, item.paragraph)

    # --- drawing ---------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Forget styles and strips when the theme or CSS changes."""
        self._styles = None
        self._strips.clear()
        super().notify_style_update()

    def _get_styles(self) -> ReaderStyles:
        if self._styles is None:
            get = self.get_component_rich_style
            search = get("reader--search", partial=True)
            current = get("reader--search-current", partial=True)
            if self.app.no_color:
                # Without colour a hit shows as reverse video.
                search, current = search + _REVERSE, current + _REVERSE_BOLD
            self._styles = ReaderStyles(
                body=get("reader--body"),
                heading=get("reader--heading"),
                realm=get("reader--realm"),
                gutter=get("reader--realm-gutter"),
                note=get("reader--note"),
                search=search,
                current=current,
                ornament=get("reader--ornament"),
                mark=get("reader--mark"),
                bold=get("reader--bold", partial=True),
            )
        return self._styles

    def _invalidate(self) -> None:
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Make the visible items' line counts exact before drawing them."""
        region = self.scrollable_content_region
        self._render_width = region.width
        if self._settle(round(self.scroll_y), region.height):
            self.call_later(self._sync_virtual_size)
        strips = super().render_lines(crop)
        self._render_width = 0
        if not self._prefetching:
            self._prefetching = True
            self.call_later(self._prefetch)
        return strips

    def _prefetch(self) -> None:
        """Wrap the screens above and below while idle, so the next page is ready."""
        self._prefetching = False
        index, doc = self._index, self.doc
        if index is None or doc is None or not len(index):
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        first, _ = index.locate(max(0, top - height))
        last, _ = index.locate(top + 2 * height)
        for item in range(first, min(last + 1, len(doc))):
            doc.lines(item, self._column, self.justify)

    def render_line(self, y: int) -> Strip:
        """Draw one line of the view (cached by item, line, width and options)."""
        styles = self._get_styles()
        width = self._render_width or self.scrollable_content_region.width
        index, doc = self._index, self.doc
        number = round(self.scroll_y) + y
        if index is None or doc is None or number >= index.total:
            return Strip.blank(width, styles.body)
        item, offset = index.locate(number)
        key = (item, offset, width, self._generation)
        strip = self._strips.get(key)
        if strip is None:
            lines = doc.lines(item, self._column, self.justify)
            if offset >= len(lines):
                return Strip.blank(width, styles.body)
            found = doc.items[item]
            marked = (
                found.kind is ItemKind.BLOCK and (found.chapter, found.paragraph) in self._marks
            )
            strip = paint_line(
                lines[offset],
                found,
                styles=styles,
                width=width,
                left=self._left,
                column=self._column,
                marked=marked,
                hits=self._line_hits(item),
            )
            self._strips[key] = strip
        return strip

    def _line_hits(self, item: int) -> list[tuple[int, int, bool]] | None:
        if not self.found or self.doc is None:
            return None
        return self.found.ranges(item, self.doc.items[item].block.text)

    # --- position --------------------------------------------------------------

    @property
    def top_item(self) -> int:
        """The document item at the top of the view."""
        if self._index is None:
            return 0
        return self._index.locate(round(self.scroll_y))[0]

    def scroll_to_item(self, item: int) -> None:
        """Put an item's first line at the top of the view."""
        if self._index is None:
            return
        self.scroll_to(y=self._index.line_of(item), animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Report the new position (status now, saved position throttled)."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._moved()
