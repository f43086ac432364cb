"""The story list's columns and rows: which columns fit a width, and one row as segments."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from fictui.library.entry import Entry
from fictui.library.query import UserFacts

Highlighter = Callable[[str], list[tuple[int, int]]]
"""Gives the (start, end) spans of a text that match the filter."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the story list."""

    key: str
    """What the column shows."""
    header: str
    """The column's heading."""
    width: int
    """Fixed width in cells; 0 for a column that shares the free space."""
    share: int = 0
    """How much of the free space a flexible column takes, relative to the others."""
    right: bool = False
    """Right-align the cells (numbers)."""
    min_width: int = 0
    """Show the column only when the list is at least this wide."""


COLUMNS: tuple[Column, ...] = (
    Column("mark", " ", 1),
    Column("title", "Title", 0, share=5),
    Column("authors", "Author", 0, share=3),
    Column("fandom", "Fandom", 0, share=3, min_width=110),
    Column("rating", "Rating", 8, min_width=120),
    Column("words", "Words", 6, right=True, min_width=40),
    Column("chapters", "Ch.", 7, right=True, min_width=50),
    Column("status", "Done", 4, min_width=70),
    Column("progress", "Read", 4, right=True, min_width=56),
    Column("last_read", "Last", 5, right=True, min_width=64),
    Column("added", "Added", 10, min_width=130),
)
"""Every column, in display order."""

MARK_ERROR = "!"
"""The mark of a file that could not be read."""


@dataclass(frozen=True, slots=True)
class RowStyles:
    """The rich styles a row is drawn with (from the list's component classes)."""

    base: Style
    """Ordinary text."""
    dim: Style
    """The secondary columns."""
    match: Style
    """Text that matches the filter."""
    error: Style
    """The reason a file could not be read."""
    new: Style
    """The new/updated mark."""
    cursor: Style
    """Laid over the whole row under the cursor."""


def fit_columns(width: int) -> list[tuple[Column, int]]:
    """The columns that fit a list ``width`` cells wide, each with its width.

    Args:
        width: The list's content width.

    Returns:
        (column, cells) pairs; columns are separated by one space.
    """
    chosen = [c for c in COLUMNS if width >= c.min_width]
    fixed = sum(c.width for c in chosen) + len(chosen) - 1
    free = max(width - fixed, 0)
    shares = sum(c.share for c in chosen if c.width == 0) or 1
    result: list[tuple[Column, int]] = []
    given = 0
    flexible = [c for c in chosen if c.width == 0]
    for column in chosen:
        if column.width:
            result.append((column, column.width))
        elif column is flexible[-1]:
            result.append((column, max(free - given, 1)))
        else:
            cells = max(free * column.share // shares, 1)
            given += cells
            result.append((column, cells))
    return result


def human_words(words: int) -> str:
    """A word count in at most six cells: 850, 12.3k, 250k, 1.2M."""
    if words < 1000:
        return str(words)
    if words < 100_000:
        return f"{words / 1000:.1f}k"
    if words < 1_000_000:
        return f"{words // 1000}k"
    return f"{words / 1_000_000:.1f}M"


def human_age(when: float | None, now: float) -> str:
    """How long ago, in at most five cells: today, 3d, 2w, 5mo, 1y."""
    if when is None:
        return ""
    days = max(int((now - when) // 86400), 0)
    if days == 0:
        return "today"
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 365:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def cell_text(entry: Entry, key: str, facts: UserFacts | None, mark: str, now: float) -> str:
    """The text of one cell of a row."""
    if key == "mark":
        return MARK_ERROR if entry.error else mark
    if key == "title":
        return entry.title or entry.name
    if entry.error:
        return ""
    if key == "authors":
        return ", ".join(entry.authors)
    if key == "fandom":
        return ", ".join(entry.fandoms)
    if key == "rating":
        return entry.rating
    if key == "words":
        return human_words(entry.words)
    if key == "chapters":
        return entry.chapters_label
    if key == "status":
        return {"complete": "done", "in-progress": "wip"}.get(entry.status, "")
    if key == "progress":
        if facts is None or (facts.status == "unread" and not facts.progress):
            return ""
        return "done" if facts.status == "finished" else f"{round(facts.progress * 100)}%"
    if key == "last_read":
        return human_age(facts.last_read if facts else None, now)
    if key == "added":
        return time.strftime("%Y-%m-%d", time.localtime(entry.added)) if entry.added else ""
    return ""


def _fit(text: str, cells: int, right: bool) -> str:
    # Sanitized ASCII is one cell a character; measuring it the long way is most of
    # the cost of drawing a row.
    width = len(text) if text.isascii() else cell_len(text)
    if width > cells:
        return set_cell_size(text, cells - 1) + "…" if cells > 1 else set_cell_size(text, cells)
    pad = " " * (cells - width)
    return pad + text if right else text + pad


def _highlighted(
    text: str, style: Style, match: Style, spans: list[tuple[int, int]]
) -> list[Segment]:
    segments: list[Segment] = []
    at = 0
    for start, end in spans:
        if start >= len(text):
            break
        if start > at:
            segments.append(Segment(text[at:start], style))
        segments.append(Segment(text[start:end], style + match))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:], style))
    return segments


def row_segments(
    entry: Entry,
    columns: Sequence[tuple[Column, int]],
    styles: RowStyles,
    *,
    facts: UserFacts | None = None,
    mark: str = "",
    note: str = "",
    highlight: Highlighter | None = None,
    cursor: bool = False,
    now: float | None = None,
) -> list[Segment]:
    """One row of the list as segments (plain text, never markup).

    Args:
        entry: The story.
        columns: The columns and widths from fit_columns.
        styles: The styles to draw with.
        facts: The reader's own data on the work (progress, last read).
        mark: MARK_NEW, MARK_UPDATED or "".
        note: Said after the title, such as "2 new chapters".
        highlight: Finds the filter's matches in the title and authors.
        cursor: Draw the row as the one under the cursor.
        now: The time to measure "last read" against.

    Returns:
        The segments, as wide as the columns and their separators.
    """
    moment = time.time() if now is None else now
    segments: list[Segment] = []
    for index, (column, cells) in enumerate(columns):
        if index:
            segments.append(Segment(" ", styles.base))
        if entry.error and column.key == "authors":
            # The reason takes the rest of the row: it matters more than empty columns.
            rest = sum(width for _, width in columns[index:]) + len(columns) - index - 1
            segments.append(Segment(_fit(f"unreadable: {entry.error}", rest, False), styles.error))
            break
        if column.key == "title" and note:
            # The note ("2 new chapters") survives; the title gives way.
            suffix = f" · {note}"
            title = _fit(entry.title or entry.name, max(cells - cell_len(suffix), 1), False)
            text = _fit(title.rstrip() + suffix, cells, False)
        else:
            text = _fit(cell_text(entry, column.key, facts, mark, moment), cells, column.right)
        if column.key == "mark":
            style = styles.error if entry.error else styles.new
        elif column.key in ("title", "authors"):
            style = styles.base
        else:
            style = styles.dim
        if highlight is not None and column.key in ("title", "authors", "fandom") and text.strip():
            segments.extend(_highlighted(text, style, styles.match, highlight(text)))
        else:
            segments.append(Segment(text, style))
    if cursor:
        segments = [
            Segment(text, (style or styles.base) + styles.cursor) for text, style, _ in segments
        ]
    return segments


def header_segments(columns: Sequence[tuple[Column, int]], style: Style) -> list[Segment]:
    """The header row of the list."""
    parts = [_fit(column.header, cells, column.right) for column, cells in columns]
    return [Segment(" ".join(parts), style)]
