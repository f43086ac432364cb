"""Exact and estimated line counts of wrapped blocks, fast enough to run over a whole story."""

from __future__ import annotations

from rich.cells import cell_len

from fictui.layout import wrap_block
from fictui.model import Block, BlockKind


def _count_words(words: list[str], width: int, ascii_only: bool) -> int | None:
    """Greedy line count of words, as `wrap_spans` wraps them; None when it cannot tell."""
    lines = 0
    used = 0
    current = False
    for word in words:
        size = len(word) if ascii_only else cell_len(word)
        if size > width:
            if not ascii_only:
                # Breaking wide characters follows cell boundaries: let the wrapper decide.
                return None
            if current:
                lines += 1
            pieces, last = divmod(size, width)
            if last == 0:
                pieces, last = pieces - 1, width
            lines += pieces
            current, used = True, last
            continue
        if current and used + size + 1 > width:
            lines += 1
            used = size
        else:
            used += size + (1 if current else 0)
            current = True
    if current or not lines:
        lines += 1
    return lines


def count_lines(block: Block, width: int) -> int:
    """The number of lines ``wrap_block(block, width)`` gives, without building them.

    Args:
        block: A paragraph, quote, verse block, heading or scene break.
        width: The width in cells.

    Returns:
        The exact line count.
    """
    width = max(1, width)
    if block.kind is BlockKind.SCENE_BREAK:
        return 1
    text = block.text
    ascii_only = text.isascii()
    rows = text.split("\n") if block.kind is BlockKind.VERSE else [text]
    total = 0
    for row in rows:
        counted = _count_words(row.split(), width, ascii_only)
        if counted is None:
            return len(wrap_block(block, width))
        total += counted
    return total


def estimate_lines(chars: int, width: int) -> int:
    """A quick guess at a paragraph's line count from its length.

    Args:
        chars: The paragraph's length in characters.
        width: The width in cells.

    Returns:
        At least one line.
    """
    # Greedy wrapping leaves about a tenth of each line empty.
    return max(1, -(-chars * 10 // (max(1, width) * 9)))
