"""The notes panel: about this story, the author's notes, and the reader's own notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from fictui.model import Story
from fictui.state.model import PassageNote, WorkState
from fictui.ui.messages import (
    MyNotesEdited,
    NotesBlurred,
    NotesLeft,
    PassageNoteDelete,
    PassageNoteEdited,
    PassageNoteJump,
)
from fictui.ui.widgets.notes_text import about_entry, about_story, author_notes
from fictui.ui.widgets.safe_input import SafeTextArea

if TYPE_CHECKING:
    from fictui.library.entry import Entry


class NotesEditor(SafeTextArea):
    """A plain-text editor for the reader's notes that reports when it loses focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back to reading", id="notes.leave-editor"),
    ]

    def on_blur(self, event: events.Blur) -> None:
        self.post_message(NotesBlurred())

    def action_leave(self) -> None:
        self.post_message(NotesLeft())


class PassageNoteList(OptionList):
    """The reader's notes on passages: Enter jumps to one, e edits it, d deletes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit_note", "Edit note", id="notes.edit-passage"),
        Binding("d,delete", "delete_note", "Delete note", id="notes.delete-passage"),
    ]

    def action_edit_note(self) -> None:
        panel = self.screen.query_one(NotesPanel)
        option = self.highlighted_option
        if option is not None and option.id:
            panel.edit_passage_note(option.id)

    def action_delete_note(self) -> None:
        panel = self.screen.query_one(NotesPanel)
        option = self.highlighted_option
        if option is not None and option.id:
            panel.confirm_delete(option.id)


def passage_prompt(note: PassageNote) -> Content:
    """An option of the passage note list: the quote, then the note (plain text)."""
    quote = " ".join(note.quote.split())
    if len(quote) > 120:
        quote = quote[:119] + "…"
    body = note.text.strip() or "(empty note)"
    return Content.assemble(
        (f"“{quote}”", "italic"), "\n", (body, "" if note.text.strip() else "dim")
    )


class NotesPanel(VerticalScroll, can_focus=False):
    """About the story, the author's notes, and the reader's own notes (saved as typed)."""

    DEFAULT_CSS = """
    NotesPanel {
        background: $surface;
        padding: 0 1;
        border-title-color: $text-muted;
        & > .notes-heading { text-style: bold; color: $accent; margin-top: 1; width: 1fr; }
        & > #notes-about, & > #notes-author { color: $foreground; }
        & > #notes-author { color: $fictui-note; }
        & > NotesEditor { height: auto; min-height: 4; max-height: 14; }
        & > PassageNoteList { height: auto; max-height: 16; }
        & > #passage-editor-label { color: $text-muted; }
        & > .-hidden { display: none; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.identity: str | None = None
        """The work whose notes are shown."""
        self.story: Story | None = None
        """The story open in the reader, when it is this work."""
        self.chapter: int | None = None
        """The chapter being read (its notes come first)."""
        self.passage_notes: list[PassageNote] = []
        """The work's passage notes, as shown."""
        self.editing_note: str | None = None
        """The id of the passage note in the editor."""
        self._loaded_notes = ""

    def compose(self) -> ComposeResult:
        yield Label("About this story", classes="notes-heading")
        yield Static(Text("No story selected."), id="notes-about")
        yield Label("Author's notes", classes="notes-heading")
        yield Static(Text(""), id="notes-author")
        yield Label("My notes", classes="notes-heading")
        yield NotesEditor(id="my-notes", soft_wrap=True, show_line_numbers=False)
        yield Label("Notes on passages", classes="notes-heading")
        yield PassageNoteList(id="passage-notes")
        yield Label("", id="passage-editor-label", classes="-hidden", markup=False)
        yield NotesEditor(id="passage-editor", classes="-hidden", soft_wrap=True)

    # ---- data down -----------------------------------------------------------------------

    def show_entry(self, entry: Entry, work: WorkState | None) -> None:
        """Show what the library knows of a story that is not open in the reader."""
        self.story = None
        self._title(entry.title or entry.name)
        self.query_one("#notes-about", Static).update(about_entry(entry))
        self.query_one("#notes-author", Static).update(
            Text("Open the story to see the author's notes.", style="italic")
        )
        self._show_work(entry.identity, work)

    def show_story(
        self, story: Story, work: WorkState | None, file_label: str | None = None
    ) -> None:
        """Show everything about the story open in the reader (``file_label`` names its file)."""
        self.story = story
        self._title(story.title)
        self.query_one("#notes-about", Static).update(about_story(story, file_label))
        self.query_one("#notes-author", Static).update(author_notes(story, self.chapter))
        self._show_work(story.identity, work)

    def set_chapter(self, chapter: int) -> None:
        """The reader moved to another chapter: its notes come first."""
        if chapter == self.chapter:
            return
        self.chapter = chapter
        if self.story is not None:
            self.query_one("#notes-author", Static).update(author_notes(self.story, chapter))

    def _title(self, title: str) -> None:
        # The title comes from the file: plain Content, never markup.
        self.border_title = Content.assemble(("Notes · ", "bold"), title) if title else "Notes"

    def _show_work(self, identity: str, work: WorkState | None) -> None:
        editor = self.query_one("#my-notes", NotesEditor)
        if identity != self.identity:
            self.identity = identity
            self._loaded_notes = work.notes if work else ""
            editor.load_text(self._loaded_notes)
            self._close_passage_editor()
        self.set_passage_notes(work.passage_notes if work else [])

    def reload_my_notes(self, text: str) -> None:
        """Show notes merged in from another fictui, unless the reader is typing in them."""
        editor = self.query_one("#my-notes", NotesEditor)
        if not editor.has_focus and text != editor.text:
            self._loaded_notes = text
            editor.load_text(text)

    def set_passage_notes(self, notes: list[PassageNote]) -> None:
        """Show the work's passage notes (in reading order)."""
        ordered = sorted(notes, key=lambda n: (n.address.chapter, n.address.paragraph))
        self.passage_notes = ordered
        listing = self.query_one(PassageNoteList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(passage_prompt(n), id=n.id) for n in ordered])
        if ordered:
            listing.highlighted = min(highlighted or 0, len(ordered) - 1)

    # ---- passage notes -------------------------------------------------------------------

    def edit_passage_note(self, note_id: str) -> None:
        """Open the editor on one passage note and focus it."""
        note = next((n for n in self.passage_notes if n.id == note_id), None)
        if note is None:
            return
        self.editing_note = note_id
        label = self.query_one("#passage-editor-label", Label)
        quote = " ".join(note.quote.split())
        label.update(
            Text(f"Note on “{quote[:60]}{'…' if len(quote) > 60 else ''}” (Esc: back to reading)")
        )
        editor = self.query_one("#passage-editor", NotesEditor)
        editor.load_text(note.text)
        label.remove_class("-hidden")
        editor.remove_class("-hidden")
        editor.focus()
        self.call_after_refresh(editor.scroll_visible)

    def _close_passage_editor(self) -> None:
        self.editing_note = None
        self.query_one("#passage-editor-label").add_class("-hidden")
        self.query_one("#passage-editor").add_class("-hidden")

    def confirm_delete(self, note_id: str) -> None:
        """Ask before deleting a passage note."""
        from fictui.ui.screens.confirm import ConfirmScreen

        note = next((n for n in self.passage_notes if n.id == note_id), None)
        if note is None or self.identity is None:
            return
        identity = self.identity
        question = Text("Delete the note on “")
        question.append(" ".join(note.quote.split())[:80])
        question.append("”?")

        def done(confirmed: bool | None) -> None:
            if confirmed:
                if self.editing_note == note_id:
                    self._close_passage_editor()
                self.post_message(PassageNoteDelete(identity, note_id))

        self.app.push_screen(ConfirmScreen(question), done)

    # ---- messages up ---------------------------------------------------------------------

    @on(TextArea.Changed, "#my-notes")
    def _my_notes_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if self.identity is not None and text != self._loaded_notes:
            self._loaded_notes = text
            self.post_message(MyNotesEdited(self.identity, text))

    @on(TextArea.Changed, "#passage-editor")
    def _passage_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.identity is None or self.editing_note is None:
            return
        text = event.text_area.text
        note = next((n for n in self.passage_notes if n.id == self.editing_note), None)
        if note is not None and note.text != text:
            note.text = text
            self.post_message(PassageNoteEdited(self.identity, self.editing_note, text))

    @on(NotesBlurred)
    def _editor_blurred(self, event: NotesBlurred) -> None:
        if self.editing_note is not None and not self.query_one("#passage-editor").has_focus:
            self.set_passage_notes(self.passage_notes)

    @on(OptionList.OptionSelected, "#passage-notes")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = next((n for n in self.passage_notes if n.id == event.option.id), None)
        if note is not None:
            self.post_message(PassageNoteJump(note.address))
