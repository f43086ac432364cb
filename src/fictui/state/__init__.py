"""The reader's state: notes, positions and bookmarks, saved atomically."""

from fictui.state.model import PassageNote, StateDocument, WorkState
from fictui.state.store import StateStore, read_works

__all__ = ["PassageNote", "StateDocument", "StateStore", "WorkState", "read_works"]
