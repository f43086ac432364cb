"""The story list: a virtual list on the Line API that draws only the rows on screen."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from fictui.library.entry import Entry
from fictui.library.filter_index import FilterIndex
from fictui.library.query import Query, UserFacts, filter_entries, parse_query
from fictui.library.sort import SORT_KEYS, sort_indices
from fictui.ui.messages import StoryChosen, StoryHighlighted
from fictui.ui.widgets.story_filter import matches
from fictui.ui.widgets.story_index import INDEX_MIN, IndexKeeper
from fictui.ui.widgets.story_marks import Marks
from fictui.ui.widgets.story_rows import (
    RowStyles,
    fit_columns,
    header_segments,
    row_segments,
)

SYNC_FILTER_SECONDS = 0.02
"""A keystroke filters on the app's thread while the last filter took at most this long."""


class StoryList(ScrollView, can_focus=True):
    """Every story of the library, one row each, filtered and sorted; only visible rows render."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="list.open", tooltip="Open the story in the reader"),
        Binding("down,j", "cursor(1)", "Down", id="list.down", show=False),
        Binding("up,k", "cursor(-1)", "Up", id="list.up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="list.page-down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="list.page-up", show=False),
        Binding("home,g", "first", "First story", id="list.first", show=False),
        Binding("end,G", "last", "Last story", id="list.last", show=False),
        Binding("slash", "screen.focus_filter", "Filter", id="list.filter"),
        Binding(
            "escape", "screen.clear_filter", "Clear filter", id="list.clear-filter", show=False
        ),
        Binding("s", "cycle_sort", "Sort", id="list.sort"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-list--header",
        "story-list--cursor",
        "story-list--match",
        "story-list--error",
        "story-list--new",
        "story-list--dim",
    }

    DEFAULT_CSS = """
    StoryList {
        background: $surface;
        color: $foreground;
        & > .story-list--header { text-style: bold; color: $text-muted; }
        & > .story-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .story-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .story-list--match { text-style: bold underline; background: $fictui-search; }
        & > .story-list--error { color: $error; }
        & > .story-list--new { color: $fictui-new; text-style: bold; }
        & > .story-list--dim { color: $text-muted; }
    }
    App:nocolor StoryList > .story-list--cursor,
    App:nocolor StoryList:focus > .story-list--cursor { text-style: reverse; }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """The row under the cursor, as an index into the filtered view."""
    sort_key: reactive[str] = reactive("title", init=False)
    """The order of the rows: one of SORT_KEYS."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[Entry] = []
        """Every story, in the order they arrived."""
        self.view: list[int] = []
        """The rows shown: indices into ``entries``, filtered and sorted."""
        self.facts: dict[str, UserFacts] = {}
        """The reader's own data by work identity (progress, last read, notes)."""
        self.marks = Marks()
        """New/updated marks by path, with a note such as "2 new chapters"."""
        self.filter_query: Query = parse_query("")
        self._order: list[int] = []
        self._matched: list[int] | None = None
        self._by_path: dict[Path, int] = {}
        self._cache: LRUCache[tuple[int, int, bool, int], Strip] = LRUCache(1024)
        self._generation = 0
        self._rebuild_pending = False
        self._filter_generation = 0
        self._sort_seconds = 0.0
        self._row_styles: RowStyles | None = None
        self._keeper = IndexKeeper()
        self.last_filter_seconds = 0.0
        """How long the last filter took (the screen shows it in benchmarks)."""

    # ---- data in -------------------------------------------------------------------------

    def set_entries(self, entries: Iterable[Entry]) -> None:
        """Replace every story (a new library, or the cached index at start-up)."""
        self.entries = list(entries)
        if len(self.entries) >= INDEX_MIN:
            # A large library is millions of long-lived objects; left to the collector,
            # each full collection walks them all and stalls a keystroke for a second.
            # Reference counting still frees them when they are replaced.
            gc.freeze()
        self._keeper.moved()
        self._reindex()
        self._resort()
        self._refresh_filter_index()

    def add_entries(self, batch: Sequence[Entry]) -> None:
        """Add or replace stories (a scan batch); the list re-sorts shortly after."""
        for entry in batch:
            at = self._by_path.get(entry.path)
            if at is None:
                self._by_path[entry.path] = len(self.entries)
                self.entries.append(entry)
            else:
                self.entries[at] = entry
                self._keeper.touched(at)
        self._schedule_rebuild()

    def remove_paths(self, paths: Iterable[Path]) -> None:
        """Drop the stories of files that are gone."""
        gone = set(paths)
        if not gone:
            return
        self.entries = [e for e in self.entries if e.path not in gone]
        self._keeper.moved()
        for path in gone:
            self.clear_mark(path)
        self._reindex()
        self._resort()
        self._refresh_filter_index()

    def mark(self, path: Path, kind: str, new_chapters: int = 0) -> None:
        """Mark a story new ("added") or updated ("changed"), with its new chapters."""
        self.marks.add(path, kind, new_chapters)
        self._invalidate()

    def clear_mark(self, path: Path) -> None:
        """Forget a story's new/updated mark (the reader has opened it)."""
        self.marks.clear(path)
        self._invalidate()

    def set_facts(self, facts: Mapping[str, UserFacts]) -> None:
        """The reader's own data for every work (progress, last read, notes)."""
        self.facts = dict(facts)
        self._invalidate()

    def update_facts(self, identity: str, facts: UserFacts) -> None:
        """The reader's data of one work changed (their position or notes)."""
        self.facts[identity] = facts
        self._invalidate()

    # ---- filtering and sorting -------------------------------------------------------------

    def filter(self, text: str) -> None:
        """Narrow the rows to those matching a query, at once (on this thread).

        A query that only narrows the previous one starts from its matches, so typing
        on stays fast on a very large library.
        """
        self._filter_generation += 1
        started = time.perf_counter()
        query, matched = matches(
            text,
            self.entries,
            self.facts,
            self._order,
            self.filter_query,
            self._matched,
            self.filter_index,
        )
        self._show_filtered(query, matched)
        self.last_filter_seconds = time.perf_counter() - started

    def request_filter(self, text: str) -> None:
        """Filter for a keystroke: at once while that is fast, else in a worker.

        A worker's result is dropped when a later keystroke has asked again.
        """
        if self.last_filter_seconds <= SYNC_FILTER_SECONDS:
            self.filter(text)
            return
        self._filter_generation += 1
        job = partial(
            self._filter_in_thread, text, self.filter_query, self._matched, self._filter_generation
        )
        self.run_worker(
            job,
            thread=True,
            exclusive=True,
            group="filter",
            exit_on_error=False,
            description="filter the list",  # not repr(job), which holds every row
        )

    def _filter_in_thread(
        self, text: str, previous: Query, matched: list[int] | None, generation: int
    ) -> None:
        started = time.perf_counter()
        query, found = matches(
            text, self.entries, self.facts, self._order, previous, matched, self.filter_index
        )
        elapsed = time.perf_counter() - started
        self.app.call_from_thread(self._filter_done, generation, query, found, elapsed)

    def _filter_done(
        self, generation: int, query: Query, matched: list[int] | None, elapsed: float
    ) -> None:
        if generation == self._filter_generation:
            self.last_filter_seconds = elapsed
            self._show_filtered(query, matched)

    def _show_filtered(self, query: Query, matched: list[int] | None) -> None:
        self.filter_query = query
        self._matched = matched
        self._apply_view()

    def action_cycle_sort(self) -> None:
        """Sort by the next key: title, author, words, last read, added, updated."""
        keys = list(SORT_KEYS)
        at = keys.index(self.sort_key) if self.sort_key in keys else -1
        self.sort_key = keys[(at + 1) % len(keys)]

    def watch_sort_key(self) -> None:
        self._resort()

    def _reindex(self) -> None:
        self._by_path = {entry.path: i for i, entry in enumerate(self.entries)}

    def _schedule_rebuild(self) -> None:
        # Scan batches come fast; sort once per burst rather than once per batch, and
        # leave the list to the reader most of the time when sorting grows slow.
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.set_timer(max(0.15, 4 * self._sort_seconds), self._rebuild_now)

    def _rebuild_now(self) -> None:
        self._rebuild_pending = False
        self._resort()
        self._refresh_filter_index()

    # ---- the filter index ----------------------------------------------------------------

    @property
    def filter_index(self) -> FilterIndex | None:
        """The index filtering uses on a large library, once a worker has built it."""
        return self._keeper.index

    def _refresh_filter_index(self) -> None:
        """Build the index in a worker when the library is large and the index missing or behind."""
        if self._keeper.wanted(len(self.entries)):
            job = partial(self._build_filter_index, list(self.entries), self._keeper.generation)
            self.run_worker(
                job,
                thread=True,
                group="filter-index",
                exit_on_error=False,
                description="index the library for filtering",  # not repr(job): 100k entries
            )

    def _build_filter_index(self, snapshot: list[Entry], generation: int) -> None:
        # The build makes a million containers; the collector would walk the whole
        # library over and over meanwhile, stalling the app for a second each time.
        # They live as long as the index, so they are frozen rather than ever walked.
        gc.disable()
        try:
            index = FilterIndex(snapshot)
        finally:
            gc.freeze()
            gc.enable()
        self.app.call_from_thread(self._filter_index_built, index, snapshot, generation)
        index.prewarm()  # answers for the first keystrokes, while the reader looks around

    def _filter_index_built(
        self, index: FilterIndex, snapshot: list[Entry], generation: int
    ) -> None:
        self._keeper.landed(index, snapshot, self.entries, generation)
        self._refresh_filter_index()

    def _resort(self) -> None:
        key = self.sort_key if self.sort_key in SORT_KEYS else "title"
        started = time.perf_counter()
        self._order = sort_indices(self.entries, key, self.facts)
        self._sort_seconds = time.perf_counter() - started
        if not self.filter_query.is_empty:
            self._matched = filter_entries(
                self.entries,
                self.filter_query,
                self.facts,
                within=self._order,
                index=self.filter_index,
            )
        self._apply_view()

    def _apply_view(self) -> None:
        current = self.current_entry
        # Matches come in list order already (they were filtered within it).
        view = self._order if self._matched is None else self._matched
        self.view = view
        self.virtual_size = Size(self.size.width, len(view) + 1)
        self._invalidate()
        position = 0
        if current is not None and (at := self._by_path.get(current.path)) is not None:
            try:
                position = view.index(at)
            except ValueError:
                position = 0
        self.set_reactive(StoryList.cursor, min(position, max(len(view) - 1, 0)))
        self._scroll_to_cursor()
        self.post_message(StoryHighlighted(self.current_entry.path if self.current_entry else None))

    # ---- cursor --------------------------------------------------------------------------

    @property
    def current_entry(self) -> Entry | None:
        """The story under the cursor, or None when the view is empty."""
        if 0 <= self.cursor < len(self.view) and self.view[self.cursor] < len(self.entries):
            return self.entries[self.view[self.cursor]]
        return None

    def entry_for(self, path: Path) -> Entry | None:
        """The story of a file, or None when the list does not hold it."""
        at = self._by_path.get(path)
        return self.entries[at] if at is not None and at < len(self.entries) else None

    def select_path(self, path: Path) -> bool:
        """Put the cursor on a story; returns False when it is not in the view."""
        at = self._by_path.get(path)
        if at is None:
            return False
        try:
            self.cursor = self.view.index(at)
        except ValueError:
            return False
        return True

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.view) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - int(self.scroll_offset.y) + 1)
        self.refresh_line(new - int(self.scroll_offset.y) + 1)
        self._scroll_to_cursor()
        entry = self.current_entry
        self.post_message(StoryHighlighted(entry.path if entry else None))

    def _scroll_to_cursor(self) -> None:
        rows = max(self.scrollable_content_region.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 2, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.view) - 1

    def action_open(self) -> None:
        entry = self.current_entry
        if entry is not None:
            self.post_message(StoryChosen(entry.path, entry.identity))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = offset.y - 1 + int(self.scroll_offset.y)
        if 0 <= row < len(self.view):
            self.cursor = row
            if event.chain >= 2:
                self.action_open()

    # ---- drawing -------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._generation += 1
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_styles = None
        self._cache.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.view) + 1)
        self._cache.clear()
        self._scroll_to_cursor()

    def _styles(self) -> RowStyles:
        # Looked up once per style change, not once per line.
        if self._row_styles is None:
            self._row_styles = self._lookup_styles()
        return self._row_styles

    def _lookup_styles(self) -> RowStyles:
        base = self.rich_style
        return RowStyles(
            base=base,
            dim=base + self.get_component_rich_style("story-list--dim", partial=True),
            match=self.get_component_rich_style("story-list--match", partial=True),
            error=base + self.get_component_rich_style("story-list--error", partial=True),
            new=base + self.get_component_rich_style("story-list--new", partial=True),
            cursor=self.get_component_rich_style("story-list--cursor", partial=True),
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = fit_columns(width)
        styles = self._styles()
        if y == 0:
            header = self.rich_style + self.get_component_rich_style(
                "story-list--header", partial=True
            )
            return Strip(header_segments(columns, header)).adjust_cell_length(width, header)
        row = y - 1 + int(self.scroll_offset.y)
        if row >= len(self.view):
            if row == 0 and not self.view:
                text = "No stories match the filter." if self.entries else "No stories yet."
                return Strip([Segment(text, styles.dim)]).adjust_cell_length(width, styles.base)
            return Strip.blank(width, styles.base)
        is_cursor = row == self.cursor
        key = (row, width, is_cursor, self._generation)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        entry = self.entries[self.view[row]]
        mark, note = self.marks.get(entry.path)
        segments = row_segments(
            entry,
            columns,
            styles,
            facts=self.facts.get(entry.identity),
            mark=mark,
            note=note,
            highlight=None if self.filter_query.is_empty else self.filter_query.highlights,
            cursor=is_cursor,
        )
        line_style = styles.base + styles.cursor if is_cursor else styles.base
        strip = Strip(segments).adjust_cell_length(width, line_style)
        self._cache[key] = strip
        return strip
