"""Feeding the story list: the cached index at once, then the scan, then the folder watcher."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from fictui.library import Entry, LibraryChange, LibraryIndex, monitor_library
from fictui.library.sort import SORT_KEYS
from fictui.ui.messages import LibraryChanged, LibraryRows, ScanProgress, WatchStatus
from fictui.ui.reader_sync import facts_of

if TYPE_CHECKING:
    from fictui.ui.app import FictuiApp


class LibraryFeed:
    """Moves library data from worker threads into the list, on the app's thread."""

    def __init__(self, app: FictuiApp) -> None:
        self.app = app
        """The app."""
        last = app.store.settings.get("last_visit")
        self.last_visit: float | None = float(last) if isinstance(last, int | float) else None
        """When fictui last closed on this data folder: later files are marked new."""
        self.seen = {i: w.seen_chapters for i, w in app.store.works().items() if w.seen_chapters}
        """Chapters each work had when last opened: more now means an update."""

    def post(self, message: Message) -> None:
        """Hand data to the app's thread without waiting (a worker never blocks on the UI)."""
        if not self.app.stop_event.is_set():
            self.app.post_message(message)

    def _mark_since_last_visit(self, entries: Sequence[Entry]) -> None:
        story_list = self.app.main.story_list
        for entry in entries:
            seen = self.seen.get(entry.identity)
            if self.last_visit is not None and entry.added > self.last_visit:
                story_list.mark(entry.path, "added")
            elif seen is not None and entry.chapters > seen and entry.error is None:
                story_list.mark(entry.path, "changed", entry.chapters - seen)

    # ---- on the app's thread --------------------------------------------------------------

    def cached(self, entries: list[Entry]) -> None:
        """The index's rows, shown before any file is read."""
        self.app.main.story_list.set_entries(entries)
        self._mark_since_last_visit(entries)
        self.app.main.refresh_count()

    def batch(self, entries: list[Entry]) -> None:
        """New or changed rows from the scan."""
        self.app.main.story_list.add_entries(entries)
        self._mark_since_last_visit(entries)
        self.app.main.refresh_count()

    def scanned(self, entries: list[Entry]) -> None:
        """The scan finished: the list now holds exactly the library."""
        story_list = self.app.main.story_list
        known = {entry.path for entry in entries}
        story_list.remove_paths([e.path for e in story_list.entries if e.path not in known])
        self.app.main.scan_progress(1, 1)
        self.app.main.refresh_count()

    def changes(self, changes: list[LibraryChange]) -> None:
        """A batch of changes from the watcher."""
        app = self.app
        story_list = app.main.story_list
        story_list.remove_paths([c.path for c in changes if c.kind == "removed"])
        arrived = [c for c in changes if c.kind != "removed" and c.entry is not None]
        story_list.add_entries([c.entry for c in arrived if c.entry is not None])
        for change in arrived:
            story_list.mark(change.path, change.kind, change.new_chapters)
            if change.path == app.open_path:
                app.open_story(change.path, keep_position=True)
                if change.new_chapters:
                    count = change.new_chapters
                    app.notify(
                        f"{count} new chapter{'s' if count != 1 else ''} in the open story.",
                        markup=False,
                    )
        app.main.refresh_count()

    # ---- in the worker thread -------------------------------------------------------------

    def run(self) -> None:
        """Open the index, show it, scan the folder, then watch it until the app stops."""
        app = self.app
        index = LibraryIndex(app.target)
        app.index = index
        try:
            self.post(LibraryRows("cached", index.cached()))
            entries = index.scan(
                on_batch=lambda batch: self.post(LibraryRows("batch", batch)),
                on_progress=lambda done, total: self.post(ScanProgress(done, total)),
                stop=app.stop_event,
            )
            self.post(LibraryRows("scanned", entries))
            monitor_library(
                app.target,
                lambda changes: self.post(LibraryChanged(changes)),
                app.stop_event,
                poll=app.poll,
                on_status=lambda text: self.post(WatchStatus(text)),
                index=index,
                poll_delay_ms=app.config.poll_interval_ms,
            )
        finally:
            index.close()
            app.library_done.set()


def start_library(app: FictuiApp) -> None:
    """Set up the list from the state and start the library worker."""
    story_list = app.main.story_list
    sort = app.store.settings.get("sort", app.config.sort)
    story_list.sort_key = sort if isinstance(sort, str) and sort in SORT_KEYS else "title"
    story_list.set_facts({i: facts_of(w) for i, w in app.store.works().items()})
    feed = LibraryFeed(app)
    app.feed = feed
    app.run_worker(feed.run, thread=True, group="library", exit_on_error=False, name="library")

    def remember_sort(key: str) -> None:
        app.store.set_setting("sort", key)
        app.schedule_save()
        app.notify(f"Sorted by {key.replace('-', ' ')}", markup=False, timeout=2)

    app.watch(story_list, "sort_key", remember_sort, init=False)


def remember_visit(app: FictuiApp) -> None:
    """Note when this visit ended, so the next one marks what arrived since."""
    app.store.set_setting("last_visit", time.time())
