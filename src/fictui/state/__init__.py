"""The reader's state: notes, positions and bookmarks, saved atomically."""

from fictui.state.model import PassageNote, StateDocument, WorkState
from fictui.state.store import StateStore

__all__ = ["PassageNote", "StateDocument", "StateStore", "WorkState"]
