"""The fictui App: the main screen, global keys, themes, and the workers that feed it."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from fictui.config import Config
from fictui.errors import StoryError
from fictui.formats import read_story
from fictui.model import Story
from fictui.state import StateStore
from fictui.text.sanitize import display_path
from fictui.themes import fictui_themes
from fictui.ui.messages import LibraryChanged, LibraryRows, ScanProgress, WatchStatus
from fictui.ui.providers import StoryJump, fictui_commands
from fictui.ui.reader_sync import ReaderSync
from fictui.ui.screens.help import HelpScreen, key_table
from fictui.ui.screens.main import MainScreen
from fictui.ui.theme_vars import THEME_VARIABLE_DEFAULTS

if TYPE_CHECKING:
    from fictui.ui.library_feed import LibraryFeed

DEFAULT_THEME = "fictui-dark"
"""The theme used when neither the state nor the config names one that exists."""


RETRY_SAVE_SECONDS = 5.0
"""How often unsaved changes (after a failed save) are tried again."""


class FictuiApp(ReaderSync):
    """Read a library of stories (or one story) with a list, a reader and a notes panel."""

    CSS_PATH = Path(__file__).with_name("fictui.tcss")
    TITLE = "fictui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {StoryJump}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("ctrl+t", "cycle_theme", "Theme", id="app.theme", show=False),
    ]

    def __init__(
        self,
        target: Path,
        *,
        library: bool,
        config: Config | None = None,
        store: StateStore | None = None,
        poll: bool = False,
        hint: str | None = None,
    ) -> None:
        """Set up the app.

        Args:
            target: The library folder, or the one story to read.
            library: True for a library folder, False for one story.
            config: The user's settings (defaults when None).
            store: The state store (one at fictui's data folder when None).
            poll: Watch the library by polling.
            hint: A line to show once the app is up (how to open your own folder).
        """
        super().__init__()
        self.target = target
        """The library folder or the story file."""
        self.library_mode = library
        """True when a folder of stories was opened."""
        self.config = config if config is not None else Config()
        """The user's settings."""
        self.store = store if store is not None else StateStore()
        """The reader's notes, positions and settings."""
        self.poll = poll or self.config.poll
        """Watch the library by polling instead of file-system events."""
        self.hint = hint
        """A one-line hint shown at start-up."""
        self.user_keymap: dict[str, str] = dict(self.config.keys)
        """The user's rebindings by binding id (the help screen shows them)."""
        self.stop_event = threading.Event()
        """Set on exit: the scan and the watcher stop."""
        self.library_done = threading.Event()
        """Set when the library worker has stopped and closed the index."""
        self.feed: LibraryFeed | None = None
        """Moves the library worker's data into the list (library mode)."""
        self.index: object | None = None
        """The library index (a LibraryIndex), opened by the scan worker."""
        self.open_path: Path | None = None
        """The story file open in the reader."""
        self.story: Story | None = None
        """The story open in the reader."""
        self._save_timer: Timer | None = None
        self.theme_problems: str | None = None
        """The one notification about broken theme files, if any."""
        self._register_themes()

    # ---- themes --------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLE_DEFAULTS)

    def _register_themes(self) -> None:
        loaded = fictui_themes()
        self.fictui_theme_names = [theme.name for theme in loaded.themes]
        """The themes loaded from files, in the order ctrl+t cycles through them."""
        for theme in loaded.themes:
            self.register_theme(theme)
        self.theme_problems = loaded.notification()
        wanted = [self.store.settings.get("theme"), self.config.theme, DEFAULT_THEME]
        for name in wanted:
            if isinstance(name, str) and name in self.available_themes:
                self.theme = name
                break

    def action_cycle_theme(self) -> None:
        names = self.fictui_theme_names or [DEFAULT_THEME]
        at = names.index(self.theme) if self.theme in names else -1
        self.use_theme(names[(at + 1) % len(names)])

    def use_theme(self, name: str) -> None:
        """Switch to a theme and remember it."""
        self.theme = name
        self.store.set_setting("theme", name)
        self.schedule_save()
        self.notify(f"Theme: {name}", markup=False, timeout=2)

    # ---- start and stop ------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        width = self.size.width
        return MainScreen(
            library=self.library_mode, show_notes=self.config.notes_panel, width=width
        )

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        for warning in getattr(self.config, "warnings", []):
            self.notify(warning, severity="warning", markup=False)
        if self.theme_problems:
            self.notify(self.theme_problems, severity="warning", markup=False, timeout=10)
        if self.hint:
            self.notify(self.hint, markup=False, timeout=8)
        self.drain_problems()
        self.app_suspend_signal.subscribe(self, lambda _app: self.save_now())
        # A save that failed (full disk, I/O error) keeps the edit in memory: try again.
        self.set_interval(RETRY_SAVE_SECONDS, self._retry_save)
        if not self.library_mode:
            # Reading starts at once, in a thread, while the screen is laid out.
            self.open_story(self.target)
        else:
            # The main screen composes after the app mounts: feed it once it has.
            self.call_after_refresh(self._start_library)

    def _start_library(self) -> None:
        from fictui.ui.library_feed import start_library

        start_library(self)

    async def action_quit(self) -> None:
        self.stop_event.set()
        if self.library_mode:
            from fictui.ui.library_feed import remember_visit

            remember_visit(self)
        self.save_now()
        self.exit()

    def on_unmount(self) -> None:
        self.stop_event.set()
        self.save_now()
        if self.library_mode and self.index is not None:
            # Let the watcher close the index before the process (or the next app) goes on.
            self.library_done.wait(timeout=3)

    def action_help(self) -> None:
        from fictui.ui.screens.help_panes import help_panes

        self.push_screen(HelpScreen(key_table(self, help_panes(self), self.user_keymap)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from fictui_commands(self)

    def sort_by(self, key: str) -> None:
        """Order the story list by a key (remembered)."""
        self.main.story_list.sort_key = key

    def jump_to_story(self, path: Path) -> None:
        """Show a story in the list (clearing a filter that hides it) and open it."""
        main = self.main
        story_list = main.story_list
        if not story_list.select_path(path):
            main.query_one("#filter-input", Input).value = ""
            story_list.filter("")
            story_list.select_path(path)
        entry = story_list.current_entry
        if entry is not None and entry.path == path:
            story_list.action_open()

    # ---- the library worker's news (library mode) -------------------------------------

    def on_library_rows(self, message: LibraryRows) -> None:
        if self.feed is not None and self.ui_ready:
            getattr(self.feed, message.kind)(message.entries)

    def on_scan_progress(self, message: ScanProgress) -> None:
        if self.ui_ready:
            self.main.scan_progress(message.done, message.total)

    def on_library_changed(self, message: LibraryChanged) -> None:
        if self.feed is not None and self.ui_ready:
            self.feed.changes(message.changes)

    def on_watch_status(self, message: WatchStatus) -> None:
        if self.ui_ready:
            self.main.library_status(message.text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Workers run with exit_on_error=False: a failure is reported, never a crash.
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                f"{event.worker.name or 'A background task'} failed: {error!r}",
                severity="error",
                markup=False,
            )

    # ---- saving --------------------------------------------------------------------------

    def schedule_save(self) -> None:
        """Save a little after the last change (the config's autosave delay, at most 1 s)."""
        delay = min(max(self.config.autosave_delay_ms, 50), 1000) / 1000
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(delay, self._save_in_background)

    def _retry_save(self) -> None:
        if self.store.dirty and self._save_timer is None:
            self._save_worker()

    def _save_in_background(self) -> None:
        self._save_timer = None
        self._save_worker()

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self) -> None:
        self.store.save()
        self.call_from_thread(self.drain_problems)

    def save_now(self) -> bool:
        """Save at once (on blur, quit, suspend); problems become notifications."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        saved = self.store.save()
        if self.is_running:
            self.drain_problems()
        return saved

    def drain_problems(self) -> None:
        """Show the store's messages (failed saves, merges) as notifications.

        Works another fictui changed (merged in by the last save) are shown afresh.
        """
        while self.store.problems:
            problem = self.store.problems.pop(0)
            self.notify(problem, severity="warning", markup=False, timeout=8)
        for identity in self.store.take_changed():
            self.merged_elsewhere(identity)

    # ---- opening a story -----------------------------------------------------------------

    def open_story(self, path: Path, *, keep_position: bool = False) -> None:
        """Read a story in a worker (its head first, for an instant first screen)."""
        self._read_story(path, keep_position)

    @work(thread=True, exclusive=True, group="open-story", exit_on_error=False)
    def _read_story(self, path: Path, keep_position: bool) -> None:
        try:
            head = read_story(path, head=True)
            self.call_from_thread(self.show_story, path, head, keep_position)
            if head.partial:
                whole = read_story(path)
                self.call_from_thread(self.show_story, path, whole, True, after_head=True)
        except StoryError as error:
            message = f"{display_path(path)}: {error}"
            self.call_from_thread(self.notify, message, severity="error", markup=False)
