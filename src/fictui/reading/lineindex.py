"""Prefix sums of line counts (a Fenwick tree): line to item and item to line in O(log n)."""

from __future__ import annotations

from collections.abc import Sequence


class LineIndex:
    """Line counts of a document's items at one width, with fast position lookups."""

    def __init__(self, counts: Sequence[int], exact: bytearray | None = None) -> None:
        """Build the index in linear time.

        Args:
            counts: The line count of every item.
            exact: One byte per item, 1 when its count is exact (default: none are).
        """
        self.counts = list(counts)
        self.exact = exact if exact is not None else bytearray(len(self.counts))
        size = len(self.counts)
        tree = [0] * (size + 1)
        for index, count in enumerate(self.counts, 1):
            tree[index] += count
            parent = index + (index & -index)
            if parent <= size:
                tree[parent] += tree[index]
        self._tree = tree
        self._total = sum(self.counts)
        self._top_bit = 1 << size.bit_length() if size else 0

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def total(self) -> int:
        """The number of lines of the whole document."""
        return self._total

    def line_of(self, item: int) -> int:
        """The first line of an item (the sum of the counts before it)."""
        item = max(0, min(item, len(self.counts)))
        total = 0
        tree = self._tree
        while item > 0:
            total += tree[item]
            item -= item & -item
        return total

    def locate(self, line: int) -> tuple[int, int]:
        """The item shown at a line, and the line's offset within the item.

        Args:
            line: A document line (clamped to the document).

        Returns:
            (item index, offset); (0, 0) for an empty document.
        """
        if not self.counts:
            return (0, 0)
        line = max(0, min(line, self._total - 1))
        position = 0
        remaining = line
        step = self._top_bit
        tree = self._tree
        size = len(self.counts)
        while step:
            nxt = position + step
            if nxt <= size and tree[nxt] <= remaining:
                position = nxt
                remaining -= tree[nxt]
            step >>= 1
        return (position, remaining)

    def set(self, item: int, count: int, *, exact: bool = True) -> bool:
        """Change one item's count.

        Returns:
            True when the count changed.
        """
        delta = count - self.counts[item]
        if exact:
            self.exact[item] = 1
        if not delta:
            return False
        self.counts[item] = count
        self._total += delta
        index = item + 1
        tree = self._tree
        size = len(self.counts)
        while index <= size:
            tree[index] += delta
            index += index & -index
        return True
