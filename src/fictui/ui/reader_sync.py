"""Keeping the reader, the notes panel and the state store in step (the App's message handlers)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from fictui.config import Config
from fictui.model import Address, Story
from fictui.state import StateStore, WorkState
from fictui.state.model import PassageNote, new_note_id, now
from fictui.ui.messages import (
    MyNotesEdited,
    NotesBlurred,
    PassageNoteDelete,
    PassageNoteEdited,
    StoryChosen,
    StoryHighlighted,
)

if TYPE_CHECKING:
    from fictui.library.query import UserFacts
    from fictui.ui.screens.main import MainScreen

READER_SETTINGS = ("reading_width", "justify", "show_notes_inline", "realm_filter")
"""The reader's reactives that are remembered in the state settings."""


def facts_of(work: WorkState) -> UserFacts:
    """What the list and the filter need from a work's state (library mode only)."""
    from fictui.library.query import UserFacts

    texts = [work.notes, *(f"{n.quote}\n{n.text}" for n in work.passage_notes)]
    notes = "\n".join(text for text in texts if text)
    return UserFacts(
        notes=notes,
        status=work.status,
        progress=work.progress,
        last_read=work.last_read.timestamp() if work.last_read else None,
        has_notes=bool(work.notes.strip() or work.passage_notes),
    )


class ReaderSync(App[None]):
    """The App's side of reading: opening stories, saving positions and notes."""

    store: StateStore
    config: Config
    library_mode: bool
    open_path: Path | None
    story: Story | None
    _opening: Address | None = None

    @property
    def main(self) -> MainScreen:
        """The main screen (the bottom of the screen stack)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    @property
    def ui_ready(self) -> bool:
        """True while the main screen is up (messages still arrive as the app closes)."""
        return bool(self.screen_stack) and self.screen_stack[0].is_attached

    def schedule_save(self) -> None:
        """Save soon (the App debounces)."""
        raise NotImplementedError

    def save_now(self) -> bool:
        """Save at once."""
        raise NotImplementedError

    def open_story(self, path: Path, *, keep_position: bool = False) -> None:
        """Read a story into the reader."""
        raise NotImplementedError

    # ---- showing a story -----------------------------------------------------------------

    def show_story(
        self, path: Path, story: Story, keep_position: bool, *, after_head: bool = False
    ) -> None:
        """Hand a story read by the worker to the reader and the notes panel.

        Args:
            path: The story's file.
            story: The story (only its head when ``story.partial``).
            keep_position: Keep the reader where it is (a newer copy of the open story).
            after_head: This is the whole story, following its head.
        """
        if not self.screen_stack:
            return
        main = self.main
        if not main.is_mounted or not main.query("#reader"):
            # The worker can be quicker than the first layout: try again after it.
            self.call_after_refresh(
                partial(self.show_story, path, story, keep_position, after_head=after_head)
            )
            return
        reader = main.reader
        same = self.story is not None and self.open_path == path
        work = self.store.work(story.identity)
        if not same:
            self._apply_reader_settings(reader)
        if after_head and self.story is not None and self.story.partial:
            # A saved place beyond the head (or in its cut-off last chapter) could not be
            # reached yet: ask for it again now that the whole story is here.
            saved = self._opening
            beyond = saved is not None and saved.chapter >= len(self.story.chapters) - 1
            position = saved if beyond else None
        elif keep_position and same:
            # None asks the reader to keep its place (it knows where it is, even mid-layout).
            position = None
        else:
            position = work.position
            self._opening = position
        reader.load(
            story,
            position=position,
            bookmarks=dict(work.bookmarks),
            passage_marks=[note.address for note in work.passage_notes],
            words_per_minute=self.config.words_per_minute,
        )
        self.story, self.open_path = story, path
        if not story.partial:
            with self._edit(story.identity) as live:
                live.seen_chapters = len(story.chapters)
            self.schedule_save()
            if self.library_mode:
                main.story_list.clear_mark(path)
        label = None
        if self.library_mode:
            entry = main.story_list.entry_for(path)
            label = entry.name if entry is not None else None
        main.notes_panel.show_story(story, self.store.work(story.identity), label)

    def _apply_reader_settings(self, reader: Any) -> None:
        defaults = {
            "reading_width": self.config.reader_width,
            "justify": self.config.justify,
            "show_notes_inline": self.config.show_notes_inline,
        }
        for name in READER_SETTINGS:
            value = self.store.settings.get(f"reader.{name}", defaults.get(name))
            if value is not None and hasattr(reader, name):
                # A bad saved value must not stop reading.
                with contextlib.suppress(Exception):
                    setattr(reader, name, value)

    @contextmanager
    def _edit(self, identity: str) -> Iterator[WorkState]:
        """Edit a work's state, remembering its file, title and authors when known."""
        path: str | None = None
        title = ""
        authors: list[str] | None = None
        if self.story is not None and self.story.identity == identity:
            path = str(self.open_path) if self.open_path else None
            title, authors = self.story.title, list(self.story.authors)
        elif self.library_mode and self.ui_ready:
            entry = self.main.story_list.current_entry
            if entry is not None and entry.identity == identity:
                path, title, authors = str(entry.path), entry.title, list(entry.authors)
        with self.store.edit(identity, path_hint=path, title=title, authors=authors) as work:
            yield work

    def _changed(self, identity: str) -> WorkState:
        """After an edit: refresh the list's facts and schedule a save."""
        work = self.store.work(identity)
        if self.library_mode and self.ui_ready:
            self.main.story_list.update_facts(identity, facts_of(work))
        self.schedule_save()
        return work

    # ---- the list ------------------------------------------------------------------------

    def on_story_chosen(self, event: StoryChosen) -> None:
        if not self.ui_ready:
            return
        entry = self.main.story_list.current_entry if self.library_mode else None
        if entry is not None and entry.path == event.path and entry.error:
            self.notify(f"{entry.name}: {entry.error}", severity="error", markup=False)
            return
        self.open_story(event.path)

    def on_story_highlighted(self, event: StoryHighlighted) -> None:
        if self.story is not None or not self.library_mode or not self.ui_ready:
            return
        entry = self.main.story_list.current_entry
        if entry is not None:
            self.main.notes_panel.show_entry(entry, self.store.work(entry.identity))

    # ---- the reader's messages (see fictui.ui.messages) ----------------------------------

    def on_position_changed(self, event: Any) -> None:
        with self._edit(event.identity) as work:
            work.position = event.address
            work.progress = event.progress
            work.last_read = now()
            work.status = "finished" if event.progress >= 0.999 else "reading"
        self._changed(event.identity)
        if self.ui_ready:
            self.main.notes_panel.set_chapter(event.chapter)

    def on_bookmark_set(self, event: Any) -> None:
        with self._edit(event.identity) as work:
            work.bookmarks[event.letter] = event.address
        self._changed(event.identity)

    def on_reader_setting_changed(self, event: Any) -> None:
        try:
            self.store.set_setting(f"reader.{event.name}", event.value)
        except TypeError:
            return
        self.schedule_save()

    def on_passage_note_requested(self, event: Any) -> None:
        note = PassageNote(id=new_note_id(), address=event.address, text="", quote=event.quote)
        with self._edit(event.identity) as work:
            work.passage_notes.append(note)
        work = self._changed(event.identity)
        if not self.ui_ready:
            return
        self._show_passage_notes(work)
        main = self.main
        main.reveal_notes()
        if self.library_mode:
            main.active = "reader"
        main.notes_panel.edit_passage_note(note.id)

    def _show_passage_notes(self, work: WorkState) -> None:
        if not self.ui_ready:
            return
        main = self.main
        if main.notes_panel.identity == work.identity:
            main.notes_panel.set_passage_notes(work.passage_notes)
        if self.story is not None and self.story.identity == work.identity:
            main.reader.set_passage_marks([note.address for note in work.passage_notes])

    def merged_elsewhere(self, identity: str) -> None:
        """Another fictui changed a work: refresh the list and the panel's passage notes."""
        if not self.ui_ready:
            return
        work = self.store.work(identity)
        if self.library_mode:
            self.main.story_list.update_facts(identity, facts_of(work))
        panel = self.main.notes_panel
        if panel.identity == identity:
            self._show_passage_notes(work)
            panel.reload_my_notes(work.notes)

    # ---- the notes panel -----------------------------------------------------------------

    def on_my_notes_edited(self, event: MyNotesEdited) -> None:
        with self._edit(event.identity) as work:
            work.notes = event.text
        self._changed(event.identity)

    def on_passage_note_edited(self, event: PassageNoteEdited) -> None:
        with self._edit(event.identity) as work:
            note = work.note(event.note_id)
            if note is not None:
                note.text = event.text
                note.updated = now()
        self._changed(event.identity)

    def on_passage_note_delete(self, event: PassageNoteDelete) -> None:
        with self._edit(event.identity) as work:
            work.passage_notes = [n for n in work.passage_notes if n.id != event.note_id]
        work = self._changed(event.identity)
        self._show_passage_notes(work)
        self.notify("Passage note deleted.", timeout=3)

    def on_notes_blurred(self, event: NotesBlurred) -> None:
        self.save_now()
