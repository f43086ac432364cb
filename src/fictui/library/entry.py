"""The Entry record: one story of the library as the list shows it, with folded search text."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fictui.formats.detect import format_for_name
from fictui.model import Story
from fictui.text.sanitize import display_path, sanitize_line


def fold(text: str) -> str:
    """Fold text for matching: case- and accent-insensitive (NFKD, marks dropped, casefold).

    Args:
        text: Any string.

    Returns:
        The folded string; plain ASCII takes a fast path.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


GRAM_BITS = 1024
"""Bits in a letter-pair mask: enough that a long summary still leaves most bits clear."""


def gram_mask(text: str) -> int:
    """A bit mask with one bit (of GRAM_BITS) set per distinct pair of adjacent characters.

    If a word occurs in a text, every bit of the word's mask is set in the text's mask,
    so entries whose mask lacks one can be skipped without a substring search.
    The pair-to-bit mapping is fixed (not Python's salted hash) as masks are cached.

    Args:
        text: A folded string.

    Returns:
        The mask (0 for texts shorter than two characters).
    """
    bits = bytearray(GRAM_BITS // 8)
    for pair in {text[i : i + 2] for i in range(len(text) - 1)}:
        bit = (ord(pair[0]) * 7919 + ord(pair[1])) % GRAM_BITS
        bits[bit >> 3] |= 1 << (bit & 7)
    return int.from_bytes(bits, "little")


@lru_cache(maxsize=4096)
def fold_cached(text: str) -> str:
    """fold() remembered, for strings that come back on every keystroke (the reader's notes)."""
    return fold(text)


SEPARATOR = "\n"
"""Between the parts of a haystack, so a phrase never matches across two fields."""


@dataclass(slots=True)
class Entry:
    """One story of the library: its metadata as read from the file, or why it could not be."""

    path: Path
    """The file (raw; use ``name`` for display)."""
    name: str = ""
    """The sanitized display name: the path relative to the library root."""
    title: str = ""
    """The work's title (sanitized)."""
    authors: list[str] = field(default_factory=list)
    """The authors, in byline order (sanitized)."""
    words: int = 0
    """Words in the body (estimated from the file size for very large files)."""
    chapters: int = 0
    """Chapters in the file."""
    chapters_total: int | None = None
    """Chapters the work is declared to have, None when unknown or open-ended."""
    status: str = "unknown"
    """'complete', 'in-progress' or 'unknown'."""
    format: str = ""
    """txt, html, epub or markdown."""
    fandoms: list[str] = field(default_factory=list)
    """The work's fandoms."""
    rating: str = ""
    """The work's rating, empty when the file does not say."""
    tags: dict[str, list[str]] = field(default_factory=dict)
    """All tags by kind."""
    summary: str = ""
    """The work's summary."""
    identity: str = ""
    """The work's identity, shared by every download of it (notes are keyed by it)."""
    size: int = 0
    """File size in bytes."""
    mtime: float = 0.0
    """File modification time (epoch seconds)."""
    added: float = 0.0
    """When fictui first saw this file (epoch seconds)."""
    published: str | None = None
    """First publication date (ISO), when known."""
    updated: str | None = None
    """Last update date (ISO), when known."""
    error: str | None = None
    """Why the file could not be read (the row shows it), else None."""
    haystack: str = ""
    """Folded title, authors, tags and summary: what plain words search."""
    authors_key: str = ""
    """Folded authors, one per line (for `author:`)."""
    tags_key: str = ""
    """Folded tags of every kind, one per line (for `tag:`)."""
    fandoms_key: str = ""
    """Folded fandoms, one per line (for `fandom:`)."""
    title_key: str = ""
    """The folded title, for sorting."""
    grams: int = 0
    """A bit mask of the letter pairs in the haystack (see gram_mask): lets a filter skip
    most entries without scanning their text."""

    def __post_init__(self) -> None:
        if not self.haystack:
            self.refold()

    def refold(self) -> None:
        """Recompute the folded search fields after the metadata changed."""
        tag_values = [tag for values in self.tags.values() for tag in values]
        self.title_key = fold(self.title)
        self.authors_key = fold(SEPARATOR.join(self.authors))
        self.tags_key = fold(SEPARATOR.join(tag_values))
        self.fandoms_key = fold(SEPARATOR.join(self.fandoms))
        # The file name is left out (the title mostly repeats it): shorter haystacks filter faster.
        parts = [self.title, *self.authors, *tag_values, self.summary]
        self.haystack = fold(SEPARATOR.join(part for part in parts if part))
        self.grams = gram_mask(self.haystack)

    @property
    def is_complete(self) -> bool:
        """True when the work is finished."""
        return self.status == "complete"

    @property
    def chapters_label(self) -> str:
        """Chapters as a reader expects them: '3/10'; '3/?' for an unfinished work, '3/3'
        for a finished one, '3' when the file does not say."""
        if self.chapters_total is not None:
            return f"{self.chapters}/{self.chapters_total}"
        if self.status == "complete":
            return f"{self.chapters}/{self.chapters}"
        if self.status == "in-progress":
            return f"{self.chapters}/?"
        return str(self.chapters)


def relative_name(path: Path, root: Path | None) -> str:
    """The sanitized display name of a path, relative to the library root when inside it."""
    if root is not None:
        try:
            return display_path(os.path.relpath(path, root))
        except ValueError:
            pass
    return display_path(path)


def entry_from_story(
    story: Story,
    path: Path,
    *,
    root: Path | None = None,
    size: int = 0,
    mtime: float = 0.0,
    added: float = 0.0,
    words: int | None = None,
) -> Entry:
    """Build the list entry of a story already read (and sanitized) by read_story.

    Args:
        story: The story.
        path: The file it came from.
        root: The library root, for the display name.
        size: The file size.
        mtime: The file's modification time.
        added: When fictui first saw the file.
        words: A word count to use instead of the story's own (an estimate for a head read).

    Returns:
        The entry.
    """
    tags = {kind: list(values) for kind, values in story.tags.items()}
    ratings = tags.get("rating", [])
    return Entry(
        path=path,
        name=relative_name(path, root),
        title=story.title or sanitize_line(path.stem),
        authors=list(story.authors),
        words=story.words if words is None else words,
        chapters=len(story.chapters),
        chapters_total=story.chapters_total,
        status=str(story.status.value),
        format=story.format,
        fandoms=list(tags.get("fandoms", [])),
        rating=ratings[0] if ratings else "",
        tags=tags,
        summary=story.summary,
        identity=story.identity,
        size=size,
        mtime=mtime,
        added=added,
        published=story.published.isoformat() if story.published else None,
        updated=story.updated.isoformat() if story.updated else None,
    )


def error_entry(
    path: Path,
    reason: str,
    *,
    root: Path | None = None,
    size: int = 0,
    mtime: float = 0.0,
    added: float = 0.0,
) -> Entry:
    """The row of a file that could not be read: its name as title, and the reason.

    Args:
        path: The file.
        reason: Why it could not be read (sanitized here).
        root: The library root, for the display name.
        size: The file size, when known.
        mtime: The modification time, when known.
        added: When fictui first saw the file.

    Returns:
        The error entry; its identity is the path, so it never merges with a real work.
    """
    name = relative_name(path, root)
    return Entry(
        path=path,
        name=name,
        title=sanitize_line(path.name),
        format=format_for_name(path) or "",
        identity=f"file:{name}",
        size=size,
        mtime=mtime,
        added=added,
        error=sanitize_line(reason) or "unreadable",
    )


ENTRY_FIELDS: tuple[str, ...] = tuple(Entry.__dataclass_fields__)
"""The fields of an Entry, in order (the index stores rows in this order)."""
