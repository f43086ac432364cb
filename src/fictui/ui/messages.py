"""The messages fictui widgets post upwards to their screen and the app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from fictui.model import Address


@dataclass
class StoryChosen(Message):
    """The user chose a story in the list (Enter): open it in the reader."""

    path: Path
    """The story's file."""
    identity: str
    """The work's identity (keys its notes and position)."""


@dataclass
class StoryHighlighted(Message, bubble=True):
    """The list cursor moved onto another story."""

    path: Path | None
    """The highlighted story's file, None when the list is empty."""

    def can_replace(self, message: Message) -> bool:
        """Only the latest highlight matters when the cursor runs down the list."""
        return isinstance(message, StoryHighlighted)


@dataclass
class FilterChanged(Message):
    """The filter text changed (every keystroke)."""

    text: str
    """The query as typed."""


@dataclass
class FilterDone(Message):
    """The user left the filter (Enter or Esc): focus goes back to the list."""

    cleared: bool
    """True when Esc cleared the filter."""


@dataclass
class MyNotesEdited(Message):
    """The reader typed in their own notes about a story."""

    identity: str
    """The work whose notes changed."""
    text: str
    """The whole text of the notes."""


@dataclass
class PassageNoteEdited(Message):
    """The reader edited the text of a note attached to a passage."""

    identity: str
    """The work the note belongs to."""
    note_id: str
    """The passage note's id."""
    text: str
    """The note's new text."""


@dataclass
class PassageNoteJump(Message):
    """The reader asked to see the passage a note is attached to."""

    address: Address
    """Where the passage is."""


@dataclass
class PassageNoteDelete(Message):
    """The reader asked to delete a passage note (confirmed already)."""

    identity: str
    """The work the note belongs to."""
    note_id: str
    """The passage note's id."""


@dataclass
class NotesBlurred(Message):
    """Focus left an editor of the notes panel: save at once."""
