"""The messages fictui widgets post upwards to their screen and the app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from fictui.model import Address

if TYPE_CHECKING:
    from fictui.library import Entry, LibraryChange
from fictui.reading.progress import StatusInfo


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


@dataclass
class NotesLeft(Message):
    """The reader pressed Esc in a notes editor: back to reading."""


@dataclass
class LibraryRows(Message):
    """Rows for the story list from the library worker (posted from its thread)."""

    kind: Literal["cached", "batch", "scanned"]
    """The index's rows at start, a batch from the scan, or every row once it is over."""
    entries: list[Entry]
    """The rows."""


@dataclass
class ScanProgress(Message):
    """How far the scan is (posted from the library worker's thread)."""

    done: int
    """Files read."""
    total: int
    """Files to read."""

    def can_replace(self, message: Message) -> bool:
        """Only the latest progress matters."""
        return isinstance(message, ScanProgress)


@dataclass
class LibraryChanged(Message):
    """A batch of changes from the folder watcher (posted from its thread)."""

    changes: list[LibraryChange]
    """What was added, changed or removed."""


@dataclass
class WatchStatus(Message):
    """What the folder watcher says about itself ("watching by polling: ...")."""

    text: str
    """The status line's text."""


@dataclass
class PositionChanged(Message):
    """The reading position moved (throttled; sent again when the reader unmounts)."""

    identity: str
    """The work being read."""
    address: Address
    """The paragraph at the top of the reader."""
    progress: float
    """How far through the story (0..1)."""
    chapter: int
    """The chapter at the top of the reader."""

    def can_replace(self, message: Message) -> bool:
        """Only the latest position of a work needs saving."""
        return isinstance(message, PositionChanged) and message.identity == self.identity


@dataclass
class BookmarkSet(Message):
    """The reader set a lettered bookmark (`m` + letter)."""

    identity: str
    """The work being read."""
    letter: str
    """The bookmark's letter."""
    address: Address
    """The paragraph it marks."""


@dataclass
class PassageNoteRequested(Message):
    """The reader asked to write a note on the paragraph at the top (`a`)."""

    identity: str
    """The work being read."""
    address: Address
    """The paragraph the note is for."""
    quote: str
    """The start of the paragraph's text, to show beside the note."""


@dataclass
class ReaderSettingChanged(Message):
    """A reading setting was changed by a key, for the app to remember."""

    name: str
    """The setting: reading_width, justify, realm_filter or show_notes_inline."""
    value: object
    """Its new value."""


@dataclass
class ReflowProgress(Message):
    """The reader's background re-wrap moved on."""

    done: float | None
    """The share wrapped (0..1), None when finished."""

    def can_replace(self, message: Message) -> bool:
        """Only the latest progress matters."""
        return isinstance(message, ReflowProgress)


@dataclass
class ReaderStatus(Message):
    """The figures the reader's status line shows changed."""

    info: StatusInfo
    """What to show."""

    def can_replace(self, message: Message) -> bool:
        """Only the latest status matters."""
        return isinstance(message, ReaderStatus)
