"""Case- and accent-insensitive search over a document's texts, with hit navigation."""

from __future__ import annotations

import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass


class _FoldTable(dict[str, str]):
    """Each character folded on its own: case folded, accents and other marks dropped."""

    def __missing__(self, char: str) -> str:
        decomposed = unicodedata.normalize("NFKD", char.casefold())
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[char] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Fold a text for searching, keeping a way back to the original offsets.

    Args:
        text: Original text.

    Returns:
        The folded text and, when folding changed the length, the original
        offset of every folded character plus one final entry for the end
        (None means offsets are the same in both).
    """
    if text.isascii():
        return text.lower(), None
    pieces = list(map(_FOLD.__getitem__, text))
    folded = "".join(pieces)
    if len(folded) == len(text) and all(len(piece) == 1 for piece in pieces):
        return folded, None
    offsets: list[int] = []
    for index, piece in enumerate(pieces):
        offsets.extend([index] * len(piece))
    offsets.append(len(text))
    return folded, offsets


def fold_query(query: str) -> str:
    """Fold a query the way texts are folded."""
    return fold(query)[0]


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """One match: an item of the document and a range of its text."""

    item: int
    """The document item holding the match."""
    start: int
    """Offset of the first matched character in the item's text."""
    end: int
    """Offset just after the match."""


class SearchIndex:
    """Folded texts of a document, built once and searched many times."""

    def __init__(self, texts: Sequence[str | None] | Callable[[], Sequence[str | None]]) -> None:
        """Keep the texts; they are gathered and folded on the first search.

        Args:
            texts: The text of each item (None for items that are never searched),
                or a function giving them, so a big document is read in a worker.
        """
        self._texts = texts
        self._folded: list[tuple[str, list[int] | None] | None] | None = None
        # Searches of one document may run in several workers; fold only once.
        self._lock = threading.Lock()

    def _fold_all(self) -> list[tuple[str, list[int] | None] | None]:
        with self._lock:
            if self._folded is None:
                texts = self._texts() if callable(self._texts) else self._texts
                self._folded = [None if text is None else fold(text) for text in texts]
            return self._folded

    def find(self, query: str, cancelled: Callable[[], bool] | None = None) -> list[Hit]:
        """Every non-overlapping match of ``query``.

        Args:
            query: What to look for; case and accents do not matter.
            cancelled: Polled now and then; the search stops early when it returns True.

        Returns:
            The hits in reading order (empty for a blank query).
        """
        needle = fold_query(query.strip())
        if not needle:
            return []
        hits: list[Hit] = []
        for item, entry in enumerate(self._fold_all()):
            if entry is None:
                continue
            if cancelled is not None and item % 4096 == 0 and cancelled():
                break
            folded, offsets = entry
            start = folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                if offsets is None:
                    hits.append(Hit(item, start, end))
                else:
                    hits.append(Hit(item, offsets[start], offsets[end]))
                start = folded.find(needle, end)
        return hits


def first_hit_from(hits: Sequence[Hit], item: int) -> int | None:
    """The index of the first hit at or after ``item``, wrapping to the start."""
    if not hits:
        return None
    index = bisect_left(hits, Hit(item, -1, -1))
    return index if index < len(hits) else 0


def next_hit(hits: Sequence[Hit], current: int | None, item: int) -> int | None:
    """The hit after ``current`` (wrapping), or the first from ``item`` with no current hit."""
    if not hits:
        return None
    if current is None:
        return first_hit_from(hits, item)
    return (current + 1) % len(hits)


def previous_hit(hits: Sequence[Hit], current: int | None, item: int) -> int | None:
    """The hit before ``current`` (wrapping), or the last before ``item`` with no current hit."""
    if not hits:
        return None
    if current is None:
        index = bisect_right(hits, Hit(item, -1, -1)) - 1
        return index if index >= 0 else len(hits) - 1
    return (current - 1) % len(hits)


def _non_space_before(text: str, offset: int) -> int:
    return offset - sum(1 for char in text[:offset] if char.isspace())


class SearchState:
    """The current search: its query, hits, the current hit and the hits of each item."""

    def __init__(self) -> None:
        """Start with no search."""
        self.query = ""
        self.hits: list[Hit] = []
        self.current: int | None = None
        self._by_item: dict[int, list[int]] = {}

    def __bool__(self) -> bool:
        return bool(self.query)

    def set(self, query: str, hits: list[Hit], item: int) -> None:
        """Take the hits of a new search; the current hit is the first at or after ``item``."""
        self.query = query
        self.hits = hits
        self._by_item = {}
        for number, hit in enumerate(hits):
            self._by_item.setdefault(hit.item, []).append(number)
        self.current = first_hit_from(hits, item)

    def clear(self) -> None:
        """Forget the search."""
        self.query, self.hits, self.current, self._by_item = "", [], None, {}

    @property
    def current_hit(self) -> Hit | None:
        """The current hit, if any."""
        return None if self.current is None else self.hits[self.current]

    def counter(self) -> str:
        """The status line's counter: "3/17", "0/0", or "" with no search."""
        if not self.query:
            return ""
        shown = 0 if self.current is None else self.current + 1
        return f"{shown}/{len(self.hits)}"

    def step(self, forward: bool, item: int) -> Hit | None:
        """Move to the next (or previous) hit, wrapping round; returns it."""
        move = next_hit if forward else previous_hit
        self.current = move(self.hits, self.current, item)
        return self.current_hit

    def ranges(self, item: int, text: str) -> list[tuple[int, int, bool]] | None:
        """An item's hits as (first, end, is current) counted in non-space characters.

        Wrapping changes spaces but never the other characters, so these ranges
        find the hits again on the wrapped lines.
        """
        numbers = self._by_item.get(item)
        if not numbers:
            return None
        return [
            (
                _non_space_before(text, self.hits[n].start),
                _non_space_before(text, self.hits[n].end),
                n == self.current,
            )
            for n in numbers
        ]
