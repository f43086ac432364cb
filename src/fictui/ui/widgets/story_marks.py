"""The story list's marks: stories new this visit, and updated ones with their new chapters."""

from __future__ import annotations

from pathlib import Path

MARK_NEW = "•"
"""The mark of a story new since the last visit."""
MARK_UPDATED = "↑"
"""The mark of a story with new chapters since the last visit."""


class Marks:
    """New/updated marks by file, each with a note such as "2 new chapters"."""

    def __init__(self) -> None:
        self._marks: dict[Path, tuple[str, str]] = {}
        self._chapters: dict[Path, int] = {}

    def __getitem__(self, path: Path) -> tuple[str, str]:
        return self._marks[path]

    def __contains__(self, path: object) -> bool:
        return path in self._marks

    def get(self, path: Path) -> tuple[str, str]:
        """The mark and note of a story, or two empty strings."""
        return self._marks.get(path, ("", ""))

    def add(self, path: Path, kind: str, new_chapters: int = 0) -> None:
        """Mark a story new ("added") or updated ("changed").

        A story new this visit stays new; chapters added in several steps add up.
        """
        if kind == "added":
            self._marks[path] = (MARK_NEW, "new")
        elif kind == "changed" and self.get(path)[0] != MARK_NEW:
            total = self._chapters.get(path, 0) + new_chapters
            self._chapters[path] = total
            note = f"{total} new chapter{'s' if total != 1 else ''}" if total else "updated"
            self._marks[path] = (MARK_UPDATED, note)

    def clear(self, path: Path) -> None:
        """Forget a story's mark (it was opened, or its file is gone)."""
        self._marks.pop(path, None)
        self._chapters.pop(path, None)
