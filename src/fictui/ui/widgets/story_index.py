"""The story list's filter index: when to build one, and keeping it true to the list."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from itertools import compress, count

from fictui.library.entry import Entry
from fictui.library.filter_index import FilterIndex

INDEX_MIN = 5000
"""From this many stories the list keeps a filter index (built in a worker) to filter by."""

INDEX_LAG = 5000
"""Entries added or replaced since the index was built, past which it is built again."""


class IndexKeeper:
    """Which filter index the list may filter with, and when a new one is wanted.

    Builds run in a worker from a snapshot of the entries; each build is tagged with
    the generation of the entries' positions, so one that lands after the stories
    moved (a new library, files gone) is dropped.
    """

    def __init__(self) -> None:
        self.index: FilterIndex | None = None
        """The index that fits the list's entries now, or None while there is none."""
        self.generation = 0
        """Bumped whenever entries move to other positions."""
        self._building: int | None = None

    def moved(self) -> None:
        """Positions changed: the index no longer fits (filtering scans until the next)."""
        self.generation += 1
        self.index = None

    def touched(self, at: int) -> None:
        """The entry at ``at`` was replaced (a re-download)."""
        if self.index is not None:
            self.index.touch(at)

    def wanted(self, stories: int) -> bool:
        """True when a build should start now (and it is then counted as started)."""
        index = self.index
        if stories < INDEX_MIN:
            self.index = None
            return False
        if index is not None and index.stale + stories - index.size < INDEX_LAG:
            return False
        if self._building == self.generation:
            return False  # one build at a time; the list asks again when it lands
        self._building = self.generation
        return True

    def landed(
        self, index: FilterIndex, snapshot: list[Entry], entries: Sequence[Entry], generation: int
    ) -> None:
        """A build finished: keep it if the entries still sit where they did."""
        if self._building == generation:
            self._building = None
        if generation != self.generation:
            return
        for at in compress(count(), map(operator.is_not, entries, snapshot)):
            index.touch(at)  # replaced while the worker ran
        self.index = index
