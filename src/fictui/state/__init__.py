"""The reader's state: notes, positions and bookmarks, saved atomically."""
