"""The reader pane: the reader, its search input (opened with /) and its status line, with keys."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input

from fictui.reading.realms import next_filter, next_switch, previous_switch
from fictui.ui.messages import BookmarkSet, PassageNoteRequested, ReaderSettingChanged, ReaderStatus
from fictui.ui.screens.prompt import PromptScreen
from fictui.ui.screens.toc import TocScreen
from fictui.ui.widgets.reader import Reader
from fictui.ui.widgets.safe_input import SafeInput
from fictui.ui.widgets.status_line import StatusLine

WIDTH_STEP = 4
"""Cells the reading column grows or shrinks by per key press."""
MIN_WIDTH, MAX_WIDTH = 20, 240
"""The range of the reading width keys."""
INCREMENTAL_MIN = 3
"""Characters a query of a big story needs before it is searched as it is typed."""
QUOTE_CHARS = 200
"""How much of a paragraph a passage-note request quotes."""


class ReaderPane(Vertical):
    """The reading experience: keys act on the reader; the pane owns search and status."""

    DEFAULT_CSS = """
    ReaderPane { height: 1fr; }
    ReaderPane > Reader { height: 1fr; }
    ReaderPane > #reader-search {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
        background: $panel;
    }
    ReaderPane > #reader-search.-open { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll(1)", "Down", id="reader.down", show=False),
        Binding("k,up", "scroll(-1)", "Up", id="reader.up", show=False),
        Binding("space,pagedown", "page(1)", "Page down", id="reader.page-down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", id="reader.page-up", show=False),
        Binding("ctrl+d", "half(1)", "Half page down", id="reader.half-down", show=False),
        Binding("ctrl+u", "half(-1)", "Half page up", id="reader.half-up", show=False),
        Binding("g,home", "top", "Start of story", id="reader.top", show=False),
        Binding("G,end", "bottom", "End of story", id="reader.bottom", show=False),
        Binding("right_square_bracket", "chapter(1)", "Next chapter", id="reader.next-chapter"),
        Binding("left_square_bracket", "chapter(-1)", "Prev chapter", id="reader.previous-chapter"),
        Binding("t", "toc", "Contents", id="reader.toc"),
        Binding("percent_sign", "percent", "Go to %", id="reader.percent", show=False),
        Binding("slash", "open_search", "Search", id="reader.search"),
        Binding("n", "hit(1)", "Next hit", id="reader.next-hit"),
        Binding("N", "hit(-1)", "Prev hit", id="reader.previous-hit"),
        Binding("escape", "escape", "Close search", id="reader.close-search"),
        Binding("plus,greater_than_sign", "width(1)", "Wider", id="reader.wider", show=False),
        Binding("minus,less_than_sign", "width(-1)", "Narrower", id="reader.narrower", show=False),
        Binding("J", "justify", "Justify", id="reader.justify", show=False),
        Binding("i", "notes", "Notes inline", id="reader.notes-inline"),
        Binding("v", "realm_filter", "Realm filter", id="reader.realm-filter"),
        Binding("right_parenthesis", "realm(1)", "Next realm", id="reader.next-realm", show=False),
        Binding(
            "left_parenthesis", "realm(-1)", "Prev realm", id="reader.previous-realm", show=False
        ),
        Binding("m", "bookmark", "Set bookmark", id="reader.bookmark-set", show=False),
        Binding("apostrophe", "bookmark_go", "Go to bookmark", id="reader.bookmark-go", show=False),
        Binding("a", "passage_note", "Passage note", id="reader.passage-note"),
    ]

    def compose(self) -> ComposeResult:
        """The reader, the (hidden) search input and the status line."""
        yield Reader(id="reader")
        yield SafeInput(placeholder="Search the story", id="reader-search")
        yield StatusLine(id="reader-status")

    @property
    def reader(self) -> Reader:
        """The reader widget."""
        return self.query_one("#reader", Reader)

    @property
    def search_input(self) -> Input:
        """The search input."""
        return self.query_one("#reader-search", Input)

    @property
    def status_line(self) -> StatusLine:
        """The status line."""
        return self.query_one("#reader-status", StatusLine)

    @property
    def pending(self) -> str:
        """A key sequence waiting for its next key (a bookmark key or a number)."""
        return self.reader.pending_keys

    def _set_pending(self, pending: str) -> None:
        self.reader.pending_keys = pending
        self.status_line.show(self.reader.status_info())

    # --- status and search input --------------------------------------------------

    @on(ReaderStatus)
    def _show_status(self, message: ReaderStatus) -> None:
        message.stop()
        self.status_line.show(message.info)

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.reader.search(event.value)
        self._close_search_input()

    @on(Input.Changed, "#reader-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        # Searching a big story for one or two letters as they are typed would find
        # millions of hits; it waits for a longer query or for Enter.
        if len(event.value.strip()) >= (INCREMENTAL_MIN if self.reader.is_big else 1):
            self.reader.search(event.value)

    def _close_search_input(self) -> None:
        self.search_input.remove_class("-open")
        self.reader.focus()
        self.refresh_bindings()

    # --- two-key sequences ------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Finish `m`/`'` + letter and collect a number typed before `%`."""
        if self.app.focused is not self.reader:
            return
        pending = self.pending
        character = event.character or ""
        if pending in ("m", "'"):
            event.stop()
            event.prevent_default()
            self._set_pending("")
            if len(character) == 1 and character.isalpha():
                self._bookmark(pending, character)
            return
        if len(character) == 1 and character.isdigit():
            event.stop()
            event.prevent_default()
            self._set_pending((pending + character)[-3:])
            return
        if pending and event.key != "percent_sign":
            self._set_pending("")

    def _bookmark(self, kind: str, letter: str) -> None:
        reader = self.reader
        if reader.story is None:
            return
        if kind == "m":
            address = reader.top_address
            if address is None:
                return
            reader.bookmarks[letter] = address
            self.post_message(BookmarkSet(reader.story.identity, letter, address))
            self.notify(f"Bookmark {letter} set", timeout=2)
        elif letter in reader.bookmarks:
            reader.go_to(reader.bookmarks[letter])
        else:
            self.notify(f"No bookmark {letter}", severity="warning", timeout=2)

    # --- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Search keys only with a search; escape only when there is something to close."""
        if action == "hit":
            return bool(self.reader.found)
        if action == "escape":
            return bool(self.reader.found) or self.search_input.has_class("-open")
        return True

    def action_scroll(self, lines: int) -> None:
        """Scroll by lines."""
        self.reader.scroll_to(y=self.reader.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        """Scroll by a screen, keeping one line of the last screen."""
        height = self.reader.scrollable_content_region.height
        self.action_scroll(pages * max(1, height - 1))

    def action_half(self, halves: int) -> None:
        """Scroll by half a screen."""
        self.action_scroll(halves * max(1, self.reader.scrollable_content_region.height // 2))

    def action_top(self) -> None:
        """Go to the start of the story."""
        self.reader.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Go to the end of the story."""
        self.reader.scroll_to(y=self.reader.max_scroll_y, animate=False, immediate=True)

    def action_chapter(self, step: int) -> None:
        """Go to the next or previous chapter's heading."""
        reader = self.reader
        if reader.doc is None or reader.story is None:
            return
        chapter = reader.doc.chapter_at(reader.top_item) + step
        if 0 <= chapter < len(reader.story.chapters):
            reader.go_to_chapter(chapter)
        else:
            self.app.bell()

    def action_toc(self) -> None:
        """Open the table of contents."""
        reader = self.reader
        if reader.story is None or reader.doc is None:
            return
        current = reader.doc.chapter_at(reader.top_item)

        def chosen(chapter: int | None) -> None:
            if chapter is not None:
                reader.go_to_chapter(chapter)
            reader.focus()

        self.app.push_screen(TocScreen(reader.story, current, reader.chapter_words), chosen)

    def action_percent(self) -> None:
        """Go to the percentage typed before `%`, or ask for one."""
        number = self.pending
        self._set_pending("")
        if number.isdigit():
            self.reader.go_to_percent(min(100, int(number)) / 100)
            return

        def answered(answer: str | None) -> None:
            text = (answer or "").strip().rstrip("%")
            try:
                value = float(text)
            except ValueError:
                return
            self.reader.go_to_percent(value / 100)
            self.reader.focus()

        self.app.push_screen(PromptScreen("Go to what percentage?", "0-100"), answered)

    def action_open_search(self) -> None:
        """Open the search input."""
        search = self.search_input
        search.add_class("-open")
        search.value = self.reader.found.query
        search.focus()
        self.refresh_bindings()

    def action_hit(self, step: int) -> None:
        """Go to the next or previous hit."""
        self.reader.step_hit(step > 0)

    def action_escape(self) -> None:
        """Close the search input, or else forget the search."""
        if self.search_input.has_class("-open"):
            self._close_search_input()
        else:
            self.reader.clear_search()

    def _setting(self, name: str, value: object) -> None:
        setattr(self.reader, name, value)
        self.post_message(ReaderSettingChanged(name, value))

    def action_width(self, step: int) -> None:
        """Widen or narrow the reading column."""
        width = self.reader.reading_width + step * WIDTH_STEP
        self._setting("reading_width", max(MIN_WIDTH, min(MAX_WIDTH, width)))

    def action_justify(self) -> None:
        """Toggle justified paragraphs."""
        self._setting("justify", not self.reader.justify)

    def action_notes(self) -> None:
        """Toggle author's notes inline."""
        self._setting("show_notes_inline", not self.reader.show_notes_inline)

    def action_realm_filter(self) -> None:
        """Cycle showing both realms, only the plain one, only the italic one."""
        self._setting("realm_filter", next_filter(self.reader.realm_filter))

    def action_realm(self, step: int) -> None:
        """Go to the next or previous switch between realms."""
        reader = self.reader
        if reader.doc is None:
            return
        item = reader.top_item
        switches = reader.doc.switches
        target = next_switch(switches, item) if step > 0 else previous_switch(switches, item)
        if target is None:
            self.app.bell()
        else:
            reader.scroll_to_item(target)

    def action_bookmark(self) -> None:
        """Wait for the letter of a bookmark to set."""
        self._set_pending("m")

    def action_bookmark_go(self) -> None:
        """Wait for the letter of a bookmark to go to."""
        self._set_pending("'")

    def action_passage_note(self) -> None:
        """Ask the app for a note on the paragraph at the top."""
        reader = self.reader
        doc = reader.doc
        if doc is None or reader.story is None:
            return
        found = doc.paragraph_at(reader.top_item)
        if found is None:
            self.app.bell()
            return
        chapter, paragraph = found
        block = reader.story.chapters[chapter].blocks[paragraph]
        address = reader.story.address(chapter, paragraph)
        quote = " ".join(block.text.split())[:QUOTE_CHARS]
        self.post_message(PassageNoteRequested(reader.story.identity, address, quote))
