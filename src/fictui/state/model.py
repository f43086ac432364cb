"""The reader's state as plain dataclasses: one WorkState per work, its passage notes."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fictui.model import Address

READING_STATUSES = ("unread", "reading", "finished")
"""The reading statuses a work can have."""


def now() -> datetime:
    """The current time in UTC, to the microsecond (what the state file stores)."""
    return datetime.now(UTC)


def new_note_id() -> str:
    """A fresh passage-note id (uuid4 hex)."""
    return uuid.uuid4().hex


@dataclass(slots=True)
class PassageNote:
    """A note the reader attached to one paragraph."""

    id: str
    """A uuid4 hex that stays with the note through edits, merges and exports."""
    address: Address
    """The paragraph the note belongs to."""
    text: str = ""
    """The reader's note."""
    quote: str = ""
    """The start of the passage, for export and for re-anchoring after re-downloads."""
    created: datetime = field(default_factory=now)
    """When the note was first written."""
    updated: datetime = field(default_factory=now)
    """When the note was last changed."""

    def copy(self) -> PassageNote:
        """A copy that can be changed without touching this one."""
        return PassageNote(self.id, self.address, self.text, self.quote, self.created, self.updated)


@dataclass(slots=True)
class WorkState:
    """Everything fictui remembers about one work, keyed by the work's identity."""

    identity: str
    """The work's identity (source URL, AO3 work id or content fingerprint)."""
    title: str = ""
    """The title when last seen, for lists and exports."""
    authors: list[str] = field(default_factory=list)
    """The authors when last seen."""
    path: str = ""
    """The last known path of the file: a hint only, the identity is the key."""
    notes: str = ""
    """The reader's own free notes on the work."""
    passage_notes: list[PassageNote] = field(default_factory=list)
    """Notes attached to paragraphs."""
    position: Address | None = None
    """Where the reader stopped."""
    progress: float = 0.0
    """How far through the work the reader is, from 0 to 1."""
    bookmarks: dict[str, Address] = field(default_factory=dict)
    """Bookmarks by letter."""
    status: str = "unread"
    """One of "unread", "reading" or "finished"."""
    last_read: datetime | None = None
    """When the reader last had the work open."""
    seen_chapters: int | None = None
    """The chapter count when last seen, to announce new chapters."""
    added: datetime | None = None
    """When fictui first met the work."""

    def copy(self) -> WorkState:
        """A deep copy that can be changed without touching this one."""
        # Written out rather than copy.deepcopy: saves copy every work, and
        # addresses, strings and datetimes are immutable so they can be shared.
        return WorkState(
            identity=self.identity,
            title=self.title,
            authors=list(self.authors),
            path=self.path,
            notes=self.notes,
            passage_notes=[note.copy() for note in self.passage_notes],
            position=self.position,
            progress=self.progress,
            bookmarks=dict(self.bookmarks),
            status=self.status,
            last_read=self.last_read,
            seen_chapters=self.seen_chapters,
            added=self.added,
        )

    def is_empty(self) -> bool:
        """True when nothing worth keeping is recorded beyond the work's name."""
        return (
            not self.notes
            and not self.passage_notes
            and self.position is None
            and not self.bookmarks
            and self.status == "unread"
            and self.progress == 0.0
            and self.last_read is None
        )

    def note(self, note_id: str) -> PassageNote | None:
        """The passage note with this id, or None."""
        for note in self.passage_notes:
            if note.id == note_id:
                return note
        return None


@dataclass(slots=True)
class StateDocument:
    """The whole state file: every work and the UI settings."""

    works: dict[str, WorkState] = field(default_factory=dict)
    """Works by identity."""
    settings: dict[str, object] = field(default_factory=dict)
    """UI choices such as theme and sort (TOML values only)."""

    def copy(self) -> StateDocument:
        """A deep copy that can be changed without touching this one."""
        return StateDocument(
            works={identity: work.copy() for identity, work in self.works.items()},
            settings=copy.deepcopy(self.settings),
        )

    def is_empty(self) -> bool:
        """True when the document holds no work and no setting."""
        return not self.works and not self.settings
