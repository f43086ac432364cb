"""The main screen: the story list, the reader and the notes panel, side by side or stacked."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, ProgressBar

from fictui.ui.messages import (
    FilterChanged,
    FilterDone,
    NotesLeft,
    PassageNoteJump,
    StoryChosen,
    StoryHighlighted,
)
from fictui.ui.widgets.notes_panel import NotesPanel
from fictui.ui.widgets.reader_pane import ReaderPane

if TYPE_CHECKING:
    from fictui.ui.widgets.filter_bar import FilterBar
    from fictui.ui.widgets.reader import Reader
    from fictui.ui.widgets.story_list import StoryList

WIDE = 120
"""Below this many columns the panes stack: one of list and reader at a time, notes below."""


class MainScreen(Screen[None]):
    """Three panes: list, reader, notes. Narrow terminals show the list or the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "pane(1)", "Next pane", id="main.next-pane", show=False),
        Binding("shift+tab", "pane(-1)", "Previous pane", id="main.previous-pane", show=False),
        Binding("ctrl+n", "toggle_notes", "Notes", id="main.toggle-notes"),
        Binding("l", "show_list", "Library", id="main.library"),
        Binding("ctrl+o", "focus_my_notes", "My notes", id="main.my-notes", show=False),
    ]

    show_notes: reactive[bool] = reactive(True, init=False)
    """Whether the notes panel is shown."""
    narrow: reactive[bool] = reactive(False, init=False)
    """True when the terminal is too narrow for the panes side by side."""
    narrow_notes: reactive[bool] = reactive(False, init=False)
    """Whether the notes panel is shown below the reader in a narrow terminal.

    Off until asked for: a short terminal has no lines to spare for it.
    """
    active: reactive[str] = reactive("list", init=False)
    """The pane shown in a narrow terminal: "list" or "reader"."""

    def __init__(self, *, library: bool, show_notes: bool = True, width: int = 80) -> None:
        super().__init__(id="main")
        self.library = library
        """True in library mode; False when one story was opened from the command line."""
        self.set_reactive(MainScreen.show_notes, show_notes)
        self.set_reactive(MainScreen.active, "list" if library else "reader")
        self.set_reactive(MainScreen.narrow, width < WIDE)
        # The first layout gets its classes now: changing them after mount restyles everything.
        self.set_classes(self._wanted_classes())

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            if self.library:
                # Imported here: opening one story never loads the library modules.
                from fictui.ui.widgets.filter_bar import FilterBar
                from fictui.ui.widgets.story_list import StoryList

                with Vertical(id="list-pane"):
                    yield FilterBar(id="filter-bar")
                    yield ProgressBar(id="scan-progress", show_eta=False, classes="-hidden")
                    yield StoryList(id="story-list")
                    yield Label("", id="library-status", classes="-hidden", markup=False)
            with Container(id="read-area"):
                yield ReaderPane(id="reader-pane")
                yield NotesPanel(id="notes-panel", classes="" if self.show_notes else "-hidden")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_focus)

    def _first_focus(self) -> None:
        self.set_focus(self.query_one("#story-list") if self.library else self.reader)

    # ---- parts ---------------------------------------------------------------------------

    @property
    def story_list(self) -> StoryList:
        """The story list (library mode only)."""
        return self.query_one("#story-list")  # type: ignore[return-value]

    @property
    def filter_bar(self) -> FilterBar:
        """The filter bar (library mode only)."""
        return self.query_one("#filter-bar")  # type: ignore[return-value]

    @property
    def reader(self) -> Reader:
        """The reader widget."""
        return self.query_one("#reader")  # type: ignore[return-value]

    @property
    def notes_panel(self) -> NotesPanel:
        """The notes panel."""
        return self.query_one(NotesPanel)

    # ---- layout --------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.narrow = self.size.width < WIDE

    def watch_narrow(self) -> None:
        self._apply_classes()

    def watch_show_notes(self) -> None:
        self._apply_classes()

    def watch_narrow_notes(self) -> None:
        self._apply_classes()

    @property
    def notes_shown(self) -> bool:
        """Whether the notes panel is on screen in the current layout."""
        return self.narrow_notes if self.narrow else self.show_notes

    def watch_active(self) -> None:
        self._apply_classes()

    def _wanted_classes(self) -> set[str]:
        wanted = {
            "-narrow": self.narrow,
            "-single": not self.library,
            "-show-list": self.library and self.active == "list",
            "-show-reader": not self.library or self.active == "reader",
        }
        return (set(self.classes) - set(wanted)) | {name for name, on in wanted.items() if on}

    def _apply_classes(self) -> None:
        # One change of the class set restyles once; four set_class calls restyle four times.
        classes = self._wanted_classes()
        if classes != set(self.classes):
            self.set_classes(classes)
        # Watchers can run before the panes are composed: query, don't demand.
        shown = self.notes_shown
        for panel in self.query(NotesPanel):
            if panel.has_class("-hidden") == shown:
                panel.set_class(not shown, "-hidden")

    def _stops(self) -> list[Widget]:
        """The panes Tab moves between, in order, as the layout stands."""
        stops: list[Widget] = []
        if self.library:
            stops.append(self.story_list)
        stops.append(self.reader)
        if self.notes_shown:
            stops.append(self.query_one("#my-notes"))
            if self.notes_panel.passage_notes:
                stops.append(self.query_one("#passage-notes"))
        return stops

    def _owner(self, widget: Widget | None) -> int:
        stops = self._stops()
        node: Widget | None = widget
        while node is not None:
            if node in stops:
                return stops.index(node)
            if node.id == "filter-bar":
                return 0
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return -1

    def focus_pane(self, widget: Widget) -> None:
        """Focus a pane, bringing it on screen in a narrow terminal."""
        if self.library:
            self.active = "list" if widget is self.story_list else "reader"
        self.call_after_refresh(widget.focus)

    def action_pane(self, step: int) -> None:
        stops = self._stops()
        at = self._owner(self.focused)
        self.focus_pane(stops[(at + step) % len(stops)])

    def action_toggle_notes(self) -> None:
        focused = self.focused
        in_notes = focused is not None and self.notes_panel in focused.ancestors_with_self
        if self.narrow:
            self.narrow_notes = not self.narrow_notes
        else:
            self.show_notes = not self.show_notes
        if not self.notes_shown and in_notes:
            self.focus_pane(self.reader)

    def action_show_list(self) -> None:
        if self.library:
            self.focus_pane(self.story_list)

    def reveal_notes(self) -> None:
        """Bring the notes panel on screen in whichever layout is current."""
        if self.narrow:
            self.narrow_notes = True
        else:
            self.show_notes = True

    def action_focus_my_notes(self) -> None:
        self.reveal_notes()
        if self.library:
            self.active = "reader"
        self.call_after_refresh(self.query_one("#my-notes").focus)

    def action_focus_filter(self) -> None:
        if self.library:
            self.active = "list"
            self.filter_bar.focus_input()

    def action_clear_filter(self) -> None:
        if self.library:
            self.query_one("#filter-input", Input).value = ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.library or action not in ("show_list", "focus_filter", "clear_filter")

    # ---- list and filter -----------------------------------------------------------------

    @on(FilterChanged)
    def _filter(self, event: FilterChanged) -> None:
        story_list = self.story_list
        story_list.request_filter(event.text)
        self.filter_bar.show_count(
            len(story_list.view), len(story_list.entries), story_list.sort_key
        )

    @on(FilterDone)
    def _filter_done(self, event: FilterDone) -> None:
        self.story_list.focus()

    def refresh_count(self) -> None:
        """Update the filter bar's count after the library changed."""
        if self.library:
            story_list = self.story_list
            self.filter_bar.show_count(
                len(story_list.view), len(story_list.entries), story_list.sort_key
            )

    @on(StoryChosen)
    def _chosen(self, event: StoryChosen) -> None:
        # The app opens the story; the screen shows the reader and focuses it.
        self.focus_pane(self.reader)

    @on(StoryHighlighted)
    def _highlighted(self, event: StoryHighlighted) -> None:
        self.refresh_count()

    @on(NotesLeft)
    def _notes_left(self, event: NotesLeft) -> None:
        self.focus_pane(self.reader)

    @on(PassageNoteJump)
    def _jump(self, event: PassageNoteJump) -> None:
        self.reader.go_to(event.address)
        self.focus_pane(self.reader)

    # ---- scanning and watching -----------------------------------------------------------

    def scan_progress(self, done: int, total: int) -> None:
        """Show how far the scan is; the bar goes away when it is done."""
        bar = self.query_one("#scan-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        bar.set_class(done >= total, "-hidden")

    def library_status(self, message: str) -> None:
        """Show the watcher's state under the list ("watching by polling: ...")."""
        label = self.query_one("#library-status", Label)
        label.update(Text(message))
        label.set_class(not message, "-hidden")
