"""Postings of one searchable field: for every distinct value, the entries that hold it.

The values are the pieces an entry's folded text is cut into (its words, or its
tags one by one). A needle with no separator in it occurs in an entry's text
exactly when it occurs inside one of the entry's values, so the entries holding
it are the union of the postings of the vocabulary values that contain it.

Python-level loops here run once per entry or per vocabulary value; everything
per word, posting or row runs in C (``map``, ``compress``, ``bytes.translate``,
big-integer arithmetic).
"""

from __future__ import annotations

import operator
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat

DENSE_SHARE = 200
"""A value held by at least 1/DENSE_SHARE of the entries keeps its postings as a bit
set: merging it is then one big-integer OR, whatever its length. (A bit set is
smaller than the list from 1/64 on; between the two, speed is bought with memory.)"""

DENSE_MIN = 256
"""Fewer entries than this never make a bit set (a short tuple is smaller)."""

_EMPTY: array[int] = array("I")

_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


def bits_of(rows: Iterable[int], size: int) -> int:
    """A bit set (bit i set for each row i) of rows below ``size``."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, rows, repeat(1)), 0)
    return pack(flags)


def pack(flags: bytes | bytearray) -> int:
    """The bit set of a run of 0/1 bytes (an eighth of the memory)."""
    return int(flags.translate(_TO_DIGITS)[::-1] or b"0", 2)


def flags_of(bits: int, size: int) -> bytes:
    """One byte per row, 1 where ``bits`` has the row's bit set, else 0."""
    if size == 0:
        return b""
    return format(bits, f"0{size}b")[::-1].encode("ascii").translate(_FROM_DIGITS)


def _numbers() -> array[int]:
    return array("I")


def _piece_lists(vocabulary: list[str]) -> dict[str, array[int]]:
    """For every run of one, two or three letters, the values (by number) holding it."""
    lists: defaultdict[str, array[int]] = defaultdict(_numbers)
    slot = lists.__getitem__
    append = array.append
    add = operator.add
    for number, value in enumerate(vocabulary):
        pairs = list(map(add, value, value[1:]))
        pieces = set(value)
        pieces.update(pairs)
        pieces.update(map(add, pairs, value[2:]))
        deque(map(append, map(slot, pieces), repeat(number)), 0)
    return dict(lists)


class Postings:
    """Which entries (by storage index) hold each distinct value of one field."""

    def __init__(self, values: Iterable[Iterable[str]]) -> None:
        """Build the postings.

        Args:
            values: For each entry in storage order, the values of its field (none
                holding a line break).
        """
        # Unsigned 32-bit arrays: half the memory of lists, and no objects to chase.
        lists: defaultdict[str, array[int]] = defaultdict(_numbers)
        slot = lists.__getitem__
        append = array.append
        size = 0
        for index, entry_values in enumerate(values):
            # One C call per entry, not one per value. A value that comes twice is
            # listed twice, which costs less than making it unique.
            deque(map(append, map(slot, entry_values), repeat(index)), 0)
            size = index + 1
        self.size = size
        """How many entries the postings cover."""
        self.vocabulary = list(lists)
        """Every distinct value."""
        dense_from = max(DENSE_MIN, size // DENSE_SHARE)
        self._dense: dict[int, int] = {}
        self._sparse: list[array[int]] = []
        self.counts: list[int] = []
        """How many times each value occurs in the library."""
        for number, value in enumerate(self.vocabulary):
            rows = lists.pop(value)
            self.counts.append(len(rows))
            if len(rows) >= dense_from:
                self._dense[number] = bits_of(rows, size)
                self._sparse.append(_numbers())
            else:
                self._sparse.append(rows)
        # Fresh copies side by side in memory: the passes over the vocabulary below
        # would otherwise stall on values strewn across the heap.
        self.vocabulary = "\n".join(self.vocabulary).split("\n") if self.vocabulary else []
        self._pieces = _piece_lists(self.vocabulary)

    def values_holding(self, needle: str) -> Sequence[int]:
        """The numbers of the vocabulary values that contain ``needle``."""
        pieces = self._pieces
        if len(needle) <= 3:
            return pieces.get(needle, _EMPTY)  # exact: a value holds it iff it is listed
        runs = [pieces.get(needle[i : i + 3], _EMPTY) for i in range(len(needle) - 2)]
        fewest = min(runs, key=len)
        held = map(operator.contains, map(self.vocabulary.__getitem__, fewest), repeat(needle))
        return list(compress(fewest, held))

    def parts(self, needle: str) -> tuple[int, list[array[int]]]:
        """Where ``needle`` is, in two parts: the bit set of the entries holding a common
        value that contains it, and the postings of the rare values that contain it."""
        numbers = self.values_holding(needle)
        bits = 0
        for dense in filter(None, map(self._dense.get, numbers)):
            bits |= dense
        return bits, list(filter(None, map(self._sparse.__getitem__, numbers)))
