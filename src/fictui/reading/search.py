"""Case- and accent-insensitive search over a document's texts, with hit navigation."""

from __future__ import annotations

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

    def __init__(self, texts: Sequence[str | None]) -> None:
        """Keep the texts; they are folded lazily on the first search.

        Args:
            texts: The text of each item (None for items that are never searched).
        """
        self._texts = texts
        self._folded: list[tuple[str, list[int] | None] | None] | None = None

    def _fold_all(self) -> list[tuple[str, list[int] | None] | None]:
        if self._folded is None:
            self._folded = [None if text is None else fold(text) for text in self._texts]
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
